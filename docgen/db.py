"""The database's schema version: Alembic migrations, applied once even when instances start together."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any number, the same in every instance: PostgreSQL's lock on "migrating docgen".
_PG_LOCK = 2026_13_01


def _config(connection: Connection | None = None, template_root: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["template_root"] = str(template_root) if template_root else None
    return config


def head() -> str:
    """The newest revision this docgen knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated, perhaps made by older docgen)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _one_at_a_time(engine: Engine) -> Iterator[None]:
    """Instances starting together migrate one after another (a SQLite file: a lock file beside
    it, held until the migration's transaction has committed)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def upgrade(
    engine: Engine, template_root: Path | None = None, revision: str = "head"
) -> tuple[str | None, str]:
    """Bring the database to the newest revision (or `revision`); (revision before, after)."""
    target = head() if revision == "head" else revision
    with _one_at_a_time(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # held until this transaction ends
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        before = MigrationContext.configure(connection).get_current_revision()
        if before != target:
            command.upgrade(_config(connection, template_root), revision)
    engine.dispose()  # no pooled connection crosses gunicorn's fork
    return before, target


def ensure_current(engine: Engine, template_root: Path | None = None) -> None:
    """Upgrade when the database is behind this docgen (a no-op read otherwise)."""
    if current(engine) != head():
        upgrade(engine, template_root)
    engine.dispose()


def shared_secret(engine: Engine, name: str, adopt: Path | None = None) -> str:
    """Key material every instance reads from the database, created once.

    `adopt` is a key file of an older installation: its key is kept, so sessions survive.
    """
    import secrets

    from sqlalchemy import insert, select
    from sqlalchemy.exc import IntegrityError

    from docgen.models import Secret

    with engine.begin() as connection:
        found = connection.scalar(select(Secret.value).where(Secret.name == name))
    if found:
        return found
    value = secrets.token_hex(32)
    if adopt is not None and adopt.is_file():
        value = adopt.read_text(encoding="ascii").strip() or value
    try:
        with engine.begin() as connection:
            connection.execute(insert(Secret).values(name=name, value=value))
    except IntegrityError:  # another instance created it first: use theirs
        with engine.begin() as connection:
            value = connection.scalar(select(Secret.value).where(Secret.name == name)) or value
    return value
