"""The shared schemas and the plan's: cleaning, refusals, defaults."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from docgen.context import signer_context
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


SIGNER = {"name": "Trần Văn An"}


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        ({"title": "Chủ tịch"}, ["CHỦ TỊCH"]),
        ({"collective": "Thường trực HĐND", "title": "Chủ tịch"},
         ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]),
        ({"collective": "Thường trực HĐND", "authority": "KT.", "head_title": "Chủ tịch",
          "title": "Phó Chủ tịch"}, ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ({"collective": "Thường trực HĐND", "authority": "Q.", "title": "Chủ tịch"},
         ["TM. THƯỜNG TRỰC HĐND", "Q. CHỦ TỊCH"]),
        ({"authority": "KT.", "head_title": "Chủ tịch", "title": "Phó Chủ tịch"},
         ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ({"authority": "Q.", "title": "Chủ tịch"}, ["Q. CHỦ TỊCH"]),
        ({"authority": "TL.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
         ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ({"authority": "TL.", "head_title": "Chủ tịch", "unit_head_title": "Chánh Văn phòng",
          "title": "Phó Chánh Văn phòng"},
         ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
        ({"authority": "TUQ.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
         ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ],
)  # fmt: skip
def test_every_decree_30_signer_stack_loads_and_prints(plan_data, signer, lines):
    plan_data["signer"] = {**signer, **SIGNER}
    data = load(plan_data)
    assert signer_context(data["signer"])["lines"] == lines


@pytest.mark.parametrize(
    ("signer", "field", "words"),
    [
        ({"authority": "TUQ.", "head_title": "Chủ tịch", "unit_head_title": "Chánh Văn phòng",
          "title": "Phó Chánh Văn phòng"}, "unit_head_title", "không được ủy quyền lại"),
        ({"collective": "Thường trực HĐND", "authority": "TL.", "head_title": "Chủ tịch",
          "title": "Chánh Văn phòng"}, "authority", "không thay mặt tập thể"),
        ({"authority": "KT.", "head_title": "Chủ tịch", "unit_head_title": "Chánh Văn phòng",
          "title": "Phó Chủ tịch"}, "unit_head_title", "Điều 13 khoản 4"),
        ({"authority": "TL.", "head_title": "Chủ tịch", "title": "Phó Chánh Văn phòng"},
         "title", "phải ghi KT."),
        ({"authority": "KT.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
         "title", "cấp phó"),
        ({"collective": "Chủ tịch HĐND", "title": "Chủ tịch"}, "collective", "tên tập thể"),
        ({"authority": "TM.", "title": "Chủ tịch"}, "collective", "tên tập thể"),
        ({"authority": "TL.", "head_title": "Chủ tịch", "unit_head_title": "Q. Chánh Văn phòng",
          "title": "Phó Chánh Văn phòng"}, "unit_head_title", "Thẩm quyền ký"),
    ],
)  # fmt: skip
def test_impossible_signer_stack_refused_in_vietnamese(plan_data, signer, field, words):
    plan_data["signer"] = {**signer, **SIGNER}
    with pytest.raises(ValidationError) as info:
        load(plan_data)
    messages = info.value.messages["signer"]
    assert list(messages) == [field]
    assert words in messages[field][0]


@pytest.mark.parametrize(
    ("symbol", "ok"),
    [
        ("HĐND", True),
        ("ĐĐBQH&HĐND", True),  # Văn phòng Đoàn ĐBQH và HĐND tỉnh
        ("VPĐĐBQH&HĐND", True),
        ("TT.HĐND", True),
        ("HĐND&", False),
        ("&HĐND", False),
        ("HĐND-VP", False),
        ("HĐND/VP", False),
        ("HĐND VP", False),
        ("A<B", False),
    ],
)
def test_issuer_symbol_as_offices_write_it(plan_data, symbol, ok):
    plan_data["issuer"]["symbol"] = symbol
    if ok:
        assert load(plan_data)["issuer"]["symbol"] == symbol
    else:
        with pytest.raises(ValidationError) as info:
            load(plan_data)
        assert "“&”" in info.value.messages["issuer"]["symbol"][0]


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
