"""The summary report's structures a council sets (issue 11): its own fields, section order,
items detailed only in the appendix, counts in "lượt ý kiến", legal bases and notes."""

from __future__ import annotations

import copy
import io
import re
from collections import Counter

import pytest
from conftest import load_fixture
from docx import Document
from docxtext import paragraphs

from docgen import create_app, report_layout, rounds, title_lines, vn
from docgen.councils import CouncilProfiles, load_profile
from docgen.errors import InvalidData
from docgen.round_output import with_profile
from docgen.vocab import LEVEL_RANK

# A ward council classifying by its committees rather than by the twelve default fields.
COMMITTEES = [
    {"key": "kinh_te_ngan_sach", "label": "Kinh tế - ngân sách"},
    {"key": "phap_che", "label": "Pháp chế"},
    {"key": "van_hoa_xa_hoi", "label": "Văn hóa - xã hội"},
]
COMMITTEE_OF = {
    "dat_dai": "kinh_te_ngan_sach",
    "tai_nguyen_moi_truong": "kinh_te_ngan_sach",
    "giao_thong_xay_dung": "kinh_te_ngan_sach",
    "kinh_te_tai_chinh": "kinh_te_ngan_sach",
    "an_ninh_trat_tu": "phap_che",
    "to_chuc_bo_may": "phap_che",
    "y_te": "van_hoa_xa_hoi",
    "giao_duc": "van_hoa_xa_hoi",
    "lao_dong_chinh_sach": "van_hoa_xa_hoi",
}
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025",
    "Căn cứ Nghị quyết liên tịch số 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN",
]


def ward_round() -> dict:
    """The ward round, its petitions classified by committee, set out as the council does."""
    raw = copy.deepcopy(load_fixture("round_phuong_2026.json"))
    raw["petition_fields"] = COMMITTEES
    for petition in raw["petitions"]:
        petition["field"] = COMMITTEE_OF[petition["field"]]
    raw["report"].update(
        {
            "legal_bases": BASES,
            "notes": ["Các nội dung trùng nhau đã được gộp, ghi đủ nơi nêu"],
            "details": "phu_luc",
            "count_by": "luot_y_kien",
            "section_order": ["trung_uong", "tinh", "xa"],
        }
    )
    return raw


def report_of(round_: dict) -> tuple[dict, bytes]:
    (job,) = [j for j in rounds.plan_round(round_).jobs if j.type_id == "bao_cao_tong_hop"]
    app = create_app({"TESTING": True})
    return job.data, app.extensions["docgen"].render_docx(job.type_id, job.data)


def _n(n: int) -> str:
    return vn.pad2(n) if n < 10 else vn.format_number(n)


def recount(raw: dict) -> dict:
    """Each time a report-level petition was raised and not settled, by field and by level:
    recomputed from the round's petitions, independently of routing."""
    council = LEVEL_RANK[raw["issuer"]["level"]]
    kept = [
        p
        for p in raw["petitions"]
        if LEVEL_RANK[p["level"]] <= council and not p.get("resolved_at_meeting")
    ]
    return {
        "total": len(kept),
        "matters": len({(p.get("matter") or p["id"], p["level"]) for p in kept}),
        "by_field": Counter(p["field"] for p in kept),
        "by_level": Counter(p["level"] for p in kept),
        "by_field_level": Counter((p["field"], p["level"]) for p in kept),
    }


@pytest.fixture(scope="module")
def ward():
    raw = ward_round()
    data, docx = report_of(rounds.load_round(raw))
    return raw, data, docx, paragraphs(docx)


