"""The document model the rules read: paragraphs, lines, runs and tables with effective formatting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml import etree

from docgen.conformity.ooxml import (
    A_NS,
    MC_NS,
    R_NS,
    V_NS,
    W_PPR,
    W_RPR,
    WP_NS,
    Styles,
    attr_of,
    find_prop,
    iter_blocks,
    on,
    on_attr,
    to_int,
    toggle,
    twips,
    visible,
    w,
)
from docgen.conformity.package import Package, unusable


@dataclass(frozen=True)
class Run:
    """A run of text with its effective formatting."""

    text: str
    fonts: tuple[str, ...]
    size: float
    bold: bool
    italic: bool
    caps: bool
    color: str


@dataclass(frozen=True)
class Line:
    """One line of a paragraph as the writer typed it (paragraphs split at manual breaks)."""

    par: Par
    text: str
    runs: tuple[Run, ...]
    last: bool


@dataclass(frozen=True)
class Par:
    """A paragraph with its effective layout and runs."""

    el: Any = field(repr=False)
    location: str
    text: str
    runs: tuple[Run, ...]
    jc: str
    first_line: int | None  # twips; negative for a hanging indent
    ind_left: int
    ind_right: int
    before: int  # twips
    after: int
    line: int | None
    line_rule: str
    contextual: bool
    style: str | None
    border_bottom: bool
    border_top: bool
    shapes: tuple[float | None, ...]  # lengths (pt) of line shapes drawn in this paragraph
    width: int | None  # twips available to the paragraph (cell or text column)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def lines(self) -> list[Line]:
        """The paragraph split at manual line breaks, each line with its runs."""
        result: list[list[Run]] = [[]]
        for run in self.runs:
            parts = run.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    result.append([])
                if part:
                    result[-1].append(
                        Run(part, run.fonts, run.size, run.bold, run.italic, run.caps, run.color)
                    )
        texts = ["".join(r.text for r in runs) for runs in result]
        kept = [(t, runs) for t, runs in zip(texts, result, strict=True) if t.strip()]
        return [
            Line(self, clean(t), tuple(runs), k == len(kept) - 1)
            for k, (t, runs) in enumerate(kept)
        ]


@dataclass(frozen=True)
class Cell:
    """A table cell and its paragraphs."""

    row: int
    col: int
    last_col: bool
    width: int | None
    pars: tuple[Par, ...]


@dataclass(frozen=True)
class Table:
    """A table, its cells and whether it draws borders."""

    el: Any = field(repr=False)
    index: int
    cells: tuple[Cell, ...]
    columns: int
    widths: tuple[int, ...]
    borders: bool

    def column(self, side: str) -> list[Par]:
        """The paragraphs of the left (first) or right (last) column, top to bottom."""
        if side == "left":
            return [p for c in self.cells if c.col == 0 for p in c.pars]
        return [p for c in self.cells if c.last_col and c.col > 0 for p in c.pars]

    def paragraphs(self) -> list[Par]:
        """Every paragraph of every cell, nested tables included."""
        return [p for c in self.cells for p in c.pars]

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())


@dataclass(frozen=True)
class Section:
    """A section of the document and its properties element."""

    index: int
    el: Any = field(repr=False)


def section_name(section: Section) -> str:
    """A section of the document (Word's «Section»), named in Vietnamese."""
    return f"phần {section.index} của văn bản"


def fold(text: str) -> str:
    """Upper case without diacritics, to match names however their accents are placed."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text.upper()) if not unicodedata.combining(c)
    )
    return re.sub(r"\s+", " ", stripped.replace("Đ", "D")).strip()


def clean(text: str) -> str:
    """NFC text with runs of spaces collapsed."""
    return re.sub(r"[ \t\u00a0]+", " ", unicodedata.normalize("NFC", text)).strip()


def short(text: str, limit: int = 80) -> str:
    """The text on one line, cut to the limit."""
    text = clean(text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iter_runs(el: Any) -> Iterator[Any]:
    """The runs of a paragraph, skipping deleted text and fallbacks."""
    for child in el:
        tag = child.tag
        if tag == w("r"):
            yield child
        elif tag in (w("del"), w("moveFrom"), w("pPr"), w("rPr"), f"{{{MC_NS}}}Fallback"):
            continue
        elif isinstance(tag, str):
            yield from iter_runs(child)


def run_text(r: Any) -> str:
    """The text a run prints (tabs and breaks as characters)."""
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag == w("tab"):
            parts.append("\t")
        elif tag in (w("br"), w("cr")):
            parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def line_shapes(p: Any) -> tuple[float | None, ...]:
    """Lengths (pt, None when unknown) of line shapes drawn inside the paragraph."""
    found: list[float | None] = []
    for drawing in p.iter(w("drawing")):
        geoms = [g.get("prst", "") for g in drawing.iter(f"{{{A_NS}}}prstGeom")]
        if any(g == "line" or "Connector" in g for g in geoms):
            extent = next(drawing.iter(f"{{{WP_NS}}}extent"), None)
            cx = to_int(extent.get("cx")) if extent is not None else None
            found.append(cx / 12700 if cx else None)
    if not found:  # VML only (the Fallback of a DrawingML line, or an old document)
        for el in p.iter(f"{{{V_NS}}}line", f"{{{V_NS}}}shape"):
            if el.tag == f"{{{V_NS}}}line" or "_x0000_t32" in el.get("type", ""):
                found.append(None)
    return tuple(found)


class ParLayout(NamedTuple):
    """A paragraph's effective layout, as its formatting chain resolves it."""

    jc: str
    first_line: int | None
    first_in_chars: bool
    ind_left: int
    ind_right: int
    before: int
    after: int
    line: int | None
    line_rule: str
    contextual: bool
    border_bottom: bool
    border_top: bool


class Reader:
    """Builds the document model from the package."""

    def __init__(self, package: Package) -> None:
        self.package = package
        rels = package.rels(package.main)
        by_type = {t.rsplit("/", 1)[-1]: target for t, target, ext in rels.values() if not ext}
        self.rels = rels
        self.styles = Styles(
            package.xml(by_type["styles"]) if "styles" in by_type else None,
            package.xml(by_type["numbering"]) if "numbering" in by_type else None,
            package.xml(by_type["theme"]) if "theme" in by_type else None,
        )
        settings = package.xml(by_type["settings"]) if "settings" in by_type else None
        self.even_odd = settings is not None and settings.find(w("evenAndOddHeaders")) is not None
        root = package.xml(package.main)
        body = root.find(w("body")) if root is not None else None
        if body is None:
            raise ValueError(unusable("văn bản không có nội dung", "the document has no body"))
        self.body = body
        self.sections = [
            Section(k + 1, s)
            for k, s in enumerate(
                [s for s in body.iter(w("sectPr")) if s.getparent().tag == w("pPr")]
                + ([body.find(w("sectPr"))] if body.find(w("sectPr")) is not None else [])
            )
        ]
        self.text_width = self._text_width()
        self._run_cache: dict[tuple[bytes, str | None, str | None], Any] = {}
        self._par_cache: dict[tuple[bytes, str | None, str | None], ParLayout] = {}

    def _text_width(self) -> int | None:
        if not self.sections:
            return None
        sect = self.sections[0].el
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        if size is None or margins is None:
            return None
        width = to_int(size.get(w("w"))) or 0
        return (
            width - (to_int(margins.get(w("left"))) or 0) - (to_int(margins.get(w("right"))) or 0)
        )

    def par(self, p: Any, location: str, table_style: str | None, width: int | None) -> Par:
        """One paragraph with its effective formatting."""
        style = self.styles.para_style(p)
        runs: list[Run] = []
        for r in iter_runs(p):
            text = unicodedata.normalize("NFC", run_text(r))
            if text:
                runs.append(Run(text, *self._run_format(r, p, style, table_style)))
        lay = self._par_layout(p, style, table_style)
        first = lay.first_line
        if lay.first_in_chars and first is not None:  # hundredths of a character width
            first = round(first / 100 * max((r.size for r in runs), default=13.0) * 20)
        return Par(
            el=p,
            location=location,
            text=unicodedata.normalize("NFC", "".join(r.text for r in runs)),
            runs=tuple(runs),
            jc=lay.jc,
            first_line=first,
            ind_left=lay.ind_left,
            ind_right=lay.ind_right,
            before=lay.before,
            after=lay.after,
            line=lay.line,
            line_rule=lay.line_rule,
            contextual=lay.contextual,
            style=style,
            border_bottom=lay.border_bottom,
            border_top=lay.border_top,
            shapes=line_shapes(p),
            width=width,
        )

    def _run_format(
        self, r: Any, p: Any, style: str | None, table_style: str | None
    ) -> tuple[tuple[str, ...], float, bool, bool, bool, str]:
        """Fonts, size, bold, italic, caps and colour of a run, cached per formatting."""
        direct = r.find(W_RPR)
        key = (b"" if direct is None else etree.tostring(direct), style, table_style)
        if key not in self._run_cache:
            chain = self.styles.rpr_chain(r, p, table_style)
            slots = ["ascii", "hAnsi"]
            fonts = find_prop(chain[:1], "rFonts")
            if fonts is not None and fonts.get(w("hint")) == "eastAsia":
                slots.append("eastAsia")
            size = attr_of(chain, "sz", "val")
            color = find_prop(chain, "color")
            color_value = "auto"
            if color is not None:
                color_value = color.get(w("themeColor")) or str(color.get(w("val"), "auto"))
            self._run_cache[key] = (
                tuple(dict.fromkeys(self.styles.font(chain, slot) for slot in slots)),
                (to_int(size[1]) or 20) / 2 if size else 10.0,
                toggle(chain, "b"),
                toggle(chain, "i"),
                toggle(chain, "caps"),
                color_value,
            )
        return self._run_cache[key]

    def _par_layout(self, p: Any, style: str | None, table_style: str | None) -> ParLayout:
        """Alignment, indents, spacing, style and borders of a paragraph, cached per formatting."""
        direct = p.find(W_PPR)
        key = (b"" if direct is None else etree.tostring(direct), style, table_style)
        if key not in self._par_cache:
            chain = self.styles.ppr_chain(p, table_style)
            jc = attr_of(chain, "jc", "val")
            first = attr_of(chain, "ind", "firstLine", "hanging", "firstLineChars", "hangingChars")
            amount = None
            if first is not None:
                amount = (
                    -(to_int(first[1]) or 0)
                    if first[0].startswith("hanging")
                    else (to_int(first[1]) or 0)
                )
            line = attr_of(chain, "spacing", "line")
            rule = attr_of(chain, "spacing", "lineRule")
            borders = find_prop(chain, "pBdr")
            contextual = find_prop(chain, "contextualSpacing")
            self._par_cache[key] = ParLayout(
                jc=jc[1] if jc else "left",
                first_line=amount,
                first_in_chars=first is not None and first[0].endswith("Chars"),
                ind_left=twips(chain, "ind", "left", "start") or 0,
                ind_right=twips(chain, "ind", "right", "end") or 0,
                before=self._space(chain, "before"),
                after=self._space(chain, "after"),
                line=to_int(line[1]) if line else None,
                line_rule=rule[1] if rule else "auto",
                contextual=contextual is not None and on(contextual),
                border_bottom=visible(borders.find(w("bottom")) if borders is not None else None),
                border_top=visible(borders.find(w("top")) if borders is not None else None),
            )
        return self._par_cache[key]

    @staticmethod
    def _space(chain: Sequence[Any], side: str) -> int:
        got = attr_of(chain, "spacing", f"{side}Autospacing", f"{side}Lines", side)
        if got is None:
            return 0
        name, value = got
        if name.endswith("Autospacing"):
            return 280 if on_attr(value) else (twips(chain, "spacing", side) or 0)
        if name.endswith("Lines"):
            return round((to_int(value) or 0) / 100 * 240)
        return to_int(value) or 0

    def table(self, tbl: Any, index: int) -> Table:
        """One body-level table with its cells' paragraphs."""
        tbl_pr = tbl.find(w("tblPr"))
        style_el = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        style = (
            style_el.get(w("val")) if style_el is not None else self.styles.defaults.get("table")
        )
        own_grid = tbl.find(w("tblGrid"))
        grid: tuple[int, ...] = ()
        if own_grid is not None:
            grid = tuple(to_int(g.get(w("w"))) or 0 for g in own_grid.findall(w("gridCol")))
        rows = tbl.findall(w("tr"))
        columns = len(grid) or max((len(r.findall(w("tc"))) for r in rows), default=0)
        margin = self._cell_margin(tbl_pr, style)
        cells: list[Cell] = []
        for ri, tr in enumerate(rows, start=1):
            col = 0
            for ci, tc in enumerate(tr.findall(w("tc")), start=1):
                tc_pr = tc.find(w("tcPr"))
                span_el = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                span = (to_int(span_el.get(w("val"))) or 1) if span_el is not None else 1
                width_el = tc_pr.find(w("tcW")) if tc_pr is not None else None
                width = None
                if width_el is not None and width_el.get(w("type"), "dxa") == "dxa":
                    width = to_int(width_el.get(w("w")))
                if not width and grid[col : col + span]:
                    width = sum(grid[col : col + span])
                inner = width - margin if width else None
                pars: list[Par] = []
                k = 0
                for block in iter_blocks(tc):
                    for p in [block] if block.tag == w("p") else block.iter(w("p")):
                        k += 1
                        where = f"bảng {index}, hàng {ri}, cột {ci}, đoạn {k}"
                        pars.append(self.par(p, where, style, inner))
                cells.append(Cell(ri, col, col + span >= columns, width, tuple(pars)))
                col += span
        return Table(tbl, index, tuple(cells), columns, grid, self._borders(tbl, style))

    def _cell_margin(self, tbl_pr: Any | None, style: str | None) -> int:
        chain = [tbl_pr] if tbl_pr is not None else []
        chain += [s.find(w("tblPr")) for s in self.styles.chain(style)]
        chain = [c for c in chain if c is not None]
        total = 0
        for side, alias in (("left", "start"), ("right", "end")):
            value = None
            for props in chain:
                mar = props.find(w("tblCellMar"))
                el = None if mar is None else mar.find(w(side))
                if el is None and mar is not None:
                    el = mar.find(w(alias))
                if el is not None:
                    value = to_int(el.get(w("w")))
                    break
            total += 108 if value is None else value
        return total

    def _borders(self, tbl: Any, style: str | None) -> bool:
        chain = [tbl.find(w("tblPr"))] + [s.find(w("tblPr")) for s in self.styles.chain(style)]
        edges = ("top", "left", "bottom", "right", "start", "end", "insideH", "insideV")
        for edge in edges:
            for props in chain:
                borders = props.find(w("tblBorders")) if props is not None else None
                el = borders.find(w(edge)) if borders is not None else None
                if el is not None:
                    if visible(el):
                        return True
                    break
        cells = tbl.iter(w("tcBorders"))
        return any(visible(el) for tc_borders in cells for el in tc_borders)

    def blocks(self) -> list[Par | Table]:
        """The body's paragraphs and tables in order."""
        result: list[Par | Table] = []
        n_par = n_tbl = 0
        for block in iter_blocks(self.body):
            if block.tag == w("p"):
                n_par += 1
                result.append(self.par(block, f"đoạn {n_par}", None, self.text_width))
            else:
                n_tbl += 1
                result.append(self.table(block, n_tbl))
        return result

    def header_target(self, section: Section, kind: str, what: str = "header") -> str | None:
        """The part name of the section's header (or footer) of the given type."""
        for ref in section.el.findall(w(f"{what}Reference")):
            if ref.get(w("type"), "default") == kind:
                rel = self.rels.get(ref.get(f"{{{R_NS}}}id", ""))
                if rel and not rel[2]:
                    return rel[1]
        return None

    def header_part(self, section: Section, kind: str, what: str = "header") -> Any | None:
        """The root of the section's header (or footer) part of the given type."""
        target = self.header_target(section, kind, what)
        return self.package.xml(target) if target else None

    def part_pars(self, root: Any, location: str) -> list[Par]:
        """Every paragraph of a header or footer part."""
        return [
            self.par(p, f"{location}, đoạn {k}", None, self.text_width)
            for k, p in enumerate(root.iter(w("p")), start=1)
        ]
