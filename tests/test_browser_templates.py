"""A staff member edits the plan template in a real browser (Playwright with Debian's chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import templatefiles as tf
from browser import CHROMIUM_ARGS, LiveServer, require_chromium
from docxtext import paragraphs

from docgen import create_app

pytestmark = pytest.mark.browser

OLD_WORD, NEW_WORD = "thiết thực", "thực chất"


@pytest.fixture
def live(tmp_path) -> Iterator[str]:
    """The app served on 127.0.0.1 at a free port, with one staff account."""
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")})
    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai", ["can_bo_mau"])
    with LiveServer(app) as server:
        yield server.url


@pytest.fixture
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def _plan(page, base: str, plan_data: dict) -> str:
    """Produce a plan through the open API; its text."""
    response = page.request.post(f"{base}/api/v1/documents/{tf.PLAN_TYPE}", data=plan_data)
    assert response.ok, response.text()
    return "\n".join(paragraphs(response.body()))


def test_staff_edit_a_word_upload_generate_and_roll_back(live, browser, tmp_path, plan_data):
    page = browser.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(60_000)  # the check renders and converts a preview

    page.goto(f"{live}/templates")
    assert "/templates/login" in page.url
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill("mat-khau-dai")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live}/templates")

    page.get_by_role("link", name="Sửa, lịch sử").first.click()
    page.wait_for_url(f"**/templates/{tf.PLAN_TYPE}")
    with page.expect_download() as download:
        page.locator("#download-current").click()
    current = Path(download.value.path()).read_bytes()
    assert current == tf.PLAN.read_bytes()

    edited = tmp_path / "ke-hoach-sua.docx"
    edited.write_bytes(tf.replace(OLD_WORD, NEW_WORD, source=current))
    page.get_by_label("Tệp mẫu (.docx)").set_input_files(str(edited))
    page.get_by_label("Ghi chú").fill("Đổi “thiết thực” thành “thực chất”")
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    outcome = page.locator("#outcome")
    outcome.wait_for()
    assert "Đã nhận mẫu: phiên bản 1 đang được dùng" in outcome.inner_text()

    text = _plan(page, live, plan_data)
    assert NEW_WORD in text and OLD_WORD not in text

    page.goto(f"{live}/templates/{tf.PLAN_TYPE}")
    assert "Đổi “thiết thực” thành “thực chất”" in page.content()
    page.get_by_role("button", name="Dùng lại phiên bản 0").click()
    # Asked first; then told it is done, and the history keeps it.
    assert page.locator("h1").inner_text() == "Dùng lại phiên bản 0?"
    page.get_by_role("button", name="Có, dùng lại phiên bản 0").click()
    page.wait_for_url(f"**/templates/{tf.PLAN_TYPE}?da_dung_lai=0")
    assert "Đã dùng lại mẫu gốc (phiên bản 0)" in page.locator("#outcome").inner_text()
    assert (
        "lan dùng lại mẫu gốc (phiên bản 0) (thay cho phiên bản 1)"
        in page.locator("#events").inner_text()
    )
    assert page.get_by_role("button", name="Dùng lại phiên bản 1").is_visible()

    text = _plan(page, live, plan_data)
    assert OLD_WORD in text and NEW_WORD not in text


def test_the_page_refuses_a_visitor_not_signed_in(live, browser):
    page = browser.new_context().new_page()
    page.goto(f"{live}/templates/{tf.PLAN_TYPE}")
    assert "/templates/login" in page.url
    assert page.get_by_role("button", name="Đăng nhập").is_visible()
    assert "Tải lên mẫu mới" not in page.content()
    response = page.request.get(f"{live}/templates/{tf.PLAN_TYPE}/current.docx", max_redirects=0)
    assert response.status == 302
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Sai tên đăng nhập hoặc mật khẩu" in page.content()
    assert "/templates/login" in page.url


def test_a_template_page_shows_the_guide_and_what_a_release_changed(tmp_path, browser):
    """After a release reworded the shipped letter, its page shows the diff and the guide."""
    import shutil

    from browser import ARTIFACTS
    from conftest import ROOT
    from test_wording import edit_one_run

    shipped = tmp_path / "templates_vn"
    shutil.copytree(ROOT / "templates_vn", shipped)
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "TEMPLATES_DIR": str(shipped),
    }
    letter = shipped / "cong_van_chuyen.docx"
    first = create_app(dict(config))
    first.extensions["docgen.accounts"].add("lan", "mat-khau-dai", ["can_bo_mau"])
    mine = edit_one_run(letter.read_bytes(), "gửi về", "gửi bằng đường công văn về")
    first.extensions["docgen.templates"].store.add(
        "cong_van_chuyen", mine, author="lan", comment="Sửa câu", checks={},
        base_sha256=first.extensions["docgen.templates"].store.shipped("cong_van_chuyen").sha256,
    )  # fmt: skip
    letter.write_bytes(
        edit_one_run(letter.read_bytes(), "để thông báo đến", "để kịp thông báo đến")
    )

    with LiveServer(create_app(dict(config))) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/templates/login")
        page.get_by_label("Tên đăng nhập").fill("lan")
        page.get_by_label("Mật khẩu").fill("mat-khau-dai")
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto(f"{server.url}/templates/cong_van_chuyen")
        notice = page.locator("#release-notice")
        assert "Mẫu gốc đã thay đổi" in notice.inner_text()
        assert "để kịp thông báo đến" in notice.locator(".diff .add").inner_text()
        assert "để thông báo đến" in notice.locator(".diff .del").inner_text()
        guide = page.locator("table.guide")
        assert guide.get_by_text("{{ i.tom_tat }}").count() == 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "template-guide-1280.png"), full_page=True)
