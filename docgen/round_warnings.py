"""Warnings about a round (not errors): late schedule or report, meetings off dates, places missed.

Pure functions over rounds validated by RoundSchema. Each warning carries a code, a message a
clerk reads (dates written the Vietnamese way) and its data as JSON-ready values.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from docgen import vn
from docgen.vocab import COMPETENCE_LEVELS, LEVEL_RANK

SCHEDULE_DAYS = 15  # the schedule is published at least this many days before the session
REPORT_DAYS = 5  # the summary report is due this many days after the last meeting


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


def last_meeting_day(round_: Mapping[str, Any]) -> datetime.date:
    """The day of the round's last meeting (its end date when it holds none)."""
    days = [m["start"].date() for m in round_["meetings"]]
    return max(days) if days else round_["end_date"]


def report_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """A report dated more than the allowed days after the last meeting, with its due date."""
    days = round_.get("report_days", REPORT_DAYS)
    last = last_meeting_day(round_)
    due = last + datetime.timedelta(days=days)
    date: datetime.date = round_["report"]["date"]
    if date <= due:
        return []
    return [
        RoundWarning(
            "report_late",
            f"Báo cáo tổng hợp đề {vn.date_phrase(date)}, quá {vn.pad2(days)} ngày sau hội "
            f"nghị tiếp xúc cử tri cuối cùng ({vn.short_date(last)}): hạn gửi báo cáo là "
            f"{vn.date_phrase(due)}.",
            {"date": date.isoformat(), "last_meeting": last.isoformat(), "due": due.isoformat()},
        )
    ]


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
    met = {m["sub_unit"] for m in round_["meetings"]}
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
    """Petitions sharing a matter key but not its level, body or field: the report splits them."""
    by_matter: dict[str, list[Mapping[str, Any]]] = {}
    for petition in round_["petitions"]:
        if petition.get("matter"):
            by_matter.setdefault(petition["matter"], []).append(petition)
    council = LEVEL_RANK[round_["issuer"]["level"]]
    out = []
    for matter, petitions in by_matter.items():
        upper = [p for p in petitions if LEVEL_RANK[p["level"]] <= council]
        variants = {(p["level"], vn.lower(p["body"]), p["field"]) for p in upper}
        if len(variants) > 1 or (upper and len(upper) < len(petitions)):
            levels = ", ".join(
                dict.fromkeys(vn.lower(COMPETENCE_LEVELS[p["level"]]) for p in petitions)
            )
            out.append(
                RoundWarning(
                    "matter_inconsistent",
                    f"Các ý kiến cùng vấn đề “{matter}” ghi khác nhau về cấp, cơ quan giải quyết "
                    f"hoặc lĩnh vực ({levels}); báo cáo lấy theo ý kiến nêu trước, ý kiến thuộc "
                    f"cấp dưới vẫn chuyển cho cấp dưới. Nên thống nhất lại.",
                    {"matter": matter, "petitions": [p["id"] for p in petitions]},
                )
            )
    return out


def level_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """Petitions for district bodies in a round after the districts were abolished (1/7/2025)."""
    if round_["start_date"] < datetime.date(2025, 7, 1):
        return []
    ids = [p["id"] for p in round_["petitions"] if p["level"] == "huyen"]
    if not ids:
        return []
    district = vn.lower(COMPETENCE_LEVELS["huyen"])
    return [
        RoundWarning(
            "district_level_after_reform",
            f"{vn.pad2(len(ids))} ý kiến ghi thẩm quyền {district}, nhưng từ ngày 01/7/2025 không "
            f"còn {district}: hãy ghi lại cấp tỉnh hoặc cấp xã ({', '.join(ids)}).",
            {"petitions": ids},
        )
    ]


def round_warnings(round_: Mapping[str, Any]) -> list[RoundWarning]:
    """Every warning about one round, in the order a clerk meets the documents."""
    return [
        *schedule_warnings(round_),
        *meeting_warnings(round_),
        *report_warnings(round_),
        *matter_warnings(round_),
        *level_warnings(round_),
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
        met = {m["sub_unit"] for round_ in members for m in round_["meetings"]}
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
