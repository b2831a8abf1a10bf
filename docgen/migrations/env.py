"""Alembic's entry point: migrations run on the connection docgen.db hands over."""

from __future__ import annotations

from alembic import context

from docgen import models  # noqa: F401  (every table on Base.metadata)
from docgen.store import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
