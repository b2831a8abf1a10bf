"""Issuing and the outgoing register (sổ đăng ký văn bản đi, Decree 30 art. 15-16).

Issuing a draft validates it, takes the next numbers of the issuing body's series for the year in
one transaction (the series' counter row is written first, so PostgreSQL locks that row and SQLite
its database until the commit: two instances never hand out the same number, and a failure rolls
the numbers back with everything else), renders the final DOCX with those numbers and keeps it,
with its data and the template it was made with. The PDF follows, outside the lock.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import logging
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree
from sqlalchemy import Engine, and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docgen import documents, provenance, vn
from docgen.accounts import Account
from docgen.context import header_top
from docgen.drafts import ROUND, Drafts, as_issued, load, today
from docgen.errors import (
    Conflict,
    DocgenError,
    Forbidden,
    InvalidData,
    NotFound,
    Unauthorized,
)
from docgen.models import (
    CANCELLED,
    ISSUED,
    ArchiveFile,
    Draft,
    NumberCounter,
    RegisterEntry,
    SeriesSetting,
    TemplateFile,
)
from docgen.naming import safe_filename
from docgen.service import DocumentService
from docgen.store import VersionInfo, now, sha256

log = logging.getLogger(__name__)

ISSUER_ROLE = "van_thu"
LETTER_SERIES = "CV"  # a công văn has no type abbreviation: its own series is named so
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Planned:
    """One document to issue: its type and data loaded with the type's schema (number unset)."""

    type_id: str
    data: dict[str, Any]


@dataclass(frozen=True)
class EntryInfo:
    """A line of the register, as the doors show it."""

    id: int
    issuer: str
    year: int
    series: str
    number: int
    symbol: str
    date: dt.date
    type_id: str
    type_name: str
    summary: str
    signer: str
    recipients: tuple[str, ...]
    copies: int
    archive: str
    issued_by: str
    issued_at: dt.datetime
    draft_id: str | None
    batch: str
    template_version: int
    template_sha256: str
    status: str
    cancel_reason: str | None
    cancelled_by: str | None
    cancelled_at: dt.datetime | None
    formats: tuple[str, ...] = ()

    @property
    def number_symbol(self) -> str:
        """“01/KH-HĐND”, as the register's first column writes it."""
        return f"{vn.pad2(self.number)}/{self.symbol}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "id": self.id,
            "register_id": self.id,
            "issuer": self.issuer,
            "year": self.year,
            "series": self.series,
            "number": self.number,
            "symbol": self.symbol,
            "number_symbol": self.number_symbol,
            "date": self.date.isoformat(),
            "type": self.type_id,
            "type_name": self.type_name,
            "summary": self.summary,
            "signer": self.signer,
            "recipients": list(self.recipients),
            "copies": self.copies,
            "archive": self.archive,
            "issued_by": self.issued_by,
            "issued_at": self.issued_at.isoformat(),
            "draft_id": self.draft_id,
            "batch": self.batch,
            "template_version": self.template_version,
            "template_sha256": self.template_sha256,
            "status": self.status,
            "cancel_reason": self.cancel_reason,
            "cancelled_by": self.cancelled_by,
            "cancelled_at": self.cancelled_at.isoformat() if self.cancelled_at else None,
            "formats": list(self.formats),
        }


def issuer_key(issuer: dict[str, Any]) -> str:
    """The issuing body as the register names it: “HĐND HUYỆN LỤC NGẠN – THƯỜNG TRỰC”."""
    return f"{header_top(issuer)} – {vn.upper(issuer['header_name'])}"


def type_abbreviation(type_id: str) -> str:
    """“KH” for a plan; the công văn series' name for a letter."""
    type_name = documents.get(type_id).type_name
    return vn.type_abbreviation(type_name) if type_name else LETTER_SERIES


def symbol_of(type_id: str, data: dict[str, Any]) -> str:
    """The symbol after the number: “KH-HĐND”, or “HĐND-VP” for a công văn."""
    body = data["issuer"]["symbol"]
    if documents.get(type_id).type_name:
        return vn.document_symbol(body, type_abbr=type_abbreviation(type_id))
    return vn.document_symbol(body, unit=data["unit"])


