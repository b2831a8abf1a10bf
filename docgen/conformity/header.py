"""The header table: issuing body, number, national name, motto, place and date."""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docgen import decree30, vn
from docgen.conformity.formatting import check_format, check_line, fixed_word, visible_runs
from docgen.conformity.reader import Cell, Line, Par, Table, fold
from docgen.conformity.report import Hit, Problem
from docgen.conformity.texts import finding, one, problem
from docgen.decree30 import SIZES

NATIONAL_NAMES = (vn.NATIONAL_NAME, *decree30.NATIONAL_NAME_VARIANTS)
NUMBER_RE = re.compile(r"^(?P<word>s[ốo])\s*(?P<colon>:?)(?P<num>[^/]*)/(?P<rest>.*)$", re.I)
NUMBER_START = re.compile(r"^s[ốo]\s*:", re.I)
VV_RE = re.compile(r"^(?P<word>v\s*/\s*v)\b", re.I)
# A symbol's parts, hyphen-separated; a merged office joins groups of a part with «&»
# («VPĐĐBQH&HĐND») or a dot («TT.HĐND»), as `vn.SYMBOL_BODY_PATTERN` accepts.
_SYMBOL_PART = r"[A-Za-zĐđ0-9]+(?:[&.][A-Za-zĐđ0-9]+)*"
SYMBOL_RE = re.compile(rf"^(?:\d{{4}}/)?(?P<sym>{_SYMBOL_PART}(?:-{_SYMBOL_PART})+)$")
DATE_RE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>\S*) ?tháng (?P<m>\S*) ?năm (?P<y>\S*?)(?P<tail>\.?)$"
)
DATE_HINT = re.compile(r"\bngày\b|\btháng\b|\d{1,2}/\d{1,2}/\d{2,4}", re.I)
_NATIONAL_KEY = fold(vn.NATIONAL_NAME)

# What each element of the header is called, in Vietnamese and English, for the order rules.
ELEMENTS = {
    "name": ("tên cơ quan ban hành", "the issuing body"),
    "number": ("số, ký hiệu", "the number"),
    "vv": ("trích yếu «V/v»", "the «V/v» summary"),
    "national": ("Quốc hiệu", "the national name"),
    "motto": ("Tiêu ngữ", "the motto"),
    "date": ("địa danh, ngày tháng", "the place and date"),
}
LEFT_ORDER = ("name", "number", "vv")
RIGHT_ORDER = ("national", "motto", "date")


@dataclass
class Header:
    """What the header table says, as far as the later checks need it."""

    symbol: str | None = None
    vv: bool = False
    date_line: bool = False
    names: list[Line] = field(default_factory=list)  # parent and issuing body, top to bottom
    date: Line | None = None


def role(line: Line) -> str:
    """Which element of the header a line is, by what it says (not by where it stands)."""
    text, key = line.text, fold(line.text)
    if NUMBER_START.match(text) or (NUMBER_RE.match(text) and key.startswith("SO ")):
        return "number"
    if VV_RE.match(text):
        return "vv"
    if "DOC LAP" in key or "HANH PHUC" in key or "TU DO -" in key:
        return "motto"
    if "CONG HOA" in key or "CHU NGHIA VIET NAM" in key:
        return "national"
    if difflib.SequenceMatcher(None, key, _NATIONAL_KEY).ratio() >= 0.75:
        return "national"
    if DATE_HINT.search(text):
        return "date"
    return "name"


