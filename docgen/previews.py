"""Preview PDFs kept for a while under unguessable names, so a page can show one in a frame.

Files, not memory: every worker of the server sees the same folder.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

LIFETIME = 3600  # seconds a preview stays
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def folder(instance: Path) -> Path:
    """Where previews live: instance/previews/."""
    path = instance / "previews"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(instance: Path, pdf: bytes, *, now: float | None = None) -> str:
    """Keep a PDF, drop the expired ones; its token."""
    where = folder(instance)
    cutoff = (time.time() if now is None else now) - LIFETIME
    for old in where.glob("*.pdf"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (where / f"{token}.pdf").write_bytes(pdf)
    return token


def find(instance: Path, token: str) -> Path | None:
    """The stored preview of a token, or None (unknown, expired or malformed token)."""
    if not _TOKEN.match(token):
        return None
    path = folder(instance) / f"{token}.pdf"
    if not path.is_file() or path.stat().st_mtime < time.time() - LIFETIME:
        return None
    return path
