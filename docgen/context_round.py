"""Render context of the schedule notice, and the phrases every round document shares."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from docgen import vn
from docgen.context import common_context
from docgen.schemas.round import TIMINGS

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


def _plural_kinds(kinds: list[str]) -> str:
    """ "xã, thị trấn" from the kinds of the places met, in order."""
    return ", ".join(unique(vn.lower(k) for k in kinds))


def schedule_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the schedule notice template prints."""
    issuer = data["issuer"]
    names = council_names(issuer)
    context = common_context(data, "TB")
    context.update(names)
    context.update(session_phrases(data["session"], data["timing"], issuer))
    groups = {g["number"]: g for g in data["groups"]}
    several = len(groups) > 1
    context["groups_phrase"] = (
        f"các Tổ đại biểu {names['council']}"
        if several
        else f"Tổ đại biểu {names['council']} số {data['groups'][0]['number']}"
    )
    rows = []
    for number, entry in enumerate(data["entries"], start=1):
        group = groups[entry["group"]]
        present = entry["deputies"] or [d["name"] for d in group["deputies"]]
        leaders = {d["name"] for d in group["deputies"] if d["leader"]}
        rows.append(
            {
                "number": number,
                "group": f"Tổ số {group['number']}",
                "deputies": "\n".join(
                    f"{name} (Tổ trưởng)" if name in leaders else name for name in present
                ),
                "time": f"{vn.weekday_name(entry['start'])}, {dmy(entry['start'])}, "
                f"từ {clock(entry['start'])}",
                "venue": entry["venue"],
                "voters": f"Cử tri {vn.lower(entry['sub_unit_kind'])} {entry['sub_unit']}",
            }
        )
    context["rows"] = rows
    opens = data["session"]["opens"]
    context["intro"] = (
        (f"Thực hiện {data['plan']}, " if data.get("plan") else "")
        + f"Thường trực {names['council']} thông báo lịch tiếp xúc cử tri của "
        f"{context['groups_phrase']} {context['round_full']} (dự kiến khai mạc ngày "
        f"{vn.short_date(opens)}) như sau:"
    )
    context["requests"] = list(data["requests"]) or default_requests(
        issuer, _plural_kinds([e["sub_unit_kind"] for e in data["entries"]])
    )
    context["closing"] = (
        f"Thường trực {names['council']} thông báo để các Tổ đại biểu {names['council']}, "
        "các cơ quan, đơn vị có liên quan biết, phối hợp thực hiện./."
    )
    return context


def default_requests(issuer: dict[str, Any], sub_units: str) -> list[str]:
    """What the notice asks of the places met and of the UBND, by the council's level."""
    names = council_names(issuer)
    if issuer["level"] == "xa":  # thôn and tổ dân phố have no council of their own
        places = (
            f"Ban Thường trực Ủy ban MTTQ {names['unit']} phối hợp với Trưởng các {sub_units} "
            "nơi tổ chức tiếp xúc cử tri"
        )
    else:
        places = (
            f"Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ các {sub_units} nơi tổ chức "
            "tiếp xúc cử tri"
        )
    return [
        f"Đề nghị {places} chuẩn bị địa điểm, thông báo rộng rãi để cử tri biết và tham dự.",
        f"Đề nghị UBND {names['unit']} chỉ đạo các cơ quan chuyên môn, đơn vị có liên quan cử "
        "đại diện lãnh đạo tham dự để tiếp thu, giải trình các ý kiến, kiến nghị của cử tri "
        "thuộc lĩnh vực phụ trách.",
    ]