def check_header(table: Table, kind_hint: str) -> tuple[list[Hit], Header]:
    """The header table and its two columns; also returns what it says."""
    info = Header()
    where = f"bảng {table.index}"
    if table.columns < 2:
        return [one("header.table", where, table.text(), "columns", found=table.columns)], info
    findings = []
    if table.borders:
        findings.append(one("header.table", where, table.text(), "borders"))
    first_row = [c for c in table.cells if c.row == 1] or [Cell(1, 0, True, None, ())]
    left, right = first_row[0].width, first_row[-1].width
    if (
        left
        and right
        and len(first_row) > 1
        and not (
            _within(left / 567, decree30.HEADER_LEFT_CM)
            and _within(right / 567, decree30.HEADER_RIGHT_CM)
        )
    ):
        findings.append(
            one(
                "header.table",
                where,
                table.text(),
                "widths",
                "warning",
                left=left / 567,
                right=right / 567,
            )
        )
    columns = {side: table.column(side) for side in ("left", "right")}
    found: dict[str, list[tuple[str, Line]]] = {"left": [], "right": []}
    for side, pars in columns.items():
        after_vv = False
        for line in (x for p in pars for x in p.lines()):
            what = role(line)
            if after_vv and what == "name":
                continue  # a «V/v» summary going on over a second paragraph
            after_vv = after_vv or what == "vv"
            found[side].append((what, line))
    findings += _check_places(found, where)
    where_is = {
        what: (side, line) for side in ("right", "left") for what, line in found[side][::-1]
    }  # the first line of each role, wherever it stands
    findings += _check_issuer(found, columns, info, where)
    if "number" in where_is:
        side, line = where_is["number"]
        findings += check_number(line, info)
        findings += check_format("header.number.format", line, size=SIZES["number"], italic=False)
    else:
        findings.append(one("header.number.pattern", where, "", "no_number"))
    for _, line in [x for side in found.values() for x in side if x[0] == "vv"]:
        info.vv = True
        findings += fixed_word(line, VV_RE, "V/v")
        findings += check_format("cong_van.vv", line, size=SIZES["vv"], bold=False, italic=False)
    if "national" in where_is:
        side, line = where_is["national"]
        findings += check_national(line)
    else:
        findings.append(one("header.national_name", where, "", "no_national"))
    if "motto" in where_is:
        side, line = where_is["motto"]
        findings += check_motto(columns[side], line)
    else:
        findings.append(one("header.motto.text", where, "", "no_motto"))
    date = where_is.get("date")
    info.date_line = date is not None
    if date is None:
        if kind_hint != "bien_ban":  # minutes have no place/date line in the header
            findings.append(one("header.date.pattern", where, "", "no_date"))
    else:
        info.date = date[1]
        findings += check_date(date[1])
        findings += check_format(
            "header.date.format", date[1], size=SIZES["date"], italic=True, bold=False
        )
    return findings, info


def _national_side(found: dict[str, list[tuple[str, Line]]]) -> str:
    return next(
        (s for s in ("right", "left") if any(w == "national" for w, _ in found[s])), "right"
    )


def _check_places(found: dict[str, list[tuple[str, Line]]], where: str) -> list[Hit]:
    """What stands beside what: issuing body, number and «V/v» left; national name, motto and
    date right; each column top to bottom in the decree's order; nothing else in the right one."""
    findings: list[Hit] = []
    swapped = _national_side(found) == "left"
    for side, own, other, side_vi in (
        ("left", LEFT_ORDER, RIGHT_ORDER, "cột trái"),
        ("right", RIGHT_ORDER, LEFT_ORDER, "cột phải"),
    ):
        roles = [what for what, _ in found[side]]
        for what, line in found[side]:
            misplaced = what in other and not (side == "right" and what == "name" and not swapped)
            if misplaced:
                vi, en = ELEMENTS[what]
                findings.append(
                    one(
                        "header.layout",
                        line.par.location,
                        line.text,
                        "element_side",
                        element_vi=vi,
                        element_en=en,
                        want_vi="cột phải" if side == "left" else "cột trái",
                        found_vi=side_vi,
                        want_en="right" if side == "left" else "left",
                        found_en=side,
                    )
                )
            elif side == "right" and what == "name":
                findings.append(
                    one("header.unexpected", line.par.location, line.text, "unexpected", "warning")
                )
        present = list(dict.fromkeys(r for r in roles if r in own))
        expected = [r for r in own if r in present]
        if present != expected:
            findings.append(
                one(
                    "header.order",
                    f"{where}, {side_vi}",
                    " / ".join(line.text for _, line in found[side]),
                    "order",
                    want_vi=", ".join(ELEMENTS[r][0] for r in expected),
                    found_vi=", ".join(ELEMENTS[r][0] for r in present),
                    want_en=", ".join(ELEMENTS[r][1] for r in expected),
                    found_en=", ".join(ELEMENTS[r][1] for r in present),
                )
            )
    return findings


