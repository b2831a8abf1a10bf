"""Alembic migrations of docgen's database (applied by `docgen db upgrade` and at start)."""