def test_counts_are_times_raised_and_match_an_independent_recount(ward):
    raw, _, _, found = ward
    expected = recount(raw)
    assert expected["total"] > expected["matters"]  # a matter raised at several meetings
    text = " ".join(found)
    assert (
        f"Báo cáo này tổng hợp {_n(expected['total'])} lượt ý kiến, kiến nghị "
        f"({_n(expected['matters'])} nội dung sau khi gộp" in text
    )
    labels = {f["key"]: vn.lower(f["label"]) for f in COMMITTEES}
    by_field = next(line for line in found if line.startswith("Phân theo lĩnh vực: "))
    assert (
        by_field
        == "Phân theo lĩnh vực: "
        + "; ".join(
            f"{labels[f['key']]} {_n(expected['by_field'][f['key']])} lượt ý kiến"
            for f in COMMITTEES
            if expected["by_field"][f["key"]]
        )
        + "."
    )
    # Each section's lines, per committee and level, are the recount's too.
    for (field, level), n in expected["by_field_level"].items():
        assert f"- Lĩnh vực {labels[field]}: {_n(n)} lượt ý kiến" in text, (field, level)
    names = {"trung_uong": "trung ương", "tinh": "cấp tỉnh", "xa": "cấp xã"}
    assert (
        "Phân theo cấp giải quyết: "
        + "; ".join(
            f"{names[level]} {_n(expected['by_level'][level])} lượt ý kiến"
            for level in ("trung_uong", "tinh", "xa")  # the council's order of sections
        )
        + "."
        in found
    )
    for level in ("trung_uong", "tinh"):
        n = _n(expected["by_level"][level])
        assert any(
            re.fullmatch(rf"\d\. Thuộc thẩm quyền {names[level]} \({n} lượt ý kiến\)", line)
            for line in found
        )


def test_items_are_detailed_only_in_the_appendix(ward):
    _, data, docx, found = ward
    for item in data["items"]:
        assert sum(item["summary"] in line for line in found) == 1, item["summary"]
    assert len(Document(io.BytesIO(docx)).tables[-1].rows) == 1 + len(data["items"])
    # The appendix shows how many times an item raised more than once was raised.
    assert any(re.fullmatch(r".+ \(0[2-9] lượt\)", line) for line in found)
    assert not any(line.endswith("(01 lượt)") for line in found)


def test_sections_follow_the_councils_order(ward):
    _, _, _, found = ward
    upward = found.index("II. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA CƠ QUAN CẤP TRÊN")
    own = found.index("III. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA UBND PHƯỜNG")
    central = found.index(
        next(line for line in found if line.startswith("1. Thuộc thẩm quyền trung ương"))
    )
    province = found.index(
        next(line for line in found if line.startswith("2. Thuộc thẩm quyền cấp tỉnh"))
    )
    assert upward < central < province < own
    assert "IV. ĐỀ XUẤT, KIẾN NGHỊ" in found


def test_legal_bases_and_notes_are_printed(ward):
    _, _, docx, found = ward
    assert (
        found.index(f"{BASES[0]};")
        < found.index(f"{BASES[1]};")
        < found.index("I. KHÁI QUÁT CHUNG")
    )
    basis = next(p for p in Document(io.BytesIO(docx)).paragraphs if p.text == f"{BASES[0]};")
    assert all(run.italic for run in basis.runs if run.text.strip())
    assert found[-2:] == ["Ghi chú:", "- Các nội dung trùng nhau đã được gộp, ghi đủ nơi nêu"]


def test_a_field_outside_the_councils_list_is_refused_naming_the_petition():
    raw = ward_round()
    raw["petitions"][3]["field"] = "y_te"  # a default field, not one of this council's
    with pytest.raises(InvalidData) as info:
        rounds.load_round(raw)
    assert list(info.value.fields) == ["petitions.3.field"]
    assert "“y_te”" in info.value.fields["petitions.3.field"][0]


def test_a_section_order_with_the_own_level_in_the_middle_is_refused():
    raw = ward_round()
    raw["report"]["section_order"] = ["trung_uong", "xa", "tinh"]
    with pytest.raises(InvalidData) as info:
        rounds.load_round(raw)
    assert list(info.value.fields) == ["report.section_order"]


