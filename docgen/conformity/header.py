"""The header table: issuing body, number, national name, motto, place and date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docgen import decree30, vn
from docgen.conformity.formatting import check_format, check_line, visible_runs
from docgen.conformity.reader import Cell, Line, Par, Table
from docgen.conformity.report import Hit, Problem
from docgen.conformity.texts import finding, one, problem
from docgen.decree30 import SIZES

NATIONAL_NAMES = (vn.NATIONAL_NAME, *decree30.NATIONAL_NAME_VARIANTS)
NUMBER_RE = re.compile(r"^Số\s*:(?P<num>[^/]*)/(?P<rest>.*)$")
SYMBOL_RE = re.compile(r"^(?:\d{4}/)?(?P<sym>[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)+)$")
DATE_RE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>\S*) ?tháng (?P<m>\S*) ?năm (?P<y>\S*?)(?P<tail>\.?)$"
)


@dataclass
class Header:
    """What the header table says, as far as the later checks need it."""

    symbol: str | None = None
    vv: bool = False
    date_line: bool = False


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
    findings += check_header_left(table.column("left"), info)
    findings += check_header_right(table.column("right"), info, kind_hint)
    return findings, info


def check_header_left(pars: list[Par], info: Header) -> list[Hit]:
    """The left column: parent and issuing body, the line under them, the number, «V/v»."""
    findings: list[Hit] = []
    lines = [x for p in pars for x in p.lines()]
    where = pars[0].location if pars else "bảng 1"
    at = next((k for k, x in enumerate(lines) if NUMBER_RE.match(x.text)), None)
    if at is None:
        at = next((k for k, x in enumerate(lines) if x.text.startswith("Số")), None)
    names = lines[:at] if at is not None else [x for x in lines if not x.text.startswith("V/v")]
    if not names:
        findings.append(one("header.body.format", where, "", "no_body_name"))
    else:
        body = names[-1]
        for parent in names[:-1]:  # a parent body (not bold) or the first line of a long name
            findings += check_format(
                "header.body.format", parent, size=SIZES["body_name"], caps=True
            )
        findings += check_format(
            "header.body.format", body, size=SIZES["body_name"], bold=True, caps=True
        )
        group = [body]
        for prev in reversed(names[:-1]):
            if not all(r.bold for r in visible_runs(prev.runs)):
                break
            group.insert(0, prev)
        findings += check_line("header.body.line", pars, group, "short")
    if at is None:
        findings.append(one("header.number.pattern", where, "", "no_number"))
    else:
        findings += check_number(lines[at], info)
        findings += check_format(
            "header.number.format", lines[at], size=SIZES["number"], italic=False
        )
    for line in lines:
        if line.text.startswith("V/v"):
            info.vv = True
            findings += check_format(
                "cong_van.vv", line, size=SIZES["vv"], bold=False, italic=False
            )
    return findings


def check_number(line: Line, info: Header) -> list[Hit]:
    """The «Số: 01/KH-HĐND» line: number with a leading zero, symbol."""
    match = NUMBER_RE.match(line.text)
    if match is None:
        return [
            one("header.number.pattern", line.par.location, line.text, "number", found=line.text)
        ]
    problems: list[Problem] = []
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
    return (
        [finding("header.number.pattern", line.par.location, line.text, problems)]
        if (problems)
        else []
    )


def check_header_right(pars: list[Par], info: Header, kind_hint: str) -> list[Hit]:
    """The right column: national name, motto and its line, place and date."""
    findings: list[Hit] = []
    lines = [x for p in pars for x in p.lines()]
    where = pars[0].location if pars else "bảng 1"
    rest = lines
    if not lines:
        findings.append(one("header.national_name", where, "", "no_national"))
    elif lines[0].text.upper() not in NATIONAL_NAMES:
        findings.append(
            one(
                "header.national_name",
                lines[0].par.location,
                lines[0].text,
                "national",
                found=lines[0].text,
            )
        )
    else:
        findings += check_format(
            "header.national_name", lines[0], size=SIZES["national_name"], bold=True, caps=True
        )
        rest = lines[1:]
    motto = rest[0] if rest and not DATE_RE.match(rest[0].text) else None
    if motto is None:
        findings.append(one("header.motto.text", where, "", "no_motto"))
    else:
        findings += check_motto(pars, motto)
    after = rest[1:] if motto else rest
    date = next((x for x in after if "ngày" in x.text and "tháng" in x.text), None)
    if date is None and after and kind_hint != "bien_ban":
        date = after[0]  # the line where the date belongs, in some other form
    info.date_line = date is not None
    if date is None:
        if kind_hint != "bien_ban":  # minutes have no place/date line in the header
            findings.append(one("header.date.pattern", where, "", "no_date"))
        return findings
    findings += check_date(date)
    findings += check_format(
        "header.date.format", date, size=SIZES["date"], italic=True, bold=False
    )
    return findings


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
