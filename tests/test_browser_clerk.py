"""A commune clerk's round in a real chromium, with the browser in English and in Vietnamese.

Dates typed the Vietnamese way and picked on a Vietnamese calendar, 30 petitions pasted from
Excel into the table and one bad cell fixed in place, a plan completed with the keyboard alone,
phone widths, and axe-core on every page.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from browser import (
    LiveServer,
    axe_problems,
    browser_context,
    require_chromium,
    screenshot,
    type_value,
    watched_tab,
)
from conftest import load_fixture
from docxtext import paragraphs

from docgen import create_app, documents, forms
from docgen.schemas.round import COMPETENCE_LEVELS, PETITION_FIELDS, RoundSchema

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data"
PLAN = "/documents/ke_hoach_tiep_xuc"
LOCALES = ["en-US", "vi-VN"]
STAFF = ("lan", "mat-khau-dai")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    app = create_app({"INSTANCE_PATH": str(tmp_path_factory.mktemp("instance"))})
    app.extensions["docgen.accounts"].add(*STAFF, ["can_bo_mau"])
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="module", params=LOCALES)
def context(request, tmp_path_factory, server):
    profile = tmp_path_factory.mktemp(f"chromium-{request.param}")
    for ctx in browser_context(profile, locale=request.param):
        ctx.locale = request.param  # type: ignore[attr-defined]
        yield ctx


@pytest.fixture
def page(context, server):
    """A fresh tab, nothing remembered from earlier tests; no console error is allowed."""
    for tab in watched_tab(context, server.url):
        tab.locale = context.locale  # type: ignore[attr-defined]
        tab.goto(server.url + "/")
        tab.evaluate("localStorage.clear()")
        yield tab


def once(page) -> None:
    """Layout and axe do not depend on the browser's language: run them in one of the two."""
    if page.locale != "vi-VN":
        pytest.skip("checked once, with the browser in Vietnamese")


def go(page, path: str) -> None:
    page.goto(page.base + path)


def fill(page, type_id: str, data: dict) -> None:
    """Type a fixture into the page (rows added with the page's buttons)."""
    form = forms.build_form(documents.get(type_id).schema)
    for path, value in forms.data_to_form(form, data).items():
        type_value(page, path, value)


def test_the_browser_language_is_what_the_test_says(page):
    assert page.evaluate("navigator.language") == page.locale


def test_a_plan_typed_with_dates_as_a_clerk_types_them(page):
    data = load_fixture("ke_hoach_tiep_xuc.xa_2026.json")
    go(page, PLAN)
    fill(page, "ke_hoach_tiep_xuc", data)
    date = page.locator('[name="date"]')
    assert date.get_attribute("type") == "text"  # never the browser's own date input

    # The calendar: Vietnamese month names and weeks from Monday, whatever the browser's language.
    date.fill("5/1/2026")
    page.get_by_role("button", name="Chọn ngày trên lịch").first.click()
    calendar = page.locator(".calendar")
    assert calendar.locator("[data-title]").inner_text() == "Tháng Một năm 2026"
    heads = calendar.locator("thead th").all_inner_texts()
    assert heads == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    # 1 January 2026 is a Thursday: three empty cells (Mon, Tue, Wed) before it.
    first_week = calendar.locator("tbody tr").first.locator("td")
    assert [first_week.nth(i).inner_text() for i in range(4)] == ["", "", "", "1"]
    assert page.evaluate("document.activeElement.dataset.day") == "05/01/2026"
    screenshot(page, f"plan-calendar-{page.locale}")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert date.input_value() == "13/01/2026"
    assert date.evaluate("e => e === document.activeElement")

    # An impossible date is an error in Vietnamese that keeps exactly what was typed.
    date.fill("31/02/2026")
    page.get_by_role("button", name="Kiểm tra").click()
    error = page.locator("#f-date-err")
    assert error.inner_text() == (
        "“31/02/2026” không phải ngày hợp lệ: tháng 2 năm 2026 chỉ có 28 ngày."
    )
    assert page.locator('[name="date"]').input_value() == "31/02/2026"
    assert "f-date-err" in page.locator('[name="date"]').get_attribute("aria-describedby")
    screenshot(page, f"plan-impossible-date-{page.locale}")

    page.locator('[name="date"]').fill("8-1-2026")  # d-m-yyyy is a date too
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải DOCX").click()
    text = paragraphs(Path(download.value.path()).read_bytes())
    assert any("ngày 08 tháng 01 năm 2026" in p for p in text), text[:12]


