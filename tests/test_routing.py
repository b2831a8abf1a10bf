"""The routing rules, as tables: where each petition goes, merging, grouping, counts."""

from __future__ import annotations

import pytest
from conftest import load_fixture
from roundkit import make_round, meeting, petition

from docgen import routing
from docgen.schemas.round import RoundSchema

# council level, petition level, expected letter kind (None: nowhere but a lower unit's letter)
DESTINATIONS = [
    ("huyen", "trung_uong", routing.UPWARD),
    ("huyen", "tinh", routing.UPWARD),
    ("huyen", "huyen", routing.SAME_LEVEL),
    ("huyen", "xa", routing.LOWER),
    ("tinh", "trung_uong", routing.UPWARD),
    ("tinh", "tinh", routing.SAME_LEVEL),
    ("tinh", "huyen", routing.LOWER),
    ("tinh", "xa", routing.LOWER),
    ("xa", "trung_uong", routing.UPWARD),
    ("xa", "tinh", routing.UPWARD),
    ("xa", "xa", routing.SAME_LEVEL),
]


@pytest.mark.parametrize(("council", "level", "kind"), DESTINATIONS)
def test_each_level_goes_where_the_rule_says(council, level, kind):
    r = make_round(council, petitions=[petition("p1", "m1", level, "Cơ quan X")])
    result = routing.route(r)
    (letter,) = result.letters
    assert letter.kind == kind
    assert letter.petition_ids == ("p1",)
    in_report = kind != routing.LOWER
    assert [i.petition_ids for i in result.report_items] == ([("p1",)] if in_report else [])
    assert routing.in_report(level, council) is in_report


@pytest.mark.parametrize(
    ("council", "unit_kind", "addressees"),
    [
        ("huyen", "xã", ("Thường trực HĐND xã Biên Sơn", "UBND xã Biên Sơn")),
        ("tinh", "huyện", ("Thường trực HĐND huyện Biên Sơn", "UBND huyện Biên Sơn")),
    ],
)
def test_lower_letter_goes_to_the_units_standing_committee_and_peoples_committee(
    council, unit_kind, addressees
):
    lower = "xa" if council == "huyen" else "huyen"
    r = make_round(council, petitions=[petition("p1", "m0", lower, "UBND cấp dưới")])
    (letter,) = routing.route(r).letters
    assert letter.sub_unit == "Biên Sơn"
    assert letter.addressees == addressees
    assert letter.recipient == f"Thường trực HĐND và UBND {unit_kind} Biên Sơn"


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("UBND xã Biên Động", "Biên Động"),  # the body names another sub-unit: it goes there
        ("ubnd xã biên động", "Biên Động"),  # case does not matter
        ("UBND xã", "Biên Sơn"),  # no name: the sub-unit of the meeting
        ("UBND xã Biên Động Mới", "Biên Động"),  # longest whole-word match among known names
        ("UBND xã Tân Hoa Biên", "Tân Hoa"),
    ],
)
def test_lower_petition_goes_to_the_unit_its_body_names_or_else_the_meetings(body, unit):
    r = make_round("huyen", petitions=[petition("p1", "m0", "xa", body)])
    (letter,) = routing.route(r).letters
    assert letter.sub_unit == unit


def test_one_letter_per_lower_unit_in_sub_unit_order():
    petitions = [
        petition("p1", "m3", "xa", "UBND xã"),
        petition("p2", "m0", "xa", "UBND xã"),
        petition("p3", "m3", "xa", "UBND xã"),
    ]
    letters = routing.route(make_round("huyen", petitions=petitions)).letters
    assert [(x.sub_unit, x.petition_ids) for x in letters] == [
        ("Biên Sơn", ("p2",)),
        ("Kiên Lao", ("p1", "p3")),
    ]


