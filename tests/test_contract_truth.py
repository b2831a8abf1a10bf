"""The published contract tells the truth: a valid OpenAPI 3.0 document, every answer described,
and every error code of the API caused through the HTTP layer and checked against the schema."""

from __future__ import annotations

import dataclasses
import io
import json
import stat
from pathlib import Path

import jsonschema
import pytest
import templatefiles as tf
from conftest import load_fixture
from openapi_spec_validator import validate

from docgen import contracts, create_app, rendering

PLAN = "/api/v1/documents/ke_hoach_tiep_xuc"
TEMPLATES = f"/api/v1/templates/{tf.PLAN_TYPE}"


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


def test_the_served_document_is_valid_openapi(spec):
    validate(spec)  # openapi-spec-validator: raises on the first violation


def test_every_answer_is_described_and_there_is_no_catch_all(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert "default" not in responses, (method, path)
            assert any(code.startswith("2") for code in responses), (method, path)
            for code, answer in responses.items():
                if code == "204":  # No Content: there is no body to describe
                    assert not answer.get("content"), (method, path)
                    continue
                assert answer.get("content"), (method, path, code)  # a schema for every answer
                if int(code) >= 400 and path != "/healthz":  # its 503 is its own state
                    (media,) = answer["content"].values()
                    assert media["schema"] == {"$ref": "#/components/schemas/DocgenError"}


def test_text_and_counts_carry_their_rules(spec):
    schemas = spec["components"]["schemas"]
    unit_name = schemas["Issuer"]["properties"]["unit_name"]
    assert unit_name["minLength"] == 1 and unit_name["pattern"] == "\\S"
    assert schemas["Meeting"]["properties"]["group"]["maximum"] == 10**9
    assert schemas["Plan"]["properties"]["date"]["pattern"].startswith("^(19")
    assert "term" in " ".join(schemas["Session"]["x-cross-field-rules"])


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def _app(tmp_path: Path, **config):
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), **config})


def _token(app) -> dict[str, str]:
    accounts = app.extensions["docgen.accounts"]
    accounts.add("lan", "mat-khau-dai", ["can_bo_mau"])
    return {"Authorization": f"Bearer {accounts.new_token('lan')}"}


def _upload(client, headers, content: bytes):
    data = {"file": (io.BytesIO(content), "mau.docx")}
    return client.post(TEMPLATES, data=data, headers=headers, content_type="multipart/form-data")


def cause(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One request that answers `code`, made the way a client would."""
    plan = load_fixture("ke_hoach_tiep_xuc.json")
    if code == "pdf_unavailable":
        monkeypatch.setenv("PATH", str(tmp_path))
        app = _app(tmp_path, SOFFICE=str(tmp_path / "missing"))
        return app.test_client().post(PLAN + "?format=pdf", json=plan)
    if code in ("pdf_failed", "pdf_timeout"):
        body = "sleep 30\n" if code == "pdf_timeout" else "exit 0\n"
        app = _app(
            tmp_path, SOFFICE=_fake_soffice(tmp_path, body), CONVERSION_TIMEOUT=1.0, POOL=False
        )
        return app.test_client().post(PLAN + "?format=pdf", json=plan)
    if code == "pdf_busy":  # the pool's full waiting line: caused for real in test_office_pool
        from docgen import office_pool, service

        class Full:
            def convert(self, *_args, **_kwargs):
                raise office_pool.PoolBusy(retry_after=3)

        monkeypatch.setattr(service.DocumentService, "pool", lambda self: Full())
        return _app(tmp_path).test_client().post(PLAN + "?format=pdf", json=plan)
    if code == "payload_too_large":
        app = _app(tmp_path, MAX_CONTENT_LENGTH=1000)
        return app.test_client().post(PLAN, json=plan)
    app = _app(tmp_path)
    client = app.test_client()
    if code == "malformed_request":
        return client.post(PLAN, data=b"{", content_type="application/json")
    if code == "unsupported_media_type":
        return client.post(PLAN, data=b"x", content_type="text/plain")
    if code == "invalid_data":
        return client.post(PLAN, json={})
    if code == "not_found":
        return client.post("/api/v1/documents/khong_co", json=plan)
    if code == "method_not_allowed":
        return client.delete(PLAN)
    if code == "unauthorized":
        return client.get("/api/v1/templates")
    monkeypatch.setattr(type(app.extensions["docgen.templates"]), "_to_pdf", lambda self: None)
    if code == "template_rejected":
        return _upload(client, _token(app), b"not a docx")
    if code == "confirmation_required":
        return _upload(client, _token(app), tf.replace("{{ signer.name }}", "Nguyễn Thu Hường"))
    if code == "conflict":
        from docgen.errors import Conflict

        def busy(*_args, **_kwargs):
            raise Conflict("Có người khác vừa đổi mẫu này cùng lúc; hãy thử lại.")

        monkeypatch.setattr(type(app.extensions["docgen.templates"].store), "rollback", busy)
        return client.post(f"{TEMPLATES}/rollback", json={"version": 0}, headers=_token(app))
    if code == "render_failed":  # a real limit of the render, made small
        small = dataclasses.replace(rendering.PRODUCTION, output_chars=1000)
        monkeypatch.setattr(rendering, "PRODUCTION", small)
        monkeypatch.setattr(rendering.render_docx, "__defaults__", (None, small))
        return client.post(PLAN, json=plan)
    if code == "internal_error":  # a fault no input can cause: a bug, stood in for

        def broken(*_args, **_kwargs):
            raise RuntimeError("secret internal detail")

        monkeypatch.setattr(type(app.extensions["docgen"]), "render_docx", broken)
        return client.post(PLAN, json=plan)
    raise AssertionError(f"no way to cause {code}")


@pytest.mark.parametrize("code", list(contracts.ERROR_CODES))
def test_every_error_code_through_http_matches_the_schema(code, tmp_path, monkeypatch):
    response = cause(code, tmp_path, monkeypatch)
    status = contracts.ERROR_CODES[code]
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"]["code"] == code
    root = {
        "components": {"schemas": contracts.COMPONENTS},
        "$ref": "#/components/schemas/DocgenError",
    }
    jsonschema.validate(body, root)
    json.dumps(body)
    if code == "method_not_allowed":
        assert "POST" in response.headers["Allow"]
    if code == "pdf_busy":
        assert int(response.headers["Retry-After"]) >= 1
