"""Date relations that cannot be true, and district levels after 2025: refused, naming the field."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError
from roundkit import doc, meeting, petition, raw_round

from docgen import round_dates
from docgen.errors import flatten_messages
from docgen.schemas.round import RoundSchema

SESSION = {"ordinal": 11, "term_ordinal": 19, "term_start": 2016, "term_end": 2021}


def refused_on(raw) -> set[str]:
    """The fields a round is refused on (empty when it loads)."""
    try:
        RoundSchema().load(raw)
    except ValidationError as exc:
        return set(flatten_messages(exc.messages))
    return set()


# the default round's meetings m0..m3 are on 2020-12-01 … 2020-12-04
CASES = [
    ("report_on_last_meeting_day", {"report": doc("2020-12-04")}, set()),
    ("report_before_last_meeting", {"report": doc("2020-12-03")}, {"report.date"}),
    (
        "letters_before_a_meeting_they_forward",
        {"letters": doc("2020-12-03"), "petitions": [petition("p", "m3", "tinh")]},
        {"letters.date"},
    ),
    (
        "letters_after_every_meeting_they_forward",
        {"letters": doc("2020-12-03"), "petitions": [petition("p", "m0", "tinh")]},
        set(),
    ),
    (
        "letters_before_a_meeting_whose_petition_was_settled_there",
        {
            "letters": doc("2020-12-03"),
            "petitions": [petition("p", "m3", "xa", answer="Xong.", resolved_at_meeting=True)],
        },
        set(),
    ),
    (
        "before_session_meeting_on_the_opening_day",
        {"session": {**SESSION, "opens": "2020-12-04"}, "report": doc("2020-12-04")},
        {"meetings.3.start"},
    ),
    (
        "before_session_meeting_after_the_opening",
        {"session": {**SESSION, "opens": "2020-12-02"}, "report": doc("2020-12-04")},
        {"meetings.1.start", "meetings.2.start", "meetings.3.start"},
    ),
    (
        "after_session_round_may_meet_after_opening",
        {"timing": "sau", "session": {**SESSION, "opens": "2020-11-20"}},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("changes", "fields"), [(c, f) for _n, c, f in CASES], ids=[n for n, *_ in CASES]
)
def test_impossible_date_orders_are_refused_on_their_field(changes, fields):
    assert refused_on(raw_round(**changes)) == fields


def _after_reform(**changes):
    base = {
        "start_date": "2025-11-03",
        "end_date": "2025-11-07",
        "session": {**SESSION, "opens": "2025-12-10"},
        "meetings": [meeting("m0", "Biên Sơn", "2025-11-03T08:00")],
        "units": ("Biên Sơn",),
        "report": doc("2025-11-10"),
        "letters": doc("2025-11-11"),
    }
    return raw_round("xa", **{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({}, set()),
        ({"petitions": [petition("p", "m0", "huyen", "UBND xã")]}, {"petitions.0.level"}),
        ({"petitions": [petition("p", "m0", "tinh", "UBND huyện Lục Ngạn")]}, {"petitions.0.body"}),
        (
            {"petitions": [petition("p", "m0", "tinh", "UBND thị xã Việt Yên")]},
            {"petitions.0.body"},
        ),
        ({"channels": {"tinh": "UBND huyện Lục Ngạn"}}, {"channels.tinh"}),
        ({"channels": {"huyen": "Thường trực HĐND huyện"}}, {"channels.huyen"}),
        (
            {"report": {**doc("2025-11-10"), "recipients": ["TT HĐND, UBND huyện"]}},
            {"report.recipients.0"},
        ),
    ],
)
def test_after_july_2025_nothing_may_name_a_district_level(changes, fields):
    assert refused_on(_after_reform(**changes)) == fields


def test_a_district_council_round_is_an_archive_before_july_2025_only():
    archive = raw_round("huyen", petitions=[petition("p", "m0", "huyen", "UBND huyện Lục Ngạn")])
    assert refused_on(archive) == set()
    late_letters = {**archive, "letters": doc("2025-07-01"), "reply_by": "2025-07-30"}
    assert refused_on(late_letters) == {"issuer.level", "petitions.0.level", "petitions.0.body"}


def test_the_reform_date_is_first_of_july_2025():
    assert round_dates.REFORM.isoformat() == "2025-07-01"


@pytest.mark.parametrize(
    ("type_id", "change", "field"),
    [
        ("ke_hoach_tiep_xuc", ("recipients", 0, "TT HĐND huyện Lục Ngạn"), "recipients.0"),
        ("thong_bao_lich_tiep_xuc", ("recipients", 0, "UBND thị xã Chũ"), "recipients.0"),
        ("bao_cao_tong_hop", ("recipients", 0, "Thường trực HĐND quận Ba Đình"), "recipients.0"),
        ("cong_van_chuyen", ("addressees", 0, "UBND huyện Lục Ngạn"), "addressees.0"),
    ],
)
def test_a_document_dated_after_the_reform_names_no_district(type_id, change, field):
    from conftest import load_fixture

    from docgen import documents

    data = load_fixture(f"{type_id}.xa_2026.json")
    key, index, text = change
    data[key][index] = text
    with pytest.raises(ValidationError) as info:
        documents.get(type_id).schema().load(data)
    assert set(flatten_messages(info.value.messages)) == {field}
    archive = load_fixture(f"{type_id}.json")  # Lục Ngạn, before 2025: districts are fine
    assert archive["issuer"]["level"] == "huyen"
    documents.get(type_id).schema().load(archive)
