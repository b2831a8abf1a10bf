"""How a council lays out its summary report: its fields, the order of its sections, its counts.

Pure rules over plain data, shared by the round's schema, the report's schema, routing and the
council profiles: which fields a council classifies petitions by, in which order the report's
sections come (a council's own level first by default), and what its counts count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docgen.vocab import COMPETENCE_LEVELS, LEVEL_RANK, field_table

# The options a report section (or a council profile) sets, with what each is when unset.
STYLE_DEFAULTS: dict[str, Any] = {
    "section_order": None,  # own level first, then the levels above, nearest first
    "details": "bao_cao_va_phu_luc",
    "count_by": "noi_dung",
}


def field_errors(items: Sequence[Mapping[str, Any]], table: Mapping[str, str]) -> dict[int, Any]:
    """Items (or petitions) whose field is not in the council's list, by index."""
    known = ", ".join(table)
    return {
        i: {"field": [f"Lĩnh vực “{item['field']}” không có trong danh sách lĩnh vực ({known})."]}
        for i, item in enumerate(items)
        if item.get("field") not in table
    }


def list_errors(given: Sequence[Mapping[str, str]]) -> list[str]:
    """What is wrong with a council's list of fields: repeated keys or names."""
    problems = []
    for attribute, what in (("key", "Mã"), ("label", "Tên")):
        seen = [f[attribute] for f in given]
        repeated = sorted({v for v in seen if seen.count(v) > 1})
        if repeated:
            problems.append(f"{what} lĩnh vực bị trùng: {', '.join(repeated)}.")
    return problems


def levels_up_to(council_level: str) -> list[str]:
    """The competence levels a council's report may carry: its own, then above, nearest first."""
    own = LEVEL_RANK[council_level]
    return sorted(
        (lv for lv in COMPETENCE_LEVELS if LEVEL_RANK[lv] <= own), key=lambda lv: -LEVEL_RANK[lv]
    )


def section_order(given: Sequence[str] | None, council_level: str) -> list[str]:
    """The report's levels in print order. The levels above come together, the given ones first
    (the rest nearest first); the council's own level comes first unless given last."""
    default = levels_up_to(council_level)
    chosen = [lv for lv in (given or []) if lv in default]
    upward = [lv for lv in chosen if lv != council_level]
    upward += [lv for lv in default if lv not in upward and lv != council_level]
    own_last = len(chosen) > 1 and chosen[-1] == council_level
    return [*upward, council_level] if own_last else [council_level, *upward]


def section_order_errors(given: Sequence[str] | None, council_level: str) -> list[str]:
    """Why a section order cannot serve a council: foreign or repeated levels, own level inside."""
    if not given:
        return []
    allowed = levels_up_to(council_level)
    foreign = [COMPETENCE_LEVELS[lv] for lv in given if lv not in allowed]
    if foreign:
        return [f"Không thuộc báo cáo của hội đồng cấp này: {', '.join(foreign)}."]
    if len(set(given)) < len(given):
        return ["Mỗi cấp chỉ ghi một lần."]
    if council_level in given and given.index(council_level) not in (0, len(given) - 1):
        return ["Cấp của hội đồng đứng đầu hoặc cuối (các cấp trên đứng liền nhau)."]
    return []


def merge_profile(round_: Mapping[str, Any], profile: Mapping[str, Any] | None) -> dict[str, Any]:
    """The round with a saved council profile's fields and report layout under its own."""
    merged = dict(round_)
    if not profile:
        return merged
    if not merged.get("petition_fields") and profile.get("petition_fields"):
        merged["petition_fields"] = profile["petition_fields"]
    report = dict(merged["report"])
    for key in STYLE_DEFAULTS:
        if report.get(key) is None and profile.get(key) is not None:
            report[key] = profile[key]
    merged["report"] = report
    return merged


def round_field_errors(round_: Mapping[str, Any]) -> dict[str, Any]:
    """The round's petitions whose field is not in the council's list (its own or the default)."""
    table = field_table(round_.get("petition_fields"))
    wrong = field_errors(round_.get("petitions") or [], table)
    return {f"petitions.{i}.field": problem["field"] for i, problem in wrong.items()}
