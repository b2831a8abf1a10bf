"""The round documents' schemas and the writing rules of their contexts."""

from __future__ import annotations

import datetime

import pytest
from conftest import load_fixture
from marshmallow import ValidationError

from docgen.context import clock, count, dmy
from docgen.doctypes.bao_cao_tong_hop import SummaryReportSchema, report_context
from docgen.doctypes.bien_ban_tiep_xuc import MinutesSchema, minutes_context
from docgen.doctypes.cong_van_chuyen import ForwardingLetterSchema, letter_context
from docgen.doctypes.items import item_line
from docgen.doctypes.thong_bao_lich_tiep_xuc import ScheduleNoticeSchema, schedule_context


@pytest.mark.parametrize(
    ("n", "written"), [(0, "00"), (5, "05"), (9, "09"), (10, "10"), (126, "126"), (1350, "1.350")]
)
def test_count(n, written):
    assert count(n) == written


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime.time(7, 30), "7 giờ 30"),
        (datetime.time(14, 0), "14 giờ 00"),
        (datetime.time(8, 5), "8 giờ 05"),
        (datetime.datetime(2020, 12, 2, 19, 45), "19 giờ 45"),
    ],
)
def test_clock(moment, written):
    assert clock(moment) == written


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(2020, 12, 2), "02/12/2020"),
        (datetime.date(2021, 1, 6), "06/01/2021"),
        (datetime.date(2026, 11, 30), "30/11/2026"),
    ],
)
def test_dmy(day, written):
    assert dmy(day) == written


def test_item_line_strips_the_summarys_own_stop():
    item = {"summary": "Đề nghị sửa đường.", "places": ["xã A", "xã B"], "body": "Sở Xây dựng"}
    assert item_line(item) == "- Đề nghị sửa đường (cử tri xã A, xã B)."
    assert item_line(item, with_body=True) == (
        "- Đề nghị sửa đường (cử tri xã A, xã B; cơ quan giải quyết: Sở Xây dựng)."
    )


@pytest.mark.parametrize(
    ("schema", "fixture"),
    [
        (ScheduleNoticeSchema, "thong_bao_lich_tiep_xuc"),
        (MinutesSchema, "bien_ban_tiep_xuc"),
        (SummaryReportSchema, "bao_cao_tong_hop"),
        (ForwardingLetterSchema, "cong_van_chuyen"),
    ],
)
@pytest.mark.parametrize("variant", ["", ".xa_2026"])
def test_fixtures_load(schema, fixture, variant):
    schema().load(load_fixture(f"{fixture}{variant}.json"))


def test_schedule_entry_without_deputies_means_the_whole_group():
    data = ScheduleNoticeSchema().load(load_fixture("thong_bao_lich_tiep_xuc.json"))
    rows = schedule_context(data)["rows"]
    assert rows[0]["deputies"].split("\n") == [
        "Nguyễn Thu Hường (Tổ trưởng)",
        "Lương Văn Thắng",
        "Hà Thị Lan",
    ]
    assert rows[2]["time"] == "Thứ Tư, 02/12/2020, từ 7 giờ 30"


def test_schedule_of_one_group_names_it():
    raw = load_fixture("thong_bao_lich_tiep_xuc.json")
    raw["groups"] = raw["groups"][:1]
    raw["entries"] = [e for e in raw["entries"] if e["group"] == 1]
    context = schedule_context(ScheduleNoticeSchema().load(raw))
    assert context["groups_phrase"] == "Tổ đại biểu HĐND huyện số 1"


def test_schedule_requests_given_replace_the_defaults():
    raw = load_fixture("thong_bao_lich_tiep_xuc.json")
    raw["requests"] = ["Đề nghị Đài Truyền thanh đưa tin."]
    assert schedule_context(ScheduleNoticeSchema().load(raw))["requests"] == raw["requests"]


