"""Drafts: documents and rounds being prepared, kept on the server as typed (valid or not)."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docgen import documents, vn
from docgen.accounts import Account
from docgen.errors import Conflict, InvalidData, NotFound, Unauthorized
from docgen.models import Draft
from docgen.store import now

ROUND = "round"
ROUND_TITLE = "Đợt tiếp xúc cử tri"
# The sections of a round that are the council's own numbered documents.
ROUND_SECTIONS = ("schedule", "report", "letters")
OFFICE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> date:
    """Today in Vietnam: a document issued at 00:30 is dated that day, not the day before."""
    return datetime.now(OFFICE_ZONE).date()


def draft_types() -> list[str]:
    """Every type a draft can have: the document types and the round."""
    return [*documents.REGISTRY, ROUND]


def type_title(type_id: str) -> str:
    """The Vietnamese name of a draft's type."""
    return ROUND_TITLE if type_id == ROUND else documents.get(type_id).title


def as_issued(type_id: str, data: Any, issue_date: date) -> Any:
    """The data as it will be issued: no number yet (given at issue), dated the day of issue."""
    if not isinstance(data, dict):
        return data
    raw = copy.deepcopy(data)
    if type_id == ROUND:
        for section in ROUND_SECTIONS:
            if isinstance(raw.get(section), dict):
                raw[section]["number"] = None
                raw[section]["date"] = issue_date.isoformat()
        return raw
    raw["number"] = None
    if "date" in documents.get(type_id).schema().fields:
        raw["date"] = issue_date.isoformat()
    return raw


def as_draft(type_id: str, data: Any) -> Any:
    """The data as a draft renders: no number; a missing date is today's."""
    if not isinstance(data, dict):
        return data
    raw = copy.deepcopy(data)
    parts = [raw[s] for s in ROUND_SECTIONS if isinstance(raw.get(s), dict)]
    if type_id != ROUND:
        parts = [raw] if "date" in documents.get(type_id).schema().fields else []
        raw["number"] = None
    for part in parts:
        part["number"] = None
        if not part.get("date"):
            part["date"] = today().isoformat()
    return raw


def load(type_id: str, raw: Any) -> dict[str, Any]:
    """Data loaded by the type's schema (a round by the round's); InvalidData names the fields."""
    from marshmallow import ValidationError

    if type_id == ROUND:
        from docgen.rounds import load_round

        return load_round(raw)
    if not isinstance(raw, dict):
        raise InvalidData.from_messages({"_schema": ["Dữ liệu phải là một đối tượng JSON."]})
    try:
        loaded: dict[str, Any] = documents.get(type_id).schema().load(raw)
    except ValidationError as exc:
        raise InvalidData.from_messages(exc.messages) from exc
    return loaded


def errors_of(type_id: str, data: Any) -> dict[str, list[str]]:
    """What is wrong with a draft's data ({} when nothing is); the number comes at issue."""
    try:
        load(type_id, as_draft(type_id, data))
    except InvalidData as error:
        return error.fields
    return {}


@dataclass(frozen=True)
class DraftInfo:
    """A draft as the doors show it."""

    id: str
    type_id: str
    title: str
    data: dict[str, Any]
    owner_id: int | None
    created_at: datetime
    updated_at: datetime
    issued_at: datetime | None
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def type_title(self) -> str:
        """The type's Vietnamese name."""
        return type_title(self.type_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "id": self.id,
            "type": self.type_id,
            "type_title": self.type_title,
            "title": self.title,
            "data": self.data,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "issued_at": self.issued_at.isoformat() if self.issued_at else None,
            "valid": not self.errors,
            "errors": self.errors,
        }


def default_title(type_id: str, data: Any) -> str:
    """A title a clerk recognises when none was given: the type, and its date or round."""
    if type_id == ROUND and isinstance(data, dict):
        try:
            from docgen.rounds import round_title

            return str(round_title(load(ROUND, as_draft(ROUND, data))))
        except (InvalidData, KeyError, TypeError):
            return ROUND_TITLE
    title = type_title(type_id)
    issuer = data.get("issuer") if isinstance(data, dict) else None
    if isinstance(issuer, dict) and issuer.get("unit_name"):
        title += f" – {vn.lower(str(issuer.get('unit_kind', '')))} {issuer['unit_name']}".replace(
            "  ", " "
        )
    return title


