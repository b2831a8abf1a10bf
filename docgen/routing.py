"""Where each voter's petition goes: the summary report, a forwarding letter, merging and counts.

Pure functions over a round validated by RoundSchema (dates as dates, meetings and petitions as
dicts). The rule (DOMAIN.md §1): for a council of level L, petitions at level L or above go into
the summary report and into letters through L's channels (docgen/channels.py: its own UBND, the
province's Thường trực HĐND or National Assembly delegation…), each item still naming its
competent body; petitions below L go to the Thường trực HĐND and UBND of the lower unit, one
letter per unit. The same matter raised at several meetings is one item naming every place that
raised it; the same matter at different levels stays one item per level. A petition settled at
its meeting is counted and kept in the minutes, but forwarded nowhere.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docgen import bodies, channels, vn
from docgen.vocab import COMPETENCE_LEVELS, LEVEL_RANK, PETITION_FIELDS, field_table

REPORT = "report"
SAME_LEVEL, UPWARD, LOWER = "same_level", "upward", "lower"


@dataclass(frozen=True)
class Voter:
    """A voter named on a petition."""

    name: str
    address: str | None = None


@dataclass(frozen=True)
class Item:
    """One distinct matter: a petition, or every petition raising the same matter."""

    key: str  # the matter key, or the petition id when it has none
    summary: str
    field: str
    level: str
    body: str
    petition_ids: tuple[str, ...]
    meeting_ids: tuple[str, ...]
    places: tuple[str, ...]  # sub-unit names, in the order of their first meeting
    voters: tuple[Voter, ...]
    answers: tuple[str, ...]  # answers given on the spot, if any

    @property
    def opinions(self) -> int:
        """How many petitions (opinions) this item summarises."""
        return len(self.petition_ids)

    @property
    def field_label(self) -> str:
        """The field's Vietnamese name in the default list (a council's own list: FieldGroup)."""
        return PETITION_FIELDS.get(self.field, self.field)

    @property
    def level_label(self) -> str:
        """The competence level's Vietnamese name."""
        return COMPETENCE_LEVELS[self.level]


@dataclass(frozen=True)
class Letter:
    """A forwarding letter: its recipient and the items it carries."""

    kind: str  # SAME_LEVEL (the council's own level), UPWARD, or LOWER (a sub-unit)
    recipient: str  # the channel, or "Thường trực HĐND và UBND xã Biên Sơn"
    addressees: tuple[str, ...]  # the «Kính gửi» lines: the channel, or a lower unit's two bodies
    level: str  # the nearest competence level of its items (the lower unit's for LOWER)
    sub_unit: str | None  # the sub-unit's name for a LOWER letter
    items: tuple[Item, ...]

    @property
    def petition_ids(self) -> tuple[str, ...]:
        """Every petition the letter forwards."""
        return tuple(pid for item in self.items for pid in item.petition_ids)


