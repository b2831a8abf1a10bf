"""Warnings about a round (not errors): late schedule or report, dates off, places missed.

Pure functions over rounds validated by RoundSchema. Each warning carries a code, a message a
clerk reads (dates written the Vietnamese way) and its data as JSON-ready values. The date
relations that cannot be true are errors instead (docgen/round_dates.py). Warned:

- `schedule_late`: the schedule (before the session) later than `schedule_days` (15) before it;
- `schedule_notice_late`: the schedule later than `notice_days` before the first meeting, or
  after meetings it announces;
- `report_late`: the report later than `report_days` (5) after the round ends;
- `document_year`: a document dated in a year the round does not cover;
- `after_session_round_before_session`: meetings of an "after the session" round held before it;
- `meeting_outside_round`, `sub_unit_without_meeting`: meetings off the round's dates, places
  not met (a joint meeting meets every sub-unit it covers);
- `matter_at_several_levels`, `matter_inconsistent`: one matter key at several levels (kept one
  item per level), or at one level with different bodies or fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from docgen import bodies, vn
from docgen.vocab import COMPETENCE_LEVELS

SCHEDULE_DAYS = 15  # the schedule is published at least this many days before the session
REPORT_DAYS = 5  # the summary report is due this many days after the round ends
NOTICE_DAYS = 5  # the schedule is published this many days before the first meeting
DOCUMENT_NAMES = {
    "schedule": "Thông báo lịch tiếp xúc cử tri",
    "report": "Báo cáo tổng hợp",
    "letters": "Công văn chuyển ý kiến",
}


@dataclass(frozen=True)
class RoundWarning:
    """Something a clerk should look at before sending the round's documents."""

    code: str
    message_vi: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: code, message, data."""
        return {"code": self.code, "message": self.message_vi, "data": dict(self.data)}


def _unit(sub_unit: Mapping[str, Any]) -> str:
    return f"{vn.lower(sub_unit['kind'])} {sub_unit['name']}"


def schedule_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """A schedule set less than the required days before the session opens (before-session)."""
    schedule = round_.get("schedule")
    if not schedule or round_["timing"] != "truoc":
        return []
    days = round_.get("schedule_days", SCHEDULE_DAYS)
    opens: datetime.date = round_["session"]["opens"]
    due = opens - datetime.timedelta(days=days)
    if schedule["date"] <= due:
        return []
    before = (opens - schedule["date"]).days
    return [
        RoundWarning(
            "schedule_late",
            f"Thông báo lịch tiếp xúc cử tri đề {vn.date_phrase(schedule['date'])}, chỉ trước "
            f"ngày khai mạc kỳ họp ({vn.short_date(opens)}) {vn.pad2(max(before, 0))} ngày; "
            f"lịch phải thông báo chậm nhất {vn.pad2(days)} ngày trước kỳ họp, tức "
            f"{vn.date_phrase(due)}.",
            {
                "date": schedule["date"].isoformat(),
                "session_opens": opens.isoformat(),
                "days_before": before,
                "due": due.isoformat(),
            },
        )
    ]


def notice_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """A schedule later than the council's notice period before the first meeting it announces."""
    schedule = round_.get("schedule")
    if not schedule or not round_["meetings"]:
        return []
    days = round_.get("notice_days", NOTICE_DAYS)
    first = min(m["start"].date() for m in round_["meetings"])
    due = first - datetime.timedelta(days=days)
    date: datetime.date = schedule["date"]
    if date <= due:
        return []
    held = sorted(m["id"] for m in round_["meetings"] if m["start"].date() < date)
    after = (
        f"sau {vn.pad2(len(held))} hội nghị mà thông báo ghi lịch ({', '.join(held)})"
        if held
        else f"chỉ trước hội nghị đầu tiên ({vn.short_date(first)}) "
        f"{vn.pad2(max((first - date).days, 0))} ngày"
    )
    return [
        RoundWarning(
            "schedule_notice_late",
            f"Thông báo lịch tiếp xúc cử tri đề {vn.date_phrase(date)}, {after}; lịch phải "
            f"thông báo trước hội nghị đầu tiên ít nhất {vn.pad2(days)} ngày, tức chậm nhất "
            f"{vn.date_phrase(due)}.",
            {
                "date": date.isoformat(),
                "first_meeting": first.isoformat(),
                "due": due.isoformat(),
                "meetings_before": held,
            },
        )
    ]


