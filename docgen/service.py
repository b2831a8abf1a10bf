"""The use cases every door calls: validate data, generate a document, convert it to PDF."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marshmallow import ValidationError

from docgen import conformity, conversion, documents, office_pool, provenance, rendering
from docgen.errors import (
    DocgenError,
    InvalidData,
    MalformedRequest,
    NotAcceptable,
    PdfBusy,
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
# What a document can be asked for: pdfa is a PDF in PDF/A-2b (for the archive).
FORMATS = ("docx", "pdf", "pdfa")


@dataclass(frozen=True)
class Settings:
    """What the service needs from the configuration."""

    templates_dir: Path
    soffice: str = ""
    conversion_timeout: float = 120.0
    pdf_author: str = "docgen"
    pool: bool = True  # the warm LibreOffice pool; False: one cold soffice per conversion
    pool_size: int = 0  # 0: one worker per core
    pool_max_conversions: int = 200
    pool_max_rss_mb: int = 1024
    pool_queue: int = 16
    uno_python: str = "/usr/bin/python3"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Pick the service's settings out of a Flask config or a settings mapping."""
        return cls(
            templates_dir=Path(config["TEMPLATES_DIR"]),
            soffice=config.get("SOFFICE", ""),
            conversion_timeout=float(config.get("CONVERSION_TIMEOUT", 120.0)),
            pdf_author=config.get("PDF_AUTHOR", "docgen"),
            pool=bool(config.get("POOL", True)),
            pool_size=int(config.get("POOL_SIZE", 0)),
            pool_max_conversions=int(config.get("POOL_MAX_CONVERSIONS", 200)),
            pool_max_rss_mb=int(config.get("POOL_MAX_RSS_MB", 1024)),
            pool_queue=int(config.get("POOL_QUEUE", 16)),
            uno_python=config.get("UNO_PYTHON", "/usr/bin/python3"),
        )

    def pool_workers(self) -> int:
        """Workers of this process's pool: POOL_SIZE, or one per core."""
        return self.pool_size if self.pool_size > 0 else (os.cpu_count() or 1)


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
        return MIMETYPES["pdf" if self.format == "pdfa" else self.format]


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

    def render_docx(
        self,
        type_id: str,
        data: dict[str, Any],
        *,
        draft: bool = False,
        template: VersionInfo | None = None,
    ) -> bytes:
        """Validated data → DOCX bytes, recording which template version and data made it.

        `draft` marks the document as a draft (the template prints its mark when
        `ban_du_thao` is true); `template` renders with that version, not the active one.
        """
        doc_type = documents.get(type_id)
        context = doc_type.context(data, draft=draft)
        active = template or self.active_template(type_id)
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

    def pool(self) -> office_pool.OfficePool | None:
        """This process's warm LibreOffice pool, or None (turned off, or no python3-uno)."""
        if not self.settings.pool:
            return None
        soffice = self.soffice()
        if not _uno_ok(self.settings.uno_python):
            return None
        return office_pool.shared(
            office_pool.PoolConfig(
                soffice=soffice,
                size=self.settings.pool_workers(),
                timeout=self.settings.conversion_timeout,
                max_conversions=self.settings.pool_max_conversions,
                max_rss_mib=self.settings.pool_max_rss_mb,
                queue=self.settings.pool_queue,
                uno_python=self.settings.uno_python,
            )
        )

    def generate(
        self, type_id: str, data: dict[str, Any], fmt: str, *, draft: bool = False
    ) -> GeneratedFile:
        """Validated data → a DOCX, PDF or PDF/A file with its download name (`draft`: marked so)."""
        if fmt not in FORMATS:
            raise NotAcceptable(f"Định dạng “{fmt}” không được hỗ trợ: chọn docx, pdf hoặc pdfa.")
        doc_type = documents.get(type_id)
        stem = safe_filename(doc_type.file_stem(data))
        content = self.render_docx(type_id, data, draft=draft)
        if fmt in ("pdf", "pdfa"):
            content = self.to_pdf(content, pdfa=fmt == "pdfa", trusted=True)
        suffix = "pdf" if fmt == "pdfa" else fmt
        return GeneratedFile(type_id, content, f"{stem}.{suffix}", fmt)

    def health(self) -> dict[str, Any]:
        """The PDF converter's state for GET /healthz."""
        try:
            pool = self.pool()
        except PdfUnavailable as exc:
            return {"ok": False, "mode": "unavailable", "message": exc.message, "workers": []}
        if pool is None:
            return {"ok": True, "mode": "cold", "workers": []}
        return pool.health()

    def to_pdf(self, docx: bytes, *, pdfa: bool = False, trusted: bool = False) -> bytes:
        """DOCX bytes → PDF bytes (PDF/A-2b if pdfa), by the warm pool when there is one.

        The PDF's title, subject, author and keywords (with the provenance) are the DOCX's core
        properties, which LibreOffice writes into both the Info dictionary and the XMP: the one
        metadata step of every door, and a PDF/A stays valid because nothing edits it after.
        """
        with pdf_errors():
            pool = self.pool()
            if pool is not None:
                return pool.convert(docx, pdfa=pdfa, trusted=trusted)
            return conversion.docx_to_pdf(
                docx, soffice=self.soffice(), timeout=self.settings.conversion_timeout, pdfa=pdfa
            )

    def to_pdfs(
        self,
        docx: Mapping[str, bytes],
        *,
        pdfa: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, bytes]:
        """Many DOCX by name → the PDFs that converted, by name (failures are left out).

        on_progress(done, total) hears of each document finished, converted or not.
        """
        from concurrent.futures import ThreadPoolExecutor, as_completed

        pool = self.pool()
        if pool is None:
            return _cold_many(self, docx, pdfa=pdfa, on_progress=on_progress)

        def one(item: tuple[str, bytes]) -> tuple[str, bytes | None]:
            try:
                return item[0], pool.convert(item[1], pdfa=pdfa, trusted=True)
            except conversion.ConverterUnavailable:
                raise
            except conversion.ConversionError:
                return item[0], None

        with pdf_errors(), ThreadPoolExecutor(pool.config.size) as threads:
            futures = [threads.submit(one, item) for item in docx.items()]
            done = []
            for future in as_completed(futures):
                done.append(future.result())
                if on_progress is not None:
                    on_progress(len(done), len(futures))
        return {name: pdf for name, pdf in done if pdf is not None}

    def check(self, docx: bytes, kind: str = "auto") -> conformity.Report:
        """The Decree 30 report of any DOCX; MalformedRequest when it is not a usable DOCX."""
        try:
            return conformity.check_docx(docx, kind)
        except ValueError as exc:
            raise MalformedRequest(str(exc)) from exc

    def generate_raw(self, type_id: str, raw: Any, fmt: str) -> GeneratedFile:
        """Raw JSON data → a file: validate, then generate."""
        return self.generate(type_id, self.validate(type_id, raw), fmt)