@dataclass(frozen=True)
class LevelGroup:
    """The items of one competence level (inside a field)."""

    level: str
    label: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class FieldGroup:
    """The items of one field, by competence level, highest first."""

    field: str
    label: str
    levels: tuple[LevelGroup, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the field, in report order."""
        return tuple(item for group in self.levels for item in group.items)


@dataclass(frozen=True)
class Tally:
    """Opinions (petitions raised) and distinct items for one level or field."""

    key: str
    label: str
    opinions: int
    items: int


@dataclass(frozen=True)
class Counts:
    """The figures a report prints, computed from the data."""

    meetings: int
    voters: int  # voters attending, summed over meetings
    opinions: int  # petitions raised
    items: int  # distinct items after merging
    answered: int  # petitions answered on the spot
    resolved: int  # petitions settled at the meeting: counted, not forwarded
    report_opinions: int
    report_items: int
    lower_opinions: int
    lower_items: int
    by_level: tuple[Tally, ...]  # levels with any item, highest first
    by_field: tuple[Tally, ...]  # fields with any item, in the council's order of fields
    report_by_level: tuple[Tally, ...]  # the same, over the report's items only
    report_by_field: tuple[Tally, ...]


@dataclass(frozen=True)
class Routing:
    """The outcome of routing one round's petitions."""

    report_items: tuple[Item, ...]  # by field, level (highest first), then as first raised
    report_groups: tuple[FieldGroup, ...]
    letters: tuple[Letter, ...]  # own UBND, bodies above (nearest first), then sub-units
    counts: Counts

    @property
    def lower_items(self) -> tuple[Item, ...]:
        """The items forwarded to lower units."""
        return tuple(
            item for letter in self.letters if letter.kind == LOWER for item in letter.items
        )


class NoChannel(ValueError):
    """No addressee is set, or can be formed by default, for items of a competence level."""

    def __init__(self, level: str, petition_ids: Sequence[str]) -> None:
        super().__init__(level)
        self.level = level
        self.petition_ids = tuple(petition_ids)


def in_report(level: str, council_level: str) -> bool:
    """Whether a petition of this competence level belongs in a council's summary report."""
    return LEVEL_RANK[level] <= LEVEL_RANK[council_level]


def place_name(sub_unit: Mapping[str, Any]) -> str:
    """A sub-unit as running text names it: "xã Biên Sơn", "thị trấn Chũ", "thôn Ao Sen"."""
    return f"{vn.lower(sub_unit['kind'])} {sub_unit['name']}"


def lower_recipient(sub_unit: Mapping[str, Any]) -> str:
    """The addressee of a letter to a lower unit: its standing committee and people's committee."""
    return f"Thường trực HĐND và UBND {place_name(sub_unit)}"


def named_sub_unit(body: str, sub_units: Sequence[Mapping[str, Any]]) -> str | None:
    """The sub-unit a body's name designates ("UBND xã Biên Động" → "Biên Động"), if any."""
    text = vn.lower(body)
    found = [
        unit["name"]
        for unit in sub_units
        if re.search(rf"(?<!\w){re.escape(vn.lower(unit['name']))}(?!\w)", text)
    ]
    return max(found, key=len) if found else None


def _positions(round_: Mapping[str, Any]) -> dict[str, tuple[datetime.datetime, int]]:
    """Each petition's place in time: its meeting's start, then its order in the data."""
    starts = {m["id"]: m["start"] for m in round_["meetings"]}
    return {p["id"]: (starts[p["meeting"]], i) for i, p in enumerate(round_["petitions"])}


def own_place(petition: Mapping[str, Any], round_: Mapping[str, Any]) -> str:
    """The sub-unit whose voters raised a petition: its own, or its meeting's host."""
    if petition.get("sub_unit"):
        return str(petition["sub_unit"])
    meeting = next(m for m in round_["meetings"] if m["id"] == petition["meeting"])
    return str(meeting["sub_unit"])


def _destination(petition: Mapping[str, Any], round_: Mapping[str, Any]) -> str:
    """REPORT, or the name of the lower sub-unit whose letter carries the petition."""
    if in_report(petition["level"], round_["issuer"]["level"]):
        return REPORT
    return named_sub_unit(petition["body"], round_["sub_units"]) or own_place(petition, round_)


def _make_item(petitions: Sequence[Mapping[str, Any]], round_: Mapping[str, Any]) -> Item:
    """Merge petitions (already in the order raised) into one item."""
    first = petitions[0]
    voters: list[Voter] = []
    for petition in petitions:
        for voter in petition["voters"]:
            person = Voter(voter["name"], voter.get("address"))
            if person not in voters:
                voters.append(person)
    return Item(
        key=first.get("matter") or first["id"],
        summary=first["summary"],
        field=first["field"],
        level=first["level"],
        body=first["body"],
        petition_ids=tuple(p["id"] for p in petitions),
        meeting_ids=_unique(p["meeting"] for p in petitions),
        places=_unique(own_place(p, round_) for p in petitions),
        voters=tuple(voters),
        answers=tuple(p["answer"] for p in petitions if p.get("answer")),
    )


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """The values without repeats, in first-seen order."""
    return tuple(dict.fromkeys(values))


def merge(round_: Mapping[str, Any]) -> dict[str, tuple[Item, ...]]:
    """Every item by destination (REPORT or a lower sub-unit's name), in the order first raised."""
    position = _positions(round_)
    petitions = sorted(
        (p for p in round_["petitions"] if not p.get("resolved_at_meeting")),
        key=lambda p: position[p["id"]],
    )
    # The same matter at different levels stays one item per level: nothing leaves its level.
    buckets: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for petition in petitions:
        destination = _destination(petition, round_)
        key = f"matter:{petition['matter']}" if petition.get("matter") else f"id:{petition['id']}"
        buckets.setdefault((destination, petition["level"], key), []).append(petition)
    merged: dict[str, list[Item]] = {}
    for (destination, _level, _key), members in buckets.items():
        merged.setdefault(destination, []).append(_make_item(members, round_))
    return {destination: tuple(items) for destination, items in merged.items()}


def group_by_field(
    items: Sequence[Item], table: Mapping[str, str] = PETITION_FIELDS
) -> tuple[FieldGroup, ...]:
    """Items by field (the council's order), then by level (highest first); order kept inside."""
    groups = []
    for field, field_label in table.items():
        levels = tuple(
            LevelGroup(level, label, members)
            for level, label in COMPETENCE_LEVELS.items()
            if (members := tuple(i for i in items if i.field == field and i.level == level))
        )
        if levels:
            groups.append(FieldGroup(field, field_label, levels))
    return tuple(groups)


def _forward_letters(
    items: Sequence[Item], council_level: str, ways: channels.Channels
) -> list[Letter]:
    """One letter per addressee of the council's channels: own level first, then upward.

    Names of one body in full or abbreviated form ("Ủy ban nhân dân tỉnh X", "UBND tỉnh X") are
    one addressee, written as first met.
    """
    by_key: dict[str, list[Item]] = {}
    spelling: dict[str, str] = {}
    for item in items:
        addressee = ways.addressee(item.level, item.body)
        if addressee is None:
            missing = [pid for i in items if i.level == item.level for pid in i.petition_ids]
            raise NoChannel(item.level, missing)
        key = bodies.body_key(addressee)
        by_key.setdefault(key, []).append(item)
        spelling.setdefault(key, addressee)
    letters = []
    for key, members in by_key.items():
        nearest = max((i.level for i in members), key=LEVEL_RANK.__getitem__)
        letters.append(
            Letter(
                kind=SAME_LEVEL if nearest == council_level else UPWARD,
                recipient=spelling[key],
                addressees=(spelling[key],),
                level=nearest,
                sub_unit=None,
                items=tuple(members),
            )
        )
    # The council's own level first, then the channels above, nearest level first.
    return sorted(letters, key=lambda letter: -LEVEL_RANK[letter.level])


def route(round_: Mapping[str, Any], ways: channels.Channels | None = None) -> Routing:
    """Route every petition of a validated round: report items, letters, counts.

    `ways` are the council's channels (by default those the round sets over its level's
    defaults); NoChannel when an item's level has none.
    """
    council_level = round_["issuer"]["level"]
    table = field_table(round_.get("petition_fields"))
    order = list(table)
    merged = merge(round_)
    report_items = tuple(
        sorted(
            merged.get(REPORT, ()),
            key=lambda item: (order.index(item.field), LEVEL_RANK[item.level]),
        )
    )
    letters = _forward_letters(report_items, council_level, ways or channels.for_round(round_))
    for unit in round_["sub_units"]:
        if merged.get(unit["name"]):
            letters.append(
                Letter(
                    kind=LOWER,
                    recipient=lower_recipient(unit),
                    addressees=(
                        f"Thường trực HĐND {place_name(unit)}",
                        f"UBND {place_name(unit)}",
                    ),
                    level=_lower_level(council_level),
                    sub_unit=unit["name"],
                    items=merged[unit["name"]],
                )
            )
    lower_items = tuple(item for unit, items in merged.items() if unit != REPORT for item in items)
    return Routing(
        report_items=report_items,
        report_groups=group_by_field(report_items, table),
        letters=tuple(letters),
        counts=count(round_, report_items, lower_items, table),
    )


def _lower_level(council_level: str) -> str:
    """The competence level just below a council's."""
    rank = LEVEL_RANK[council_level] + 1
    return next((lvl for lvl, r in LEVEL_RANK.items() if r == rank), council_level)


def count(
    round_: Mapping[str, Any],
    report_items: Sequence[Item],
    lower_items: Sequence[Item],
    table: Mapping[str, str] = PETITION_FIELDS,
) -> Counts:
    """The round's figures: meetings, voters, opinions, items, by level and by field."""
    items = [*report_items, *lower_items]
    petitions = round_["petitions"]

    def tally(attr: str, labels: Mapping[str, str], items: Sequence[Item]) -> tuple[Tally, ...]:
        # Opinions are counted with their item, so the figures match the items as listed.
        out = []
        for key, label in labels.items():
            members = [i for i in items if getattr(i, attr) == key]
            if members:
                out.append(Tally(key, label, sum(i.opinions for i in members), len(members)))
        return tuple(out)

    return Counts(
        meetings=len(round_["meetings"]),
        voters=sum(m.get("voters") or 0 for m in round_["meetings"]),
        opinions=len(petitions),
        items=len(items),
        answered=sum(1 for p in petitions if p.get("answer")),
        resolved=sum(1 for p in petitions if p.get("resolved_at_meeting")),
        report_opinions=sum(i.opinions for i in report_items),
        report_items=len(report_items),
        lower_opinions=sum(i.opinions for i in lower_items),
        lower_items=len(lower_items),
        by_level=tally("level", COMPETENCE_LEVELS, items),
        by_field=tally("field", table, items),
        report_by_level=tally("level", COMPETENCE_LEVELS, report_items),
        report_by_field=tally("field", table, report_items),
    )
