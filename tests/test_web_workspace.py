"""The workspace's pages: autosaved drafts reopened whole, duplicated, issued by a văn thư, the register."""

from __future__ import annotations

import pytest
from conftest import load_fixture

from docgen import create_app

PLAN = "ke_hoach_tiep_xuc"


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "ARCHIVE_PDF_AT_ISSUE": False,
        }
    )
    accounts = app.extensions["docgen.accounts"]
    accounts.add("lan", "mat-khau-lan", ["chuyen_vien"])
    accounts.add("hoa", "mat-khau-hoa", ["van_thu"])
    return app


def sign_in(client, name: str) -> None:
    response = client.post("/templates/login", data={"name": name, "password": f"mat-khau-{name}"})
    assert response.status_code == 302


def test_the_form_is_saved_as_a_draft_and_reopened_whole(client):
    sign_in(client, "lan")
    saved = client.post(
        "/drafts/autosave",
        data={
            "page": PLAN,
            "draft_id": "",
            "year": "2026",
            "issuer.unit_name": "Biên Sơn",
            "legal_bases.0": "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025",
        },
    ).get_json()
    assert saved["url"] == f"/documents/{PLAN}?draft={saved['id']}" and saved["errors"] > 0
    client.post(
        "/drafts/autosave",
        data={
            "page": PLAN,
            "draft_id": saved["id"],
            "year": "2027",
            "issuer.unit_name": "Biên Sơn",
        },
    )
    home = client.get("/").get_data(as_text=True)
    assert "Dự thảo đang soạn" in home and saved["url"].replace("&", "&amp;") in home
    page = client.get(saved["url"]).get_data(as_text=True)
    assert 'value="2027"' in page and 'value="Biên Sơn"' in page


def test_a_van_thu_issues_from_the_home_page_and_the_register_shows_it(client, app):
    drafts = app.extensions["docgen.workspace"].drafts
    draft = drafts.create(PLAN, load_fixture("ke_hoach_tiep_xuc.xa_2026.json"), None, None)
    home = client.get("/").get_data(as_text=True)
    assert "Cấp số và ban hành" not in home  # only a văn thư sees it
    sign_in(client, "hoa")
    assert "Cấp số và ban hành" in client.get("/").get_data(as_text=True)
    response = client.post(f"/drafts/{draft.id}/issue", data={"date": "2026-03-04"})
    assert response.status_code == 302 and "/register" in response.headers["Location"]
    register = client.get("/register?year=2026").get_data(as_text=True)
    assert "01/KH-HĐND" in register and "04/03/2026" in register
    assert "Đã cấp số và vào sổ: 01/KH-HĐND." in register


def test_an_invalid_draft_issued_from_the_page_shows_its_errors_and_takes_no_number(client, app):
    data = load_fixture("ke_hoach_tiep_xuc.xa_2026.json")
    del data["signer"]["name"]
    draft = app.extensions["docgen.workspace"].drafts.create(PLAN, data, None, None)
    sign_in(client, "hoa")
    response = client.post(f"/drafts/{draft.id}/issue", data={"date": "2026-03-04"})
    assert response.status_code == 422
    assert "Chưa cấp số: dự thảo còn lỗi" in response.get_data(as_text=True)
    assert app.extensions["docgen.workspace"].register.entries() == []


def test_duplicating_opens_the_copy(client, app):
    draft = app.extensions["docgen.workspace"].drafts.create(
        "round", load_fixture("round_xa_2026.json"), "Đợt 1", None
    )
    response = client.post(f"/drafts/{draft.id}/duplicate")
    assert response.status_code == 302 and response.headers["Location"].startswith("/round?draft=")
    copy_id = response.headers["Location"].split("=")[1]
    assert copy_id != draft.id
    assert "Biên Sơn" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_saving_what_was_opened_keeps_the_last_change(client, app, plan_data):
    draft = app.extensions["docgen.workspace"].drafts.create(PLAN, {"year": 2026}, None, None)
    same = client.post(
        "/drafts/autosave", data={"page": PLAN, "draft_id": draft.id, "year": "2026"}
    )
    assert same.get_json()["updated_at"] == draft.updated_at.isoformat()


@pytest.mark.parametrize(
    ("typed", "shown"), [("4/3/2026", "04/03/2026"), ("04-03-2026", "04/03/2026")]
)
def test_the_issue_date_is_typed_the_vietnamese_way(client, app, typed, shown):
    draft = app.extensions["docgen.workspace"].drafts.create(
        PLAN, load_fixture("ke_hoach_tiep_xuc.xa_2026.json"), None, None
    )
    sign_in(client, "hoa")
    assert client.post(f"/drafts/{draft.id}/issue", data={"date": typed}).status_code == 302
    assert shown in client.get("/register?year=2026").get_data(as_text=True)


def test_an_impossible_issue_date_is_refused_and_takes_no_number(client, app):
    draft = app.extensions["docgen.workspace"].drafts.create(
        PLAN, load_fixture("ke_hoach_tiep_xuc.xa_2026.json"), None, None
    )
    sign_in(client, "hoa")
    response = client.post(f"/drafts/{draft.id}/issue", data={"date": "31/02/2026"})
    assert response.status_code == 302
    assert "chỉ có 28 ngày" in client.get("/").get_data(as_text=True)
    assert app.extensions["docgen.workspace"].register.entries() == []
