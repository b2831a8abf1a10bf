"""docgen instances as an operator runs them: `docgen serve` (gunicorn) processes on one database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

DOCGEN = str(Path(sys.executable).with_name("docgen"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    """One `docgen serve` on a free port, its own instance folder, the shared database."""

    def __init__(self, database_url: str, folder: Path, workers: int = 2, **env: str) -> None:
        self.database_url = database_url
        self.folder = folder
        self.workers = workers
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> Instance:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DOCGEN_DATABASE_URL": self.database_url,
            "DOCGEN_INSTANCE_PATH": str(self.folder),
            "DOCGEN_ARCHIVE_PDF_AT_ISSUE": "false",
            **self.env,
        }
        log = open(self.folder.parent / f"{self.folder.name}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                DOCGEN,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(self.workers),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"docgen serve exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/document-types", timeout=5):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError("docgen serve did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn and its workers, ours only
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def call(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        """One JSON request; (status, decoded body)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                raw = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw
