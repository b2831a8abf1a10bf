"""docgen: Decree 30 documents for a People's Council office's voter-contact work."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request, send_from_directory
from werkzeug.exceptions import HTTPException, MethodNotAllowed

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, API, pages, error handlers, services."""
    from flask_wtf.csrf import CSRFProtect

    from docgen import (
        api,
        api_templates,
        api_workspace,
        auth,
        config,
        db,
        request_limits,
        web,
        web_templates,
        web_workspace,
    )
    from docgen.accounts import Accounts
    from docgen.contracts import DocgenApi
    from docgen.councils import FILE_NAME as COUNCILS_FILE
    from docgen.councils import CouncilProfiles
    from docgen.errors import DocgenError
    from docgen.service import DocumentService, Settings
    from docgen.store import TemplateStore, make_engine
    from docgen.template_admin import TemplateAdmin
    from docgen.workspace import Workspace

    settings = {**config.API_SETTINGS, **config.load(), **(test_config or {})}
    instance = settings.get("INSTANCE_PATH") or None
    app = Flask(
        __name__,
        instance_path=str(Path(instance).resolve()) if instance else None,
        instance_relative_config=True,
    )
    app.config.update(settings)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    instance_dir = Path(app.instance_path)
    instance_dir.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SESSION_COOKIE_SAMESITE"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # Flask's default is None
    # A clerk may spend an afternoon on one form: the token lives as long as the session.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)

    engine = make_engine(
        app.config.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'docgen.sqlite3'}"
    )
    db.ensure_current(engine, instance_dir / "templates")
    if not app.config.get("SECRET_KEY"):
        # In the database, so every instance behind a balancer signs sessions alike.
        app.config["SECRET_KEY"] = db.shared_secret(
            engine, "session_key", adopt=instance_dir / "secret_key"
        )
    templates = TemplateStore(engine, instance_dir / "templates", Path(app.config["TEMPLATES_DIR"]))
    councils = CouncilProfiles(instance_dir / COUNCILS_FILE)
    service = DocumentService(Settings.from_config(app.config), templates, councils)
    app.extensions["docgen"] = service
    app.extensions["docgen.engine"] = engine
    app.extensions["docgen.accounts"] = Accounts(engine)
    app.extensions["docgen.templates"] = TemplateAdmin(
        service, templates, Path(app.config["FIXTURES_DIR"])
    )
    app.extensions["docgen.workspace"] = Workspace(
        engine, service, pdf_at_issue=bool(app.config["ARCHIVE_PDF_AT_ISSUE"])
    )
    app.extensions["docgen.templates"].at_startup(log)  # what a release changed under staff

    smorest = DocgenApi(app)
    smorest.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    smorest.register_blueprint(api.blp)
    smorest.register_blueprint(api_templates.blp)
    smorest.register_blueprint(api.health_blp)
    smorest.register_blueprint(api_workspace.blp)
    app.extensions["docgen.api"] = smorest
    app.register_blueprint(web.bp)
    app.register_blueprint(web_templates.bp)
    app.register_blueprint(web_workspace.bp)
    csrf = CSRFProtect(app)
    csrf.exempt(api.blp)  # integrating systems POST JSON without a browser session
    csrf.exempt(api.health_blp)
    csrf.exempt(api_templates.blp)  # authenticated by Bearer tokens, never by cookies
    csrf.exempt(api_workspace.blp)  # JSON from systems and from the pages' own scripts
    auth.init_app(app)
    request_limits.init_app(app)
    _register_swagger_assets(app)
    _register_error_handlers(app, DocgenError)
    # The last use of the database while building: no pooled connection may cross gunicorn's
    # fork (two processes on one PostgreSQL socket garble each other's results).
    engine.dispose()
    return app


def _register_swagger_assets(app: Flask) -> None:
    """Serve Swagger UI's files from the swagger-ui-bundle package: /api/docs works offline."""
    import swagger_ui_bundle

    folder = swagger_ui_bundle.swagger_ui_path

    @app.get("/api/docs/static/<path:filename>")
    def swagger_static(filename: str) -> Response:
        return send_from_directory(folder, filename)


