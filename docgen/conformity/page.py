"""Page geometry (paper, margins) and page numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docgen import decree30
from docgen.conformity.formatting import align_problem, format_problems, visible_runs
from docgen.conformity.ooxml import attr_of, on, to_int, w
from docgen.conformity.reader import Reader, Run, Section, section_name
from docgen.conformity.report import Hit, Problem
from docgen.conformity.texts import finding, one, problem

SIDE_VI = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


def check_page(sections: Sequence[Section]) -> list[Hit]:
    """Paper size and margins of every section."""
    findings: list[Hit] = []
    for section in sections:
        where = section_name(section)
        size = section.el.find(w("pgSz"))
        width = to_int(size.get(w("w"))) if size is not None else None
        height = to_int(size.get(w("h"))) if size is not None else None
        landscape = bool(width and height and width > height)
        if width is None or height is None:
            findings.append(one("page.size", where, "", "no_a4"))
        elif any(
            abs(a - b) > 30 for a, b in zip(sorted((width, height)), decree30.A4_TWIPS, strict=True)
        ) or (
            landscape and section.index == 1  # only a later (table) page may be landscape
        ):
            found = f"{width / 56.7:.0f} × {height / 56.7:.0f} mm"
            findings.append(one("page.size", where, "", "a4", found=found))
        margins = section.el.find(w("pgMar"))
        m = {
            side: abs(to_int(margins.get(w(side))) or 0) if margins is not None else 0
            for side in ("top", "bottom", "left", "right")
        }
        problems = margin_problems(m)
        turned = (  # a wide table page: accept the margins turned either way
            {"top": m["left"], "bottom": m["right"], "left": m["bottom"], "right": m["top"]},
            {"top": m["right"], "bottom": m["left"], "left": m["top"], "right": m["bottom"]},
        )
        if problems and landscape and any(not margin_problems(t) for t in turned):
            problems = []
        if problems:
            findings.append(finding("page.margins", where, "", problems))
    return findings


def margin_problems(values: dict[str, int]) -> list[Problem]:
    """The margins outside Decree 30's ranges."""
    problems = []
    for side, (lo, hi) in decree30.MARGINS_MM.items():
        mm = values[side] / 56.692
        if not lo - 0.3 <= mm <= hi + 0.3:
            problems.append(
                problem("margin", side=side, side_vi=SIDE_VI[side], lo=lo, hi=hi, mm=mm)
            )
    return problems


# ---------------------------------------------------------------------------------------------
# Page numbers

PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def page_field_pars(root: Any) -> list[Any]:
    """The paragraphs of a header or footer part holding a PAGE field."""
    found = []
    for p in root.iter(w("p")):
        instr = " ".join(str(f.get(w("instr"), "")) for f in p.iter(w("fldSimple")))
        instr += " " + " ".join(t.text or "" for t in p.iter(w("instrText")))
        if PAGE_FIELD.search(instr.strip()):
            found.append(p)
    return found


def check_page_numbers(reader: Reader) -> list[Hit]:
    """Page numbers: a centred PAGE field in the header, 13–14 pt, none on page 1."""
    if not reader.sections:
        return []
    section = reader.sections[0]
    where = section_name(section)
    header = reader.header_part(section, "default")
    fields = page_field_pars(header) if header is not None else []
    if not fields:
        footer = reader.header_part(section, "default", "footer")
        in_footer = footer is not None and bool(page_field_pars(footer))
        return [one("page_numbers", where, "", "page_in_footer" if in_footer else "no_page_field")]
    findings: list[Hit] = []
    for p in fields:
        par = reader.par(p, f"đầu trang, {where}", None, reader.text_width)
        runs = visible_runs(par.runs) or [  # no cached result: the field code's own size
            Run("1", (), field_size(reader, p), False, False, False, "auto")
        ]
        problems = format_problems(runs, size=decree30.SIZES["page_number"]) + align_problem(
            par, "center"
        )
        if problems:
            findings.append(finding("page_numbers", par.location, par.text, problems))
    title_pg = section.el.find(w("titlePg"))
    first = reader.header_part(section, "first")
    if title_pg is None or not on(title_pg):
        findings.append(one("page_numbers", where, "", "first_page"))
    elif first is not None and page_field_pars(first):
        findings.append(one("page_numbers", where, "", "first_header"))
    if reader.even_odd:
        even = reader.header_part(section, "even")
        if even is None or not page_field_pars(even):
            findings.append(one("page_numbers", where, "", "even_pages"))
    return findings


def field_size(reader: Reader, p: Any) -> float:
    """The size of a PAGE field's code run, when it shows no cached result."""
    for r in p.iter(w("r")):
        if r.find(w("instrText")) is not None:
            size = attr_of(reader.styles.rpr_chain(r, p, None), "sz", "val")
            return (to_int(size[1]) or 20) / 2 if size else 10.0
    return 13.0
