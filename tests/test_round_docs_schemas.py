"""The round documents' schemas and the writing rules of their contexts."""

from __future__ import annotations

import datetime

import pytest
from conftest import ROOT, load_fixture
from marshmallow import ValidationError

from docgen import documents
from docgen.context import clock, count, dmy
from docgen.doctypes.bao_cao_tong_hop import SummaryReportSchema, report_context
from docgen.doctypes.bien_ban_tiep_xuc import MinutesSchema
from docgen.doctypes.cong_van_chuyen import ForwardingLetterSchema, letter_context
from docgen.doctypes.thong_bao_lich_tiep_xuc import ScheduleNoticeSchema, schedule_context
from docgen.docx_text import text_lines
from docgen.rendering import render_docx

TEMPLATES = ROOT / "templates_vn"


def text_of(type_id: str, raw: dict) -> list[str]:
    """The document's paragraphs, rendered from raw data with the shipped template."""
    doc = documents.get(type_id)
    data = doc.schema().load(raw)
    return text_lines(render_docx(TEMPLATES / doc.template_file, doc.context(data)))


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


def test_item_summary_loses_its_own_stop_in_the_letter():
    raw = load_fixture("cong_van_chuyen.json")
    raw["items"] = raw["items"][:1]
    raw["items"][0].update(summary="Đề nghị sửa đường.", places=["xã A", "xã B"], field="khac")
    assert (
        "1. Đề nghị sửa đường (cử tri xã A, xã B; cơ quan có thẩm quyền giải quyết: UBND huyện "
        "Lục Ngạn)." in text_of("cong_van_chuyen", raw)
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
    rows = schedule_context(data)["lich"]
    assert [(d["ten"], d["to_truong"]) for d in rows[0]["dai_bieu"]] == [
        ("Nguyễn Thu Hường", True),
        ("Lương Văn Thắng", False),
        ("Hà Thị Lan", False),
    ]
    lines = text_of("thong_bao_lich_tiep_xuc", load_fixture("thong_bao_lich_tiep_xuc.json"))
    assert lines[lines.index("Nguyễn Thu Hường (Tổ trưởng)") + 1] == "Lương Văn Thắng"
    assert "Thứ Tư, 02/12/2020, từ 7 giờ 30" in lines


def test_schedule_of_one_group_names_it():
    raw = load_fixture("thong_bao_lich_tiep_xuc.json")
    raw["groups"] = raw["groups"][:1]
    raw["entries"] = [e for e in raw["entries"] if e["group"] == 1]
    assert (
        "Lịch tiếp xúc cử tri của Tổ đại biểu HĐND huyện số 1 trước kỳ họp thường lệ cuối năm "
        "2020, HĐND huyện khóa XIX, nhiệm kỳ 2016 - 2021"
    ) in text_of("thong_bao_lich_tiep_xuc", raw)


def test_schedule_requests_given_replace_the_defaults():
    raw = load_fixture("thong_bao_lich_tiep_xuc.json")
    raw["requests"] = ["Đề nghị Đài Truyền thanh đưa tin."]
    lines = text_of("thong_bao_lich_tiep_xuc", raw)
    assert "Đề nghị Đài Truyền thanh đưa tin." in lines
    assert not any(line.startswith("Đề nghị UBND huyện chỉ đạo") for line in lines)


@pytest.mark.parametrize(
    ("level", "asked"),
    [
        ("huyen", "Đề nghị Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ các xã, thị trấn"),
        ("xa", "Đề nghị Ban Thường trực Ủy ban MTTQ xã phối hợp với Trưởng các thôn"),
    ],
)
def test_schedule_default_requests_follow_the_councils_level(level, asked):
    raw = load_fixture(
        "thong_bao_lich_tiep_xuc.json"
        if level == "huyen"
        else "thong_bao_lich_tiep_xuc.xa_2026.json"
    )
    assert any(line.startswith(asked) for line in text_of("thong_bao_lich_tiep_xuc", raw))


def test_minutes_reporter_defaults_to_the_leader_and_report_to_timing():
    raw = load_fixture("bien_ban_tiep_xuc.json")
    raw["timing"] = "sau"
    raw["reporter"] = "Hà Thị Lan"
    lines = text_of("bien_ban_tiep_xuc", raw)
    (report,) = [line for line in lines if line.startswith("Đồng chí Hà Thị Lan, Hiệu trưởng")]
    assert "báo cáo kết quả kỳ họp thứ 11, HĐND huyện khóa XIX" in report
    assert "Hội nghị tiếp xúc cử tri xã Biên Sơn sau kỳ họp thứ 11, HĐND huyện khóa XIX" in lines


def test_minutes_front_of_a_commune_councils_meeting_is_the_village_front():
    lines = text_of("bien_ban_tiep_xuc", load_fixture("bien_ban_tiep_xuc.xa_2026.json"))
    assert any("Ban Công tác Mặt trận thôn Ao Sen phối hợp với" in line for line in lines)


def test_minutes_given_report_and_closing_end_with_one_full_stop():
    raw = load_fixture("bien_ban_tiep_xuc.json")
    raw["report"] = "báo cáo tình hình kinh tế - xã hội."
    raw["closing"] = "kết luận hội nghị."
    text = " ".join(text_of("bien_ban_tiep_xuc", raw))
    assert "số 1 báo cáo tình hình kinh tế - xã hội. " in text
    assert "Biên Sơn, kết luận hội nghị. " in text and ".." not in text


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
    assert "kinh tế" not in " ".join(text_of("bao_cao_tong_hop", raw))


def test_report_without_items_above_the_council_level_skips_that_part():
    raw = load_fixture("bao_cao_tong_hop.json")
    raw["items"] = [i for i in raw["items"] if i["level"] == "huyen"]
    raw["counts"].update(items=len(raw["items"]), by_level={"huyen": len(raw["items"])})
    fields: dict[str, int] = {}
    for item in raw["items"]:
        fields[item["field"]] = fields.get(item["field"], 0) + 1
    raw["counts"]["by_field"] = fields
    lines = text_of("bao_cao_tong_hop", raw)
    assert not any("CƠ QUAN CẤP TRÊN" in line for line in lines)
    assert "III. ĐỀ XUẤT, KIẾN NGHỊ" in lines
    after = lines[lines.index("III. ĐỀ XUẤT, KIẾN NGHỊ") + 1 :]
    assert after[0].startswith("Đề nghị UBND huyện chỉ đạo")
    assert after[1].startswith("Trên đây là báo cáo tổng hợp")


def test_report_appendix_numbers_follow_the_body_order():
    context = report_context(SummaryReportSchema().load(load_fixture("bao_cao_tong_hop.json")))
    body = [i for g in context["cap_minh"] for i in g["noi_dung"]] + [
        i for c in context["cap_tren"] for g in c["linh_vuc"] for i in g["noi_dung"]
    ]
    assert [a["stt"] for a in context["phu_luc"]] == list(range(1, len(body) + 1))
    for item, row in zip(body, context["phu_luc"], strict=True):
        assert row["tom_tat"].startswith(item["tom_tat"]) and row["noi"] == item["noi"]


def test_letter_without_round_dates_still_says_which_round():
    raw = load_fixture("cong_van_chuyen.json")
    raw["start_date"] = raw["end_date"] = None
    lines = text_of("cong_van_chuyen", raw)
    assert any(
        line.startswith(
            "Qua tiếp xúc cử tri trước kỳ họp thứ 11, HĐND huyện Lục Ngạn khóa XIX, nhiệm kỳ "
            "2016 - 2021, cử tri đã nêu 15 nội dung"
        )
        for line in lines
    )
    assert "Số: 126/HĐND-VP" in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như trên;"
    assert letter_context(ForwardingLetterSchema().load(raw))["so_ky_hieu"] == "126/HĐND-VP"