_uno_checked: dict[str, bool] = {}
_uno_lock = threading.Lock()


def _uno_ok(python: str) -> bool:
    """Whether the pool's python can drive LibreOffice (checked once per process)."""
    with _uno_lock:
        if python not in _uno_checked:
            _uno_checked[python] = office_pool.uno_available(python)
            if not _uno_checked[python]:
                import logging

                logging.getLogger(__name__).warning(
                    "%s cannot import uno (Debian's python3-uno): one cold soffice per PDF",
                    python,
                )
        return _uno_checked[python]


@contextmanager
def pdf_errors() -> Iterator[None]:
    """Conversion errors as the service's errors (503, 504, 502), in Vietnamese."""
    try:
        yield
    except office_pool.PoolBusy as exc:
        raise PdfBusy(
            "Các bộ chuyển PDF đều đang bận; vui lòng thử lại sau ít giây.",
            retry_after=exc.retry_after,
        ) from exc
    except conversion.ConverterUnavailable as exc:
        raise PdfUnavailable("Không tạo được PDF: không chạy được LibreOffice.") from exc
    except conversion.ConversionTimeout as exc:
        raise PdfTimeout("Chuyển sang PDF quá thời gian cho phép.") from exc
    except conversion.ConversionError as exc:
        raise PdfFailed(f"Chuyển sang PDF không thành công: {exc.message}") from exc


def _cold_many(
    service: DocumentService,
    docx: Mapping[str, bytes],
    *,
    pdfa: bool,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """Without a pool: one soffice run per core over its share (docgen.pdfpool)."""
    import pathlib
    import tempfile

    from docgen import pdfpool

    soffice = service.soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp:
        workdir = pathlib.Path(tmp)
        sources = {}
        for index, (name, content) in enumerate(docx.items()):
            path = workdir / f"r{index:04d}.docx"
            path.write_bytes(content)
            sources[path] = name
        with pdf_errors():
            result = pdfpool.convert_all(
                list(sources),
                workdir / "pdf",
                soffice=soffice,
                timeout=service.settings.conversion_timeout,
                workers=os.cpu_count() or 1,
                pdfa=pdfa,
                on_progress=on_progress,
            )
        return {sources[src]: pdf.read_bytes() for src, pdf in result.pdfs.items()}


__all__ = ["DocgenError", "DocumentService", "GeneratedFile", "Settings", "MIMETYPES"]
