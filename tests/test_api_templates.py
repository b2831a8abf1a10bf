"""The REST door to the templates: Bearer tokens, upload with checks and confirmation, rollback."""

from __future__ import annotations

import io

import pytest
import templatefiles as tf
from docxtext import paragraphs

from docgen import provenance

BASE = f"/api/v1/templates/{tf.PLAN_TYPE}"


@pytest.fixture
def token(app) -> str:
    accounts = app.extensions["docgen.accounts"]
    accounts.add("lan", "mat-khau-dai", ["can_bo_mau"])
    return accounts.new_token("lan")


@pytest.fixture
def fast(app, monkeypatch):
    """No PDF preview: these tests are about the API, LibreOffice is tested elsewhere."""
    monkeypatch.setattr(type(app.extensions["docgen.templates"]), "_to_pdf", lambda self: None)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def upload(client, token, content: bytes, **form):
    data = {"file": (io.BytesIO(content), "mau.docx"), **form}
    return client.post(BASE, data=data, headers=auth(token), content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/templates"),
        ("get", f"{BASE}/current.docx"),
        ("get", f"{BASE}/versions"),
        ("post", BASE),
        ("post", f"{BASE}/rollback"),
        ("post", f"{BASE}/validate"),
    ],
)
@pytest.mark.parametrize(
    "header", [None, "Bearer wrong-token", "Basic bGFuOnNlY3JldA==", "Bearer "]
)
def test_without_a_valid_token_401(client, token, method, path, header):
    headers = {"Authorization": header} if header else {}
    response = getattr(client, method)(path, headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_document_generation_stays_open_by_default(client, plan_data):
    assert client.post(f"/api/v1/documents/{tf.PLAN_TYPE}", json=plan_data).status_code == 200


def test_document_generation_can_require_auth(tmp_path, plan_data):
    from docgen import create_app

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "REQUIRE_AUTH_FOR_DOCUMENTS": True}
    )
    app.extensions["docgen.accounts"].add("lan", None, ["can_bo_mau"])
    token = app.extensions["docgen.accounts"].new_token("lan")
    client = app.test_client()
    url = f"/api/v1/documents/{tf.PLAN_TYPE}"
    assert client.post(url, json=plan_data).status_code == 401
    assert client.post(url, json=plan_data, headers=auth(token)).status_code == 200


def test_list_download_and_history(client, token):
    listed = client.get("/api/v1/templates", headers=auth(token)).json
    plan = next(t for t in listed if t["type_id"] == tf.PLAN_TYPE)
    assert plan["active"]["version"] == 0 and plan["active"]["shipped"]
    current = client.get(f"{BASE}/current.docx", headers=auth(token))
    assert current.status_code == 200 and current.data == tf.PLAN.read_bytes()
    assert current.headers["X-Docgen-Template-Version"] == "0"
    versions = client.get(f"{BASE}/versions", headers=auth(token)).json
    assert [v["version"] for v in versions] == [0]


def test_upload_then_generate_then_rollback(client, token, fast, plan_data):
    response = upload(client, token, tf.replace("thiết thực", "thực chất"), comment="đổi chữ")
    assert response.status_code == 201, response.json
    assert response.json["version"]["version"] == 1
    assert response.json["version"]["author"] == "lan"
    assert response.json["report"]["ok"] is True

    doc = client.post(f"/api/v1/documents/{tf.PLAN_TYPE}", json=plan_data)
    assert "thực chất" in "\n".join(paragraphs(doc.data))
    assert provenance.read(doc.data).template_version == 1

    back = client.post(f"{BASE}/rollback", json={"version": 0}, headers=auth(token))
    assert back.status_code == 200 and back.json["active"] is True
    doc = client.post(f"/api/v1/documents/{tf.PLAN_TYPE}", json=plan_data)
    assert "thiết thực" in "\n".join(paragraphs(doc.data))
    assert provenance.read(doc.data).template_version == 0


def test_an_error_refuses_with_the_findings(client, token, fast):
    response = upload(client, token, tf.append("Ngày họp: {{ ngay_hop }}"))
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "template_rejected"
    assert "ngay_hop" in error["fields"]["variable"][0]
    assert error["report"]["findings"][0]["where"] == "Ngày họp: {{ ngay_hop }}"
    assert [v["version"] for v in client.get(f"{BASE}/versions", headers=auth(token)).json] == [0]