def last_meeting_day(round_: Mapping[str, Any]) -> datetime.date:
    """The day of the round's last meeting (its end date when it holds none)."""
    days = [m["start"].date() for m in round_["meetings"]]
    return max(days) if days else round_["end_date"]


def round_end(round_: Mapping[str, Any]) -> datetime.date:
    """When the round ends: its end date, or its last meeting if that is later."""
    return max(round_["end_date"], last_meeting_day(round_))


def report_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """A report dated more than the allowed days after the round ends, with its due date."""
    days = round_.get("report_days", REPORT_DAYS)
    end = round_end(round_)
    due = end + datetime.timedelta(days=days)
    date: datetime.date = round_["report"]["date"]
    if date <= due:
        return []
    return [
        RoundWarning(
            "report_late",
            f"Báo cáo tổng hợp đề {vn.date_phrase(date)}, quá {vn.pad2(days)} ngày sau khi kết "
            f"thúc đợt tiếp xúc cử tri ({vn.short_date(end)}): hạn gửi báo cáo là "
            f"{vn.date_phrase(due)}.",
            {"date": date.isoformat(), "round_end": end.isoformat(), "due": due.isoformat()},
        )
    ]


def year_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """Documents dated in a year the round does not cover (often a year typed wrong)."""
    years = {round_["start_date"].year, round_["end_date"].year}
    out = []
    for section, name in DOCUMENT_NAMES.items():
        part = round_.get(section)
        if part and part["date"].year not in years:
            out.append(
                RoundWarning(
                    "document_year",
                    f"{name} đề {vn.date_phrase(part['date'])}, khác năm của đợt tiếp xúc "
                    f"(từ {vn.short_date(round_['start_date'])} đến "
                    f"{vn.short_date(round_['end_date'])}): kiểm tra lại năm.",
                    {"document": section, "date": part["date"].isoformat()},
                )
            )
    return out


def session_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """An "after the session" round with meetings held before the session opened."""
    if round_["timing"] != "sau":
        return []
    opens: datetime.date = round_["session"]["opens"]
    early = [m["id"] for m in round_["meetings"] if m["start"].date() < opens]
    if not early and (round_["meetings"] or round_["start_date"] >= opens):
        return []
    return [
        RoundWarning(
            "after_session_round_before_session",
            "Đợt tiếp xúc sau kỳ họp nhưng "
            + (
                f"{vn.pad2(len(early))} hội nghị ({', '.join(early)}) họp"
                if early
                else "đợt bắt đầu"
            )
            + f" trước ngày khai mạc kỳ họp ({vn.short_date(opens)}): kiểm tra lại ngày hoặc "
            "chọn “trước kỳ họp”.",
            {"session_opens": opens.isoformat(), "meetings": early},
        )
    ]


def met_sub_units(round_: Mapping[str, Any]) -> set[str]:
    """Every sub-unit a meeting of the round covered (a joint meeting covers several)."""
    return {u for m in round_["meetings"] for u in (m["sub_unit"], *m.get("joint_sub_units", ()))}


def meeting_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """Meetings outside the round's dates; sub-units of the round where no meeting is held."""
    start, end = round_["start_date"], round_["end_date"]
    units = {u["name"]: u for u in round_["sub_units"]}
    out = []
    for meeting in round_["meetings"]:
        day = meeting["start"].date()
        if not start <= day <= end:
            out.append(
                RoundWarning(
                    "meeting_outside_round",
                    f"Hội nghị “{meeting['id']}” với cử tri {_unit(units[meeting['sub_unit']])} "
                    f"họp {vn.date_phrase(day)}, ngoài thời gian của đợt tiếp xúc (từ "
                    f"{vn.short_date(start)} đến {vn.short_date(end)}).",
                    {
                        "meeting": meeting["id"],
                        "date": day.isoformat(),
                        "start_date": start.isoformat(),
                        "end_date": end.isoformat(),
                    },
                )
            )
    met = met_sub_units(round_)
    for unit in round_["sub_units"]:
        if unit["name"] not in met:
            out.append(
                RoundWarning(
                    "sub_unit_without_meeting",
                    f"Chưa có hội nghị tiếp xúc cử tri {_unit(unit)} (Tổ đại biểu số "
                    f"{vn.pad2(unit['group'])}) trong đợt này.",
                    {"sub_unit": unit["name"], "group": unit["group"]},
                )
            )
    return out


