"""Decree 30/2020 (Appendix I) layout builders for the Word templates, on top of python-docx.

Every document type is built from the same pieces: `new_document` (page, fonts, styles, page
numbers), `add_header_table` (issuing body, national name, number, place and date), `add_title`,
`add_body` with a paragraph `Kind`, `add_control` for docxtpl's `{%p … %}` tags, and
`add_two_column_block` with `recipients_items` and `signer_items` for the closing table.

Each templated text goes into a single run, so docxtpl always sees a Jinja tag whole.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BLACK = "000000"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
# Liberation Serif is metric-compatible with Times New Roman: same advance widths.
METRIC_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
FIXED_TIME = datetime(2025, 1, 1)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_SIZE = 14.0
FIRST_LINE_CM = 1.27
RULE_THICKNESS = 6  # eighths of a point
EMU_PER_CM = 360000
TWIPS_PER_CM = 1440 / 2.54

# Schema order of the children of w:pPr, used to insert elements python-docx has no API for.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip
STYLES_KEPT = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar"}


@dataclass(frozen=True)
class PageSetup:
    """A4 portrait page with Decree 30 margins, in millimetres."""

    top: float = 25
    bottom: float = 20
    left: float = 35
    right: float = 20
    header_distance: float = 12.7

    @property
    def text_width_cm(self) -> float:
        """Width between the left and right margins."""
        return (210 - self.left - self.right) / 10


@dataclass(frozen=True)
class Kind:
    """A kind of body paragraph: its style and emphasis."""

    style: str
    bold: bool = False
    italic: bool = False
    keep_with_next: bool = False


BODY = Kind("VN Body")
ITEM = Kind("VN Body")
HEADING = Kind("VN Heading", bold=True, keep_with_next=True)
SUBHEADING = Kind("VN Subheading", italic=True, keep_with_next=True)
BASIS = Kind("VN Basis", italic=True)


@dataclass(frozen=True)
class Line:
    """One paragraph in a table cell."""

    text: str
    size: float = BODY_SIZE
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER
    space_before: float = 0
    hanging_cm: float = 0


@dataclass(frozen=True)
class Rule:
    """A short centred solid line drawn under the paragraph above it."""

    width_cm: float


@dataclass(frozen=True)
class Control:
    """A docxtpl paragraph tag such as `{%p for x in xs %}`, alone in its paragraph."""

    tag: str


CellItem = Line | Rule | Control


@lru_cache
def _font_metrics(file_name: str) -> tuple[int, tuple[int, ...], dict[int, int]]:
    """Units per em, advance widths and the BMP character map of a TrueType font."""
    data = (FONT_DIR / file_name).read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("ascii")] = offset
    (units_per_em,) = struct.unpack_from(">H", data, tables["head"] + 18)
    (num_metrics,) = struct.unpack_from(">H", data, tables["hhea"] + 34)
    advances = tuple(
        struct.unpack_from(">H", data, tables["hmtx"] + 4 * i)[0] for i in range(num_metrics)
    )
    return units_per_em, advances, _cmap_format4(data, tables["cmap"])


def _cmap_format4(data: bytes, cmap: int) -> dict[int, int]:
    """The Windows Unicode BMP (3, 1) subtable of a cmap table as code point → glyph id."""
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    records = [struct.unpack_from(">HHI", data, cmap + 4 + 8 * i) for i in range(count)]
    sub = cmap + next(
        offset for platform, encoding, offset in records if (platform, encoding) == (3, 1)
    )
    (seg_x2,) = struct.unpack_from(">H", data, sub + 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, sub + 14)
    starts = struct.unpack_from(f">{segs}H", data, sub + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, sub + 16 + 2 * seg_x2)
    range_pos = sub + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{segs}H", data, range_pos)
    glyphs = {}
    for i in range(segs):
        for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
            if range_offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_pos + 2 * i + range_offsets[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack_from(">H", data, at)
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


def text_width_cm(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Printed width of a line of Times New Roman text, from the Liberation Serif metrics."""
    units_per_em, advances, glyphs = _font_metrics(METRIC_FILES[bold, italic])
    units = sum(advances[min(glyphs.get(ord(ch), 0), len(advances) - 1)] for ch in text)
    return units / units_per_em * size / 72 * 2.54


