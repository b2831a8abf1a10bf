"""The template use cases every door calls: check, upload (with confirmation), roll back."""

from __future__ import annotations

import contextlib
import json
import re
import time
from pathlib import Path
from typing import Any

from docgen import documents
from docgen.errors import ConfirmationRequired, NotFound, PdfUnavailable, TemplateRejected
from docgen.service import DocumentService
from docgen.store import TemplateStore, VersionInfo, sha256, write_atomically
from docgen.template_checks import (
    ERROR,
    WARNING,
    CheckReport,
    Shape,
    TypeFacts,
    check_template,
    required_paths,
)

# An upload waiting for confirmation is kept this long (files, not records: nothing to migrate).
PENDING_SECONDS = 24 * 3600
_SHA = re.compile(r"^[0-9a-f]{64}$")


class TemplateAdmin:
    """Checks and keeps staff versions of the templates."""

    def __init__(self, service: DocumentService, store: TemplateStore, fixtures_dir: Path) -> None:
        self.service = service
        self.store = store
        self.fixtures_dir = fixtures_dir
        self.pending_dir = store.root / "pending"

    def facts(self, type_id: str) -> TypeFacts:
        """What the checks need about a type: sample contexts and the data the shipped one prints."""
        doc_type = documents.get(type_id)
        contexts = []
        for path in sorted(self.fixtures_dir.glob(f"{type_id}.json")) + sorted(
            self.fixtures_dir.glob(f"{type_id}.*.json")
        ):
            data = self.service.validate(type_id, _read_json(path))
            contexts.append(doc_type.build_context(data))
        if not contexts:
            raise NotFound(f"Loại văn bản “{type_id}” chưa có dữ liệu mẫu để điền thử.")
        shipped = self.store.shipped(type_id)
        shape = TypeFacts(type_id, doc_type.check_kind, tuple(contexts), frozenset()).shape
        required = _required(shipped.sha256, str(shipped.path), shape_key(shape), shape)
        return TypeFacts(type_id, doc_type.check_kind, tuple(contexts), required)

    def check(self, type_id: str, content: bytes, filename: str = "") -> CheckReport:
        """Run every check on an uploaded template, without keeping it."""
        return check_template(
            content, self.facts(type_id), filename=filename, to_pdf=self._to_pdf()
        )

    def upload(
        self,
        type_id: str,
        content: bytes,
        *,
        author: str,
        comment: str,
        confirm: bool = False,
        filename: str = "",
    ) -> tuple[VersionInfo, CheckReport]:
        """Check, then keep and activate; errors refuse, warnings need `confirm`."""
        report = self.check(type_id, content, filename)
        if report.errors:
            self.keep_pending(report, content)
            raise TemplateRejected(
                report.summary(), fields=report.by_check(ERROR), report=report.to_dict()
            )
        if report.warnings and not confirm:
            self.keep_pending(report, content)
            raise ConfirmationRequired(
                report.summary(), fields=report.by_check(WARNING), report=report.to_dict()
            )
        info = self.store.add(
            type_id,
            content,
            author=author,
            comment=comment.strip(),
            checks=report.to_dict(),
            preview=report.preview,
        )
        return info, report

    def rollback(self, type_id: str, version: int, *, author: str = "") -> VersionInfo:
        """Make an earlier version active again (recorded in the history with who did it)."""
        documents.get(type_id)
        return self.store.rollback(type_id, version, author=author)

    # --- uploads waiting for confirmation (the web page confirms without a second upload)
    def keep_pending(self, report: CheckReport, content: bytes) -> None:
        """Keep a checked upload (and its preview) so the staff member can confirm it."""
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        cutoff = time.time() - PENDING_SECONDS
        for old in self.pending_dir.iterdir():
            with contextlib.suppress(FileNotFoundError):  # another worker got there first
                if old.stat().st_mtime < cutoff:
                    old.unlink()
        write_atomically(self.pending_dir / f"{report.sha256}.docx", content)
        if report.preview is not None:
            write_atomically(self.pending_dir / f"{report.sha256}.pdf", report.preview)

    def pending(self, digest: str, suffix: str = "docx") -> Path:
        """A pending upload's file, by its sha256."""
        path = self.pending_dir / f"{digest}.{suffix}"
        if not _SHA.match(digest) or not path.is_file():
            raise NotFound("Không còn tệp đang chờ xác nhận; hãy tải lên lại.")
        if suffix == "docx" and sha256(path.read_bytes()) != digest:
            raise NotFound("Tệp đang chờ xác nhận đã bị thay đổi; hãy tải lên lại.")
        return path

    def _to_pdf(self) -> Any:
        try:
            self.service.soffice()
        except PdfUnavailable:
            return None
        return lambda docx: self.service.to_pdf(docx, title="Bản xem trước", subject="docgen")


def shape_key(shape: Shape) -> str:
    """A hashable description of a shape (for the cache below)."""
    if shape.kind == "map":
        return "{" + ",".join(f"{k}:{shape_key(v)}" for k, v in sorted(shape.keys.items())) + "}"
    if shape.kind == "list":
        return "[" + shape_key(shape.item) + "]" if shape.item else "[]"
    return shape.kind


_REQUIRED: dict[tuple[str, str], frozenset[str]] = {}


def _required(digest: str, path: str, key: str, shape: Shape) -> frozenset[str]:
    """The data paths the shipped template prints, computed once per file and context shape."""
    if (digest, key) not in _REQUIRED:
        _REQUIRED[(digest, key)] = required_paths(Path(path).read_bytes(), shape)
    return _REQUIRED[(digest, key)]


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
