"""The tables of docgen before the workspace: template versions, accounts, API tokens.

A database made by earlier docgen (tables created without migrations) already has them: this
revision then only records that it is at the baseline, keeping every row.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "template_versions" not in existing:
        op.create_table(
            "template_versions",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("type_id", sa.String(64), nullable=False, index=True),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("path", sa.String(300), nullable=False),
            sa.Column("preview_path", sa.String(300)),
            sa.Column("author", sa.String(100), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("comment", sa.Text, nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("checks", sa.JSON, nullable=False),
            sa.UniqueConstraint("type_id", "version", name="uq_template_version"),
        )
        op.create_index(
            "uq_one_active_template",
            "template_versions",
            ["type_id"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
    if "users" not in existing:
        op.create_table(
            "users",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(100), nullable=False, unique=True),
            sa.Column("password_hash", sa.String(300)),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
    if "api_tokens" not in existing:
        op.create_table(
            "api_tokens",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
            ),
            sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