def _insert_ordered(parent: BaseOxmlElement, child: BaseOxmlElement, order: Sequence[str]) -> None:
    """Insert child into parent before the first sibling that the schema puts after it."""
    name = child.tag.split("}")[1]
    later = {qn(f"w:{tag}") for tag in order[order.index(name) + 1 :]}
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def _run_properties(size: float, bold: bool = False, italic: bool = False) -> BaseOxmlElement:
    """A w:rPr with the font named for every script, black, at the given size."""
    half_points = round(size * 2)
    emphasis = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    return parse_xml(
        f"<w:rPr {nsdecls('w')}>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'{emphasis}<w:color w:val="{BLACK}"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        "</w:rPr>"
    )


def add_run(
    paragraph: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False
) -> None:
    """Append one run of text with explicit font, size, colour and emphasis."""
    run = paragraph.add_run()
    run._r.insert(0, _run_properties(size, bold, italic))
    run.text = text


def _mark_properties(
    paragraph: Paragraph, size: float, bold: bool = False, italic: bool = False
) -> None:
    """Give the paragraph mark the run's font, so an empty paragraph has the intended height."""
    ppr = paragraph._p.get_or_add_pPr()
    _insert_ordered(ppr, _run_properties(size, bold, italic), PPR_ORDER)


def format_paragraph(
    paragraph: Paragraph,
    align: WD_ALIGN_PARAGRAPH,
    first_line_cm: float = 0,
    left_cm: float = 0,
    right_cm: float = 0,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
) -> None:
    """Set alignment, indents (negative first line = hanging), spacing and single line height."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.left_indent = Cm(left_cm)
    fmt.right_indent = Cm(right_cm)
    fmt.first_line_indent = Cm(first_line_cm)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    if keep_with_next:
        fmt.keep_with_next = True


def _set_rule(paragraph: Paragraph, width_cm: float, available_cm: float) -> None:
    """Turn an empty paragraph into a centred line of the given width (a bottom border)."""
    side = max((available_cm - width_cm) / 2, 0)
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER, left_cm=side, right_cm=side)
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{RULE_THICKNESS}" '
        f'w:space="1" w:color="{BLACK}"/></w:pBdr>'
    )
    _insert_ordered(paragraph._p.get_or_add_pPr(), border, PPR_ORDER)
    _mark_properties(paragraph, 1)


def _fill(paragraph: Paragraph, item: CellItem, width_cm: float) -> None:
    """Write one cell item into an empty paragraph."""
    if isinstance(item, Rule):
        _set_rule(paragraph, item.width_cm, width_cm)
    elif isinstance(item, Control):
        format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.LEFT)
        add_run(paragraph, item.tag, BODY_SIZE)
    else:
        format_paragraph(
            paragraph,
            item.align,
            first_line_cm=-item.hanging_cm,
            left_cm=item.hanging_cm,
            before=item.space_before,
        )
        _mark_properties(paragraph, item.size, item.bold, item.italic)
        if item.text:
            add_run(paragraph, item.text, item.size, item.bold, item.italic)


def fill_cell(cell: _Cell, items: Iterable[CellItem], width_cm: float) -> None:
    """Write the items into a fresh table cell, one paragraph each."""
    for i, item in enumerate(items):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _fill(paragraph, item, width_cm)


def borderless_table(
    doc: DocxDocument, widths_cm: Sequence[float], rows: int, top_pt: float = 0
) -> Table:
    """A centred fixed-width table with no borders, no side cell margins, top_pt above rows."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.style = None
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    total = sum(round(width * TWIPS_PER_CM) for width in widths_cm)
    _insert_ordered(
        tbl_pr, parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'), TBLPR_ORDER
    )
    edges = "".join(
        f'<w:{edge} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    _insert_ordered(
        tbl_pr, parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"), TBLPR_ORDER
    )
    margins = (
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{round(top_pt * 20)}" w:type="dxa"/>'
        '<w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
    )
    _insert_ordered(tbl_pr, parse_xml(margins), TBLPR_ORDER)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table


