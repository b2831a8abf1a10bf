"""The /templates pages for office staff: sign in, download, upload (checked), history, roll back."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_wtf.csrf import CSRFError

from docgen import auth, documents
from docgen.errors import ConfirmationRequired, DocgenError, TemplateRejected
from docgen.naming import content_disposition
from docgen.service import MIMETYPES
from docgen.store import VersionInfo
from docgen.template_admin import TemplateAdmin

bp = Blueprint("staff", __name__, url_prefix="/templates")


def admin() -> TemplateAdmin:
    """The app's template administration."""
    return current_app.extensions["docgen.templates"]


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("staff.index")


@bp.context_processor
def _signed_in() -> dict[str, Any]:
    """Every staff page shows who is signed in."""
    return {"account": auth.session_account()}


@bp.errorhandler(CSRFError)
def _csrf_failed(error: CSRFError) -> tuple[str, int]:
    message = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại."
    return render_template("staff/message.html", title="Không thực hiện được", message=message), 400


@bp.errorhandler(DocgenError)
def _docgen_failed(error: DocgenError) -> tuple[str, int]:
    return render_template(
        "staff/message.html", title="Không thực hiện được", message=error.message
    ), error.status


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """The sign-in page."""
    error = ""
    if request.method == "POST":
        account = auth.accounts().by_password(
            request.form.get("name", ""), request.form.get("password", "")
        )
        if account is not None:
            auth.sign_in(account)
            return redirect(_safe_next(request.args.get("next")))
        error = "Sai tên đăng nhập hoặc mật khẩu."
    status = 401 if error else 200
    return render_template(
        "staff/login.html", error=error, next=request.args.get("next", "")
    ), status


@bp.post("/logout")
def logout() -> Any:
    """Sign out."""
    auth.sign_out()
    return redirect(url_for("staff.login"))


@bp.get("")
@auth.login_required
def index() -> str:
    """Every document type with its active template."""
    rows = []
    for doc in documents.REGISTRY.values():
        versions = admin().store.versions(doc.id)
        rows.append(
            {"doc": doc, "active": next(v for v in versions if v.active), "count": len(versions)}
        )
    return render_template("staff/index.html", rows=rows)


@bp.get("/<type_id>")
@auth.login_required
def detail(type_id: str) -> str:
    """One type: the active version, its check results, the upload form, the history."""
    doc = documents.get(type_id)
    versions = admin().store.versions(type_id)
    active = next(v for v in versions if v.active)
    rolled_back = request.args.get("da_dung_lai", "")
    return render_template(
        "staff/detail.html",
        doc=doc,
        active=active,
        versions=versions,
        notice=admin().notice(type_id),
        guide=admin().guide(type_id),
        events=admin().store.events(type_id),
        rolled_back=int(rolled_back) if rolled_back.isdigit() else None,
    )


def _docx(info: VersionInfo) -> Response:
    response = send_file(info.path, mimetype=MIMETYPES["docx"])
    response.headers["Content-Disposition"] = content_disposition(
        f"{info.type_id}-v{info.version}.docx"
    )
    return response


@bp.get("/<type_id>/current.docx")
@auth.login_required
def current_docx(type_id: str) -> Response:
    """Download the active template."""
    documents.get(type_id)
    return _docx(admin().store.active(type_id))


@bp.get("/<type_id>/annotated.docx")
@auth.login_required
def annotated_docx(type_id: str) -> Response:
    """The active template with a Word comment on each place data goes: what it means."""
    content = admin().annotated(type_id)
    response = Response(content, mimetype=MIMETYPES["docx"])
    response.headers["Content-Disposition"] = content_disposition(f"{type_id}-co-chu-thich.docx")
    return response


@bp.get("/<type_id>/versions/<int:version>.docx")
@auth.login_required
def version_docx(type_id: str, version: int) -> Response:
    """Download one version."""
    documents.get(type_id)
    return _docx(admin().store.get(type_id, version))


@bp.get("/<type_id>/versions/<int:version>/preview.pdf")
@auth.login_required
def version_preview(type_id: str, version: int) -> Response:
    """A version's PDF preview."""
    info = admin().store.get(type_id, version)
    if info.preview is None or not info.preview.is_file():
        abort(404)
    return send_file(info.preview, mimetype=MIMETYPES["pdf"])


@bp.get("/<type_id>/pending/<digest>/preview.pdf")
@auth.login_required
def pending_preview(type_id: str, digest: str) -> Response:
    """The PDF preview of an upload waiting for confirmation."""
    documents.get(type_id)
    return send_file(admin().pending(digest, "pdf"), mimetype=MIMETYPES["pdf"])


def _upload(type_id: str, content: bytes, *, comment: str, confirm: bool, filename: str) -> Any:
    doc = documents.get(type_id)
    account = auth.session_account()
    assert account is not None  # login_required
    auth.require_template_role(account)
    try:
        info, report = admin().upload(
            type_id,
            content,
            author=account.name,
            comment=comment,
            confirm=confirm,
            filename=filename,
        )
    except TemplateRejected as refusal:
        status = refusal.status
        pending = refusal.report.get("sha256", "")
        return render_template(
            "staff/result.html",
            doc=doc,
            report=refusal.report,
            accepted=None,
            comment=comment,
            pending=pending,
            needs_confirmation=isinstance(refusal, ConfirmationRequired),
        ), status
    return render_template(
        "staff/result.html",
        doc=doc,
        report=report.to_dict(),
        accepted=info,
        comment=comment,
        pending="",
        needs_confirmation=False,
    )


@bp.post("/<type_id>/upload")
@auth.login_required
def upload(type_id: str) -> Any:
    """Check an uploaded template; keep it if it passes (or once its warnings are confirmed)."""
    storage = request.files.get("file")
    if storage is None or not storage.filename:
        return render_template(
            "staff/message.html",
            title="Chưa chọn tệp",
            message="Hãy chọn tệp mẫu .docx để tải lên.",
        ), 400
    return _upload(
        type_id,
        storage.read(),
        comment=request.form.get("comment", ""),
        confirm=request.form.get("confirm") == "1",
        filename=storage.filename,
    )


@bp.post("/<type_id>/confirm")
@auth.login_required
def confirm(type_id: str) -> Any:
    """Accept an upload whose only findings are warnings the staff member has read."""
    path = admin().pending(request.form.get("sha256", ""))
    return _upload(
        type_id,
        path.read_bytes(),
        comment=request.form.get("comment", ""),
        confirm=True,
        filename="",
    )


def _version_asked(source: Any) -> int:
    try:
        return int(source.get("version", ""))
    except ValueError:
        abort(400)


@bp.get("/<type_id>/rollback")
@auth.login_required
def rollback_confirm(type_id: str) -> str:
    """Ask before making an earlier version active again."""
    doc = documents.get(type_id)
    target = admin().store.get(type_id, _version_asked(request.args))
    active = next(v for v in admin().store.versions(type_id) if v.active)
    return render_template("staff/rollback.html", doc=doc, target=target, active=active)


@bp.post("/<type_id>/rollback")
@auth.login_required
def rollback(type_id: str) -> Any:
    """Make an earlier version active again; the page then says so and the history shows it."""
    version = _version_asked(request.form)
    account = auth.session_account()
    assert account is not None  # login_required
    auth.require_template_role(account)
    admin().rollback(type_id, version, author=account.name)
    return redirect(url_for("staff.detail", type_id=type_id, da_dung_lai=version), code=303)
