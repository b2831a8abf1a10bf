"""The workspace's tables: roles, drafts, number series, the outgoing register, its archive, secrets.

The template and account tables are in docgen/store.py; every table shares its `Base`, and the
schema is created and changed only by the Alembic migrations in docgen/migrations/.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from docgen.store import Base

ROLES = {
    "chuyen_vien": "Chuyên viên (soạn dự thảo, tạo văn bản)",
    "van_thu": "Văn thư (cấp số, thu hồi, sổ đăng ký văn bản đi)",
    "can_bo_mau": "Cán bộ mẫu (quản lý mẫu văn bản)",
    "quan_tri": "Quản trị (tài khoản)",
}
ISSUED, CANCELLED = "issued", "cancelled"


class UserRole(Base):
    """One role an account holds; an account may hold several."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class Draft(Base):
    """A document or round being prepared: its data kept as typed, valid or not."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    type_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # None: the installation's (made without an account, where documents are open).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SeriesSetting(Base):
    """How an issuing body numbers: one series for every type (default) or one per type."""

    __tablename__ = "series_settings"

    issuer: Mapped[str] = mapped_column(String(300), primary_key=True)
    per_type: Mapped[bool] = mapped_column(Boolean, default=False)


class NumberCounter(Base):
    """The last number given in one series of one issuing body in one year (locked to issue)."""

    __tablename__ = "number_counters"

    issuer: Mapped[str] = mapped_column(String(300), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    series: Mapped[str] = mapped_column(String(32), primary_key=True)  # "" or a type abbreviation
    last: Mapped[int] = mapped_column(Integer, default=0)


class RegisterEntry(Base):
    """One line of the outgoing register (sổ đăng ký văn bản đi): an issued document."""

    __tablename__ = "register_entries"
    __table_args__ = (
        # The database itself refuses a number given twice in a series.
        UniqueConstraint("issuer", "year", "series", "number", name="uq_register_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(300), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    series: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(64))
    date: Mapped[date] = mapped_column(Date)
    type_id: Mapped[str] = mapped_column(String(64), index=True)
    type_name: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text)
    signer: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    copies: Mapped[int] = mapped_column(Integer)
    archive: Mapped[str] = mapped_column(String(200), default="")
    issued_by: Mapped[str] = mapped_column(String(100))
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    draft_id: Mapped[str | None] = mapped_column(String(32), index=True)
    batch: Mapped[str] = mapped_column(String(32))  # the documents of one round share it
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # as rendered, JSON-ready
    template_version: Mapped[int] = mapped_column(Integer)
    template_sha256: Mapped[str] = mapped_column(String(64))
    data_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=ISSUED)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_by: Mapped[str | None] = mapped_column(String(100))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ArchiveFile(Base):
    """A file of an issued document, kept as it was sent (documents are small)."""

    __tablename__ = "archive_files"
    __table_args__ = (UniqueConstraint("entry_id", "format", name="uq_archive_format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("register_entries.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(16))  # docx, pdf (pdfa once it exists)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TemplateFile(Base):
    """Every template an issued document was made with, by its sha256 (re-render needs it)."""

    __tablename__ = "template_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Secret(Base):
    """Key material every instance shares (the session and CSRF signing key)."""

    __tablename__ = "secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
