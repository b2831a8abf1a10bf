"""One family of errors, each with its HTTP status; the only place that shapes error responses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# marshmallow's and webargs' stock messages, as a clerk should read them.
_VI_MESSAGES = {
    "Missing data for required field.": "Thiếu dữ liệu bắt buộc.",
    "Unknown field.": "Mục này không có trong văn bản này: bỏ mục này trong tệp.",
    "Field may not be null.": "Không được để trống.",
    "Not a valid string.": "Phải ghi bằng chữ.",
    "Not a valid integer.": "Phải là một số nguyên.",
    "Not a valid number.": "Phải là một số.",
    "Not a valid boolean.": "Phải là có hoặc không.",
    "Not a valid date.": "Ngày không hợp lệ: ghi ngày/tháng/năm, ví dụ 02/12/2026 (trong tệp JSON: 2026-12-02).",
    "Not a valid datetime.": "Ngày giờ không hợp lệ: ghi ví dụ 02/12/2026 7h30 (trong tệp JSON: 2026-12-02T07:30).",
    "Not a valid time.": "Giờ không hợp lệ: ghi ví dụ 7h30 hoặc 07:30.",
    "Not a valid list.": "Phải là một danh sách.",
    "Invalid input type.": "Dữ liệu không đúng loại (chữ, số hay danh sách).",
    "Invalid value.": "Giá trị không hợp lệ.",
    "Shorter than minimum length 1.": "Không được để trống.",
}


def vi_message(message: str) -> str:
    """The Vietnamese form of a validation message (ours are written in Vietnamese already)."""
    if message in _VI_MESSAGES:
        return _VI_MESSAGES[message]
    if message.startswith("Must be one of:"):
        return "Phải là một trong các giá trị:" + message[len("Must be one of:") :]
    if message.startswith("Must be greater than or equal to"):
        return message.replace(
            "Must be greater than or equal to", "Phải lớn hơn hoặc bằng"
        ).replace("and less than or equal to", "và nhỏ hơn hoặc bằng")
    if message.startswith("Must be less than or equal to"):
        return message.replace("Must be less than or equal to", "Phải nhỏ hơn hoặc bằng")
    return message


def flatten_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested error dict into {"signer.name": [...], "legal_bases.0": [...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            name = "_schema" if key == "_schema" and not prefix else str(key)
            path = f"{prefix}.{name}" if prefix and key != "_schema" else (prefix or name)
            for field, msgs in flatten_messages(value, path).items():
                out.setdefault(field, []).extend(msgs)
    elif isinstance(messages, list | tuple):
        for item in messages:
            if isinstance(item, str):
                out.setdefault(prefix or "_schema", []).append(vi_message(item))
            else:
                for field, msgs in flatten_messages(item, prefix).items():
                    out.setdefault(field, []).extend(msgs)
    elif isinstance(messages, str):
        out.setdefault(prefix or "_schema", []).append(vi_message(messages))
    return out


class DocgenError(Exception):
    """Base of every error docgen reports to a client; `message` is safe to show."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, fields: Mapping[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape of the API."""
        body: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return {"error": body}


class InvalidData(DocgenError):
    """The data does not fit the document type's schema."""

    status = 422
    code = "invalid_data"

    @classmethod
    def from_messages(cls, messages: Any) -> InvalidData:
        """Build from marshmallow's error messages."""
        fields = flatten_messages(messages)
        return cls(f"Dữ liệu không hợp lệ ở {len(fields)} trường.", fields=fields)


class MalformedRequest(DocgenError):
    """The body could not be read as JSON (or the request is otherwise malformed)."""

    status = 400
    code = "malformed_request"


class UnsupportedMediaType(DocgenError):
    """The body is not of a content type the endpoint accepts."""

    status = 415
    code = "unsupported_media_type"


class PayloadTooLarge(DocgenError):
    """The body exceeds the configured size limit."""

    status = 413
    code = "payload_too_large"


class NotFound(DocgenError):
    """No such resource (document type, template, version)."""

    status = 404
    code = "not_found"


class NotAcceptable(DocgenError):
    """The requested output format is not one docgen produces."""

    status = 406
    code = "not_acceptable"


class RenderFailed(DocgenError):
    """A template could not be rendered (a defect of the template, not of the data)."""

    status = 500
    code = "render_failed"
    where = ""  # the text of the template paragraph that failed, when known


class PdfUnavailable(DocgenError):
    """LibreOffice is not installed or not configured: PDF cannot be produced."""

    status = 503
    code = "pdf_unavailable"


class PdfBusy(DocgenError):
    """Every LibreOffice worker is busy and the waiting line is full: try again shortly."""

    status = 503
    code = "pdf_busy"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PdfFailed(DocgenError):
    """LibreOffice ran but produced no valid PDF."""

    status = 502
    code = "pdf_failed"


class PdfTimeout(DocgenError):
    """LibreOffice did not finish in time and was stopped."""

    status = 504
    code = "pdf_timeout"


class Unauthorized(DocgenError):
    """No valid credentials: sign in, or send `Authorization: Bearer <token>`."""

    status = 401
    code = "unauthorized"


class Forbidden(DocgenError):
    """Valid credentials that do not allow this action."""

    status = 403
    code = "forbidden"


class Conflict(DocgenError):
    """The request clashes with the current state (a concurrent change, a missing confirmation)."""

    status = 409
    code = "conflict"


class TemplateRejected(DocgenError):
    """An uploaded template failed its checks; `report` holds every finding."""

    status = 422
    code = "template_rejected"

    def __init__(
        self,
        message: str,
        *,
        fields: Mapping[str, list[str]] | None = None,
        report: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, fields=fields)
        self.report = dict(report or {})

    def to_dict(self) -> dict[str, Any]:
        """The one error shape, plus the full check report."""
        body = super().to_dict()
        if self.report:
            body["error"]["report"] = self.report
        return body


class ConfirmationRequired(TemplateRejected):
    """The template has warnings only: it is accepted once the staff member confirms."""

    status = 409
    code = "confirmation_required"
