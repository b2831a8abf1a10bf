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
    cell: str | Sequence[Line | Control]  # one line of text, or paragraphs with their tags
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
        cell = (
            [Line(column.cell, TABLE_SIZE, align=column.align)]
            if isinstance(column.cell, str)
            else column.cell
        )
        fill_cell(data.cells[k], cell, widths[k])
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


def header(doc: DocxDocument, date: str | None = "{{ date_line }}", vv: str = "") -> None:
    """The Decree 30 header table of a council document."""
    add_header_table(
        doc,
        top="{{ header.top }}",
        name="{{ header.name }}",
        number="{{ number_line }}",
        date=date,
        name_rule_cm=0.45 * text_width_cm(NAME_SAMPLE, 13, bold=True),
        left_extra=[Line(vv, 12)] if vv else (),
    )


def closing_block(doc: DocxDocument, first: str = "") -> None:
    """Nơi nhận on the left (after a fixed first line, if any), the signer on the right."""
    recipients = recipients_items()
    if first:
        recipients.insert(1, Line(first, 11, align=LEFT, hanging_cm=text_width_cm("- ", 11)))
    add_two_column_block(doc, (6.5, 9.0), [(recipients, signer_items())], top_pt=6)


def rule_for(sample: str) -> float:
    """A short line 0.4 times as long as a typical summary."""
    return 0.4 * text_width_cm(sample, 14, bold=True)


# The sentences' recurring pieces, as staff read them in Word.
TIMING = "{% if truoc_ky_hop %}trước{% else %}sau{% endif %}"
TIMING_UPPER = "{% if truoc_ky_hop %}TRƯỚC{% else %}SAU{% endif %}"
SESSION = "kỳ họp thứ {{ ky_hop }}, HĐND {{ don_vi }} khóa {{ khoa }}"
SESSION_FULL = (
    "kỳ họp thứ {{ ky_hop }}, HĐND {{ don_vi }} {{ ten_don_vi }} khóa {{ khoa }}, "
    "nhiệm kỳ {{ nhiem_ky }}"
)
GROUP = "Tổ đại biểu HĐND {{ don_vi }} {{ ten_don_vi }} số {{ to_so }}"
CHAIR = "Đồng chí {{ chu_toa }}{% if chuc_vu_chu_toa %}, {{ chuc_vu_chu_toa }},{% endif %}"
LIST_END = "{% if loop.last %}.{% else %};{% endif %}"