def add_two_column_block(
    doc: DocxDocument,
    widths_cm: Sequence[float],
    rows: Sequence[tuple[Sequence[CellItem], Sequence[CellItem]]],
    top_pt: float = 0,
) -> Table:
    """A borderless two-column table, one (left items, right items) pair per row."""
    table = borderless_table(doc, widths_cm, len(rows), top_pt)
    for row, (left, right) in zip(table.rows, rows, strict=True):
        fill_cell(row.cells[0], left, widths_cm[0])
        fill_cell(row.cells[1], right, widths_cm[1])
    return table


def add_header_table(
    doc: DocxDocument,
    top: str,
    name: str,
    number: str,
    date: str | None,
    name_rule_cm: float,
    widths_cm: tuple[float, float] = (6.0, 9.5),
    left_extra: Sequence[CellItem] = (),
) -> Table:
    """The document header: issuing body and number on the left, national name and date right.

    `date` is None for documents without a place-and-date line (minutes); `left_extra` goes
    under the number (a công văn's `V/v …` summary).
    """
    motto_rule = text_width_cm(MOTTO, 13, bold=True)
    names_row: tuple[list[CellItem], list[CellItem]] = (
        [Line(top, 13), Line(name, 13, bold=True), Rule(name_rule_cm)],
        [Line(NATIONAL_NAME, 12, bold=True), Line(MOTTO, 13, bold=True), Rule(motto_rule)],
    )
    number_row: tuple[list[CellItem], list[CellItem]] = (
        [Line(number, 13, space_before=6), *left_extra],
        [Line(date, 14, italic=True, space_before=6)] if date is not None else [],
    )
    return add_two_column_block(doc, widths_cm, [names_row, number_row])


def add_paragraph(doc: DocxDocument, text: str, kind: Kind = BODY) -> Paragraph:
    """A body paragraph of the given kind: 14 pt, justified, 1.27 cm first line, 6 pt after."""
    paragraph = doc.add_paragraph(style=kind.style)
    format_paragraph(
        paragraph,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line_cm=FIRST_LINE_CM,
        after=6,
        keep_with_next=kind.keep_with_next,
    )
    _mark_properties(paragraph, BODY_SIZE, kind.bold, kind.italic)
    add_run(paragraph, text, BODY_SIZE, kind.bold, kind.italic)
    return paragraph


def add_body(doc: DocxDocument, items: Iterable[tuple[Kind, str] | Control]) -> None:
    """Body paragraphs and docxtpl paragraph tags, in order."""
    for item in items:
        if isinstance(item, Control):
            add_control(doc, item.tag)
        else:
            add_paragraph(doc, item[1], item[0])


def add_control(doc: DocxDocument, tag: str) -> Paragraph:
    """A paragraph holding only a docxtpl `{%p … %}` tag (removed when rendered)."""
    paragraph = doc.add_paragraph()
    _fill(paragraph, Control(tag), 0)
    return paragraph


def add_title(
    doc: DocxDocument, type_name: str, summary: str, rule_cm: float, size: float = 14
) -> None:
    """The type name in capitals and the summary under it, bold and centred, with a short line."""
    for text, before in ((type_name, 18), (summary, 0)):
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER, before=before, keep_with_next=True)
        _mark_properties(paragraph, size, bold=True)
        add_run(paragraph, text, size, bold=True)
    rule = doc.add_paragraph()
    _set_rule(rule, rule_cm, _text_width(doc))
    rule.paragraph_format.space_after = Pt(12)


def recipients_items(iterable: str = "recipients", label: str = "Nơi nhận:") -> list[CellItem]:
    """`Nơi nhận:` (12 pt bold italic) and one 11 pt paragraph per recipient line."""
    return [
        Line(label, 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT),
        Control(f"{{%p for line in {iterable} %}}"),
        Line("{{ line }}", 11, align=WD_ALIGN_PARAGRAPH.LEFT, hanging_cm=text_width_cm("- ", 11)),
        Control("{%p endfor %}"),
    ]


