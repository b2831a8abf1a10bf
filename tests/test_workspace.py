"""Drafts, issuing with Decree 30 numbers, the register and its archive — on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import io
from typing import Any

import pytest
from conftest import load_fixture
from docxtext import paragraphs

from docgen import create_app

PLAN = "ke_hoach_tiep_xuc"
ISSUER = "HĐND XÃ BIÊN SƠN – THƯỜNG TRỰC"


@pytest.fixture
def plan_data() -> dict[str, Any]:
    """A commune council's plan: since 1 July 2025 no district documents are issued."""
    return load_fixture("ke_hoach_tiep_xuc.xa_2026.json")


@pytest.fixture
def app(database_url, tmp_path):
    """An app on the parametrised database (SQLite file or PostgreSQL); PDFs on demand."""
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "ARCHIVE_PDF_AT_ISSUE": False,
        }
    )


@pytest.fixture
def tokens(app) -> dict[str, str]:
    """API tokens of a clerk (chuyen_vien) and a văn thư (van_thu)."""
    accounts = app.extensions["docgen.accounts"]
    accounts.add("chuyenvien", None, ["chuyen_vien"])
    accounts.add("vanthu", None, ["van_thu", "chuyen_vien"])
    return {"clerk": accounts.new_token("chuyenvien"), "vt": accounts.new_token("vanthu")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def new_draft(client, data: dict[str, Any], token: str, type_id: str = PLAN, **extra) -> str:
    response = client.post(
        "/api/v1/drafts", json={"type": type_id, "data": data, **extra}, headers=bearer(token)
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def issue(client, draft_id: str, token: str, **body):
    return client.post(f"/api/v1/drafts/{draft_id}/issue", json=body, headers=bearer(token))


def test_a_draft_keeps_partial_invalid_data_with_its_errors(client, tokens, plan_data):
    partial = {"issuer": plan_data["issuer"], "year": "hai nghìn"}
    draft_id = new_draft(client, partial, tokens["clerk"], title="Kế hoạch năm sau")
    got = client.get(f"/api/v1/drafts/{draft_id}", headers=bearer(tokens["clerk"])).get_json()
    assert got["data"] == partial and got["title"] == "Kế hoạch năm sau"
    assert got["valid"] is False
    assert {"year", "signer", "legal_bases"} <= set(got["errors"])

    updated = client.put(
        f"/api/v1/drafts/{draft_id}", json={"data": plan_data}, headers=bearer(tokens["clerk"])
    ).get_json()
    assert updated["valid"] is True and updated["errors"] == {}
    listed = client.get("/api/v1/drafts", headers=bearer(tokens["clerk"])).get_json()
    assert [d["id"] for d in listed] == [draft_id]
    assert listed[0]["type_title"] == "Kế hoạch tiếp xúc cử tri"

    assert (
        client.delete(f"/api/v1/drafts/{draft_id}", headers=bearer(tokens["clerk"])).status_code
        == 204
    )
    assert (
        client.get(f"/api/v1/drafts/{draft_id}", headers=bearer(tokens["clerk"])).status_code == 404
    )


@pytest.mark.parametrize(
    "body, field",
    [
        ({"type": "khong_co", "data": {}}, "type"),
        ({"type": PLAN, "data": []}, "data"),
        ({"data": {}}, "type"),
    ],
)
def test_a_draft_needs_a_known_type_and_an_object(client, body, field):
    response = client.post("/api/v1/drafts", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_a_clerks_draft_is_hers_and_the_van_thus(client, tokens, app, plan_data):
    draft_id = new_draft(client, plan_data, tokens["clerk"])
    app.extensions["docgen.accounts"].add("khac", None, ["chuyen_vien"])
    other = app.extensions["docgen.accounts"].new_token("khac")
    assert client.get(f"/api/v1/drafts/{draft_id}", headers=bearer(other)).status_code == 404
    assert client.get(f"/api/v1/drafts/{draft_id}").status_code == 404
    assert client.get(f"/api/v1/drafts/{draft_id}", headers=bearer(tokens["vt"])).status_code == 200


def test_a_draft_renders_marked_with_a_blank_number(client, tokens, plan_data):
    draft_id = new_draft(client, {**plan_data, "number": 5}, tokens["clerk"])  # blanked
    response = client.get(
        f"/api/v1/drafts/{draft_id}/file?format=docx", headers=bearer(tokens["clerk"])
    )
    assert response.status_code == 200
    lines = paragraphs(response.data)
    assert "DỰ THẢO" in lines
    assert "Số: /KH-HĐND" in lines  # the blank is collapsed by paragraphs(): "Số:      /KH-HĐND"
    assert not any(line.startswith("Số: 05") for line in lines)


def test_issuing_numbers_from_01_never_reuses_and_restarts_each_year(client, tokens, plan_data):
    numbers = []
    for _ in range(3):
        response = issue(
            client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-03-02"
        )
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        assert body["symbol"] == "KH-HĐND" and body["date"] == "2026-03-02"
        numbers.append(body["number"])
    assert numbers == [1, 2, 3]
    second = client.get(f"/api/v1/register?year=2026&issuer={ISSUER}").get_json()[1]
    cancelled = client.post(
        f"/api/v1/register/{second['id']}/cancel",
        json={"reason": "Ban hành nhầm"},
        headers=bearer(tokens["vt"]),
    )
    assert cancelled.status_code == 200
    assert cancelled.get_json()["status"] == "cancelled"
    assert cancelled.get_json()["cancel_reason"] == "Ban hành nhầm"
    fourth = issue(
        client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-12-31"
    )
    assert fourth.get_json()["number"] == 4
    new_year = issue(
        client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2027-01-01"
    )
    assert new_year.get_json()["number"] == 1
    register = client.get("/api/v1/register?year=2026").get_json()
    assert [(e["number"], e["status"]) for e in register] == [
        (1, "issued"),
        (2, "cancelled"),
        (3, "issued"),
        (4, "issued"),
    ]
    assert register[0]["number_symbol"] == "01/KH-HĐND" and register[0]["issued_by"] == "vanthu"
    assert (
        register[0]["signer"] == "Hoàng Văn Đức"
        and register[0]["copies"] == len(plan_data["recipients"]) + 1
    )


def test_issuing_writes_the_number_and_date_into_the_document(client, tokens, plan_data):
    body = issue(
        client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-01-06"
    ).get_json()
    docx = client.get(f"/api/v1/register/{body['register_id']}/file?format=docx").data
    lines = paragraphs(docx)
    assert "Số: 01/KH-HĐND" in lines and "DỰ THẢO" not in lines
    assert "Biên Sơn, ngày 06 tháng 01 năm 2026" in lines
    # Months later, the same bytes.
    assert client.get(f"/api/v1/register/{body['register_id']}/file?format=docx").data == docx


def test_only_a_van_thu_issues_or_cancels(client, tokens, plan_data):
    draft_id = new_draft(client, plan_data, tokens["clerk"])
    assert issue(client, draft_id, tokens["clerk"]).status_code == 403
    assert client.post(f"/api/v1/drafts/{draft_id}/issue", json={}).status_code == 401
    assert (
        client.post(f"/api/v1/drafts/{draft_id}/issue", json={}, headers=bearer("sai")).status_code
        == 401
    )
    entry = issue(client, draft_id, tokens["vt"]).get_json()
    cancel = client.post(
        f"/api/v1/register/{entry['register_id']}/cancel",
        json={"reason": "x"},
        headers=bearer(tokens["clerk"]),
    )
    assert cancel.status_code == 403
    again = issue(client, draft_id, tokens["vt"])
    assert again.status_code == 409


def test_an_invalid_draft_is_refused_with_its_fields_and_takes_no_number(
    client, tokens, plan_data, app
):
    broken = copy.deepcopy(plan_data)
    del broken["signer"]["name"]
    broken["legal_bases"] = []
    draft_id = new_draft(client, broken, tokens["clerk"])
    response = issue(client, draft_id, tokens["vt"], date="2026-05-05")
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert "signer.name" in fields and "legal_bases" in fields
    assert client.get("/api/v1/register").get_json() == []
    # The draft is kept as it was, with its errors.
    kept = client.get(f"/api/v1/drafts/{draft_id}", headers=bearer(tokens["clerk"])).get_json()
    assert kept["data"] == broken and "signer.name" in kept["errors"] and kept["issued_at"] is None
    # Fixed, it gets the first number: the refusal allocated none.
    client.put(
        f"/api/v1/drafts/{draft_id}", json={"data": plan_data}, headers=bearer(tokens["clerk"])
    )
    assert issue(client, draft_id, tokens["vt"], date="2026-05-05").get_json()["number"] == 1


def test_a_series_per_type_when_the_office_decides(client, tokens, app, plan_data):
    notice = load_fixture("thong_bao_lich_tiep_xuc.xa_2026.json")
    assert (
        issue(
            client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-02-02"
        ).get_json()["number"]
        == 1
    )
    first = issue(
        client,
        new_draft(client, notice, tokens["clerk"], "thong_bao_lich_tiep_xuc"),
        tokens["vt"],
        date="2026-02-02",
    )
    assert first.get_json()["number"] == 2  # one series for every type, by default
    app.extensions["docgen.workspace"].register.set_series(ISSUER, per_type=True)
    own = issue(
        client,
        new_draft(client, notice, tokens["clerk"], "thong_bao_lich_tiep_xuc"),
        tokens["vt"],
        date="2026-02-03",
    )
    assert own.get_json()["number"] == 1 and own.get_json()["symbol"] == "TB-HĐND"


def round_data() -> dict[str, Any]:
    return load_fixture("round_xa_2026.json")


def test_a_round_is_issued_whole_with_consecutive_numbers(client, tokens):
    commune_plan = load_fixture("ke_hoach_tiep_xuc.xa_2026.json")  # the same council's series
    assert (
        issue(
            client,
            new_draft(client, commune_plan, tokens["clerk"]),
            tokens["vt"],
            date="2026-12-10",
        ).status_code
        == 201
    )
    data = round_data()
    draft_id = new_draft(client, data, tokens["clerk"], "round")
    response = issue(client, draft_id, tokens["vt"], date=data["report"]["date"])
    assert response.status_code == 201, response.get_json()
    documents = response.get_json()["documents"]
    assert len({d["batch"] for d in documents}) == 1
    assert [d["number"] for d in documents] == list(range(2, 2 + len(documents)))
    types = [d["type"] for d in documents]
    assert "bien_ban_tiep_xuc" not in types  # the Front committee's minutes are not the council's
    assert types.count("cong_van_chuyen") >= 2 and "bao_cao_tong_hop" in types
    letter = next(d for d in documents if d["type"] == "cong_van_chuyen")
    lines = paragraphs(client.get(f"/api/v1/register/{letter['id']}/file").data)
    assert f"Số: {letter['number']:02d}/{letter['symbol']}" in lines


def test_rerender_reproduces_the_text_and_says_what_a_new_template_changes(
    client, tokens, app, plan_data
):
    import templatefiles as tf

    body = issue(
        client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-04-01"
    ).get_json()
    same = client.post(f"/api/v1/register/{body['register_id']}/rerender").get_json()
    assert (
        same["identical"] is True
        and same["differences"] == []
        and same["template_changed"] is False
    )

    store = app.extensions["docgen.templates"].store
    store.add(PLAN, tf.replace("thiết thực", "thực chất"), author="lan", comment="sửa", checks={})
    after = client.post(f"/api/v1/register/{body['register_id']}/rerender").get_json()
    assert after["identical"] is True  # the recorded template still makes the archived text
    assert after["template_changed"] is True
    changed = after["current_template"]["differences"]
    assert any("thực chất" in line and line.startswith("+") for line in changed)
    assert any("thiết thực" in line and line.startswith("-") for line in changed)


def test_the_register_exports_as_xlsx_in_the_decree_30_layout(client, tokens, plan_data):
    from openpyxl import load_workbook

    for day in ("2026-01-06", "2026-02-10"):
        issue(client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date=day)
    entry = client.get("/api/v1/register").get_json()[0]
    client.post(
        f"/api/v1/register/{entry['id']}/cancel",
        json={"reason": "Sai nơi nhận"},
        headers=bearer(tokens["vt"]),
    )
    response = client.get(f"/api/v1/register/export?format=xlsx&year=2026&issuer={ISSUER}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert values[:7] == [
        ["HĐND XÃ BIÊN SƠN"],
        ["THƯỜNG TRỰC"],
        ["SỔ ĐĂNG KÝ VĂN BẢN ĐI"],
        ["Năm: 2026"],
        ["Từ ngày 06/01/2026 đến ngày 10/02/2026"],
        ["Từ số 01 đến số 02"],
        ["Quyển số: 01"],
    ]
    header = next(i for i, row in enumerate(values) if row and row[0] == "Số, ký hiệu văn bản")
    assert len(values[header]) == 10 and values[header + 1] == [f"({n})" for n in range(1, 11)]
    first, second = values[header + 2], values[header + 3]
    assert first[:2] == ["01/KH-HĐND", "06/01/2026"] and "Sai nơi nhận" in first[-1]
    assert second[:2] == ["02/KH-HĐND", "10/02/2026"]


def test_a_draft_survives_a_restart(database_url, tmp_path, plan_data):
    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "a"), "DATABASE_URL": database_url}
    first = create_app(config).test_client()
    draft_id = first.post("/api/v1/drafts", json={"type": PLAN, "data": {"year": 2026}}).get_json()[
        "id"
    ]
    first.put(
        f"/api/v1/drafts/{draft_id}", json={"data": {"year": 2027, "issuer": plan_data["issuer"]}}
    )
    # Another instance (another machine's folder), the same database.
    again = create_app({**config, "INSTANCE_PATH": str(tmp_path / "b")}).test_client()
    got = again.get(f"/api/v1/drafts/{draft_id}").get_json()
    assert got["data"] == {"year": 2027, "issuer": plan_data["issuer"]}


def test_a_draft_can_be_duplicated(client, tokens):
    draft_id = new_draft(client, round_data(), tokens["clerk"], "round", title="Đợt 1")
    copy_ = client.post(f"/api/v1/drafts/{draft_id}/duplicate", headers=bearer(tokens["clerk"]))
    assert copy_.status_code == 201
    body = copy_.get_json()
    assert (
        body["id"] != draft_id
        and body["data"] == round_data()
        and body["title"] == "Đợt 1 (bản sao)"
    )


def test_pdfs_of_the_archive_and_the_register_are_real_and_kept(client, tokens, plan_data, soffice):
    from pypdf import PdfReader

    body = issue(
        client, new_draft(client, plan_data, tokens["clerk"]), tokens["vt"], date="2026-01-06"
    ).get_json()
    first = client.get(f"/api/v1/register/{body['register_id']}/file?format=pdf")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert "Số: 01/KH-HĐND" in PdfReader(io.BytesIO(first.data)).pages[0].extract_text()
    # Made once, then kept: the same bytes again (a second conversion would differ in its dates).
    assert client.get(f"/api/v1/register/{body['register_id']}/file?format=pdf").data == first.data
    entry = client.get(f"/api/v1/register/{body['register_id']}").get_json()
    assert entry["formats"] == ["docx", "pdf"]

    export = client.get(f"/api/v1/register/export?format=pdf&year=2026&issuer={ISSUER}")
    assert export.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(export.data)).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "Năm: 2026" in text
    flat = " ".join(text.split())  # cells wrap their lines
    assert "01/KH-HĐND" in flat.replace("- ", "-") and "Hoàng Văn Đức" in flat
    assert all(f"({n})" in flat for n in range(1, 11))
