"""One round's documents: from a validated round to the jobs to render, and the manifest.

`plan_round` is pure: it routes the petitions, lists every document the round calls for (the
schedule, the minutes of each meeting held, the summary report, one forwarding letter per
recipient) with data valid for that type's schema, and gathers the warnings. `produce`
(docgen/round_output.py) renders the jobs through the document service.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from marshmallow import ValidationError

from docgen import documents, routing, vn
from docgen.errors import InvalidData, flatten_messages
from docgen.naming import safe_filename
from docgen.round_warnings import RoundWarning, round_warnings
from docgen.schemas.common import UNIT_KINDS
from docgen.schemas.round import TIMINGS, RoundSchema

SCHEDULE, MINUTES, REPORT, LETTER = (
    "thong_bao_lich_tiep_xuc",
    "bien_ban_tiep_xuc",
    "bao_cao_tong_hop",
    "cong_van_chuyen",
)
REPLY_DAYS = 30  # when the round names no reply date: this many days after the letters


@dataclass(frozen=True)
class Job:
    """One document of the round, ready for the document service."""

    type_id: str
    data: dict[str, Any]  # loaded with the type's schema
    name: str  # a file name without extension a clerk understands, numbered in order
    recipient: str  # for whom: the body addressed, or the place of the meeting
    petitions: tuple[str, ...]  # the round's petitions the document carries


@dataclass(frozen=True)
class RoundPlan:
    """Everything one round produces, before rendering."""

    jobs: tuple[Job, ...]
    routing: routing.Routing
    warnings: tuple[RoundWarning, ...]
    council: str  # "HĐND xã Biên Sơn"
    title: str  # a name for the bundle: "Tiếp xúc cử tri trước kỳ họp thứ 11 …"


def _jsonable(value: Any) -> Any:
    """Dates and times as ISO strings, recursively: what a client would have posted."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _section_of(type_id: str) -> str:
    return {SCHEDULE: "schedule", REPORT: "report", LETTER: "letters"}.get(type_id, "meetings")


def _load(type_id: str, raw: dict[str, Any], label: str) -> dict[str, Any]:
    """Raw document data → loaded data; a refusal names the round's field when it can."""
    try:
        loaded: dict[str, Any] = documents.get(type_id).schema().load(_jsonable(raw))
    except ValidationError as exc:
        section = _section_of(type_id)
        own = {"number", "date", "signer", "recipients", "archive"}
        fields: dict[str, list[str]] = {}
        from docgen.schemas.round import RoundSchema

        posted = set(RoundSchema().fields)
        for path, messages in flatten_messages(exc.messages).items():
            head = path.split(".", 1)[0]
            # Every key is a path of what was posted: the document's own part of the round,
            # a field of the round it copies, or the round as a whole.
            if head in own:
                fields.setdefault(f"{section}.{path}", []).extend(messages)
            else:
                where = path if head in posted else "_schema"
                fields.setdefault(where, []).extend(f"{label}: {m}" for m in messages)
        raise InvalidData(
            f"Không lập được “{label}” từ dữ liệu đợt tiếp xúc.", fields=fields
        ) from exc
    return loaded


def _doc_part(round_: Mapping[str, Any], section: str) -> dict[str, Any]:
    """Issuer, number, date, signer, recipients of one of the round's documents."""
    part = round_[section]
    return {
        "issuer": round_["issuer"],
        "number": part.get("number"),
        "date": part["date"],
        "signer": part["signer"],
        "recipients": part["recipients"],
        "archive": part["archive"],
        "session": round_["session"],
        "timing": round_["timing"],
    }


def _kinds_phrase(sub_units: Sequence[Mapping[str, Any]]) -> str:
    """The kinds of the round's places, as a report names them: "xã, thị trấn"."""
    # The most frequent kind first ("xã, thị trấn"), ties in the order first listed.
    kinds = Counter(vn.lower(u["kind"]) for u in sub_units)
    return ", ".join(kind for kind, _ in kinds.most_common())


def _item(item: routing.Item, places: Mapping[str, str]) -> dict[str, Any]:
    return {
        "summary": item.summary,
        "places": [places[name] for name in item.places],
        "field": item.field,
        "level": item.level,
        "body": item.body,
        "petitions": list(item.petition_ids),
    }


