"""The REST door: JSON in, a file (or the one JSON error shape) out. It translates, nothing else."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from docgen import documents
from docgen.errors import NotFound, UnsupportedMediaType
from docgen.naming import content_disposition
from docgen.service import MIMETYPES, DocumentService, GeneratedFile

blp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Văn bản tiếp xúc cử tri theo Nghị định 30/2020/NĐ-CP",
)


class FormatQuery(Schema):
    """?format=docx|pdf (the Accept header is read when it is absent)."""

    format = fields.String(
        validate=validate.OneOf(list(MIMETYPES)),
        metadata={"description": "docx (mặc định) hoặc pdf; có thể dùng header Accept"},
    )


class DocumentTypeOut(Schema):
    """One document type as listed by GET /document-types."""

    id = fields.String()
    title = fields.String()
    description = fields.String()
    schema_url = fields.String()
    endpoint = fields.String()


def service() -> DocumentService:
    """The app's document service."""
    return current_app.extensions["docgen"]


def negotiate(query_format: str | None) -> str:
    """?format wins; otherwise the best of the Accept header; otherwise DOCX."""
    if query_format:
        return query_format
    best = request.accept_mimetypes.best_match([MIMETYPES["docx"], MIMETYPES["pdf"]])
    return "pdf" if best == MIMETYPES["pdf"] else "docx"


def file_response(generated: GeneratedFile) -> Response:
    """The file as a download, named for a clerk, with any warnings in a header."""
    response = Response(generated.content, mimetype=generated.mimetype)
    response.headers["Content-Disposition"] = content_disposition(generated.filename)
    response.headers["X-Docgen-Document-Type"] = generated.type_id
    return response


@blp.before_request
def require_json() -> None:
    """Document bodies are JSON: anything else is 415, before any parsing."""
    endpoint = request.endpoint or ""
    if request.method == "POST" and "document" in endpoint and not request.is_json:
        raise UnsupportedMediaType(
            "Nội dung gửi lên phải là JSON (Content-Type: application/json)."
        )


@blp.route("/document-types")
class DocumentTypes(MethodView):
    """The document types docgen writes."""

    @blp.response(200, DocumentTypeOut(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List the document types, with their Vietnamese titles."""
        return [
            {
                "id": doc.id,
                "title": doc.title,
                "description": doc.description,
                "schema_url": url_for("api.json_schema", type_id=doc.id),
                "endpoint": url_for(f"api.document_{doc.id}"),
            }
            for doc in documents.REGISTRY.values()
        ]


def _file_responses(doc: documents.DocumentType) -> dict[int, Any]:
    """OpenAPI description of a file response and the error statuses."""
    error = {
        "description": "Lỗi, theo một khuôn JSON chung: {error: {status, code, message, fields}}"
    }
    return {
        200: {
            "description": f"{doc.title} (DOCX hoặc PDF)",
            "content": {
                mime: {"schema": {"type": "string", "format": "binary"}}
                for mime in MIMETYPES.values()
            },
        },
        400: error,
        413: error,
        415: error,
        422: error,
        503: {"description": "Chưa cài LibreOffice: không tạo được PDF (DOCX vẫn được)."},
    }


def _register_document(doc: documents.DocumentType) -> None:
    """POST /documents/<id>: the type's schema validates the body and documents the API."""

    def create(query: dict[str, Any], data: dict[str, Any]) -> Response:
        # flask-smorest passes the outer decorator's arguments first.
        generated = service().generate(doc.id, data, negotiate(query.get("format")))
        return file_response(generated)

    create.__doc__ = f"{doc.title}: dữ liệu JSON → DOCX hoặc PDF.\n\n{doc.description}"
    view = blp.arguments(doc.schema, location="json")(create)
    view = blp.arguments(FormatQuery, location="query")(view)
    view = blp.doc(responses=_file_responses(doc), operationId=f"create_{doc.id}")(view)
    blp.route(f"/documents/{doc.id}", endpoint=f"document_{doc.id}", methods=["POST"])(view)


for _doc in documents.REGISTRY.values():
    _register_document(_doc)


@blp.route("/schemas/<type_id>.schema.json")
@blp.doc(responses={200: {"description": "JSON Schema 2020-12 của dữ liệu loại văn bản"}})
def json_schema(type_id: str) -> Response:
    """The JSON Schema of a document type's data (the same as schemas/<type>.schema.json)."""
    from docgen import contracts

    documents.get(type_id)  # NotFound for an unknown type
    return jsonify(contracts.json_schema(contracts.openapi(current_app), type_id))


class CheckQuery(Schema):
    """?kind=auto|typed|cong_van|bien_ban|giay_moi"""

    kind = fields.String(
        load_default="auto",
        validate=validate.OneOf(["auto", "typed", "cong_van", "bien_ban", "giay_moi"]),
        metadata={"description": "Mẫu văn bản để đối chiếu; auto: tự nhận biết"},
    )


@blp.route("/check", methods=["POST"])
@blp.arguments(CheckQuery, location="query")
@blp.doc(
    requestBody={
        "content": {
            MIMETYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        }
    },
    responses={200: {"description": "Kết quả kiểm tra thể thức theo Nghị định 30/2020"}},
)
def check(query: dict[str, Any]) -> Response:
    """Check a DOCX (the raw body, or a multipart field `file`) against Decree 30."""
    upload = request.files.get("file")
    if upload is not None:
        docx = upload.read()
    elif request.mimetype in (MIMETYPES["docx"], "application/octet-stream"):
        docx = request.get_data()
    else:
        raise UnsupportedMediaType(
            "Gửi tệp DOCX (Content-Type của DOCX) hoặc multipart/form-data với trường file."
        )
    report = service().check(docx, query["kind"])
    return jsonify(report.to_dict())


@blp.route("/documents/<type_id>", methods=["POST"])
@blp.doc(hide=True)
def unknown_document(type_id: str) -> Response:
    """Any other type id: 404 naming the known ones."""
    raise NotFound(documents.get(type_id).id)  # documents.get raises NotFound first
