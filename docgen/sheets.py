"""Clerks' spreadsheets (XLSX, CSV) → the round's lists: one row per petition or per meeting.

The columns come from the item schema's Vietnamese labels, so a sheet follows the schema. Reading
tolerates what real sheets hold: title rows (merged or not) above the header, blank rows, extra
spaces, dates typed as text (02/12/2020, 2/12/2020) or stored as Excel dates, choices written as
their Vietnamese labels ("Đất đai", "Cấp tỉnh", "tỉnh"). Problems are named by row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marshmallow import Schema, ValidationError

from docgen import forms, typed
from docgen.errors import flatten_messages
from docgen.schemas.round import MeetingSchema, PetitionSchema
from docgen.vocab import PETITION_FIELDS

# The lists a spreadsheet can fill, by their field name in a schema, with the canonical item schema.
SHEETS: dict[str, type[Schema]] = {"petitions": PetitionSchema, "meetings": MeetingSchema}
PETITION_FIELDS_LABELS = tuple(PETITION_FIELDS.values())
HEADER_SEARCH_ROWS = 30  # title rows above the header are looked through this far


class SheetError(Exception):
    """The file cannot be read as a spreadsheet at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the field it fills and how a cell becomes its value."""

    name: str
    label: str
    kind: str  # a forms scalar kind, or "list" (text items), or "pairs" (name (detail) items)
    required: bool
    choices: tuple[forms.Choice, ...] = ()
    parts: tuple[str, ...] = ()  # a "pairs" column's item fields
    open_choices: bool = False  # other values than the choices are kept (the schema checks)


@dataclass(frozen=True)
class SheetResult:
    """The rows read, by list name, and every problem found (nothing is taken if any)."""

    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    # Where each item came from and what is wrong in which of its cells, for a table to show:
    # {"petitions": [5, 6, …]} sheet row numbers; {"petitions.1.field": ["…"]} cell problems.
    rows: dict[str, list[int]] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)


def columns(schema: Schema | type[Schema]) -> list[Column]:
    """The sheet's columns for an item schema, in the schema's order."""
    out = []
    for node in forms.build_form(schema).children:
        if node.kind == "list" and node.item.kind != "group":
            out.append(Column(node.name, node.label, "list", node.required))
        elif node.kind == "list":
            parts = tuple(c.name for c in node.item.children if c.kind == "text")[:2]
            if parts:
                out.append(Column(node.name, node.label, "pairs", node.required, parts=parts))
        elif node.kind != "group":
            out.append(
                Column(
                    node.name,
                    node.label,
                    node.kind,
                    node.required,
                    node.choices,
                    open_choices=node.open_choices,
                )
            )
    return out


def _key(text: Any) -> str:
    """A header or choice as compared: NFC, lower case, single spaces, no trailing marks."""
    text = unicodedata.normalize("NFC", str(text or "")).lower()
    text = re.sub(r"\s+", " ", text).strip(" *:.")
    return text


# ---------------------------------------------------------------------------------------------
# reading


def read_sheet(filename: str, content: bytes, targets: Mapping[str, Schema]) -> SheetResult:
    """Read every table of an XLSX or CSV file into the lists it matches (by its header row)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        tables = _xlsx_tables(content)
    elif suffix == ".csv":
        tables = [("", _csv_rows(content, targets))]
    else:
        raise SheetError(
            f"“{filename}” không phải bảng tính được hỗ trợ: chọn tệp .xlsx (Excel) hoặc .csv."
        )
    specs = {name: columns(schema) for name, schema in targets.items()}
    lists: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    row_numbers: dict[str, list[int]] = {}
    cells: dict[str, list[str]] = {}
    found = False
    for sheet_name, rows in tables:
        where = f"Trang “{sheet_name}”, " if len(tables) > 1 else ""
        match = _find_header(rows, specs)
        if match is None:
            continue
        found = True
        name, header_index, mapping = match
        missing = [c.label for c in specs[name] if c.required and c.name not in mapping.values()]
        if missing:
            problems.append(f"{where}thiếu cột: " + ", ".join(f"“{m}”" for m in missing) + ".")
            continue
        read = _read_rows(rows, header_index, mapping, specs[name], targets[name])
        start = len(lists.setdefault(name, []))
        lists[name].extend(read.items)
        row_numbers.setdefault(name, []).extend(read.numbers)
        problems.extend(f"{where}{p}" for p in read.problems)
        for (index, column), messages in read.cells.items():
            cells.setdefault(f"{name}.{start + index}.{column}", []).extend(messages)
    if not found:
        wanted = "; ".join(
            ", ".join(f"“{c.label}”" for c in cols if c.required)[:200] for cols in specs.values()
        )
        raise SheetError(
            f"Không tìm thấy dòng tiêu đề trong “{filename}”. Dòng tiêu đề cần có các cột: {wanted}. "
            "Tải bảng mẫu để xem cách ghi."
        )
    return SheetResult(lists, tuple(problems), row_numbers, cells)