def matter_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """One matter key at several levels (one item per level), or one level, several bodies."""
    by_matter: dict[str, list[Mapping[str, Any]]] = {}
    for petition in round_["petitions"]:
        if petition.get("matter"):
            by_matter.setdefault(petition["matter"], []).append(petition)
    out = []
    for matter, petitions in by_matter.items():
        ids = [p["id"] for p in petitions]
        levels = list(dict.fromkeys(p["level"] for p in petitions))
        if len(levels) > 1:
            named = ", ".join(vn.lower(COMPETENCE_LEVELS[level]) for level in levels)
            out.append(
                RoundWarning(
                    "matter_at_several_levels",
                    f"Vấn đề “{matter}” được ghi thuộc thẩm quyền nhiều cấp ({named}): mỗi cấp "
                    "giữ một nội dung riêng, chuyển theo đúng cấp của mình; nên kiểm tra lại.",
                    {"matter": matter, "levels": levels, "petitions": ids},
                )
            )
        for level in levels:
            same = [p for p in petitions if p["level"] == level]
            if len({(bodies.body_key(p["body"]), p["field"]) for p in same}) > 1:
                out.append(
                    RoundWarning(
                        "matter_inconsistent",
                        f"Các ý kiến cùng vấn đề “{matter}” ({vn.lower(COMPETENCE_LEVELS[level])}) "
                        "ghi khác nhau về cơ quan giải quyết hoặc lĩnh vực; báo cáo lấy theo ý "
                        "kiến nêu trước. Nên thống nhất lại.",
                        {"matter": matter, "level": level, "petitions": [p["id"] for p in same]},
                    )
                )
    return out


def round_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """Every warning about one round, in the order a clerk meets the documents."""
    return [
        *schedule_warnings(round_),
        *notice_warnings(round_),
        *session_warnings(round_),
        *meeting_warnings(round_),
        *report_warnings(round_),
        *year_warnings(round_),
        *matter_warnings(round_),
    ]


def yearly_coverage(rounds: Sequence[Mapping[str, Any]]) -> list[RoundWarning]:
    """Sub-units of a council that no round of a year reached (each must be met once a year)."""
    years: dict[tuple[str, str, int], list[Mapping[str, Any]]] = {}
    for round_ in rounds:
        issuer = round_["issuer"]
        key = (issuer["level"], vn.lower(issuer["unit_name"]), round_["start_date"].year)
        years.setdefault(key, []).append(round_)
    out = []
    for (_level, _name, year), members in years.items():
        units: dict[str, Mapping[str, Any]] = {}
        for round_ in members:
            for unit in round_["sub_units"]:
                units.setdefault(unit["name"], unit)
        met = {u for round_ in members for u in met_sub_units(round_)}
        council = f"HĐND {vn.lower(members[0]['issuer']['unit_kind'])} {members[0]['issuer']['unit_name']}"
        for name, unit in units.items():
            if name not in met:
                out.append(
                    RoundWarning(
                        "sub_unit_not_reached_in_year",
                        f"Năm {year}, đại biểu {council} chưa tiếp xúc cử tri {_unit(unit)} "
                        f"trong đợt nào ({vn.pad2(len(members))} đợt); mỗi năm phải tiếp xúc "
                        f"cử tri nơi ứng cử ít nhất một lần.",
                        {"year": year, "sub_unit": name, "rounds": len(members)},
                    )
                )
    return out
