"""Settings: defaults in one mapping, DOCGEN_* environment overrides, nothing read at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent

DEFAULTS: dict[str, Any] = {
    # The SQLite file, staff templates and logs; empty means Flask's instance/ beside the package.
    "INSTANCE_PATH": "",
    # Where the shipped templates live; staff versions go to the instance folder.
    "TEMPLATES_DIR": str(PROJECT_ROOT / "templates_vn"),
    "FIXTURES_DIR": str(PROJECT_ROOT / "fixtures"),
    # Path to soffice; empty means "look it up on PATH when first needed".
    "SOFFICE": "",
    "CONVERSION_TIMEOUT": 120.0,
    # The warm LibreOffice pool (docgen.office_pool): on unless false; POOL_SIZE 0 means one
    # worker per core for this process (`docgen serve` shares the cores among its workers).
    "POOL": True,
    "POOL_SIZE": 0,
    "POOL_MAX_CONVERSIONS": 200,  # a worker is restarted after this many conversions…
    "POOL_MAX_RSS_MB": 1024,  # … or when its processes use more resident memory than this
    "POOL_QUEUE": 16,  # requests that may wait for a worker; beyond, 503 with Retry-After
    # Debian's python3 with python3-uno drives LibreOffice (the venv's Python cannot import uno).
    "UNO_PYTHON": "/usr/bin/python3",
    # Request bodies above this many bytes get 413.
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    # Fields in one web form post: a round with a few hundred petitions has thousands
    # (Flask's default of 1,000 would refuse it with 413).
    "MAX_FORM_PARTS": 50_000,
    "HOST": "127.0.0.1",
    "PORT": 8000,
    "WORKERS": 2,
    "PDF_AUTHOR": "docgen",
    # Signs the session and the web forms' CSRF tokens; empty means a random key kept in the
    # instance folder (shared by every worker of one installation).
    "SECRET_KEY": "",
    # SQLAlchemy URL of the template versions and staff accounts; empty means
    # sqlite:///<instance>/docgen.sqlite3 (in WAL mode, so gunicorn workers share it).
    "DATABASE_URL": "",
    # When true, document generation and the clerk pages also need a signed-in user or a token.
    "REQUIRE_AUTH_FOR_DOCUMENTS": False,
}

# flask-smorest's settings: the OpenAPI document at /api/openapi.json, its page at /api/docs.
API_SETTINGS: dict[str, Any] = {
    "API_TITLE": "docgen",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    # Served from the swagger-ui-bundle package: the page works without the internet.
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/static/",
}


def _coerce(default: Any, raw: str) -> Any:
    """Read an environment string as the type of the default it overrides."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The defaults overridden by DOCGEN_<NAME> environment variables."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for name, default in DEFAULTS.items():
        raw = environ.get(f"DOCGEN_{name}")
        if raw is not None:
            settings[name] = _coerce(default, raw)
    return settings
