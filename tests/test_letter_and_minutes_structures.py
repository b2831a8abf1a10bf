"""Issue 11 structures of the forwarding letter and the minutes: the report and legal bases a
letter cites, a merged office speaking as itself, the item wording's parts, notes; the minutes'
«Nơi nhận» block (Decree 30, Appendix III, model 1.9) and legal bases."""

from __future__ import annotations

import io
import json

import pytest
from conftest import ROOT, load_fixture
from docx import Document
from docxtext import paragraphs

from docgen import rounds
from docgen.doctypes.cong_van_chuyen import in_sentence
from docgen.errors import InvalidData

NQLT = "Căn cứ Nghị quyết liên tịch số 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 20/02/2025"


@pytest.fixture
def service(app):
    return app.extensions["docgen"]


def text(service, type_id: str, raw: dict) -> list[str]:
    return paragraphs(service.render_docx(type_id, service.validate(type_id, raw)))


def forwarding_sentence(found: list[str]) -> str:
    return next(p for p in found if " chuyển các ý kiến, kiến nghị của cử tri" in p)


def test_a_letter_cites_its_legal_bases_and_the_report_it_forwards(service):
    raw = load_fixture("cong_van_chuyen.json")
    raw.update(legal_bases=[NQLT], report={"number": 125, "date": "2020-12-08"})
    sentence = forwarding_sentence(text(service, "cong_van_chuyen", raw))
    assert sentence.startswith(
        f"{NQLT}, Thường trực HĐND huyện chuyển các ý kiến, kiến nghị của cử tri đã tổng hợp "
        "tại Báo cáo số 125/BC-HĐND ngày 08/12/2020 (có danh sách kèm theo) đến UBND huyện"
    )


def test_a_report_symbol_given_wins_and_an_unnumbered_report_is_cited_as_a_draft(service):
    raw = load_fixture("cong_van_chuyen.json")
    raw["report"] = {"symbol": "BC-ĐĐBQH&HĐND", "date": "2020-12-08"}
    sentence = forwarding_sentence(text(service, "cong_van_chuyen", raw))
    assert "tại Báo cáo số /BC-ĐĐBQH&HĐND ngày 08/12/2020 (có" in " ".join(sentence.split())


def test_a_report_dated_after_the_letter_is_refused(service):
    raw = load_fixture("cong_van_chuyen.json")
    raw["report"] = {"number": 125, "date": "2020-12-10"}  # the letter is of 09/12/2020
    with pytest.raises(InvalidData) as caught:
        service.validate("cong_van_chuyen", raw)
    assert "report.date" in caught.value.fields


def test_a_merged_office_speaks_as_itself(service):
    found = text(service, "cong_van_chuyen", load_fixture("cong_van_chuyen.tinh_2026.json"))
    sentence = forwarding_sentence(found)
    assert ", Văn phòng Đoàn ĐBQH và HĐND tỉnh chuyển các ý kiến" in sentence
    assert "gửi về Văn phòng Đoàn ĐBQH và HĐND tỉnh trước ngày 08/01/2027" in sentence
    assert "Thường trực HĐND tỉnh chuyển" not in " ".join(found)
    assert (
        "(Kèm theo Công văn số 215/VP-CTHĐND ngày 08/12/2026 của Văn phòng Đoàn ĐBQH và HĐND "
        "tỉnh)" in found
    )


def test_the_competent_body_per_item_is_a_data_choice(service):
    raw = load_fixture("cong_van_chuyen.json")
    first = "1. Đề nghị đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình đã nộp hồ sơ từ năm 2018 (cử tri xã Biên Sơn, xã Kiên Lao, xã Tân Sơn"
    assert f"{first}; cơ quan có thẩm quyền giải quyết: UBND huyện Lục Ngạn)." in text(
        service, "cong_van_chuyen", raw
    )
    raw["item_bodies"] = False
    assert f"{first})." in text(service, "cong_van_chuyen", raw)


def test_notes_follow_the_list(service):
    found = text(service, "cong_van_chuyen", load_fixture("cong_van_chuyen.tinh_2026.json"))
    assert found[-2:] == [
        "Ghi chú:",
        "- Nội dung số 2 cử tri đã kiến nghị tại kỳ tiếp xúc trước kỳ họp thứ nhất, chưa được "
        "giải quyết.",
    ]


@pytest.mark.parametrize(
    ("summary", "written"),
    [
        ("Đề nghị sửa đường", "đề nghị sửa đường"),
        (
            "Tiếp tục đề nghị tỉnh: quan tâm, bố trí kinh phí",
            "tiếp tục đề nghị tỉnh: quan tâm, bố trí kinh phí",
        ),
        ("Phản ánh tình trạng ngập úng", "phản ánh tình trạng ngập úng"),
        ("Chính phủ sớm ban hành chính sách", "Chính phủ sớm ban hành chính sách"),
        ("UBND huyện sớm sửa cầu", "UBND huyện sớm sửa cầu"),
        ("Đề xuất", "đề xuất"),
    ],
)
def test_a_summary_inside_a_sentence_loses_only_a_leading_verbs_capital(summary, written):
    assert in_sentence(summary) == written


