"""What a release changed under staff versions: the shipped template a version was based on, and
the text of every shipped template an instance has run with.

A database where an earlier docgen already added them (without migrations) keeps them as they are.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    columns = {c["name"] for c in inspector.get_columns("template_versions")}
    if "base_sha256" not in columns:
        op.add_column("template_versions", sa.Column("base_sha256", sa.String(64)))
    if "shipped_template_texts" not in inspector.get_table_names():
        op.create_table(
            "shipped_template_texts",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("type_id", sa.String(64), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
            sa.UniqueConstraint("type_id", "sha256", name="uq_shipped_text"),
        )
