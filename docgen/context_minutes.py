"""Render context of the minutes of one meeting with the voters."""

from __future__ import annotations

from typing import Any

from docgen import vn
from docgen.context import header_top
from docgen.context_round import clock, council_names, count, session_phrases


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
