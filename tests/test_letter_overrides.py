"""Per-letter signer, recipients, number and date: one letter changed, the others as the round's."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError
from roundkit import doc, make_round, petition, raw_round

from docgen import rounds
from docgen.errors import InvalidData, flatten_messages
from docgen.schemas.round import RoundSchema

CHAIR = {"collective": "Thường trực HĐND", "title": "Chủ tịch", "name": "Trần Văn B"}
PETITIONS = [
    petition("a", "m0", "huyen", "UBND huyện Lục Ngạn"),
    petition("b", "m1", "tinh", "Sở Y tế"),
    petition("c", "m3", "xa", "UBND xã Kiên Lao"),
]


def letters(**changes):
    plan = rounds.plan_round(make_round(petitions=PETITIONS, **changes))
    return [job.data for job in plan.jobs if job.type_id == "cong_van_chuyen"]


def test_an_override_changes_its_letter_only():
    override = {
        "to": "Thường trực Hội đồng nhân dân tỉnh Bắc Giang",  # the channel, written in full
        "number": 40,
        "date": "2020-12-10",
        "signer": CHAIR,
        "recipients": ["TT HĐND huyện", "Đoàn ĐBQH tỉnh"],
    }
    own, up, lower = letters(letter_overrides=[override])
    assert (own["number"], own["signer"]["name"], own["recipients"]) == (
        1,
        "Nguyễn Văn A",
        ["TT HĐND"],
    )
    assert (up["number"], up["signer"]["name"], up["date"].isoformat()) == (
        40,
        "Trần Văn B",
        "2020-12-10",
    )
    assert up["recipients"] == ["TT HĐND huyện", "Đoàn ĐBQH tỉnh"]
    assert up["addressees"] == ["Thường trực HĐND tỉnh Bắc Giang"]
    assert (lower["number"], lower["date"].isoformat()) == (3, "2020-12-09")


def test_a_lower_units_letter_is_named_by_its_recipient():
    override = {"to": "Thường trực HĐND và UBND xã Kiên Lao", "signer": CHAIR}
    *_, lower = letters(letter_overrides=[override])
    assert lower["signer"]["name"] == "Trần Văn B"


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"to": "UBND tỉnh Bắc Giang"}, "letter_overrides.0.to"),  # no such letter
        ({"to": "UBND huyện Lục Ngạn", "date": "2020-11-30"}, "letter_overrides.0.date"),
        ({"to": "UBND huyện Lục Ngạn", "date": "2021-01-09"}, "letter_overrides.0.reply_by"),
        ({"to": "UBND huyện Lục Ngạn", "number": 2}, "letter_overrides.0.number"),  # the next's
    ],
)
def test_an_override_that_does_not_fit_the_rounds_letters_is_refused(override, field):
    with pytest.raises(InvalidData) as info:
        letters(letter_overrides=[override], reply_by="2021-01-08")
    assert set(info.value.fields) == {field}


def test_two_overrides_of_one_letter_are_refused_even_in_two_spellings():
    raw = raw_round(
        petitions=PETITIONS,
        letter_overrides=[{"to": "UBND huyện Lục Ngạn"}, {"to": "Ủy ban nhân dân huyện Lục Ngạn"}],
    )
    with pytest.raises(ValidationError) as info:
        RoundSchema().load(raw)
    assert set(flatten_messages(info.value.messages)) == {"letter_overrides.1.to"}


def test_without_overrides_letters_number_on_from_the_first():
    assert [x["number"] for x in letters(letters=doc("2020-12-09"))] == [1, 2, 3]