TTT = "Thường trực HĐND tỉnh Bắc Giang"
DOAN = "Đoàn đại biểu Quốc hội tỉnh Bắc Giang"
CHANNEL_CASES = [
    # council, channels given, [(petition level, competent body)], [(addressee, petition ids)]
    (
        "xa",
        None,
        [("trung_uong", "Chính phủ"), ("tinh", "Sở Xây dựng"), ("xa", "UBND xã Biên Sơn")],
        [("UBND xã Biên Sơn", ("p2",)), (TTT, ("p0", "p1"))],
    ),
    (
        "xa",
        {"trung_uong": DOAN},
        [("trung_uong", "Chính phủ"), ("tinh", "Sở Xây dựng")],
        [(TTT, ("p1",)), (DOAN, ("p0",))],
    ),
    (
        "xa",
        {"tinh": "UBND tỉnh Bắc Giang"},
        [("tinh", "Công ty Điện lực Bắc Giang"), ("trung_uong", "Bộ Y tế")],
        [("UBND tỉnh Bắc Giang", ("p0",)), (TTT, ("p1",))],
    ),
    (
        "xa",
        {"direct": ["xa"]},
        [
            ("xa", "Công an xã Biên Sơn"),
            ("xa", "UBND xã Biên Sơn"),
            ("xa", "Ủy ban nhân dân xã Biên Sơn"),
        ],
        [("Công an xã Biên Sơn", ("p0",)), ("UBND xã Biên Sơn", ("p1", "p2"))],
    ),
    (
        "tinh",
        None,
        [("trung_uong", "Bộ Giao thông vận tải"), ("tinh", "Sở Y tế"), ("tinh", "UBND tỉnh")],
        [("UBND tỉnh Bắc Giang", ("p1", "p2")), (DOAN, ("p0",))],
    ),
    (
        "huyen",
        None,
        [("trung_uong", "Chính phủ"), ("tinh", "Sở Giao thông vận tải"), ("huyen", "Phòng Y tế")],
        [("UBND huyện Lục Ngạn", ("p2",)), (TTT, ("p0", "p1"))],
    ),
    (  # one body in full and abbreviated form: one letter, spelled as first met (report order)
        "xa",
        {"tinh": "Ủy ban nhân dân tỉnh Bắc Giang", "trung_uong": "UBND tỉnh Bắc Giang"},
        [("tinh", "Sở Xây dựng"), ("trung_uong", "Bộ Xây dựng")],
        [("UBND tỉnh Bắc Giang", ("p1", "p0"))],
    ),
]


@pytest.mark.parametrize(("council", "given", "raised", "letters"), CHANNEL_CASES)
def test_letters_go_through_the_councils_channels_each_item_keeping_its_body(
    council, given, raised, letters
):
    petitions = [
        petition(f"p{i}", "m0", level, body, field="y_te" if level == "trung_uong" else "khac")
        for i, (level, body) in enumerate(raised)
    ]
    result = routing.route(make_round(council, petitions=petitions, channels=given))
    assert [(x.recipient, x.petition_ids) for x in result.letters] == letters
    bodies = {
        pid: item.body for x in result.letters for item in x.items for pid in item.petition_ids
    }
    assert bodies == {f"p{i}": body for i, (_level, body) in enumerate(raised)}


def test_own_level_letter_comes_first_then_upward_nearest_first():
    petitions = [
        petition("p1", "m0", "trung_uong", "Chính phủ"),
        petition("p2", "m0", "tinh", "Sở Giao thông vận tải"),
        petition("p3", "m1", "huyen", "UBND huyện Lục Ngạn"),
    ]
    channels = {"trung_uong": DOAN}
    letters = routing.route(make_round("huyen", petitions=petitions, channels=channels)).letters
    assert [(x.kind, x.recipient, x.level) for x in letters] == [
        (routing.SAME_LEVEL, "UBND huyện Lục Ngạn", "huyen"),
        (routing.UPWARD, TTT, "tinh"),
        (routing.UPWARD, DOAN, "trung_uong"),
    ]


def test_no_province_no_default_channel_above_a_commune_council():
    petitions = [petition("p1", "m0", "tinh", "Sở Xây dựng"), petition("p2", "m0", "xa")]
    with pytest.raises(routing.NoChannel) as info:
        routing.route(make_round("xa", petitions=petitions, province=None))
    assert (info.value.level, info.value.petition_ids) == ("tinh", ("p1",))


def test_a_matter_raised_at_two_levels_stays_one_item_per_level():
    petitions = [
        petition("a", "m0", "tinh", "UBND tỉnh Bắc Giang", matter="duong"),
        petition("b", "m1", "xa", "UBND xã Biên Sơn", matter="duong"),
        petition("c", "m2", "tinh", "UBND tỉnh Bắc Giang", matter="duong"),
    ]
    result = routing.route(make_round("xa", petitions=petitions))
    assert sorted((i.level, i.petition_ids) for i in result.report_items) == [
        ("tinh", ("a", "c")),
        ("xa", ("b",)),
    ]
    own = next(x for x in result.letters if x.kind == routing.SAME_LEVEL)
    assert (own.recipient, own.petition_ids) == ("UBND xã Biên Sơn", ("b",))


