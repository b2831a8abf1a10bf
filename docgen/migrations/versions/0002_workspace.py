"""The workspace: template files as blobs, roles, drafts, number series, register, archive, secrets.

Template versions of an existing database get their file and preview copied into the database
(from the instance folder the app passes as `template_root`), so another instance can use them;
existing accounts keep managing templates (role `can_bo_mau`).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("template_versions", sa.Column("content", sa.LargeBinary))
    op.add_column("template_versions", sa.Column("preview_content", sa.LargeBinary))
    _copy_template_files()

    op.create_table(
        "user_roles",
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("role", sa.String(32), primary_key=True),
    )
    op.execute(sa.text("INSERT INTO user_roles (user_id, role) SELECT id, 'can_bo_mau' FROM users"))

    op.create_table(
        "drafts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("type_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_drafts_owner_id", "drafts", ["owner_id"])
    op.create_index("ix_drafts_updated_at", "drafts", ["updated_at"])

    op.create_table(
        "series_settings",
        sa.Column("issuer", sa.String(300), primary_key=True),
        sa.Column("per_type", sa.Boolean, nullable=False),
    )
    op.create_table(
        "number_counters",
        sa.Column("issuer", sa.String(300), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("series", sa.String(32), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "register_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer", sa.String(300), nullable=False, index=True),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("series", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("symbol", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("type_id", sa.String(64), nullable=False, index=True),
        sa.Column("type_name", sa.String(100), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("signer", sa.String(200), nullable=False),
        sa.Column("recipients", sa.JSON, nullable=False),
        sa.Column("copies", sa.Integer, nullable=False),
        sa.Column("archive", sa.String(200), nullable=False),
        sa.Column("issued_by", sa.String(100), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("draft_id", sa.String(32), index=True),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("template_version", sa.Integer, nullable=False),
        sa.Column("template_sha256", sa.String(64), nullable=False),
        sa.Column("data_sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("cancelled_by", sa.String(100)),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("issuer", "year", "series", "number", name="uq_register_number"),
    )
    op.create_table(
        "archive_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("register_entries.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("entry_id", "format", name="uq_archive_format"),
    )
    op.create_table(
        "template_files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def _copy_template_files() -> None:
    """Every version's DOCX and preview, read from the instance folder into its row."""
    config = op.get_context().config
    root = config.attributes.get("template_root") if config is not None else None
    if root is None:
        return
    bind = op.get_bind()
    table = sa.table(
        "template_versions",
        sa.column("id", sa.Integer),
        sa.column("path", sa.String),
        sa.column("preview_path", sa.String),
        sa.column("content", sa.LargeBinary),
        sa.column("preview_content", sa.LargeBinary),
    )
    rows = bind.execute(sa.select(table.c.id, table.c.path, table.c.preview_path)).all()
    for row in rows:
        values = {}
        docx = Path(root) / row.path
        if docx.is_file():
            values["content"] = docx.read_bytes()
        if row.preview_path and (Path(root) / row.preview_path).is_file():
            values["preview_content"] = (Path(root) / row.preview_path).read_bytes()
        if values:
            bind.execute(sa.update(table).where(table.c.id == row.id).values(**values))
