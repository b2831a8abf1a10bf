"""Fonts and text colour of every paragraph, headers and footers included."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.conformity.formatting import visible_runs
from docgen.conformity.reader import Par, Reader, section_name
from docgen.conformity.report import Hit
from docgen.conformity.texts import one

# Which pages a header or footer part serves, in Vietnamese.
PAGES_VI = {"default": "các trang", "first": "trang đầu", "even": "trang chẵn"}


def check_fonts(pars: Sequence[Par]) -> list[Hit]:
    """Every paragraph in Times New Roman, in black."""
    findings: list[Hit] = []
    for par in pars:
        runs = visible_runs(par.runs)
        families = {f.strip() for r in runs for f in r.fonts}
        bad = sorted(f for f in families if f.casefold() != "times new roman")
        if bad:
            findings.append(
                one("font.family", par.location, par.text, "font", found=", ".join(bad))
            )
        colours = sorted({r.color for r in runs} - {"auto", "000000", "text1", "dark1"})
        if colours:
            findings.append(
                one(
                    "font.color",
                    par.location,
                    par.text,
                    "colour",
                    "warning",
                    found=", ".join(colours),
                )
            )
    return findings


def header_footer_pars(reader: Reader) -> list[Par]:
    """The paragraphs of every header and footer part, each part once."""
    pars: list[Par] = []
    seen: set[str] = set()
    for section in reader.sections:
        for what, label in (("header", "đầu trang"), ("footer", "chân trang")):
            for kind in ("default", "first", "even"):
                target = reader.header_target(section, kind, what)
                root = reader.package.xml(target) if target and target not in seen else None
                if target and root is not None:
                    seen.add(target)
                    pars += reader.part_pars(
                        root, f"{label} {PAGES_VI[kind]}, {section_name(section)}"
                    )
    return pars
