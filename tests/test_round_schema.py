"""The round's data: the fixtures load, and each invalid case is refused on its fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, load_fixture
from marshmallow import ValidationError

from docgen import rounds
from docgen.errors import InvalidData, flatten_messages
from docgen.schemas.round import RoundSchema
from docgen.vocab import LEVEL_RANK

INVALID = sorted((FIXTURES / "invalid").glob("round.*.json"))


def test_lucngan_round_is_realistic():
    r = RoundSchema().load(load_fixture("round_luc_ngan.json"))
    assert r["issuer"]["level"] == "huyen"
    assert len(r["groups"]) >= 4 and len(r["sub_units"]) >= 12
    assert {m["sub_unit"] for m in r["meetings"]} == {u["name"] for u in r["sub_units"]}
    assert len(r["petitions"]) >= 60
    assert {p["level"] for p in r["petitions"]} == set(LEVEL_RANK)
    matters = [p["matter"] for p in r["petitions"] if p.get("matter")]
    assert any(matters.count(m) >= 3 for m in matters)


def test_commune_round_after_2025_has_no_district_level():
    r = RoundSchema().load(load_fixture("round_xa_2026.json"))
    assert r["issuer"]["level"] == "xa"
    assert {u["kind"] for u in r["sub_units"]} <= {"thôn", "tổ dân phố"}
    assert {p["level"] for p in r["petitions"]} == {"trung_uong", "tinh", "xa"}


def test_round_defaults_for_the_deadlines():
    r = RoundSchema().load(load_fixture("round_xa_2026.json"))
    assert (r["schedule_days"], r["report_days"]) == (15, 5)


@pytest.mark.parametrize("invalid", INVALID, ids=lambda p: p.stem.split(".", 1)[1])
def test_invalid_rounds_name_their_fields(invalid: Path):
    case = json.loads(invalid.read_text(encoding="utf-8"))
    assert case["type"] == "round" and case["note"]
    try:
        loaded = RoundSchema().load(case["data"])
    except ValidationError as error:
        named = set(flatten_messages(error.messages))
    else:
        # A petition's field is checked once the council's list is known: the round's own, the
        # one its saved profile holds, or the default twelve (docgen.rounds.plan_round).
        with pytest.raises(InvalidData) as info:
            rounds.plan_round(loaded)
        named = set(info.value.fields)
    assert named == set(case["expected_fields"])


@pytest.mark.parametrize(
    "name",
    ["round_luc_ngan.json", "round_xa_2026.json", "round_phuong_2026.json", "round_tinh_2026.json"],
)
def test_round_fixtures_validate_against_the_published_json_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "round.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not [e.message for e in validator.iter_errors(load_fixture(name))]
    bad = {**load_fixture(name), "not_a_field": 1}
    assert list(validator.iter_errors(bad))


def test_the_ward_round_has_joint_meetings_every_level_and_a_matter_at_two_levels():
    r = RoundSchema().load(load_fixture("round_phuong_2026.json"))
    assert (r["issuer"]["level"], r["issuer"]["unit_kind"]) == ("xa", "phường")
    assert r["start_date"].year == 2026
    joint = [m for m in r["meetings"] if m["joint_sub_units"]]
    assert len(joint) >= 2
    covered = {u for m in r["meetings"] for u in (m["sub_unit"], *m["joint_sub_units"])}
    assert covered == {u["name"] for u in r["sub_units"]}
    assert {p["level"] for p in r["petitions"]} == {"trung_uong", "tinh", "xa"}
    levels = {}
    for p in r["petitions"]:
        if p.get("matter"):
            levels.setdefault(p["matter"], set()).add(p["level"])
    assert any(len(found) > 1 for found in levels.values())
    assert any(p["resolved_at_meeting"] for p in r["petitions"])
