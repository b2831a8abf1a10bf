"""Vietnamese writing rules of Decree 30/2020 as pure functions."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from docgen.decree30 import SIGNER_STACKS

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# XML 1.0 forbids these: C0 controls except tab, LF and CR; U+FFFE, U+FFFF; surrogates
# (a lone surrogate cannot even be encoded as UTF-8).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Invisible format characters: bidi overrides and isolates (a right-to-left override turns
# "Lục Ngạn‮xcod.exe" into something else on screen), zero-width ones, the BOM, soft hyphens.
FORMAT_CONTROLS = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def nfc_clean(text: str) -> str:
    """Return text in NFC without the characters that XML 1.0 cannot carry, nor invisible
    format controls (bidi overrides, zero-width characters)."""
    return unicodedata.normalize("NFC", FORMAT_CONTROLS.sub("", _XML_INVALID.sub("", text)))


def _check_non_negative(n: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what} must be an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError(f"{what} must not be negative, got {n}")


def pad2(n: int) -> str:
    """Write a count with a leading zero below 10 ("05", "15", "120")."""
    _check_non_negative(n, "count")
    return f"{n:02d}"


def date_phrase(d: datetime.date) -> str:
    """Write a date as "ngày 06 tháng 01 năm 2021" (zero only for days 1-9, months 1-2)."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def _required_text(value: str, what: str) -> str:
    cleaned = " ".join(nfc_clean(value).split())
    if not cleaned:
        raise ValueError(f"{what} must not be empty")
    return cleaned


def date_line(place: str, d: datetime.date) -> str:
    """Write the header's place and date line, "Lục Ngạn, ngày 06 tháng 01 năm 2021"."""
    return f"{_required_text(place, 'place')}, {date_phrase(d)}"


def short_date(d: datetime.date) -> str:
    """Write a date in the short form used in running text, "26/7/2016"."""
    return f"{d.day}/{d.month}/{d.year}"


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(d: datetime.date) -> str:
    """Name the day of the week, "Thứ Hai" to "Thứ Bảy" and "Chủ nhật"."""
    return _WEEKDAYS[d.weekday()]


def upper(text: str) -> str:
    """Upper-case Vietnamese text keeping its diacritics; the result is NFC."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


def lower(text: str) -> str:
    """Lower-case Vietnamese text keeping its diacritics; the result is NFC."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())


TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}

# Old-style tone placement ("thoả", "uỷ") is still common in offices: in NFD, move a tone mark
# written after the second vowel of an open oa/oe/uy syllable onto the first vowel.
_OLD_TONE = re.compile("([ou])([aey])([\u0300\u0301\u0309\u0303\u0323])(?![^\\W\\d_])")


def _lookup_key(type_name: str) -> str:
    decomposed = unicodedata.normalize("NFD", lower(" ".join(nfc_clean(type_name).split())))
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", decomposed))


_ABBREVIATION_BY_KEY = {_lookup_key(name): abbr for name, abbr in TYPE_ABBREVIATIONS.items()}


def type_abbreviation(type_name: str) -> str:
    """Return the Appendix III abbreviation of a document type name ("Kế hoạch" -> "KH")."""
    try:
        return _ABBREVIATION_BY_KEY[_lookup_key(type_name)]
    except KeyError:
        raise ValueError(
            f"unknown document type {type_name!r}: expected one of Appendix III, "
            f"e.g. 'Kế hoạch', 'Báo cáo', 'Thông báo'"
        ) from None


# One part of a symbol as offices write it: letters and digits, whose groups a merged office
# joins with "&" (Văn phòng Đoàn ĐBQH và HĐND: "ĐĐBQH&HĐND") or a dot ("TT.HĐND", as in the
# published "Số: 06/QC-TT.HĐND-UBND" of Hòa Bình's council, 2019). Hyphens separate the parts.
# Đ spelled out: in the published JSON Schema (ECMA-262) \w is ASCII only.
SYMBOL_BODY_PATTERN = r"^[\wĐđ]+(?:[&.][\wĐđ]+)*$"
_SYMBOL_PART = re.compile(SYMBOL_BODY_PATTERN)


