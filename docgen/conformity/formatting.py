"""Shared rule helpers: size, weight, slant, capitals, alignment, and lines drawn under text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from docgen.conformity.reader import Line, Par, Run
from docgen.conformity.report import Hit, Problem
from docgen.conformity.texts import finding, one, problem

# Advance widths (1/1000 em) of Times New Roman for U+0020..U+007E, regular and bold; used only
# to estimate whether a drawn line is about as long as the text it underlines.
WIDTHS = {
    False: "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500"
    " 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611"
    " 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444"
    " 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
    " 480 200 480 541",
    True: "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500"
    " 500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667"
    " 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444"
    " 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444"
    " 394 220 394 520",
}
ADVANCE = {bold: [int(x) for x in table.split()] for bold, table in WIDTHS.items()}


# ---------------------------------------------------------------------------------------------
# Formatting of a line of text: size, weight, slant, capitals, alignment


def visible_runs(runs: Sequence[Run]) -> list[Run]:
    """The runs that print something other than spaces."""
    return [r for r in runs if r.text.strip()]


def is_caps(line: Line) -> bool:
    """Whether every visible run of the line prints in capitals."""
    return all(r.caps or r.text == r.text.upper() for r in visible_runs(line.runs))


def format_problems(
    runs: Sequence[Run],
    *,
    size: tuple[float, float] | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
) -> list[Problem]:
    """What differs from the required size, weight, slant and capitals in these runs."""
    runs = visible_runs(runs)
    if not runs:
        return []
    problems: list[Problem] = []
    if size is not None:
        bad = sorted({r.size for r in runs if not size[0] - 0.01 <= r.size <= size[1] + 0.01})
        if bad:
            want = f"{size[0]:g} pt" if size[0] == size[1] else f"{size[0]:g}–{size[1]:g} pt"
            problems.append(problem("size", want=want, found=", ".join(f"{s:g} pt" for s in bad)))
    lettered = [r for r in runs if any(c.isalnum() for c in r.text)] or runs
    for wanted, attr, yes, no in (
        (bold, "bold", "bold", "not_bold"),
        (italic, "italic", "italic", "upright"),
    ):
        if wanted is True and not all(getattr(r, attr) for r in lettered):
            problems.append(problem(yes))
        elif wanted is False and any(getattr(r, attr) for r in lettered):
            problems.append(problem(no))
    if caps is True and not all(r.caps or r.text == r.text.upper() for r in runs):
        problems.append(problem("caps"))
    elif caps is False and any(r.caps for r in runs):
        problems.append(problem("no_caps"))
    return problems


ALIGN = {
    "center": ("căn giữa", "centred"),
    "both": ("căn đều hai bên", "justified"),
    "distribute": ("căn đều hai bên", "justified"),
    "left": ("căn trái", "left-aligned"),
    "start": ("căn trái", "left-aligned"),
    "right": ("căn phải", "right-aligned"),
    "end": ("căn phải", "right-aligned"),
}


def align_problem(par: Par, wanted: str) -> list[Problem]:
    """The alignment problem of a paragraph, if it is not aligned as wanted."""
    if par.jc == wanted or (wanted == "both" and par.jc == "distribute"):
        return []
    want_vi, want_en = ALIGN[wanted]
    found_vi, found_en = ALIGN.get(par.jc, (par.jc, par.jc))
    return [
        problem("align", want_vi=want_vi, want_en=want_en, found_vi=found_vi, found_en=found_en)
    ]


def check_format(
    rule: str, line: Line, *, align: str | None = "center", **wanted: Any
) -> list[Hit]:
    """One finding listing every formatting problem of the line, or none."""
    problems = format_problems(line.runs, **wanted)
    if align:
        problems += align_problem(line.par, align)
    return [finding(rule, line.par.location, line.text, problems)] if problems else []


# ---------------------------------------------------------------------------------------------
# Lines drawn under the motto, the issuing body and the summary


def text_width_pt(line: Line) -> float:
    """The printed width of a line (pt), from Times New Roman's advance widths."""
    total = 0.0
    for run in line.runs:
        for char in run.text.upper() if run.caps else run.text:
            base = unicodedata.normalize("NFD", char)[0].replace("Đ", "D").replace("đ", "d")
            code = ord(base)
            width = ADVANCE[run.bold][code - 32] if 32 <= code < 127 else 500
            total += width * run.size / 1000
    return total


def border_length(par: Par) -> float | None:
    """The length (pt) of a paragraph border: the paragraph's width inside its indents."""
    if par.width is None:
        return None
    return max(par.width - par.ind_left - par.ind_right, 0) / 20


def line_under(pars: Sequence[Par], line: Line) -> tuple[bool, float | None]:
    """Whether a line is drawn under the text line, and its length in pt when measurable."""
    par = line.par
    if par.shapes:
        return True, par.shapes[0]
    if not line.last:
        return False, None
    if par.border_bottom:
        return True, border_length(par)
    index = next(k for k, p in enumerate(pars) if p is par)
    for nxt in pars[index + 1 :]:
        if nxt.shapes:
            return True, nxt.shapes[0]
        if nxt.empty and (nxt.border_bottom or nxt.border_top):
            return True, border_length(nxt)
        if not nxt.empty:
            return (True, border_length(nxt)) if nxt.border_top else (False, None)
    return False, None


LINE_LENGTHS = {
    "text": ((0.75, 1.3), "dài bằng dòng chữ", "as long as the text"),
    "short": ((0.2, 0.75), "bằng 1/3–1/2 dòng chữ", "1/3–1/2 as long as the text"),
}


def check_line(rule: str, pars: Sequence[Par], lines: Sequence[Line], length: str) -> list[Hit]:
    """A solid line must be drawn under the last of the lines, as long as Decree 30 says."""
    last = lines[-1]
    present, drawn = line_under(pars, last)
    if not present:
        return [one(rule, last.par.location, last.text, "no_line")]
    (lo, hi), want_vi, want_en = LINE_LENGTHS[length]
    text = max(text_width_pt(x) for x in lines)
    column = max((x.par.width or 0) / 20 for x in lines)
    text = min(text, column) if column else text
    if drawn is None or text <= 0 or lo <= drawn / text <= hi:
        return []
    # Near the bounds the estimate of the text's width may be off: a warning; far off, an error.
    far = not lo * 0.6 <= drawn / text <= hi * 1.5
    return [
        one(
            rule,
            last.par.location,
            last.text,
            "line_length",
            "error" if far else "warning",
            want_vi=want_vi,
            want_en=want_en,
            lo=text * lo,
            hi=text * hi,
            found=drawn,
        )
    ]


# Words the decree fixes, found whatever their case, so a wrong case is reported as such.
KINH_GUI_RE = re.compile(r"^(?P<word>kính gửi)\s*:?", re.I)
NOI_NHAN_RE = re.compile(r"^(?P<word>nơi nhận)\s*:?", re.I)


def fixed_word(line: Line, pattern: re.Pattern[str], want: str) -> list[Hit]:
    """A word the decree fixes, written with its own capitals («Số:», «V/v», «Kính gửi:»)."""
    match = pattern.match(line.text)
    if match is None or match.group("word") == want:
        return []
    return [
        one(
            "wording.case",
            line.par.location,
            line.text,
            "fixed_case",
            want=want,
            found=match.group("word"),
        )
    ]
