"""The schedule notice's structures (issue 11): legal bases, contents, numbered entries, the
session's name, the places and a merged office's own name, from a notice's data or a round's."""

from __future__ import annotations

import datetime

import pytest
from conftest import load_fixture
from docxtext import paragraphs

from docgen import documents, rounds
from docgen.errors import InvalidData

NOTICE = "thong_bao_lich_tiep_xuc"
NB = "\u00a0"


def render(app, data: dict) -> list[str]:
    service = app.extensions["docgen"]
    return paragraphs(service.render_docx(NOTICE, service.validate(NOTICE, data)))


def context(data: dict) -> dict:
    doc = documents.get(NOTICE)
    return doc.context(doc.schema().load(data))


def test_the_seed_keeps_its_table_and_prints_no_new_part(app):
    found = render(app, load_fixture(f"{NOTICE}.json"))
    assert "STT" in found and "Tổ số 1" in found
    assert not [line for line in found if line.startswith(("I. ", "II. ", "Căn cứ", "1. Tổ"))]


def test_a_provincial_office_notice_in_numbered_entries(app):
    found = render(app, load_fixture(f"{NOTICE}.tinh_2026.json"))
    assert "STT" not in found  # no table
    assert found[found.index("THÔNG BÁO") + 1] == (
        "Lịch tiếp xúc cử tri của các Tổ đại biểu HĐND tỉnh trước kỳ họp thường lệ cuối năm "
        "2026, HĐND tỉnh khóa I, nhiệm kỳ 2026 - 2031 tại các đơn vị bầu cử trên địa bàn tỉnh"
    )
    expected = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Kế hoạch số 05/KH-HĐND ngày 05/01/2026 của Thường trực HĐND tỉnh về tiếp xúc "
        "cử tri của đại biểu HĐND tỉnh năm 2026.",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh thông báo lịch tiếp xúc cử tri của các Tổ đại biểu "
        "HĐND tỉnh trước kỳ họp thường lệ cuối năm 2026, HĐND tỉnh Bắc Ninh khóa I, nhiệm kỳ "
        "2026 - 2031 (dự kiến khai mạc ngày 08/12/2026) như sau:",
        "I. Thời gian và địa điểm: Từ ngày 24/11/2026 đến ngày 25/11/2026, cụ thể như sau:",
        "1. Tổ đại biểu HĐND tỉnh (đơn vị bầu cử số 1 gồm các phường Kinh Bắc, Võ Cường) gồm "
        "các đại biểu: Trần Thị Minh Hà (Tổ trưởng), Phó Chủ tịch HĐND tỉnh; Nguyễn Văn Phúc, "
        "Giám đốc Sở Xây dựng; Lê Thị Thu Trang, Hiệu trưởng Trường THPT Hàn Thuyên tiếp xúc "
        "cử tri phường Kinh Bắc.",
        "Thời gian: Bắt đầu từ 8 giờ 00, thứ Ba, ngày 24/11/2026.",  # no capital mid-sentence
        "Địa điểm: tại Hội trường UBND phường Kinh Bắc.",
        "2. Tổ đại biểu HĐND tỉnh (đơn vị bầu cử số 1 gồm các phường Kinh Bắc, Võ Cường) gồm "
        "các đại biểu: Trần Thị Minh Hà (Tổ trưởng), Phó Chủ tịch HĐND tỉnh; Lê Thị Thu Trang, "
        "Hiệu trưởng Trường THPT Hàn Thuyên tiếp xúc cử tri phường Võ Cường.",
        "II. Nội dung tiếp xúc cử tri:",
        "- Lắng nghe, tiếp thu ý kiến, kiến nghị của cử tri.",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh thông báo để các Tổ đại biểu HĐND tỉnh, các cơ quan, "
        "đơn vị có liên quan biết, phối hợp thực hiện./.",
    ]
    at = -1
    for line in expected:
        assert line in found[at + 1 :], line
        at = found.index(line, at + 1)


def test_one_day_of_meetings_is_named_once():
    data = load_fixture(f"{NOTICE}.tinh_2026.json")
    data["entries"] = data["entries"][:2]
    found = context(data)
    assert found["tu_ngay"] == found["den_ngay"] == "24/11/2026"