def test_minutes_reporter_defaults_to_the_leader_and_report_to_timing():
    raw = load_fixture("bien_ban_tiep_xuc.json")
    raw["timing"] = "sau"
    raw["reporter"] = "Hà Thị Lan"
    context = minutes_context(MinutesSchema().load(raw))
    assert context["agenda_report"].startswith("Đồng chí Hà Thị Lan, Hiệu trưởng Trường THCS")
    assert "báo cáo kết quả kỳ họp thứ 11, HĐND huyện khóa XIX" in context["agenda_report"]
    assert context["summary"].endswith("sau kỳ họp thứ 11, HĐND huyện khóa XIX")


def test_minutes_front_of_a_commune_councils_meeting_is_the_village_front():
    context = minutes_context(MinutesSchema().load(load_fixture("bien_ban_tiep_xuc.xa_2026.json")))
    assert "Ban Công tác Mặt trận thôn Ao Sen phối hợp với" in context["opening"]


def test_minutes_meeting_id_is_optional():
    raw = load_fixture("bien_ban_tiep_xuc.json")
    del raw["meeting"]["id"]
    assert MinutesSchema().load(raw)["meeting"]["id"] is None


def test_report_counts_must_agree_with_the_items():
    raw = load_fixture("bao_cao_tong_hop.json")
    raw["counts"]["by_level"]["tinh"] -= 1
    raw["counts"]["by_level"]["huyen"] += 1
    with pytest.raises(ValidationError) as info:
        SummaryReportSchema().load(raw)
    assert info.value.messages == {
        "counts": {"by_level": ["Không khớp với số nội dung trong báo cáo."]}
    }


def test_report_zero_counts_may_be_given_or_left_out():
    raw = load_fixture("bao_cao_tong_hop.json")
    raw["counts"]["by_field"]["kinh_te_tai_chinh"] = 0
    data = SummaryReportSchema().load(raw)
    assert "kinh tế" not in " ".join(report_context(data)["overview"])


def test_report_without_items_above_the_council_level_skips_that_part():
    raw = load_fixture("bao_cao_tong_hop.json")
    raw["items"] = [i for i in raw["items"] if i["level"] == "huyen"]
    raw["counts"].update(items=len(raw["items"]), by_level={"huyen": len(raw["items"])})
    fields: dict[str, int] = {}
    for item in raw["items"]:
        fields[item["field"]] = fields.get(item["field"], 0) + 1
    raw["counts"]["by_field"] = fields
    context = report_context(SummaryReportSchema().load(raw))
    assert context["upward"] == [] and context["upward_heading"] == ""
    assert context["proposals_heading"] == "III. ĐỀ XUẤT, KIẾN NGHỊ"
    assert len(context["proposals"]) == 1


def test_report_appendix_numbers_follow_the_body_order():
    context = report_context(SummaryReportSchema().load(load_fixture("bao_cao_tong_hop.json")))
    body = [line for g in context["own"] for line in g["lines"]] + [
        line for lv in context["upward"] for g in lv["fields"] for line in g["lines"]
    ]
    assert [a["number"] for a in context["appendix"]] == list(range(1, len(body) + 1))
    for line, row in zip(body, context["appendix"], strict=True):
        assert line.startswith(f"- {row['summary']} (cử tri {row['places']}")


def test_letter_without_round_dates_still_says_which_round():
    raw = load_fixture("cong_van_chuyen.json")
    raw["start_date"] = raw["end_date"] = None
    context = letter_context(ForwardingLetterSchema().load(raw))
    assert context["body"][0].startswith(
        "Qua tiếp xúc cử tri trước kỳ họp thứ 11, HĐND huyện Lục Ngạn khóa XIX, nhiệm kỳ "
        "2016 - 2021, cử tri đã nêu 15 nội dung"
    )
    assert context["number_line"] == "Số: 126/HĐND-VP"
    assert context["recipients"][0] == "- Như trên;"
