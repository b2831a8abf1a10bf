"""Browser: a clerk's round typed half-way, the tab closed, reopened from the home page with
everything in place, finished, issued by a văn thư, found in the register's export."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browser import LiveServer, browser_context, require_chromium, screenshot, type_value
from conftest import load_fixture

from docgen import create_app, forms
from docgen.schemas.round import RoundSchema

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    app = create_app(
        {"INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")), "ARCHIVE_PDF_AT_ISSUE": False}
    )
    accounts = app.extensions["docgen.accounts"]
    accounts.add("lan", "mat-khau-lan", ["chuyen_vien"])
    accounts.add("hoa", "mat-khau-hoa", ["van_thu"])
    with LiveServer(app) as live:
        yield live


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/templates/login")
    page.fill('[name="name"]', name)
    page.fill('[name="password"]', f"mat-khau-{name}")
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_load_state()


def type_in(page, paths: dict[str, str]) -> None:
    """Type values the way a clerk does: add a list's row with its button, then fill."""
    for path, value in paths.items():
        type_value(page, path, value)


def saved(page) -> None:
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.startsWith('Đã lưu')",
        timeout=30_000,
    )


def test_a_round_typed_half_way_is_reopened_issued_and_in_the_register(server, tmp_path):
    from openpyxl import load_workbook

    data = load_fixture("round_xa_2026.json")
    paths = forms.data_to_form(forms.build_form(RoundSchema), data)
    items = list(paths.items())
    first, rest = dict(items[: len(items) // 2]), dict(items[len(items) // 2 :])

    clerk = browser_context(tmp_path / "clerk")
    context = next(clerk)
    try:
        tab = context.new_page()
        sign_in(tab, server.url, "lan")
        tab.goto(f"{server.url}/round")
        type_in(tab, first)
        saved(tab)
        tab.close()  # no button pressed: what was typed is on the server

        tab = context.new_page()
        tab.goto(f"{server.url}/")
        row = tab.locator("#drafts tr", has_text="Đợt tiếp xúc cử tri")
        assert row.count() == 1 and "Còn" in row.inner_text()  # not ready yet, and says so
        screenshot(tab, "workspace-home-draft")
        row.locator("a").first.click()
        tab.wait_for_load_state()
        for path, value in first.items():
            element = tab.locator(f'[name="{path}"]')
            if element.get_attribute("type") == "checkbox":
                assert element.is_checked() == (value == "on"), path
            else:
                assert element.input_value() == value, path
        type_in(tab, rest)
        saved(tab)
        tab.close()
    finally:
        next(clerk, None)

    office = browser_context(tmp_path / "van-thu")
    context = next(office)
    try:
        tab = context.new_page()
        sign_in(tab, server.url, "hoa")
        tab.goto(f"{server.url}/")
        row = tab.locator("#drafts tr", has_text="Đủ để ban hành")
        assert row.count() == 1
        row.locator('input[name="date"]').fill(
            "/".join(reversed(data["report"]["date"].split("-")))
        )  # as a clerk types it
        row.get_by_role("button", name="Cấp số và ban hành").click()
        tab.wait_for_url("**/register**")
        assert "Đã cấp số và vào sổ: 01/" in tab.locator(".alert").inner_text()
        screenshot(tab, "workspace-register")
        with tab.expect_download() as download:
            tab.locator("#export-xlsx").click()
        sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
        rows = [[c for c in r if c is not None] for r in sheet.iter_rows(values_only=True)]
        assert ["SỔ ĐĂNG KÝ VĂN BẢN ĐI"] in rows
        numbers = [
            r[0] for r in rows if r and isinstance(r[0], str) and "/" in r[0] and r[0][:2].isdigit()
        ]
        assert numbers[0].startswith("01/") and len(numbers) >= 3
        assert any("Báo cáo tổng hợp" in str(r[2]) for r in rows if len(r) > 2)
        tab.close()
    finally:
        next(office, None)
