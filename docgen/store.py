"""The template store: every staff version of every template, one active per type, in SQL + files."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from docgen.errors import Conflict, NotFound

ACTIVE, INACTIVE = "active", "inactive"
SHIPPED_AUTHOR = "docgen"
SHIPPED_COMMENT = "Mẫu gốc kèm theo docgen"


class Base(DeclarativeBase):
    """The tables of docgen's database."""


class TemplateVersion(Base):
    """One uploaded version of a type's template."""

    __tablename__ = "template_versions"
    __table_args__ = (
        UniqueConstraint("type_id", "version", name="uq_template_version"),
        # One active version per type, held by the database itself.
        Index(
            "uq_one_active_template",
            "type_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(300))  # relative to the store's folder
    preview_path: Mapped[str | None] = mapped_column(String(300))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=INACTIVE)
    checks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The shipped template (sha256) this version was made against: a release that changes the
    # shipped one shows staff what changed since.
    base_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)
    # The files themselves, so every instance has them; `path` is this instance's cached copy.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    preview_content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class TemplateEvent(Base):
    """Something done to a type's templates other than an upload: a rollback, for the history."""

    __tablename__ = "template_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]  # the version made active
    previous: Mapped[int]  # the version active before
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class EventInfo:
    """A rollback as the history shows it."""

    action: str
    version: int
    previous: int
    author: str
    created_at: datetime


