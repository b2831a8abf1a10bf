"""The workspace's use cases the doors share: drafts rendered as drafts, the register exported."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from sqlalchemy import Engine

from docgen.accounts import Account
from docgen.drafts import ROUND, Drafts, as_draft, load
from docgen.naming import safe_filename
from docgen.register import Register
from docgen.service import MIMETYPES, DocumentService


@dataclass(frozen=True)
class Made:
    """A file to send: content, name, media type."""

    content: bytes
    filename: str
    mimetype: str


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Workspace:
    """Drafts, issuing and the register, over one database."""

    def __init__(self, engine: Engine, service: DocumentService, *, pdf_at_issue: bool) -> None:
        self.service = service
        self.drafts = Drafts(engine)
        self.register = Register(engine, service, self.drafts, pdf_at_issue=pdf_at_issue)

    def draft_file(self, draft_id: str, caller: Account | None, fmt: str) -> Made:
        """The draft rendered as a draft: marked “DỰ THẢO”, its number left blank.

        A round gives a ZIP of its documents' drafts. InvalidData when the data is not complete.
        """
        draft = self.drafts.get(draft_id, caller)
        loaded = load(draft.type_id, as_draft(draft.type_id, draft.data))
        stem = safe_filename(f"Dự thảo {draft.title}")
        if draft.type_id != ROUND:
            if fmt == "zip":
                fmt = "docx"
            made = self.service.generate(draft.type_id, loaded, fmt, draft=True)
            return Made(made.content, f"{stem}.{fmt}", made.mimetype)
        from docgen.rounds import plan_round

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for job in plan_round(loaded).jobs:
                docx = self.service.render_docx(job.type_id, job.data, draft=True)
                bundle.writestr(f"{job.name}.docx", docx)
        return Made(buffer.getvalue(), f"{stem}.zip", "application/zip")

    def export_register(self, year: int | None, issuer: str | None, fmt: str) -> Made:
        """The register of one year and issuing body in Decree 30's layout: XLSX or PDF."""
        from docgen import register_export

        entries = self.register.entries(year=year, issuer=issuer)
        page = register_export.cover(entries, issuer, year)
        stem = safe_filename(f"Sổ đăng ký văn bản đi {year or ''} {page.body}".strip())
        if fmt == "xlsx":
            return Made(register_export.to_xlsx(entries, page), f"{stem}.xlsx", XLSX)
        docx = register_export.to_docx(entries, page)
        pdf = self.service.to_pdf(docx, trusted=True)
        return Made(pdf, f"{stem}.pdf", MIMETYPES["pdf"])


__all__ = ["Workspace", "Made"]
