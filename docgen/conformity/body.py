"""Type name and summary, «Kính gửi», the body paragraphs and the legal bases."""

from __future__ import annotations

from collections.abc import Sequence

from docgen import decree30, vn
from docgen.conformity.formatting import (
    KINH_GUI_RE,
    align_problem,
    check_format,
    check_line,
    fixed_word,
    format_problems,
    line_under,
    visible_runs,
)
from docgen.conformity.header import Header
from docgen.conformity.layout import Layout, first_lines, index_of
from docgen.conformity.reader import Par, Table, fold
from docgen.conformity.report import Hit, Problem
from docgen.conformity.texts import finding, one, problem
from docgen.decree30 import FIRST_LINE_TWIPS, LINE_SPACING_AUTO, SIZES

# Marks Decree 30 lets stand above the type name: urgency, secrecy, a draft (folded).
MARKS = {"KHAN", "THUONG KHAN", "HOA TOC", "MAT", "TOI MAT", "TUYET MAT", "DU THAO"}


def check_title(layout: Layout, kind: str, header: Header) -> tuple[list[Hit], int]:
    """Type name, summary and the line under it; also returns where the body starts."""
    blocks, start, title = layout.blocks, layout.after_header, layout.title
    if title is None:
        where = f"sau bảng {layout.header.index}" if layout.header else "đầu văn bản"
        return [one("title.format", where, "", "no_type_name")], start
    if layout.type_name is None:
        return [
            one("title.format", title.par.location, title.text, "type_name", found=title.text)
        ], start
    findings = [
        one("title.unexpected", line.par.location, line.text, "before_title", "warning")
        for line in layout.before_title
        if fold(line.text).strip("()") not in MARKS
    ]
    findings += check_format("title.format", title, size=SIZES["type_name"], bold=True, caps=True)
    want = vn.type_abbreviation(layout.type_name)
    if header.symbol and header.symbol.split("-")[0] != want:
        findings.append(
            one(
                "header.number.symbol",
                title.par.location,
                header.symbol,
                "symbol_type",
                want=want,
                name=layout.type_name,
                found=header.symbol,
            )
        )
    pars = [b for b in blocks if isinstance(b, Par)]
    body_start = index_of(blocks, title.par) + 1
    summary = title.par.lines()[1:]  # the summary may follow a line break in the same paragraph
    if not summary:
        for k, line in first_lines(blocks, body_start, layout.signer_at, 4):
            underlined = line_under(pars, line)[0]
            if line.par.jc != "center" and (summary or not underlined):
                break
            summary.append(line)
            body_start = k + 1
            if line.last and underlined:
                break
    if not summary:
        if kind != "giay_moi":
            findings.append(one("title.summary", title.par.location, title.text, "no_summary"))
        return findings, body_start
    for line in summary:
        findings += check_format("title.summary", line, size=SIZES["summary"], bold=True)
    return findings + check_line("title.line", pars, summary, "short"), body_start


def after_kinh_gui(layout: Layout, at: int) -> int:
    """Where the body starts after the «Kính gửi» paragraph at `at` and its «- …» lines."""
    k = at + 1
    while k < layout.signer_at:
        block = layout.blocks[k]
        if isinstance(block, Table) or not (block.empty or block.text.lstrip()[:1] in "-–+"):
            break
        k += 1
    return k


def find_kinh_gui(layout: Layout, start: int, count: int) -> int | None:
    """The block index of a «Kính gửi» line among the first lines from start, or None."""
    opening = first_lines(layout.blocks, start, layout.signer_at, count)
    return next((k for k, line in opening if KINH_GUI_RE.match(line.text)), None)


def kinh_gui_case(layout: Layout, at: int | None) -> list[Hit]:
    """«Kính gửi:» written with the decree's capitals."""
    block = layout.blocks[at] if at is not None else None
    lines = block.lines() if isinstance(block, Par) else []
    return fixed_word(lines[0], KINH_GUI_RE, "Kính gửi") if lines else []


