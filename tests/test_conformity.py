"""The Decree 30 checker: conforming documents pass, each broken one fails with its rule id."""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from checker_set import MERGED_ISSUER
from conformity_docs import BODY, LEFT, make_docx
from docx import Document

from docgen import documents
from docgen.conformity import RULES, Finding, Report, check_docx, format_report
from docgen.conformity import texts as conformity_texts
from docgen.conformity.names import unit_mentions
from docgen.service import DocumentService, Settings

ROOT = Path(__file__).resolve().parents[1]

KINDS = ["typed", "cong_van", "bien_ban", "giay_moi"]
ENGLISH_PLACE = re.compile(
    r"\b(section|header|footer|default|first|even|cell|table|paragraph)\b", re.I
)


@functools.cache
def model_report(kind: str) -> Report:
    """The report on the conforming model of a kind (built once)."""
    return check_docx(make_docx(kind), kind)


def errors(report: Report) -> set[str]:
    """The rule ids of the report's errors."""
    return {f.rule for f in report.errors}


@pytest.mark.parametrize("kind", KINDS)
def test_conforming_model_has_no_error(kind: str) -> None:
    report = model_report(kind)
    assert report.ok, format_report(report, "en")
    assert not report.warnings, format_report(report, "en")


SHIPPED = [
    (doc_type, fixture)
    for doc_type in documents.REGISTRY.values()
    for fixture in sorted((ROOT / "fixtures").glob(f"{doc_type.id}.*json"))
]


@pytest.mark.parametrize(
    ("doc_type", "fixture"), SHIPPED, ids=[fixture.name for _, fixture in SHIPPED]
)
def test_shipped_template_rendered_with_its_fixture_passes(
    doc_type: documents.DocumentType, fixture: Path
) -> None:
    service = DocumentService(Settings(templates_dir=ROOT / "templates_vn"))
    data = service.validate(doc_type.id, json.loads(fixture.read_text(encoding="utf-8")))
    rendered = service.render_docx(doc_type.id, data)
    report = check_docx(rendered, doc_type.check_kind)
    assert report.ok, format_report(report, "en")
    assert check_docx(rendered).kind == doc_type.check_kind


# A sentence that opens with «Thực hiện», upright: body text, not a legal basis.
OPENING = (
    "Thực hiện Kế hoạch số 01/KH-HĐND ngày 06/01/2021 của Thường trực HĐND huyện, các Tổ đại"
    " biểu đã tiếp xúc cử tri tại các xã, thị trấn."
)