def test_a_petition_settled_at_the_meeting_is_counted_but_not_forwarded():
    petitions = [
        petition("a", "m0", "xa", "UBND xã", answer="Đã sửa xong.", resolved_at_meeting=True),
        petition("b", "m0", "xa", "UBND xã", answer="Xã sẽ xem xét."),
        petition("c", "m1", "tinh", "UBND tỉnh"),
    ]
    result = routing.route(make_round("xa", petitions=petitions))
    assert [x.petition_ids for x in result.letters] == [("b",), ("c",)]
    c = result.counts
    assert (c.opinions, c.answered, c.resolved, c.items, c.report_items) == (3, 2, 1, 2, 2)


def test_a_joint_meeting_prints_each_petition_with_its_own_place():
    meetings = [meeting("m0", "Biên Sơn", "2020-12-01T08:00", joint_sub_units=["Biên Động"])]
    petitions = [
        petition("a", "m0", "tinh", "UBND tỉnh", matter="k"),
        petition("b", "m0", "tinh", "UBND tỉnh", matter="k", sub_unit="Biên Động"),
        petition("c", "m0", "xa", "UBND xã", sub_unit="Biên Động"),
    ]
    r = make_round("huyen", meetings=meetings, petitions=petitions, units=("Biên Sơn", "Biên Động"))
    result = routing.route(r)
    (item,) = result.report_items
    assert item.places == ("Biên Sơn", "Biên Động")
    lower = [x for x in result.letters if x.kind == routing.LOWER]
    assert [(x.sub_unit, x.petition_ids) for x in lower] == [("Biên Động", ("c",))]


def test_same_matter_at_several_meetings_is_one_item_naming_every_place_in_meeting_order():
    meetings = [
        meeting("late", "Tân Hoa", "2020-12-04T08:00"),
        meeting("early", "Biên Động", "2020-12-01T08:00"),
        meeting("mid", "Biên Sơn", "2020-12-02T14:00"),
        meeting("mid2", "Kiên Lao", "2020-12-02T08:00"),
    ]
    petitions = [
        petition("a", "late", "tinh", "UBND tỉnh", matter="vai"),
        petition("b", "mid", "tinh", "UBND tỉnh", matter="vai"),
        petition("c", "early", "tinh", "UBND tỉnh", matter="vai"),
        petition("d", "mid2", "tinh", "UBND tỉnh", matter="vai"),
        petition("e", "mid", "tinh", "UBND tỉnh", matter="vai"),  # twice at one meeting
        petition("f", "early", "tinh", "UBND tỉnh"),  # no key: its own item
        petition("g", "early", "tinh", "UBND tỉnh"),
    ]
    result = routing.route(make_round("huyen", meetings=meetings, petitions=petitions))
    items = {item.key: item for item in result.report_items}
    assert set(items) == {"vai", "f", "g"}
    vai = items["vai"]
    assert vai.places == ("Biên Động", "Kiên Lao", "Biên Sơn", "Tân Hoa")
    assert vai.petition_ids == ("c", "d", "b", "e", "a")
    assert [v.name for v in vai.voters] == [f"Cử tri {x}" for x in "cdbea"]
    assert vai.summary == "Tóm tắt c"  # the first raised gives the wording
    assert result.counts.items == 3 and result.counts.opinions == 7


def test_same_voter_twice_in_one_item_is_listed_once():
    voter = [{"name": "Lê Văn B", "address": "thôn Khả"}]
    petitions = [
        petition("a", "m0", "huyen", "UBND huyện", matter="k", voters=voter),
        petition("b", "m1", "huyen", "UBND huyện", matter="k", voters=voter),
    ]
    (item,) = routing.route(make_round("huyen", petitions=petitions)).report_items
    assert item.voters == (routing.Voter("Lê Văn B", "thôn Khả"),)


def test_same_matter_at_lower_level_in_two_units_gives_each_unit_its_item():
    petitions = [
        petition("a", "m0", "xa", "UBND xã", matter="den-duong"),
        petition("b", "m1", "xa", "UBND xã", matter="den-duong"),
    ]
    result = routing.route(make_round("huyen", petitions=petitions))
    assert [(x.sub_unit, x.petition_ids) for x in result.letters] == [
        ("Biên Sơn", ("a",)),
        ("Biên Động", ("b",)),
    ]


