"""The REST door to the templates: list, download, upload (checked), history, roll back, validate."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from docgen import auth, documents
from docgen.naming import content_disposition
from docgen.service import MIMETYPES
from docgen.store import VersionInfo
from docgen.template_admin import TemplateAdmin

blp = Blueprint(
    "api_templates",
    __name__,
    url_prefix="/api/v1/templates",
    description="Quản lý mẫu văn bản (cần token: Authorization: Bearer <token>)",
)
_AUTH_DOC: dict[str, Any] = {"security": [{"bearerAuth": []}]}


def admin() -> TemplateAdmin:
    """The app's template administration."""
    return current_app.extensions["docgen.templates"]


@blp.before_request
def _require_token() -> None:
    """Every template endpoint changes or reveals the service's templates: a token is required."""
    g.account = auth.require_token()


class VersionOut(Schema):
    """One version of a template (0 is the shipped default)."""

    type_id = fields.String()
    version = fields.Integer()
    sha256 = fields.String()
    author = fields.String()
    created_at = fields.String()
    comment = fields.String()
    active = fields.Boolean()
    shipped = fields.Boolean()
    has_preview = fields.Boolean()


class TemplateTypeOut(Schema):
    """A document type with its active template version."""

    type_id = fields.String()
    title = fields.String()
    active = fields.Nested(VersionOut)
    versions = fields.Integer()


class UploadFiles(Schema):
    """The DOCX file."""

    file = Upload(required=True, metadata={"description": "Tệp mẫu .docx"})


class UploadForm(Schema):
    """What comes with an upload."""

    comment = fields.String(load_default="", validate=validate.Length(max=1000))
    confirm = fields.Boolean(
        load_default=False,
        metadata={"description": "true: chấp nhận mẫu dù có cảnh báo (lỗi thì vẫn bị từ chối)"},
    )


class RollbackIn(Schema):
    """The version to make active again."""

    version = fields.Integer(required=True, validate=validate.Range(min=0))


def _docx_response(info: VersionInfo) -> Response:
    response = Response(info.path.read_bytes(), mimetype=MIMETYPES["docx"])
    name = f"{info.type_id}-v{info.version}.docx"
    response.headers["Content-Disposition"] = content_disposition(name)
    response.headers["X-Docgen-Template-Version"] = str(info.version)
    response.headers["X-Docgen-Template-Sha256"] = info.sha256
    return response


@blp.route("")
class Templates(MethodView):
    """The document types and their active templates."""

    @blp.doc(**_AUTH_DOC)
    @blp.response(200, TemplateTypeOut(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List the types with their active template version."""
        out = []
        for doc in documents.REGISTRY.values():
            versions = admin().store.versions(doc.id)
            active = next(v for v in versions if v.active)
            out.append(
                {
                    "type_id": doc.id,
                    "title": doc.title,
                    "active": active.to_dict(),
                    "versions": len(versions),
                }
            )
        return out


@blp.route("/<type_id>/current.docx")
@blp.doc(**_AUTH_DOC, responses={200: {"description": "Mẫu .docx đang dùng"}})
def current_docx(type_id: str) -> Response:
    """Download the active template."""
    documents.get(type_id)
    return _docx_response(admin().store.active(type_id))


@blp.route("/<type_id>/versions/<int:version>.docx")
@blp.doc(**_AUTH_DOC, responses={200: {"description": "Một phiên bản mẫu .docx"}})
def version_docx(type_id: str, version: int) -> Response:
    """Download one version of a template."""
    documents.get(type_id)
    return _docx_response(admin().store.get(type_id, version))


@blp.route("/<type_id>/versions/<int:version>/preview.pdf")
@blp.doc(**_AUTH_DOC, responses={200: {"description": "Bản PDF điền thử dữ liệu mẫu"}})
def version_preview(type_id: str, version: int) -> Response:
    """The PDF preview made when the version was checked."""
    from docgen.errors import NotFound

    info = admin().store.get(type_id, version)
    if info.preview is None or not info.preview.is_file():
        raise NotFound(f"Phiên bản {version} không có bản xem trước PDF.")
    return Response(info.preview.read_bytes(), mimetype=MIMETYPES["pdf"])


@blp.route("/<type_id>/versions")
@blp.doc(**_AUTH_DOC)
@blp.response(200, VersionOut(many=True))
def versions(type_id: str) -> list[dict[str, Any]]:
    """Every version of a type's template, newest first (0 is the shipped one)."""
    documents.get(type_id)
    return [v.to_dict() for v in admin().store.versions(type_id)]


@blp.route("/<type_id>", methods=["POST"])
@blp.doc(**_AUTH_DOC)
@blp.arguments(UploadForm, location="form")
@blp.arguments(UploadFiles, location="files")
@blp.response(201)
def upload(form: dict[str, Any], files: dict[str, Any], type_id: str) -> dict[str, Any]:
    """Upload a new version: checked, then active. 422 with the findings when refused; 409 when
    there are warnings and `confirm` is not true."""
    documents.get(type_id)
    auth.require_template_role(g.account)
    storage = files["file"]
    info, report = admin().upload(
        type_id,
        storage.read(),
        author=g.account.name,
        comment=form["comment"],
        confirm=form["confirm"],
        filename=storage.filename or "",
    )
    return {"version": info.to_dict(), "report": report.to_dict()}


@blp.route("/<type_id>/validate", methods=["POST"])
@blp.doc(**_AUTH_DOC)
@blp.arguments(UploadFiles, location="files")
@blp.response(200)
def validate_template(files: dict[str, Any], type_id: str) -> dict[str, Any]:
    """Check a template without keeping it: the report, ok or not."""
    documents.get(type_id)
    storage = files["file"]
    return admin().check(type_id, storage.read(), storage.filename or "").to_dict()


@blp.route("/<type_id>/rollback", methods=["POST"])
@blp.doc(**_AUTH_DOC)
@blp.arguments(RollbackIn, location="json")
@blp.response(200, VersionOut)
def rollback(data: dict[str, Any], type_id: str) -> dict[str, Any]:
    """Make an earlier version (0: the shipped one) active again."""
    auth.require_template_role(g.account)
    return admin().rollback(type_id, data["version"], author=g.account.name).to_dict()