def test_the_saved_profile_gives_its_fields_and_layout_and_the_round_wins(tmp_path):
    raw = ward_round()
    del raw["petition_fields"]
    for key in ("details", "count_by", "section_order"):
        del raw["report"][key]
    raw["report"]["count_by"] = "noi_dung"  # the round's own choice
    profile = load_profile(
        {
            "level": "xa",
            "unit_kind": "phường",
            "unit_name": "Kinh Bắc",
            "petition_fields": COMMITTEES,
            "details": "phu_luc",
            "count_by": "luot_y_kien",
        }
    )
    profiles = CouncilProfiles(tmp_path / "councils.json")
    profiles.save(profile)

    class Service:
        councils = profiles

    loaded = rounds.load_round(raw)  # the committees' keys wait for the council's list
    with pytest.raises(InvalidData) as info:
        rounds.plan_round(loaded)  # without the profile: the default twelve
    assert "petitions.0.field" in info.value.fields
    merged = with_profile(Service(), loaded)  # type: ignore[arg-type]
    data, _ = report_of(merged)
    assert data["petition_fields"] == COMMITTEES
    assert (data["details"], data["count_by"]) == ("phu_luc", "noi_dung")


def test_a_profile_section_order_must_fit_its_level():
    with pytest.raises(InvalidData) as info:
        load_profile(
            {"level": "tinh", "unit_kind": "tỉnh", "unit_name": "Bắc Ninh", "section_order": ["xa"]}
        )
    assert list(info.value.fields) == ["section_order"]


@pytest.mark.parametrize(
    ("given", "level", "order"),
    [
        (None, "xa", ["xa", "huyen", "tinh", "trung_uong"]),
        (["trung_uong"], "tinh", ["tinh", "trung_uong"]),
        (["trung_uong", "tinh"], "tinh", ["trung_uong", "tinh"]),
        (["trung_uong", "tinh", "xa"], "xa", ["trung_uong", "tinh", "huyen", "xa"]),
        (["tinh", "huyen"], "huyen", ["tinh", "trung_uong", "huyen"]),
    ],
)
def test_section_order_given_first_then_the_default(given, level, order):
    assert report_layout.section_order(given, level) == order


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("kỳ họp thứ 4, HĐND xã khóa I", "kỳ họp thứ 4, HĐND xã khóa\u00a0I"),
        ("HĐND HUYỆN KHÓA XIX", "HĐND HUYỆN KHÓA\u00a0XIX"),
        ("tiếp xúc cử tri thường xuyên", None),  # a long last word may stand alone
        ("BÁO CÁO", None),  # two words never wrap
    ],
)
def test_a_title_line_keeps_its_short_last_word_with_the_one_before(text, joined):
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run(text[:5])
    paragraph.add_run(text[5:])
    changed = title_lines.join_last_words(paragraph._p)
    assert changed == (joined is not None)
    assert paragraph.text == (joined or text)


def test_the_rounds_letters_list_items_under_the_councils_fields():
    from docgen import documents

    plan = rounds.plan_round(rounds.load_round(ward_round()))
    letters = [j for j in plan.jobs if j.type_id == "cong_van_chuyen"]
    assert letters
    labels = {vn.lower(f["label"]) for f in COMMITTEES}
    for job in letters:
        context = documents.get(job.type_id).context(job.data)
        shown = {group["linh_vuc"] for group in context["danh_sach"]}
        assert shown and shown <= labels
        assert sum(len(g["noi_dung"]) for g in context["danh_sach"]) == len(job.data["items"])


def test_a_form_or_sheet_keeps_a_councils_own_field_key_and_still_names_a_typo():
    from docgen import forms
    from docgen.schemas.round import RoundSchema

    form = forms.build_form(RoundSchema)
    data, problems = forms.read_form(
        form, [("petitions.0.field", "phap_che"), ("petitions.1.field", "Y tế")]
    )
    assert problems == {}
    assert [p["field"] for p in data["petitions"]] == ["phap_che", "y_te"]
    _, problems = forms.read_form(form, [("petitions.0.field", "Pháp chếe")])
    assert problems["petitions.0.field"][0].startswith("“Pháp chếe” không có trong danh sách")
