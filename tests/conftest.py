"""Shared fixtures: a fresh app per test, its client and CLI runner, the fixtures' data."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docgen import create_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def load_fixture(name: str) -> dict[str, Any]:
    """A fixture file's JSON."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def require_soffice() -> str:
    """The soffice binary; in CI its absence is a failure, elsewhere a skip."""
    path = shutil.which("soffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice is not installed")
    return path


@pytest.fixture
def app(tmp_path: Path):
    """A fresh app with its instance folder in a temporary directory."""
    yield create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def plan_data() -> dict[str, Any]:
    return load_fixture("ke_hoach_tiep_xuc.json")


@pytest.fixture
def soffice() -> str:
    return require_soffice()


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL cluster for the whole session (see tests/pgcluster.py)."""
    from pgcluster import Cluster

    cluster = Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path: Path) -> str:
    """A fresh database: a SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'docgen.sqlite3'}"
    return request.getfixturevalue("pg_cluster").database()
