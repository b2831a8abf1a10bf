"""`docgen check` and POST /api/v1/check: the Decree 30 checker behind both doors."""

from __future__ import annotations

import io
import json

from docx import Document

from docgen.cli import main

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_docx(client, plan_data) -> bytes:
    response = client.post("/api/v1/documents/ke_hoach_tiep_xuc", json=plan_data)
    assert response.status_code == 200
    return response.data


def in_arial(docx: bytes) -> bytes:
    """The same document with its body runs switched to Arial, as a careless edit would."""
    doc = Document(io.BytesIO(docx))
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            run.font.name = "Arial"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_api_check_raw_body_passes_our_plan(client, plan_data):
    response = client.post("/api/v1/check", data=plan_docx(client, plan_data), content_type=DOCX)
    assert response.status_code == 200
    report = response.get_json()
    assert report["ok"] is True and report["errors"] == 0 and report["kind"] == "typed"


def test_api_check_multipart_finds_the_wrong_font(client, plan_data):
    broken = in_arial(plan_docx(client, plan_data))
    response = client.post(
        "/api/v1/check",
        data={"file": (io.BytesIO(broken), "ke-hoach.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    report = response.get_json()
    assert report["ok"] is False
    rules = {f["rule"] for f in report["findings"] if f["severity"] == "error"}
    assert "font.family" in rules
    finding = next(f for f in report["findings"] if f["rule"] == "font.family")
    assert finding["message_vi"] and finding["message_en"] and finding["location"]


def test_api_check_refuses_junk_and_wrong_types(client):
    junk = client.post("/api/v1/check", data=b"not a docx", content_type=DOCX)
    assert junk.status_code == 400
    assert junk.get_json()["error"]["code"] == "malformed_request"
    wrong = client.post("/api/v1/check", data=b"{}", content_type="application/json")
    assert wrong.status_code == 415


def test_api_check_unknown_kind_is_422(client, plan_data):
    response = client.post(
        "/api/v1/check?kind=nghi_quyet", data=plan_docx(client, plan_data), content_type=DOCX
    )
    assert response.status_code == 422
    assert "?kind" in response.get_json()["error"]["fields"]


def test_cli_check_exit_codes(runner, client, plan_data, tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(plan_docx(client, plan_data))
    result = runner.invoke(main, ["check", str(good)])
    assert result.exit_code == 0, result.output
    bad = tmp_path / "bad.docx"
    bad.write_bytes(in_arial(good.read_bytes()))
    result = runner.invoke(main, ["check", "--json", str(bad)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert any(f["rule"] == "font.family" for f in report["findings"])
    result = runner.invoke(main, ["check", "--lang", "en", str(bad)])
    assert result.exit_code == 1 and "font.family" in result.output


def test_cli_check_junk_file_exits_2(runner, tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK junk")
    result = runner.invoke(main, ["check", str(junk)])
    assert result.exit_code == 2
    assert "DOCX" in result.output