def test_warnings_need_confirm(client, token, fast):
    content = tf.replace("{{ signer.name }}", "Nguyễn Thu Hường")
    response = upload(client, token, content)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "confirmation_required"
    assert "signer.name" in response.json["error"]["fields"]["unused"][0]
    confirmed = upload(client, token, content, confirm="true", comment="ký tay")
    assert confirmed.status_code == 201
    assert confirmed.json["report"]["warnings"] == 1


def test_validate_does_not_activate(client, token, fast):
    data = {"file": (io.BytesIO(tf.append("{{ ''.__class__ }}")), "x.docx")}
    response = client.post(f"{BASE}/validate", data=data, headers=auth(token))
    assert response.status_code == 200
    assert response.json["ok"] is False
    assert response.json["findings"][0]["check"] == "security"
    data = {"file": (io.BytesIO(tf.PLAN.read_bytes()), "x.docx")}
    assert client.post(f"{BASE}/validate", data=data, headers=auth(token)).json["ok"] is True
    assert len(client.get(f"{BASE}/versions", headers=auth(token)).json) == 1


def test_bad_requests(client, token):
    assert client.post(BASE, headers=auth(token)).status_code == 422  # no file
    assert (
        client.post(f"{BASE}/rollback", json={"version": 7}, headers=auth(token)).status_code == 404
    )
    assert (
        client.post(f"{BASE}/rollback", json={"version": -1}, headers=auth(token)).status_code
        == 422
    )
    assert client.get("/api/v1/templates/khong_co/versions", headers=auth(token)).status_code == 404


def test_the_openapi_document_declares_bearer_auth(client):
    spec = client.get("/api/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/api/v1/templates/{type_id}/rollback" in spec["paths"]


def test_decree_30_errors_refuse_and_warnings_need_confirm(client, token, fast):
    refused = upload(client, token, tf.set_font_everywhere("Arial"))
    assert refused.status_code == 422
    assert "Times New Roman" in refused.json["error"]["fields"]["decree30"][0]
    coloured = tf.recolour("thiết thực")
    assert upload(client, token, coloured).status_code == 409
    accepted = upload(client, token, coloured, confirm="true")
    assert accepted.status_code == 201
    assert accepted.json["report"]["findings"][0]["rule"] == "font.color"


def test_the_preview_is_kept_with_the_version(app, client, token, monkeypatch):
    admin = type(app.extensions["docgen.templates"])
    monkeypatch.setattr(admin, "_to_pdf", lambda self: lambda docx: b"%PDF-1.7 preview")
    response = upload(client, token, tf.replace("thiết thực", "thực chất"))
    assert response.json["version"]["has_preview"] is True
    preview = client.get(f"{BASE}/versions/1/preview.pdf", headers=auth(token))
    assert preview.status_code == 200 and preview.data == b"%PDF-1.7 preview"
    assert preview.mimetype == "application/pdf"
    assert client.get(f"{BASE}/versions/0/preview.pdf", headers=auth(token)).status_code == 404
    old = client.get(f"{BASE}/versions/0.docx", headers=auth(token))
    assert old.data == tf.PLAN.read_bytes()


def test_changing_templates_needs_the_can_bo_mau_role(app, client):
    """A clerk's or văn thư's token reads templates but cannot upload or roll back (403)."""
    accounts = app.extensions["docgen.accounts"]
    accounts.add("hoa", None, ["van_thu", "chuyen_vien"])
    headers = {"Authorization": f"Bearer {accounts.new_token('hoa')}"}
    plan = "ke_hoach_tiep_xuc"
    assert client.get(f"/api/v1/templates/{plan}/current.docx", headers=headers).status_code == 200
    shipped = client.get(f"/api/v1/templates/{plan}/current.docx", headers=headers).data
    upload = client.post(
        f"/api/v1/templates/{plan}",
        headers=headers,
        data={"file": (io.BytesIO(shipped), "mau.docx"), "comment": "thử"},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403
    assert upload.get_json()["error"]["code"] == "forbidden"
    assert "can_bo_mau" in upload.get_json()["error"]["message"]
    back = client.post(f"/api/v1/templates/{plan}/rollback", headers=headers, json={"version": 0})
    assert back.status_code == 403
    assert len(app.extensions["docgen.templates"].store.versions(plan)) == 1
