"""Council profiles: each council's saved province and channels, kept in the instance folder.

One JSON file, `<instance>/councils.json`, holds a list of profiles; `docgen councils set FILE`
saves one (replacing the profile of the same council), `docgen councils list` prints them. A
round of that council (same level, unit kind and name) takes the profile's province and channels
unless it sets its own (docgen/channels.py: round over profile over the level's defaults), and
likewise its list of fields and its report's layout (docgen/report_layout.py).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import bodies, report_layout, vn
from docgen.errors import InvalidData
from docgen.schemas.common import LEVELS, Text, label
from docgen.schemas.round import ChannelsSchema, ReportStyleMixin, petition_fields_field

FILE_NAME = "councils.json"


class CouncilProfileSchema(ReportStyleMixin):
    """A council and its saved channels (to whom its letters go, level by level), its own list
    of fields and how its summary report is laid out (section order, details, counts)."""

    level = fields.String(
        required=True, validate=validate.OneOf(list(LEVELS)), metadata=label("Cấp hội đồng")
    )
    unit_kind = Text(required=True, metadata=label("Loại đơn vị hành chính", "Ví dụ: phường"))
    unit_name = Text(required=True, metadata=label("Tên đơn vị hành chính", "Ví dụ: Kinh Bắc"))
    province = Text(
        load_default=None, metadata=label("Tỉnh, thành phố của hội đồng", "Ví dụ: tỉnh Bắc Ninh")
    )
    channels = fields.Nested(
        ChannelsSchema, load_default=dict, metadata=label("Nơi nhận công văn chuyển theo cấp")
    )
    petition_fields = petition_fields_field()

    @validates_schema
    def layout_fits(self, data: dict[str, Any], **_: Any) -> None:
        """Fields listed once each; a section order the council's level can use."""
        errors: dict[str, Any] = {}
        if data.get("petition_fields") and (
            problems := report_layout.list_errors(data["petition_fields"])
        ):
            errors["petition_fields"] = problems
        if data.get("level") and (
            problems := report_layout.section_order_errors(data.get("section_order"), data["level"])
        ):
            errors["section_order"] = problems
        if errors:
            raise ValidationError(errors)


def council_key(council: Mapping[str, Any]) -> tuple[str, str]:
    """Which council a profile or a round's issuer is: its level and its unit's name."""
    return council["level"], bodies.body_key(f"{council['unit_kind']} {council['unit_name']}")


def load_profile(raw: Any) -> dict[str, Any]:
    """Raw JSON → a validated profile; InvalidData names every bad field."""
    if not isinstance(raw, dict):
        raise InvalidData.from_messages({"_schema": ["Dữ liệu phải là một đối tượng JSON."]})
    try:
        loaded: dict[str, Any] = CouncilProfileSchema().load(raw)
    except ValidationError as exc:
        raise InvalidData.from_messages(exc.messages) from exc
    return loaded


class CouncilProfiles:
    """The saved profiles of one installation (a JSON file, written atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def all(self) -> list[dict[str, Any]]:
        """Every saved profile, as saved."""
        if not self.path.exists():
            return []
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return [load_profile(p) for p in data.get("councils", [])]

    def find(self, issuer: Mapping[str, Any]) -> dict[str, Any] | None:
        """The profile of a round's issuing council, if one is saved."""
        key = council_key(issuer)
        return next((p for p in self.all() if council_key(p) == key), None)

    def save(self, profile: Mapping[str, Any]) -> None:
        """Add a profile, replacing the one of the same council."""
        kept = [p for p in self.all() if council_key(p) != council_key(profile)]
        kept.append(dict(profile))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"councils": kept}, ensure_ascii=False, indent=2) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".councils-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, self.path)


def describe(profile: Mapping[str, Any]) -> str:
    """ "HĐND phường Kinh Bắc" for listings."""
    return f"HĐND {vn.lower(profile['unit_kind'])} {profile['unit_name']}"
