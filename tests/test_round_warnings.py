"""Warnings about a round: crafted inputs and the messages a clerk reads."""

from __future__ import annotations

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


# the default round's last meeting is on 2020-12-04
@pytest.mark.parametrize(
    ("report_date", "due", "warned"),
    [("2020-12-09", "2020-12-09", False), ("2020-12-10", "2020-12-09", True)],
)
def test_report_more_than_five_days_after_the_last_meeting_gives_its_due_date(
    report_date, due, warned
):
    found = rw.report_warnings(make_round(report=doc(report_date)))
    assert codes(found) == (["report_late"] if warned else [])
    if warned:
        assert found[0].data["due"] == due
        assert "hạn gửi báo cáo là ngày 09 tháng 12 năm 2020" in found[0].message_vi


def test_report_deadline_counts_from_the_last_meeting_not_the_last_in_the_data():
    meetings = [
        meeting("b", "Biên Động", "2020-12-05T08:00"),
        meeting("a", "Biên Sơn", "2020-12-01T08:00"),
    ]
    r = make_round(meetings=meetings, units=("Biên Sơn", "Biên Động"), report=doc("2020-12-10"))
    assert rw.last_meeting_day(r) == datetime.date(2020, 12, 5)
    assert rw.report_warnings(r) == []


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


def test_matter_with_different_bodies_is_flagged():
    petitions = [
        petition("a", "m0", "tinh", "UBND tỉnh", matter="k"),
        petition("b", "m1", "trung_uong", "Chính phủ", matter="k"),
        petition("c", "m1", "tinh", "UBND tỉnh", matter="ok"),
        petition("d", "m2", "tinh", "UBND tỉnh", matter="ok"),
        petition("e", "m2", "xa", "UBND xã", matter="split"),
        petition("f", "m3", "huyen", "UBND huyện", matter="split"),
    ]
    found = rw.matter_warnings(make_round(petitions=petitions))
    assert [(w.code, w.data["matter"]) for w in found] == [
        ("matter_inconsistent", "k"),
        ("matter_inconsistent", "split"),
    ]


def test_district_level_after_the_2025_reform_is_flagged():
    petitions = [petition("a", "m0", "huyen", "UBND huyện")]
    old = make_round("xa", petitions=petitions)
    new = make_round("xa", petitions=petitions, start_date="2025-07-01", end_date="2025-07-10")
    assert rw.level_warnings(old) == []
    assert codes(rw.level_warnings(new)) == ["district_level_after_reform"]


def test_round_warnings_gathers_every_kind():
    r = make_round(
        meetings=[meeting("m", "Biên Sơn", "2020-12-07T08:00")],
        units=("Biên Sơn", "Kiên Lao"),
        schedule=doc("2020-12-15"),
        report=doc("2020-12-20"),
    )
    assert codes(rw.round_warnings(r)) == [
        "schedule_late",
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
