"""The wording of every problem, in Vietnamese and English, and the finding builders."""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any

from docgen import vn
from docgen.conformity.reader import short
from docgen.conformity.report import RULES, Hit, Problem, Severity
from docgen.decree30 import SIGNER_STACKS

DATE_EXAMPLE = "«Lục Ngạn, ngày 06 tháng 01 năm 2021»"
STACKS_VI = "; ".join(" / ".join(stack) or "không ghi" for stack in SIGNER_STACKS)
STACKS_EN = "; ".join(" / ".join(stack) or "none" for stack in SIGNER_STACKS)
NO, MISSING = "không có", "missing"

# Problem id -> (expected, found), in Vietnamese and in English; {fields} filled per finding.
TEXTS_VI: dict[str, tuple[str, str]] = {
    "a4": ("A4 đứng 210 × 297 mm", "{found}"),
    "before_title": (
        "giữa phần đầu và tên loại chỉ có dấu mức độ khẩn, mật hoặc «DỰ THẢO»",
        "một dòng khác (không kiểm tra như tên loại hay nội dung)",
    ),
    "authority_order": (
        "một tổ hợp Nghị định 30 cho phép (Điều 13): " + STACKS_VI,
        "«{found}»",
    ),
    "tuq_again": (
        "người ký thừa ủy quyền không ủy quyền lại, không giao cấp phó ký thay "
        "(Nghị định 30, Điều 13 khoản 3)",
        "«{found}»",
    ),
    "tuq_deputy": (
        "sau «{line}» là chức vụ người được ủy quyền (cấp trưởng đơn vị), không phải cấp phó "
        "(Nghị định 30, Điều 13 khoản 3)",
        "chức vụ cấp phó",
    ),
    "tm_collective": ("«TM.» trước tên tập thể (ví dụ «TM. THƯỜNG TRỰC HĐND»)", "«{found}»"),
    "head_title": (
        "sau «{prefix}» là chức vụ của người đứng đầu (không phải cấp phó)",
        "«{found}»",
    ),
    "kt_deputy": (
        "sau «{line}» là chức vụ cấp phó của người đó (ví dụ «PHÓ CHỦ TỊCH»)",
        "«{found}»",
    ),
    "deputy_without_kt": ("cấp phó ký thay: «{want}» ở dòng trên", "«{found}» không có «KT.»"),
    "q_last": ("«Q.» là chức vụ của người ký, không có dòng chức vụ nào sau", "«{found}»"),
    "element_side": ("{element_vi} ở {want_vi}", "{element_vi} ở {found_vi}"),
    "unexpected": (
        "cột phải chỉ có Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng",
        "một dòng khác (không kiểm tra như thành phần nào)",
    ),
    "order": ("thứ tự {want_vi}", "{found_vi}"),
    "fixed_case": ("«{want}» (viết đúng chữ hoa, chữ thường)", "«{found}»"),
    "name_place": ("tên đơn vị «{want}» như ở {where_vi}", "«{found}»"),
    "name_place_far": ("địa danh là tên đơn vị nơi cơ quan đóng trụ sở («{want}»)", "«{found}»"),
    "no_a4": ("A4 (210 × 297 mm)", NO),
    "margin": ("{side_vi} {lo}–{hi} mm", "{side_vi} {mm:.1f} mm"),
    "font": ("phông Times New Roman", "phông {found}"),
    "colour": ("màu đen", "màu {found}"),
    "size": ("cỡ chữ {want}", "cỡ chữ {found}"),
    "bold": ("chữ đậm", "chữ không đậm"),
    "not_bold": ("chữ không đậm", "chữ đậm"),
    "italic": ("chữ nghiêng", "chữ đứng"),
    "upright": ("chữ đứng (không nghiêng)", "chữ nghiêng"),
    "caps": ("chữ in hoa", "có chữ thường"),
    "no_caps": ("chữ in thường", "định dạng in hoa (All caps)"),
    "align": ("{want_vi}", "{found_vi}"),
    "no_header": ("bảng 2 cột không viền: cơ quan, số | quốc hiệu, tiêu ngữ, ngày tháng", NO),
    "columns": ("bảng 2 cột", "{found} cột"),
    "borders": ("bảng không viền", "bảng có đường viền"),
    "widths": ("cột trái ≈ 6–7 cm, cột phải ≈ 9,5–10,5 cm", "{left:.1f} cm + {right:.1f} cm"),
    "no_body_name": ("tên cơ quan ban hành (chữ in hoa, đậm)", NO),
    "no_number": ("dòng «Số: 01/KH-HĐND»", NO),
    "number": ("«Số: 01/KH-HĐND»", "«{found}»"),
    "number_digits": ("số bằng chữ số", "«{found}»"),
    "number_space": ("số viết liền dấu «/»", "«{found} /»"),
    "number_zero": ("số «{want}» (số 0 trước số nhỏ hơn 10)", "«{found}»"),
    "symbol": ("ký hiệu dạng «KH-HĐND» hoặc «HĐND-VP»", "«{found}»"),
    "symbol_type": ("ký hiệu bắt đầu bằng «{want}-» ({name})", "«{found}»"),
    "national": (f"«{vn.NATIONAL_NAME}»", "«{found}»"),
    "no_national": (f"«{vn.NATIONAL_NAME}»", NO),
    "no_motto": (f"«{vn.MOTTO}»", NO),
    "motto_dash": (f"«{vn.MOTTO}» (gạch nối «-» có cách hai bên)", "gạch ngang dài (–, —)"),
    "motto_unspaced": (f"«{vn.MOTTO}» (gạch nối «-» có cách hai bên)", "gạch nối không cách chữ"),
    "motto": (f"«{vn.MOTTO}»", "«{found}»"),
    "no_date": (DATE_EXAMPLE, NO),
    "date": (f"dạng {DATE_EXAMPLE}", "«{found}»"),
    "date_digits": ("{part_vi} bằng chữ số", "«{found}»"),
    "year": ("năm có 4 chữ số", "«{found}»"),
    "date_stop": ("không có dấu chấm cuối", "có dấu «.» cuối"),
    "date_real": ("ngày tháng có thật", "ngày {day} tháng {month}"),
    "day_zero": ("«ngày {want}»", "«ngày {found}»"),
    "month_zero": ("«tháng {want}» (số 0 chỉ trước tháng 1 và 2)", "«tháng {found}»"),
    "no_line": ("đường kẻ ngang nét liền dưới dòng chữ", NO),
    "line_length": ("đường kẻ {want_vi} (≈ {lo:.0f}–{hi:.0f} pt)", "dài ≈ {found:.0f} pt"),
    "no_type_name": ("tên loại văn bản (ví dụ «KẾ HOẠCH»)", NO),
    "type_name": ("tên loại văn bản (ví dụ «KẾ HOẠCH»)", "«{found}»"),
    "no_summary": ("trích yếu dưới tên loại, chữ đậm, căn giữa", NO),
    "no_kinh_gui": ("dòng «Kính gửi: …»", NO),
    "no_vv": ("trích yếu «V/v …» dưới số, ký hiệu", NO),
    "kinh_gui": ("không có «Kính gửi»", "có «Kính gửi»"),
    "minutes_date": ("không có dòng địa danh, ngày tháng ở phần đầu", "có dòng ngày tháng"),
    "indent": ("thụt đầu dòng 1–1,27 cm", "thụt đầu dòng {found:.2f} cm"),
    "spacing": ("cách đoạn ≥ 6 pt", "cách đoạn {found:g} pt"),
    "line_spacing": ("giãn dòng từ 1 (single) đến 1,5", "giãn dòng {found_vi}"),
    "no_body": ("nội dung kết thúc bằng «./.»", NO),
    "ending": ("kết thúc bằng «./.»", "«…{found}»"),
    "legal_italic": ("chữ nghiêng", "chữ đứng"),
    "no_signer": ("bảng 2 cột: nơi nhận | chức vụ, họ tên người ký", NO),
    "no_signer_name": ("họ tên người ký (chữ thường) cuối khối", NO),
    "no_signer_title": ("chức vụ người ký (chữ in hoa)", NO),
    "authority_caps": ("chữ in hoa (ví dụ «KT. CHỦ TỊCH»)", "«{found}»"),
    "own_title": ("sau «{line}» là chức vụ của người ký (ví dụ «PHÓ CHỦ TỊCH»)", "«{found}»"),
    "no_own_title": ("sau «{line}» là chức vụ của người ký (ví dụ «PHÓ CHỦ TỊCH»)", NO),
    "gap": ("khoảng trống để ký, đóng dấu (≥ 2 dòng)", "≈ {found:.0f} pt"),
    "no_recipients": ("«Nơi nhận:» ở cột trái, ngang khối chữ ký", NO),
    "recipients": ("«Nơi nhận:»", "«{found}»"),
    "no_items": ("các dòng «- …;», cuối cùng «- Lưu: VT.»", NO),
    "dash": ("bắt đầu bằng «- »", "«{found}…»"),
    "semicolon": ("kết thúc bằng «;»", "«…{found}»"),
    "luu": ("dòng cuối «- Lưu: VT, …»", "«{found}»"),
    "full_stop": ("dòng cuối kết thúc bằng «.»", "«…{found}»"),
    "no_role": ("«{role}» ở {side_vi} và họ tên", NO),
    "no_role_name": ("họ tên dưới «{role}»", NO),
    "no_page_field": ("trường PAGE căn giữa ở đầu trang (header)", NO),
    "page_in_footer": ("số trang ở đầu trang (header)", "số trang ở chân trang"),
    "first_page": ("không hiện số trang ở trang 1 (Different first page)", "trang 1 có số trang"),
    "first_header": ("đầu trang của trang 1 không có số trang", "có trường PAGE"),
    "even_pages": ("số trang cả ở trang chẵn", NO),
}
TEXTS_EN: dict[str, tuple[str, str]] = {
    "a4": ("A4 portrait 210 × 297 mm", "{found}"),
    "before_title": (
        "only an urgency, secrecy or draft mark above the type name",
        "another line (not checked as the type name or the body)",
    ),
    "authority_order": ("a stack Decree 30 allows (Article 13): " + STACKS_EN, "«{found}»"),
    "tuq_again": (
        "a TUQ. signer delegates to no one, no deputy signs for them (Decree 30, art. 13.3)",
        "«{found}»",
    ),
    "tuq_deputy": (
        "the delegated unit head's own title after «{line}», not a deputy's (art. 13.3)",
        "a deputy's title",
    ),
    "tm_collective": ("«TM.» before a collective (e.g. «TM. THƯỜNG TRỰC HĐND»)", "«{found}»"),
    "head_title": ("the head's title after «{prefix}» (not a deputy's)", "«{found}»"),
    "kt_deputy": ("the deputy's own title after «{line}» (e.g. «PHÓ CHỦ TỊCH»)", "«{found}»"),
    "deputy_without_kt": ("a deputy signs for the head: «{want}» above", "«{found}» without «KT.»"),
    "q_last": ("«Q.» is the signer's own title, nothing after it", "«{found}»"),
    "element_side": ("{element_en} in the {want_en} column", "in the {found_en} column"),
    "unexpected": (
        "only the national name, motto, place and date in the right column",
        "another line (not checked as any element)",
    ),
    "order": ("the order {want_en}", "{found_en}"),
    "fixed_case": ("«{want}» (with the decree's capitals)", "«{found}»"),
    "name_place": ("the unit's name «{want}» as in {where_en}", "«{found}»"),
    "name_place_far": ("the place named after the body's seat («{want}»)", "«{found}»"),
    "no_a4": ("A4 (210 × 297 mm)", MISSING),
    "margin": ("{side} margin {lo}–{hi} mm", "{side} margin {mm:.1f} mm"),
    "font": ("Times New Roman", "{found}"),
    "colour": ("black", "{found}"),
    "size": ("size {want}", "size {found}"),
    "bold": ("bold", "not bold"),
    "not_bold": ("not bold", "bold"),
    "italic": ("italic", "upright"),
    "upright": ("upright (not italic)", "italic"),
    "caps": ("capitals", "lower case"),
    "no_caps": ("lower case", "All caps"),
    "align": ("{want_en}", "{found_en}"),
    "no_header": (
        "a borderless 2-column table: body, number | national name, motto, date",
        MISSING,
    ),
    "columns": ("a 2-column table", "{found} column(s)"),
    "borders": ("no borders", "visible borders"),
    "widths": ("left ≈ 6–7 cm, right ≈ 9.5–10.5 cm", "{left:.1f} cm + {right:.1f} cm"),
    "no_body_name": ("the issuing body's name (capitals, bold)", MISSING),
    "no_number": ("a line «Số: 01/KH-HĐND»", MISSING),
    "number": ("«Số: 01/KH-HĐND»", "«{found}»"),
    "number_digits": ("a number in digits", "«{found}»"),
    "number_space": ("no space before «/»", "«{found} /»"),
    "number_zero": ("«{want}» (leading zero below 10)", "«{found}»"),
    "symbol": ("a symbol such as «KH-HĐND» or «HĐND-VP»", "«{found}»"),
    "symbol_type": ("a symbol starting «{want}-» ({name})", "«{found}»"),
    "national": (f"«{vn.NATIONAL_NAME}»", "«{found}»"),
    "no_national": (f"«{vn.NATIONAL_NAME}»", MISSING),
    "no_motto": (f"«{vn.MOTTO}»", MISSING),
    "motto_dash": (f"«{vn.MOTTO}» (spaced ASCII hyphens)", "en or em dashes"),
    "motto_unspaced": (f"«{vn.MOTTO}» (spaced ASCII hyphens)", "hyphens without spaces"),
    "motto": (f"«{vn.MOTTO}»", "«{found}»"),
    "no_date": (DATE_EXAMPLE, MISSING),
    "date": (f"the form {DATE_EXAMPLE}", "«{found}»"),
    "date_digits": ("the {part} in digits", "«{found}»"),
    "year": ("a 4-digit year", "«{found}»"),
    "date_stop": ("no full stop", "a full stop"),
    "date_real": ("a real date", "day {day} month {month}"),
    "day_zero": ("«ngày {want}»", "«ngày {found}»"),
    "month_zero": ("«tháng {want}» (leading zero for months 1 and 2 only)", "«tháng {found}»"),
    "no_line": ("a solid line under the text", MISSING),
    "line_length": ("a line {want_en} (≈ {lo:.0f}–{hi:.0f} pt)", "about {found:.0f} pt long"),
    "no_type_name": ("the type name (e.g. «KẾ HOẠCH»)", MISSING),
    "type_name": ("the type name (e.g. «KẾ HOẠCH»)", "«{found}»"),
    "no_summary": ("a bold centred summary under the type name", MISSING),
    "no_kinh_gui": ("a «Kính gửi: …» line", MISSING),
    "no_vv": ("«V/v …» under the number", MISSING),
    "kinh_gui": ("no «Kính gửi»", "«Kính gửi»"),
    "minutes_date": ("no place/date line in the header", "a date line"),
    "indent": ("first-line indent 1–1.27 cm", "first-line indent {found:.2f} cm"),
    "spacing": ("≥ 6 pt between paragraphs", "{found:g} pt"),
    "line_spacing": ("line spacing single to 1.5", "{found_en}"),
    "no_body": ("a body ending with «./.»", MISSING),
    "ending": ("ending with «./.»", "«…{found}»"),
    "legal_italic": ("italic", "upright"),
    "no_signer": ("a 2-column table: recipients | signer's title and name", MISSING),
    "no_signer_name": ("the signer's name (lower case) at the end", MISSING),
    "no_signer_title": ("the signer's title (capitals)", MISSING),
    "authority_caps": ("capitals (e.g. «KT. CHỦ TỊCH»)", "«{found}»"),
    "own_title": ("the signer's own title after «{line}» (e.g. «PHÓ CHỦ TỊCH»)", "«{found}»"),
    "no_own_title": ("the signer's own title after «{line}» (e.g. «PHÓ CHỦ TỊCH»)", MISSING),
    "gap": ("room for the signature and seal (≥ 2 lines)", "about {found:.0f} pt"),
    "no_recipients": ("«Nơi nhận:» in the left column, level with the signer", MISSING),
    "recipients": ("«Nơi nhận:»", "«{found}»"),
    "no_items": ("items «- …;» ending with «- Lưu: VT.»", MISSING),
    "dash": ("starting with «- »", "«{found}…»"),
    "semicolon": ("ending with «;»", "«…{found}»"),
    "luu": ("the last item «- Lưu: VT, …»", "«{found}»"),
    "full_stop": ("the last item ending with «.»", "«…{found}»"),
    "no_role": ("«{role}» in the {side} column", MISSING),
    "no_role_name": ("a name under «{role}»", MISSING),
    "no_page_field": ("a centred PAGE field in the page header", MISSING),
    "page_in_footer": ("the page number in the header", "in the footer"),
    "first_page": ("no number on page 1 (different first page)", "page 1 is numbered"),
    "first_header": ("no PAGE field in the first page's header", "a PAGE field"),
    "even_pages": ("page numbers on even pages too", MISSING),
}


class CommaDecimals(string.Formatter):
    """Formats floats the Vietnamese way (24,5 mm)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return text.replace(".", ",") if isinstance(value, float) else text


VI = CommaDecimals()


def problem(key: str, **fields: Any) -> Problem:
    """One problem of the catalogue, its fields filled in."""
    (expected_vi, found_vi), (expected_en, found_en) = TEXTS_VI[key], TEXTS_EN[key]
    vi = VI.format if any(isinstance(v, float) for v in fields.values()) else str.format
    return Problem(
        vi(expected_vi, **fields),
        vi(found_vi, **fields),
        expected_en.format(**fields),
        found_en.format(**fields),
    )


def finding(
    rule: str, where: str, text: str, problems: Sequence[Problem], severity: Severity = "error"
) -> Hit:
    """One place where a rule is broken, with its problems."""
    if rule not in RULES:
        raise KeyError(rule)
    return Hit(rule, severity, where, short(text), tuple(problems))


def one(
    rule: str, where: str, text: str, key: str, severity: Severity = "error", **fields: Any
) -> Hit:
    """A hit with a single problem of the catalogue."""
    return finding(rule, where, text, [problem(key, **fields)], severity)
