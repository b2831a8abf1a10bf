"""What clerks type, read the Vietnamese way: the table is the specification."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import typed


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("02/12/2026", dt.date(2026, 12, 2)),
        ("2/12/2026", dt.date(2026, 12, 2)),
        ("02-12-2026", dt.date(2026, 12, 2)),
        ("2.12.2026", dt.date(2026, 12, 2)),
        (" 02 / 12 / 2026 ", dt.date(2026, 12, 2)),
        ("2026-12-02", dt.date(2026, 12, 2)),
        ("29/02/2028", dt.date(2028, 2, 29)),
    ],
)
def test_dates(text, day):
    assert typed.parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "“31/02/2026” không phải ngày hợp lệ: tháng 2 năm 2026 chỉ có 28 ngày."),
        ("29/02/2026", "“29/02/2026” không phải ngày hợp lệ: tháng 2 năm 2026 chỉ có 28 ngày."),
        ("31/04/2026", "“31/04/2026” không phải ngày hợp lệ: tháng 4 năm 2026 chỉ có 30 ngày."),
        ("12/13/2026", "“12/13/2026” không phải ngày hợp lệ: tháng phải từ 1 đến 12."),
        ("12/2026", "“12/2026” không phải ngày hợp lệ: ghi ngày/tháng/năm, ví dụ 02/12/2026."),
        ("mai", "“mai” không phải ngày hợp lệ: ghi ngày/tháng/năm, ví dụ 02/12/2026."),
    ],
)
def test_impossible_dates_are_refused_quoting_what_was_typed(text, message):
    with pytest.raises(ValueError) as refused:
        typed.parse_date(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("7h30", dt.time(7, 30)),
        ("07:30", dt.time(7, 30)),
        ("7g30", dt.time(7, 30)),
        ("7 giờ 30", dt.time(7, 30)),
        ("7h", dt.time(7, 0)),
        ("14H05", dt.time(14, 5)),
        ("7 giờ 30 phút", dt.time(7, 30)),
    ],
)
def test_times(text, time):
    assert typed.parse_time(text) == time


@pytest.mark.parametrize("text", ["25h", "7h60", "sáng", "7.30"])
def test_bad_times(text):
    with pytest.raises(ValueError, match="không phải giờ hợp lệ"):
        typed.parse_time(text)


@pytest.mark.parametrize(
    "text",
    [
        "02/12/2026 7h30",
        "7h30 02/12/2026",
        "7h30 ngày 02/12/2026",
        "2/12/2026, 07:30",
        "2026-12-02T07:30",
        "2026-12-02 07:30:00",
    ],
)
def test_date_times(text):
    assert typed.parse_datetime(text) == dt.datetime(2026, 12, 2, 7, 30)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("02/12/2026", "thiếu giờ"),
        ("7h30", "ghi ngày/tháng/năm và giờ"),
        ("31/02/2026 7h30", "tháng 2 năm 2026 chỉ có 28 ngày"),
        ("02/12/2026 sáng", "giờ “sáng” không hợp lệ"),
    ],
)
def test_bad_date_times_say_what_is_wrong(text, part):
    with pytest.raises(ValueError, match=part):
        typed.parse_datetime(text)


@pytest.mark.parametrize(
    ("show", "value", "text"),
    [
        (typed.show_date, "2026-02-03", "03/02/2026"),
        (typed.show_date, dt.date(2026, 2, 3), "03/02/2026"),
        (typed.show_date, "31/02/2026", "31/02/2026"),
        (typed.show_datetime, "2026-02-03T07:30", "03/02/2026 07:30"),
        (typed.show_datetime, "hôm qua", "hôm qua"),
    ],
)
def test_shown_as_typed(show, value, text):
    assert show(value) == text


def test_pairs_round_trip():
    text = "Nguyễn Văn An (thôn Ao Sen); Lê Thị Bình"
    items = typed.parse_pairs(("name", "address"), text)
    assert items == [{"name": "Nguyễn Văn An", "address": "thôn Ao Sen"}, {"name": "Lê Thị Bình"}]
    assert typed.show_pairs(("name", "address"), items) == text
