"""The database: migrations from nothing and from the database of docgen before the workspace."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT
from sqlalchemy import create_engine, inspect, select

from docgen import create_app, db
from docgen.store import TemplateVersion

LEGACY = ROOT / "tests" / "data" / "legacy_instance"  # made by docgen at f5de80e, before drafts
PLAN = "ke_hoach_tiep_xuc"


def test_a_new_database_is_created_by_the_migrations(database_url, tmp_path):
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": database_url}
    )
    engine = app.extensions["docgen.engine"]
    assert db.current(engine) == db.head()
    tables = set(inspect(engine).get_table_names())
    assert {
        "template_versions",
        "users",
        "api_tokens",
        "user_roles",
        "drafts",
        "register_entries",
        "number_counters",
        "series_settings",
        "archive_files",
        "secrets",
        "alembic_version",
    } <= tables


@pytest.fixture
def legacy(tmp_path) -> Path:
    """A copy of the instance folder of today's docgen: its SQLite file and template files."""
    instance = tmp_path / "legacy"
    shutil.copytree(LEGACY, instance)
    return instance


def legacy_rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608
            for table in ("template_versions", "users", "api_tokens")
        }


def test_upgrading_todays_database_keeps_every_template_version_and_account(legacy, tmp_path):
    before = legacy_rows(legacy / "docgen.sqlite3")
    assert len(before["template_versions"]) == 2 and len(before["users"]) == 2
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(legacy)})
    engine = app.extensions["docgen.engine"]
    assert db.current(engine) == db.head()

    after = legacy_rows(legacy / "docgen.sqlite3")
    width = len(before["template_versions"][0])
    assert [row[:width] for row in after["template_versions"]] == before["template_versions"]
    assert after["users"] == before["users"] and after["api_tokens"] == before["api_tokens"]

    store = app.extensions["docgen.templates"].store
    assert [v.version for v in store.versions(PLAN)] == [2, 1, 0]
    assert store.active(PLAN).version == 1
    accounts = app.extensions["docgen.accounts"]
    assert accounts.by_password("lan", "mat-khau-lan-1") is not None
    token = (legacy / "legacy_token.txt").read_text()
    account = accounts.by_token(token)
    assert account is not None and account.name == "may-api"
    # Yesterday's accounts managed templates: they keep that role.
    assert account.roles == {"can_bo_mau"}
    # The installation's key stays, so signed-in staff stay signed in.
    assert app.config["SECRET_KEY"] == (legacy / "secret_key").read_text().strip()

    # The files are now in the database: an instance with an empty folder has every version.
    with engine.connect() as connection:
        rows = connection.execute(select(TemplateVersion.path, TemplateVersion.content)).all()
    for path, content in rows:
        assert content == (legacy / "templates" / path).read_bytes()
    other = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "other"),
            "DATABASE_URL": f"sqlite:///{legacy / 'docgen.sqlite3'}",
        }
    )
    version = other.extensions["docgen.templates"].store.get(PLAN, 1)
    assert version.path.is_relative_to(tmp_path / "other")
    assert (
        version.path.read_bytes() == (legacy / "templates" / PLAN / version.path.name).read_bytes()
    )
    assert version.preview is not None and version.preview.is_file()
    assert other.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_docgen_db_upgrade_adopts_the_database_and_says_so(legacy, runner, monkeypatch):
    from docgen.cli import main

    monkeypatch.setenv("DOCGEN_INSTANCE_PATH", str(legacy))
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"chưa có → {db.head()}" in result.output
    again = runner.invoke(main, ["db", "upgrade"])
    assert again.exit_code == 0 and "mới nhất" in again.output
    engine = create_engine(f"sqlite:///{legacy / 'docgen.sqlite3'}")
    assert db.current(engine) == db.head()


def test_instances_starting_together_migrate_once(database_url, tmp_path):
    import threading

    errors: list[BaseException] = []

    def start(n: int) -> None:
        try:
            create_app(
                {
                    "TESTING": True,
                    "INSTANCE_PATH": str(tmp_path / f"i{n}"),
                    "DATABASE_URL": database_url,
                }
            )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert db.current(create_engine(database_url)) == db.head()


def test_users_add_with_roles(runner, tmp_path, monkeypatch):
    from docgen.cli import main

    monkeypatch.setenv("DOCGEN_INSTANCE_PATH", str(tmp_path / "i"))
    result = runner.invoke(
        main, ["users", "add", "hoa", "--no-password", "--role", "van_thu", "--role", "chuyen_vien"]
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(main, ["users", "add", "x", "--no-password", "--role", "giam_doc"])
    assert bad.exit_code == 2 and "giam_doc" in bad.output
    granted = runner.invoke(main, ["users", "grant", "hoa", "--role", "quan_tri"])
    assert granted.exit_code == 0
    assert "chuyen_vien, quan_tri, van_thu" in granted.output


def test_no_pooled_connection_is_left_for_gunicorn_to_fork(database_url, tmp_path):
    # A connection opened while building the app would be shared by every forked worker.
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": database_url}
    )
    assert app.extensions["docgen.engine"].pool.checkedin() == 0


def test_the_migrations_build_every_table_and_column_the_models_declare(database_url, tmp_path):
    """A model added without its migration would fail at run time only: compare them here."""
    import docgen.accounts  # noqa: F401  (every module declaring tables registers them on Base)
    import docgen.models  # noqa: F401
    from docgen.store import Base

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": database_url}
    )
    inspector = inspect(app.extensions["docgen.engine"])
    tables = set(inspector.get_table_names())
    missing = {
        f"{table.name}.{column.name}" if table.name in tables else table.name
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if table.name not in tables
        or column.name not in {c["name"] for c in inspector.get_columns(table.name)}
    }
    assert not missing