def _xlsx_tables(content: bytes) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike: not a readable workbook
        raise SheetError(
            "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng."
        ) from exc
    return [
        (ws.title, [tuple(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)])
        for ws in book.worksheets
    ]


def _csv_rows(content: bytes, targets: Mapping[str, Schema]) -> list[tuple[Any, ...]]:
    """A CSV's rows, split by whichever of , ; or tab makes a header row appear."""
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly anything
        raise SheetError("Không đọc được tệp CSV: hãy lưu bằng “CSV UTF-8” trong Excel.")
    text = unicodedata.normalize("NFC", text)
    specs = {name: columns(schema) for name, schema in targets.items()}
    best: tuple[int, list[tuple[Any, ...]]] = (-1, [])
    for delimiter in (",", ";", "\t"):
        rows = [tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        match = _find_header(rows, specs)
        score = len(match[2]) if match else 0
        if score > best[0]:
            best = (score, rows)
    return best[1]


def _find_header(
    rows: Sequence[tuple[Any, ...]], specs: Mapping[str, list[Column]]
) -> tuple[str, int, dict[int, str]] | None:
    """The list, header row index and {column index: field} of the best-matching row."""
    best: tuple[int, str, int, dict[int, str]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for name, cols in specs.items():
            by_key = {_key(c.label): c.name for c in cols} | {_key(c.name): c.name for c in cols}
            mapping = {i: by_key[_key(v)] for i, v in enumerate(row) if _key(v) in by_key}
            score = len(set(mapping.values()))
            if score >= 2 and (best is None or score > best[0]):
                best = (score, name, index, mapping)
    return None if best is None else best[1:]


@dataclass
class _Rows:
    items: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each item's row in the sheet
    problems: list[str] = field(default_factory=list)
    cells: dict[tuple[int, str], list[str]] = field(default_factory=dict)  # (item, column)


def _read_rows(
    rows: Sequence[tuple[Any, ...]],
    header_index: int,
    mapping: dict[int, str],
    cols: list[Column],
    schema: Schema,
) -> _Rows:
    by_name = {c.name: c for c in cols}
    letters = {name: _letter(i) for i, name in mapping.items()}
    out = _Rows()
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {name: row[i] if i < len(row) else None for i, name in mapping.items()}
        if all(_blank(v) for v in cells.values()):
            continue  # blank rows between and after the data
        index = len(out.items)
        item: dict[str, Any] = {}
        reported: set[str] = set()
        for name, value in cells.items():
            column = by_name[name]
            try:
                converted = _convert(column, value)
            except ValueError as exc:
                out.problems.append(_where(offset, letters[name], column.label, str(exc)))
                out.cells.setdefault((index, name), []).append(str(exc))
                item[name] = _text(value)  # kept as typed, for the clerk to correct
                reported.add(name)
                continue
            if converted is not None:
                item[name] = converted
        try:
            schema.load(item)
        except ValidationError as exc:
            for path, messages in flatten_messages(exc.messages).items():
                name = path.split(".")[0]
                if name in reported:
                    continue  # its cell's own problem is already named
                letter = letters.get(name, "")
                label = by_name[name].label if name in by_name else path
                out.problems.extend(_where(offset, letter, label, m) for m in messages)
                out.cells.setdefault((index, name), []).extend(messages)
        out.items.append(item)
        out.numbers.append(offset)
    return out


def _where(row: int, letter: str, label: str, message: str) -> str:
    column = f"cột {letter} ({label})" if letter else f"cột “{label}”"
    return f"Dòng {row}, {column}: {message}"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return typed.text(value)


def _convert(column: Column, value: Any) -> Any:
    """A cell's value as the field's JSON value; None when blank; ValueError (Vietnamese) if bad."""
    if _blank(value):
        return [] if column.kind in ("list", "pairs") and column.required else None
    kind = column.kind
    if kind == "integer":
        return _integer(value)
    if kind == "date":
        return _date(value).isoformat()
    if kind == "datetime":
        return _datetime(value).isoformat(timespec="minutes")
    if kind == "select":
        return _choice(column, value)
    if kind == "checkbox":
        return _key(value) in {"x", "có", "co", "1", "true", "đúng", "yes"}
    if kind == "list":
        return typed.split_list(value)
    if kind == "pairs":
        return typed.parse_pairs(column.parts, value)
    return _text(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("phải là một số nguyên.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value).replace(".", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(f"“{_text(value)}” không phải số nguyên.")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel(value).date()
    return typed.parse_date(value)


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel(value).replace(second=0, microsecond=0)
    return typed.parse_datetime(value)


def _from_excel(serial: float) -> dt.datetime:
    from openpyxl.utils.datetime import from_excel

    try:
        value = from_excel(serial)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"“{serial}” không phải ngày hợp lệ.") from exc
    if not isinstance(value, dt.datetime) or not 1900 < value.year < 2200:
        raise ValueError(f"“{serial}” không phải ngày hợp lệ.")
    return value


def _choice(column: Column, value: Any) -> str:
    return typed.parse_choice(column.choices, value, open_choices=column.open_choices)