def schedule_data(round_: Mapping[str, Any]) -> dict[str, Any]:
    """The schedule notice's data: every meeting, in time order."""
    kinds = {u["name"]: u["kind"] for u in round_["sub_units"]}
    entries = [
        {
            "group": m["group"],
            "sub_unit": m["sub_unit"],
            "sub_unit_kind": kinds[m["sub_unit"]],
            "venue": m["venue"],
            "start": m["start"],
            "deputies": m["deputies_present"],
        }
        for m in sorted(round_["meetings"], key=lambda m: m["start"])
    ]
    return {
        **_doc_part(round_, "schedule"),
        "plan": round_.get("plan"),
        "groups": round_["groups"],
        "entries": entries,
    }


def front_issuer(round_: Mapping[str, Any], sub_unit: Mapping[str, Any]) -> dict[str, Any]:
    """Who draws up a meeting's minutes: the Front committee of the place (or of the commune)."""
    kind = vn.lower(sub_unit["kind"])
    level = next((lvl for lvl in ("xa", "huyen", "tinh") if kind in UNIT_KINDS[lvl]), None)
    if level is None:  # a thôn or tổ dân phố: the commune's own Front
        issuer = round_["issuer"]
        level, kind, name = issuer["level"], vn.lower(issuer["unit_kind"]), issuer["unit_name"]
    else:
        name = sub_unit["name"]
    return {
        "level": level,
        "unit_kind": kind,
        "unit_name": name,
        "header_top": f"Ủy ban MTTQ Việt Nam {kind} {name}",
        "header_name": "Ban Thường trực",
        "symbol": "MTTQ",
    }


def minutes_data(round_: Mapping[str, Any], meeting: Mapping[str, Any]) -> dict[str, Any]:
    """The minutes of one meeting: its people and the voters' opinions, in the order raised."""
    unit = next(u for u in round_["sub_units"] if u["name"] == meeting["sub_unit"])
    group = next(g for g in round_["groups"] if g["number"] == meeting["group"])
    opinions = [
        {"voters": p["voters"], "content": p["content"], "answer": p.get("answer")}
        for p in round_["petitions"]
        if p["meeting"] == meeting["id"]
    ]
    return {
        "issuer": front_issuer(round_, unit),
        "council": round_["issuer"],
        "number": None,
        "session": round_["session"],
        "timing": round_["timing"],
        "group": group,
        "sub_unit_kind": unit["kind"],
        "meeting": meeting,
        "opinions": opinions,
    }


def counts_data(counts: routing.Counts) -> dict[str, Any]:
    """The report's counts: the round's figures, and the report's items by level and field."""
    return {
        "meetings": counts.meetings,
        "voters": counts.voters,
        "opinions": counts.opinions,
        "items": counts.report_items,
        "answered": counts.answered,
        "forwarded_down": counts.lower_items,
        "by_level": {t.key: t.items for t in counts.report_by_level},
        "by_field": {t.key: t.items for t in counts.report_by_field},
    }


def report_data(round_: Mapping[str, Any], result: routing.Routing) -> dict[str, Any]:
    """The summary report's data: the report's items and the computed counts."""
    places = {u["name"]: routing.place_name(u) for u in round_["sub_units"]}
    return {
        **_doc_part(round_, "report"),
        "plan": round_.get("plan"),
        "start_date": round_["start_date"],
        "end_date": round_["end_date"],
        "sub_units": _kinds_phrase(round_["sub_units"]),
        "counts": counts_data(result.counts),
        "items": [_item(item, places) for item in result.report_items],
    }


def letter_data(
    round_: Mapping[str, Any], letter: routing.Letter, number: int | None
) -> dict[str, Any]:
    """One forwarding letter's data: its addressees and their items."""
    places = {u["name"]: routing.place_name(u) for u in round_["sub_units"]}
    date = round_["letters"]["date"]
    return {
        **_doc_part(round_, "letters"),
        "number": number,
        "unit": round_["letter_unit"],
        "addressees": list(letter.addressees),
        "start_date": round_["start_date"],
        "end_date": round_["end_date"],
        "reply_by": round_.get("reply_by") or date + datetime.timedelta(days=REPLY_DAYS),
        "items": [_item(item, places) for item in letter.items],
    }


