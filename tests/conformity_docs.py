"""Test documents for the Decree 30 checker: one conforming model, broken one switch at a time."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.run import Run
from lxml import etree

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

BODY = (
    "Căn cứ Quy chế hoạt động của HĐND huyện Lục Ngạn khóa XIX, nhiệm kỳ 2016-2021;",
    "Thường trực HĐND huyện xây dựng kế hoạch tiếp xúc cử tri năm 2021 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Tổ chức hoạt động tiếp xúc cử tri của đại biểu HĐND huyện theo đúng quy định.",
    "Các ý kiến, kiến nghị của cử tri phải được tổng hợp, theo dõi và xử lý theo quy định.",
)


@dataclass(frozen=True)
class Spec:
    """Everything the test document says and how; the defaults follow Decree 30 exactly."""

    kind: str = "typed"
    page_mm: tuple[float, float] = (210, 297)
    margins_mm: tuple[float, float, float, float] = (25, 20, 35, 20)  # top, bottom, left, right
    style_font: str | None = "Times New Roman"  # the Normal style's font (None: the theme's)
    run_font: str | None = None  # a direct font on every run of the document
    odd_run_font: str | None = None  # a direct font on one run of the first body paragraph
    header_borders: bool = False
    header_swapped: bool = False  # national name, motto and date in the left column
    motto_first: bool = False  # the motto above the national name
    extra_right: str | None = None  # a line the decree does not put there, after the motto
    parent: str | None = "HĐND HUYỆN LỤC NGẠN"
    body_name: tuple[str, ...] = ("THƯỜNG TRỰC",)
    body_name_bold: bool = True
    body_line: str = "border"  # border | own | vml | drawing | none
    number: str | None = None  # None: the kind's model number
    number_size: float = 13
    number_row: int = 1  # 2: the number sits in a second row of the header table
    vv: str | None = "V/v chuyển ý kiến, kiến nghị của cử tri"
    national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    national_bold: bool = True
    national_with_motto: bool = False  # one paragraph, a line break between them
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    motto_bold: bool = True
    motto_line: str = "border"  # border | own | vml | drawing | none
    date: str | None = "Lục Ngạn, ngày 06 tháng 01 năm 2021"
    date_italic: bool = True
    title: str | None = None  # None: the kind's type name
    title_bold: bool = True
    title_with_summary: bool = False  # one paragraph, a line break between them
    summary: str | None = "Tiếp xúc cử tri của đại biểu HĐND huyện năm 2021"
    summary_bold: bool = True
    summary_line: bool = True
    kinh_gui: str | None = None  # the kind's model: «Kính gửi» only in a công văn
    body: tuple[str, ...] = BODY
    ending: str = "Trên đây là Kế hoạch tiếp xúc cử tri năm 2021./."
    body_by_style: bool = False  # body layout carried by a paragraph style
    body_size: float = 14
    body_align: Any = JUSTIFY
    body_indent_cm: float | None = 1.27
    body_space_pt: float = 6
    body_line_spacing: float = 1.0
    legal_italic: bool = True
    signer: tuple[str, ...] = ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer_name: str = "Nguyễn Thu Hường"
    signer_name_bold: bool = True
    signature_gap: int = 4
    recipients_heading: str = "Nơi nhận:"
    recipients_heading_bold_italic: bool = True
    recipients: tuple[str, ...] = (
        "- TT HĐND, TT UBND huyện;",
        "- Các vị đại biểu HĐND huyện;",
        "- Lưu: VT.",
    )
    recipients_size: float = 11
    recipients_one_paragraph: bool = False  # heading and items in one paragraph with breaks
    minutes_roles: tuple[str, str] = ("THƯ KÝ", "CHỦ TỌA")
    page_field: str = "header"  # header | simple (w:fldSimple) | footer | none
    page_field_size: float = 13
    title_page: bool = True
    landscape_table_page: bool = False


_MODEL: dict[str, dict[str, Any]] = {
    "typed": {"number": "Số: 01/KH-HĐND", "title": "KẾ HOẠCH", "vv": None},
    "cong_van": {
        "number": "Số: 15/HĐND-VP",
        "title": "",
        "summary": None,
        "kinh_gui": "Kính gửi: Ủy ban nhân dân huyện Lục Ngạn.",
    },
    "bien_ban": {
        "number": "Số: 01/BB-HĐND",
        "title": "BIÊN BẢN",
        "vv": None,
        "date": None,
        "summary": "Hội nghị tiếp xúc cử tri xã Tân Hoa",
    },
    "giay_moi": {
        "number": "Số: 05/GM-HĐND",
        "title": "GIẤY MỜI",
        "vv": None,
        "summary": "Dự hội nghị tiếp xúc cử tri",
    },
}


def spec(kind: str = "typed", **changes: Any) -> Spec:
    """The conforming model of a kind of document, with the given changes."""
    return replace(Spec(kind=kind, **_MODEL[kind]), **changes)


def make_docx(kind: str = "typed", **changes: Any) -> bytes:
    """The DOCX bytes of spec(kind, **changes)."""
    return build(spec(kind, **changes))


# ---------------------------------------------------------------------------------------------
# Pieces

_DRAWING_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"'
    ' simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1"'
    ' allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:wrapNone/><wp:docPr id="7" name="Line 7"/>'
    "<a:graphic><a:graphicData"
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/>'
    '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"/></wps:spPr>'
    "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:line from="0,0" to="100pt,0"/></w:pict></mc:Fallback>'
    "</mc:AlternateContent></w:r>"
)


def _border(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)
    ppr.append(borders)


def _no_table_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _text(
    container: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = CENTER,
    first: bool = False,
) -> Any:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _run(
    paragraph: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    new_line: bool = False,
) -> Any:
    if new_line:
        paragraph.add_run().add_break()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def _line(container: Any, after: Any, how: str, width_cm: float, length_cm: float) -> None:
    """A short line under the paragraph, drawn the way the spec says."""
    side = Cm((width_cm - length_cm) / 2)
    if how == "none":
        return
    if how == "own":
        _border(after)
        after.paragraph_format.left_indent = after.paragraph_format.right_indent = side
        return
    paragraph = _text(container, "", 2)
    if how == "drawing":
        paragraph._p.append(parse_xml(_DRAWING_LINE.format(cx=round(length_cm * 360000))))
    elif how == "vml":
        pict = OxmlElement("w:pict")
        line = etree.SubElement(pict, "{urn:schemas-microsoft-com:vml}line")
        line.set("from", "0,0")
        line.set("to", f"{length_cm * 28.35:.0f}pt,0")
        paragraph.add_run()._r.append(pict)
    else:
        _border(paragraph)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side


def _page_field(paragraph: Any, size: float, simple: bool) -> None:
    if simple:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE   \\* MERGEFORMAT ")
        paragraph._p.append(field)
        run = Run(OxmlElement("w:r"), paragraph)
        field.append(run._r)
        run.text = "2"
        run.font.size = Pt(size)
        return
    for char, instr in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", ""), ("end", "")):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if char:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), char)
            run._r.append(fld)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._r.append(el)
        else:
            run.text = "2"


# ---------------------------------------------------------------------------------------------
# The document


def _header_table(doc: Any, s: Spec) -> None:
    table = doc.add_table(rows=2 if s.number_row == 2 else 1, cols=2)
    if s.header_borders:
        table.style = doc.styles["Table Grid"]
    else:
        _no_table_borders(table)
    table.autofit = False
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(10)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if s.header_swapped:
        left, right = right, left
    names = ([s.parent] if s.parent else []) + list(s.body_name)
    last = None
    for k, name in enumerate(names):
        bold = s.body_name_bold and k >= len(names) - len(s.body_name)
        last = _text(left, name, 13, bold=bold, first=k == 0)
    if last is not None:
        _line(left, last, s.body_line, 9.6 if s.header_swapped else 6.1, 1.5)
    number_cell = table.cell(1, 1 if s.header_swapped else 0) if s.number_row == 2 else left
    if s.number:
        _text(number_cell, s.number, s.number_size, first=s.number_row == 2)
    if s.vv:
        _text(number_cell, s.vv, 12)
    if s.motto_first:
        motto = _text(right, s.motto, 14, bold=s.motto_bold, first=True)
        _line(right, motto, s.motto_line, 6.1 if s.header_swapped else 9.6, 6.2)
        _text(right, s.national, 13, bold=s.national_bold)
        if s.date:
            _text(right, s.date, 14, italic=s.date_italic)
        return
    motto = _text(right, s.national, 13, bold=s.national_bold, first=True)
    if s.national_with_motto:
        _run(motto, s.motto, 14, bold=s.motto_bold, new_line=True)
    else:
        motto = _text(right, s.motto, 14, bold=s.motto_bold)
    _line(right, motto, s.motto_line, 6.1 if s.header_swapped else 9.6, 6.2)
    if s.extra_right:
        _text(right, s.extra_right, 13)
    if s.date:
        _text(right, s.date, 14, italic=s.date_italic)


def _title(doc: Any, s: Spec) -> None:
    summary = None
    if s.title:
        summary = _text(doc, s.title, 14, bold=s.title_bold)
    if s.summary and s.title_with_summary and summary is not None:
        _run(summary, s.summary, 14, bold=s.summary_bold, new_line=True)
    elif s.summary:
        summary = _text(doc, s.summary, 14, bold=s.summary_bold)
    if s.summary and s.summary_line:
        _line(doc, summary, "border", 16, 3.5)
    if s.kinh_gui:
        _text(doc, s.kinh_gui, 14)


def _layout(fmt: Any, s: Spec) -> None:
    fmt.alignment = s.body_align
    fmt.first_line_indent = None if s.body_indent_cm is None else Cm(s.body_indent_cm)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(s.body_space_pt)
    fmt.line_spacing = s.body_line_spacing


def _body(doc: Any, s: Spec) -> None:
    style = None
    if s.body_by_style:
        style = doc.styles.add_style("Noi dung", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _layout(style.paragraph_format, s)
    for k, text in enumerate((*s.body, s.ending)):
        paragraph = doc.add_paragraph(style=style)
        if style is None:
            _layout(paragraph.paragraph_format, s)
        legal = text.startswith("Căn cứ")
        if k == 0 and s.odd_run_font:
            head, text = text.split(" ", 1)
            odd = _run(paragraph, head + " ", s.body_size, italic=legal and s.legal_italic)
            odd.font.name = s.odd_run_font
        _run(paragraph, text, s.body_size, bold=text.isupper(), italic=legal and s.legal_italic)


def _signer_table(doc: Any, s: Spec) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_table_borders(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if s.kind == "bien_ban":
        for cell, role, name in (
            (left, s.minutes_roles[0], "Trần Văn Bình"),
            (right, s.minutes_roles[1], "Nguyễn Văn An"),
        ):
            _text(cell, role, 14, bold=True, first=True)
            for _ in range(s.signature_gap):
                _text(cell, "", 14)
            _text(cell, name, 14, bold=True)
        return
    emphasis = s.recipients_heading_bold_italic
    heading = _text(
        left, s.recipients_heading, 12, bold=emphasis, italic=emphasis, align=LEFT, first=True
    )
    for item in s.recipients:
        if s.recipients_one_paragraph:
            _run(heading, item, s.recipients_size, new_line=True)
        else:
            _text(left, item, s.recipients_size, align=LEFT)
    for k, line in enumerate(s.signer):
        _text(right, line, 14, bold=True, first=k == 0)
    for _ in range(s.signature_gap):
        _text(right, "", 14)
    _text(right, s.signer_name, 14, bold=s.signer_name_bold, first=not s.signer)


def build(s: Spec) -> bytes:
    """The DOCX bytes of a spec."""
    doc = Document()
    normal = doc.styles["Normal"]
    if s.style_font:
        normal.font.name = s.style_font
    normal.font.size = Pt(14)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(s.page_mm[0]), Mm(s.page_mm[1])
    top, bottom, left, right = s.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    _header_table(doc, s)
    _title(doc, s)
    _body(doc, s)
    _signer_table(doc, s)
    if s.page_field != "none":
        part = section.footer if s.page_field == "footer" else section.header
        paragraph = part.paragraphs[0]
        paragraph.alignment = CENTER
        _page_field(paragraph, s.page_field_size, simple=s.page_field == "simple")
    section.different_first_page_header_footer = s.title_page
    if s.run_font:  # a direct font on every run, whatever the styles say
        roots = [doc.element.body, section.header._element, section.footer._element]
        for r in (r for root in roots for r in root.iter(qn("w:r"))):
            Run(r, doc).font.name = s.run_font
    if s.landscape_table_page:
        wide = doc.add_section(WD_SECTION.NEW_PAGE)
        wide.orientation = WD_ORIENT.LANDSCAPE
        wide.page_width, wide.page_height = Mm(297), Mm(210)
        _text(doc, "PHỤ LỤC", 14, bold=True)
        doc.add_table(rows=2, cols=5)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