def _check_issuer(
    found: dict[str, list[tuple[str, Line]]],
    columns: dict[str, list[Par]],
    info: Header,
    where: str,
) -> list[Hit]:
    """The parent and issuing body above the number, and the short line under them."""
    side = "left" if _national_side(found) == "right" else "right"  # beside the national name
    names: list[Line] = []
    for what, line in found[side]:
        if what == "number":
            break
        if what == "name":
            names.append(line)
    info.names = names
    if not names:
        return [one("header.body.format", where, "", "no_body_name")]
    findings: list[Hit] = []
    body = names[-1]
    for parent in names[:-1]:  # a parent body (not bold) or the first line of a long name
        findings += check_format("header.body.format", parent, size=SIZES["body_name"], caps=True)
    findings += check_format(
        "header.body.format", body, size=SIZES["body_name"], bold=True, caps=True
    )
    group = [body]
    for prev in reversed(names[:-1]):
        if not all(r.bold for r in visible_runs(prev.runs)):
            break
        group.insert(0, prev)
    return findings + check_line("header.body.line", columns[side], group, "short")


def check_national(line: Line) -> list[Hit]:
    """The national name's words and format."""
    if vn.upper(line.text) not in NATIONAL_NAMES:
        return [
            one("header.national_name", line.par.location, line.text, "national", found=line.text)
        ]
    return check_format(
        "header.national_name", line, size=SIZES["national_name"], bold=True, caps=True
    )


def check_number(line: Line, info: Header) -> list[Hit]:
    """The «Số: 01/KH-HĐND» line: number with a leading zero, symbol."""
    match = NUMBER_RE.match(line.text)
    if match is None:
        return [
            one("header.number.pattern", line.par.location, line.text, "number", found=line.text)
        ]
    problems: list[Problem] = []
    if not match.group("colon"):
        problems.append(problem("number", found=line.text))
    raw, rest = match.group("num"), match.group("rest")
    digits = raw.strip()
    if digits and not re.fullmatch(r"[.…_ ]+", digits):  # blank or dotted: a draft, fine
        if not digits.isdigit():
            problems.append(problem("number_digits", found=digits))
        elif raw != raw.rstrip():
            problems.append(problem("number_space", found=digits))
        elif digits != f"{int(digits):02d}" or int(digits) == 0:
            problems.append(problem("number_zero", want=f"{max(int(digits), 1):02d}", found=digits))
    symbol = SYMBOL_RE.match(rest)
    if symbol is None:
        problems.append(problem("symbol", found=rest))
    else:
        info.symbol = symbol.group("sym")
    hits = [finding("header.number.pattern", line.par.location, line.text, problems)]
    return fixed_word(line, NUMBER_RE, "Số") + (hits if problems else [])


def check_motto(pars: Sequence[Par], motto: Line) -> list[Hit]:
    """The motto's words, format and the line under it."""
    findings: list[Hit] = []
    text = motto.text
    if text != vn.MOTTO:
        if any(c in text for c in "–—‒−"):
            key = "motto_dash"
        elif re.search(r"\S-|-\S", text):
            key = "motto_unspaced"
        else:
            key = "motto"
        findings.append(one("header.motto.text", motto.par.location, text, key, found=text))
    findings += check_format(
        "header.motto.format", motto, size=SIZES["motto"], bold=True, italic=False, caps=False
    )
    return findings + check_line("header.motto.line", pars, [motto], "text")


def check_date(line: Line) -> list[Hit]:
    """The place and date line: its pattern, a real date, leading zeros."""
    where, text = line.par.location, line.text
    match = DATE_RE.match(text)
    if match is None:
        return [one("header.date.pattern", where, text, "date", found=text)]
    problems: list[Problem] = []
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    for value, part, part_vi in ((day, "day", "ngày"), (month, "month", "tháng")):
        if not value.isdigit() and not re.fullmatch(r"[.…_]*", value):  # blank: a draft
            problems.append(problem("date_digits", part=part, part_vi=part_vi, found=value))
    if not re.fullmatch(r"\d{4}", year):
        problems.append(problem("year", found=year))
    if match.group("tail"):
        problems.append(problem("date_stop"))
    if not problems and day.isdigit() and month.isdigit():
        d, m = int(day), int(month)
        if not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(int(year), m)[1]:
            problems.append(problem("date_real", day=day, month=month))
    findings = [finding("header.date.pattern", where, text, problems)] if problems else []
    zero: list[Problem] = []
    if day.isdigit() and 1 <= int(day) <= 9 and day != f"0{int(day)}":
        zero.append(problem("day_zero", want=f"0{int(day)}", found=day))
    if month.isdigit() and 1 <= int(month) <= 12:
        want = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != want:
            zero.append(problem("month_zero", want=want, found=month))
    if zero:
        findings.append(finding("header.date.leading_zero", where, text, zero))
    return findings


def _within(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]