def check_body(
    blocks: Sequence[Par | Table], start: int, end: int, *, legal_bases: bool = True
) -> list[Hit]:
    """The body paragraphs between start and end: format, legal bases and the closing «./.»."""
    findings: list[Hit] = []
    body = [b for b in blocks[start:end] if isinstance(b, Par) and not b.empty]
    previous: Par | None = None
    for block in blocks[start:end]:
        if isinstance(block, Table) or block.empty:  # a blank line also separates paragraphs
            previous = None
            continue
        findings += check_body_par(block, previous)
        previous = block
    if legal_bases:  # a công văn has none: its opening sentence is body text
        findings += check_legal_bases(body)
    if not body:
        return findings + [one("body.ending", "thân văn bản", "", "no_body")]
    text = body[-1].text.rstrip()
    if not text.endswith("./."):
        findings.append(one("body.ending", body[-1].location, text, "ending", found=text[-6:]))
    return findings


def check_body_par(par: Par, previous: Par | None) -> list[Hit]:
    """Size, alignment, indent, spacing and line spacing of one body paragraph."""
    findings: list[Hit] = []
    problems = format_problems(par.runs, size=SIZES["body"])
    if par.jc != "center":  # a centred heading (phần, chương, mục) is as the decree sets it
        problems += align_problem(par, "both")
        first = par.first_line or 0
        if not FIRST_LINE_TWIPS[0] <= first <= FIRST_LINE_TWIPS[1]:
            problems.append(problem("indent", found=first / 567))
    if previous is not None:
        same = previous.style == par.style  # contextual spacing drops it between equal styles
        after = 0 if previous.contextual and same else previous.after
        before = 0 if par.contextual and same else par.before
        if after + before < decree30.PARAGRAPH_SPACE_TWIPS:
            problems.append(problem("spacing", found=(after + before) / 20))
    problems += line_spacing(par)
    if problems:
        findings.append(finding("body.format", par.location, par.text, problems))
    return findings


def line_spacing(par: Par) -> list[Problem]:
    """The problem with a paragraph's line spacing, if it is not single to 1.5 lines."""
    size = max((r.size for r in visible_runs(par.runs)), default=14.0)
    line, rule = par.line, par.line_rule
    if line is None:
        return []
    if rule == "auto":
        if LINE_SPACING_AUTO[0] <= line <= LINE_SPACING_AUTO[1]:
            return []
        return [
            problem(
                "line_spacing",
                found_vi=f"{line / 240:.2f}".replace(".", ","),
                found_en=f"{line / 240:.2f} lines",
            )
        ]
    points = line / 20  # exactly / at least: from 15 pt up to 1.5 lines of the text
    if points <= 1.5 * 1.15 * size + 0.5 and (rule != "exact" or points >= 14.95):
        return []
    kind_vi = "chính xác" if rule == "exact" else "tối thiểu"
    return [
        problem(
            "line_spacing",
            found_vi=f"{kind_vi} {points:g} pt".replace(".", ","),
            found_en=f"{rule} {points:g} pt",
        )
    ]


def check_legal_bases(body: Sequence[Par]) -> list[Hit]:
    """Legal bases, the leading «Căn cứ …;» lines (and «Thực hiện …;» among them), are italic.

    A sentence that merely opens with «Căn cứ» or «Thực hiện» and goes on (a công văn's «Thực
    hiện Kế hoạch số …, Thường trực HĐND …») is body text, not a legal basis.
    """
    findings: list[Hit] = []
    for par in body:
        text = par.text.strip()
        listed = text.endswith(";") or (text.endswith(".") and text.startswith("Căn cứ"))
        if not (text.startswith(("Căn cứ", "Thực hiện")) and listed):
            break
        if text.startswith("Thực hiện") and not text.endswith(";"):
            break
        if any(not r.italic for r in visible_runs(par.runs) if r.text.strip(" ;.,")):
            findings.append(one("body.legal_basis", par.location, text, "legal_italic"))
    return findings
