"""What clerks type, read the Vietnamese way: dates, times, choices and lists in one cell.

The web form and the spreadsheets both read through here, so ``02/12/2026``, ``2/12/2026``,
``02-12-2026``, ``7h30``, ``07:30``, ``Đất đai`` and ``Nguyễn Văn A (thôn Ao Sen); Lê B`` mean
the same wherever they are typed. Every refusal is a Vietnamese sentence that quotes what was
typed (ValueError), so the page can show it next to the field and keep the text as it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Protocol

from docgen.naming import ascii_fold

DATE_EXAMPLE = "02/12/2026"
_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})\s*(?:(?:[:hg]|giờ)\s*(\d{1,2})?\s*(?:'|phút)?)?$", re.IGNORECASE)
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ](\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?$")
LIST_SEPARATOR = re.compile(r"\s*[;\n]\s*")
_PAIR = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<detail>.*)\))?$")


class Choice(Protocol):
    """Anything with the stored value and the label a clerk reads."""

    @property
    def value(self) -> str:
        """The stored value."""

    @property
    def label(self) -> str:
        """What the clerk reads."""


def text(value: Any) -> str:
    """A cell's text: NFC, single spaces, no blank lines; whole numbers without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = unicodedata.normalize("NFC", str(value))
    lines = (" ".join(line.split()) for line in cleaned.strip().splitlines())
    return "\n".join(line for line in lines if line)


def parse_date(value: str) -> dt.date:
    """``02/12/2026``, ``2/12/2026``, ``02-12-2026``, ``02.12.2026`` or ISO → a date."""
    typed = text(value)
    found = _DATE.match(typed)
    if found:
        day, month, year = (int(g) for g in found.groups())
    else:
        iso = _ISO_DATE.match(typed)
        if not iso:
            raise ValueError(
                f"“{typed}” không phải ngày hợp lệ: ghi ngày/tháng/năm, ví dụ {DATE_EXAMPLE}."
            )
        year, month, day = (int(g) for g in iso.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"“{typed}” không phải ngày hợp lệ: tháng phải từ 1 đến 12.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"“{typed}” không phải ngày hợp lệ: tháng {month} năm {year} chỉ có {last} ngày."
        )
    return dt.date(year, month, day)


def parse_time(value: str) -> dt.time:
    """``7h30``, ``07:30``, ``7g30``, ``7 giờ 30``, ``7h`` → a time."""
    typed = text(value)
    found = _TIME.match(typed)
    if found and int(found.group(1)) < 24 and int(found.group(2) or 0) < 60:
        return dt.time(int(found.group(1)), int(found.group(2) or 0))
    raise ValueError(f"“{typed}” không phải giờ hợp lệ: ghi giờ và phút, ví dụ 7h30 hoặc 07:30.")


def parse_datetime(value: str) -> dt.datetime:
    """A date and a time in either order (``02/12/2026 7h30``, ``7h30 ngày 02/12/2026``)."""
    typed = text(value)
    iso = _ISO_DATETIME.match(typed)
    if iso:
        return dt.datetime.combine(parse_date(iso.group(1)), parse_time(iso.group(2)))
    words = re.sub(r"[,;]|\bngày\b", " ", typed).split()
    example = f"ví dụ {DATE_EXAMPLE} 7h30"
    dates = [i for i, w in enumerate(words) if _DATE.match(w) or _ISO_DATE.match(w)]
    if len(dates) != 1:
        raise ValueError(
            f"“{typed}” không phải ngày giờ hợp lệ: ghi ngày/tháng/năm và giờ, {example}."
        )
    day = parse_date(words[dates[0]])  # an impossible date says so itself
    rest = " ".join(words[: dates[0]] + words[dates[0] + 1 :])
    if not rest:
        raise ValueError(f"“{typed}”: thiếu giờ, {example}.")
    try:
        return dt.datetime.combine(day, parse_time(rest))
    except ValueError:
        raise ValueError(
            f"“{typed}”: giờ “{rest}” không hợp lệ; ghi giờ và phút, {example}."
        ) from None


def show_date(value: Any) -> str:
    """A date (or ISO text) as a clerk writes it: ``02/12/2026``; other text unchanged."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value  # what the clerk typed, kept to be corrected
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)


def show_datetime(value: Any) -> str:
    """A date-time (or ISO text) as a clerk writes it: ``02/12/2026 07:30``."""
    if isinstance(value, str):
        found = _ISO_DATETIME.match(value.strip())
        if not found:
            return value
        try:
            value = dt.datetime.fromisoformat(f"{found.group(1)}T{found.group(2)}")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y %H:%M") if isinstance(value, dt.datetime) else str(value)


def _key(value: Any) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value or "")).lower()).strip(" *:.")


def _loose(value: Any) -> str:
    folded = re.sub(r"^cap\s+", "", ascii_fold(_key(value)))
    return re.sub(r"[^a-z0-9]+", "", folded)


def parse_choice(choices: Sequence[Choice], value: str, *, open_choices: bool = False) -> str:
    """A choice typed as its label (“Đất đai”, “tỉnh”) or its stored value → the stored value.
    With `open_choices` (the usual choices, not the only ones) any other value is kept as typed:
    the schema checks it (a council's own field "phap_che")."""
    typed = text(value)
    for compare in (_key, _loose):
        for choice in choices:
            if compare(typed) in (compare(choice.value), compare(choice.label)):
                return choice.value
    if open_choices and re.fullmatch(r"[a-z0-9_]+", typed):
        return typed  # a key of a list of the data's own, not a typo of a label
    allowed = ", ".join(c.label for c in choices if c.value)
    raise ValueError(f"“{typed}” không có trong danh sách; chọn một trong: {allowed}.")


def split_list(value: str) -> list[str]:
    """One cell holding a list: items separated by ``;`` or new lines."""
    return [p for p in LIST_SEPARATOR.split(text(value)) if p]


def parse_pairs(parts: Sequence[str], value: str) -> list[dict[str, str]]:
    """``Họ tên (nơi ở); Họ tên`` → [{parts[0]: name, parts[1]: detail}, …]."""
    out = []
    for item in split_list(value):
        found = _PAIR.match(item)
        if found is None:
            raise ValueError(f"“{item}”: ghi “Họ tên (nơi ở)”, các người cách nhau bằng dấu “;”.")
        pair = {parts[0]: found.group("name").strip()}
        if found.group("detail") and len(parts) > 1:
            pair[parts[1]] = found.group("detail").strip()
        out.append(pair)
    return out


def show_pairs(parts: Sequence[str], items: Any) -> str:
    """The cell text of a list of pairs: ``Họ tên (nơi ở); Họ tên``."""
    if isinstance(items, str):
        return items
    first, *rest = parts
    return "; ".join(
        str(item.get(first, "")) + (f" ({item[rest[0]]})" if rest and item.get(rest[0]) else "")
        for item in items or []
        if isinstance(item, dict)
    )
