"""sheets.py: clerks' spreadsheets as they really are → petitions and meetings, problems named."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from docgen import sheet_samples, sheets
from docgen.schemas.round import MeetingSchema, PetitionSchema

DATA = Path(__file__).parent / "data"
TARGETS = {"petitions": PetitionSchema(), "meetings": MeetingSchema()}
P_HEADER = [
    "STT",
    "Mã ý kiến",
    "Mã hội nghị nơi nêu ý kiến",
    "Cử tri nêu ý kiến",
    "Nội dung cử tri nêu",
    "Nội dung tóm tắt",
    "Lĩnh vực",
    "Cấp có thẩm quyền giải quyết",
    "Cơ quan có thẩm quyền",
]
M_HEADER = [
    "Mã hội nghị",
    "Tổ đại biểu số",
    "Cử tri của đơn vị",
    "Địa điểm",
    "Bắt đầu",
    "Kết thúc",
    "Chủ tọa",
    "Thư ký",
    "Số cử tri tham dự",
    "Đại biểu dự",
]


def xlsx(rows, *, merge_title=True) -> bytes:
    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    if merge_title:
        ws.merge_cells("A1:F1")
        ws.merge_cells("A2:F2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def petition(n, **over):
    row = [
        n,
        f"P{n}",
        "M1",
        "Vi Văn Sáu (thôn Ao Sen); Nông Thị Mai",
        "Nội dung đầy đủ",
        "Tóm tắt",
        "Đất đai",
        "Cấp tỉnh",
        "Sở Nông nghiệp và Môi trường",
    ]
    for index, value in over.items():
        row[int(index[1:])] = value
    return row


def test_title_rows_merged_cells_spaces_and_trailing_blanks():
    content = xlsx(
        [
            ["HĐND XÃ BIÊN SƠN"],
            ["DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI"],
            [],
            [f"  {h.upper() if i == 1 else h}  " for i, h in enumerate(P_HEADER)],
            petition(1, c6="  Đất   đai ", c7="tỉnh"),
            [],
            petition(2, c6="Giao thông, xây dựng", c7="Trung ương", c1=2),
            [None] * 9,
            ["", "  ", None],
        ]
    )
    result = sheets.read_sheet("y-kien.xlsx", content, TARGETS)
    assert result.problems == ()
    first, second = result.lists["petitions"]
    assert first["field"] == "dat_dai" and first["level"] == "tinh"
    assert first["voters"] == [
        {"name": "Vi Văn Sáu", "address": "thôn Ao Sen"},
        {"name": "Nông Thị Mai"},
    ]
    assert second["id"] == "2"  # a number typed as an id is text, without ".0"
    assert second["field"] == "giao_thong_xay_dung" and second["level"] == "trung_uong"


@pytest.mark.parametrize(
    "cell",
    [
        "20/11/2026 07:30",
        "20/11/2026 7:30",
        "20/11/2026 7h30",
        "20-11-2026 07:30",
        "7:30 20/11/2026",
        dt.datetime(2026, 11, 20, 7, 30),
        46346.3125,
    ],
)
def test_meeting_times_as_text_excel_dates_and_serials(cell):
    row = ["M1", 1, "Ao Sen", "Nhà văn hóa", cell, "20/11/2026 10:30", "A", "B", "85", "An; Bình"]
    result = sheets.read_sheet("hn.xlsx", xlsx([M_HEADER, row], merge_title=False), TARGETS)
    assert result.problems == ()
    (meeting,) = result.lists["meetings"]
    assert meeting["start"] == "2026-11-20T07:30"
    assert meeting["voters"] == 85 and meeting["deputies_present"] == ["An", "Bình"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("02/12/2020", dt.date(2020, 12, 2)),
        ("2/12/2020", dt.date(2020, 12, 2)),
        ("2020-12-02", dt.date(2020, 12, 2)),
        (dt.datetime(2020, 12, 2), dt.date(2020, 12, 2)),
        (44167, dt.date(2020, 12, 2)),
        ("02.12.2020", dt.date(2020, 12, 2)),
    ],
)
def test_dates(text, day):
    assert sheets._date(text) == day


@pytest.mark.parametrize("text", ["31/02/2020", "12/2020", "hôm qua"])
def test_bad_dates_are_refused_in_vietnamese(text):
    with pytest.raises(ValueError, match="không phải ngày hợp lệ"):
        sheets._date(text)


def test_bad_rows_are_named_by_row_and_column():
    content = xlsx(
        [
            ["DANH SÁCH"],
            [],
            P_HEADER,
            petition(1),
            petition(2, c6="Đất đaii"),
            petition(3, c5=""),
        ]
    )
    result = sheets.read_sheet("y-kien.xlsx", content, TARGETS)
    assert result.problems == (
        "Dòng 5, cột G (Lĩnh vực): “Đất đaii” không có trong danh sách; chọn một trong: "
        + ", ".join(sheets.PETITION_FIELDS_LABELS)
        + ".",
        "Dòng 6, cột F (Nội dung tóm tắt): Thiếu dữ liệu bắt buộc.",
    )


def test_a_missing_required_column_is_named():
    header = [h for h in P_HEADER if h != "Lĩnh vực"]
    result = sheets.read_sheet("y.xlsx", xlsx([header], merge_title=False), TARGETS)
    assert result.problems == ("thiếu cột: “Lĩnh vực”.",)


def test_no_header_row_is_a_clear_error():
    with pytest.raises(sheets.SheetError, match="Không tìm thấy dòng tiêu đề"):
        sheets.read_sheet("x.xlsx", xlsx([["a", "b"], [1, 2]], merge_title=False), TARGETS)


@pytest.mark.parametrize("name", ["x.docx", "x.xls", "x"])
def test_other_files_are_refused(name):
    with pytest.raises(sheets.SheetError, match=r"\.xlsx"):
        sheets.read_sheet(name, b"whatever", TARGETS)


def test_a_broken_xlsx_is_refused():
    with pytest.raises(sheets.SheetError, match="Không đọc được tệp Excel"):
        sheets.read_sheet("x.xlsx", b"PK\x03\x04 not really", TARGETS)


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "utf-8"), ("\t", "utf-8")]
)
def test_csv_with_either_delimiter_and_encoding(delimiter, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Danh sách ý kiến cử tri"])
    writer.writerow(P_HEADER)
    writer.writerow(petition(1))
    writer.writerow([])
    result = sheets.read_sheet("y.csv", buffer.getvalue().encode(encoding), TARGETS)
    assert result.problems == ()
    assert result.lists["petitions"][0]["summary"] == "Tóm tắt"


@pytest.mark.parametrize("kind", list(sheets.SHEETS))
@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_the_sample_sheets_read_back_into_their_rows(kind, ext):
    content, _ = sheet_samples.sample(kind, ext, DATA)
    expected = sheet_samples.sample_rows(kind, DATA)
    assert expected, "the round sample in tests/data has rows"
    result = sheets.read_sheet(f"mau.{ext}", content, TARGETS)
    assert result.problems == ()
    got = result.lists[kind]
    schema = sheets.SHEETS[kind]()
    assert [schema.load(r) for r in got] == [schema.load(r) for r in expected]


def test_the_sample_header_is_the_schema_labels_in_vietnamese():
    content, _ = sheet_samples.sample("petitions", "xlsx")
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    header = [c.value for c in ws[3]]
    assert header == [c.label for c in sheets.columns(PetitionSchema)]
    assert header[:2] == ["Mã ý kiến", "Mã hội nghị nơi nêu ý kiến"]
    last = ws.cell(row=3, column=len(header)).column_letter
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
