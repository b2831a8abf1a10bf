"""Slow work a page waits for (a round's documents, a PDF preview), with progress it can poll.

The work runs in a thread of the process that received the request; its state and its result
are files under instance/jobs/, so every worker of the server can answer the page's polls.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError

log = logging.getLogger(__name__)
LIFETIME = 3600  # seconds a finished job's file stays
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Result:
    """What a job made: the file, its name and media type."""

    content: bytes
    filename: str
    mimetype: str


def folder(instance: Path) -> Path:
    """Where jobs live: instance/jobs/."""
    path = instance / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def start(instance: Path, work: Callable[[Progress], Result], *, total: int, label: str) -> str:
    """Run work(progress) in a thread; its token. progress(done, total) may be called any time."""
    where = folder(instance)
    cutoff = time.time() - LIFETIME
    for old in where.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    status = where / f"{token}.json"
    state: dict[str, Any] = {"state": "running", "label": label}
    counts = {"done": 0, "total": total}
    _write(status, {**state, **counts})

    def progress(done: int, of: int) -> None:
        counts.update(done=done, total=of)
        _write(status, {**state, **counts})

    def run() -> None:
        try:
            result = work(progress)
        except DocgenError as error:
            _write(status, {**state, **counts, "state": "failed", "message": error.message})
            return
        except Exception:  # a thread has no error handler: the page must still hear of it
            log.exception("job %s failed", label)
            message = "Lỗi không mong đợi ở máy chủ; chi tiết đã ghi vào nhật ký."
            _write(status, {**state, **counts, "state": "failed", "message": message})
            return
        (where / f"{token}.bin").write_bytes(result.content)
        finished = {"done": counts["total"], "total": counts["total"]}
        _write(
            status,
            {
                **state,
                **finished,
                "state": "done",
                "filename": result.filename,
                "mimetype": result.mimetype,
            },
        )

    threading.Thread(target=run, name=f"docgen-job-{label}", daemon=True).start()
    return token


def status(instance: Path, token: str) -> dict[str, Any] | None:
    """A job's state (running, done, failed), done/total and message; None if unknown."""
    if not _TOKEN.match(token):
        return None
    path = folder(instance) / f"{token}.json"
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state


def result_file(instance: Path, token: str) -> tuple[Path, dict[str, Any]] | None:
    """A finished job's file and state; None while running, failed or unknown."""
    state = status(instance, token)
    path = folder(instance) / f"{token}.bin"
    if state is None or state.get("state") != "done" or not path.is_file():
        return None
    return path, state