def summary_of(type_id: str, data: dict[str, Any]) -> str:
    """Column 3, the type's name and summary: a letter says to whom it goes."""
    title = documents.get(type_id).title
    if data.get("addressees"):
        return f"{title} (gửi {', '.join(data['addressees'])})"
    return title


def recipients_of(data: dict[str, Any]) -> list[str]:
    """Column 5: the addressees of a letter, then the Nơi nhận list."""
    return [*data.get("addressees", []), *data.get("recipients", [])]


def _jsonable(value: Any) -> Any:
    from docgen.rounds import _jsonable as as_json

    return as_json(value)


def text_lines(docx: bytes) -> list[str]:
    """Every paragraph's text of a DOCX body, in order (tables included)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


class Register:
    """Issues drafts with their numbers, keeps the register and its archive."""

    def __init__(
        self,
        engine: Engine,
        service: DocumentService,
        drafts: Drafts,
        *,
        pdf_at_issue: bool = True,
    ) -> None:
        self.engine = engine
        self.service = service
        self.drafts = drafts
        self.pdf_at_issue = pdf_at_issue
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    # -- series -----------------------------------------------------------------------------

    def set_series(self, issuer: str, *, per_type: bool) -> None:
        """One series for every type of this issuing body (default) or one per type."""
        with self.session() as session:
            row = session.get(SeriesSetting, issuer)
            if row is None:
                session.add(SeriesSetting(issuer=issuer, per_type=per_type))
            else:
                row.per_type = per_type

    def _series(self, session: Session, issuer: str, type_id: str) -> str:
        row = session.get(SeriesSetting, issuer)
        return type_abbreviation(type_id) if row is not None and row.per_type else ""

    @staticmethod
    def _allocate(session: Session, issuer: str, year: int, series: str, count: int) -> int:
        """The first of `count` new numbers; the counter row stays locked until the commit."""
        key = and_(
            NumberCounter.issuer == issuer,
            NumberCounter.year == year,
            NumberCounter.series == series,
        )
        bump = update(NumberCounter).where(key).values(last=NumberCounter.last + count)
        if session.execute(bump).rowcount == 0:  # type: ignore[attr-defined]
            dialect = session.get_bind().dialect.name
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as upsert
            else:
                from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
            session.execute(
                upsert(NumberCounter)
                .values(issuer=issuer, year=year, series=series, last=0)
                .on_conflict_do_nothing()
            )
            session.execute(bump)
        last = session.scalar(select(NumberCounter.last).where(key))
        assert last is not None
        return last - count + 1

    # -- issuing ----------------------------------------------------------------------------

    def plan(self, type_id: str, raw: Any, issue_date: dt.date) -> list[Planned]:
        """What issuing this data makes: one document, or a round's numbered documents."""
        loaded = load(type_id, as_issued(type_id, raw, issue_date))
        if type_id != ROUND:
            return [Planned(type_id, loaded)]
        from docgen.rounds import plan_round

        # The council's own documents; the minutes are the Front committee's, not outgoing ones.
        council = issuer_key(loaded["issuer"])
        return [
            Planned(j.type_id, j.data)
            for j in plan_round(loaded).jobs
            if issuer_key(j.data["issuer"]) == council
        ]

    def issue(
        self, draft_id: str, caller: Account | None, issue_date: dt.date | None = None
    ) -> list[EntryInfo]:
        """Issue a draft (a round: all its documents, numbered consecutively, at once)."""
        if caller is None:
            raise Unauthorized("Cần đăng nhập (hoặc token) của văn thư để cấp số.")
        if not caller.has(ISSUER_ROLE):
            raise Forbidden("Chỉ văn thư (vai trò van_thu) được cấp số và ban hành văn bản.")
        draft = self.drafts.get(draft_id, caller)
        if draft.issued_at is not None:
            raise Conflict("Dự thảo này đã được ban hành.")
        issue_date = issue_date or today()
        planned = self.plan(draft.type_id, draft.data, issue_date)  # InvalidData: no number taken
        templates = {p.type_id: self.service.active_template(p.type_id) for p in planned}
        batch = uuid.uuid4().hex
        with self.session() as session:
            # Written first: a second issue of the same draft waits here, then finds it issued.
            taken = session.execute(
                update(Draft)
                .where(Draft.id == draft_id, Draft.issued_at.is_(None))
                .values(issued_at=now())
            )
            if taken.rowcount == 0:  # type: ignore[attr-defined]
                raise Conflict("Dự thảo này vừa được ban hành.")
            rows = self._numbered(session, planned, issue_date, caller, draft_id, batch, templates)
            entries = [self._info(row, ("docx",)) for row in rows]
        if self.pdf_at_issue:
            self._archive_pdfs(entries)
        return [self.get(e.id) for e in entries]

    def _numbered(
        self,
        session: Session,
        planned: Sequence[Planned],
        issue_date: dt.date,
        caller: Account,
        draft_id: str,
        batch: str,
        templates: dict[str, VersionInfo | None],
    ) -> list[RegisterEntry]:
        """Allocate the numbers, render the final DOCX files, keep entries and files."""
        series_of: list[str] = []
        series: dict[tuple[str, str], list[int]] = {}
        for index, p in enumerate(planned):
            issuer = issuer_key(p.data["issuer"])
            series_of.append(self._series(session, issuer, p.type_id))
            series.setdefault((issuer, series_of[-1]), []).append(index)
        numbers: dict[int, int] = {}
        for (issuer, name), indexes in sorted(series.items()):  # one order: no deadlock
            first = self._allocate(session, issuer, issue_date.year, name, len(indexes))
            numbers.update({index: first + i for i, index in enumerate(indexes)})
        rows = []
        for index, p in enumerate(planned):
            data = {**p.data, "number": numbers[index]}
            template = templates[p.type_id]
            docx = self.service.render_docx(p.type_id, data, template=template)
            made = provenance.read(docx)
            assert made is not None
            self._keep_template(session, template, p.type_id, made.template_sha256)
            issuer = issuer_key(data["issuer"])
            row = RegisterEntry(
                issuer=issuer,
                year=issue_date.year,
                series=series_of[index],
                number=numbers[index],
                symbol=symbol_of(p.type_id, data),
                date=issue_date,
                type_id=p.type_id,
                type_name=documents.get(p.type_id).type_name or "Công văn",
                summary=summary_of(p.type_id, data),
                signer=data["signer"]["name"],
                recipients=recipients_of(data),
                copies=len(recipients_of(data)) + 1,  # one for each recipient, one kept
                archive=data.get("archive", ""),
                issued_by=caller.name,
                issued_at=now(),
                draft_id=draft_id,
                batch=batch,
                data=_jsonable(data),
                template_version=made.template_version,
                template_sha256=made.template_sha256,
                data_sha256=made.data_sha256,
                status=ISSUED,
            )
            session.add(row)
            session.flush()
            session.add(
                ArchiveFile(
                    entry_id=row.id,
                    format="docx",
                    content=docx,
                    sha256=sha256(docx),
                    created_at=now(),
                )
            )
            rows.append(row)
        return rows

    def _keep_template(
        self, session: Session, template: VersionInfo | None, type_id: str, digest: str
    ) -> None:
        """The template's bytes, once per sha256: a re-render needs them after any release."""
        if session.get(TemplateFile, digest) is not None:
            return
        path = template.path if template else self.service.template_path(type_id)
        content = path.read_bytes()
        if sha256(content) == digest:
            session.add(TemplateFile(sha256=digest, content=content))
            session.flush()

    # -- files ------------------------------------------------------------------------------

    def archive_pdf(self, entry: EntryInfo, docx: bytes) -> bytes:
        """The archive's PDF of a DOCX: PDF/A-2b, for keeping (its metadata are the DOCX's)."""
        return self.service.to_pdf(docx, pdfa=True, trusted=True)

    def _archive_pdfs(self, entries: Sequence[EntryInfo]) -> None:
        for entry in entries:
            try:
                self.file(entry.id, "pdf")
            except DocgenError as error:  # the DOCX is kept; the PDF is made on first download
                log.warning("PDF of register entry %s not made: %s", entry.id, error.message)

    def file(self, entry_id: int, fmt: str) -> tuple[bytes, str]:
        """The kept file and its download name; a PDF not yet made is made once and kept."""
        if fmt not in ("docx", "pdf"):
            raise InvalidData("Định dạng chỉ là docx hoặc pdf.", fields={"?format": ["docx|pdf"]})
        entry = self.get(entry_id)
        stored = self._stored(entry_id, fmt)
        if stored is None:
            docx = self._stored(entry_id, "docx")
            assert docx is not None
            pdf = self.archive_pdf(entry, docx)
            try:
                with self.session() as session:
                    session.add(
                        ArchiveFile(
                            entry_id=entry_id,
                            format=fmt,
                            content=pdf,
                            sha256=sha256(pdf),
                            created_at=now(),
                        )
                    )
                stored = pdf
            except IntegrityError:  # made at the same moment elsewhere: theirs is the archive's
                stored = self._stored(entry_id, fmt)
                assert stored is not None
        return stored, f"{safe_filename(self._stem(entry))}.{fmt}"

    def _stored(self, entry_id: int, fmt: str) -> bytes | None:
        with self.session() as session:
            return session.scalar(
                select(ArchiveFile.content).where(
                    ArchiveFile.entry_id == entry_id, ArchiveFile.format == fmt
                )
            )

    def _stem(self, entry: EntryInfo) -> str:
        return documents.get(entry.type_id).file_stem(self._loaded(entry.id))

    def _loaded(self, entry_id: int) -> dict[str, Any]:
        with self.session() as session:
            row = self._row(session, entry_id)
            data = row.data
        return documents.get(row.type_id).schema().load(data)

    # -- the register -----------------------------------------------------------------------

    def _row(self, session: Session, entry_id: int) -> RegisterEntry:
        row = session.get(RegisterEntry, entry_id)
        if row is None:
            raise NotFound(f"Sổ đăng ký không có văn bản số hiệu {entry_id}.")
        return row

    @staticmethod
    def _info(row: RegisterEntry, formats: tuple[str, ...] = ()) -> EntryInfo:
        def aware(moment: dt.datetime | None) -> dt.datetime | None:
            if moment is None:
                return None
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)

        issued_at = aware(row.issued_at)
        assert issued_at is not None
        return EntryInfo(
            id=row.id,
            issuer=row.issuer,
            year=row.year,
            series=row.series,
            number=row.number,
            symbol=row.symbol,
            date=row.date,
            type_id=row.type_id,
            type_name=row.type_name,
            summary=row.summary,
            signer=row.signer,
            recipients=tuple(row.recipients),
            copies=row.copies,
            archive=row.archive,
            issued_by=row.issued_by,
            issued_at=issued_at,
            draft_id=row.draft_id,
            batch=row.batch,
            template_version=row.template_version,
            template_sha256=row.template_sha256,
            status=row.status,
            cancel_reason=row.cancel_reason,
            cancelled_by=row.cancelled_by,
            cancelled_at=aware(row.cancelled_at),
            formats=formats,
        )

    def get(self, entry_id: int) -> EntryInfo:
        """One entry with the formats kept for it."""
        with self.session() as session:
            row = self._row(session, entry_id)
            formats = tuple(
                session.scalars(
                    select(ArchiveFile.format)
                    .where(ArchiveFile.entry_id == entry_id)
                    .order_by(ArchiveFile.format)
                )
            )
            return self._info(row, formats)

    def entries(
        self,
        *,
        year: int | None = None,
        issuer: str | None = None,
        type_id: str | None = None,
        draft_id: str | None = None,
    ) -> list[EntryInfo]:
        """The register's lines, filtered, in the order of their numbers."""
        query = select(RegisterEntry).order_by(
            RegisterEntry.year, RegisterEntry.issuer, RegisterEntry.series, RegisterEntry.number
        )
        if year is not None:
            query = query.where(RegisterEntry.year == year)
        if issuer:
            query = query.where(RegisterEntry.issuer == issuer)
        if type_id:
            query = query.where(RegisterEntry.type_id == type_id)
        if draft_id:
            query = query.where(RegisterEntry.draft_id == draft_id)
        with self.session() as session:
            return [self._info(row) for row in session.scalars(query)]

    def issuers(self) -> list[str]:
        """Every issuing body in the register."""
        with self.session() as session:
            return list(
                session.scalars(
                    select(RegisterEntry.issuer).distinct().order_by(RegisterEntry.issuer)
                )
            )

    def years(self) -> list[int]:
        """Every year in the register, latest first."""
        with self.session() as session:
            return list(
                session.scalars(
                    select(RegisterEntry.year).distinct().order_by(RegisterEntry.year.desc())
                )
            )

    def cancel(self, entry_id: int, caller: Account | None, reason: str) -> EntryInfo:
        """Cancel (thu hồi, hủy) an issued document: the entry and its number stay, with why."""
        if caller is None:
            raise Unauthorized("Cần đăng nhập (hoặc token) của văn thư để thu hồi, hủy.")
        if not caller.has(ISSUER_ROLE):
            raise Forbidden("Chỉ văn thư (vai trò van_thu) được thu hồi, hủy văn bản.")
        reason = (reason or "").strip()
        if not reason:
            raise InvalidData(
                "Cần ghi lý do thu hồi, hủy.", fields={"reason": ["Ghi lý do thu hồi, hủy."]}
            )
        with self.session() as session:
            row = self._row(session, entry_id)
            if row.status == CANCELLED:
                raise Conflict("Văn bản này đã bị thu hồi, hủy.")
            row.status = CANCELLED
            row.cancel_reason = reason
            row.cancelled_by = caller.name
            row.cancelled_at = now()
        return self.get(entry_id)

    def count(self) -> int:
        """How many entries the register holds."""
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(RegisterEntry)) or 0)

    # -- re-render --------------------------------------------------------------------------

    def rerender(self, entry_id: int) -> dict[str, Any]:
        """Render again from the recorded data and template: does it give the same text?"""
        entry = self.get(entry_id)
        data = self._loaded(entry_id)
        kept = self._stored(entry_id, "docx")
        assert kept is not None
        differences: list[str] = []
        if provenance.data_sha256(data) != self._data_sha(entry_id):
            differences.append("Dữ liệu lưu trong sổ không còn khớp mã băm lúc ban hành.")
        recorded = self._template(entry)
        if recorded is None:
            differences.append(
                f"Không còn mẫu phiên bản {entry.template_version} (sha256 {entry.template_sha256})."
            )
        else:
            again = self.service.render_docx(entry.type_id, data, template=recorded)
            differences += _diff(text_lines(kept), text_lines(again))
        active = self.service.active_template(entry.type_id)
        current: dict[str, Any] = {"template_version": active.version if active else 0}
        if active is not None and active.sha256 != entry.template_sha256:
            now_text = text_lines(self.service.render_docx(entry.type_id, data, template=active))
            current["differences"] = _diff(text_lines(kept), now_text)
            current["identical"] = not current["differences"]
        else:
            current.update(identical=not differences, differences=[])
        return {
            "identical": not differences,
            "differences": differences,
            "template_version": entry.template_version,
            "template_sha256": entry.template_sha256,
            "template_changed": active is not None and active.sha256 != entry.template_sha256,
            "current_template": current,
        }

    def _data_sha(self, entry_id: int) -> str:
        with self.session() as session:
            return self._row(session, entry_id).data_sha256

    def _template(self, entry: EntryInfo) -> VersionInfo | None:
        """The template the entry was made with, from its kept bytes."""
        with self.session() as session:
            content = session.scalar(
                select(TemplateFile.content).where(TemplateFile.sha256 == entry.template_sha256)
            )
        if content is None:
            return None
        store = self.service.templates
        root = store.root if store is not None else self.service.settings.templates_dir
        path = root / "issued" / f"{entry.template_sha256}.docx"
        if not path.is_file():
            from docgen.store import write_atomically

            write_atomically(path, content)
        base = self.service.active_template(entry.type_id)
        if base is None:
            return None
        return replace(
            base,
            version=entry.template_version,
            sha256=entry.template_sha256,
            path=path,
            active=False,
        )


def _diff(kept: list[str], again: list[str]) -> list[str]:
    """The lines that differ, as a unified diff without its header."""
    return [
        line
        for line in difflib.unified_diff(kept, again, "lưu trữ", "dựng lại", lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]
