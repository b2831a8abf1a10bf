"""The workspace's REST door: drafts, issuing, the outgoing register. It translates, nothing else."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from docgen import auth
from docgen.accounts import Account
from docgen.drafts import Drafts, draft_types
from docgen.errors import Forbidden, UnsupportedMediaType
from docgen.naming import content_disposition
from docgen.register import Register
from docgen.workspace import Workspace

blp = Blueprint(
    "workspace_api",
    __name__,
    url_prefix="/api/v1",
    description="Dự thảo, cấp số và sổ đăng ký văn bản đi (Nghị định 30/2020, điều 15-16)",
)


class DraftIn(Schema):
    """A new draft: its type, its data as typed (valid or not), a title."""

    type = fields.String(
        required=True,
        metadata={"description": "Loại văn bản, hoặc round (cả đợt)", "enum": draft_types()},
    )
    data = fields.Dict(required=True, metadata={"description": "Dữ liệu, kể cả chưa đủ hay sai"})
    title = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))


class DraftUpdate(Schema):
    """A draft's new data, title or type (what is absent stays)."""

    type = fields.String(metadata={"enum": draft_types()})
    data = fields.Dict()
    title = fields.String(validate=validate.Length(max=300))


class DraftSummaryOut(Schema):
    """A draft as listed: what it is, when it last changed, whether it is ready."""

    id = fields.String()
    type = fields.String()
    type_title = fields.String()
    title = fields.String()
    created_at = fields.String()
    updated_at = fields.String()
    issued_at = fields.String(allow_none=True)
    valid = fields.Boolean()
    errors = fields.Dict(metadata={"description": "đường dẫn trường → các lỗi"})


class DraftOut(DraftSummaryOut):
    """A draft, with its data and what is wrong with it."""

    data = fields.Dict()


class IssueIn(Schema):
    """The date of issue (today in Vietnam when absent)."""

    date = fields.Date(load_default=None, allow_none=True)


class EntryOut(Schema):
    """A line of the outgoing register."""

    id = fields.Integer()
    register_id = fields.Integer()
    issuer = fields.String()
    year = fields.Integer()
    series = fields.String()
    number = fields.Integer()
    symbol = fields.String()
    number_symbol = fields.String()
    date = fields.String()
    type = fields.String()
    type_name = fields.String()
    summary = fields.String()
    signer = fields.String()
    recipients = fields.List(fields.String())
    copies = fields.Integer()
    archive = fields.String()
    issued_by = fields.String()
    issued_at = fields.String()
    draft_id = fields.String(allow_none=True)
    batch = fields.String()
    template_version = fields.Integer()
    template_sha256 = fields.String()
    status = fields.String(metadata={"enum": ["issued", "cancelled"]})
    cancel_reason = fields.String(allow_none=True)
    cancelled_by = fields.String(allow_none=True)
    cancelled_at = fields.String(allow_none=True)
    formats = fields.List(fields.String())


class IssuedOut(Schema):
    """What issuing gave: the (first) document's number, and every document of a round."""

    register_id = fields.Integer()
    number = fields.Integer()
    symbol = fields.String()
    date = fields.String()
    documents = fields.List(fields.Nested(EntryOut))


class RegisterQuery(Schema):
    """?year=&issuer=&type="""

    year = fields.Integer(validate=validate.Range(min=1900, max=9999))
    issuer = fields.String()
    type = fields.String()


class ExportQuery(RegisterQuery):
    """?format=xlsx|pdf&year=&issuer="""

    format = fields.String(load_default="xlsx", validate=validate.OneOf(["xlsx", "pdf"]))


class FileQuery(Schema):
    """?format=docx|pdf"""

    format = fields.String(load_default="docx", validate=validate.OneOf(["docx", "pdf"]))


class DraftFileQuery(Schema):
    """?format=docx|pdf (a round: zip)"""

    format = fields.String(load_default="docx", validate=validate.OneOf(["docx", "pdf", "zip"]))


class CancelIn(Schema):
    """Why the document is cancelled (thu hồi, hủy)."""

    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class RerenderOut(Schema):
    """Whether the recorded data and template give the archived text again."""

    identical = fields.Boolean()
    differences = fields.List(fields.String())
    template_version = fields.Integer()
    template_sha256 = fields.String()
    template_changed = fields.Boolean()
    current_template = fields.Dict()