class User(Base):
    """A staff account: signs in with a password, or calls the API with tokens."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """An API token, kept only as its sha256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShippedText(Base):
    """The text of a shipped template this instance has run with (for diffs after a release)."""

    __tablename__ = "shipped_template_texts"
    __table_args__ = (UniqueConstraint("type_id", "sha256", name="uq_shipped_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def sha256(content: bytes) -> str:
    """The hex sha256 of bytes."""
    return hashlib.sha256(content).hexdigest()


@functools.lru_cache(maxsize=64)
def _file_sha256(path: str, _mtime_ns: int, _size: int) -> str:
    """A file's sha256, computed again only when its time or size changes."""
    return sha256(Path(path).read_bytes())


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def now() -> datetime:
    """The current time, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL (readers never block the writer) and a busy timeout."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # Issuing holds the write lock while it renders (a round: a few seconds); writers
            # queued behind several of those wait rather than fail.
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    # The schema comes from the migrations (docgen.db), not from create_all.
    # No pooled connection may cross gunicorn's fork: workers open their own.
    engine.dispose()
    return engine


@dataclass(frozen=True)
class VersionInfo:
    """A template version as the doors show it; version 0 is the shipped default."""

    type_id: str
    version: int
    sha256: str
    path: Path
    author: str
    created_at: datetime
    comment: str
    active: bool
    checks: dict[str, Any] = field(default_factory=dict)
    preview: Path | None = None
    base_sha256: str | None = None  # the shipped template it was made against, when known

    @property
    def shipped(self) -> bool:
        """True for the default template that comes with docgen."""
        return self.version == 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (no file paths)."""
        return {
            "type_id": self.type_id,
            "version": self.version,
            "sha256": self.sha256,
            "author": self.author,
            "created_at": self.created_at.isoformat(),
            "comment": self.comment,
            "active": self.active,
            "shipped": self.shipped,
            "has_preview": self.preview is not None,
        }


def write_atomically(path: Path, content: bytes) -> None:
    """Write a file under a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TemplateStore:
    """Versions of the templates: files under `root`, records in the database."""

    def __init__(self, engine: Engine, root: Path, defaults_dir: Path) -> None:
        self.engine = engine
        self.root = root
        self.defaults_dir = defaults_dir
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def shipped(self, type_id: str, *, active: bool = True) -> VersionInfo:
        """Version 0: the template that ships in templates_vn/."""
        path = self.defaults_dir / f"{type_id}.docx"
        if not path.is_file():
            raise NotFound(f"Không có mẫu gốc cho loại văn bản “{type_id}”.")
        stat = path.stat()
        return VersionInfo(
            type_id=type_id,
            version=0,
            sha256=_file_sha256(str(path), stat.st_mtime_ns, stat.st_size),
            path=path,
            author=SHIPPED_AUTHOR,
            created_at=datetime.fromtimestamp(int(path.stat().st_mtime), UTC),
            comment=SHIPPED_COMMENT,
            active=active,
        )

    def _info(self, row: TemplateVersion) -> VersionInfo:
        self._cache(row)
        return VersionInfo(
            type_id=row.type_id,
            version=row.version,
            sha256=row.sha256,
            path=self.root / row.path,
            author=row.author,
            created_at=row.created_at.replace(tzinfo=row.created_at.tzinfo or UTC),
            comment=row.comment,
            active=row.status == ACTIVE,
            checks=dict(row.checks or {}),
            preview=self.root / row.preview_path if row.preview_path else None,
            base_sha256=row.base_sha256,
        )

    def _cache(self, row: TemplateVersion) -> None:
        """Write the version's files from the database when this instance lacks them."""
        docx = self.root / row.path
        fresh = docx.is_file() and _file_sha256(str(docx), *_stamp(docx)) == row.sha256
        if not fresh and row.content is not None:  # the blob is loaded only when needed
            write_atomically(docx, row.content)
        preview = self.root / row.preview_path if row.preview_path else None
        if preview is not None and not preview.is_file() and row.preview_content is not None:
            write_atomically(preview, row.preview_content)

    def active(self, type_id: str) -> VersionInfo:
        """The version documents of this type are rendered with."""
        with self.session() as session:
            row = session.scalar(
                select(TemplateVersion).where(
                    TemplateVersion.type_id == type_id, TemplateVersion.status == ACTIVE
                )
            )
            if row is not None:
                return self._info(row)
        return self.shipped(type_id)

    def versions(self, type_id: str) -> list[VersionInfo]:
        """Every version of a type, newest first, ending with the shipped one (0)."""
        with self.session() as session:
            rows = session.scalars(
                select(TemplateVersion)
                .where(TemplateVersion.type_id == type_id)
                .order_by(TemplateVersion.version.desc())
            ).all()
            infos = [self._info(row) for row in rows]
        return [*infos, self.shipped(type_id, active=not any(i.active for i in infos))]

    def get(self, type_id: str, version: int) -> VersionInfo:
        """One version of a type; NotFound if there is no such version."""
        for info in self.versions(type_id):
            if info.version == version:
                return info
        raise NotFound(f"Mẫu “{type_id}” không có phiên bản {version}.")

    def add(
        self,
        type_id: str,
        content: bytes,
        *,
        author: str,
        comment: str,
        checks: dict[str, Any],
        preview: bytes | None = None,
        base_sha256: str | None = None,
    ) -> VersionInfo:
        """Keep a new, checked version and make it the active one."""
        digest = sha256(content)
        written: list[Path] = []
        try:
            with self.session() as session:
                last = session.scalar(
                    select(func.max(TemplateVersion.version)).where(
                        TemplateVersion.type_id == type_id
                    )
                )
                number = (last or 0) + 1
                stem = f"{type_id}/{number}-{digest[:8]}"
                write_atomically(self.root / f"{stem}.docx", content)
                written.append(self.root / f"{stem}.docx")
                if preview is not None:
                    write_atomically(self.root / f"{stem}.pdf", preview)
                    written.append(self.root / f"{stem}.pdf")
                self._deactivate(session, type_id)
                row = TemplateVersion(
                    type_id=type_id,
                    version=number,
                    sha256=digest,
                    path=f"{stem}.docx",
                    preview_path=f"{stem}.pdf" if preview is not None else None,
                    author=author,
                    created_at=now(),
                    comment=comment,
                    status=ACTIVE,
                    checks=checks,
                    base_sha256=base_sha256,
                    content=content,
                    preview_content=preview,
                )
                session.add(row)
                session.flush()
                return self._info(row)
        except IntegrityError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            raise Conflict(
                "Có người khác vừa thay mẫu này cùng lúc; hãy tải lại trang và thử lại."
            ) from exc

    def rollback(self, type_id: str, version: int, *, author: str = "") -> VersionInfo:
        """Make an earlier version (0: the shipped one) the active one again; kept in the history."""
        target = self.get(type_id, version)
        try:
            with self.session() as session:
                previous = session.scalar(
                    select(TemplateVersion.version).where(
                        TemplateVersion.type_id == type_id, TemplateVersion.status == ACTIVE
                    )
                )
                self._deactivate(session, type_id)
                session.add(
                    TemplateEvent(
                        type_id=type_id,
                        action="rollback",
                        version=version,
                        previous=previous or 0,
                        author=author,
                        created_at=now(),
                    )
                )
                if version != 0:
                    row = session.scalar(
                        select(TemplateVersion).where(
                            TemplateVersion.type_id == type_id,
                            TemplateVersion.version == version,
                        )
                    )
                    assert row is not None  # self.get found it
                    row.status = ACTIVE
        except IntegrityError as exc:
            raise Conflict("Có người khác vừa đổi mẫu này cùng lúc; hãy thử lại.") from exc
        return replace(target, active=True)

    def events(self, type_id: str) -> list[EventInfo]:
        """The rollbacks of a type, newest first."""
        with self.session() as session:
            rows = session.scalars(
                select(TemplateEvent)
                .where(TemplateEvent.type_id == type_id)
                .order_by(TemplateEvent.id.desc())
            ).all()
            return [
                EventInfo(r.action, r.version, r.previous, r.author, r.created_at) for r in rows
            ]

    @staticmethod
    def _deactivate(session: Session, type_id: str) -> None:
        for row in session.scalars(
            select(TemplateVersion).where(
                TemplateVersion.type_id == type_id, TemplateVersion.status == ACTIVE
            )
        ):
            row.status = INACTIVE
        session.flush()

    def keep_shipped_text(self, type_id: str, digest: str, text_: str) -> None:
        """Remember the text of a shipped template (once per sha256)."""
        with contextlib.suppress(IntegrityError), self.session() as session:
            if (
                session.scalar(
                    select(ShippedText.id).where(
                        ShippedText.type_id == type_id, ShippedText.sha256 == digest
                    )
                )
                is None
            ):
                session.add(ShippedText(type_id=type_id, sha256=digest, text=text_, seen_at=now()))

    def shipped_text(self, type_id: str, digest: str) -> str | None:
        """The remembered text of a shipped template, by its sha256."""
        with self.session() as session:
            return session.scalar(
                select(ShippedText.text).where(
                    ShippedText.type_id == type_id, ShippedText.sha256 == digest
                )
            )
