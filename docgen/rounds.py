"""One round's documents: from a validated round to the jobs to render, and the manifest.

`plan_round` is pure: it routes the petitions, lists every document the round calls for (the
schedule, the minutes of each meeting held, the summary report, one forwarding letter per
recipient) with data valid for that type's schema, and gathers the warnings. `produce`
(docgen/round_output.py) renders the jobs through the document service.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marshmallow import ValidationError

from docgen import documents, report_layout, routing, vn
from docgen.doctypes.base import council_name
from docgen.errors import InvalidData, flatten_messages
from docgen.naming import safe_filename
from docgen.round_warnings import RoundWarning, round_warnings
from docgen.schemas.round import RoundSchema
from docgen.vocab import COMPETENCE_LEVELS, TIMINGS


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


def _load(type_id: str, raw: dict[str, Any], label: str) -> dict[str, Any]:
    """Raw document data → loaded data; a refusal names the round's field when it can."""
    try:
        loaded: dict[str, Any] = documents.get(type_id).schema().load(_jsonable(raw))
    except ValidationError as exc:
        section = documents.get(type_id).round_section
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


def route_round(round_: Mapping[str, Any]) -> routing.Routing:
    """Route a round; InvalidData naming the channel (or the province) when one is missing."""
    try:
        return routing.route(round_)
    except routing.NoChannel as exc:
        level = COMPETENCE_LEVELS[exc.level]
        message = (
            f"Chưa có nơi nhận công văn cho ý kiến thuộc thẩm quyền {vn.lower(level)} "
            f"({', '.join(exc.petition_ids)}): ghi nơi nhận theo cấp này, hoặc ghi tỉnh của "
            "hội đồng để gửi qua Thường trực HĐND tỉnh."
        )
        fields = {f"channels.{exc.level}": [message]}
        if exc.level in ("tinh", "trung_uong") and not round_.get("province"):
            fields["province"] = [message]
        raise InvalidData("Chưa đủ nơi nhận để chuyển ý kiến của cử tri.", fields=fields) from exc


def plan_round(round_: Mapping[str, Any]) -> RoundPlan:
    """Route a validated round and list its documents, in the order a clerk files them."""
    if wrong := report_layout.round_field_errors(round_):
        raise InvalidData(
            "Lĩnh vực của ý kiến không có trong danh sách của hội đồng.", fields=wrong
        )
    result = route_round(round_)
    drafts = [draft for doc in documents.round_types() for draft in doc.drafts(round_, result)]
    width = max(2, len(str(len(drafts))))
    names: set[str] = set()
    jobs = []
    for index, draft in enumerate(drafts, start=1):
        file_name = _unique(safe_filename(f"{index:0{width}d} {draft.name}"), names)
        data = _load(draft.type_id, draft.data, draft.name)
        jobs.append(Job(draft.type_id, data, file_name, draft.recipient, draft.petitions))
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
