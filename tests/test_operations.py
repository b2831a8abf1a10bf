"""Operations: a quota on uploads kept for confirmation, worker recycling, no shared control
socket, the session cookie's SameSite."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from docgen import template_admin
from docgen.template_report import ERROR, WARNING, CheckReport, Finding


def _report(n: int, severity: str, preview: bytes | None = b"%PDF-1.4 x") -> CheckReport:
    digest = f"{n:064x}"
    return CheckReport("ke_hoach_tiep_xuc", digest, (Finding("x", severity, "m"),), None, preview)


def test_a_refused_upload_keeps_only_its_preview_for_an_hour(app):
    admin = app.extensions["docgen.templates"]
    admin.keep_pending(_report(1, ERROR), b"docx bytes", rejected=True)
    names = sorted(p.name for p in admin.pending_dir.iterdir())
    assert names == [f"{1:064x}.pdf"]  # the DOCX of a refused upload is never kept
    age = time.time() - (admin.pending_dir / names[0]).stat().st_mtime
    expected = template_admin.PENDING_SECONDS - template_admin.REJECTED_SECONDS
    assert abs(age - expected) < 60


def test_pending_uploads_stay_under_the_quota(app, monkeypatch):
    monkeypatch.setattr(template_admin, "PENDING_MAX_FILES", 6)
    admin = app.extensions["docgen.templates"]
    for n in range(20):
        admin.keep_pending(_report(n, WARNING), b"x" * 100)
    kept = list(admin.pending_dir.iterdir())
    assert len(kept) <= 6
    assert (admin.pending_dir / f"{19:064x}.docx").exists()  # the newest stay


def test_pending_bytes_stay_under_the_quota(app, monkeypatch):
    monkeypatch.setattr(template_admin, "PENDING_MAX_BYTES", 10_000)
    admin = app.extensions["docgen.templates"]
    for n in range(10):
        admin.keep_pending(_report(n, WARNING, preview=None), b"x" * 3000)
    assert sum(p.stat().st_size for p in admin.pending_dir.iterdir()) <= 10_000


def test_gunicorn_recycles_workers_with_jitter(app):
    from docgen.cli import gunicorn_settings

    settings = gunicorn_settings(app.config, "127.0.0.1:0", None)
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0
    assert settings["control_socket_disable"] is True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_leaves_no_control_socket_and_sets_samesite(tmp_path: Path):
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        "DOCGEN_INSTANCE_PATH": str(tmp_path / "instance"),
        "DOCGEN_WORKERS": "1",
    }
    (tmp_path / "run").mkdir()
    docgen = Path(sys.executable).parent / "docgen"
    server = subprocess.Popen(
        [str(docgen), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/templates/login") as r:
                    cookie = r.headers.get("Set-Cookie", "")
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("docgen serve did not answer")
                time.sleep(0.3)
        assert not (tmp_path / ".gunicorn").exists()
        assert not list((tmp_path / "run").glob("gunicorn*"))
        if cookie:
            assert "SameSite=Lax" in cookie
    finally:
        server.terminate()
        server.wait(timeout=30)
