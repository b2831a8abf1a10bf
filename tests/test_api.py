"""The REST door: statuses, the one error shape, negotiation, download names."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import FIXTURES, load_fixture

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
URL = "/api/v1/documents/ke_hoach_tiep_xuc"
INVALID = sorted((FIXTURES / "invalid").glob("ke_hoach_tiep_xuc.*.json"))


def assert_error_shape(response, status: int, code: str) -> dict:
    """Every error: {"error": {"status", "code", "message", ["fields"]}}, JSON, never HTML."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) <= {"status", "code", "message", "fields"}
    return error


def test_document_types_lists_the_plan(client):
    response = client.get("/api/v1/document-types")
    assert response.status_code == 200
    types = {t["id"]: t for t in response.get_json()}
    assert types["ke_hoach_tiep_xuc"]["title"] == "Kế hoạch tiếp xúc cử tri"
    assert types["ke_hoach_tiep_xuc"]["endpoint"] == URL
    schema = client.get(types["ke_hoach_tiep_xuc"]["schema_url"])
    assert schema.status_code == 200
    assert schema.get_json()["$id"] == "ke_hoach_tiep_xuc.schema.json"
    assert client.get("/api/v1/schemas/nope.schema.json").status_code == 404


def test_plan_as_docx_with_a_clerk_readable_name(client, plan_data):
    response = client.post(URL, json=plan_data)
    assert response.status_code == 200
    assert response.mimetype == DOCX
    assert response.data[:2] == b"PK"
    disposition = response.headers["Content-Disposition"]
    assert 'filename="Ke hoach 01-KH-HDND ngay 06-01-2021.docx"' in disposition
    utf8 = disposition.split("filename*=UTF-8''")[1]
    assert unquote(utf8) == "Kế hoạch 01-KH-HĐND ngày 06-01-2021.docx"


def test_draft_number_gets_a_draft_name(client, plan_data):
    plan_data["number"] = None
    response = client.post(URL, json=plan_data)
    assert response.status_code == 200
    assert "du-thao-KH-HDND" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("invalid", INVALID, ids=lambda p: p.stem.split(".", 1)[1])
def test_invalid_fixtures_name_their_fields(client, invalid: Path):
    case = json.loads(invalid.read_text(encoding="utf-8"))
    error = assert_error_shape(client.post(URL, json=case["data"]), 422, "invalid_data")
    for field in case["expected_fields"]:
        assert field in error["fields"], (field, error["fields"])
        assert all(isinstance(m, str) and m for m in error["fields"][field])


def test_messages_are_vietnamese(client, plan_data):
    del plan_data["signer"]["name"]
    error = assert_error_shape(client.post(URL, json=plan_data), 422, "invalid_data")
    assert error["fields"] == {"signer.name": ["Thiếu dữ liệu bắt buộc."]}


def test_body_not_an_object(client):
    error = assert_error_shape(client.post(URL, json=[1, 2]), 422, "invalid_data")
    assert error["fields"]


def test_malformed_json_is_400(client):
    response = client.post(URL, data=b'{"issuer": ', content_type="application/json")
    assert_error_shape(response, 400, "malformed_request")


def test_invalid_utf8_is_400(client):
    response = client.post(URL, data=b'{"a": "\xff"}', content_type="application/json")
    assert_error_shape(response, 400, "malformed_request")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(client, plan_data, content_type):
    response = client.post(URL, data=json.dumps(plan_data), content_type=content_type)
    assert_error_shape(response, 415, "unsupported_media_type")


def test_oversized_body_is_413(tmp_path):
    from docgen import create_app

    app = create_app({"TESTING": True, "MAX_CONTENT_LENGTH": 2048, "INSTANCE_PATH": str(tmp_path)})
    data = load_fixture("ke_hoach_tiep_xuc.json")
    data["legal_bases"].append("Căn cứ " + "x" * 5000)
    response = app.test_client().post(URL, json=data)
    assert_error_shape(response, 413, "payload_too_large")


def test_unknown_type_is_404(client, plan_data):
    error = assert_error_shape(
        client.post("/api/v1/documents/quyet_dinh", json=plan_data), 404, "not_found"
    )
    assert "ke_hoach_tiep_xuc" in error["message"]


def test_unknown_format_is_422(client, plan_data):
    error = assert_error_shape(
        client.post(URL + "?format=odt", json=plan_data), 422, "invalid_data"
    )
    assert "?format" in error["fields"]


def test_unknown_path_is_json_404(client):
    assert_error_shape(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_json_405(client):
    assert_error_shape(client.get(URL), 405, "method_not_allowed")


def test_unexpected_failure_is_logged_not_leaked(client, plan_data, monkeypatch, caplog):
    # A fault we cannot cause for real: a bug inside the service.
    from docgen import service

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(service.DocumentService, "render_docx", broken)
    error = assert_error_shape(client.post(URL, json=plan_data), 500, "internal_error")
    assert "secret" not in error["message"]
    assert "secret internal detail" in caplog.text


def test_pdf_unavailable_is_503_and_docx_still_works(tmp_path, plan_data, monkeypatch):
    from docgen import create_app

    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere on PATH
    app = create_app(
        {"TESTING": True, "SOFFICE": str(tmp_path / "missing"), "INSTANCE_PATH": str(tmp_path)}
    )
    client = app.test_client()
    assert_error_shape(client.post(URL + "?format=pdf", json=plan_data), 503, "pdf_unavailable")
    assert client.post(URL + "?format=docx", json=plan_data).status_code == 200


@pytest.mark.soffice
@pytest.mark.parametrize(
    ("query", "accept", "mimetype"),
    [
        ("?format=pdf", None, "application/pdf"),
        ("", "application/pdf", "application/pdf"),
        ("", DOCX, DOCX),
        ("", None, DOCX),
        ("?format=docx", "application/pdf", DOCX),
    ],
)
def test_format_negotiation(client, plan_data, soffice, query, accept, mimetype):
    headers = {"Accept": accept} if accept else {}
    response = client.post(URL + query, json=plan_data, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.data[:4] == (b"%PDF" if mimetype == "application/pdf" else b"PK\x03\x04")


def test_openapi_document_describes_the_plan(client):
    spec = client.get("/api/openapi.json").get_json()
    operation = spec["paths"][URL]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/Plan"
    )
    assert set(operation["responses"]["200"]["content"]) == {DOCX, "application/pdf"}
    plan = spec["components"]["schemas"]["Plan"]
    assert plan["properties"]["year"]["title"] == "Năm của kế hoạch"


def test_interactive_docs_page_works_offline(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert b"/api/docs/static/swagger-ui-bundle.js" in page.data
    asset = client.get("/api/docs/static/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
