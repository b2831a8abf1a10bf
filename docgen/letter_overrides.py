"""Per-letter settings of a round: which routed letter each override names, and what it changes.

A round's `letters` gives every forwarding letter its date, signer and recipients; an entry of
`letter_overrides` names one letter by its addressee (full or abbreviated, docgen/bodies.py) and
replaces any of number, date, signer, recipients, archive, reply date for that letter only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docgen import bodies, vn
from docgen.errors import InvalidData
from docgen.routing import Letter


def matched(round_: Mapping[str, Any], letters: Sequence[Letter]) -> list[Mapping[str, Any]]:
    """The override of each letter ({} when none); InvalidData for an override naming no letter."""
    overrides = round_.get("letter_overrides") or []
    keys = {bodies.body_key(letter.recipient): n for n, letter in enumerate(letters)}
    out: list[Mapping[str, Any]] = [{} for _ in letters]
    problems: dict[str, list[str]] = {}
    for i, override in enumerate(overrides):
        n = keys.get(bodies.body_key(override["to"]))
        if n is None:
            names = "; ".join(letter.recipient for letter in letters) or "không có công văn nào"
            problems[f"letter_overrides.{i}.to"] = [
                f"Đợt này không có công văn gửi “{override['to']}” (có: {names})."
            ]
        else:
            out[n] = override
    problems.update(_date_problems(round_, letters, out))
    problems.update(_number_problems(round_, out))
    if problems:
        raise InvalidData("Công văn riêng không khớp với các công văn của đợt.", fields=problems)
    return out


def _date_problems(
    round_: Mapping[str, Any], letters: Sequence[Letter], chosen: Sequence[Mapping[str, Any]]
) -> dict[str, list[str]]:
    """A letter's own date before a meeting whose petitions it forwards."""
    overrides = list(round_.get("letter_overrides") or [])
    day = {m["id"]: m["start"].date() for m in round_["meetings"]}
    meeting_of = {p["id"]: p["meeting"] for p in round_["petitions"]}
    problems = {}
    for letter, override in zip(letters, chosen, strict=True):
        if not override.get("date"):
            continue
        last = max(day[meeting_of[pid]] for pid in letter.petition_ids)
        if override["date"] < last:
            i = overrides.index(override)
            problems[f"letter_overrides.{i}.date"] = [
                f"Công văn đề ngày {vn.short_date(override['date'])}, trước hội nghị ngày "
                f"{vn.short_date(last)} có ý kiến được chuyển."
            ]
        reply = override.get("reply_by") or round_.get("reply_by")
        if reply and reply <= override["date"]:
            i = overrides.index(override)
            problems[f"letter_overrides.{i}.reply_by"] = ["Phải sau ngày ban hành công văn."]
    return problems


def numbers(round_: Mapping[str, Any], chosen: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """Each letter's number: its own, else the round's first number plus its place in order."""
    first = round_["letters"].get("number")
    return [
        override["number"] if "number" in override else (first + n if first else None)
        for n, override in enumerate(chosen)
    ]


def _number_problems(
    round_: Mapping[str, Any], chosen: Sequence[Mapping[str, Any]]
) -> dict[str, list[str]]:
    """Two letters of the round given the same number."""
    overrides = list(round_.get("letter_overrides") or [])
    given = numbers(round_, chosen)
    problems = {}
    for override in chosen:
        if override.get("number") and given.count(override["number"]) > 1:
            i = overrides.index(override)
            problems[f"letter_overrides.{i}.number"] = [
                f"Số {override['number']} trùng với số của một công văn khác trong đợt."
            ]
    return problems


def apply(letter_part: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """The round's `letters` part with one letter's overrides laid over it."""
    keys = ("date", "signer", "recipients", "archive")
    return {**letter_part, **{k: override[k] for k in keys if k in override}}