def _register_error_handlers(app: Flask, base: type) -> None:
    """Every error, ours or Werkzeug's or unexpected, leaves in the one JSON shape."""
    from flask_wtf.csrf import CSRFError

    from docgen import web
    from docgen.errors import (
        DocgenError,
        InvalidData,
        MalformedRequest,
        PayloadTooLarge,
    )

    def as_docgen(error: HTTPException) -> DocgenError:
        data = getattr(error, "data", None) or {}
        messages = data.get("messages") if isinstance(data, dict) else None
        if error.code == 422 and messages:
            # webargs nests by location: {"json": {...}} or {"query": {...}}
            if set(messages) <= {"json", "query", "form", "files"}:
                merged: dict[str, Any] = {}
                for location, msgs in messages.items():
                    if location == "query" and isinstance(msgs, dict):
                        msgs = {f"?{k}": v for k, v in msgs.items()}
                    merged.update(msgs if isinstance(msgs, dict) else {"_schema": msgs})
                messages = merged
            return InvalidData.from_messages(messages)
        if isinstance(error, CSRFError):
            refused = MalformedRequest(
                "Biểu mẫu đã quá hạn hoặc không được gửi từ trang này, nên chưa làm gì. "
                "Các thông tin đã nhập vẫn còn: bấm lại nút để gửi."
            )
            refused.code = "csrf_failed"
            return refused
        if error.code == 400:
            return MalformedRequest("Nội dung gửi lên không phải JSON hợp lệ.")
        if error.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            if _wants_html():
                return PayloadTooLarge(
                    f"Tệp tải lên quá lớn: giới hạn là {_size(limit)}. "
                    "Chọn tệp nhỏ hơn (bỏ bớt ảnh, trang thừa) rồi nạp lại."
                )
            return PayloadTooLarge(f"Nội dung gửi lên vượt quá giới hạn {limit // 1024} KB.")
        message = _HTTP_MESSAGES.get(error.code or 500, error.description or error.name)
        generic = DocgenError(message.format(method=request.method))
        generic.status = error.code or 500
        generic.code = (error.name or "error").lower().replace(" ", "_")
        return generic

    def respond(error: DocgenError) -> tuple[Response, int]:
        if not _wants_html():
            response = jsonify(error.to_dict())
            if getattr(error, "retry_after", None):
                response.headers["Retry-After"] = str(error.retry_after)  # type: ignore[attr-defined]
            if error.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="docgen"'
            return response, error.status
        html = render_template(
            "error.html",
            status=error.status,
            heading=_HTML_HEADINGS.get(error.status, "Không thực hiện được"),
            message=error.message,
        )
        return Response(html, mimetype="text/html"), error.status

    @app.errorhandler(base)
    def handle_docgen(error: DocgenError) -> tuple[Response, int]:
        if error.status >= 500:
            log.error("%s %s: %s", request.method, request.path, error.message, exc_info=error)
        return respond(error)

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException) -> Any:
        docgen_error = as_docgen(error)
        if isinstance(error, CSRFError) and _wants_html():
            # A clerk's form refused for its token comes back as typed, not as a bare error.
            again = web.form_again(docgen_error.message)
            if again is not None:
                return again
        response, status = respond(docgen_error)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response, status

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> tuple[Response, int]:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return respond(DocgenError("Lỗi không mong đợi ở máy chủ; chi tiết đã ghi vào nhật ký."))


_HTML_HEADINGS = {
    400: "Yêu cầu không hợp lệ",
    404: "Không tìm thấy trang",
    405: "Thao tác không được phép",
    413: "Tệp tải lên quá lớn",
    415: "Loại tệp không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    503: "Chức năng tạm thời không dùng được",
}


# Werkzeug's errors, in the clerks' language.
_HTTP_MESSAGES = {
    404: "Không có địa chỉ này.",
    405: "Địa chỉ này không nhận phương thức {method}.",
    406: "Không có định dạng trả về nào khớp với header Accept.",
    415: "Loại nội dung gửi lên không được hỗ trợ.",
}


def _wants_html() -> bool:
    """Clerks' pages get HTML errors; the API under /api keeps its JSON shape."""
    return not request.path.startswith("/api")


def _size(limit: int) -> str:
    """A byte count as a clerk reads it: 5 MB, 512 KB."""
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB".replace(".", ",")
    return f"{limit // 1024} KB"