def _symbol_part(value: str, what: str) -> str:
    part = nfc_clean(value).strip()
    if not part:
        raise ValueError(f"{what} must not be empty")
    if "/" in part or any(ch.isspace() for ch in part):
        raise ValueError(f"{what} must not contain '/' or spaces, got {part!r}")
    if not all(_SYMBOL_PART.match(group) for group in part.split("-")):
        raise ValueError(
            f"{what} must be letters or digits, groups joined by '&' or '.', got {part!r}"
        )
    return part


def document_symbol(body: str, *, type_abbr: str | None = None, unit: str | None = None) -> str:
    """Build a symbol: "KH-HĐND" for a typed document, "HĐND-VP" for a công văn."""
    if (type_abbr is None) == (unit is None):
        raise ValueError("give exactly one of type_abbr (typed document) or unit (công văn)")
    issuer = _symbol_part(body, "body")
    if type_abbr is not None:
        return f"{_symbol_part(type_abbr, 'type_abbr')}-{issuer}"
    assert unit is not None
    return f"{issuer}-{_symbol_part(unit, 'unit')}"


DRAFT_NUMBER_GAP = " " * 6


def number_line(number: int | None, symbol: str) -> str:
    """Write "Số: 01/KH-HĐND", or the draft "Số:      /KH-HĐND" when number is None."""
    sym = _symbol_part(symbol, "symbol")
    if number is None:
        return f"Số:{DRAFT_NUMBER_GAP}/{sym}"
    _check_non_negative(number, "document number")
    if number < 1:
        raise ValueError(f"document number must be at least 1, got {number}")
    return f"Số: {pad2(number)}/{sym}"


AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_NEEDS_HEAD_TITLE = ("KT.", "TL.", "TUQ.")
# Titles a person holds, as opposed to a collective a «TM.» line names (Appendix I: «TM.» goes
# before the collective's or the body's name).
PERSON_TITLES = (
    "CHỦ TỊCH", "PHÓ ", "TRƯỞNG", "GIÁM ĐỐC", "CHÁNH ", "BÍ THƯ", "THỨ TRƯỞNG", "BỘ TRƯỞNG",
    "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "TỔ TRƯỞNG", "HIỆU TRƯỞNG",
    "THƯ KÝ", "CHỦ TỌA", "CHỦ NHIỆM", "ỦY VIÊN",
)  # fmt: skip
# Deputies: «PHÓ …» of any head, «THỨ TRƯỞNG» of a minister.
DEPUTY_TITLES = ("PHÓ ", "THỨ TRƯỞNG")


class SignerError(ValueError):
    """A signer block Decree 30 does not allow; `field` names the signer field at fault and
    `code` the rule (the schema words it in Vietnamese)."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code = field, code


def is_deputy_title(title: str) -> bool:
    """Whether a title is a deputy's («Phó Chủ tịch», «Thứ trưởng»)."""
    return upper(" ".join(title.split())).startswith(DEPUTY_TITLES)


def is_deputy_of(title: str, head_title: str) -> bool:
    """Whether `title` is a deputy of `head_title` («Phó Chủ tịch» of «Chủ tịch»)."""
    own, head = upper(" ".join(title.split())), upper(" ".join(head_title.split()))
    return own.startswith("PHÓ " + head) or (own.startswith("THỨ TRƯỞNG") and head == "BỘ TRƯỞNG")


def _signer_part(value: str, what: str) -> str:
    try:
        cleaned = _required_text(value, what)
    except ValueError as exc:
        raise SignerError(what, "empty", str(exc)) from None
    shouted = upper(cleaned)
    for prefix in AUTHORITIES:
        if shouted.startswith(prefix):
            raise SignerError(
                what,
                "prefix",
                f"{what} {cleaned!r} must not start with {prefix!r}: give it as authority",
            )
    return shouted