def build_schedule(path: Path) -> None:
    """Thông báo lịch tiếp xúc cử tri (thong_bao_lich_tiep_xuc); the table on a landscape page."""
    doc = new_document("Thông báo lịch tiếp xúc cử tri")
    header(doc)
    groups = (
        "{% if nhieu_to %}các Tổ đại biểu HĐND {{ don_vi }}"
        "{% else %}Tổ đại biểu HĐND {{ don_vi }} số {{ to_so }}{% endif %}"
    )
    add_title(
        doc,
        "THÔNG BÁO",
        f"Lịch tiếp xúc cử tri của {groups} {TIMING} {SESSION}",
        rule_cm=rule_for("Lịch tiếp xúc cử tri của các Tổ đại biểu HĐND tỉnh"),
    )
    add_body(
        doc,
        [
            (
                BODY,
                "{% if ke_hoach %}Thực hiện {{ ke_hoach }}, {% endif %}Thường trực HĐND "
                f"{{{{ don_vi }}}} thông báo lịch tiếp xúc cử tri của {groups} {TIMING} "
                f"{SESSION_FULL} (dự kiến khai mạc ngày {{{{ ngay_khai_mac }}}}) như sau:",
            )
        ],
    )
    start_section(doc, landscape=True)
    add_data_table(
        doc,
        [
            Column("STT", 1.2, "{{ r.stt }}", CENTER),
            Column("Tổ đại biểu", 2.3, "Tổ số {{ r.to_so }}", CENTER),
            Column(
                "Đại biểu",
                5.6,
                [
                    Control("{%p for d in r.dai_bieu %}"),
                    Line(
                        "{{ d.ten }}{% if d.to_truong %} (Tổ trưởng){% endif %}",
                        TABLE_SIZE,
                        align=LEFT,
                    ),
                    Control("{%p endfor %}"),
                ],
            ),
            Column("Thời gian", 4.6, "{{ r.thu }}, {{ r.ngay }}, từ {{ r.gio }}"),
            Column("Địa điểm", 6.0, "{{ r.dia_diem }}"),
            Column("Cử tri", 4.5, "Cử tri {{ r.noi }}"),
        ],
        "for r in lich",
    )
    start_section(doc, landscape=False)
    add_body(
        doc,
        [
            Control("{%p if de_nghi %}"),
            Control("{%p for d in de_nghi %}"),
            (BODY, "{{ d }}"),
            Control("{%p endfor %}"),
            Control("{%p else %}"),
            (
                BODY,
                "Đề nghị {% if cap_xa %}Ban Thường trực Ủy ban MTTQ {{ don_vi }} phối hợp với "
                "Trưởng các {{ cac_noi }}{% else %}Thường trực HĐND, UBND, Ban Thường trực Ủy ban "
                "MTTQ các {{ cac_noi }}{% endif %} nơi tổ chức tiếp xúc cử tri chuẩn bị địa điểm, "
                "thông báo rộng rãi để cử tri biết và tham dự.",
            ),
            (
                BODY,
                "Đề nghị UBND {{ don_vi }} chỉ đạo các cơ quan chuyên môn, đơn vị có liên quan cử "
                "đại diện lãnh đạo tham dự để tiếp thu, giải trình các ý kiến, kiến nghị của cử "
                "tri thuộc lĩnh vực phụ trách.",
            ),
            Control("{%p endif %}"),
            (
                LAST,
                "Thường trực HĐND {{ don_vi }} thông báo để các Tổ đại biểu HĐND {{ don_vi }}, "
                "các cơ quan, đơn vị có liên quan biết, phối hợp thực hiện./.",
            ),
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
        f"Hội nghị tiếp xúc cử tri {{{{ noi }}}} {TIMING} {SESSION}",
        rule_cm=rule_for("Hội nghị tiếp xúc cử tri xã trước kỳ họp"),
    )
    front = (
        "{% if mat_tran %}{{ mat_tran }}{% elif cap_xa %}Ban Công tác Mặt trận {{ noi }}"
        "{% else %}Ủy ban MTTQ Việt Nam {{ noi }}{% endif %}"
    )
    reporter = (
        "Đồng chí {{ bao_cao.ten }}{% if bao_cao.chuc_vu %}, {{ bao_cao.chuc_vu }}{% endif %}"
        "{% if bao_cao.to_truong %}, Tổ trưởng Tổ đại biểu{% endif %}"
    )
    add_body(
        doc,
        [
            (
                BODY,
                "Hồi {{ gio_bat_dau }}, {{ thu }}, {{ ngay }}, tại {{ dia_diem }}, "
                f"{front} phối hợp với {GROUP} tổ chức hội nghị tiếp xúc cử tri {{{{ noi }}}} "
                f"{TIMING} {SESSION_FULL}.",
            ),
            (HEADING, "I. THÀNH PHẦN THAM DỰ"),
            (HEADING, "1. Đại biểu HĐND {{ don_vi }} {{ ten_don_vi }}"),
            Control("{%p for d in dai_bieu %}"),
            (
                BODY,
                "- Đồng chí {{ d.ten }}{% if d.chuc_vu %}, {{ d.chuc_vu }}{% endif %}"
                "{% if d.to_truong %}, Tổ trưởng Tổ đại biểu{% endif %}" + LIST_END,
            ),
            Control("{%p endfor %}"),
            (HEADING, "2. Chủ tọa, thư ký hội nghị"),
            (
                BODY,
                "- Chủ tọa: Đồng chí {{ chu_toa }}"
                "{% if chuc_vu_chu_toa %}, {{ chuc_vu_chu_toa }}{% endif %};",
            ),
            (BODY, "- Thư ký: Đồng chí {{ thu_ky }}."),
            Control("{%p if khach_moi %}"),
            (HEADING, "3. Khách mời"),
            Control("{%p for k in khach_moi %}"),
            (BODY, "- {{ k }}" + LIST_END),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            Control("{%p if so_cu_tri %}"),
            (HEADING, "{% if khach_moi %}4{% else %}3{% endif %}. Cử tri tham dự"),
            (BODY, "Cử tri {{ noi }}: {{ so_cu_tri }} người."),
            Control("{%p endif %}"),
            (HEADING, "II. NỘI DUNG HỘI NGHỊ"),
            (HEADING, "1. Khai mạc"),
            (BODY, f"{CHAIR} tuyên bố lý do, giới thiệu thành phần tham dự hội nghị."),
            (HEADING, "2. Đại biểu báo cáo"),
            (
                BODY,
                f"{reporter}, thay mặt {GROUP} "
                "{% if noi_dung_bao_cao %}{{ noi_dung_bao_cao }}"
                f"{{% elif truoc_ky_hop %}}thông báo dự kiến nội dung, chương trình {SESSION}; "
                "báo cáo kết quả giải quyết ý kiến, kiến nghị của cử tri từ kỳ họp trước"
                f"{{% else %}}báo cáo kết quả {SESSION}; phổ biến các nghị quyết được thông qua "
                "tại kỳ họp{% endif %}.",
            ),
            (HEADING, "3. Ý kiến của cử tri"),
            Control("{%p if y_kien %}"),
            (BODY, "Có {{ so_y_kien }} ý kiến của cử tri phát biểu tại hội nghị, cụ thể:"),
            Control("{%p else %}"),
            (BODY, "Không có cử tri phát biểu ý kiến tại hội nghị."),
            Control("{%p endif %}"),
            Control("{%p for y in y_kien %}"),
            (BODY, "- Cử tri {{ y.cu_tri }}: {{ y.noi_dung }}"),
            Control("{%p if y.tra_loi %}"),
            (
                SUBHEADING,
                "Trả lời tại hội nghị{% if y.nguoi_tra_loi %} ({{ y.nguoi_tra_loi }}){% endif %}: "
                "{{ y.tra_loi }}",
            ),
            Control("{%p endif %}"),
            Control("{%p endfor %}"),
            Control("{%p if tra_loi %}"),
            (HEADING, "4. Trả lời, giải trình ý kiến của cử tri"),
            Control("{%p for t in tra_loi %}"),
            (
                BODY,
                "- Đồng chí {{ t.nguoi }}{% if t.chuc_vu %}, {{ t.chuc_vu }}{% endif %}: "
                "{{ t.noi_dung }}",
            ),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            (HEADING, "{% if tra_loi %}5{% else %}4{% endif %}. Kết luận hội nghị"),
            (
                BODY,
                f"{CHAIR} {{% if ket_luan %}}{{{{ ket_luan }}}}{{% else %}}thay mặt chủ tọa tiếp "
                f"thu ý kiến của cử tri; đề nghị {GROUP} tổng hợp đầy đủ các ý kiến, kiến nghị "
                "gửi Thường trực HĐND {{ don_vi }} để chuyển đến cơ quan có thẩm quyền xem xét, "
                "giải quyết; kết luận và bế mạc hội nghị{% endif %}.",
            ),
            (
                LAST,
                "Hội nghị kết thúc vào hồi {{ gio_ket_thuc }} cùng ngày. Biên bản đã được thông "
                "qua tại hội nghị./.",
            ),
        ],
    )
    column = [
        Line("THƯ KÝ", 14, bold=True),
        *[Line("", 14) for _ in range(4)],
        Line("{{ thu_ky }}", 14, bold=True),
    ]
    chair = [
        Line("CHỦ TỌA", 14, bold=True),
        *[Line("", 14) for _ in range(4)],
        Line("{{ chu_toa }}", 14, bold=True),
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
        f"Tổng hợp ý kiến, kiến nghị của cử tri {TIMING} {SESSION}",
        rule_cm=rule_for("Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp"),
    )
    items = "{%p for i in g.noi_dung %}"
    add_body(
        doc,
        [
            (
                BODY,
                "{% if ke_hoach %}Thực hiện {{ ke_hoach }}, từ ngày{% else %}Từ ngày{% endif %} "
                "{{ tu_ngay }} đến ngày {{ den_ngay }}, các Tổ đại biểu HĐND {{ don_vi }} đã tổ "
                f"chức tiếp xúc cử tri {TIMING} {SESSION_FULL} tại các {{{{ cac_noi }}}}. "
                "Thường trực HĐND {{ don_vi }} tổng hợp ý kiến, kiến nghị của cử tri như sau:",
            ),
            (HEADING, "I. KHÁI QUÁT CHUNG"),
            (
                BODY,
                "Các Tổ đại biểu HĐND {{ don_vi }} đã tổ chức {{ so_hoi_nghi }} hội nghị tiếp "
                "xúc cử tri với {{ so_luot_cu_tri }} lượt cử tri tham dự; cử tri nêu "
                "{{ so_y_kien }} ý kiến, kiến nghị{% if so_tra_loi %}, trong đó {{ so_tra_loi }} "
                "ý kiến đã được trả lời trực tiếp tại hội nghị{% endif %}.",
            ),
            (
                BODY,
                "Sau khi tổng hợp, gộp các ý kiến trùng nội dung, có {{ so_noi_dung }} nội dung "
                "kiến nghị thuộc thẩm quyền giải quyết của UBND {{ don_vi }} và các cơ quan cấp "
                "trên.",
            ),
            (
                BODY,
                "Báo cáo này chỉ tổng hợp các ý kiến, kiến nghị thuộc thẩm quyền giải quyết của "
                "UBND {{ don_vi }} và của các cơ quan cấp trên."
                "{% if so_chuyen_cap_duoi and not cap_xa %} Có {{ so_chuyen_cap_duoi }} nội dung "
                "thuộc thẩm quyền giải quyết của các {{ cac_noi }} đã được chuyển đến Thường trực "
                "HĐND, UBND các {{ cac_noi }} xem xét, giải quyết.{% endif %}",
            ),
            Control("{%p if theo_cap %}"),
            (
                BODY,
                "Phân theo cấp giải quyết: {% for c in theo_cap %}{{ c.cap }} {{ c.so }} nội dung"
                "{% if not loop.last %}; {% endif %}{% endfor %}.",
            ),
            Control("{%p endif %}"),
            Control("{%p if theo_linh_vuc %}"),
            (
                BODY,
                "Phân theo lĩnh vực: {% for l in theo_linh_vuc %}{{ l.linh_vuc }} {{ l.so }} nội "
                "dung{% if not loop.last %}; {% endif %}{% endfor %}.",
            ),
            Control("{%p endif %}"),
            Control("{%p if cap_minh %}"),
            (
                HEADING,
                "{{ muc_cap_minh }}. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA UBND "
                "{{ don_vi|upper_vn }}",
            ),
            Control("{%p for g in cap_minh %}"),
            (SUBHEADING, "{{ loop.index }}. Lĩnh vực {{ g.linh_vuc }} ({{ g.so }} nội dung)"),
            Control(items),
            (BODY, "- {{ i.tom_tat }} (cử tri {{ i.noi }})."),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            Control("{%p if cap_tren %}"),
            (
                HEADING,
                "{{ muc_cap_tren }}. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA CƠ QUAN CẤP TRÊN",
            ),
            Control("{%p for c in cap_tren %}"),
            (HEADING, "{{ loop.index }}. Thuộc thẩm quyền {{ c.cap }} ({{ c.so }} nội dung)"),
            Control("{%p for g in c.linh_vuc %}"),
            (SUBHEADING, "Lĩnh vực {{ g.linh_vuc }} ({{ g.so }} nội dung)"),
            Control(items),
            (BODY, "- {{ i.tom_tat }} (cử tri {{ i.noi }}; cơ quan giải quyết: {{ i.co_quan }})."),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
            Control("{%p endif %}"),
            (HEADING, "{{ muc_de_xuat }}. ĐỀ XUẤT, KIẾN NGHỊ"),
            Control("{%p if de_xuat %}"),
            Control("{%p for d in de_xuat %}"),
            (BODY, "{{ d }}"),
            Control("{%p endfor %}"),
            Control("{%p else %}"),
            (
                BODY,
                "Đề nghị UBND {{ don_vi }} chỉ đạo các cơ quan chuyên môn, đơn vị có liên quan "
                "xem xét, giải quyết các ý kiến, kiến nghị của cử tri thuộc thẩm quyền; báo cáo "
                f"kết quả giải quyết {{% if truoc_ky_hop %}}tại {SESSION}"
                "{% else %}tại kỳ họp thường lệ tiếp theo{% endif %}.",
            ),
            Control("{%p if cap_tren %}"),
            (
                BODY,
                "Thường trực HĐND {{ don_vi }} chuyển các ý kiến, kiến nghị thuộc thẩm quyền của "
                "cơ quan cấp trên đến cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
            ),
            Control("{%p endif %}"),
            Control("{%p endif %}"),
            (
                LAST,
                f"Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của cử tri {TIMING} {SESSION} "
                "của Thường trực HĐND {{ don_vi }}./.",
            ),
        ],
    )
    closing_block(doc)
    add_centered(doc, "Phụ lục", bold=True, page_break=True)
    add_centered(
        doc,
        f"DANH MỤC Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI {TIMING_UPPER} KỲ HỌP THỨ {{{{ ky_hop }}}}, "
        "HĐND {{ don_vi|upper_vn }} KHÓA {{ khoa }}",
        bold=True,
    )
    add_centered(
        doc,
        "(Kèm theo Báo cáo số {{ so_ky_hieu }} ngày {{ ngay_ban_hanh }} của Thường trực HĐND "
        "{{ don_vi }})",
        italic=True,
        after=12,
    )
    add_data_table(
        doc,
        [
            Column("STT", 1.0, "{{ a.stt }}", CENTER),
            Column("Nội dung ý kiến, kiến nghị", 5.9, "{{ a.tom_tat }}"),
            Column("Nơi nêu", 2.8, "{{ a.noi }}"),
            Column("Lĩnh vực", 2.4, "{{ a.linh_vuc }}"),
            Column("Cấp, cơ quan giải quyết", 3.4, "{{ a.co_quan }} ({{ a.cap }})"),
        ],
        "for a in phu_luc",
    )
    add_end_paragraph(doc)
    save_deterministic(doc, path)


def build_letter(path: Path) -> None:
    """Công văn chuyển ý kiến, kiến nghị của cử tri (cong_van_chuyen), with the attached list."""
    doc = new_document("Công văn chuyển ý kiến, kiến nghị của cử tri")
    header(doc, vv=f"V/v chuyển ý kiến, kiến nghị của cử tri {TIMING} {SESSION}")
    add_control(doc, "{%p if kinh_gui|length == 1 %}")
    add_kinh_gui(doc, "Kính gửi: {{ kinh_gui[0] }}", before=18, after=12)
    add_control(doc, "{%p else %}")
    add_kinh_gui(doc, "Kính gửi:", before=18)
    add_control(doc, "{%p for k in kinh_gui %}")
    add_kinh_gui(doc, "- {{ k }}" + LIST_END)
    add_control(doc, "{%p endfor %}")
    add_kinh_gui(doc, "", after=6)
    add_control(doc, "{%p endif %}")
    add_body(
        doc,
        [
            (
                BODY,
                "{% if tu_ngay %}Từ ngày {{ tu_ngay }} đến ngày {{ den_ngay }}, các Tổ đại biểu "
                f"HĐND {{{{ don_vi }}}} đã tổ chức tiếp xúc cử tri {TIMING} {SESSION_FULL}. Qua "
                f"tiếp xúc, cử tri{{% else %}}Qua tiếp xúc cử tri {TIMING} {SESSION_FULL}, cử tri"
                "{% endif %} đã nêu {{ so_noi_dung }} nội dung ý kiến, kiến nghị thuộc thẩm quyền "
                "giải quyết của {{ noi_nhan }}.",
            ),
            (
                LAST,
                "Thường trực HĐND {{ don_vi }} chuyển các ý kiến, kiến nghị của cử tri (có danh "
                "sách kèm theo) đến {{ noi_nhan }}, đề nghị xem xét, giải quyết và trả lời bằng "
                "văn bản gửi về Thường trực HĐND {{ don_vi }} trước ngày {{ han_tra_loi }} để "
                "thông báo đến cử tri./.",
            ),
        ],
    )
    closing_block(doc, first="- Như trên;")
    add_centered(doc, "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI", bold=True, page_break=True)
    add_centered(
        doc,
        "(Kèm theo Công văn số {{ so_ky_hieu }} ngày {{ ngay_ban_hanh }} của Thường trực HĐND "
        "{{ don_vi }})",
        italic=True,
        after=12,
    )
    add_body(
        doc,
        [
            Control("{%p for g in danh_sach %}"),
            (SUBHEADING, "Lĩnh vực {{ g.linh_vuc }}"),
            Control("{%p for i in g.noi_dung %}"),
            (BODY, "{{ i.stt }}. {{ i.tom_tat }} (cử tri {{ i.noi }})."),
            Control("{%p endfor %}"),
            Control("{%p endfor %}"),
        ],
    )
    add_end_paragraph(doc)
    save_deterministic(doc, path)