# Documents a careful clerk or a template may legitimately produce: no finding at all.
ACCEPTED: list[tuple[str, str, dict[str, Any]]] = [
    ("draft number", "typed", {"number": "Số:      /KH-HĐND"}),
    ("month 3 without zero", "typed", {"date": "Lục Ngạn, ngày 15 tháng 3 năm 2021"}),
    ("month 12", "typed", {"date": "Lục Ngạn, ngày 31 tháng 12 năm 2021"}),
    ("draft date", "typed", {"date": "Lục Ngạn, ngày      tháng 01 năm 2021"}),
    ("number in a second row", "typed", {"number_row": 2}),
    (
        "two-line body name, no parent",
        "typed",
        {"parent": None, "body_name": ("HỘI ĐỒNG NHÂN DÂN", "HUYỆN LỤC NGẠN")},
    ),
    ("line as the text paragraph's own border", "typed", {"motto_line": "own", "body_line": "own"}),
    ("line as a VML shape", "typed", {"motto_line": "vml", "body_line": "vml"}),
    (
        "font only on the runs",
        "typed",
        {"style_font": "Calibri", "run_font": "Times New Roman", "odd_run_font": "Times New Roman"},
    ),
    ("chair signs", "typed", {"signer": ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH")}),
    (
        "13 pt body, 1 cm indent, 1.5 lines",
        "typed",
        {"body_size": 13, "body_indent_cm": 1.0, "body_line_spacing": 1.5},
    ),
    ("landscape table page", "typed", {"landscape_table_page": True}),
    ("mixed-case symbol", "typed", {"title": "QUY ĐỊNH", "number": "Số: 02/QyĐ-HĐND"}),
    ("page number 14 pt", "typed", {"page_field_size": 14}),
    ("page number as fldSimple", "typed", {"page_field": "simple"}),
    ("national name and motto in one paragraph", "typed", {"national_with_motto": True}),
    ("type name and summary in one paragraph", "typed", {"title_with_summary": True}),
    ("recipients in one paragraph", "typed", {"recipients_one_paragraph": True}),
    ("line as a DrawingML shape", "typed", {"motto_line": "drawing", "body_line": "drawing"}),
    ("body layout from a style", "typed", {"body_by_style": True}),
    (
        "công văn opening with «Thực hiện …»",
        "cong_van",
        {"body": (OPENING, *BODY[1:])},
    ),
    ("report opening with «Thực hiện …»", "typed", {"body": (OPENING, *BODY[1:])}),
    ("signer's name in capitals", "typed", {"signer_name": "NGUYỄN THU HƯỜNG"}),
    ("acting chair", "typed", {"signer": ("TM. THƯỜNG TRỰC HĐND", "Q. CHỦ TỊCH")}),
    ("by order", "typed", {"signer": ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")}),
    (
        "by order, a deputy for the unit's head",
        "typed",
        {"signer": ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")},
    ),
    ("by delegation", "typed", {"signer": ("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ")}),
    ("deputy minister", "typed", {"signer": ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")}),
    (
        "recipients with sub-items",
        "typed",
        {
            "recipients": (
                "- TT HĐND tỉnh (b/c);",
                "- Các đồng chí:",
                "+ Đại biểu HĐND huyện;",
                "- Lưu: VT, VP.",
            )
        },
    ),
]


@pytest.mark.parametrize(
    ("kind", "changes"), [(k, c) for _, k, c in ACCEPTED], ids=[name for name, _, _ in ACCEPTED]
)
def test_accepted_variants_have_no_finding(kind: str, changes: dict[str, Any]) -> None:
    report = check_docx(make_docx(kind, **changes), kind)
    assert not report.findings, format_report(report, "en")


# (name, kind, changes, the rule id that must be reported as an error)
BROKEN: list[tuple[str, str, dict[str, Any], str]] = [
    ("Letter paper", "typed", {"page_mm": (215.9, 279.4)}, "page.size"),
    ("landscape first page", "typed", {"page_mm": (297, 210)}, "page.size"),
    ("margins 10 mm", "typed", {"margins_mm": (10, 10, 10, 10)}, "page.margins"),
    ("Arial run", "typed", {"odd_run_font": "Arial"}, "font.family"),
    ("Arial style", "typed", {"style_font": "Arial"}, "font.family"),
    ("theme font only", "typed", {"style_font": None}, "font.family"),
    (
        "body style left-aligned",
        "typed",
        {"body_by_style": True, "body_align": LEFT},
        "body.format",
    ),
    ("header table with borders", "typed", {"header_borders": True}, "header.table"),
    ("national name not bold", "typed", {"national_bold": False}, "header.national_name"),
    (
        "national name misspelt",
        "typed",
        {"national": "CỘNG HÒA XHCN VIỆT NAM"},
        "header.national_name",
    ),
    (
        "motto with en dashes",
        "typed",
        {"motto": "Độc lập – Tự do – Hạnh phúc"},
        "header.motto.text",
    ),
    ("motto without spaces", "typed", {"motto": "Độc lập-Tự do-Hạnh phúc"}, "header.motto.text"),
    ("motto not bold", "typed", {"motto_bold": False}, "header.motto.format"),
    ("no line under the motto", "typed", {"motto_line": "none"}, "header.motto.line"),
    ("lower-case body name", "typed", {"body_name": ("Thường trực",)}, "header.body.format"),
    ("body name not bold", "typed", {"body_name_bold": False}, "header.body.format"),
    ("no line under the body name", "typed", {"body_line": "none"}, "header.body.line"),
    ("number without leading zero", "typed", {"number": "Số: 1/KH-HĐND"}, "header.number.pattern"),
    (
        "number with space before slash",
        "typed",
        {"number": "Số: 01 /KH-HĐND"},
        "header.number.pattern",
    ),
    (
        "number with en dash in symbol",
        "typed",
        {"number": "Số: 01/KH–HĐND"},
        "header.number.pattern",
    ),
    ("no number", "typed", {"number": None}, "header.number.pattern"),
    ("number 14 pt", "typed", {"number_size": 14}, "header.number.format"),
    ("symbol of another type", "typed", {"number": "Số: 01/BC-HĐND"}, "header.number.symbol"),
    (
        "month 03",
        "typed",
        {"date": "Lục Ngạn, ngày 06 tháng 03 năm 2021"},
        "header.date.leading_zero",
    ),
    (
        "month 1 without zero",
        "typed",
        {"date": "Lục Ngạn, ngày 06 tháng 1 năm 2021"},
        "header.date.leading_zero",
    ),
    (
        "day 6 without zero",
        "typed",
        {"date": "Lục Ngạn, ngày 6 tháng 01 năm 2021"},
        "header.date.leading_zero",
    ),
    ("date in figures", "typed", {"date": "Lục Ngạn, 06/01/2021"}, "header.date.pattern"),
    (
        "impossible date",
        "typed",
        {"date": "Lục Ngạn, ngày 30 tháng 02 năm 2021"},
        "header.date.pattern",
    ),
    ("no date line", "typed", {"date": None}, "header.date.pattern"),
    ("date not italic", "typed", {"date_italic": False}, "header.date.format"),
    ("type name not bold", "typed", {"title_bold": False}, "title.format"),
    ("no type name", "typed", {"title": ""}, "title.format"),
    ("summary not bold", "typed", {"summary_bold": False}, "title.summary"),
    ("no summary", "typed", {"summary": None}, "title.summary"),
    ("no line under the summary", "typed", {"summary_line": False}, "title.line"),
    (
        "summary not bold, in the title's paragraph",
        "typed",
        {"title_with_summary": True, "summary_bold": False},
        "title.summary",
    ),
    (
        "motto with en dashes, in the national name's paragraph",
        "typed",
        {"national_with_motto": True, "motto": "Độc lập – Tự do – Hạnh phúc"},
        "header.motto.text",
    ),
    (
        "recipient without ;, in one paragraph",
        "typed",
        {"recipients_one_paragraph": True, "recipients": ("- TT HĐND", "- Khác;", "- Lưu: VT.")},
        "recipients.items",
    ),
    ("body 12 pt", "typed", {"body_size": 12}, "body.format"),
    ("body left-aligned", "typed", {"body_align": LEFT}, "body.format"),
    ("no first-line indent", "typed", {"body_indent_cm": None}, "body.format"),
    ("no space between paragraphs", "typed", {"body_space_pt": 0}, "body.format"),
    ("double line spacing", "typed", {"body_line_spacing": 2.0}, "body.format"),
    (
        "last paragraph without ./.",
        "typed",
        {"ending": "Trên đây là Kế hoạch năm 2021."},
        "body.ending",
    ),
    (
        "KT. without the signer's own title",
        "typed",
        {"signer": ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH")},
        "signer.stack",
    ),
    (
        "authority in lower case",
        "typed",
        {"signer": ("TM. THƯỜNG TRỰC HĐND", "Kt. Chủ tịch", "PHÓ CHỦ TỊCH")},
        "signer.stack",
    ),
    ("no signer title", "typed", {"signer": ()}, "signer.stack"),
    ("signer name not bold", "typed", {"signer_name_bold": False}, "signer.format"),
    (
        "recipient item without ;",
        "typed",
        {"recipients": ("- TT HĐND, TT UBND huyện", "- Các vị đại biểu;", "- Lưu: VT.")},
        "recipients.items",
    ),
    (
        "last item not Lưu: VT.",
        "typed",
        {"recipients": ("- TT HĐND, TT UBND huyện;", "- Các vị đại biểu HĐND huyện.")},
        "recipients.items",
    ),
    (
        "Lưu: VT without full stop",
        "typed",
        {"recipients": ("- TT HĐND, TT UBND huyện;", "- Lưu: VT")},
        "recipients.items",
    ),
    ("recipient items 12 pt", "typed", {"recipients_size": 12}, "recipients.items"),
    (
        "Nơi nhận not bold italic",
        "typed",
        {"recipients_heading_bold_italic": False},
        "recipients.heading",
    ),
    ("Nơi nhận without colon", "typed", {"recipients_heading": "Nơi nhận"}, "recipients.heading"),
    ("no PAGE field", "typed", {"page_field": "none"}, "page_numbers"),
    ("page number in the footer", "typed", {"page_field": "footer"}, "page_numbers"),
    ("page number 11 pt", "typed", {"page_field_size": 11}, "page_numbers"),
    ("page number on page 1", "typed", {"title_page": False}, "page_numbers"),
    (
        "minutes without CHỦ TỌA",
        "bien_ban",
        {"minutes_roles": ("THƯ KÝ", "NGƯỜI GHI")},
        "bien_ban.signatures",
    ),
    (
        "minutes without THƯ KÝ",
        "bien_ban",
        {"minutes_roles": ("NGƯỜI GHI", "CHỦ TỌA")},
        "bien_ban.signatures",
    ),
    ("công văn without Kính gửi", "cong_van", {"kinh_gui": None}, "cong_van.kinh_gui"),
    ("công văn without V/v", "cong_van", {"vv": None}, "cong_van.vv"),
    (
        "giấy mời with Kính gửi",
        "giay_moi",
        {"kinh_gui": "Kính gửi: Các vị đại biểu."},
        "giay_moi.kinh_gui",
    ),
    ("legal basis upright", "typed", {"legal_italic": False}, "body.legal_basis"),
    ("TM. before a person's title", "typed", {"signer": ("TM. CHỦ TỊCH",)}, "signer.authority"),
    (
        "deputy without KT.",
        "typed",
        {"signer": ("TM. THƯỜNG TRỰC HĐND", "PHÓ CHỦ TỊCH")},
        "signer.authority",
    ),
    (
        "KT. over another head's deputy",
        "typed",
        {"signer": ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ TRƯỞNG BAN")},
        "signer.authority",
    ),
    (
        "KT. before a deputy's title",
        "typed",
        {"signer": ("KT. PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
        "signer.authority",
    ),
    (
        "KT. above TM.",
        "typed",
        {"signer": ("KT. CHỦ TỊCH", "TM. THƯỜNG TRỰC HĐND", "PHÓ CHỦ TỊCH")},
        "signer.authority",
    ),
    ("title after Q.", "typed", {"signer": ("Q. CHỦ TỊCH", "PHÓ CHỦ TỊCH")}, "signer.authority"),
    ("deputy by order", "typed", {"signer": ("TL. CHỦ TỊCH", "PHÓ CHỦ TỊCH")}, "signer.authority"),
    ("issuing body misspelt", "typed", {"parent": "HĐND HUYỆN LỤC NGAN"}, "header.issuer_name"),
    (
        "place misspelt",
        "typed",
        {"date": "Lục Ngặn, ngày 06 tháng 01 năm 2021"},
        "header.issuer_name",
    ),
    ("national name and motto on the left", "typed", {"header_swapped": True}, "header.layout"),
    ("motto above the national name", "typed", {"motto_first": True}, "header.order"),
    ("«SỐ:» in capitals", "typed", {"number": "SỐ: 01/KH-HĐND"}, "wording.case"),
    ("«số:» in lower case", "typed", {"number": "số: 01/KH-HĐND"}, "wording.case"),
    ("«V/V» in capitals", "cong_van", {"vv": "V/V chuyển ý kiến của cử tri"}, "wording.case"),
    (
        "«KÍNH GỬI:» in capitals",
        "cong_van",
        {"kinh_gui": "KÍNH GỬI: Ủy ban nhân dân huyện Lục Ngạn."},
        "wording.case",
    ),
    ("«NƠI NHẬN:» in capitals", "typed", {"recipients_heading": "NƠI NHẬN:"}, "wording.case"),
]


@pytest.mark.parametrize(
    ("kind", "changes", "rule"),
    [(k, c, r) for _, k, c, r in BROKEN],
    ids=[name for name, _, _, _ in BROKEN],
)
def test_broken_variant_fails_with_its_rule(kind: str, changes: dict[str, Any], rule: str) -> None:
    assert rule not in errors(model_report(kind)), "the model itself must not break the rule"
    report = check_docx(make_docx(kind, **changes), kind)
    assert rule in errors(report), format_report(report, "en")
    assert not report.ok
    for finding in report.findings:
        assert finding.rule in RULES
        assert finding.message_vi and finding.message_en and finding.location
        for place in finding.places:  # every place named in Vietnamese
            assert not ENGLISH_PLACE.search(place), place


@pytest.mark.parametrize("kind", KINDS)
def test_auto_infers_the_kind(kind: str) -> None:
    report = check_docx(make_docx(kind))
    assert report.kind == kind
    assert report.findings == model_report(kind).findings


def test_both_languages_word_every_problem() -> None:
    assert set(conformity_texts.TEXTS_VI) == set(conformity_texts.TEXTS_EN)


def test_a_line_the_header_does_not_expect_is_not_misread() -> None:
    report = check_docx(make_docx(extra_right="Điện thoại: 0204 3882 123"))
    assert not report.errors, format_report(report, "en")
    (warning,) = report.warnings
    assert warning.rule == "header.unexpected" and warning.text == "Điện thoại: 0204 3882 123"


@pytest.mark.parametrize(
    ("changes", "rules"),
    [
        ({"number": "SỐ: 01/KH-HĐND"}, {"wording.case"}),
        ({"recipients_heading": "NƠI NHẬN:"}, {"wording.case"}),
        ({"motto_first": True}, {"header.order"}),
        ({"header_swapped": True}, {"header.layout"}),
    ],
    ids=["Số", "Nơi nhận", "order", "columns"],
)
def test_one_defect_is_one_error(changes: dict[str, Any], rules: set[str]) -> None:
    assert errors(check_docx(make_docx(**changes))) == rules


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("HĐND XÃ BIÊN SƠN", [("xã", "BIÊN SƠN")]),
        (
            "Thường trực HĐND xã Biên Sơn, tỉnh Bắc Ninh.",
            [("xã", "Biên Sơn"), ("tỉnh", "Bắc Ninh")],
        ),
        ("các xã, thị trấn; UBND thị xã Từ Sơn", [("thị xã", "Từ Sơn")]),
        ("cử tri các xã trong huyện", []),
        ("Ủy ban nhân dân Phường 12", [("phường", "12")]),
    ],
)
def test_unit_mentions(text: str, units: list[tuple[str, str]]) -> None:
    assert unit_mentions(text) == units


def test_the_unit_name_is_checked_where_it_is_misspelt() -> None:
    report = check_docx(make_docx(parent="HĐND HUYỆN LỤC NGAN"))
    (finding,) = report.errors
    assert finding.rule == "header.issuer_name" and finding.text == "HĐND HUYỆN LỤC NGAN"
    assert "«Lục Ngạn»" in finding.expected and "«LỤC NGAN»" in finding.found
    old_tone = make_docx(parent="HĐND XÃ TÂN HOÀ", date="Tân Hòa, ngày 06 tháng 01 năm 2021")
    assert check_docx(old_tone).ok  # «Hoà» and «Hòa» are one name


@pytest.mark.parametrize(
    ("line", "warnings"),
    [("DỰ THẢO", set()), ("KHẨN", set()), ("Ghi chú: bản lưu nội bộ", {"title.unexpected"})],
)
def test_a_line_above_the_type_name_is_not_taken_for_it(line: str, warnings: set[str]) -> None:

    doc = Document(io.BytesIO(make_docx()))
    title = next(p for p in doc.paragraphs if p.text == "KẾ HOẠCH")
    title.insert_paragraph_before(line)
    out = io.BytesIO()
    doc.save(out)
    report = check_docx(out.getvalue())
    assert report.ok and report.kind == "typed", format_report(report, "en")
    assert {f.rule for f in report.warnings} == warnings


def test_finding_says_where_and_what() -> None:
    report = check_docx(make_docx(date="Lục Ngạn, ngày 6 tháng 01 năm 2021"))
    (finding,) = [f for f in report.errors if f.rule == "header.date.leading_zero"]
    assert finding.location.startswith("bảng 1, hàng 1, cột 2, đoạn ")
    assert finding.text == "Lục Ngạn, ngày 6 tháng 01 năm 2021"
    assert "ngày 06" in finding.expected and "ngày 6" in finding.found
    assert finding.severity == "error"


def test_a_date_in_another_form_is_quoted() -> None:
    report = check_docx(make_docx(date="Lục Ngạn, 06/01/2021"))
    (finding,) = [f for f in report.errors if f.rule == "header.date.pattern"]
    assert finding.found == "«Lục Ngạn, 06/01/2021»"
    assert "ngày 06 tháng 01 năm 2021" in finding.expected


def test_body_finding_names_the_paragraph() -> None:
    report = check_docx(make_docx(body_size=12))
    located = [f for f in report.errors if f.rule == "body.format"]
    assert located and all(f.location.startswith("đoạn ") for f in located)
    assert "12 pt" in located[0].found and "13–14 pt" in located[0].expected


def test_report_to_dict_is_json() -> None:
    report = check_docx(make_docx(motto="Độc lập – Tự do – Hạnh phúc"))
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"ok", "kind", "errors", "warnings", "findings"}
    assert data["ok"] is False and data["kind"] == "typed"
    assert data["errors"] == len(report.errors) >= 1
    assert set(data["findings"][0]) == set(Finding.__dataclass_fields__)


@pytest.mark.parametrize(("lang", "word"), [("vi", "LỖI"), ("en", "ERROR")])
def test_format_report_lists_each_finding(lang: str, word: str) -> None:
    report = check_docx(make_docx(body_indent_cm=None, title_page=False))
    text = format_report(report, lang)
    assert f"{word} [page_numbers]" in text and f"{word} [body.format]" in text
    assert text.splitlines()[-1].startswith(str(len(report.errors)))


def test_one_wrong_font_is_one_finding_with_every_place() -> None:
    report = check_docx(make_docx(style_font="Arial"))
    (fonts,) = [f for f in report.errors if f.rule == "font.family"]
    assert len(fonts.places) > 10 and fonts.location == fonts.places[0]
    assert f"({len(fonts.places)} chỗ)" in fonts.message_vi
    assert len({f.rule for f in report.findings}) == len(report.findings)  # one per rule
    text = format_report(report, "en", per_rule=2)
    assert text.count("[font.family] ") == 1
    assert f"… and {len(fonts.places) - 2} more" in text
    assert fonts.to_dict()["places"] == list(fonts.places)


def test_format_report_of_a_good_document_says_so() -> None:
    assert format_report(check_docx(make_docx()), "en").splitlines()[-1].startswith("Passed")


def test_accepts_a_path(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(make_docx())
    assert check_docx(path).ok and check_docx(str(path)).ok


@pytest.mark.parametrize(
    "junk",
    [b"", b"not a zip at all", b"PK\x03\x04broken", "zip-without-document"],
    ids=["empty", "text", "truncated zip", "zip without a Word document"],
)
def test_rejects_what_is_not_a_docx(junk: bytes | str) -> None:
    if junk == "zip-without-document":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        junk = buffer.getvalue()
    with pytest.raises(ValueError, match="không phải DOCX.*not a usable DOCX"):
        check_docx(junk)


def test_rejects_broken_xml() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx())) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(ValueError, match="unreadable"):
        check_docx(buffer.getvalue())


def test_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Không đọc được tệp"):
        check_docx(tmp_path / "missing.docx")


def test_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind"):
        check_docx(make_docx(), "nghi_quyet")


# --- every signer stack of Decree 30 (Article 13, Appendix I part II section 7) --------------

VALID_STACKS = [
    ("CHỦ TỊCH",),
    ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"),
    ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("TM. THƯỜNG TRỰC HĐND", "Q. CHỦ TỊCH"),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("Q. CHỦ TỊCH",),
    ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("TL. THƯỜNG TRỰC HĐND", "CHÁNH VĂN PHÒNG"),
    ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("TL. CHỦ TỊCH", "Q. CHÁNH VĂN PHÒNG"),
    ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI", "KT. TRƯỞNG ĐOÀN", "PHÓ TRƯỞNG ĐOÀN"),
    ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"),
]


@pytest.mark.parametrize("stack", VALID_STACKS, ids=[" / ".join(s) for s in VALID_STACKS])
def test_every_decree_30_signer_stack_passes(stack: tuple[str, ...]) -> None:
    for kind in ("typed", "cong_van"):
        report = check_docx(make_docx(kind, signer=stack), kind)
        assert report.ok and not report.warnings, format_report(report, "en")


INVALID_STACKS = [
    # Article 13.3: «Người được ký thừa ủy quyền không được ủy quyền lại cho người khác ký»
    ("TUQ. passed to a deputy", ("TUQ. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
     "TUQ."),
    ("TUQ. signed by a deputy", ("TUQ. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG"), "ủy quyền"),
    # Article 13.2: TM. is the collective's head or deputies, never a unit head signing by order
    ("TL. under TM.", ("TM. THƯỜNG TRỰC HĐND", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "TM. / TL."),
    ("TUQ. under TM.", ("TM. THƯỜNG TRỰC HĐND", "TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "TM. / TUQ."),
    # Article 13.4: the deputy signs KT. for the one holding TL., in that order
    ("KT. above TL.", ("KT. CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG"), "KT. / TL."),
    ("deputy under TL. without KT.", ("TL. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG"), "KT. CHÁNH VĂN"),
    ("TL. / KT. over another head's deputy",
     ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHỦ TỊCH"), "PHÓ CHỦ TỊCH"),
    ("TL. twice", ("TL. CHỦ TỊCH", "TL. CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG"), "TL. / TL."),
    ("KT. twice", ("KT. CHỦ TỊCH", "KT. PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "KT. / KT."),
    ("Q. then KT.", ("Q. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"), "Q. / KT."),
    ("TUQ. then Q.", ("TUQ. CHỦ TỊCH", "Q. CHÁNH VĂN PHÒNG"), "TUQ. / Q."),
    ("deputy signs alone", ("PHÓ CHỦ TỊCH",), "KT. CHỦ TỊCH"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("stack", "words"),
    [(s, w) for _, s, w in INVALID_STACKS],
    ids=[name for name, _, _ in INVALID_STACKS],
)
def test_an_impossible_signer_stack_is_one_finding(stack: tuple[str, ...], words: str) -> None:
    report = check_docx(make_docx("typed", signer=stack), "typed")
    assert errors(report) == {"signer.authority"}, format_report(report, "en")
    (finding,) = [f for f in report.findings if f.rule == "signer.authority"]
    assert words in finding.message_vi, finding.message_vi
    assert "Nghị định 30" in finding.message_vi or "KT." in finding.message_vi
    assert not any(ENGLISH_PLACE.search(place) for place in finding.places)


# --- a merged office: Văn phòng Đoàn ĐBQH và HĐND tỉnh --------------------------------------

MERGED = {
    "parent": "ĐOÀN ĐBQH VÀ HĐND TỈNH BẮC NINH",
    "body_name": ("VĂN PHÒNG",),
    "date": "Bắc Ninh, ngày 06 tháng 01 năm 2026",
    "signer": ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
}


@pytest.mark.parametrize(
    "number", ["Số: 15/VPĐĐBQH&HĐND-TH", "Số: 15/ĐĐBQH&HĐND-VP", "Số: 06/QC-TT.HĐND-UBND"]
)
def test_a_merged_office_letter_passes(number: str) -> None:
    report = check_docx(make_docx("cong_van", number=number, **MERGED), "cong_van")
    assert report.ok and not report.warnings, format_report(report, "en")


@pytest.mark.parametrize(
    "number", ["Số: 15/VPĐĐBQH&-TH", "Số: 15/&HĐND-VP", "Số: 15/HĐND-VP.", "Số: 15/VP - TH"]
)
def test_a_broken_merged_symbol_is_reported(number: str) -> None:
    report = check_docx(make_docx("cong_van", number=number, **MERGED), "cong_van")
    assert errors(report) == {"header.number.pattern"}, format_report(report, "en")


def test_a_merged_office_header_is_cross_checked() -> None:
    typo = {**MERGED, "parent": "ĐOÀN ĐBQH VÀ HĐND TỈNH BẮC NINB"}
    report = check_docx(make_docx("cong_van", number="Số: 15/VPĐĐBQH&HĐND-TH", **typo))
    (finding,) = report.errors  # header and place disagree: one finding (the header wins a tie)
    assert finding.rule == "header.issuer_name" and "BẮC NINB" in finding.message_vi


@functools.cache
def _service() -> DocumentService:
    return DocumentService(Settings(templates_dir=ROOT / "templates_vn"))


SIGNERS = {
    "TL. / KT.": {"authority": "TL.", "head_title": "Chủ tịch",
                  "unit_head_title": "Chánh Văn phòng", "title": "Phó Chánh Văn phòng"},
    "TL.": {"authority": "TL.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
    "TUQ.": {"authority": "TUQ.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
    "TM. / Q.": {"collective": "Thường trực HĐND", "authority": "Q.", "title": "Chủ tịch"},
    "Q.": {"authority": "Q.", "title": "Chủ tịch"},
    "KT.": {"authority": "KT.", "head_title": "Chủ tịch", "title": "Phó Chủ tịch"},
}  # fmt: skip


def _merged_letter(signer: dict[str, str], **issuer: str) -> bytes:
    """The shipped letter fixture, issued by a merged office and signed as given."""
    data = json.loads((ROOT / "fixtures" / "cong_van_chuyen.json").read_text("utf-8"))
    data.update(issuer={**MERGED_ISSUER, **issuer}, unit="TH")
    data["signer"] = {**signer, "name": "Trần Văn An"}
    service = _service()
    return service.render_docx("cong_van_chuyen", service.validate("cong_van_chuyen", data))


@pytest.mark.parametrize("stack", list(SIGNERS))
def test_the_shipped_letter_of_a_merged_office_passes_with_every_stack(stack: str) -> None:
    docx = _merged_letter(SIGNERS[stack])
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "/VPĐĐBQH&HĐND-TH" in text  # the symbol survives escaping
    report = check_docx(docx)
    assert report.kind == "cong_van"
    assert report.ok and not report.warnings, format_report(report, "en")


def test_the_shipped_letter_of_a_merged_office_with_a_typo_is_reported() -> None:
    docx = _merged_letter(SIGNERS["TL."], header_top="Đoàn ĐBQH và HĐND tỉnh Bắc Ninb")
    report = check_docx(docx, "cong_van")
    assert errors(report) == {"header.issuer_name"}, format_report(report, "en")
