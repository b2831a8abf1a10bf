"""Channels: to whom a council sends the petitions of each competence level (DOMAIN.md §1).

The competent body (who resolves a petition, printed in the report) is not the addressee of the
letter: a council writes to bodies of its own level and to the channels above it, never straight
to ministries, the Government or provincial departments. Channels are data with defaults by the
council's level; a saved council profile (docgen/councils.py) and the round itself override them.

Defaults, by the council's level (`province` is the province the council belongs to, e.g.
"tỉnh Bắc Ninh"; a provincial council is its own province):

- commune (xa): own level → its UBND; provincial and central → Thường trực HĐND of the province;
- district archives (huyen, before 01/07/2025): own level → its UBND; provincial and central →
  Thường trực HĐND of the province (items of a commune go to that commune's Thường trực HĐND and
  UBND: see docgen/routing.py);
- province (tinh): own level → UBND of the province; central → the province's National Assembly
  delegation (Đoàn đại biểu Quốc hội).

`direct` lists levels whose items go to their own competent body instead (a commune council that
sends its own level's items to the named commune body, e.g. the commune police).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from docgen import vn

LEVELS = ("trung_uong", "tinh", "huyen", "xa")
RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Channels:
    """The addressee for each competence level the council sends up, and the direct levels."""

    to: Mapping[str, str]  # competence level → addressee (missing: no default could be formed)
    direct: frozenset[str] = frozenset()

    def addressee(self, level: str, competent_body: str) -> str | None:
        """Whom a letter carrying an item of this level goes to (None: no channel set)."""
        if level in self.direct:
            return competent_body
        return self.to.get(level)


def own_unit(issuer: Mapping[str, Any]) -> str:
    """The council's unit as running text names it: "xã Biên Sơn", "tỉnh Bắc Ninh"."""
    return f"{vn.lower(issuer['unit_kind'])} {issuer['unit_name']}"


def default_channels(issuer: Mapping[str, Any], province: str | None) -> dict[str, str]:
    """The default addressee per level for a council (levels at or above its own)."""
    level = issuer["level"]
    own = f"UBND {own_unit(issuer)}"
    if level == "tinh":
        return {"tinh": own, "trung_uong": f"Đoàn đại biểu Quốc hội {own_unit(issuer)}"}
    defaults = {level: own}
    if province:
        defaults["tinh"] = defaults["trung_uong"] = f"Thường trực HĐND {province}"
    return defaults


def for_round(round_: Mapping[str, Any]) -> Channels:
    """The channels of a round: its own `channels` over the defaults of its council."""
    given = round_.get("channels") or {}
    to = default_channels(round_["issuer"], round_.get("province"))
    to.update({lvl: given[lvl] for lvl in LEVELS if given.get(lvl)})
    council = RANK[round_["issuer"]["level"]]
    to = {lvl: name for lvl, name in to.items() if RANK[lvl] <= council}
    return Channels(to=to, direct=frozenset(given.get("direct") or ()))


def merge_profile(round_: Mapping[str, Any], profile: Mapping[str, Any] | None) -> dict[str, Any]:
    """The round with a saved council profile's province and channels under its own."""
    merged = dict(round_)
    if not profile:
        return merged
    if not merged.get("province") and profile.get("province"):
        merged["province"] = profile["province"]
    saved = dict(profile.get("channels") or {})
    saved.update({k: v for k, v in (round_.get("channels") or {}).items() if v})
    merged["channels"] = saved
    return merged