def petition_rows(count: int, bad_row: int) -> list[list[str]]:
    """Rows as a clerk copies them out of Excel: labels for choices, several voters in a cell."""
    fields, levels = list(PETITION_FIELDS.values()), ["Cấp xã", "cấp tỉnh", "Trung ương"]
    bodies = {"Cấp xã": "UBND xã Biên Sơn", "cấp tỉnh": "UBND tỉnh", "Trung ương": "Bộ Y tế"}
    rows = []
    for i in range(1, count + 1):
        level = levels[i % 3]
        rows.append(
            [
                f"YK{i:02d}",
                "M1" if i % 2 else "M2",
                f"Cử tri số {i} (thôn Ao Sen); Lê Văn {i}",
                f"Cử tri nêu kiến nghị số {i} về đường giao thông và nước sạch.",
                f"Đề nghị giải quyết kiến nghị số {i} của cử tri.",
                "Đất đaii" if i == bad_row else fields[i % len(fields)],
                level,
                bodies[level],
                "",
                "",
            ]
        )
    return rows


def tsv(rows: list[list[str]]) -> str:
    return "\r\n".join("\t".join(row) for row in rows) + "\r\n"


def paste(page, locator, text: str) -> None:
    """What Ctrl+V of a block copied from Excel delivers to the focused cell."""
    locator.focus()
    page.evaluate(
        """text => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def round_without_petitions(tmp_path: Path) -> Path:
    data = json.loads((DATA / "round_web.json").read_text(encoding="utf-8"))
    data["petitions"] = []
    path = tmp_path / "dot-truoc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_thirty_petitions_pasted_into_the_table_one_cell_fixed_then_downloaded(page, tmp_path):
    go(page, "/round")
    page.set_input_files("#json_file", str(round_without_petitions(tmp_path)))
    page.get_by_role("button", name="Nạp tệp JSON").click()
    assert "Đã nạp dữ liệu" in page.locator("#message").inner_text()

    table = page.locator("#f-petitions")
    page.locator("#f-petitions > [data-add]").click()
    header = [c.label for c in forms.build_form(RoundSchema).child("petitions").item.children]
    paste(page, page.locator('[name="petitions.0.id"]'), tsv([header, *petition_rows(30, 17)]))
    assert table.locator("tbody tr").count() == 30  # the header row was recognised and skipped
    assert table.locator("[data-count]").inner_text() == "30"
    assert page.locator('[name="petitions.29.id"]').input_value() == "YK30"
    assert page.locator('[name="petitions.1.level"]').input_value() == "trung_uong"
    assert page.locator('[name="petitions.4.field"]').input_value() == "giao_duc"
    assert page.locator('[name="petitions.0.voters"]').input_value() == (
        "Cử tri số 1 (thôn Ao Sen); Lê Văn 1"
    )
    assert "Đã dán 30 dòng" in table.locator("[data-table-status]").inner_text()

    page.get_by_role("button", name="Kiểm tra").click()
    cell = page.locator("#f-petitions-16-field-err")
    assert cell.inner_text().startswith(
        "“Đất đaii” không có trong danh sách; chọn một trong: Đất đai"
    )
    assert page.locator('[name="petitions.16.field"]').input_value() == "Đất đaii"  # as pasted
    summary = page.locator("#error-summary")
    assert "Ý kiến, kiến nghị của cử tri 17 › Lĩnh vực" in summary.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"round-errors-{page.locale}", full_page=False)

    summary.locator("a").first.click()  # the link lands in the cell, in view
    focused = page.locator('[name="petitions.16.field"]')
    assert focused.evaluate("e => e === document.activeElement")
    screenshot(page, f"round-bad-cell-in-view-{page.locale}", full_page=False)
    focused.select_option(label="Đất đai")

    page.get_by_role("button", name="Tải trọn bộ (ZIP)").click()
    # First what will be made (types, recipients, counts) and the warnings; the second press makes.
    produces = page.locator("#produces")
    assert "Tổng cộng" in produces.inner_text()
    assert re.search(
        r"\d\d công văn chuyển ý kiến, kiến nghị của cử tri: gửi ", produces.inner_text()
    )
    produces.scroll_into_view_if_needed()
    screenshot(page, f"round-summary-{page.locale}", full_page=False)
    with page.expect_download(timeout=180_000) as download:
        page.get_by_role("button", name="Tải trọn bộ (ZIP)").click()
    progress = page.locator("#progress-text").inner_text()
    screenshot(page, f"round-downloaded-{page.locale}", full_page=False)
    assert re.match(r"Đã tạo xong (\d+)/\1 văn bản", progress), progress
    bundle = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    manifest = bundle.read("manifest.json").decode()
    assert all(f"YK{i:02d}" in manifest for i in range(1, 31))
    report = next(n for n in bundle.namelist() if "Báo cáo tổng hợp" in n)
    text = "\n".join(paragraphs(bundle.read(report)))
    assert "Đề nghị giải quyết kiến nghị số 15 của cử tri." in text  # a commune-level petition


def test_rows_move_and_keep_their_names_in_order(page):
    go(page, "/round")
    table = page.locator("#f-petitions")
    page.locator("#f-petitions > [data-add]").click()
    paste(page, page.locator('[name="petitions.0.id"]'), tsv(petition_rows(3, 0)))
    page.locator("#f-petitions-2 [data-move='-1']").click()
    ids = [page.locator(f'[name="petitions.{i}.id"]').input_value() for i in range(3)]
    assert ids == ["YK01", "YK03", "YK02"]
    page.locator("#f-petitions-0 [data-remove]").click()
    assert page.locator('[name="petitions.0.id"]').input_value() == "YK03"
    assert page.locator('[name^="petitions.2."]').count() == 0
    assert table.locator("tbody tr th [data-num]").all_inner_texts() == ["1", "2"]


FOCUSED = """() => {
  const e = document.activeElement, bar = document.querySelector('.actions');
  const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
  return {
    name: e.name || '', tag: e.tagName, type: e.type || '', text: e.textContent.trim(),
    add: e.hasAttribute('data-add') ? e.parentElement.id : '',
    items: e.hasAttribute('data-add') ? e.parentElement.querySelector('[data-items]').children.length : 0,
    covered: !bar.contains(e) && r.bottom > b.top + 1,
    visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight,
  };
}"""


def choose_by_keyboard(page, value: str) -> None:
    """A closed <select> changes with the arrow keys."""
    options = page.evaluate("[...document.activeElement.options].map(o => o.value)")
    for _ in range(len(options)):
        current = page.evaluate("document.activeElement.value")
        if current == value:
            return
        key = "ArrowDown" if options.index(value) > options.index(current) else "ArrowUp"
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.value") == value


def test_a_plan_completed_with_the_keyboard_only(page):
    data = load_fixture("ke_hoach_tiep_xuc.xa_2026.json")
    wanted = forms.data_to_form(forms.build_form(documents.get("ke_hoach_tiep_xuc").schema), data)
    go(page, PLAN)
    remaining = dict(wanted)
    for _ in range(800):
        page.keyboard.press("Tab")
        while True:  # type into the focused field, or add the row a list still needs
            state = page.evaluate(FOCUSED)
            assert not state["covered"], f"the sticky bar hides {state}"
            assert state["visible"] or state["tag"] == "BODY", state
            list_path = state["add"][2:].replace("-", ".") if state["add"] else ""
            needs_row = list_path and any(
                p.startswith(list_path + ".") and int(p.split(".")[-1]) >= state["items"]
                for p in remaining
            )
            if needs_row:
                page.keyboard.press("Enter")  # focus moves into the new row
                continue
            if state["name"] in remaining:
                value = remaining.pop(state["name"])
                if state["tag"] == "SELECT":
                    choose_by_keyboard(page, value)
                else:
                    page.keyboard.press("Control+A")
                    page.keyboard.type(value)
            break
        if not remaining:
            break
    assert remaining == {}
    screenshot(page, f"plan-keyboard-{page.locale}")
    page.keyboard.press("Enter")  # in a text field: "Kiểm tra", never "Nạp tệp JSON"
    message = page.locator("#message")
    message.wait_for()
    assert message.inner_text().startswith("Dữ liệu hợp lệ")
    assert page.locator("#notices").count() == 0
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Tải DOCX":
            break
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = paragraphs(Path(download.value.path()).read_bytes())
    assert data["signer"]["name"] in text


CONTROLS = """() => {
  const out = [], bar = document.querySelector('.actions');
  const w = document.documentElement.clientWidth;
  const controls = [...document.querySelectorAll('input, select, textarea, button, a[href]')]
    .filter(e => !e.closest('template') && e.type !== 'hidden' && !e.closest('.sr, .skip'));
  for (const e of controls) {
    e.focus();
    const r = e.getBoundingClientRect();
    const box = e.closest('.table-scroll, .table-wide');
    const room = box ? box.getBoundingClientRect() : {left: 0, right: w};
    if (r.left < room.left - 1 || r.right > room.right + 1) out.push('outside: ' + (e.name || e.id || e.textContent.trim()));
    if (bar && !bar.contains(e) && r.bottom > bar.getBoundingClientRect().top + 1)
      out.push('under the bar: ' + (e.name || e.id));
  }
  if (document.documentElement.scrollWidth > w) out.push('sideways scroll: ' + document.documentElement.scrollWidth);
  return out;
}"""


def sign_in(page) -> None:
    go(page, "/templates/login")
    page.get_by_label("Tên đăng nhập").fill(STAFF[0])
    page.get_by_label("Mật khẩu").fill(STAFF[1])
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/templates")


@pytest.mark.parametrize("width", [390, 360])
def test_phone_widths_hide_no_field_and_never_scroll_sideways(page, width):
    once(page)
    page.set_viewport_size({"width": width, "height": 760})
    sign_in(page)
    paths = [
        "/",
        *(f"/documents/{t}" for t in documents.REGISTRY),
        "/round",
        "/templates",
        "/templates/ke_hoach_tiep_xuc",
        "/templates/ke_hoach_tiep_xuc/rollback?version=0",
    ]
    for path in paths:
        go(page, path)
        assert page.evaluate(CONTROLS) == [], path
        if path in ("/round", PLAN, "/templates/ke_hoach_tiep_xuc"):
            page.evaluate("window.scrollTo(0, 0)")
            screenshot(page, f"phone-{width}-{path.strip('/').replace('/', '-')}")


def test_axe_finds_nothing_serious_on_any_page(page, tmp_path):
    once(page)
    found = {}

    def check(name: str) -> None:
        problems = axe_problems(page)
        if problems:
            found[name] = problems

    go(page, "/")
    check("index")
    for type_id in documents.REGISTRY:
        go(page, f"/documents/{type_id}")
        check(type_id)
    go(page, PLAN)
    page.get_by_role("button", name="Kiểm tra").click()  # every error shown
    check("plan with errors")
    page.get_by_role("button", name="Chọn ngày trên lịch").first.click()
    check("calendar open")
    go(page, "/round")
    page.set_input_files("#json_file", str(round_without_petitions(tmp_path)))
    page.get_by_role("button", name="Nạp tệp JSON").click()
    page.locator("#f-petitions > [data-add]").click()
    paste(page, page.locator('[name="petitions.0.id"]'), tsv(petition_rows(4, 2)))
    page.get_by_role("button", name="Kiểm tra").click()
    check("round table with a bad cell")
    sign_in(page)
    check("templates")
    for path in ("", "/rollback?version=0"):
        go(page, f"/templates/ke_hoach_tiep_xuc{path}")
        check(f"template page {path}")
    page.get_by_role("button", name="Đăng xuất").click()
    check("sign in")
    assert found == {}


def test_required_fields_say_so_and_every_input_has_a_name(page):
    once(page)
    go(page, "/round")
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => !e.closest('template') && e.type !== 'hidden')
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-labelledby'))
          .map(e => e.name)"""
    )
    assert unnamed == []
    label = page.locator('label[for="f-issuer-unit_name"]').inner_text()
    assert label.endswith("(bắt buộc)")
    assert page.locator("#f-issuer-level option").all_inner_texts() == [
        "— Chọn —",
        "Cấp tỉnh",
        "Cấp huyện (trước 01/7/2025)",
        "Cấp xã",
    ]
    assert "tinh" not in page.locator("#f-issuer-level").inner_text()
    assert list(COMPETENCE_LEVELS.values())[0] in page.locator("#f-petitions").inner_html()
