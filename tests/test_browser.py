"""The clerks' pages in a real browser (Debian's chromium through Playwright) on a live server."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from browser import (
    LiveServer,
    browser_context,
    require_chromium,
    screenshot,
    type_value,
    watched_tab,
)
from conftest import load_fixture, require_soffice
from docxtext import paragraphs
from pdfcheck import pdf_paragraph_text

from docgen import create_app, documents, forms

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data"
PLAN = "/documents/ke_hoach_tiep_xuc"
HAS_ROUNDS = all(
    importlib.util.find_spec(m) is not None for m in ("docgen.rounds", "docgen.round_output")
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
            "FIXTURES_DIR": str(DATA),  # the sample sheets' rows: the round of the tests
        }
    )
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="module")
def context(tmp_path_factory, server):
    yield from browser_context(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture
def page(context, server):
    """A fresh tab that records console errors and uncaught exceptions; none are allowed."""
    yield from watched_tab(context, server.url)


def go(page, path: str) -> None:
    page.goto(page.base + path)


def fill_form(page, type_id: str, data: dict, skip: tuple[str, ...] = ()) -> None:
    """Type data into the page the way a clerk does: add rows with the button, then fill."""
    form = forms.build_form(documents.get(type_id).schema)
    for path, value in forms.data_to_form(form, data).items():
        if path not in skip:
            type_value(page, path, value)


@pytest.mark.parametrize("width", [1280, 768])
def test_every_page_renders_without_console_errors(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    pages = ["/", *(f"/documents/{t}" for t in documents.REGISTRY), "/round"]
    for path in pages:
        go(page, path)
        assert page.locator("h1").inner_text()
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{path} is wider than {width} px"
        name = path.strip("/").replace("/", "-") or "index"
        screenshot(page, f"{name}-{width}")


def test_plan_mistake_shown_next_to_field_then_docx_and_pdf(page):
    soffice_missing = None
    try:
        require_soffice()
    except pytest.skip.Exception as exc:
        soffice_missing = str(exc)
    data = load_fixture("ke_hoach_tiep_xuc.json")
    go(page, PLAN)
    fill_form(page, "ke_hoach_tiep_xuc", data, skip=("signer.name",))
    page.get_by_role("button", name="Kiểm tra").click()

    error = page.locator("#f-signer-name-err")
    assert error.inner_text() == "Thiếu dữ liệu bắt buộc."
    assert page.locator("#f-signer-name").get_attribute("aria-describedby") == "f-signer-name-err"
    summary = page.locator("#error-summary")
    assert "Người ký › Họ và tên người ký" in summary.inner_text()
    assert summary.evaluate("e => e === document.activeElement")
    # Everything else the clerk typed is still there.
    assert page.locator('[name="issuer.unit_name"]').input_value() == "Lục Ngạn"
    assert page.locator('[name="issuer.level"]').input_value() == "huyen"
    assert page.locator('[name="date"]').input_value() == "06/01/2021"
    assert page.locator('[name="recipients.6"]').input_value() == "LĐVP, CVTH"
    assert page.locator('[name="legal_bases.1"]').input_value() == data["legal_bases"][1]
    screenshot(page, "plan-mistake")

    page.locator("#error-summary a").first.click()  # the summary's link leads to the input
    page.locator("#f-signer-name").fill("Nguyễn Thu Hường")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải DOCX").click()
    docx = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".docx")
    text = paragraphs(docx)
    assert "KẾ HOẠCH" in text and "Nguyễn Thu Hường" in text
    assert any("Lục Ngạn, ngày 06 tháng 01 năm 2021" in p for p in text)

    if soffice_missing:
        pytest.skip(soffice_missing)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Tải PDF").click()
    pdf = pdf_paragraph_text(Path(download.value.path()).read_bytes())
    assert "KẾ HOẠCH" in pdf and "Nguyễn Thu Hường" in pdf

    page.get_by_role("button", name="Xem trước PDF").click()
    frame = page.locator("#preview iframe")
    frame.wait_for(timeout=120_000)
    assert frame.get_attribute("src").startswith("/jobs/")
    frame.element_handle().content_frame().wait_for_load_state("load")
    assert page.evaluate("window.scrollY") > 0  # the page brings the preview into view
    page.wait_for_timeout(1500)  # the PDF viewer draws after "load"; only the screenshot waits
    screenshot(page, "plan-preview")


def test_last_issuer_signer_and_recipients_are_prefilled(page):
    data = load_fixture("ke_hoach_tiep_xuc.json")
    go(page, PLAN)
    fill_form(page, "ke_hoach_tiep_xuc", data)
    with page.expect_download():
        page.get_by_role("button", name="Tải DOCX").click()
    go(page, PLAN)  # the next document
    assert page.locator('[name="issuer.unit_name"]').input_value() == "Lục Ngạn"
    assert page.locator('[name="signer.authority"]').input_value() == "KT."
    assert page.locator('[name="signer.name"]').input_value() == "Nguyễn Thu Hường"
    assert page.locator('[name^="recipients."]').count() == len(data["recipients"])
    assert page.locator('[name="recipients.6"]').input_value() == "LĐVP, CVTH"
    assert page.locator('[name="year"]').input_value() == ""  # the document's own data is not
    go(page, "/round")
    assert page.locator('[name="report.signer.name"]').input_value() == "Nguyễn Thu Hường"
    page.evaluate("localStorage.clear()")


def test_rows_are_added_and_removed_by_keyboard(page):
    go(page, "/round")
    add = page.locator("#f-groups-0-deputies > [data-add]")
    add.focus()
    page.keyboard.press("Enter")
    new = page.locator('[name="groups.0.deputies.1.name"]')
    assert new.evaluate("e => e === document.activeElement")
    page.keyboard.type("Trần Thị Bình")
    assert page.locator("#f-groups-0-deputies [data-item]").count() == 2
    page.locator("#f-groups-0-deputies [data-item]").nth(0).locator("[data-remove]").focus()
    page.keyboard.press("Enter")
    items = page.locator("#f-groups-0-deputies [data-item]")
    assert items.count() == 1
    assert items.first.locator("legend [data-num]").inner_text() == "1"
    assert add.evaluate("e => e === document.activeElement")
    # A nested list inside a new row gets its own indices.
    page.locator("#f-groups > [data-add]").click()
    page.locator("#f-groups-1-deputies > [data-add]").click()
    assert page.locator('[name="groups.1.deputies.0.name"]').count() == 1


def round_without_petitions(tmp_path: Path) -> Path:
    data = json.loads((DATA / "round_web.json").read_text(encoding="utf-8"))
    data["petitions"] = []
    path = tmp_path / "dot-tiep-xuc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def load_round_with_sample_sheet(page, tmp_path: Path) -> None:
    go(page, "/round")
    page.set_input_files("#json_file", str(round_without_petitions(tmp_path)))
    page.get_by_role("button", name="Nạp tệp JSON").click()
    assert "Đã nạp dữ liệu" in page.locator("#message").inner_text()
    assert page.locator('[name^="petitions."]').count() == 0
    with page.expect_download() as download:
        page.locator('[data-sample="petitions-xa-xlsx"]').click()
    sample = tmp_path / download.value.suggested_filename
    download.value.save_as(sample)
    page.set_input_files("#sheet_file", str(sample))
    page.get_by_role("button", name="Nạp bảng tính").click()
    assert "Đã nạp 3 ý kiến, kiến nghị của cử tri" in page.locator("#message").inner_text()
    assert page.locator('[name="petitions.1.field"]').input_value() == "dat_dai"
    # Each row says which row of the sheet it came from (the header is row 3 of the sample).
    assert "dòng 4 trong bảng tính" in page.locator("#f-petitions-0").inner_text()


def test_the_sample_spreadsheet_fills_a_round(page, tmp_path):
    load_round_with_sample_sheet(page, tmp_path)
    page.get_by_role("button", name="Kiểm tra").click()
    assert "Dữ liệu hợp lệ" in page.locator("#message").inner_text()
    screenshot(page, "round-loaded")


@pytest.mark.skipif(not HAS_ROUNDS, reason="docgen.rounds (the round's documents) not merged yet")
def test_the_sample_spreadsheet_produces_the_summary_report(page, tmp_path):
    require_soffice()
    load_round_with_sample_sheet(page, tmp_path)
    page.get_by_role("button", name="Tải một tệp PDF để in").click()
    # The deadline and coverage warnings are shown first; the second press downloads.
    assert (
        "Chưa có hội nghị tiếp xúc cử tri thôn Khuôn Thần" in page.locator("#warnings").inner_text()
    )
    screenshot(page, "round-warnings")
    with page.expect_download(timeout=300_000) as download:
        page.get_by_role("button", name="Tải một tệp PDF để in").click()
    pdf = pdf_paragraph_text(Path(download.value.path()).read_bytes())
    assert "BÁO CÁO" in pdf
    assert "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất" in pdf
