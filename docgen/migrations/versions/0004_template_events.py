"""The template history's rollbacks: who made which version active, and what was active before.

A database where an earlier docgen already created the table (without migrations) keeps it.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "template_events" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "template_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("previous", sa.Integer, nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_template_events_type_id", "template_events", ["type_id"])


def downgrade() -> None:
    op.drop_index("ix_template_events_type_id", table_name="template_events")
    op.drop_table("template_events")
