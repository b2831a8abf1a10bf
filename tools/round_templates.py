"""The Word templates of a voter-contact round: schedule notice, minutes, report, letter.

Built from the Decree 30 pieces of docx_layout; registered in build_templates.TEMPLATES.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm
from docx_layout import (
    BODY,
    HEADING,
    SUBHEADING,
    TBLPR_ORDER,
    TWIPS_PER_CM,
    Control,
    Kind,
    Line,
    _insert_ordered,
    _mark_properties,
    add_body,
    add_control,
    add_end_paragraph,
    add_header_table,
    add_run,
    add_title,
    add_two_column_block,
    fill_cell,
    format_paragraph,
    new_document,
    recipients_items,
    save_deterministic,
    signer_items,
    text_width_cm,
)

NAME_SAMPLE = "THƯỜNG TRỰC"
# The last body paragraph stays on the page of the signatures.
LAST = Kind("VN Body", keep_with_next=True)
TABLE_SIZE = 12.0
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER


@dataclass(frozen=True)
class Column:
    """One column of a ruled data table: heading, width, the cell's template text."""

    heading: str
    width_cm: float
    cell: str
    align: WD_ALIGN_PARAGRAPH = LEFT


def add_centered(
    doc: DocxDocument,
    text: str,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    before: float = 0,
    after: float = 0,
    page_break: bool = False,
) -> None:
    """A centred line outside the body (appendix titles)."""
    paragraph = doc.add_paragraph()
    format_paragraph(paragraph, CENTER, before=before, after=after, keep_with_next=True)
    paragraph.paragraph_format.page_break_before = page_break or None
    _mark_properties(paragraph, size, bold, italic)
    add_run(paragraph, text, size, bold, italic)


def add_data_table(doc: DocxDocument, columns: Sequence[Column], loop: str) -> None:
    """A ruled table: a bold heading row repeated on each page, one row per item of the loop."""
    widths = [c.width_cm for c in columns]
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = None
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    total = sum(round(w * TWIPS_PER_CM) for w in widths)
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    _insert_ordered(
        tbl_pr, parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'), TBLPR_ORDER
    )
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    _insert_ordered(
        tbl_pr, parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"), TBLPR_ORDER
    )
    margins = (
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/>'
        '<w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
        '<w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
    )
    _insert_ordered(tbl_pr, parse_xml(margins), TBLPR_ORDER)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    head, start, data, end = table.rows
    head._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    data._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for k, column in enumerate(columns):
        fill_cell(head.cells[k], [Line(column.heading, TABLE_SIZE, bold=True)], widths[k])
        fill_cell(data.cells[k], [Line(column.cell, TABLE_SIZE, align=column.align)], widths[k])
    fill_cell(start.cells[0], [Control(f"{{%tr {loop} %}}")], widths[0])
    fill_cell(end.cells[0], [Control("{%tr endfor %}")], widths[0])