_ERROR = {"description": "Lỗi, theo khuôn JSON chung: {error: {status, code, message, fields}}"}
# What any workspace operation may answer besides success (401: no or bad token, 403: a role or
# the CSRF token missing, 409: already issued or cancelled, 5xx: the PDF could not be made).
_MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _BINARY(*kinds: str) -> dict[str, Any]:  # noqa: N802  (reads as a constant in the docs)
    """The file answers an operation may give, for the contract."""
    return {_MIMETYPES[k]: {"schema": {"type": "string", "format": "binary"}} for k in kinds}


ERRORS = {code: _ERROR for code in (400, 401, 403, 404, 409, 413, 415, 422, 502, 503, 504)}


def workspace() -> Workspace:
    """The app's workspace use cases."""
    return current_app.extensions["docgen.workspace"]


def drafts() -> Drafts:
    return workspace().drafts


def register() -> Register:
    return workspace().register


def caller() -> Account | None:
    """Who asks: a Bearer token or a signed-in session; 401 when the office requires one."""
    account = auth.caller()
    if account is None and current_app.config.get("REQUIRE_AUTH_FOR_DOCUMENTS"):
        auth.require_token()
    return account


def _file(content: bytes, name: str, mimetype: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(name)
    return response


@blp.route("/drafts")
class DraftList(MethodView):
    """The caller's drafts."""

    @blp.doc(responses=ERRORS)
    @blp.response(200, DraftSummaryOut(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Dự thảo của người gọi (văn thư: của mọi người), sửa gần nhất trước."""
        return [d.to_dict() for d in drafts().list(caller())]

    @blp.doc(responses=ERRORS)
    @blp.arguments(DraftIn)
    @blp.response(201, DraftOut)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Lưu một dự thảo mới, kể cả khi dữ liệu còn thiếu hay sai."""
        return drafts().create(body["type"], body["data"], body.get("title"), caller()).to_dict()


@blp.route("/drafts/<draft_id>")
class DraftItem(MethodView):
    """One draft."""

    @blp.doc(responses=ERRORS)
    @blp.response(200, DraftOut)
    def get(self, draft_id: str) -> dict[str, Any]:
        """Một dự thảo, với các lỗi của dữ liệu."""
        return drafts().get(draft_id, caller()).to_dict()

    @blp.doc(responses=ERRORS)
    @blp.arguments(DraftUpdate)
    @blp.response(200, DraftOut)
    def put(self, body: dict[str, Any], draft_id: str) -> dict[str, Any]:
        """Thay dữ liệu (tiêu đề, loại) của dự thảo."""
        return (
            drafts()
            .update(
                draft_id,
                caller(),
                data=body.get("data"),
                title=body.get("title"),
                type_id=body.get("type"),
            )
            .to_dict()
        )

    @blp.doc(responses=ERRORS)
    @blp.response(204)
    def delete(self, draft_id: str) -> None:
        """Xóa một dự thảo chưa ban hành."""
        drafts().delete(draft_id, caller())


@blp.route("/drafts/<draft_id>/duplicate", methods=["POST"])
@blp.doc(responses=ERRORS)
@blp.response(201, DraftOut)
def duplicate_draft(draft_id: str) -> dict[str, Any]:
    """Nhân bản dự thảo (đợt sau soạn từ đợt trước)."""
    return drafts().duplicate(draft_id, caller()).to_dict()


@blp.route("/drafts/<draft_id>/file", methods=["GET"])
@blp.doc(responses=ERRORS)
@blp.arguments(DraftFileQuery, location="query")
@blp.doc(
    responses={
        200: {
            "description": "Bản dự thảo (ghi DỰ THẢO, chưa có số)",
            "content": _BINARY("docx", "pdf", "zip"),
        }
    }
)
def draft_file(query: dict[str, Any], draft_id: str) -> Response:
    """Bản dự thảo: DOCX hoặc PDF ghi “DỰ THẢO”, số để trống; một đợt: ZIP."""
    made = workspace().draft_file(draft_id, caller(), query["format"])
    return _file(made.content, made.filename, made.mimetype)


@blp.route("/drafts/<draft_id>/issue", methods=["POST"])
@blp.doc(responses=ERRORS)
@blp.arguments(IssueIn)
@blp.response(201, IssuedOut)
@blp.doc(
    responses={
        401: {"description": "Chưa đăng nhập, không có token"},
        403: {"description": "Chỉ văn thư (van_thu) được cấp số"},
        409: {"description": "Dự thảo đã ban hành"},
        422: {"description": "Dữ liệu chưa hợp lệ: không cấp số"},
    }
)
def issue_draft(body: dict[str, Any], draft_id: str) -> dict[str, Any]:
    """Cấp số, ghi ngày, lập bản chính thức và vào sổ đăng ký văn bản đi (một đợt: cả đợt)."""
    entries = register().issue(draft_id, caller(), body.get("date"))
    first = entries[0]
    return {
        "register_id": first.id,
        "number": first.number,
        "symbol": first.symbol,
        "date": first.date.isoformat(),
        "documents": [e.to_dict() for e in entries],
    }


@blp.route("/register", methods=["GET"])
@blp.doc(responses=ERRORS)
@blp.arguments(RegisterQuery, location="query")
@blp.response(200, EntryOut(many=True))
def register_list(query: dict[str, Any]) -> list[dict[str, Any]]:
    """Sổ đăng ký văn bản đi, lọc theo năm, cơ quan ban hành, loại."""
    caller()
    return [
        e.to_dict()
        for e in register().entries(
            year=query.get("year"), issuer=query.get("issuer"), type_id=query.get("type")
        )
    ]


@blp.route("/register/export", methods=["GET"])
@blp.doc(responses=ERRORS)
@blp.arguments(ExportQuery, location="query")
@blp.doc(
    responses={
        200: {
            "description": "Sổ đăng ký văn bản đi theo mẫu Nghị định 30 (XLSX, PDF)",
            "content": _BINARY("xlsx", "pdf"),
        }
    }
)
def register_export(query: dict[str, Any]) -> Response:
    """Sổ đăng ký văn bản đi theo mẫu của Nghị định 30: XLSX hoặc PDF, theo năm và cơ quan."""
    caller()
    made = workspace().export_register(query.get("year"), query.get("issuer"), query["format"])
    return _file(made.content, made.filename, made.mimetype)


@blp.route("/register/<int:entry_id>", methods=["GET"])
@blp.doc(responses=ERRORS)
@blp.response(200, EntryOut)
def register_entry(entry_id: int) -> dict[str, Any]:
    """Một văn bản trong sổ đăng ký."""
    caller()
    return register().get(entry_id).to_dict()


@blp.route("/register/<int:entry_id>/file", methods=["GET"])
@blp.doc(responses=ERRORS)
@blp.arguments(FileQuery, location="query")
@blp.doc(
    responses={
        200: {
            "description": "Tệp đã lưu lúc ban hành, đúng từng byte",
            "content": _BINARY("docx", "pdf"),
        }
    }
)
def register_file(query: dict[str, Any], entry_id: int) -> Response:
    """Tệp của văn bản đã ban hành (DOCX hoặc PDF), đúng từng byte như lúc lưu."""
    caller()
    content, name = register().file(entry_id, query["format"])
    mimetype = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }[query["format"]]
    return _file(content, name, mimetype)


@blp.route("/register/<int:entry_id>/cancel", methods=["POST"])
@blp.doc(responses=ERRORS)
@blp.arguments(CancelIn)
@blp.response(200, EntryOut)
def register_cancel(body: dict[str, Any], entry_id: int) -> dict[str, Any]:
    """Thu hồi, hủy văn bản: dòng trong sổ và số của nó được giữ, ghi lý do."""
    return register().cancel(entry_id, caller(), body["reason"]).to_dict()


@blp.route("/register/<int:entry_id>/rerender", methods=["POST"])
@blp.doc(responses=ERRORS)
@blp.response(200, RerenderOut)
def register_rerender(entry_id: int) -> dict[str, Any]:
    """Dựng lại từ dữ liệu và mẫu đã ghi: có ra đúng văn bản đã lưu không, khác ở đâu."""
    caller()
    return register().rerender(entry_id)


@blp.before_request
def _json_bodies_and_csrf() -> None:
    """Bodies are JSON; a write made with a session cookie (the pages' scripts) carries its CSRF
    token in X-CSRFToken, so another site cannot make a signed-in văn thư issue or cancel."""
    if request.method not in ("POST", "PUT", "DELETE"):
        return
    if request.content_length and not request.is_json:
        raise UnsupportedMediaType(
            "Nội dung gửi lên phải là JSON (Content-Type: application/json)."
        )
    if not request.headers.get("Authorization") and auth.session_account() is not None:
        from flask_wtf.csrf import ValidationError, validate_csrf

        try:
            validate_csrf(request.headers.get("X-CSRFToken", ""))
        except ValidationError as exc:
            raise Forbidden(
                "Thiếu mã bảo vệ CSRF (header X-CSRFToken) cho thao tác bằng phiên đăng nhập."
            ) from exc
