"""Warnings about a round: crafted inputs and the messages a clerk reads."""

from __future__ import annotations

import copy
import datetime

import pytest
from conftest import load_fixture
from roundkit import doc, make_round, meeting, petition

from docgen import round_warnings as rw
from docgen.schemas.round import RoundSchema


def codes(warnings):
    return [w.code for w in warnings]


@pytest.mark.parametrize(
    "name", ["round_luc_ngan.json", "round_xa_2026.json", "round_tinh_2026.json"]
)
def test_fixture_rounds_raise_no_warning(name):
    assert rw.round_warnings(RoundSchema().load(load_fixture(name))) == []


PHUONG = load_fixture("round_phuong_2026.json")
# The ward's round raises one matter at two levels on purpose: that is its only warning.
PHUONG_BASELINE = ["matter_at_several_levels"]


def _set(path: str, value):
    def mutate(data):
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key)] if key.isdigit() else data[key]
        data[last] = value

    return mutate


def _add_unit(data):
    data["sub_units"].append({"name": "Đông Xuyên", "kind": "tổ dân phố", "group": 3})


# Each date problem of the ward's round that is late or odd rather than impossible: a warning.
WARNING_VARIANTS = [
    (
        "schedule_inside_notice_period",
        _set("schedule.date", "2026-11-13"),
        ["schedule_notice_late"],
    ),
    ("schedule_after_some_meetings", _set("schedule.date", "2026-11-18"), ["schedule_notice_late"]),
    ("schedule_under_15_days", _set("schedule_days", 40), ["schedule_late"]),
    (
        "schedule_late_both_ways",
        _set("schedule.date", "2026-11-26"),
        ["schedule_late", "schedule_notice_late"],
    ),
    ("report_6_days_after_round", _set("report.date", "2026-11-26"), ["report_late"]),
    ("schedule_a_year_early", _set("schedule.date", "2025-11-05"), ["document_year"]),
    ("report_next_year", _set("report.date", "2027-01-05"), ["report_late", "document_year"]),
    (
        "after_session_round_held_before",
        _set("timing", "sau"),
        ["after_session_round_before_session"],
    ),
    ("meeting_after_round_end", _set("end_date", "2026-11-18"), ["meeting_outside_round"]),
    ("place_not_met", _add_unit, ["sub_unit_without_meeting"]),
    (
        "one_matter_two_bodies",
        _set("petitions.13.body", "UBND tỉnh Bắc Ninh"),
        ["matter_inconsistent"],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [(m, e) for _n, m, e in WARNING_VARIANTS],
    ids=[n for n, _m, _e in WARNING_VARIANTS],
)
def test_each_date_problem_of_the_ward_round_is_warned(mutate, expected):
    data = copy.deepcopy(PHUONG)
    mutate(data)
    found = codes(rw.round_warnings(RoundSchema().load(data)))
    assert sorted(c for c in found if c not in PHUONG_BASELINE) == sorted(expected)


def test_the_ward_round_warns_only_of_its_matter_raised_at_two_levels():
    (w,) = rw.round_warnings(RoundSchema().load(copy.deepcopy(PHUONG)))
    assert (w.code, w.data["matter"], w.data["levels"]) == (
        "matter_at_several_levels",
        "duong-295b",
        ["tinh", "xa"],
    )
    assert w.data["petitions"] == ["dp-03", "tc-02", "vn-03"]


# session opens 2020-12-20
@pytest.mark.parametrize(
    ("schedule_date", "timing", "days", "warned"),
    [
        ("2020-12-05", "truoc", None, False),  # exactly 15 days before
        ("2020-12-06", "truoc", None, True),  # 14 days
        ("2020-12-19", "truoc", None, True),
        ("2020-12-06", "sau", None, False),  # after the session: no such rule
        ("2020-12-10", "truoc", 10, False),  # the plan's own deadline
        ("2020-12-11", "truoc", 10, True),
    ],
)
def test_schedule_less_than_required_days_before_the_session(schedule_date, timing, days, warned):
    extra = {"schedule_days": days} if days else {}
    r = make_round(schedule=doc(schedule_date), timing=timing, **extra)
    found = rw.schedule_warnings(r)
    assert codes(found) == (["schedule_late"] if warned else [])


def test_schedule_warning_says_the_dates_in_vietnamese():
    (w,) = rw.schedule_warnings(make_round(schedule=doc("2020-12-08")))
    assert w.message_vi == (
        "Thông báo lịch tiếp xúc cử tri đề ngày 08 tháng 12 năm 2020, chỉ trước ngày khai mạc "
        "kỳ họp (20/12/2020) 12 ngày; lịch phải thông báo chậm nhất 15 ngày trước kỳ họp, tức "
        "ngày 05 tháng 12 năm 2020."
    )
    assert w.data == {
        "date": "2020-12-08",
        "session_opens": "2020-12-20",
        "days_before": 12,
        "due": "2020-12-05",
    }


def test_no_schedule_no_schedule_warning():
    assert rw.schedule_warnings(make_round()) == []


# the default round ends on 2020-12-05 (its last meeting is on 2020-12-04)
@pytest.mark.parametrize(
    ("report_date", "due", "warned"),
    [("2020-12-10", "2020-12-10", False), ("2020-12-11", "2020-12-10", True)],
)
def test_report_more_than_five_days_after_the_round_ends_gives_its_due_date(
    report_date, due, warned
):
    found = rw.report_warnings(make_round(report=doc(report_date)))
    assert codes(found) == (["report_late"] if warned else [])
    if warned:
        assert found[0].data["due"] == due
        assert "hạn gửi báo cáo là ngày 10 tháng 12 năm 2020" in found[0].message_vi


def test_report_deadline_counts_from_a_last_meeting_held_after_the_rounds_end():
    meetings = [
        meeting("b", "Biên Động", "2020-12-07T08:00"),
        meeting("a", "Biên Sơn", "2020-12-01T08:00"),
    ]
    r = make_round(meetings=meetings, units=("Biên Sơn", "Biên Động"), report=doc("2020-12-12"))
    assert rw.round_end(r) == datetime.date(2020, 12, 7)
    assert rw.report_warnings(r) == []


# the default round's meetings are on 2020-12-01 … 2020-12-04
@pytest.mark.parametrize(
    ("schedule_date", "notice_days", "warned", "before"),
    [
        ("2020-11-26", None, False, []),  # exactly 5 days before the first meeting
        ("2020-11-27", None, True, []),
        ("2020-12-01", 0, False, []),  # the day of the first meeting, no notice period
        ("2020-12-03", 0, True, ["m0", "m1"]),  # after two of the meetings it announces
    ],
)
def test_schedule_later_than_the_notice_period_before_the_first_meeting(
    schedule_date, notice_days, warned, before
):
    extra = {"notice_days": notice_days} if notice_days is not None else {}
    found = rw.notice_warnings(make_round(schedule=doc(schedule_date), **extra))
    assert codes(found) == (["schedule_notice_late"] if warned else [])
    if warned:
        assert found[0].data["meetings_before"] == before


def test_schedule_after_meetings_says_so():
    (w,) = rw.notice_warnings(make_round(schedule=doc("2020-12-03")))
    assert w.message_vi == (
        "Thông báo lịch tiếp xúc cử tri đề ngày 03 tháng 12 năm 2020, sau 02 hội nghị mà thông "
        "báo ghi lịch (m0, m1); lịch phải thông báo trước hội nghị đầu tiên ít nhất 05 ngày, tức "
        "chậm nhất ngày 26 tháng 11 năm 2020."
    )


@pytest.mark.parametrize(
    ("section", "date", "warned"),
    [
        ("report", "2020-12-08", False),
        ("report", "2021-12-08", True),
        ("letters", "2021-01-04", True),
        ("schedule", "2019-11-20", True),
    ],
)
def test_a_document_dated_in_another_year_than_the_round(section, date, warned):
    r = make_round(**{"schedule": doc("2020-11-20"), section: doc(date)})
    found = rw.year_warnings(r)
    assert codes(found) == (["document_year"] if warned else [])
    if warned:
        assert found[0].data == {"document": section, "date": date}


@pytest.mark.parametrize(
    ("timing", "opens", "warned"),
    [
        ("sau", "2020-11-25", False),  # held after the session: right
        ("sau", "2020-12-03", True),  # two meetings before it opened
        ("truoc", "2020-12-20", False),
    ],
)
def test_an_after_the_session_round_held_before_the_session(timing, opens, warned):
    session = {
        "ordinal": 11,
        "term_ordinal": 19,
        "term_start": 2016,
        "term_end": 2021,
        "opens": opens,
    }
    found = rw.session_warnings(make_round(timing=timing, session=session))
    assert codes(found) == (["after_session_round_before_session"] if warned else [])
    if warned:
        assert found[0].data["meetings"] == ["m0", "m1"]


def test_meeting_outside_the_round_dates():
    meetings = [
        meeting("in", "Biên Sơn", "2020-12-05T08:00"),
        meeting("before", "Biên Động", "2020-11-30T14:00"),
        meeting("after", "Tân Hoa", "2020-12-06T08:00"),
    ]
    r = make_round(meetings=meetings, units=("Biên Sơn", "Biên Động", "Tân Hoa"))
    found = [w for w in rw.meeting_warnings(r) if w.code == "meeting_outside_round"]
    assert [w.data["meeting"] for w in found] == ["before", "after"]
    assert found[0].message_vi == (
        "Hội nghị “before” với cử tri xã Biên Động họp ngày 30 tháng 11 năm 2020, ngoài thời "
        "gian của đợt tiếp xúc (từ 1/12/2020 đến 5/12/2020)."
    )


def test_sub_unit_without_meeting():
    meetings = [meeting("m", "Biên Sơn", "2020-12-02T08:00")]
    r = make_round(meetings=meetings)
    found = rw.meeting_warnings(r)
    assert [w.data["sub_unit"] for w in found] == ["Biên Động", "Tân Hoa", "Kiên Lao"]
    assert found[0].message_vi == (
        "Chưa có hội nghị tiếp xúc cử tri xã Biên Động (Tổ đại biểu số 01) trong đợt này."
    )


def test_matter_at_several_levels_and_with_different_bodies_is_flagged():
    petitions = [
        petition("a", "m0", "tinh", "UBND tỉnh", matter="k"),
        petition("b", "m1", "trung_uong", "Chính phủ", matter="k"),
        petition("c", "m1", "tinh", "UBND tỉnh", matter="ok"),
        petition("d", "m2", "tinh", "Ủy ban nhân dân tỉnh", matter="ok"),  # same body
        petition("e", "m2", "tinh", "UBND tỉnh", matter="two-bodies"),
        petition("f", "m3", "tinh", "Sở Y tế", matter="two-bodies"),
    ]
    found = rw.matter_warnings(make_round(petitions=petitions))
    assert [(w.code, w.data["matter"]) for w in found] == [
        ("matter_at_several_levels", "k"),
        ("matter_inconsistent", "two-bodies"),
    ]


def test_a_joint_meeting_meets_every_sub_unit_it_covers():
    meetings = [meeting("m", "Biên Sơn", "2020-12-02T08:00", joint_sub_units=["Biên Động"])]
    r = make_round(meetings=meetings, units=("Biên Sơn", "Biên Động", "Tân Hoa"))
    found = rw.meeting_warnings(r)
    assert [w.data["sub_unit"] for w in found] == ["Tân Hoa"]
    assert [w.data["sub_unit"] for w in rw.yearly_coverage([r])] == ["Tân Hoa"]


def test_round_warnings_gathers_every_kind():
    r = make_round(
        meetings=[meeting("m", "Biên Sơn", "2020-12-07T08:00")],
        units=("Biên Sơn", "Kiên Lao"),
        schedule=doc("2020-12-15"),
        report=doc("2020-12-20"),
    )
    assert codes(rw.round_warnings(r)) == [
        "schedule_late",
        "schedule_notice_late",
        "meeting_outside_round",
        "sub_unit_without_meeting",
        "report_late",
    ]
    assert rw.round_warnings(r)[0].to_dict()["code"] == "schedule_late"


def test_yearly_coverage_needs_every_sub_unit_met_once_in_the_year():
    first = make_round(meetings=[meeting("a", "Biên Sơn", "2020-12-02T08:00")])
    second = make_round(
        meetings=[
            meeting("b", "Biên Động", "2020-12-02T08:00"),
            meeting("c", "Tân Hoa", "2020-12-03T08:00"),
        ]
    )
    found = rw.yearly_coverage([first, second])
    assert [(w.code, w.data["sub_unit"], w.data["year"]) for w in found] == [
        ("sub_unit_not_reached_in_year", "Kiên Lao", 2020)
    ]
    assert found[0].message_vi == (
        "Năm 2020, đại biểu HĐND huyện Lục Ngạn chưa tiếp xúc cử tri xã Kiên Lao trong đợt nào "
        "(02 đợt); mỗi năm phải tiếp xúc cử tri nơi ứng cử ít nhất một lần."
    )


def test_yearly_coverage_keeps_years_and_councils_apart():
    met_all = make_round()
    next_year = make_round(
        meetings=[meeting("a", "Biên Sơn", "2021-06-02T08:00")],
        start_date="2021-06-01",
        end_date="2021-06-05",
        session={
            "ordinal": 2,
            "term_ordinal": 20,
            "term_start": 2021,
            "term_end": 2026,
            "opens": "2021-06-20",
        },
        report=doc("2021-06-08"),
        letters=doc("2021-06-09"),
    )
    commune = make_round("xa", meetings=[meeting("a", "Biên Sơn", "2020-12-02T08:00")])
    found = rw.yearly_coverage([met_all, next_year, commune])
    assert {(w.data["year"], w.data["sub_unit"]) for w in found} == {
        (2021, "Biên Động"),
        (2021, "Tân Hoa"),
        (2021, "Kiên Lao"),
        (2020, "Biên Động"),  # the commune council's thôn, not the district's xã
        (2020, "Tân Hoa"),
        (2020, "Kiên Lao"),
    }
    assert all("thôn" in w.message_vi for w in found if w.data["year"] == 2020)
