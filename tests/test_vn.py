"""The Vietnamese writing rules: each table below is the specification of one rule."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from docgen import vn
from docgen.decree30 import SIGNER_STACKS


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- constants ------------------------------------------------------------------------------


def test_national_name_and_motto() -> None:
    assert vn.NATIONAL_NAME == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert vn.MOTTO == "Độc lập - Tự do - Hạnh phúc"
    assert "\u2013" not in vn.MOTTO and "\u2014" not in vn.MOTTO  # spaced hyphens, no dashes
    assert unicodedata.is_normalized("NFC", vn.NATIONAL_NAME + vn.MOTTO)


# --- nfc_clean ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lục Ngạn", "Lục Ngạn"),
        (nfd("Lục Ngạn"), "Lục Ngạn"),
        (nfd("Ủy ban nhân dân xã Đồng Kỳ"), "Ủy ban nhân dân xã Đồng Kỳ"),
        ("a\x00b", "ab"),
        ("a\x08b\x0bc\x0cd", "abcd"),
        ("a\x0eb\x1fc\x1bd", "abcd"),
        ("tab\there", "tab\there"),
        ("line\nbreak\r\n", "line\nbreak\r\n"),
        ("x\ufffey\uffffz", "xyz"),
        ("lone\ud800high\udfffsurrogates", "lonehighsurrogates"),
        ("kế\x00 hoạch", "kế hoạch"),
        ("A & B < C", "A & B < C"),  # escaping is the renderer's job, not this one's
        ("", ""),
    ],
)
def test_nfc_clean(raw: str, expected: str) -> None:
    assert vn.nfc_clean(raw) == expected


@pytest.mark.parametrize("code", range(0x20))
def test_nfc_clean_keeps_only_tab_lf_cr_among_c0_controls(code: int) -> None:
    kept = chr(code) in "\t\n\r"
    assert vn.nfc_clean(f"a{chr(code)}b") == (f"a{chr(code)}b" if kept else "ab")


def test_nfc_clean_output_encodes_as_utf8() -> None:
    vn.nfc_clean("\ud83d x \udca9").encode("utf-8")  # lone surrogates would raise here


# --- pad2 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "00"), (1, "01"), (5, "05"), (9, "09"), (10, "10"), (15, "15"), (99, "99"),
     (100, "100"), (1234, "1234")],
)  # fmt: skip
def test_pad2(n: int, expected: str) -> None:
    assert vn.pad2(n) == expected


def test_pad2_refuses_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        vn.pad2(-1)


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2021, 1, 6), "ngày 06 tháng 01 năm 2021"),
        (date(2021, 3, 15), "ngày 15 tháng 3 năm 2021"),
        (date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (date(2025, 12, 20), "ngày 20 tháng 12 năm 2025"),
        # every month, day 15: zero only for January and February
        (date(2025, 1, 15), "ngày 15 tháng 01 năm 2025"),
        (date(2025, 2, 15), "ngày 15 tháng 02 năm 2025"),
        (date(2025, 3, 15), "ngày 15 tháng 3 năm 2025"),
        (date(2025, 4, 15), "ngày 15 tháng 4 năm 2025"),
        (date(2025, 5, 15), "ngày 15 tháng 5 năm 2025"),
        (date(2025, 6, 15), "ngày 15 tháng 6 năm 2025"),
        (date(2025, 7, 15), "ngày 15 tháng 7 năm 2025"),
        (date(2025, 8, 15), "ngày 15 tháng 8 năm 2025"),
        (date(2025, 9, 15), "ngày 15 tháng 9 năm 2025"),
        (date(2025, 10, 15), "ngày 15 tháng 10 năm 2025"),
        (date(2025, 11, 15), "ngày 15 tháng 11 năm 2025"),
        (date(2025, 12, 15), "ngày 15 tháng 12 năm 2025"),
        # day edges: zero for 1-9 only
        (date(2025, 7, 1), "ngày 01 tháng 7 năm 2025"),
        (date(2025, 7, 9), "ngày 09 tháng 7 năm 2025"),
        (date(2025, 7, 10), "ngày 10 tháng 7 năm 2025"),
        (date(2025, 7, 31), "ngày 31 tháng 7 năm 2025"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
        (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (date(2016, 7, 26), "ngày 26 tháng 7 năm 2016"),
    ],
)
def test_date_phrase(d: date, expected: str) -> None:
    assert vn.date_phrase(d) == expected


@pytest.mark.parametrize(
    ("place", "d", "expected"),
    [
        ("Lục Ngạn", date(2021, 1, 6), "Lục Ngạn, ngày 06 tháng 01 năm 2021"),
        ("Bắc Giang", date(2021, 3, 15), "Bắc Giang, ngày 15 tháng 3 năm 2021"),
        ("Đồng Kỳ", date(2025, 10, 9), "Đồng Kỳ, ngày 09 tháng 10 năm 2025"),
        (nfd("Hà Nội"), date(2024, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2024"),
        ("  Lục   Ngạn ", date(2021, 1, 6), "Lục Ngạn, ngày 06 tháng 01 năm 2021"),
    ],
)
def test_date_line(place: str, d: date, expected: str) -> None:
    assert vn.date_line(place, d) == expected


@pytest.mark.parametrize("place", ["", "   ", "\x00"])
def test_date_line_refuses_empty_place(place: str) -> None:
    with pytest.raises(ValueError, match="place"):
        vn.date_line(place, date(2021, 1, 6))


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2016, 7, 26), "26/7/2016"),
        (date(2021, 1, 6), "6/1/2021"),
        (date(2025, 12, 31), "31/12/2025"),
        (date(2024, 2, 5), "5/2/2024"),
        (date(2025, 10, 10), "10/10/2025"),
    ],
)
def test_short_date(d: date, expected: str) -> None:
    assert vn.short_date(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 1, 1), "Thứ Hai"),
        (date(2024, 1, 2), "Thứ Ba"),
        (date(2024, 1, 3), "Thứ Tư"),
        (date(2024, 1, 4), "Thứ Năm"),
        (date(2024, 1, 5), "Thứ Sáu"),
        (date(2024, 1, 6), "Thứ Bảy"),
        (date(2024, 1, 7), "Chủ nhật"),
        (date(2021, 1, 6), "Thứ Tư"),
        (date(2025, 7, 1), "Thứ Ba"),
    ],
)
def test_weekday_name(d: date, expected: str) -> None:
    assert vn.weekday_name(d) == expected


# --- document types and symbols -------------------------------------------------------------

APPENDIX_III = [
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"),
    ("Quy định", "QyĐ"), ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"), ("Kế hoạch", "KH"), ("Phương án", "PA"), ("Đề án", "ĐA"),
    ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"), ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"), ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"), ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"), ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
]  # fmt: skip


def test_type_abbreviations_is_appendix_iii() -> None:
    assert dict(APPENDIX_III) == vn.TYPE_ABBREVIATIONS
    assert all(unicodedata.is_normalized("NFC", k + v) for k, v in APPENDIX_III)


@pytest.mark.parametrize(("name", "abbr"), APPENDIX_III)
def test_type_abbreviation_of_every_type(name: str, abbr: str) -> None:
    assert vn.type_abbreviation(name) == abbr
    assert vn.type_abbreviation(vn.lower(name)) == abbr
    assert vn.type_abbreviation(vn.upper(name)) == abbr
    assert vn.type_abbreviation(nfd(vn.upper(name))) == abbr


@pytest.mark.parametrize(
    ("name", "abbr"),
    [
        ("kế hoạch", "KH"),
        ("KẾ HOẠCH", "KH"),
        ("Kế Hoạch", "KH"),
        ("  kế   hoạch ", "KH"),
        (nfd("Báo cáo"), "BC"),
        ("QUY ĐỊNH", "QyĐ"),
        ("quy chế", "QC"),
        ("quyết định", "QĐ"),
        ("CHƯƠNG TRÌNH", "CTr"),
        ("tờ trình", "TTr"),
        # old-style tone placement, still common in offices
        ("Bản thoả thuận", "BTT"),
        ("Giấy uỷ quyền", "GUQ"),
        ("GIẤY UỶ QUYỀN", "GUQ"),
    ],
)
def test_type_abbreviation_spelling_variants(name: str, abbr: str) -> None:
    assert vn.type_abbreviation(name) == abbr


@pytest.mark.parametrize("name", ["Công văn", "Kế hoạc", "Ke hoach", "KH", "", "Kế hoạch năm"])
def test_type_abbreviation_refuses_unknown(name: str) -> None:
    with pytest.raises(ValueError, match="unknown document type"):
        vn.type_abbreviation(name)


@pytest.mark.parametrize(
    ("body", "kwargs", "expected"),
    [
        ("HĐND", {"type_abbr": "KH"}, "KH-HĐND"),
        ("HĐND", {"type_abbr": "BC"}, "BC-HĐND"),
        ("HĐND", {"type_abbr": "TB"}, "TB-HĐND"),
        ("HĐND", {"type_abbr": "BB"}, "BB-HĐND"),
        ("HĐND", {"type_abbr": "GM"}, "GM-HĐND"),
        ("HĐND", {"type_abbr": "NQ"}, "NQ-HĐND"),
        ("HĐND", {"type_abbr": "QyĐ"}, "QyĐ-HĐND"),
        ("UBND", {"type_abbr": "CTr"}, "CTr-UBND"),
        ("UBND", {"type_abbr": "TTr"}, "TTr-UBND"),
        ("HĐND", {"type_abbr": "ĐA"}, "ĐA-HĐND"),
        ("HĐND", {"unit": "VP"}, "HĐND-VP"),
        ("UBND", {"unit": "VX"}, "UBND-VX"),
        ("HĐND", {"unit": "KTXH"}, "HĐND-KTXH"),
        ("VP", {"unit": "TH"}, "VP-TH"),
        (" HĐND ", {"type_abbr": " KH "}, "KH-HĐND"),
        (nfd("HĐND"), {"unit": "VP"}, "HĐND-VP"),
        ("NQLT-UBTVQH15", {"type_abbr": "NQ"}, "NQ-NQLT-UBTVQH15"),
        # merged offices (Văn phòng Đoàn ĐBQH và HĐND) join groups with «&»
        ("VPĐĐBQH&HĐND", {"unit": "TH"}, "VPĐĐBQH&HĐND-TH"),
        ("ĐĐBQH&HĐND", {"type_abbr": "BC"}, "BC-ĐĐBQH&HĐND"),
        ("HĐND", {"unit": "ĐĐBQH&HĐND"}, "HĐND-ĐĐBQH&HĐND"),
        # and with a dot, as the published «06/QC-TT.HĐND-UBND» (Hòa Bình, 2019)
        ("TT.HĐND-UBND", {"type_abbr": "QC"}, "QC-TT.HĐND-UBND"),
    ],
)
def test_document_symbol(body: str, kwargs: dict[str, str], expected: str) -> None:
    assert vn.document_symbol(body, **kwargs) == expected


@pytest.mark.parametrize(
    ("body", "kwargs", "message"),
    [
        ("HĐND", {}, "exactly one"),
        ("HĐND", {"type_abbr": "KH", "unit": "VP"}, "exactly one"),
        ("", {"type_abbr": "KH"}, "body"),
        ("HĐND", {"type_abbr": ""}, "type_abbr"),
        ("HĐND", {"unit": "  "}, "unit"),
        ("HĐND/VP", {"type_abbr": "KH"}, "body"),
        ("HĐND", {"unit": "V P"}, "unit"),
        ("HĐND&", {"unit": "VP"}, "body"),
        ("&HĐND", {"unit": "VP"}, "body"),
        ("ĐĐBQH&&HĐND", {"unit": "VP"}, "body"),
        ("HĐND.", {"type_abbr": "KH"}, "body"),
        ("HĐND-", {"type_abbr": "KH"}, "body"),
        ("HĐND", {"unit": "VP&"}, "unit"),
        ("HĐND", {"unit": "V<P"}, "unit"),
    ],
)
def test_document_symbol_refuses(body: str, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        vn.document_symbol(body, **kwargs)


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (1, "KH-HĐND", "Số: 01/KH-HĐND"),
        (9, "KH-HĐND", "Số: 09/KH-HĐND"),
        (10, "BC-HĐND", "Số: 10/BC-HĐND"),
        (15, "HĐND-VP", "Số: 15/HĐND-VP"),
        (73, "NQ-HĐND", "Số: 73/NQ-HĐND"),
        (100, "TB-HĐND", "Số: 100/TB-HĐND"),
        (1234, "HĐND-VP", "Số: 1234/HĐND-VP"),
        (5, "QyĐ-UBND", "Số: 05/QyĐ-UBND"),
        (None, "KH-HĐND", "Số:      /KH-HĐND"),
        (None, "HĐND-VP", "Số:      /HĐND-VP"),
    ],
)
def test_number_line(number: int | None, symbol: str, expected: str) -> None:
    assert vn.number_line(number, symbol) == expected


def test_number_line_draft_has_exactly_six_spaces() -> None:
    assert vn.number_line(None, "KH-HĐND").split("/")[0] == "Số:" + " " * 6


@pytest.mark.parametrize(("number", "symbol"), [(0, "KH-HĐND"), (-1, "KH-HĐND"), (1, "")])
def test_number_line_refuses(number: int, symbol: str) -> None:
    with pytest.raises(ValueError):
        vn.number_line(number, symbol)


# --- case -----------------------------------------------------------------------------------

BASE_VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none grave acute hook tilde dot
LETTER_PAIRS = [
    (
        unicodedata.normalize("NFC", vowel + tone),
        unicodedata.normalize("NFC", vowel.upper() + tone),
    )
    for vowel in BASE_VOWELS
    for tone in TONES
] + [("đ", "Đ")]


def test_letter_table_has_every_vietnamese_letter_once() -> None:
    assert len(LETTER_PAIRS) == 73
    assert len({pair for pair in LETTER_PAIRS}) == 73
    assert all(len(lo) == 1 and len(up) == 1 for lo, up in LETTER_PAIRS)  # all precomposed


@pytest.mark.parametrize(("small", "capital"), LETTER_PAIRS)
def test_upper_and_lower_of_every_letter(small: str, capital: str) -> None:
    assert vn.upper(small) == capital
    assert vn.lower(capital) == small
    assert vn.upper(nfd(small)) == capital
    assert vn.lower(nfd(capital)) == small
    assert vn.lower(vn.upper(small)) == small


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("đ", "Đ"),
        ("hội đồng nhân dân xã Đồng Kỳ", "HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG KỲ"),
        ("Thường trực HĐND", "THƯỜNG TRỰC HĐND"),
        ("Phó Chủ tịch", "PHÓ CHỦ TỊCH"),
        ("huyện Lục Ngạn", "HUYỆN LỤC NGẠN"),
        ("kế hoạch", "KẾ HOẠCH"),
        ("cộng hòa xã hội chủ nghĩa việt nam", vn.NATIONAL_NAME),
        (nfd("ủy ban nhân dân"), "ỦY BAN NHÂN DÂN"),
        (nfd("Chánh Văn phòng"), "CHÁNH VĂN PHÒNG"),
        ("khóa XIX, 2021 - 2026", "KHÓA XIX, 2021 - 2026"),
        ("", ""),
    ],
)
def test_upper(text: str, expected: str) -> None:
    result = vn.upper(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ỦY BAN NHÂN DÂN", "ủy ban nhân dân"),
        ("Đ", "đ"),
        ("HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG KỲ", "hội đồng nhân dân xã đồng kỳ"),
        (nfd("KẾ HOẠCH"), "kế hoạch"),
        ("", ""),
    ],
)
def test_lower(text: str, expected: str) -> None:
    result = vn.lower(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


# --- signer block ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kwargs", "expected"),
    [
        ("Chủ tịch", {}, ["CHỦ TỊCH"]),
        (
            "Chủ tịch",
            {"collective": "Thường trực HĐND"},
            ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"],
        ),
        (
            "Chủ tịch",
            {"collective": "Thường trực HĐND", "authority": "TM."},
            ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"],
        ),
        (
            "Phó Chủ tịch",
            {"collective": "Thường trực HĐND", "authority": "KT.", "head_title": "Chủ tịch"},
            ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            "Phó Chủ tịch",
            {"authority": "KT.", "head_title": "Chủ tịch"},
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        ("Chủ tịch", {"authority": "Q."}, ["Q. CHỦ TỊCH"]),
        (
            "Chủ tịch",
            {"collective": "Ủy ban nhân dân", "authority": "Q."},
            ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"],
        ),
        (
            "Chánh Văn phòng",
            {"authority": "TL.", "head_title": "Chủ tịch"},
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        (
            "Chánh Văn phòng",
            {"authority": "TUQ.", "head_title": "Chủ tịch"},
            ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        ("Thư ký", {}, ["THƯ KÝ"]),
        ("Chủ tọa", {}, ["CHỦ TỌA"]),
        (nfd("Phó Chủ tịch"), {"authority": "kt.", "head_title": " Chủ  tịch "},
         ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        # TL. passed by the unit head to a deputy signing KT. (Decree 30, Article 13.4)
        ("Phó Chánh Văn phòng",
         {"authority": "TL.", "head_title": "Chủ tịch", "unit_head_title": "Chánh Văn phòng"},
         ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
        # councils' offices often sign by order of the standing committee itself
        ("Chánh Văn phòng", {"authority": "TL.", "head_title": "Thường trực HĐND"},
         ["TL. THƯỜNG TRỰC HĐND", "CHÁNH VĂN PHÒNG"]),
        ("Phó Chánh Văn phòng",
         {"authority": "TL.", "head_title": "Thường trực HĐND",
          "unit_head_title": "Chánh Văn phòng"},
         ["TL. THƯỜNG TRỰC HĐND", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
        ("Thứ trưởng", {"authority": "KT.", "head_title": "Bộ trưởng"},
         ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
        ("Phó Trưởng Đoàn",
         {"collective": "Đoàn đại biểu Quốc hội", "authority": "KT.", "head_title": "Trưởng Đoàn"},
         ["TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI", "KT. TRƯỞNG ĐOÀN", "PHÓ TRƯỞNG ĐOÀN"]),
    ],
)  # fmt: skip
def test_signer_lines(title: str, kwargs: dict[str, str], expected: list[str]) -> None:
    assert vn.signer_lines(title, **kwargs) == expected


@pytest.mark.parametrize(
    ("title", "kwargs", "message"),
    [
        ("", {}, "title must not be empty"),
        ("   ", {"collective": "Thường trực HĐND"}, "title must not be empty"),
        ("Phó Chủ tịch", {"authority": "KT."}, "needs head_title"),
        ("Chánh Văn phòng", {"authority": "TL."}, "needs head_title"),
        ("Chánh Văn phòng", {"authority": "TUQ."}, "needs head_title"),
        ("Chủ tịch", {"authority": "Q.", "head_title": "Chủ tịch"}, "only used with"),
        ("Chủ tịch", {"head_title": "Chủ tịch"}, "only used with"),
        ("Chủ tịch", {"authority": "TM."}, "needs the collective"),
        ("Chủ tịch", {"authority": "TT."}, "unknown authority"),
        ("Chủ tịch", {"authority": "KT"}, "unknown authority"),
        ("Chủ tịch", {"collective": "TM. Thường trực HĐND"}, "must not start with 'TM.'"),
        ("Chủ tịch", {"collective": ""}, "collective must not be empty"),
        ("KT. Chủ tịch", {}, "must not start with 'KT.'"),
        ("Q. Chủ tịch", {}, "must not start with 'Q.'"),
        (
            "Phó Chủ tịch",
            {"authority": "KT.", "head_title": "KT. Chủ tịch"},
            "must not start with 'KT.'",
        ),
        ("Chánh Văn phòng", {"authority": "TL.", "head_title": "tl. Chủ tịch"}, "'TL.'"),
        ("Chánh Văn phòng", {"authority": "TUQ.", "head_title": "TUQ. Chủ tịch"}, "'TUQ.'"),
    ],
)
def test_signer_lines_refuses(title: str, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        vn.signer_lines(title, **kwargs)


TL = {"authority": "TL.", "head_title": "Chủ tịch"}
TUQ = {"authority": "TUQ.", "head_title": "Chủ tịch"}
COUNCIL = {"collective": "Thường trực HĐND"}


@pytest.mark.parametrize(
    ("title", "kwargs", "field", "code"),
    [
        # TUQ. may not be delegated again (Article 13.3): no KT. under it, no deputy signing
        ("Phó Chánh Văn phòng", {**TUQ, "unit_head_title": "Chánh Văn phòng"},
         "unit_head_title", "tuq_again"),
        ("Phó Chánh Văn phòng", TUQ, "title", "deputy_without_kt"),
        # TL./TUQ. are signed by a unit head by order of the head, not for the collective
        ("Chánh Văn phòng", {**COUNCIL, **TL}, "authority", "stack"),
        ("Chánh Văn phòng", {**COUNCIL, **TUQ}, "authority", "stack"),
        ("Phó Chánh Văn phòng", {**COUNCIL, **TL, "unit_head_title": "Chánh Văn phòng"},
         "authority", "stack"),
        # the unit head's title only where a deputy signs for the one holding TL.
        ("Phó Chủ tịch", {"authority": "KT.", "head_title": "Chủ tịch",
                          "unit_head_title": "Chánh Văn phòng"}, "unit_head_title",
         "unit_head_unused"),
        ("Chủ tịch", {"unit_head_title": "Chánh Văn phòng"}, "unit_head_title",
         "unit_head_unused"),
        ("Chủ tịch", {"authority": "Q.", "unit_head_title": "Chánh Văn phòng"},
         "unit_head_title", "unit_head_unused"),
        ("Phó Chánh Văn phòng", {**TL, "unit_head_title": "Phó Chánh Văn phòng"},
         "unit_head_title", "head_deputy"),
        ("Phó Chánh Văn phòng", {**TL, "unit_head_title": "KT. Chánh Văn phòng"},
         "unit_head_title", "prefix"),
        ("Phó Chánh Văn phòng", {**TL, "unit_head_title": " "}, "unit_head_title", "empty"),
        # KT.: the signer is a deputy of the one KT. names (Article 13.1, 13.4)
        ("Ủy viên", {**COUNCIL, "authority": "KT.", "head_title": "Chủ tịch"}, "title",
         "not_deputy"),
        ("Phó Giám đốc", {"authority": "KT.", "head_title": "Chủ tịch"}, "title", "not_deputy"),
        ("Phó Chủ tịch", {**TL, "unit_head_title": "Chánh Văn phòng"}, "title", "not_deputy"),
        ("Chánh Văn phòng", {**TL, "unit_head_title": "Chánh Văn phòng"}, "title", "not_deputy"),
        # a deputy, even one in charge, signs KT. (Article 13.1)
        ("Phó Chủ tịch", {}, "title", "deputy_without_kt"),
        ("Phó Chủ tịch", COUNCIL, "title", "deputy_without_kt"),
        ("Phó Chánh Văn phòng", TL, "title", "deputy_without_kt"),
        ("Phó Chủ tịch", {"authority": "Q."}, "title", "deputy_without_kt"),
        # KT., TL., TUQ. name the head, not a deputy; TM. a collective, not a person
        ("Phó Chủ tịch", {"authority": "KT.", "head_title": "Phó Chủ tịch"}, "head_title",
         "head_deputy"),
        ("Chánh Văn phòng", {"authority": "TL.", "head_title": "Phó Chủ tịch"}, "head_title",
         "head_deputy"),
        ("Chủ tịch", {"collective": "Chủ tịch HĐND"}, "collective", "tm_person"),
        ("Chủ tịch", {"collective": "Phó Chủ tịch"}, "collective", "tm_person"),
        ("Chủ tịch", {"authority": "TM."}, "collective", "tm_collective"),
        ("Chủ tịch", {"authority": "TT."}, "authority", "unknown"),
        ("Chủ tịch", {"head_title": "Chủ tịch"}, "head_title", "head_unused"),
        ("Chánh Văn phòng", {"authority": "TL."}, "head_title", "needs_head"),
    ],
)  # fmt: skip
def test_signer_lines_names_the_field(
    title: str, kwargs: dict[str, str], field: str, code: str
) -> None:
    with pytest.raises(vn.SignerError) as info:
        vn.signer_lines(title, **kwargs)
    assert (info.value.field, info.value.code) == (field, code)


def test_every_stack_of_the_decree_can_be_written() -> None:
    """Each stack decree30.SIGNER_STACKS lists that docgen generates is made by signer_lines;
    TL. + Q. (an acting unit head signing by order) is only read by the checker."""
    made = {
        (): vn.signer_lines("Chủ tịch"),
        ("TM.",): vn.signer_lines("Chủ tịch", **COUNCIL),
        ("TM.", "KT."): vn.signer_lines(
            "Phó Chủ tịch", **COUNCIL, authority="KT.", head_title="Chủ tịch"
        ),
        ("TM.", "Q."): vn.signer_lines("Chủ tịch", **COUNCIL, authority="Q."),
        ("KT.",): vn.signer_lines("Phó Chủ tịch", authority="KT.", head_title="Chủ tịch"),
        ("Q.",): vn.signer_lines("Chủ tịch", authority="Q."),
        ("TL.",): vn.signer_lines("Chánh Văn phòng", **TL),
        ("TL.", "KT."): vn.signer_lines(
            "Phó Chánh Văn phòng", **TL, unit_head_title="Chánh Văn phòng"
        ),
        ("TUQ.",): vn.signer_lines("Chánh Văn phòng", **TUQ),
    }
    assert set(made) | {("TL.", "Q.")} == set(SIGNER_STACKS)
    for stack, lines in made.items():
        prefixes = tuple(
            line.split(" ", 1)[0] for line in lines if line.split(" ", 1)[0] in vn.AUTHORITIES
        )
        assert prefixes == stack


def test_authorities() -> None:
    assert vn.AUTHORITIES == ("TM.", "KT.", "Q.", "TL.", "TUQ.")


# --- numbers --------------------------------------------------------------------------------

WORDS_0_TO_30 = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    "mười", "mười một", "mười hai", "mười ba", "mười bốn", "mười lăm", "mười sáu", "mười bảy",
    "mười tám", "mười chín",
    "hai mươi", "hai mươi mốt", "hai mươi hai", "hai mươi ba", "hai mươi tư", "hai mươi lăm",
    "hai mươi sáu", "hai mươi bảy", "hai mươi tám", "hai mươi chín",
    "ba mươi",
]  # fmt: skip

WORDS_100_TO_125 = [
    "một trăm", "một trăm linh một", "một trăm linh hai", "một trăm linh ba",
    "một trăm linh bốn", "một trăm linh năm", "một trăm linh sáu", "một trăm linh bảy",
    "một trăm linh tám", "một trăm linh chín", "một trăm mười", "một trăm mười một",
    "một trăm mười hai", "một trăm mười ba", "một trăm mười bốn", "một trăm mười lăm",
    "một trăm mười sáu", "một trăm mười bảy", "một trăm mười tám", "một trăm mười chín",
    "một trăm hai mươi", "một trăm hai mươi mốt", "một trăm hai mươi hai",
    "một trăm hai mươi ba", "một trăm hai mươi tư", "một trăm hai mươi lăm",
]  # fmt: skip

NUMBER_WORDS = [
    *enumerate(WORDS_0_TO_30),
    *((100 + i, words) for i, words in enumerate(WORDS_100_TO_125)),
    (31, "ba mươi mốt"),
    (34, "ba mươi tư"),
    (35, "ba mươi lăm"),
    (41, "bốn mươi mốt"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (90, "chín mươi"),
    (99, "chín mươi chín"),
    (200, "hai trăm"),
    (205, "hai trăm linh năm"),
    (215, "hai trăm mười lăm"),
    (300, "ba trăm"),
    (555, "năm trăm năm mươi lăm"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (1234, "một nghìn hai trăm ba mươi tư"),
    (2016, "hai nghìn không trăm mười sáu"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (2024, "hai nghìn không trăm hai mươi tư"),
    (2025, "hai nghìn không trăm hai mươi lăm"),
    (10000, "mười nghìn"),
    (10005, "mười nghìn không trăm linh năm"),
    (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (24000, "hai mươi tư nghìn"),
    (100000, "một trăm nghìn"),
    (105000, "một trăm linh năm nghìn"),
    (999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    (1000000, "một triệu"),
    (1000005, "một triệu không trăm linh năm"),
    (1005000, "một triệu không trăm linh năm nghìn"),
    (2500000, "hai triệu năm trăm nghìn"),
    (21000000, "hai mươi mốt triệu"),
    (999999999, "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
                "chín trăm chín mươi chín"),
    (1000000000, "một tỷ"),
    (1000000001, "một tỷ không trăm linh một"),
    (15000000000, "mười lăm tỷ"),
]  # fmt: skip


@pytest.mark.parametrize(("n", "expected"), NUMBER_WORDS)
def test_number_words(n: int, expected: str) -> None:
    assert vn.number_words(n) == expected


def test_number_words_tables_are_complete() -> None:
    assert len(WORDS_0_TO_30) == 31 and len(WORDS_100_TO_125) == 26


@pytest.mark.parametrize("n", [-1, -15, vn.NUMBER_WORDS_MAX + 1])
def test_number_words_refuses_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        vn.number_words(n)


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (15, "ngày", "mười lăm (15) ngày"),
        (5, "ngày", "năm (05) ngày"),
        (1, "tháng", "một (01) tháng"),
        (10, "ngày làm việc", "mười (10) ngày làm việc"),
        (21, "đại biểu", "hai mươi mốt (21) đại biểu"),
        (3, "", "ba (03)"),
    ],
)
def test_words_with_digits(n: int, unit: str, expected: str) -> None:
    assert vn.words_with_digits(n, unit) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "nhất"), (2, "hai"), (3, "ba"), (4, "tư"), (5, "năm"), (7, "bảy"), (10, "mười"),
        (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (20, "hai mươi"),
        (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (101, "một trăm linh một"),
    ],
)  # fmt: skip
def test_ordinal_words(n: int, expected: str) -> None:
    assert vn.ordinal_words(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_ordinal_words_refuses_zero_and_below(n: int) -> None:
    with pytest.raises(ValueError):
        vn.ordinal_words(n)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"), (10, "X"),
        (14, "XIV"), (15, "XV"), (18, "XVIII"), (19, "XIX"), (20, "XX"), (40, "XL"),
        (49, "XLIX"), (90, "XC"), (400, "CD"), (900, "CM"), (1994, "MCMXCIV"),
        (2021, "MMXXI"), (3999, "MMMCMXCIX"),
    ],
)  # fmt: skip
def test_roman(n: int, expected: str) -> None:
    assert vn.roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_refuses_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        vn.roman(n)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567, 0, "1.234.567"),
        (-1234567, 0, "-1.234.567"),
        (1234.5, 1, "1.234,5"),
        (1234.5, 2, "1.234,50"),
        (1234.5, 0, "1.235"),  # half up, not banker's rounding
        (2.5, 0, "3"),
        (2.675, 2, "2,68"),  # as written, not as the float stores it
        (0.1 + 0.2, 2, "0,30"),
        (-0.4, 0, "0"),  # no "-0"
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("1000000"), 0, "1.000.000"),
        (12.0, 0, "12"),
        (100, 2, "100,00"),
        (10**30, 0, "1" + ".000" * 10),
    ],
)
def test_format_number(value: int | float | Decimal, decimals: int, expected: str) -> None:
    assert vn.format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals"),
    [(float("nan"), 0), (float("inf"), 0), (Decimal("NaN"), 2), (1, -1)],
)
def test_format_number_refuses(value: int | float | Decimal, decimals: int) -> None:
    with pytest.raises(ValueError):
        vn.format_number(value, decimals)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(2021, 2026, "2021 - 2026"), (2016, 2021, "2016 - 2021"), (2026, 2031, "2026 - 2031")],
)
def test_term_years(start: int, end: int, expected: str) -> None:
    assert vn.term_years(start, end) == expected


@pytest.mark.parametrize(("start", "end"), [(2026, 2021), (2021, 2021)])
def test_term_years_refuses_backwards(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="end after"):
        vn.term_years(start, end)


# --- types at the edge ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "args"),
    [
        (vn.pad2, (True,)),
        (vn.number_line, (True, "KH-HĐND")),
        (vn.number_words, (1.0,)),
        (vn.roman, ("19",)),
        (vn.format_number, ("1000",)),
        (vn.format_number, (True,)),
    ],
)
def test_refuses_wrong_types(function: Callable[..., object], args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        function(*args)
