"""Render contexts, the parts every document shares: header, number, date, signer, recipients.

Also how running text names the council and the session, and writes counts, times and dates.
Each document type's own context lives in its module under docgen/doctypes/.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from docgen import vn
from docgen.vocab import TIMINGS


def header_top(issuer: dict[str, Any]) -> str:
    """The upper header line: given, or ``HĐND <KIND> <NAME>`` in capitals."""
    top = issuer.get("header_top") or f"HĐND {issuer['unit_kind']} {issuer['unit_name']}"
    return vn.upper(top)


def signer_context(signer: dict[str, Any]) -> dict[str, Any]:
    """The signer block: authority and title lines in capitals, then the name."""
    lines = vn.signer_lines(
        signer["title"],
        collective=signer.get("collective"),
        authority=signer.get("authority") or None,
        head_title=signer.get("head_title"),
    )
    return {"lines": lines, "name": signer["name"]}


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """``- item;`` for each recipient, then ``- Lưu: VT.``."""
    return [f"- {item};" for item in recipients] + [f"- Lưu: {archive}."]


def common_context(data: dict[str, Any], type_abbr: str) -> dict[str, Any]:
    """Header, number, date line, signer and recipients of a typed document."""
    issuer = data["issuer"]
    symbol = vn.document_symbol(issuer["symbol"], type_abbr=type_abbr)
    place = issuer.get("place") or issuer["unit_name"]
    return {
        "header": {"top": header_top(issuer), "name": vn.upper(issuer["header_name"])},
        "number_line": vn.number_line(data.get("number"), symbol),
        "date_line": vn.date_line(place, data["date"]),
        "signer": signer_context(data["signer"]),
        "recipients": recipient_lines(data["recipients"], data["archive"]),
    }


# How a number of people or items is written: a leading zero below 10, "." between thousands.


def count(n: int) -> str:
    """Write a count: "05", "12", "1.350"."""
    return vn.pad2(n) if n < 10 else vn.format_number(n)


def clock(moment: datetime.datetime | datetime.time) -> str:
    """Write a time of day as in running text: "7 giờ 30", "14 giờ 00"."""
    return f"{moment.hour} giờ {moment.minute:02d}"


def dmy(day: datetime.date) -> str:
    """Write a date with two-digit day and month, as in tables: "02/12/2020"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def unique(values: Iterable[str]) -> list[str]:
    """The values in first-seen order, without repeats."""
    return list(dict.fromkeys(values))


def council_names(issuer: dict[str, Any]) -> dict[str, str]:
    """The council as running text names it: "HĐND xã", "HĐND xã Biên Sơn"."""
    unit = vn.lower(issuer["unit_kind"])
    return {
        "unit": unit,
        "unit_name": issuer["unit_name"],
        "council": f"HĐND {unit}",
        "council_full": f"HĐND {unit} {issuer['unit_name']}",
    }


def session_phrases(session: dict[str, Any], timing: str, issuer: dict[str, Any]) -> dict[str, str]:
    """The session as titles and body text name it, before or after it."""
    names = council_names(issuer)
    term = f"khóa {vn.roman(session['term_ordinal'])}"
    years = vn.term_years(session["term_start"], session["term_end"])
    short = f"kỳ họp thứ {session['ordinal']}, {names['council']} {term}"
    full = f"kỳ họp thứ {session['ordinal']}, {names['council_full']} {term}, nhiệm kỳ {years}"
    return {
        "timing": TIMINGS[timing],  # "trước kỳ họp"
        "session": short,
        "session_full": full,
        "round": f"{TIMINGS[timing].split()[0]} {short}",  # "trước kỳ họp thứ 4, HĐND xã khóa I"
        "round_full": f"{TIMINGS[timing].split()[0]} {full}",
    }
