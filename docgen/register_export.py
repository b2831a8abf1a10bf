"""The outgoing register printed in the layout of Decree 30's model (Appendix IV.I): XLSX and DOCX.

The DOCX goes through the service's one PDF path to become the printable, bindable register.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from docgen import vn
from docgen.register import EntryInfo

# The model's cover lines and its ten numbered columns (Decree 30, Appendix IV.I), as data.
TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Số, ký hiệu văn bản", 2.6),
    ("Ngày tháng văn bản", 2.0),
    ("Tên loại và trích yếu nội dung văn bản", 5.4),
    ("Người ký", 2.4),
    ("Nơi nhận văn bản", 4.0),
    ("Đơn vị, người nhận bản lưu", 2.2),
    ("Số lượng bản", 1.4),
    ("Ngày chuyển", 1.8),
    ("Ký nhận", 1.6),
    ("Ghi chú", 2.6),
)
CANCELLED_NOTE = "Đã thu hồi, hủy: {reason} ({by}, {when})"


@dataclass(frozen=True)
class Cover:
    """The register's first page: parent body, body, year, dates, numbers, book."""

    parent: str
    body: str
    year: int | None
    first_date: str
    last_date: str
    first_number: str
    last_number: str
    book: str = "01"

    def lines(self) -> list[str]:
        """The cover lines, in the model's order."""
        return [
            self.parent,
            self.body,
            TITLE,
            f"Năm: {self.year or '…'}",
            f"Từ ngày {self.first_date} đến ngày {self.last_date}",
            f"Từ số {self.first_number} đến số {self.last_number}",
            f"Quyển số: {self.book}",
        ]


def cover(entries: Sequence[EntryInfo], issuer: str | None, year: int | None) -> Cover:
    """The cover of these entries (one issuing body's, one year's)."""
    names = (issuer or (entries[0].issuer if entries else "")).split(" – ", 1)
    parent, body = (names + [""])[:2] if len(names) == 2 else ("", names[0])
    dates = sorted(e.date for e in entries)
    numbers = sorted(e.number for e in entries)
    return Cover(
        parent=parent,
        body=body,
        year=year,
        first_date=dates[0].strftime("%d/%m/%Y") if dates else "…",
        last_date=dates[-1].strftime("%d/%m/%Y") if dates else "…",
        first_number=vn.pad2(numbers[0]) if numbers else "…",
        last_number=vn.pad2(numbers[-1]) if numbers else "…",
    )


def row_of(entry: EntryInfo) -> list[str]:
    """The ten cells of one entry."""
    note = ""
    if entry.status == "cancelled":
        when = entry.cancelled_at.strftime("%d/%m/%Y") if entry.cancelled_at else ""
        note = CANCELLED_NOTE.format(reason=entry.cancel_reason, by=entry.cancelled_by, when=when)
    return [
        entry.number_symbol,
        entry.date.strftime("%d/%m/%Y"),
        entry.summary,
        entry.signer,
        "; ".join(entry.recipients),
        entry.archive,
        str(entry.copies),
        "",
        "",
        note,
    ]


def to_xlsx(entries: Sequence[EntryInfo], page: Cover) -> bytes:
    """The register as a workbook: the cover lines, the numbered header, one row per entry."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sổ văn bản đi"
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=11)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = len(COLUMNS)
    for index, line in enumerate(page.lines(), start=1):
        sheet.cell(row=index, column=1, value=line).font = bold if index <= 3 else plain
        sheet.cell(row=index, column=1).alignment = centre
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
    head = len(page.lines()) + 2
    for column, (label, cm) in enumerate(COLUMNS, start=1):
        for row, value in ((head, label), (head + 1, f"({column})")):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font, cell.alignment, cell.border = bold, centre, box
        letter = sheet.cell(row=head, column=column).column_letter
        sheet.column_dimensions[letter].width = cm * 5
    for offset, entry in enumerate(entries, start=head + 2):
        for column, value in enumerate(row_of(entry), start=1):
            cell = sheet.cell(row=offset, column=column, value=value)
            cell.font, cell.alignment, cell.border = plain, wrap, box
    sheet.print_title_rows = f"{head}:{head + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(entries: Sequence[EntryInfo], page: Cover) -> bytes:
    """The register as a landscape A4 document (its PDF is the printable register)."""
    doc = Document()
    doc.core_properties.title = TITLE
    doc.core_properties.subject = " ".join(page.lines()[:2] + page.lines()[3:4])
    doc.core_properties.language = "vi-VN"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    for index, line in enumerate(page.lines()):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = index < 3
        run.font.size = Pt(16 if index == 2 else 13)
    doc.add_page_break()
    table = doc.add_table(rows=2, cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    for column, (label, cm) in enumerate(COLUMNS):
        for row, value in ((0, label), (1, f"({column + 1})")):
            cell = table.cell(row, column)
            cell.width = Cm(cm)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(value).bold = True
    for entry in entries:
        cells = table.add_row().cells
        for column, value in enumerate(row_of(entry)):
            cells[column].width = Cm(COLUMNS[column][1])
            cells[column].paragraphs[0].add_run(value)
    # The header rows repeat on every page of the bound register.
    for row in table.rows[:2]:
        tr_pr = row._tr.get_or_add_trPr()
        header = tr_pr.makeelement(qn("w:tblHeader"), {})
        tr_pr.append(header)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