def _held(meeting: Mapping[str, Any], round_: Mapping[str, Any]) -> bool:
    """A meeting with voters counted or opinions recorded has minutes; one only planned has not."""
    return meeting.get("voters") is not None or any(
        p["meeting"] == meeting["id"] for p in round_["petitions"]
    )


def _short_recipient(letter: routing.Letter) -> str:
    if letter.kind == routing.LOWER:
        return letter.recipient.replace("Thường trực HĐND", "TT HĐND", 1)
    return letter.recipient


def plan_round(round_: Mapping[str, Any]) -> RoundPlan:
    """Route a validated round and list its documents, in the order a clerk files them."""
    result = routing.route(round_)
    drafts: list[tuple[str, dict[str, Any], str, str, tuple[str, ...]]] = []
    if round_.get("schedule") and round_["meetings"]:
        schedule_for = f"Các Tổ đại biểu {council_name(round_)} và cử tri"
        drafts.append(
            (SCHEDULE, schedule_data(round_), "Thông báo lịch tiếp xúc cử tri", schedule_for, ())
        )
    units = {u["name"]: u for u in round_["sub_units"]}
    for meeting in sorted(round_["meetings"], key=lambda m: m["start"]):
        if not _held(meeting, round_):
            continue
        pids = tuple(p["id"] for p in round_["petitions"] if p["meeting"] == meeting["id"])
        place = routing.place_name(units[meeting["sub_unit"]])
        name = f"Biên bản {place} {meeting['start'].date().isoformat()}"
        drafts.append((MINUTES, minutes_data(round_, meeting), name, place, pids))
    report_ids = tuple(pid for item in result.report_items for pid in item.petition_ids)
    drafts.append(
        (
            REPORT,
            report_data(round_, result),
            "Báo cáo tổng hợp ý kiến cử tri",
            "; ".join(round_["report"]["recipients"]) or council_name(round_),
            report_ids,
        )
    )
    first = round_["letters"].get("number")
    for i, letter in enumerate(result.letters):
        number = first + i if first else None
        drafts.append(
            (
                LETTER,
                letter_data(round_, letter, number),
                f"Công văn chuyển {_short_recipient(letter)}",
                letter.recipient,
                letter.petition_ids,
            )
        )
    width = max(2, len(str(len(drafts))))
    names: set[str] = set()
    jobs = []
    for index, (type_id, raw, name, recipient, pids) in enumerate(drafts, start=1):
        file_name = _unique(safe_filename(f"{index:0{width}d} {name}"), names)
        jobs.append(Job(type_id, _load(type_id, raw, name), file_name, recipient, pids))
    return RoundPlan(
        jobs=tuple(jobs),
        routing=result,
        warnings=tuple(round_warnings(round_)),
        council=council_name(round_),
        title=round_title(round_),
    )


def _unique(name: str, taken: set[str]) -> str:
    """The name, or the name with " (2)", " (3)" … when already taken (case-insensitive)."""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name} ({n})"
    taken.add(candidate.casefold())
    return candidate


def council_name(round_: Mapping[str, Any]) -> str:
    """The council as a title names it: "HĐND xã Biên Sơn"."""
    issuer = round_["issuer"]
    return f"HĐND {vn.lower(issuer['unit_kind'])} {issuer['unit_name']}"


def round_title(round_: Mapping[str, Any]) -> str:
    """A name for the bundle: "Tiếp xúc cử tri trước kỳ họp thứ 4 HĐND xã Biên Sơn khóa I"."""
    session = round_["session"]
    timing = TIMINGS[round_["timing"]].split()[0]
    return (
        f"Tiếp xúc cử tri {timing} kỳ họp thứ {session['ordinal']} {council_name(round_)} "
        f"khóa {vn.roman(session['term_ordinal'])}"
    )


def load_round(raw: Any) -> dict[str, Any]:
    """Raw JSON → a validated round; InvalidData names every bad field."""
    if not isinstance(raw, dict):
        raise InvalidData.from_messages({"_schema": ["Dữ liệu phải là một đối tượng JSON."]})
    try:
        loaded: dict[str, Any] = RoundSchema().load(raw)
    except ValidationError as exc:
        raise InvalidData.from_messages(exc.messages) from exc
    return loaded