def test_report_groups_by_field_order_then_level_highest_first():
    petitions = [
        petition("p1", "m0", "huyen", "UBND huyện", field="y_te"),
        petition("p2", "m0", "trung_uong", "Chính phủ", field="y_te"),
        petition("p3", "m1", "tinh", "UBND tỉnh", field="dat_dai"),
        petition("p4", "m1", "huyen", "UBND huyện", field="khac"),
        petition("p5", "m2", "tinh", "UBND tỉnh", field="y_te"),
        petition("p6", "m2", "xa", "UBND xã", field="dat_dai"),  # lower: not in the report
    ]
    result = routing.route(make_round("huyen", petitions=petitions))
    shape = [
        (g.label, [(lv.label, [i.key for i in lv.items]) for lv in g.levels])
        for g in result.report_groups
    ]
    assert shape == [
        ("Đất đai", [("Cấp tỉnh", ["p3"])]),
        ("Y tế", [("Trung ương", ["p2"]), ("Cấp tỉnh", ["p5"]), ("Cấp huyện", ["p1"])]),
        ("Khác", [("Cấp huyện", ["p4"])]),
    ]
    assert [i.key for i in result.report_items] == ["p3", "p2", "p5", "p1", "p4"]


def test_counts_by_level_and_field():
    meetings = [
        meeting("m0", "Biên Sơn", "2020-12-01T08:00", voters=120),
        meeting("m1", "Biên Động", "2020-12-02T08:00", voters=80),
        meeting("m2", "Tân Hoa", "2020-12-03T08:00", voters=None),
        meeting("m3", "Kiên Lao", "2020-12-03T14:00", voters=5),
    ]
    petitions = [
        petition("p1", "m0", "tinh", "UBND tỉnh", field="y_te", matter="k", answer="Đã rõ"),
        petition("p2", "m1", "tinh", "UBND tỉnh", field="y_te", matter="k"),
        petition("p3", "m1", "huyen", "UBND huyện", field="dat_dai"),
        petition("p4", "m2", "xa", "UBND xã", field="dat_dai", answer="Xã trả lời"),
    ]
    c = routing.route(make_round("huyen", meetings=meetings, petitions=petitions)).counts
    assert (c.meetings, c.voters, c.opinions, c.items, c.answered) == (4, 205, 4, 3, 2)
    assert (c.report_opinions, c.report_items, c.lower_opinions, c.lower_items) == (3, 2, 1, 1)
    assert [(t.key, t.opinions, t.items) for t in c.by_level] == [
        ("tinh", 2, 1),
        ("huyen", 1, 1),
        ("xa", 1, 1),
    ]
    assert [(t.key, t.opinions, t.items) for t in c.by_field] == [
        ("dat_dai", 2, 2),
        ("y_te", 2, 1),
    ]
    assert [(t.key, t.items) for t in c.report_by_field] == [("dat_dai", 1), ("y_te", 1)]
    assert [(t.key, t.items) for t in c.report_by_level] == [("tinh", 1), ("huyen", 1)]


@pytest.mark.parametrize(
    ("name", "opinions", "items", "report_items", "letters"),
    [
        ("round_luc_ngan.json", 68, 48, 34, 16),
        ("round_xa_2026.json", 16, 13, 13, 2),
        ("round_phuong_2026.json", 16, 11, 11, 3),  # two petitions settled at their meeting
    ],
)
def test_fixture_rounds_route_completely(name, opinions, items, report_items, letters):
    r = RoundSchema().load(load_fixture(name))
    result = routing.route(r)
    c = result.counts
    assert (c.opinions, c.items, c.report_items, len(result.letters)) == (
        opinions,
        items,
        report_items,
        letters,
    )
    routed = [pid for letter in result.letters for pid in letter.petition_ids]
    forwarded = [p["id"] for p in r["petitions"] if not p["resolved_at_meeting"]]
    assert sorted(routed) == sorted(forwarded)


@pytest.mark.parametrize(
    ("name", "addressees"),
    [
        (
            "round_xa_2026.json",
            {"UBND xã Biên Sơn", "Thường trực HĐND tỉnh Bắc Ninh"},
        ),
        (
            "round_phuong_2026.json",
            {
                "UBND phường Kinh Bắc",
                "Thường trực HĐND tỉnh Bắc Ninh",
                "Đoàn đại biểu Quốc hội tỉnh Bắc Ninh",
            },
        ),
    ],
)
def test_a_commune_council_writes_only_to_its_ubnd_and_its_channels_above(name, addressees):
    result = routing.route(RoundSchema().load(load_fixture(name)))
    assert {x.recipient for x in result.letters} == addressees  # never "Chính phủ", a Sở, a Bộ
    bodies = {i.body for x in result.letters for i in x.items}
    assert "Chính phủ" in bodies  # the competent body stays on the item
