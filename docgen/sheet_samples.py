"""The sample sheets clerks download: the schema's Vietnamese labels as the header row.

Rows come from a round fixture when one is there, written as a clerk would type them (labels for
choices, dd/mm/yyyy dates), so the sample reads back into the same data.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from docgen import typed
from docgen.sheets import SHEETS, Column, columns
from docgen.vocab import LEVELS

SAMPLE_NAMES = {"petitions": "mau-y-kien-cu-tri", "meetings": "mau-hoi-nghi-tiep-xuc"}
SAMPLE_TITLES = {
    "petitions": "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI",
    "meetings": "DANH SÁCH HỘI NGHỊ TIẾP XÚC CỬ TRI",
}
# The sample a clerk picks, by the council it is for: (name in the link, round fixture it reads,
# choices it leaves out). Archived district rounds keep the district level; today's councils not.
VARIANTS: dict[str, tuple[str, str, frozenset[str]]] = {
    "xa": (f"HĐND {LEVELS['xa']}, phường (từ 2026)", "round_xa_2026.json", frozenset({"huyen"})),
    "tinh": (f"HĐND {LEVELS['tinh']}", "round_tinh_2026.json", frozenset({"huyen"})),
    "huyen": (
        f"HĐND {LEVELS['huyen']} (lưu trữ, trước 01/7/2025)",
        "round_luc_ngan.json",
        frozenset(),
    ),
}
DEFAULT_VARIANT = "xa"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"


def cell_text(column: Column, value: Any) -> Any:
    """A JSON value as a clerk would type it in the sheet (labels, dd/mm/yyyy dates)."""
    if value is None or value == []:
        return ""
    if column.kind == "select":
        return next((c.label for c in column.choices if c.value == value), value)
    if column.kind == "date":
        return typed.show_date(value)
    if column.kind == "datetime":
        return typed.show_datetime(value)
    if column.kind == "checkbox":
        return "x" if value else ""
    if column.kind == "list":
        return "; ".join(value)
    if column.kind == "pairs":
        return typed.show_pairs(column.parts, value)
    return value


def sample_rows(kind: str, fixtures_dir: str | Path, variant: str = "") -> list[dict[str, Any]]:
    """Example rows: the variant's round fixture, else the first fixture whose rows all load."""
    folder = Path(fixtures_dir) if fixtures_dir else None
    if folder is None or not folder.is_dir():
        return []
    schema = SHEETS[kind]()
    wanted = VARIANTS[variant][1] if variant in VARIANTS else ""
    paths = sorted(
        folder.glob("*.json"), key=lambda p: (p.name != wanted, "round" not in p.name, p.name)
    )
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = data[kind]
            if rows and isinstance(rows, list):
                schema.load(rows, many=True)
                return rows
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            continue
    return []


def sample(
    kind: str, ext: str, fixtures_dir: str | Path = "", variant: str = DEFAULT_VARIANT
) -> tuple[bytes, str]:
    """The sample sheet of a list for a kind of council, as XLSX or CSV bytes, and its media type."""
    left_out = VARIANTS[variant][2] if variant in VARIANTS else frozenset()
    cols = [
        replace(c, choices=tuple(ch for ch in c.choices if ch.value not in left_out))
        for c in columns(SHEETS[kind])
    ]
    rows = [
        [cell_text(c, row.get(c.name)) for c in cols]
        for row in sample_rows(kind, fixtures_dir, variant)
    ]
    header = [c.label for c in cols]
    if ext == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), CSV_MIME  # BOM: Excel reads UTF-8
    return _sample_xlsx(kind, cols, header, rows), XLSX_MIME


def _sample_xlsx(kind: str, cols: list[Column], header: list[str], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = "Du lieu"
    ws.append([SAMPLE_TITLES[kind]])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
    lists = book.create_sheet("Danh muc")
    for i, column in enumerate(cols, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = 40 if column.kind in ("text", "list", "pairs") else 18
        if column.kind == "select":
            labels = [c.label for c in column.choices if c.value]
            for r, text in enumerate(labels, start=1):
                lists.cell(row=r, column=i, value=text)
            rule = DataValidation(
                type="list", formula1=f"='Danh muc'!${letter}$1:${letter}${len(labels)}"
            )
            rule.add(f"{letter}4:{letter}1000")
            ws.add_data_validation(rule)
    lists.sheet_state = "hidden"
    ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
