"""The date relations of a round that cannot be true, and the 2025 reform of levels (errors).

Pure functions over a round loaded by RoundSchema (dates as dates); each returns marshmallow-style
nested errors keyed by the round's field paths, so a 422 names the field. Lateness is only a
warning: docgen/round_warnings.py.

Errors:
- the summary report dated before a meeting it reports (`report.date`);
- the letters dated before a meeting whose petitions they forward (`letters.date`);
- a meeting of a round "before the session" held on or after the day the session opens
  (`meetings.<i>.start`);
- after 01/07/2025, anything naming a district level: the council's level, a sub-unit's kind, a
  petition's level or competent body, a channel, a recipient (archives dated before stay valid).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from docgen import bodies, vn
from docgen.vocab import COMPETENCE_LEVELS, DISTRICT_KINDS

REFORM = datetime.date(2025, 7, 1)  # districts abolished (two-level local government)
DOCUMENTS = ("schedule", "report", "letters")
DISTRICT = vn.lower(COMPETENCE_LEVELS["huyen"])  # the level as messages name it
GONE = f"Từ ngày 01/7/2025 không còn {DISTRICT}"

Errors = dict[str, Any]


def _day(meeting: Mapping[str, Any]) -> datetime.date:
    return meeting["start"].date()


def _last(meetings: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return max(meetings, key=_day) if meetings else None


def forwarded(petition: Mapping[str, Any]) -> bool:
    """Whether a petition goes on to a competent body (not settled at its meeting)."""
    return not petition.get("resolved_at_meeting")


def date_errors(round_: Mapping[str, Any]) -> Errors:
    """Documents dated before the meetings they carry; 'before the session' meetings too late."""
    errors: Errors = {}
    meetings = round_.get("meetings") or []
    by_id = {m["id"]: m for m in meetings}
    report = round_.get("report")
    last = _last(meetings)
    if report and last and report["date"] < _day(last):
        errors["report"] = {
            "date": [
                f"Báo cáo đề ngày {vn.short_date(report['date'])}, trước hội nghị “{last['id']}” "
                f"({vn.short_date(_day(last))}) mà báo cáo tổng hợp."
            ]
        }
    letters = round_.get("letters")
    carried = [by_id[p["meeting"]] for p in round_.get("petitions") or [] if forwarded(p)]
    last_carried = _last([m for m in carried if m])
    if letters and last_carried and letters["date"] < _day(last_carried):
        errors["letters"] = {
            "date": [
                f"Công văn chuyển đề ngày {vn.short_date(letters['date'])}, trước hội nghị "
                f"“{last_carried['id']}” ({vn.short_date(_day(last_carried))}) có ý kiến được "
                "chuyển."
            ]
        }
    session = round_.get("session")
    if round_.get("timing") == "truoc" and session:
        opens = session["opens"]
        late = {
            i: {
                "start": [
                    f"Đợt tiếp xúc trước kỳ họp: hội nghị phải họp trước ngày khai mạc "
                    f"({vn.short_date(opens)})."
                ]
            }
            for i, m in enumerate(meetings)
            if _day(m) >= opens
        }
        if late:
            errors["meetings"] = late
    return errors


def after_reform(round_: Mapping[str, Any]) -> bool:
    """Whether any of the round's documents (or the round itself) falls on or after 01/07/2025."""
    days = [round_.get("start_date")]
    days += [(round_.get(doc) or {}).get("date") for doc in DOCUMENTS]
    return any(day is not None and day >= REFORM for day in days)


def document_district_errors(doc: Mapping[str, Any]) -> Errors:
    """One document dated from 01/07/2025: its issuer, recipients, addressees and items."""
    date = doc.get("date")
    if date is None or date < REFORM:
        return {}
    gone = GONE
    errors: Errors = {}
    if (doc.get("issuer") or {}).get("level") == "huyen":
        errors["issuer"] = {"level": [f"{gone}: HĐND {DISTRICT} chỉ còn trong văn bản lưu trữ."]}
    for key in ("recipients", "addressees"):
        for j, line in enumerate(doc.get(key) or []):
            if isinstance(line, str) and bodies.names_district(line):
                errors.setdefault(key, {})[j] = [f"{gone}: bỏ nơi nhận {DISTRICT}."]
    for i, item in enumerate(doc.get("items") or []):
        problems = {}
        if item.get("level") == "huyen":
            problems["level"] = [f"{gone}: ghi lại cấp tỉnh hoặc cấp xã."]
        if bodies.names_district(item.get("body") or ""):
            problems["body"] = [f"{gone}: ghi cơ quan cấp tỉnh hoặc cấp xã có thẩm quyền."]
        if problems:
            errors.setdefault("items", {})[i] = problems
    return errors


def district_errors(round_: Mapping[str, Any]) -> Errors:
    """After 01/07/2025, every field that names a district level (none exists any more)."""
    if not after_reform(round_):
        return {}
    gone = GONE
    errors: Errors = {}
    issuer = round_.get("issuer") or {}
    if issuer.get("level") == "huyen":
        errors["issuer"] = {"level": [f"{gone}: HĐND {DISTRICT} chỉ còn trong văn bản lưu trữ."]}
    for i, unit in enumerate(round_.get("sub_units") or []):
        if vn.lower(unit["kind"]) in DISTRICT_KINDS:
            errors.setdefault("sub_units", {})[i] = {"kind": [f"{gone}: ghi đơn vị cấp xã."]}
    for i, petition in enumerate(round_.get("petitions") or []):
        problems = {}
        if petition["level"] == "huyen":
            problems["level"] = [f"{gone}: ghi lại cấp tỉnh hoặc cấp xã."]
        if bodies.names_district(petition["body"]):
            problems["body"] = [f"{gone}: ghi cơ quan cấp tỉnh hoặc cấp xã có thẩm quyền."]
        if problems:
            errors.setdefault("petitions", {})[i] = problems
    channels = round_.get("channels") or {}
    for level, name in channels.items():
        if level == "huyen" or (isinstance(name, str) and bodies.names_district(name)):
            errors.setdefault("channels", {})[level] = [f"{gone}: không gửi đến {DISTRICT}."]
    for doc in DOCUMENTS:
        for j, line in enumerate((round_.get(doc) or {}).get("recipients") or []):
            if bodies.names_district(line):
                errors.setdefault(doc, {}).setdefault("recipients", {})[j] = [
                    f"{gone}: bỏ nơi nhận {DISTRICT}."
                ]
    return errors