def start_section(doc: DocxDocument, landscape: bool) -> None:
    """A new page in the given orientation, same margins; page numbers continue on every page."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def add_kinh_gui(doc: DocxDocument, text: str, before: float = 0, after: float = 0) -> None:
    """A centred line of the «Kính gửi» block of a công văn."""
    paragraph = doc.add_paragraph()
    format_paragraph(paragraph, CENTER, before=before, after=after)
    _mark_properties(paragraph, 14)
    if text:
        add_run(paragraph, text, 14)


def header(doc: DocxDocument, date: str | None = "{{ date_line }}", vv: bool = False) -> None:
    """The Decree 30 header table of a council document."""
    add_header_table(
        doc,
        top="{{ header.top }}",
        name="{{ header.name }}",
        number="{{ number_line }}",
        date=date,
        name_rule_cm=0.45 * text_width_cm(NAME_SAMPLE, 13, bold=True),
        left_extra=[Line("{{ vv }}", 12)] if vv else (),
    )


def closing_block(doc: DocxDocument) -> None:
    """Nơi nhận on the left, the signer on the right."""
    add_two_column_block(doc, (6.5, 9.0), [(recipients_items(), signer_items())], top_pt=6)


def rule_for(sample: str) -> float:
    """A short line 0.4 times as long as a typical summary."""
    return 0.4 * text_width_cm(sample, 14, bold=True)


def build_schedule(path: Path) -> None:
    """Thông báo lịch tiếp xúc cử tri (thong_bao_lich_tiep_xuc); the table on a landscape page."""
    doc = new_document("Thông báo lịch tiếp xúc cử tri")
    header(doc)
    add_title(
        doc,
        "THÔNG BÁO",
        "Lịch tiếp xúc cử tri của {{ groups_phrase }} {{ round }}",
        rule_cm=rule_for("Lịch tiếp xúc cử tri của các Tổ đại biểu HĐND tỉnh"),
    )
    add_body(doc, [(BODY, "{{ intro }}")])
    start_section(doc, landscape=True)
    add_data_table(
        doc,
        [
            Column("STT", 1.2, "{{ r.number }}", CENTER),
            Column("Tổ đại biểu", 2.3, "{{ r.group }}", CENTER),
            Column("Đại biểu", 5.6, "{{ r.deputies }}"),
            Column("Thời gian", 4.6, "{{ r.time }}"),
            Column("Địa điểm", 6.0, "{{ r.venue }}"),
            Column("Cử tri", 4.5, "{{ r.voters }}"),
        ],
        "for r in rows",
    )
    start_section(doc, landscape=False)
    add_body(
        doc,
        [
            Control("{%p for request in requests %}"),
            (BODY, "{{ request }}"),
            Control("{%p endfor %}"),
            (LAST, "{{ closing }}"),
        ],
    )
    closing_block(doc)
    add_end_paragraph(doc)
    save_deterministic(doc, path)


def build_minutes(path: Path) -> None:
    """Biên bản hội nghị tiếp xúc cử tri (bien_ban_tiep_xuc): no date line, two signatures."""
    doc = new_document("Biên bản hội nghị tiếp xúc cử tri")
    header(doc, date=None)
    add_title(
        doc,
        "BIÊN BẢN",
        "{{ summary }}",
        rule_cm=rule_for("Hội nghị tiếp xúc cử tri xã trước kỳ họp"),
    )
    add_body(
        doc,
        [
            (BODY, "{{ opening }}"),
            (HEADING, "I. THÀNH PHẦN THAM DỰ"),
            (HEADING, "1. Đại biểu {{ council_full }}"),
            Control("{%p for line in deputies %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            (HEADING, "2. Chủ tọa, thư ký hội nghị"),
            (BODY, "- Chủ tọa: {{ chair }};"),
            (BODY, "- Thư ký: Đồng chí {{ secretary }}."),
            Control("{%p if invited %}"),
            (HEADING, "3. Khách mời"),
            Control("{%p for line in invited %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            Control("{%p if voters %}"),
            (HEADING, "{{ '4' if invited else '3' }}. Cử tri tham dự"),
            (BODY, "{{ voters }}"),
            Control("{%p endif %}"),
            (HEADING, "II. NỘI DUNG HỘI NGHỊ"),
            (HEADING, "1. Khai mạc"),
            (BODY, "{{ agenda_open }}"),
            (HEADING, "2. Đại biểu báo cáo"),
            (BODY, "{{ agenda_report }}"),
            (HEADING, "3. Ý kiến của cử tri"),
            (BODY, "{{ opinions_intro }}"),
            Control("{%p for o in opinions %}"),
            (BODY, "{{ o.text }}"),
            Control("{%p if o.answer %}"),
            (SUBHEADING, "{{ o.answer }}"),
            Control("{%p endif %}"),
            Control("{%p endfor %}"),
            Control("{%p if answers %}"),
            (HEADING, "4. Trả lời, giải trình ý kiến của cử tri"),
            Control("{%p for line in answers %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            (HEADING, "{{ '5' if answers else '4' }}. Kết luận hội nghị"),
            (BODY, "{{ closing }}"),
            (LAST, "{{ ending }}"),
        ],
    )
    column = [
        Line("THƯ KÝ", 14, bold=True),
        *[Line("", 14) for _ in range(4)],
        Line("{{ secretary }}", 14, bold=True),
    ]
    chair = [
        Line("CHỦ TỌA", 14, bold=True),
        *[Line("", 14) for _ in range(4)],
        Line("{{ chair_name }}", 14, bold=True),
    ]
    add_two_column_block(doc, (7.75, 7.75), [(column, chair)], top_pt=12)
    add_end_paragraph(doc)
    save_deterministic(doc, path)


def build_report(path: Path) -> None:
    """Báo cáo tổng hợp ý kiến, kiến nghị của cử tri (bao_cao_tong_hop), with its appendix."""
    doc = new_document("Báo cáo tổng hợp ý kiến, kiến nghị của cử tri")
    header(doc)
    add_title(
        doc,
        "BÁO CÁO",
        "Tổng hợp ý kiến, kiến nghị của cử tri {{ round }}",
        rule_cm=rule_for("Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp"),
    )
    add_body(
        doc,
        [
            (BODY, "{{ intro }}"),
            (HEADING, "I. KHÁI QUÁT CHUNG"),
            Control("{%p for line in overview %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p if own %}"),
            (HEADING, "{{ own_heading }}"),
            Control("{%p for g in own %}"),
            (SUBHEADING, "{{ loop.index }}. {{ g.heading }} ({{ g.count }} nội dung)"),
            Control("{%p for line in g.lines %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            Control("{%p if upward %}"),
            (HEADING, "{{ upward_heading }}"),
            Control("{%p for lv in upward %}"),
            (HEADING, "{{ lv.heading }}"),
            Control("{%p for g in lv.fields %}"),
            (SUBHEADING, "{{ g.heading }} ({{ g.count }} nội dung)"),
            Control("{%p for line in g.lines %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            (HEADING, "{{ proposals_heading }}"),
            Control("{%p for line in proposals %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            (LAST, "{{ closing }}"),
        ],
    )
    closing_block(doc)
    add_centered(doc, "Phụ lục", bold=True, page_break=True)
    add_centered(doc, "{{ appendix_title }}", bold=True)
    add_centered(doc, "{{ appendix_ref }}", italic=True, after=12)
    add_data_table(
        doc,
        [
            Column("STT", 1.0, "{{ a.number }}", CENTER),
            Column("Nội dung ý kiến, kiến nghị", 5.9, "{{ a.summary }}"),
            Column("Nơi nêu", 2.8, "{{ a.places }}"),
            Column("Lĩnh vực", 2.4, "{{ a.field }}"),
            Column("Cấp, cơ quan giải quyết", 3.4, "{{ a.body }}"),
        ],
        "for a in appendix",
    )
    add_end_paragraph(doc)
    save_deterministic(doc, path)


def build_letter(path: Path) -> None:
    """Công văn chuyển ý kiến, kiến nghị của cử tri (cong_van_chuyen), with the attached list."""
    doc = new_document("Công văn chuyển ý kiến, kiến nghị của cử tri")
    header(doc, vv=True)
    add_control(doc, "{%p if addressee %}")
    add_kinh_gui(doc, "Kính gửi: {{ addressee }}", before=18, after=12)
    add_control(doc, "{%p else %}")
    add_kinh_gui(doc, "Kính gửi:", before=18)
    add_control(doc, "{%p for line in addressees %}")
    add_kinh_gui(doc, "{{ line }}")
    add_control(doc, "{%p endfor %}")
    add_kinh_gui(doc, "", after=6)
    add_control(doc, "{%p endif %}")
    add_body(
        doc,
        [
            Control("{%p for line in body %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            (LAST, "{{ closing }}"),
        ],
    )
    closing_block(doc)
    add_centered(doc, "{{ list_title }}", bold=True, page_break=True)
    add_centered(doc, "{{ list_ref }}", italic=True, after=12)
    add_body(
        doc,
        [
            Control("{%p for g in groups %}"),
            (SUBHEADING, "{{ g.heading }}"),
            Control("{%p for line in g.lines %}"),
            (BODY, "{{ line }}"),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
        ],
    )
    add_end_paragraph(doc)
    save_deterministic(doc, path)