def test_a_round_letter_cites_the_rounds_report(service):
    raw = json.loads((ROOT / "fixtures" / "round_luc_ngan.json").read_text(encoding="utf-8"))
    plan = rounds.plan_round(rounds.load_round(raw))
    letters = [j for j in plan.jobs if j.type_id == "cong_van_chuyen"]
    assert letters
    number, day = raw["report"]["number"], raw["report"]["date"]  # "2020-12-08"
    cited = f"tại Báo cáo số {number}/BC-HĐND ngày {day[8:]}/{day[5:7]}/{day[:4]} (có"
    for job in letters:
        found = paragraphs(service.generate(job.type_id, job.data, "docx").content)
        assert cited in forwarding_sentence(found), job.name


def test_minutes_end_with_their_recipients_as_model_1_9(service):
    raw = load_fixture("bien_ban_tiep_xuc.xa_2026.json")
    found = text(service, "bien_ban_tiep_xuc", raw)
    assert found[-4:] == [
        "Nơi nhận:",
        "- Thường trực HĐND xã Biên Sơn;",
        "- Ban Thường trực Ủy ban MTTQ Việt Nam xã Biên Sơn;",
        "- Lưu: VT, hồ sơ.",
    ]
    raw.pop("recipients")
    raw["archive"] = "VT, hồ sơ hội nghị"
    assert text(service, "bien_ban_tiep_xuc", raw)[-2:] == [
        "Nơi nhận:",
        "- Lưu: VT, hồ sơ hội nghị.",
    ]


def test_minutes_print_their_legal_bases_in_italics_before_the_opening(service):
    raw = load_fixture("bien_ban_tiep_xuc.xa_2026.json")
    docx = service.render_docx("bien_ban_tiep_xuc", service.validate("bien_ban_tiep_xuc", raw))
    found = paragraphs(docx)
    at = found.index(raw["legal_bases"][0] + ";")
    assert found[at + 1] == raw["legal_bases"][1] + "."
    assert found[at + 2].startswith("Hồi 19 giờ 30")
    bases = [p for p in Document(io.BytesIO(docx)).paragraphs if p.text in found[at : at + 2]]
    assert len(bases) == 2 and all(r.italic for p in bases for r in p.runs if r.text.strip())


def test_round_minutes_go_to_the_councils_standing_committee():
    raw = json.loads((ROOT / "fixtures" / "round_xa_2026.json").read_text(encoding="utf-8"))
    plan = rounds.plan_round(rounds.load_round(raw))
    minutes = [j for j in plan.jobs if j.type_id == "bien_ban_tiep_xuc"]
    assert minutes
    issuer = raw["issuer"]
    assert {tuple(j.data["recipients"]) for j in minutes} == {
        (f"Thường trực HĐND {issuer['unit_kind']} {issuer['unit_name']}",)
    }


def test_a_round_letter_dated_before_the_report_does_not_cite_it(service):
    raw = json.loads((ROOT / "fixtures" / "round_luc_ngan.json").read_text(encoding="utf-8"))
    raw["report"]["date"] = "2020-12-15"  # after the letters (a late report, warned of)
    plan = rounds.plan_round(rounds.load_round(raw))
    job = next(j for j in plan.jobs if j.type_id == "cong_van_chuyen")
    assert job.data["report"] is None
    found = paragraphs(service.generate(job.type_id, job.data, "docx").content)
    assert "Báo cáo số" not in forwarding_sentence(found)


def test_a_rounds_letters_carry_its_legal_bases_notes_and_body_choice(service):
    """What a typed letter may add, a round sets once for all its letters."""
    raw = json.loads((ROOT / "fixtures" / "round_luc_ngan.json").read_text(encoding="utf-8"))
    note = "Nội dung số 1 cử tri đã kiến nghị tại kỳ tiếp xúc trước"
    raw["letters"].update(legal_bases=[NQLT], notes=[note], item_bodies=False)
    plan = rounds.plan_round(rounds.load_round(raw))
    letters = [j for j in plan.jobs if j.type_id == "cong_van_chuyen"]
    assert len(letters) > 1
    for job in letters:
        found = paragraphs(service.generate(job.type_id, job.data, "docx").content)
        assert forwarding_sentence(found).startswith(f"{NQLT}, "), job.name
        assert found[-2:] == ["Ghi chú:", f"- {note}"], job.name
        assert not any("cơ quan có thẩm quyền giải quyết:" in p for p in found), job.name


def test_a_rounds_letters_print_the_competent_body_by_default():
    raw = json.loads((ROOT / "fixtures" / "round_luc_ngan.json").read_text(encoding="utf-8"))
    plan = rounds.plan_round(rounds.load_round(raw))
    letters = [j for j in plan.jobs if j.type_id == "cong_van_chuyen"]
    assert letters and all(j.data["item_bodies"] is True for j in letters)
    assert all(j.data["legal_bases"] == [] and j.data["notes"] == [] for j in letters)
