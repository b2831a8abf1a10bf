"""Real published documents, as far as they could be recovered, rendered from fixtures.

Each `fixtures/reference/<slug>.txt` is a real document's recovered text (header block, then
`---`, then the paragraphs, verbatim). Its fixture `<slug>.json` is the same document as docgen
data; fields the recovered text does not give are marked "(chưa khôi phục)". Each recovered
paragraph is compared, NFC and whitespace-normalised as the seed is (tests/reference.py), with
the rendered DOCX's paragraphs. The tables below pin today's result: a paragraph listed as
reproduced must stay exact; a paragraph listed as not reproducible carries the reason (the
structure docgen lacks) and must still differ, so that the list is updated when the structure
is added. A paragraph that is one office's fixed wording may be reproduced with that office's
own template (OFFICE): a copy of the shipped template with sentences retyped, made by a script in
tests/ and imported as office staff would; both counts are printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from conftest import ROOT
from docxtext import paragraphs
from office_notices import TEMPLATES as NOTICE_OFFICES
from office_templates import OFFICE_TEMPLATES as PLAN_OFFICES
from reference import normalise

from docgen import documents
from docgen.cli import main

REFERENCES = ROOT / "fixtures" / "reference"

# Reproduced exactly, but only with the office's own template (its fixed wording differs from
# what most councils write, which the shipped template keeps).
OFFICE = "reproduced with the office's own template"
# slug → how that office made its template from the shipped one (tests/office_*.py)
OFFICE_TEMPLATES: dict[str, Callable[[bytes], bytes]] = {
    **NOTICE_OFFICES,
    **{slug: (lambda _shipped, make=make: make()) for slug, make in PLAN_OFFICES.items()},
}

# Reasons, named once: the structures docgen lacks.
PORTAL_HEADLINE = (
    "the portal's headline: «Thông báo» and the summary run together in sentence case, where the "
    "notice prints THÔNG BÁO over its summary (an office template gives that summary)"
)
SPLIT_TITLE = "the page prints the type name and the summary on one line"

# slug → (docgen type, [(recovered paragraph, None if reproduced exactly, OFFICE if reproduced
# with the office's own template, else why it is not)])
DOCUMENTS: dict[str, tuple[str, list[tuple[str, str | None]]]] = {
    "thong-bao-lich-txct-ngai-tu-2025": (
        "thong_bao_lich_tiep_xuc",
        [
            ("Căn cứ Luật tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", None),
            (
                "Căn cứ vào Kế hoạch số: 58/KH-HĐND, ngày 19 tháng 11 năm 2025 của Thường trực Hội đồng nhân dân xã Ngãi Tứ,",
                OFFICE,  # the last basis ends with a comma: the opening sentence goes on
            ),
            (
                "Được sự thống nhất của Thường trực Đảng ủy, Thường trực HĐND xã phối hợp với Thường trực UBMTTQ xã tổ chức tiếp xúc cử tri trước kỳ họp lần thứ 3 HĐND xã khóa XII, nhiệm kỳ 2021-2026 với nội dung như sau:",
                OFFICE,
            ),
            ("I.Thời gian và địa điểm: Từ ngày 01/12/2025 - ngày 02/12/2025.", OFFICE),
            ("II. Nội dung tiếp xúc cử tri:", None),
            (
                "- Thông báo đến cử tri dự kiến Chương trình kỳ họp lần thứ 3 HĐND xã khóa XII, nhiệm kỳ 2021-2026.",
                None,
            ),
            (
                "- Trả lời ý kiến, kiến nghị của cử tri tại cuộc tiếp xúc sau kỳ họp lần thứ 2 (Nếu có)",
                None,
            ),
            ("- Tiếp thu và giải trình các ý kiến, kiến nghị của cử tri.", None),
            (
                "Nay hội đồng nhân dân xã thông báo đến quí cử tri lịch tiếp xúc cử tri trước kỳ họp lần thứ 3 của Hội đồng nhân dân xã Ngãi Tứ khóa 12, nhiệm kỳ 2021-2026./.",
                OFFICE,
            ),
        ],
    ),
    "thong-bao-lich-txct-kon-dao-2025": (
        "thong_bao_lich_tiep_xuc",
        [
            (
                "Thông báo thời gian, địa điểm tiếp xúc cử tri của đại biểu HĐND xã trước kỳ họp thường lệ cuối năm 2025, HĐND xã khóa XIV, nhiệm kỳ 2021 - 2026 tại các đơn vị bầu cử trên địa bàn xã Kon Đào",
                PORTAL_HEADLINE,
            ),
            (
                "Căn cứ Kế hoạch của Tổ đại biểu số 3 Hội đồng nhân dân tỉnh về tiếp xúc cử tri trước Kỳ họp thường lệ cuối năm 2025 HĐND tỉnh Khóa XIII, nhiệm kỳ 2021 - 2026; Thực hiện Kế hoạch số 02/KH-HĐND, ngày 22 tháng 9 năm 2025 của Thường trực Hội đồng nhân dân xã về việc tiếp xúc cử tri trước kỳ họp thường lệ cuối năm 2025 của HĐND xã khóa XIV, nhiệm kỳ 2021 - 2026.",
                OFFICE,  # the office writes its bases in one paragraph
            ),
            (
                "Thường trực Hội đồng nhân dân xã phối hợp với Ủy ban nhân dân xã, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã xây dựng lịch tiếp xúc cử tri của đại biểu Hội đồng nhân dân xã trước kỳ họp thường lệ cuối năm 2025 HĐND xã Khóa XIV, nhiệm kỳ 2021 - 2026;",
                OFFICE,
            ),
        ],
    ),
    "thong-bao-lich-txct-thanh-hoa-2024": (
        "thong_bao_lich_tiep_xuc",
        [
            (
                "1. Tổ đại biểu HĐND tỉnh (đơn vị bầu cử thành phố Sầm Sơn) gồm các đại biểu: Trịnh Tuấn Sinh, Phó Bí thư Tỉnh ủy; Lương Tất Thắng, Tỉnh ủy viên, Bí thư Thành ủy, Chủ tịch HĐND thành phố Sầm Sơn; Cao Tiến Đoan, Chủ tịch Hiệp hội Doanh nghiệp tỉnh Thanh Hóa tiếp xúc cử tri thành phố Sầm Sơn.",
                None,
            ),
            ("Thời gian: Bắt đầu từ 8h00 ngày 5/11/2024.", OFFICE),  # "8h00", no zero in dates
            ("Địa điểm: tại Hội trường UBND xã Quảng Minh, thành phố Sầm Sơn.", None),
            (
                "2. Tổ đại biểu HĐND tỉnh (đơn vị bầu cử huyện Cẩm Thủy) gồm các đại biểu: Lê Quang Hùng, Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy, Trưởng ban Kinh tế - Ngân sách HĐND tỉnh; Lê Văn Trung, Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện Cẩm Thủy; Triệu Thị Quý, Nhân viên phòng khám đa khoa Giang Sơn, huyện Cẩm Thủy tiếp xúc cử tri huyện Cẩm Thủy.",
                None,
            ),
            ("Thời gian: Bắt đầu từ 8h00 ngày 5/11/2024.", OFFICE),
            ("Địa điểm: tại Trung tâm Hội nghị huyện Cẩm Thủy.", None),
        ],
    ),
    "ke-hoach-txct-gia-hanh-2025": (
        "ke_hoach_tiep_xuc",
        [
            ("Hội đồng nhân dân xã Gia Hanh căn cứ:", None),
            ("- Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", None),
            (
                "- Nghị quyết liên tịch số 72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 20/02/2025 của Ủy Ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về quy định chi tiết việc tổ chức tiếp xúc cử tri của đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp;",
                None,
            ),
            (
                "Sau khi thống nhất với Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã, Tổ đại biểu Hội đồng nhân dân xã, Thường trực Hội đồng nhân dân xã xây dựng Kế hoạch tiếp xúc cử tri của đại biểu Hội đồng nhân dân xã trước kỳ họp thường lệ cuối năm 2025 Hội đồng nhân dân xã khóa XX.",
                OFFICE,
            ),
        ],
    ),
    "ke-hoach-06-KH-HDND-phu-ninh-2022": (
        "ke_hoach_tiep_xuc",
        [
            ("KẾ HOẠCH", None),
            (
                "Tiếp xúc cử tri và họp tổ đại biểu HĐND huyện trước kỳ họp thứ Năm HĐND huyện khoá XXIII, nhiệm kỳ 2021-2026",
                OFFICE,
            ),
            (
                "1.Tiếp xúc cử tri theo thường lệ: HĐND huyện tiếp xúc cử tri tại đơn vị bầu cử theo quy định",
                OFFICE,
            ),
            ("1.1 Nội dung tiếp xúc cử tri:", OFFICE),
            (
                "- Thông báo dự kiến nội dung chương trình, thời gian, địa điểm tổ chức kỳ họp thứ Năm HĐND huyện, khóa XXIII;",
                None,
            ),
            (
                "- Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022, phương hướng, nhiệm vụ phát triển kinh tế - xã hội năm 2023.",
                None,
            ),
            (
                "- Báo cáo kết quả giải quyết các ý kiến, kiến nghị của cử tri trước, trong và sau kỳ họp thứ Tư và kết quả thực hiện kết luận phiên giải trình, chất vấn của Chủ tọa kỳ họp tại kỳ họp thứ HĐND huyện khóa XXIII; Kết quả giải quyết các ý kiến, kiến nghị của cử tri tại hội nghị tiếp xúc cử tri chuyên đề (ngành Giáo dục).",
                None,
            ),
            (
                "- Tiếp thu, tổng hợp ý kiến, kiến nghị của cử tri (thuộc thẩm quyền giải quyết của huyện) gửi về Thường trực HĐND để chuyển đến cơ quan chức năng xem xét, giải quyết để trả lời cử tri.",
                None,
            ),
            ("1.2. Thời gian:", None),
            ("Các tổ đại biểu HĐND huyện tiếp xúc cử tri xong trước ngày 30/11/2022.", OFFICE),
            ("1.3. Địa điểm:", None),
        ],
    ),
    "cong-van-204-TTHDND-VP-quang-binh-2019": (
        "cong_van_chuyen",
        [
            (
                "1. Cử tri xã Lộc Thủy tiếp tục đề nghị tỉnh: quan tâm, bố trí kinh phí đầu tư xây dựng tuyến đường giao thông nối Quốc lộ 1, đoạn từ xã Hồng Thủy đến Nhà lưu niệm Đại tướng, vì hiện nay đang ngừng thi công.",
                OFFICE,  # the office writes the voters first: "1. Cử tri xã … đề nghị …"
            ),
        ],
    ),
}

# Artefacts of the published page, not of the document: (slug, line as recovered, its paragraphs).
SPLITS = {
    (
        "ke-hoach-06-KH-HDND-phu-ninh-2022",
        "KẾ HOẠCH Tiếp xúc cử tri và họp tổ đại biểu HĐND huyện trước kỳ họp thứ Năm HĐND huyện khoá XXIII, nhiệm kỳ 2021-2026",
    ): (
        "KẾ HOẠCH",
        "Tiếp xúc cử tri và họp tổ đại biểu HĐND huyện trước kỳ họp thứ Năm HĐND huyện khoá XXIII, nhiệm kỳ 2021-2026",
    ),
}


def recovered(slug: str) -> list[str]:
    """The reference's paragraphs after its header block, normalised, page artefacts undone."""
    text = (REFERENCES / f"{slug}.txt").read_text(encoding="utf-8")
    header, sep, body = text.partition("\n---\n")
    assert sep and "# source: http" in header, f"{slug}: header block with its source first"
    out: list[str] = []
    for line in body.splitlines():
        line = normalise(line)
        if not line:
            continue
        out.extend(SPLITS.get((slug, line), (line,)))
    return out