def signer_items(
    lines: str = "signer.lines", name: str = "{{ signer.name }}", gap: int = 4
) -> list[CellItem]:
    """Authority and titles in bold capitals, a gap for signature and seal, then the name."""
    return [
        Control(f"{{%p for line in {lines} %}}"),
        Line("{{ line }}", BODY_SIZE, bold=True),
        Control("{%p endfor %}"),
        *[Line("", BODY_SIZE) for _ in range(gap)],
        Line(name, BODY_SIZE, bold=True),
    ]


def add_end_paragraph(doc: DocxDocument) -> None:
    """A tiny empty paragraph after a closing table (Word expects a paragraph there)."""
    paragraph = doc.add_paragraph()
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.LEFT)
    _mark_properties(paragraph, 1)


def _text_width(doc: DocxDocument) -> float:
    """Width of the text area of the document's last section, in cm."""
    section = doc.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    assert page is not None and left is not None and right is not None
    return (page - left - right) / EMU_PER_CM


def add_page_numbers(section: Section, size: float = 13) -> None:
    """A centred PAGE field in the top margin from page 2 on; page 1 has an empty header."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    _mark_properties(paragraph, size)
    parts = (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>2</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    )
    for part in parts:
        run = parse_xml(f"<w:r {nsdecls('w')}>{part}</w:r>")
        run.insert(0, _run_properties(size))
        paragraph._p.append(run)
    first = section.first_page_header
    first.is_linked_to_previous = False
    format_paragraph(first.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    _mark_properties(first.paragraphs[0], size)


def _define_styles(doc: DocxDocument) -> None:
    """Times New Roman 14 pt black Vietnamese defaults, and the body paragraph styles."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in STYLES_KEPT:
            styles.remove(style)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'<w:color w:val="{BLACK}"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    styles.replace(styles.find(qn("w:docDefaults")), defaults)
    normal = doc.styles["Normal"]
    normal.element.remove_all("w:rPr")
    normal.element.append(_run_properties(BODY_SIZE))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = doc.styles.add_style("VN Body", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.quick_style = True
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(FIRST_LINE_CM)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.0
    for kind in (HEADING, SUBHEADING, BASIS):
        style = doc.styles.add_style(kind.style, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = body
        style.next_paragraph_style = body
        style.quick_style = True
        style.font.bold = kind.bold or None
        style.font.italic = kind.italic or None
        style.paragraph_format.keep_with_next = kind.keep_with_next or None


def _drop_unused_parts(doc: DocxDocument) -> None:
    """Remove what python-docx's default template carries but a template does not use."""
    unused = ("thumbnail", "extended-properties", "stylesWithEffects", "customXml", "numbering")
    for rels in (doc.part.package.rels, doc.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in unused:
                rels.pop(r_id)
    settings = doc.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    for element in settings.findall(qn("w:themeFontLang")):
        element.set(qn("w:val"), LANGUAGE)
    theme = next(
        rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/theme")
    )
    # The theme's Calibri/Cambria would apply to anything later styled with theme fonts.
    theme._blob = theme.blob.replace(b'typeface="Calibri"', f'typeface="{FONT}"'.encode()).replace(
        b'typeface="Cambria"', f'typeface="{FONT}"'.encode()
    )


def new_document(title: str, page: PageSetup = PageSetup()) -> DocxDocument:
    """An empty A4 portrait document with Decree 30 margins, fonts, styles and page numbers."""
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_unused_parts(doc)
    _define_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.header_distance = Mm(page.header_distance)
    section.footer_distance = Mm(page.header_distance)
    section.gutter = 0
    add_page_numbers(section)
    props = doc.core_properties
    props.title = title
    props.language = LANGUAGE
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return doc


def save_deterministic(doc: DocxDocument, path: Path) -> None:
    """Save with fixed zip timestamps, so the same build gives the same bytes."""
    doc.save(str(path))
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