def signer_stack(
    *, collective: bool, authority: str | None, unit_head_title: bool = False
) -> tuple[str, ...]:
    """The authority prefixes of a signer block from the top line down, e.g. ("TL.", "KT.")."""
    stack: tuple[str, ...] = ("TM.",) if collective else ()
    if authority not in (None, "TM."):
        stack += (authority,)
    return stack + (("KT.",) if unit_head_title else ())


def _check_authority(
    authority: str | None,
    collective: str | None,
    head_title: str | None,
    unit_head_title: str | None,
) -> str | None:
    """The authority, normalised, once its fields fit together (Decree 30, Article 13)."""
    if authority is not None:
        authority = authority.strip().upper()
        if authority not in AUTHORITIES:
            raise SignerError(
                "authority",
                "unknown",
                f"unknown authority {authority!r}: expected one of {AUTHORITIES}",
            )
    if authority == "TM." and collective is None:
        raise SignerError(
            "collective",
            "tm_collective",
            "authority 'TM.' needs the collective the signer acts for",
        )
    if authority in _NEEDS_HEAD_TITLE and head_title is None:
        raise SignerError(
            "head_title",
            "needs_head",
            f"authority {authority!r} needs head_title, the head's title",
        )
    if authority not in _NEEDS_HEAD_TITLE and head_title is not None:
        raise SignerError(
            "head_title",
            "head_unused",
            "head_title is only used with authority 'KT.', 'TL.' or 'TUQ.'",
        )
    if unit_head_title is not None and authority == "TUQ.":
        # Article 13.3: «Người được ký thừa ủy quyền không được ủy quyền lại cho người khác ký.»
        raise SignerError(
            "unit_head_title", "tuq_again", "a TUQ. signer may not pass the delegation on"
        )
    if unit_head_title is not None and authority != "TL.":
        raise SignerError(
            "unit_head_title",
            "unit_head_unused",
            "unit_head_title is only used with authority 'TL.'",
        )
    stack = signer_stack(
        collective=collective is not None,
        authority=authority,
        unit_head_title=unit_head_title is not None,
    )
    if stack not in SIGNER_STACKS:
        raise SignerError(
            "authority",
            "stack",
            f"the stack {' / '.join(stack)} is not one Decree 30 allows (Article 13)",
        )
    return None if authority == "TM." else authority


def signer_lines(
    title: str,
    *,
    collective: str | None = None,
    authority: str | None = None,
    head_title: str | None = None,
    unit_head_title: str | None = None,
) -> list[str]:
    """Return the signer block's authority and title lines in capitals, without the name.

    Every stack of Decree 30 (Article 13, Appendix I part II): the head «CHỦ TỊCH»; «TM. …» over
    the head, over «KT. CHỦ TỊCH» / «PHÓ CHỦ TỊCH» or over «Q. CHỦ TỊCH»; «KT. …» / deputy;
    «Q. …»; «TL. …» / unit head, or «TL. …» / «KT. <unit_head_title>» / the unit head's deputy;
    «TUQ. …» / unit head. Raises SignerError for any other.
    """
    authority = _check_authority(authority, collective, head_title, unit_head_title)
    own_title = _signer_part(title, "title")
    lines = [] if collective is None else ["TM. " + _signer_part(collective, "collective")]
    if collective is not None and lines[0][4:].startswith(PERSON_TITLES):
        raise SignerError(
            "collective", "tm_person", "'TM.' goes before a collective, not a person's title"
        )
    head = None if head_title is None else _signer_part(head_title, "head_title")
    if head is not None and is_deputy_title(head):
        raise SignerError(
            "head_title", "head_deputy", "head_title must be the head's, not a deputy's"
        )
    # Who the signer stands for when signing KT.: the head, or the unit head holding the order.
    kt_for = head if authority == "KT." else None
    if authority == "Q.":
        lines.append("Q. " + own_title)
    elif authority is not None:
        assert head is not None
        lines.append(f"{authority} {head}")
        if unit_head_title is not None:
            kt_for = _signer_part(unit_head_title, "unit_head_title")
            if is_deputy_title(kt_for):
                raise SignerError(
                    "unit_head_title", "head_deputy", "unit_head_title must be a head's title"
                )
            lines.append("KT. " + kt_for)
        lines.append(own_title)
    else:
        lines.append(own_title)
    if kt_for is not None and not is_deputy_of(own_title, kt_for):
        raise SignerError("title", "not_deputy", f"a KT. signer is a deputy of {kt_for!r}")
    if kt_for is None and is_deputy_title(own_title):
        # Article 13.1: a deputy, even one in charge, signs as a deputy signing for the head.
        raise SignerError("title", "deputy_without_kt", "a deputy signs with 'KT.' for the head")
    return lines


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")
NUMBER_WORDS_MAX = 999_999_999_999


