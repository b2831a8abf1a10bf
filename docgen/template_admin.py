"""The template use cases every door calls: check, upload (with confirmation), roll back."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

from docgen import documents, template_guide, template_upgrades
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
# A refused upload can never be confirmed: only its preview is kept, for the page to show, and
# not for long. Every pending file together stays under a quota, the oldest going first.
REJECTED_SECONDS = 3600
PENDING_MAX_FILES = 100
PENDING_MAX_BYTES = 64 * 1024 * 1024
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
            contexts.append(doc_type.context(data))
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
            self.keep_pending(report, content, rejected=True)
            raise TemplateRejected(
                report.summary(), fields=report.by_check(ERROR), report=report.to_dict()
            )
        if report.warnings and not confirm:
            self.keep_pending(report, content)
            raise ConfirmationRequired(
                report.summary(), fields=report.by_check(WARNING), report=report.to_dict()
            )
        shipped = self.store.shipped(type_id)
        info = self.store.add(
            type_id,
            content,
            author=author,
            comment=comment.strip(),
            checks=report.to_dict(),
            preview=report.preview,
            base_sha256=shipped.sha256,  # made against this release's shipped template
        )
        return info, report

    def guide(self, type_id: str) -> list[template_guide.Entry]:
        """Every name the type's template may use, with its meaning and an example."""
        return template_guide.guide(
            documents.get(type_id), self.facts(type_id).contexts, self.store.active(type_id).path
        )

    def annotated(self, type_id: str) -> bytes:
        """The active template with a Word comment explaining each name where it is used."""
        content = self.store.active(type_id).path.read_bytes()
        return template_guide.annotated(content, self.guide(type_id))

    # --- releases: what changed in the shipped templates under the staff versions
    def at_startup(self, log: logging.Logger) -> None:
        """Keep this release's shipped texts; log what a release changed under staff versions."""
        template_upgrades.remember_shipped(self.store)
        template_upgrades.log_notices(self.notices(), log)

    def notice(self, type_id: str) -> template_upgrades.UpgradeNotice | None:
        """What the release changed under the type's active staff version (None: shipped one)."""
        if self.store.active(type_id).shipped:
            return None
        return template_upgrades.notice(self.store, self.facts(type_id))

    def notices(self) -> list[template_upgrades.UpgradeNotice]:
        """The notices of every type with an active staff version."""
        found = (self.notice(type_id) for type_id in documents.REGISTRY)
        return [n for n in found if n is not None]

    def rollback(self, type_id: str, version: int, *, author: str = "") -> VersionInfo:
        """Make an earlier version active again (recorded in the history with who did it)."""
        documents.get(type_id)
        return self.store.rollback(type_id, version, author=author)

    # --- uploads waiting for confirmation (the web page confirms without a second upload)
    def keep_pending(self, report: CheckReport, content: bytes, *, rejected: bool = False) -> None:
        """Keep a checked upload (and its preview) so the staff member can confirm it; of a
        refused one, only the preview. Old files go, then the oldest beyond the quota."""
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        if not rejected:
            write_atomically(self.pending_dir / f"{report.sha256}.docx", content)
        if report.preview is not None:
            name = f"{report.sha256}.pdf"
            write_atomically(self.pending_dir / name, report.preview)
            if rejected:  # dated back, so that it expires after REJECTED_SECONDS
                age = PENDING_SECONDS - REJECTED_SECONDS
                now = time.time()
                with contextlib.suppress(FileNotFoundError):
                    os.utime(self.pending_dir / name, (now - age, now - age))
        self.clean_pending()

    def clean_pending(self) -> None:
        """Remove pending files older than PENDING_SECONDS, then the oldest beyond the quota."""
        cutoff = time.time() - PENDING_SECONDS
        files = []
        for path in self.pending_dir.iterdir():
            with contextlib.suppress(FileNotFoundError):  # another worker got there first
                info = path.stat()
                if info.st_mtime < cutoff:
                    path.unlink()
                else:
                    files.append((info.st_mtime, info.st_size, path))
        files.sort(reverse=True)  # newest first: they are kept
        total = 0
        for index, (_mtime, size, path) in enumerate(files):
            total += size
            if index >= PENDING_MAX_FILES or total > PENDING_MAX_BYTES:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

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
        return self.service.to_pdf


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
