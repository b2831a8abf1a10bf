"""The shared schemas and the plan's: cleaning, refusals, defaults."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from docgen.doctypes.ke_hoach_tiep_xuc import PlanSchema


def load(data):
    return PlanSchema().load(data)


def test_seed_fixture_loads(plan_data):
    data = load(plan_data)
    assert data["number"] == 1 and data["year"] == 2021
    assert data["issuer"]["symbol"] == "HĐND"


def test_strings_are_nfc_and_clean(plan_data):
    plan_data["signer"]["name"] = "Nguye\u0302\u0303n\x00 Thu Hu\u031bo\u031b\u0300ng\x0b"
    data = load(plan_data)
    assert data["signer"]["name"] == "Nguyễn Thu Hường"


def test_unknown_nested_field_refused(plan_data):
    plan_data["issuer"]["tinh"] = "Bắc Giang"
    with pytest.raises(ValidationError) as info:
        load(plan_data)
    assert info.value.messages == {"issuer": {"tinh": ["Unknown field."]}}


@pytest.mark.parametrize(
    ("level", "kind", "ok"),
    [
        ("huyen", "huyện", True),
        ("huyen", "thị xã", True),
        ("xa", "phường", True),
        ("xa", "đặc khu", True),
        ("tinh", "thành phố", True),
        ("tinh", "huyện", False),
        ("huyen", "xã", False),
        ("xa", "tỉnh", False),
    ],
)
def test_unit_kind_must_fit_level(plan_data, level, kind, ok):
    plan_data["issuer"].update(level=level, unit_kind=kind)
    if ok:
        load(plan_data)
    else:
        with pytest.raises(ValidationError) as info:
            load(plan_data)
        assert "unit_kind" in info.value.messages["issuer"]


@pytest.mark.parametrize(
    ("signer", "field"),
    [
        ({"authority": "KT.", "title": "Phó Chủ tịch", "name": "A"}, "head_title"),
        (
            {"authority": "Q.", "head_title": "Chủ tịch", "title": "Chủ tịch", "name": "A"},
            "head_title",
        ),
        ({"authority": "XX.", "title": "Chủ tịch", "name": "A"}, "authority"),
        ({"title": "", "name": "A"}, "title"),
    ],
)
def test_inconsistent_signer_refused(plan_data, signer, field):
    plan_data["signer"] = signer
    with pytest.raises(ValidationError) as info:
        load(plan_data)
    assert field in info.value.messages["signer"]


def test_draft_has_no_number(plan_data):
    plan_data["number"] = None
    assert load(plan_data)["number"] is None
    del plan_data["number"]
    assert load(plan_data)["number"] is None


def test_defaults(plan_data):
    for key in ("schedule_days", "report_days", "archive"):
        del plan_data[key]
    data = load(plan_data)
    assert (data["schedule_days"], data["report_days"], data["archive"]) == (15, 5, "VT")
