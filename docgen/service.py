"""The use cases every door calls: validate data, generate a document, convert it to PDF."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marshmallow import ValidationError

from docgen import conformity, conversion, documents, provenance, rendering
from docgen.errors import (
    DocgenError,
    InvalidData,
    MalformedRequest,
    NotAcceptable,
    PdfFailed,
    PdfTimeout,
    PdfUnavailable,
)
from docgen.naming import safe_filename

if TYPE_CHECKING:
    from docgen.councils import CouncilProfiles
    from docgen.store import TemplateStore, VersionInfo

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Settings:
    """What the service needs from the configuration."""

    templates_dir: Path
    soffice: str = ""
    conversion_timeout: float = 120.0
    pdf_author: str = "docgen"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Pick the service's settings out of a Flask config or a settings mapping."""
        return cls(
            templates_dir=Path(config["TEMPLATES_DIR"]),
            soffice=config.get("SOFFICE", ""),
            conversion_timeout=float(config.get("CONVERSION_TIMEOUT", 120.0)),
            pdf_author=config.get("PDF_AUTHOR", "docgen"),
        )


@dataclass(frozen=True)
class GeneratedFile:
    """One produced document, ready to send or write."""

    type_id: str
    content: bytes
    filename: str
    format: str
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def mimetype(self) -> str:
        """The file's media type."""
        return MIMETYPES[self.format]


class DocumentService:
    """Generates documents; shared by the API, the web pages, the CLI and the batch."""

    def __init__(
        self,
        settings: Settings,
        templates: TemplateStore | None = None,
        councils: CouncilProfiles | None = None,
    ) -> None:
        self.settings = settings
        self.templates = templates
        self.councils = councils  # saved council profiles (channels), for rounds
        self._soffice: str | None = None

    def validate(self, type_id: str, raw: Any) -> dict[str, Any]:
        """Load raw JSON data with the type's schema; InvalidData names every bad field."""
        doc_type = documents.get(type_id)
        if not isinstance(raw, dict):
            raise InvalidData.from_messages({"_schema": ["Dữ liệu phải là một đối tượng JSON."]})
        try:
            loaded: dict[str, Any] = doc_type.schema().load(raw)
        except ValidationError as exc:
            raise InvalidData.from_messages(exc.messages) from exc
        return loaded

    def template_path(self, type_id: str) -> Path:
        """The template a type renders with: the active staff version, else the shipped one."""
        active = self.active_template(type_id)
        if active is not None:
            return active.path
        return self.settings.templates_dir / documents.get(type_id).template_file

    def active_template(self, type_id: str) -> VersionInfo | None:
        """The active version of a type's template (version 0 is the shipped one)."""
        documents.get(type_id)
        return self.templates.active(type_id) if self.templates is not None else None

    def render_docx(self, type_id: str, data: dict[str, Any]) -> bytes:
        """Validated data → DOCX bytes, recording which template version and data made it."""
        doc_type = documents.get(type_id)
        context = doc_type.build_context(data)
        active = self.active_template(type_id)
        path = active.path if active else self.template_path(type_id)
        made_by = provenance.Provenance(
            type_id,
            active.version if active else 0,
            active.sha256 if active else provenance.file_sha256(path),
            provenance.data_sha256(data),
        )
        return rendering.render_docx(
            path,
            context,
            # LibreOffice carries title, subject and author into the PDF: a batch needs no
            # second pass over each PDF to set them.
            {
                "title": doc_type.title,
                "subject": doc_type.file_stem(data),
                "author": self.settings.pdf_author,
                "language": "vi-VN",
                **made_by.properties(),
            },
        )

    def soffice(self) -> str:
        """The LibreOffice binary, looked up once; PdfUnavailable when there is none."""
        if self._soffice is None:
            found = conversion.find_soffice(self.settings.soffice or None)
            if not found:
                raise PdfUnavailable(
                    "Không tạo được PDF: máy chủ chưa cài LibreOffice. Vẫn tải được DOCX."
                )
            self._soffice = found
        return self._soffice

    def to_pdf(self, docx: bytes, *, title: str, subject: str) -> bytes:
        """DOCX bytes → PDF bytes with title, author and subject set."""
        try:
            pdf = conversion.docx_to_pdf(
                docx, soffice=self.soffice(), timeout=self.settings.conversion_timeout
            )
        except conversion.ConverterUnavailable as exc:
            raise PdfUnavailable("Không tạo được PDF: không chạy được LibreOffice.") from exc
        except conversion.ConversionTimeout as exc:
            raise PdfTimeout("Chuyển sang PDF quá thời gian cho phép.") from exc
        except conversion.ConversionError as exc:
            raise PdfFailed(f"Chuyển sang PDF không thành công: {exc.message}") from exc
        return conversion.set_pdf_metadata(
            pdf, title=title, author=self.settings.pdf_author, subject=subject
        )

    def generate(self, type_id: str, data: dict[str, Any], fmt: str) -> GeneratedFile:
        """Validated data → a DOCX or PDF file with its download name."""
        if fmt not in MIMETYPES:
            raise NotAcceptable(f"Định dạng “{fmt}” không được hỗ trợ: chọn docx hoặc pdf.")
        doc_type = documents.get(type_id)
        stem = safe_filename(doc_type.file_stem(data))
        content = self.render_docx(type_id, data)
        if fmt == "pdf":
            content = self.to_pdf(content, title=doc_type.title, subject=stem)
        return GeneratedFile(type_id, content, f"{stem}.{fmt}", fmt)

    def check(self, docx: bytes, kind: str = "auto") -> conformity.Report:
        """The Decree 30 report of any DOCX; MalformedRequest when it is not a usable DOCX."""
        try:
            return conformity.check_docx(docx, kind)
        except ValueError as exc:
            raise MalformedRequest(str(exc)) from exc

    def generate_raw(self, type_id: str, raw: Any, fmt: str) -> GeneratedFile:
        """Raw JSON data → a file: validate, then generate."""
        return self.generate(type_id, self.validate(type_id, raw), fmt)


__all__ = ["DocgenError", "DocumentService", "GeneratedFile", "Settings", "MIMETYPES"]
