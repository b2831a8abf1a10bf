"""The REST door: JSON in, a file (or the one JSON error shape) out. It translates, nothing else."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from docgen import documents, round_output
from docgen.errors import InvalidData, NotFound, UnsupportedMediaType
from docgen.naming import content_disposition, safe_filename
from docgen.round_warnings import yearly_coverage
from docgen.schemas.round import RoundSchema
from docgen.service import FORMATS, MIMETYPES, DocumentService, GeneratedFile

blp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Văn bản tiếp xúc cử tri theo Nghị định 30/2020/NĐ-CP",
)


class FormatQuery(Schema):
    """?format=docx|pdf (the Accept header is read when it is absent)."""

    format = fields.String(
        validate=validate.OneOf(list(FORMATS)),
        metadata={
            "description": "docx (mặc định), pdf, hoặc pdfa (PDF/A-2b để lưu trữ); "
            "có thể dùng header Accept"
        },
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
    json_only = "document" in endpoint or "round" in endpoint
    if request.method == "POST" and json_only and not request.is_json:
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


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Số giây nên chờ trước khi gửi lại (khi pdf_busy)",
        "schema": {"type": "integer"},
    }
}


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
        502: {"description": "LibreOffice không tạo được PDF (khuôn lỗi JSON chung)."},
        503: {
            "description": "Chưa cài LibreOffice (pdf_unavailable), hoặc mọi bộ chuyển PDF đều "
            "bận (pdf_busy, kèm header Retry-After): DOCX vẫn được.",
            "headers": _RETRY_AFTER,
        },
        504: {"description": "Chuyển sang PDF quá thời gian, kể cả lần thử lại (khuôn lỗi chung)."},
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
                    "required": ["file"],
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
    elif request.mimetype == "multipart/form-data":
        raise InvalidData.from_messages({"file": ["Thiếu tệp DOCX cần kiểm tra (trường file)."]})
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


ROUND_FORMATS = {"zip": "application/zip", "pdf": "application/pdf", "pdfa": "application/pdf"}


class RoundQuery(Schema):
    """?format=zip|pdf|pdfa&duplex=true for a round (Accept is read when format is absent)."""

    format = fields.String(
        validate=validate.OneOf(list(ROUND_FORMATS)),
        metadata={
            "description": "zip (mặc định: các tệp DOCX và manifest.json), pdf (một tệp gộp để "
            "in) hoặc pdfa (tệp gộp PDF/A-2b để lưu trữ)"
        },
    )
    duplex = fields.Boolean(
        load_default=False,
        metadata={
            "description": "In hai mặt: mỗi văn bản của tệp PDF gộp bắt đầu ở trang lẻ "
            "(thêm trang trắng khi cần)"
        },
    )


_WARNINGS_DOC = (
    "Cảnh báo (không phải lỗi) dạng JSON chỉ gồm ký tự ASCII (\\u…): [{code, message, data}, …]; "
    "quá 6.000 byte thì bỏ message, rồi bỏ bớt cảnh báo cuối (số bị bỏ ở "
    "X-Docgen-Warnings-Omitted); manifest.json và /rounds/check luôn có đủ"
)


@blp.route("/rounds", methods=["POST"], endpoint="create_round")
@blp.arguments(RoundQuery, location="query")
@blp.arguments(RoundSchema, location="json")
@blp.doc(
    operationId="create_round",
    responses={
        200: {
            "description": "Mọi văn bản của đợt: ZIP (DOCX và manifest.json) hoặc một PDF gộp",
            "headers": {
                "X-Docgen-Warnings": {"description": _WARNINGS_DOC, "schema": {"type": "string"}}
            },
            "content": {
                mime: {"schema": {"type": "string", "format": "binary"}}
                for mime in ROUND_FORMATS.values()
            },
        },
        422: {"description": "Dữ liệu đợt tiếp xúc không hợp lệ (khuôn lỗi JSON chung)"},
        502: {"description": "Có văn bản không chuyển được sang PDF (khuôn lỗi chung)"},
        503: {
            "description": "Chưa cài LibreOffice, hoặc mọi bộ chuyển PDF đều bận (Retry-After)",
            "headers": _RETRY_AFTER,
        },
    },
)
def create_round(query: dict[str, Any], data: dict[str, Any]) -> Response:
    """Một đợt tiếp xúc cử tri → thông báo lịch, biên bản, báo cáo tổng hợp, các công văn chuyển."""
    fmt = query.get("format") or (
        "pdf"
        if request.accept_mimetypes.best_match(list(ROUND_FORMATS.values())) == MIMETYPES["pdf"]
        else "zip"
    )
    output = round_output.generate_round(service(), data, "docx" if fmt == "zip" else fmt)
    if fmt in ("pdf", "pdfa"):
        content = round_output.merged_pdf(
            output, author=service().settings.pdf_author, duplex=query["duplex"]
        )
    else:
        content = round_output.zip_bundle(output)
    response = Response(content, mimetype=ROUND_FORMATS[fmt])
    name = safe_filename(output.plan.title)
    suffix = "pdf" if fmt == "pdfa" else fmt
    response.headers["Content-Disposition"] = content_disposition(f"{name}.{suffix}")
    warnings = round_output.warnings_as_dicts(output.plan.warnings)
    response.headers.update(round_output.warning_headers(warnings))
    response.headers["X-Docgen-Documents"] = str(len(output.files))
    return response


@blp.route("/rounds/check", methods=["POST"], endpoint="check_round")
@blp.arguments(RoundSchema, location="json")
@blp.doc(
    operationId="check_round",
    responses={
        200: {"description": "Kết quả phân loại ý kiến, số liệu, các văn bản sẽ lập và cảnh báo"}
    },
)
def check_round(data: dict[str, Any]) -> Response:
    """Kiểm tra một đợt tiếp xúc: phân loại ý kiến, số liệu, cảnh báo — không lập văn bản."""
    summary = round_output.check_round(data, service())
    response = jsonify(summary)
    response.headers.update(round_output.warning_headers(summary["warnings"]))
    return response


class RoundsIn(Schema):
    """Several rounds of one year, for the yearly coverage check."""

    rounds = fields.List(
        fields.Nested(RoundSchema),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một đợt tiếp xúc."),
        metadata={"title": "Các đợt tiếp xúc cử tri trong năm"},
    )


@blp.route("/rounds/coverage", methods=["POST"], endpoint="round_coverage")
@blp.arguments(RoundsIn, location="json")
@blp.doc(
    operationId="round_coverage",
    responses={200: {"description": "Cảnh báo: đơn vị chưa được tiếp xúc lần nào trong năm"}},
)
def round_coverage(data: dict[str, Any]) -> Response:
    """Các đợt trong năm → những nơi đại biểu ứng cử chưa được tiếp xúc cử tri lần nào."""
    warnings = yearly_coverage(data["rounds"])
    response = jsonify({"warnings": [w.to_dict() for w in warnings]})
    response.headers.update(round_output.warning_headers(round_output.warnings_as_dicts(warnings)))
    return response


class WorkerHealth(Schema):
    """One LibreOffice worker of the pool."""

    index = fields.Integer(metadata={"description": "Số thứ tự của bộ chuyển trong tiến trình"})
    state = fields.String(
        metadata={"description": "stopped, starting, warming, idle, busy hoặc failed"}
    )
    pid = fields.Integer(allow_none=True, metadata={"description": "PID của soffice"})
    generation = fields.Integer(metadata={"description": "Số lần đã khởi động (tái tạo)"})
    conversions = fields.Integer(metadata={"description": "Số lần chuyển từ lần khởi động"})
    rss_mib = fields.Float(metadata={"description": "Bộ nhớ thường trú của nhóm tiến trình"})
    uptime_s = fields.Float(allow_none=True, metadata={"description": "Giây từ lần khởi động"})
    last_error = fields.String(allow_none=True)


class PoolStats(Schema):
    """Counters since the pool was made."""

    conversions = fields.Integer()
    failures = fields.Integer()
    timeouts = fields.Integer()
    restarts = fields.Integer()
    recycled = fields.Integer()
    busy_refusals = fields.Integer()


class HealthOut(Schema):
    """GET /healthz: the PDF converter of the process that answered."""

    ok = fields.Boolean(required=True, metadata={"description": "Có tạo được PDF không"})
    mode = fields.String(
        required=True,
        metadata={
            "description": "warm (bộ chuyển LibreOffice chạy sẵn), cold (mỗi PDF một lần chạy "
            "soffice) hoặc unavailable (chưa cài LibreOffice)"
        },
    )
    size = fields.Integer(metadata={"description": "Số bộ chuyển của tiến trình này"})
    pid = fields.Integer(metadata={"description": "PID của tiến trình (worker gunicorn) trả lời"})
    busy = fields.Integer()
    waiting = fields.Integer(metadata={"description": "Yêu cầu đang chờ bộ chuyển"})
    queue_limit = fields.Integer(metadata={"description": "Quá số chờ này thì trả 503"})
    message = fields.String()
    workers = fields.List(fields.Nested(WorkerHealth), required=True)
    stats = fields.Nested(PoolStats)


health_blp = Blueprint("health", __name__, description="Tình trạng dịch vụ")


@health_blp.route("/healthz", methods=["GET"])
@health_blp.response(200, HealthOut)
@health_blp.doc(
    operationId="healthz",
    responses={
        503: {
            "description": "Không tạo được PDF (cùng nội dung JSON như 200)",
            "content": {"application/json": {"schema": HealthOut}},
        }
    },
)
def healthz() -> Any:
    """Tình trạng bộ chuyển PDF (các tiến trình LibreOffice) của tiến trình trả lời."""
    state = service().health()
    return state, (200 if state["ok"] else 503)
