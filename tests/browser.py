"""A live docgen server and a real chromium (Debian's) driven by Playwright, for browser tests."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def require_chromium() -> str:
    """Debian's chromium and Playwright; in CI their absence fails, elsewhere it skips."""
    missing = []
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing.append(f"chromium ({CHROMIUM})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        if os.environ.get("CI"):
            pytest.fail("browser tests need " + " and ".join(missing) + " in CI")
        pytest.skip("browser tests need " + " and ".join(missing))
    return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))


class LiveServer:
    """The app served by werkzeug on 127.0.0.1 and a free port, in a thread."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def browser_context(user_data_dir: Path, locale: str = "vi-VN") -> Iterator:
    """A persistent chromium context in a fresh profile folder, in a language (vi-VN, en-US)."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=executable,
            args=[*CHROMIUM_ARGS, f"--lang={locale}"],
            headless=True,
            locale=locale,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def axe_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each (none is good)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot (the whole page, or what the screen shows) under artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def watched_tab(context, base: str) -> Iterator:
    """A fresh tab on a live server (`tab.base`) that records console errors and uncaught
    exceptions; the test fails if any was recorded when the tab is closed."""
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.base = base
    yield tab
    tab.close()
    assert problems == [], problems


def type_value(page, path: str, value: str) -> None:
    """Type one value the way a clerk does: if its list row is not there yet, press the list's
    "+ Thêm …" button first; then choose, tick or fill, as the field asks."""
    from docgen import forms

    if page.locator(f'[name="{path}"]').count() == 0:
        parts = path.split(".")
        row = max(i for i, part in enumerate(parts) if part.isdigit())
        list_id = forms.input_id(".".join(parts[:row]))
        page.locator(f"#{list_id} > [data-add]").click()
    element = page.locator(f'[name="{path}"]')
    tag = element.evaluate("e => e.tagName")
    if tag == "SELECT":
        element.select_option(value)
    elif element.get_attribute("type") == "checkbox":
        element.set_checked(value == "on")
    else:
        element.fill(value)