def _below_thousand(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 1000; full reads a zero hundreds digit (inside a larger number)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 5:
        words.append("lăm")
    elif units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units:
        words.append(_DIGITS[units])
    return words


def number_words(n: int) -> str:
    """Write a whole number in Vietnamese words, 0 to 999 999 999 999 (2024 -> "hai nghìn ...")."""
    _check_non_negative(n, "number")
    if n > NUMBER_WORDS_MAX:
        raise ValueError(f"number must be at most {NUMBER_WORDS_MAX}, got {n}")
    if n == 0:
        return _DIGITS[0]
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            words += _below_thousand(groups[index], full=bool(words))
            if _GROUPS[index]:
                words.append(_GROUPS[index])
    return " ".join(words)


def words_with_digits(n: int, unit: str) -> str:
    """Write a count in words and digits, "mười lăm (15) ngày", "năm (05) ngày"."""
    text = f"{number_words(n)} ({pad2(n)})"
    unit = " ".join(nfc_clean(unit).split())
    return f"{text} {unit}" if unit else text


def ordinal_words(n: int) -> str:
    """The word after "thứ" in an ordinal: 1 "nhất", 2 "hai", 4 "tư", 14 "mười bốn", 21 "hai mươi mốt".

    As in "kỳ họp thứ nhất", "kỳ họp thứ tư", "kỳ họp thứ mười bốn". Capitalising ("thứ Năm", as
    some councils write) is the template's choice: ``{{ ky_hop|ordinal|capitalize }}``.
    """
    _check_non_negative(n, "ordinal")
    if n == 0:
        raise ValueError("an ordinal starts at 1")
    if n == 1:
        return "nhất"
    if n == 4:
        return "tư"
    return number_words(n)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(n: int) -> str:
    """Write 1..3999 in Roman numerals, as in "khóa XIX"."""
    _check_non_negative(n, "number")
    if not 1 <= n <= 3999:
        raise ValueError(f"Roman numerals cover 1 to 3999, got {n}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """Write a number with "." between thousands and "," before decimals ("1.234,5")."""
    _check_non_negative(decimals, "decimals")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"value must be a number, got {type(value).__name__}")
    # str() first: a float's shortest repr, so 2.675 rounds as written, not as stored.
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"cannot format {value!r} as a number")
    with localcontext() as context:
        context.prec = max(context.prec, exact.adjusted() + decimals + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # no "-0"
    return format(rounded, f",.{decimals}f").translate(str.maketrans(",.", ".,"))


def term_years(start: int, end: int) -> str:
    """Write a term of office as "2021 - 2026"."""
    _check_non_negative(start, "start year")
    _check_non_negative(end, "end year")
    if end <= start:
        raise ValueError(f"a term must end after it starts, got {start} - {end}")
    return f"{start} - {end}"
