"""Inputs that used to answer 500 or be silently altered: each refused with 400 or 422 naming
the field, or accepted as meant (issue 12)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conftest import load_fixture

from docgen.naming import MAX_NAME_BYTES, content_disposition, safe_filename, shorten

PLAN = "/api/v1/documents/ke_hoach_tiep_xuc"


def post(client, url: str, body: Any):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def changed(fixture: str, path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(load_fixture(fixture))
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = value
    return data


@pytest.mark.parametrize(
    ("fixture", "url", "path", "value", "field"),
    [
        ("ke_hoach_tiep_xuc.json", PLAN, "number", 7.9, "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "number", True, "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "number", "١٢", "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "number", "１２", "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "number", "1_0", "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "number", "12", "number"),
        ("ke_hoach_tiep_xuc.json", PLAN, "year", 10**40, "year"),
        ("ke_hoach_tiep_xuc.json", PLAN, "date", "0001-01-01", "date"),
        ("ke_hoach_tiep_xuc.json", PLAN, "date", "9999-12-31", "date"),
        ("ke_hoach_tiep_xuc.json", PLAN, "issuer.unit_name", " \u202e\u200b ", "issuer.unit_name"),
        ("round_luc_ngan.json", "/api/v1/rounds", "session.term_start", 2030, "session.term_end"),
        (
            "round_luc_ngan.json",
            "/api/v1/rounds/check",
            "session.term_start",
            2030,
            "session.term_end",
        ),
        ("round_luc_ngan.json", "/api/v1/rounds", "session.opens", "0001-01-01", "session.opens"),
        (
            "round_luc_ngan.json",
            "/api/v1/rounds/check",
            "meetings.0.voters",
            10**30,
            "meetings.0.voters",
        ),
        (
            "round_luc_ngan.json",
            "/api/v1/rounds/check",
            "meetings.0.start",
            "1900-11-30T07:30",
            "meetings.0.start",
        ),
    ],
)
def test_bad_values_are_422_naming_the_field(client, fixture, url, path, value, field):
    response = post(client, url, changed(fixture, path, value))
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert field in response.get_json()["error"]["fields"], response.get_json()


@pytest.mark.parametrize(
    ("fixture", "type_id"),
    [
        ("bien_ban_tiep_xuc.json", "bien_ban_tiep_xuc"),
        ("thong_bao_lich_tiep_xuc.json", "thong_bao_lich_tiep_xuc"),
        ("bao_cao_tong_hop.json", "bao_cao_tong_hop"),
        ("cong_van_chuyen.json", "cong_van_chuyen"),
    ],
)
def test_a_term_ending_before_it_starts_is_422_for_every_type(client, fixture, type_id):
    data = copy.deepcopy(load_fixture(fixture))
    session = data.get("session")
    if session is None:
        pytest.skip(f"{type_id} has no session")
    session["term_start"], session["term_end"] = session["term_end"], session["term_start"]
    response = post(client, f"/api/v1/documents/{type_id}", data)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert "session.term_end" in response.get_json()["error"]["fields"]


def test_a_meeting_time_with_an_offset_is_read_as_vietnam_time(client):
    data = load_fixture("round_luc_ngan.json")
    plain = post(client, "/api/v1/rounds/check", data).get_json()
    data["meetings"][0]["start"] = "2020-11-30T00:30:00Z"  # 07:30 in Vietnam
    data["meetings"][0]["end"] = "2020-11-30T11:00:00+07:00"
    response = post(client, "/api/v1/rounds/check", data)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == plain


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "trống"),
        (b"   ", "trống"),
        (b"[" * 600 + b"]" * 600, "lồng nhau quá sâu"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "lồng nhau quá sâu"),
        (b'{"number": ' + b"9" * 5000 + b"}", "số nguyên quá dài"),
        (b'{"number": 1', "không phải JSON"),
        (b"\xff\xfe{}", "không phải JSON"),
    ],
    ids=["empty", "blank", "deep-list", "deep-object", "huge-int", "truncated", "bad-utf8"],
)
def test_malformed_bodies_are_400(client, body, words):
    response = client.post(PLAN, data=body, content_type="application/json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "malformed_request" and words in error["message"], error


def test_format_controls_never_reach_documents_or_file_names(client):
    data = changed("cong_van_chuyen.json", "issuer.unit_name", "Lục\u202egnp.exe\u200b Ngạn")
    response = post(client, "/api/v1/documents/cong_van_chuyen", data)
    assert response.status_code == 200
    header = response.headers["Content-Disposition"]
    assert "%E2%80%AE" not in header and "\u202e" not in header


@pytest.mark.parametrize(
    "stem", ["Công văn chuyển " + "UBND xã Biên Sơn, " * 40, "a" * 400, "Ư" * 300]
)
def test_download_names_fit_255_bytes_in_both_forms(stem):
    name = safe_filename(stem)
    assert len(name.encode("utf-8")) <= 200
    header = content_disposition(f"{name}.docx")
    fallback = header.split('filename="')[1].split('"')[0]
    assert fallback.endswith(".docx") and len(fallback.encode()) <= MAX_NAME_BYTES
    from urllib.parse import unquote

    utf8 = unquote(header.split("UTF-8''")[1])
    assert utf8.endswith(".docx") and len(utf8.encode("utf-8")) <= MAX_NAME_BYTES


def test_shortening_never_splits_a_letter():
    text = "Nghị quyết " * 40
    for size in range(20, 60):
        cut = shorten(text, size)
        assert len(cut.encode()) <= size and cut.endswith("…")
        cut.encode("utf-8")


def test_a_long_letter_name_downloads(client):
    """A letter to many communes: its name used to pass 255 bytes and answer 500."""
    data = load_fixture("cong_van_chuyen.json")
    data["addressees"] = [f"UBND xã Số {i} có tên rất dài" for i in range(40)]
    response = post(client, "/api/v1/documents/cong_van_chuyen", data)
    assert response.status_code in (200, 422), response.get_data(as_text=True)[:300]
    if response.status_code == 200:
        assert len(response.headers["Content-Disposition"]) < 2000


def test_405_says_which_methods_in_vietnamese(client):
    response = client.put("/api/v1/rounds")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"POST"}
    assert "không nhận phương thức PUT" in response.get_json()["error"]["message"]


def test_the_session_cookie_is_samesite_lax(app):
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
