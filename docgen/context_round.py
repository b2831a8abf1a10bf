"""Render contexts of the round's schedule notice and meeting minutes, and the shared phrases."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from docgen import vn
from docgen.context import common_context, header_top
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


def minutes_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the minutes template prints."""
    issuer, council, meeting, group = (
        data["issuer"],
        data["council"],
        data["meeting"],
        data["group"],
    )
    names = council_names(council)
    phrases = session_phrases(data["session"], data["timing"], council)
    symbol = vn.document_symbol(issuer["symbol"], type_abbr="BB")
    roles = {d["name"]: d for d in group["deputies"]}
    present = meeting["deputies_present"] or list(roles)
    leader = next((d["name"] for d in group["deputies"] if d["leader"]), present[0])
    reporter = data.get("reporter") or leader
    reporter_role = _deputy_role(roles[reporter])
    place = f"{vn.lower(data['sub_unit_kind'])} {meeting['sub_unit']}"
    group_name = f"Tổ đại biểu {names['council_full']} số {group['number']}"
    chair = _person(meeting["chair"], meeting.get("chair_title"))
    chair_subject = chair + ("," if meeting.get("chair_title") else "")
    front = data.get("front") or (
        f"Ban Công tác Mặt trận {place}"
        if council["level"] == "xa"
        else f"Ủy ban MTTQ Việt Nam {place}"
    )
    start = meeting["start"]
    return {
        **names,
        **phrases,
        "header": {"top": header_top(issuer), "name": vn.upper(issuer["header_name"])},
        "number_line": vn.number_line(data.get("number"), symbol),
        "summary": f"Hội nghị tiếp xúc cử tri {place} {phrases['round']}",
        "opening": f"Hồi {clock(start)}, {vn.weekday_name(start)}, {vn.date_phrase(start)}, tại "
        f"{meeting['venue']}, {front} phối hợp với {group_name} tổ chức hội nghị tiếp xúc cử tri {place} "
        f"{phrases['round_full']}.",
        "deputies": _listed([_person(n, _deputy_role(roles[n])) for n in present if n in roles]),
        "chair": chair,
        "chair_name": meeting["chair"],
        "secretary": meeting["secretary"],
        "invited": _listed(meeting["invited"]),
        "voters": (
            f"Cử tri {place}: {count(meeting['voters'])} người."
            if meeting.get("voters") is not None
            else None
        ),
        "agenda_open": f"{chair_subject} tuyên bố lý do, giới thiệu thành phần tham dự hội nghị.",
        "agenda_report": f"{_person(reporter, reporter_role)}, thay mặt "
        f"{group_name} "
        + (data.get("report") or _default_report(data["timing"], phrases["session"]))
        + ".",
        "opinions_intro": (
            f"Có {count(len(data['opinions']))} ý kiến của cử tri phát biểu tại hội nghị, cụ thể:"
            if data["opinions"]
            else "Không có cử tri phát biểu ý kiến tại hội nghị."
        ),
        "opinions": [_opinion(o) for o in data["opinions"]],
        "answers": [
            f"- {_person(a['speaker'], a.get('title'))}: {_sentence(a['content'])}"
            for a in data["answers"]
        ],
        "closing": f"{chair_subject} "
        + (
            data.get("closing")
            or f"thay mặt chủ tọa tiếp thu ý kiến của cử tri; đề nghị {group_name} tổng hợp "
            f"đầy đủ các ý kiến, kiến nghị gửi Thường trực {names['council']} để chuyển đến cơ "
            "quan có thẩm quyền xem xét, giải quyết; kết luận và bế mạc hội nghị"
        )
        + ".",
        "ending": f"Hội nghị kết thúc vào hồi {clock(meeting['end'])} cùng ngày. Biên bản đã được "
        "thông qua tại hội nghị./.",
    }


def _person(name: str, title: str | None) -> str:
    return f"Đồng chí {name}, {title}" if title else f"Đồng chí {name}"


def _deputy_role(deputy: dict[str, Any]) -> str | None:
    parts = [deputy["role"]] if deputy.get("role") else []
    if deputy["leader"]:
        parts.append("Tổ trưởng Tổ đại biểu")
    return ", ".join(parts) or None


def _listed(lines: list[str]) -> list[str]:
    """ "- a;", "- b;", "- c." as one list of items."""
    return [f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]


def _sentence(text: str) -> str:
    """Text ending with one full stop."""
    return text if text[-1:] in ".!?…" else text + "."


def _opinion(opinion: dict[str, Any]) -> dict[str, str | None]:
    voters = ", ".join(
        f"{v['name']} ({v['address']})" if v.get("address") else v["name"]
        for v in opinion["voters"]
    )
    answer = None
    if opinion.get("answer"):
        who = f" ({opinion['answered_by']})" if opinion.get("answered_by") else ""
        answer = f"Trả lời tại hội nghị{who}: {_sentence(opinion['answer'])}"
    return {"text": f"- Cử tri {voters}: {_sentence(opinion['content'])}", "answer": answer}


def _default_report(timing: str, session: str) -> str:
    if timing == "truoc":
        return (
            f"thông báo dự kiến nội dung, chương trình {session}; báo cáo kết quả giải quyết ý "
            "kiến, kiến nghị của cử tri từ kỳ họp trước"
        )
    return f"báo cáo kết quả {session}; phổ biến các nghị quyết được thông qua tại kỳ họp"
