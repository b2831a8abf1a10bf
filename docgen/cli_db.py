"""`docgen db`: bring the database's schema up to date (Alembic migrations)."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import Engine


def _engine_and_root() -> tuple[Engine, Path]:
    """The engine and template cache folder the app would use, without building the app."""
    from flask import Flask

    from docgen import config
    from docgen.store import make_engine

    settings = config.load()
    instance = Path(settings["INSTANCE_PATH"] or Flask("docgen").instance_path).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    url = settings["DATABASE_URL"] or f"sqlite:///{instance / 'docgen.sqlite3'}"
    return make_engine(url), instance / "templates"


@click.group()
def db() -> None:
    """The database: apply migrations (also done when `docgen serve` starts)."""


@db.command("upgrade")
def upgrade() -> None:
    """Apply every migration the database lacks; an older docgen's database is adopted."""
    from docgen import db as migrations

    engine, root = _engine_and_root()
    before, after = migrations.upgrade(engine, root)
    if before == after:
        click.echo(f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({after}).")
    else:
        click.echo(f"Đã nâng cấp cơ sở dữ liệu: {before or 'chưa có'} → {after}.")


@db.command("current")
def current() -> None:
    """Print the database's schema revision and the newest one this docgen knows."""
    from docgen import db as migrations

    engine, _ = _engine_and_root()
    click.echo(f"{migrations.current(engine) or 'chưa có'} (mới nhất: {migrations.head()})")
