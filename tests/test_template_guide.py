"""The guide staff read beside a template: generated from the data, complete, on the page."""

from __future__ import annotations

import re

import pytest

from docgen import documents, template_guide

TYPES = list(documents.REGISTRY)


@pytest.fixture
def admin(app):
    return app.extensions["docgen.templates"]


@pytest.mark.parametrize("type_id", TYPES)
def test_every_name_of_the_data_has_a_meaning_and_no_meaning_is_left_over(admin, type_id):
    doc, contexts = documents.get(type_id), admin.facts(type_id).contexts
    assert template_guide.undeclared(doc, contexts) == []
    assert template_guide.stale(doc, contexts) == []


@pytest.mark.parametrize("type_id", TYPES)
def test_every_name_the_shipped_template_prints_is_in_the_guide(admin, type_id):
    paths = {e.path for e in admin.guide(type_id)}
    assert admin.facts(type_id).required <= paths
    assert all(e.meaning for e in admin.guide(type_id))


def test_lists_show_their_items_fields_as_the_template_names_them(admin):
    entries = {e.path: e for e in admin.guide("bien_ban_tiep_xuc")}
    assert entries["y_kien"].write == "{%p for y in y_kien %}"
    assert entries["y_kien"].kind == "danh sách" and entries["y_kien"].example == "4 mục"
    voter = entries["y_kien[].cu_tri"]
    assert voter.write == "{{ y.cu_tri }}" and voter.depth == 1
    assert voter.example == "Dương Văn Hải (thôn Ao Sen)"  # the first fixture's first opinion
    assert entries["bao_cao.ten"].write == "{{ bao_cao.ten }}"


def test_a_name_copied_from_a_field_takes_the_schemas_label(admin):
    entries = {e.path: e for e in admin.guide("bien_ban_tiep_xuc")}
    assert entries["dia_diem"].meaning.startswith("Địa điểm — Ví dụ: Hội trường")
    assert entries["ky_hop"].meaning == "Kỳ họp thứ"


def test_conditions_are_the_switches_and_what_may_be_empty(admin):
    conditions = {e.name for e in admin.guide("bien_ban_tiep_xuc") if e.condition}
    assert {"truoc_ky_hop", "cap_xa", "khach_moi", "mat_tran", "y.tra_loi"} <= conditions
    assert "chu_toa" not in conditions and "ky_hop" not in conditions


def test_the_template_page_shows_the_guide(app, client):
    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai")
    page = client.get("/templates/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(
        "/templates/login", data={"name": "lan", "password": "mat-khau-dai", "csrf_token": token}
    )
    page = client.get("/templates/cong_van_chuyen").get_data(as_text=True)
    assert "Các chỗ điền dữ liệu trong mẫu" in page
    assert "{{ i.tom_tat }}" in page  # an item field, named as the shipped template names it
    assert "Cơ quan trả lời trước ngày" in page or "Trả lời bằng văn bản trước ngày" in page
    assert "{% if tu_ngay %}" in page  # a condition staff can use


def test_the_annotated_template_explains_each_place_in_a_word_comment(admin):
    import io

    from docx import Document

    content = admin.annotated("bien_ban_tiep_xuc")
    comments = [c.text for c in Document(io.BytesIO(content)).comments]
    assert len(comments) >= 20
    (opening,) = [c for c in comments if c.startswith("gio_bat_dau:")]
    assert "dia_diem: Địa điểm" in opening and "(ví dụ: Hội trường UBND xã Biên Sơn)" in opening
    assert any(c.startswith("y.cu_tri: Cử tri nêu ý kiến") for c in comments)


def test_a_template_uploaded_with_comments_needs_confirming(admin):
    report = admin.check("bien_ban_tiep_xuc", admin.annotated("bien_ban_tiep_xuc"))
    assert report.ok
    (finding,) = [f for f in report.warnings if f.check == "comments"]
    assert "chú thích" in finding.message


def test_the_page_offers_the_annotated_template(app, client):
    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai")
    page = client.get("/templates/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(
        "/templates/login", data={"name": "lan", "password": "mat-khau-dai", "csrf_token": token}
    )
    assert "/templates/bao_cao_tong_hop/annotated.docx" in client.get(
        "/templates/bao_cao_tong_hop"
    ).get_data(as_text=True)
    response = client.get("/templates/bao_cao_tong_hop/annotated.docx")
    assert response.status_code == 200
    assert "co-chu-thich" in response.headers["Content-Disposition"]
    assert response.data[:2] == b"PK"