def render(runner, doctype: str, slug: str, tmp_path) -> list[str]:
    """Through the command line, as an office would: docgen render <type> file.json -o out.docx."""
    out = tmp_path / f"{slug}.docx"
    done = runner.invoke(
        main, ["render", doctype, str(REFERENCES / f"{slug}.json"), "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    return paragraphs(out.read_bytes())


def test_every_reference_has_its_fixture_and_table():
    slugs = {p.stem for p in REFERENCES.glob("*.txt")}
    assert slugs == {p.stem for p in REFERENCES.glob("*.json")} == set(DOCUMENTS)
    types = {doctype for doctype, _ in DOCUMENTS.values()}
    assert len(slugs) >= 5 and len(types) >= 3


@pytest.mark.parametrize("slug", sorted(DOCUMENTS))
def test_table_lists_exactly_the_recovered_paragraphs(slug):
    _, table = DOCUMENTS[slug]
    assert recovered(slug) == [normalise(p) for p, _ in table]


@pytest.mark.parametrize("slug", sorted(DOCUMENTS))
def test_fixture_is_valid_for_its_type(slug):
    doctype, _ = DOCUMENTS[slug]
    data = json.loads((REFERENCES / f"{slug}.json").read_text(encoding="utf-8"))
    documents.get(doctype).schema().load(data)


def render_with_office_template(runner, doctype: str, slug: str, tmp_path) -> list[str]:
    """As the office would: import its own template (checked like any upload), then render."""
    env = {"DOCGEN_INSTANCE_PATH": str(tmp_path / "office")}
    template = tmp_path / f"{slug}.mau.docx"
    shipped = (ROOT / "templates_vn" / f"{doctype}.docx").read_bytes()
    template.write_bytes(OFFICE_TEMPLATES[slug](shipped))
    done = runner.invoke(
        main,
        ["templates", "import", doctype, str(template), "--confirm", "-m", "Mẫu của văn phòng"],
        env=env,
    )
    assert done.exit_code == 0, done.output
    out = tmp_path / f"{slug}.office.docx"
    args = ["render", doctype, str(REFERENCES / f"{slug}.json"), "-o", str(out)]
    done = runner.invoke(main, args, env=env)
    assert done.exit_code == 0, done.output
    return paragraphs(out.read_bytes())


def test_every_office_template_names_a_reference_that_uses_it():
    for slug in OFFICE_TEMPLATES:
        assert any(why == OFFICE for _, why in DOCUMENTS[slug][1]), slug
    for slug, (_, table) in DOCUMENTS.items():
        if any(why == OFFICE for _, why in table):
            assert slug in OFFICE_TEMPLATES, slug


@pytest.mark.parametrize("slug", sorted(DOCUMENTS))
def test_recovered_paragraphs_reproduced_as_pinned(slug, runner, tmp_path):
    doctype, table = DOCUMENTS[slug]
    rendered = set(render(runner, doctype, slug, tmp_path))
    office = (
        set(render_with_office_template(runner, doctype, slug, tmp_path))
        if slug in OFFICE_TEMPLATES
        else set()
    )
    exact = [p for p, why in table if why is None]
    by_office = [p for p, why in table if why == OFFICE]
    missing = [(p, why) for p, why in table if why not in (None, OFFICE)]
    counts = f"{len(exact)}/{len(table)} recovered paragraphs reproduced exactly"
    if slug in OFFICE_TEMPLATES:
        counts += (
            f" with the shipped template, {len(exact) + len(by_office)}/{len(table)} with the "
            "office's own template"
        )
    print(f"\n{slug} ({doctype}): {counts}")
    for paragraph, why in missing:
        print(f"  not reproduced: {paragraph[:60]}… — {why}")
    lost = [p for p in exact if normalise(p) not in rendered]
    assert not lost, f"{slug}: no longer reproduced: {lost}"
    if slug in OFFICE_TEMPLATES:
        lost = [p for p in exact + by_office if normalise(p) not in office]
        assert not lost, f"{slug}: no longer reproduced with the office's template: {lost}"
    shipped_now = [p for p in by_office if normalise(p) in rendered]
    assert not shipped_now, f"{slug}: the shipped template reproduces them now: {shipped_now}"
    now_exact = [p for p, _ in missing if normalise(p) in rendered | office]
    assert not now_exact, f"{slug}: now reproduced, move them to the exact list: {now_exact}"


@pytest.mark.parametrize("slug", sorted(OFFICE_TEMPLATES))
def test_office_template_passes_the_upload_checks_and_serves_the_api(app, client, slug):
    """The office's copy uploaded as staff would (the checks refuse a bad one; its warnings, such
    as data the office chose not to print, confirmed), then the reference posted to the API: the
    shipped template's paragraphs and the office's own."""
    doctype, table = DOCUMENTS[slug]
    shipped = (ROOT / "templates_vn" / f"{doctype}.docx").read_bytes()
    admin = app.extensions["docgen.templates"]
    info, report = admin.upload(
        doctype, OFFICE_TEMPLATES[slug](shipped), author="vanthu", comment=slug, confirm=True
    )
    assert report.ok and not report.errors and info.active, report.summary()
    data = json.loads((REFERENCES / f"{slug}.json").read_text(encoding="utf-8"))
    response = client.post(f"/api/v1/documents/{doctype}", json=data)
    assert response.status_code == 200, response.get_data(as_text=True)
    rendered = set(paragraphs(response.data))
    wanted = [p for p, why in table if why in (None, OFFICE)]
    assert [p for p in wanted if normalise(p) not in rendered] == []