def test_times_and_weekdays_hold_together_and_dates_keep_one_style():
    found = context(load_fixture(f"{NOTICE}.tinh_2026.json"))
    row = found["lich"][0]
    assert row["gio"] == f"8{NB}giờ{NB}00" and row["gio_tat"] == "8h00"
    assert row["thu"] == f"Thứ{NB}Ba" and row["thu_trong_cau"] == f"thứ{NB}Ba"
    assert (row["ngay"], row["ngay_ngan"]) == ("24/11/2026", "24/11/2026")
    # The opening's date is written like the table's (08/12/2026, not 8/12/2026).
    assert (found["ngay_khai_mac"], found["ngay_khai_mac_ngan"]) == ("08/12/2026", "8/12/2026")
    sunday = load_fixture(f"{NOTICE}.tinh_2026.json")
    sunday["entries"][0]["start"] = "2026-11-22T08:00:00"
    assert context(sunday)["lich"][0]["thu_trong_cau"] == f"chủ{NB}nhật"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contents", ["- Thông báo dự kiến chương trình kỳ họp"], "gạch đầu dòng"),
        ("layout", "bang_ngang", "Phải là một trong các giá trị"),
        ("places", "  ", "Không được để trống"),
    ],
)
def test_the_new_fields_refuse_what_the_template_cannot_print(app, field, value, message):
    data = load_fixture(f"{NOTICE}.json")
    data[field] = value
    with pytest.raises(InvalidData) as refused:
        app.extensions["docgen"].validate(NOTICE, data)
    assert any(key.startswith(field) for key in refused.value.fields)
    assert message in str(refused.value.fields)


def test_a_rounds_schedule_section_carries_the_notices_own_data(app):
    round_ = load_fixture("round_xa_2026.json")
    round_["schedule"].update(
        {
            "legal_bases": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"],
            "layout": "liet_ke",
            "places": "các thôn, tổ dân phố",
            "contents": ["Thông báo dự kiến chương trình kỳ họp;", "Tiếp thu ý kiến của cử tri."],
            "requests": ["Đề nghị Trưởng các thôn thông báo rộng rãi đến cử tri."],
        }
    )
    plan = rounds.plan_round(rounds.load_round(round_))
    (job,) = [j for j in plan.jobs if j.type_id == NOTICE]
    service = app.extensions["docgen"]
    found = paragraphs(service.render_docx(NOTICE, job.data))
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025." in found
    assert found[found.index("THÔNG BÁO") + 1].endswith(" tại các thôn, tổ dân phố")
    assert "STT" not in found and any(line.startswith("1. Tổ đại biểu HĐND xã") for line in found)
    assert found[found.index("II. Nội dung tiếp xúc cử tri:") + 1 :][:2] == [
        "- Thông báo dự kiến chương trình kỳ họp;",
        "- Tiếp thu ý kiến của cử tri.",
    ]
    assert "Đề nghị Trưởng các thôn thông báo rộng rãi đến cử tri." in found
    assert not any(line.startswith("Đề nghị Ban Thường trực") for line in found)


def test_a_round_without_them_keeps_its_table():
    plan = rounds.plan_round(rounds.load_round(load_fixture("round_xa_2026.json")))
    (job,) = [j for j in plan.jobs if j.type_id == NOTICE]
    assert job.data["layout"] == "bang" and job.data["legal_bases"] == []
    assert isinstance(job.data["entries"][0]["start"], datetime.datetime)


def test_an_office_writes_the_session_ordinal_in_words(app):
    from test_wording import TEMPLATES, edit_one_run

    shipped = (TEMPLATES / f"{NOTICE}.docx").read_bytes()
    edited = edit_one_run(
        shipped,
        "{% else %}kỳ họp thứ {{ ky_hop }}{% endif %}, HĐND {{ don_vi }} {{ ten_don_vi }}",
        "{% else %}kỳ họp thứ {{ ky_hop|ordinal }}{% endif %}, HĐND {{ don_vi }} {{ ten_don_vi }}",
    )
    info, report = app.extensions["docgen.templates"].upload(
        NOTICE, edited, author="lan", comment="Kỳ họp viết bằng chữ"
    )
    assert report.ok and info.active
    data = load_fixture(f"{NOTICE}.xa_2026.json")
    del data["session"]["name"]
    opening = next(line for line in render(app, data) if "thông báo lịch tiếp xúc" in line)
    assert "trước kỳ họp thứ tư, HĐND xã Biên Sơn khóa I" in opening