class Drafts:
    """Drafts in the database: each belongs to an account, or to the installation (None)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @staticmethod
    def _info(row: Draft, *, with_errors: bool = True) -> DraftInfo:
        return DraftInfo(
            id=row.id,
            type_id=row.type_id,
            title=row.title,
            data=row.data,
            owner_id=row.owner_id,
            created_at=_aware(row.created_at),
            updated_at=_aware(row.updated_at),
            issued_at=_aware(row.issued_at) if row.issued_at else None,
            errors=errors_of(row.type_id, row.data) if with_errors else {},
        )

    @staticmethod
    def _check_type(type_id: Any) -> str:
        if type_id not in draft_types():
            known = ", ".join(draft_types())
            raise InvalidData(
                f"Không có loại văn bản “{type_id}”.",
                fields={"type": [f"Chọn một trong: {known}."]},
            )
        return str(type_id)

    def create(
        self,
        type_id: str,
        data: Any,
        title: str | None,
        owner: Account | None,
        *,
        draft_id: str | None = None,
    ) -> DraftInfo:
        """Keep a new draft, whatever state its data is in (`draft_id`: one the page chose)."""
        if draft_id is not None and not re.fullmatch(r"[0-9a-f]{32}", draft_id):
            raise InvalidData("Mã dự thảo không hợp lệ.", fields={"draft_id": ["32 chữ số hệ 16."]})
        type_id = self._check_type(type_id)
        if not isinstance(data, dict):
            raise InvalidData(
                "Dữ liệu dự thảo phải là một đối tượng JSON.",
                fields={"data": ["Không phải đối tượng."]},
            )
        moment = now()
        row = Draft(
            id=draft_id or uuid.uuid4().hex,
            type_id=type_id,
            title=(title or "").strip() or default_title(type_id, data),
            data=data,
            owner_id=owner.id if owner else None,
            created_at=moment,
            updated_at=moment,
        )
        try:
            with self.session() as session:
                session.add(row)
        except IntegrityError as exc:  # the id is taken (by a draft this caller cannot see)
            raise NotFound(f"Không có dự thảo “{draft_id}”.") from exc
        return self._info(row)

    def _row(self, session: Session, draft_id: str, caller: Account | None) -> Draft:
        row = session.get(Draft, draft_id)
        if row is None or not can_see(row.owner_id, caller):
            raise NotFound(f"Không có dự thảo “{draft_id}”.")
        return row

    def get(self, draft_id: str, caller: Account | None) -> DraftInfo:
        """One draft the caller may see; NotFound otherwise."""
        with self.session() as session:
            return self._info(self._row(session, draft_id, caller))

    def list(self, caller: Account | None, *, issued: bool | None = None) -> list[DraftInfo]:
        """The caller's drafts (a văn thư sees everyone's), last changed first."""
        query = select(Draft).order_by(Draft.updated_at.desc(), Draft.id)
        if caller is None:
            query = query.where(Draft.owner_id.is_(None))
        elif not caller.has("van_thu"):
            query = query.where(or_(Draft.owner_id == caller.id, Draft.owner_id.is_(None)))
        if issued is not None:
            query = query.where(
                Draft.issued_at.is_not(None) if issued else Draft.issued_at.is_(None)
            )
        with self.session() as session:
            return [self._info(row) for row in session.scalars(query)]

    def update(
        self,
        draft_id: str,
        caller: Account | None,
        *,
        data: Any = None,
        title: str | None = None,
        type_id: str | None = None,
    ) -> DraftInfo:
        """Replace a draft's data (and title or type); an issued draft is kept as it was issued."""
        with self.session() as session:
            row = self._row(session, draft_id, caller)
            if row.issued_at is not None:
                raise Conflict(
                    "Dự thảo này đã được cấp số và ban hành, không sửa được nữa. "
                    "Hãy nhân bản để soạn văn bản mới."
                )
            unchanged = (
                (data is None or data == row.data)
                and (title is None or title.strip() == row.title)
                and (type_id is None or type_id == row.type_id)
            )
            if unchanged:  # a page saving what it just opened: the last change stays
                return self._info(row)
            if type_id is not None:
                row.type_id = self._check_type(type_id)
            if data is not None:
                if not isinstance(data, dict):
                    raise InvalidData(
                        "Dữ liệu dự thảo phải là một đối tượng JSON.",
                        fields={"data": ["Không phải đối tượng."]},
                    )
                row.data = data
            if title is not None:
                row.title = title.strip() or default_title(row.type_id, row.data)
            row.updated_at = now()
            session.flush()
            return self._info(row)

    def delete(self, draft_id: str, caller: Account | None) -> None:
        """Delete a draft that was not issued (an issued one stays with its register entries)."""
        with self.session() as session:
            row = self._row(session, draft_id, caller)
            if row.issued_at is not None:
                raise Conflict("Dự thảo đã ban hành được giữ cùng sổ đăng ký, không xóa được.")
            session.delete(row)

    def duplicate(self, draft_id: str, caller: Account | None) -> DraftInfo:
        """A new draft with the same data (the next round from the last one)."""
        original = self.get(draft_id, caller)
        return self.create(original.type_id, original.data, f"{original.title} (bản sao)", caller)

    def mark_issued(self, session: Session, draft_id: str) -> None:
        """Record, in the issuing transaction, that the draft was issued."""
        row = session.get(Draft, draft_id)
        if row is not None:
            row.issued_at = now()


def can_see(owner_id: int | None, caller: Account | None) -> bool:
    """Installation drafts are everyone's; an account's are its own and the văn thư's."""
    if owner_id is None:
        return True
    if caller is None:
        return False
    return caller.id == owner_id or caller.has("van_thu")


def require_account(caller: Account | None) -> Account:
    """The caller's account; Unauthorized without one."""
    if caller is None:
        raise Unauthorized("Cần đăng nhập (hoặc gửi token) để làm việc này.")
    return caller


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
