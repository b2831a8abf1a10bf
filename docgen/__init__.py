"""docgen: Decree 30 documents for a People's Council office's voter-contact work."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, API, pages, error handlers, services."""
    from flask_smorest import Api

    from docgen import api, config
    from docgen.errors import DocgenError
    from docgen.service import DocumentService, Settings

    settings = {**config.API_SETTINGS, **config.load(), **(test_config or {})}
    instance = settings.get("INSTANCE_PATH") or None
    app = Flask(
        __name__,
        instance_path=str(Path(instance).resolve()) if instance else None,
        instance_relative_config=True,
    )
    app.config.update(settings)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.extensions["docgen"] = DocumentService(Settings.from_config(app.config))

    smorest = Api(app)
    smorest.register_blueprint(api.blp)
    app.extensions["docgen.api"] = smorest
    _register_swagger_assets(app)
    _register_error_handlers(app, DocgenError)
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
        if error.code == 400:
            return MalformedRequest("Nội dung gửi lên không phải JSON hợp lệ.")
        if error.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            return PayloadTooLarge(f"Nội dung gửi lên vượt quá giới hạn {limit // 1024} KB.")
        generic = DocgenError(error.description or error.name)
        generic.status = error.code or 500
        generic.code = (error.name or "error").lower().replace(" ", "_")
        return generic

    def respond(error: DocgenError) -> tuple[Response, int]:
        return jsonify(error.to_dict()), error.status

    @app.errorhandler(base)
    def handle_docgen(error: DocgenError) -> tuple[Response, int]:
        if error.status >= 500:
            log.error("%s %s: %s", request.method, request.path, error.message, exc_info=error)
        return respond(error)

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException) -> tuple[Response, int]:
        return respond(as_docgen(error))

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> tuple[Response, int]:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return respond(DocgenError("Lỗi không mong đợi ở máy chủ; chi tiết đã ghi vào nhật ký."))
