"""The round through its doors: `docgen round` and POST /api/v1/rounds[/check]."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from conftest import FIXTURES, load_fixture
from docxtext import paragraphs
from pdfcheck import pdf_text
from pypdf import PdfReader
from roundkit import doc, meeting, petition, raw_round

from docgen.cli import main

URL = "/api/v1/rounds"


def warned_round() -> dict:
    """A round with a late schedule, a late report and a commune nobody met."""
    return raw_round(
        meetings=[
            meeting("m0", "Biên Sơn", "2020-12-01T08:00"),
            meeting("m1", "Biên Động", "2020-12-02T08:00"),
            meeting("m2", "Tân Hoa", "2020-12-03T08:00"),
        ],
        petitions=[
            petition("p1", "m0", "huyen", "UBND huyện Lục Ngạn", field="dat_dai"),
            petition("p2", "m1", "xa", "UBND xã Biên Động", field="giao_thong_xay_dung"),
            petition("p3", "m2", "tinh", "UBND tỉnh Bắc Giang", matter="v", field="nong_nghiep"),
            petition("p4", "m0", "tinh", "UBND tỉnh Bắc Giang", matter="v", field="nong_nghiep"),
        ],
        schedule=doc("2020-12-10"),
        report=doc("2020-12-15"),
    )


WARNED_CODES = ["schedule_late", "schedule_notice_late", "sub_unit_without_meeting", "report_late"]


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- CLI


def test_cli_writes_documents_and_manifest_and_prints_warnings(runner, tmp_path):
    source = write_json(tmp_path / "round.json", warned_round())
    out = tmp_path / "out"
    result = runner.invoke(main, ["round", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [w["code"] for w in manifest["warnings"]] == WARNED_CODES
    for warning in manifest["warnings"]:
        assert f"Cảnh báo: {warning['message']}" in result.stderr
    assert "hạn gửi báo cáo là ngày 10 tháng 12 năm 2020" in result.stderr  # round end 5/12 + 5
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted([d["file"] for d in manifest["documents"]] + ["manifest.json"])
    assert [(d["file"], d["for"], d["petitions"]) for d in manifest["documents"]] == [
        (
            "01 Thông báo lịch tiếp xúc cử tri.docx",
            "Các Tổ đại biểu HĐND huyện Lục Ngạn và cử tri",
            [],
        ),
        ("02 Biên bản xã Biên Sơn 2020-12-01.docx", "xã Biên Sơn", ["p1", "p4"]),
        ("03 Biên bản xã Biên Động 2020-12-02.docx", "xã Biên Động", ["p2"]),
        ("04 Biên bản xã Tân Hoa 2020-12-03.docx", "xã Tân Hoa", ["p3"]),
        (
            "05 Báo cáo tổng hợp ý kiến cử tri.docx",
            "TT HĐND",
            ["p1", "p4", "p3"],
        ),
        ("06 Công văn chuyển UBND huyện Lục Ngạn.docx", "UBND huyện Lục Ngạn", ["p1"]),
        (
            "07 Công văn chuyển Thường trực HĐND tỉnh Bắc Giang.docx",
            "Thường trực HĐND tỉnh Bắc Giang",
            ["p4", "p3"],
        ),
        (
            "08 Công văn chuyển TT HĐND và UBND xã Biên Động.docx",
            "Thường trực HĐND và UBND xã Biên Động",
            ["p2"],
        ),
    ]
    assert manifest["counts"]["opinions"] == 4 and manifest["counts"]["items"] == 3
    report = paragraphs((out / "05 Báo cáo tổng hợp ý kiến cử tri.docx").read_bytes())
    assert any("cử tri xã Biên Sơn, xã Tân Hoa" in p for p in report)  # merged, both places


def test_cli_refuses_an_invalid_round_naming_the_field(runner, tmp_path):
    case = json.loads((FIXTURES / "invalid" / "round.unknown_meeting.json").read_text("utf-8"))
    source = write_json(tmp_path / "bad.json", case["data"])
    out = tmp_path / "out"
    result = runner.invoke(main, ["round", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "petitions.1.meeting" in result.stderr
    assert not out.exists()


def test_cli_check_prints_routing_and_warnings_without_writing(runner, tmp_path):
    source = write_json(tmp_path / "round.json", warned_round())
    result = runner.invoke(main, ["round", str(source), "--check"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [w["code"] for w in summary["warnings"]] == WARNED_CODES
    assert summary["counts"]["report_items"] == 2
    assert [x["recipient"] for x in summary["letters"]][-1] == (
        "Thường trực HĐND và UBND xã Biên Động"
    )


def test_cli_needs_an_output_folder_unless_checking(runner, tmp_path):
    source = write_json(tmp_path / "round.json", warned_round())
    result = runner.invoke(main, ["round", str(source)])
    assert result.exit_code == 2 and "--output" in result.output


@pytest.mark.soffice
def test_cli_pdf_every_document_opens_in_libreoffice(runner, tmp_path, soffice):
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["round", str(FIXTURES / "round_xa_2026.json"), "-o", str(out), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "pdf" and len(manifest["documents"]) == 11
    for entry in manifest["documents"]:
        assert entry["file"].endswith(".pdf") and "error" not in entry
        text = pdf_text((out / entry["file"]).read_bytes())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        if entry["type"] == "cong_van_chuyen":
            assert entry["for"] in " ".join(text.split())


# --- API


def test_api_zip_holds_the_documents_manifest_and_warnings_header(client):
    response = client.post(URL, json=warned_round())
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/zip"
    header = response.headers["X-Docgen-Warnings"]
    assert header.isascii()
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    manifest = json.loads(archive.read("manifest.json"))
    assert json.loads(header) == manifest["warnings"]
    assert [w["code"] for w in manifest["warnings"]] == WARNED_CODES
    assert sorted(archive.namelist()) == sorted(
        [d["file"] for d in manifest["documents"]] + ["manifest.json"]
    )
    assert response.headers["X-Docgen-Documents"] == "8"
    assert "filename*=UTF-8''Ti%E1%BA%BFp" in response.headers["Content-Disposition"]


def test_api_check_returns_routing_and_warnings_as_json(client):
    response = client.post(URL + "/check", json=warned_round())
    assert response.status_code == 200
    body = response.get_json()
    assert [w["code"] for w in body["warnings"]] == WARNED_CODES
    assert json.loads(response.headers["X-Docgen-Warnings"]) == body["warnings"]
    assert body["counts"]["meetings"] == 3
    assert [d["type"] for d in body["planned"]].count("cong_van_chuyen") == 3


def test_api_without_warnings_sends_an_empty_list(client):
    response = client.post(URL + "/check", json=load_fixture("round_xa_2026.json"))
    assert response.status_code == 200
    assert response.headers["X-Docgen-Warnings"] == "[]"


@pytest.mark.parametrize("path", [URL, URL + "/check"])
def test_api_refuses_an_invalid_round_with_the_fields(client, path):
    case = json.loads((FIXTURES / "invalid" / "round.bad_field.json").read_text("utf-8"))
    response = client.post(path, json=case["data"])
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == set(case["expected_fields"])


def test_api_round_needs_json(client):
    response = client.post(URL, data="x", content_type="text/plain")
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "unsupported_media_type"


def test_api_round_refuses_an_unknown_format(client):
    response = client.post(URL + "?format=docx", json=warned_round())
    assert response.status_code == 422
    assert "?format" in response.get_json()["error"]["fields"]


@pytest.mark.soffice
def test_api_pdf_is_one_merged_print_ready_file(client, soffice):
    response = client.post(URL + "?format=pdf", json=load_fixture("round_luc_ngan.json"))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Docgen-Warnings"] == "[]"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) >= 34
    text = " ".join(pdf_text(response.data).split())
    assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 34
    assert "Số: 30/BC-HĐND" in text
    assert "Kính gửi: - Thường trực HĐND xã Kiên Lao; - UBND xã Kiên Lao." in text


# --- yearly coverage


def _half_met_rounds() -> list[dict]:
    first = raw_round(meetings=[meeting("a", "Biên Sơn", "2020-12-02T08:00")])
    second = raw_round(
        meetings=[
            meeting("b", "Biên Động", "2020-12-02T08:00"),
            meeting("c", "Tân Hoa", "2020-12-03T08:00"),
        ]
    )
    return [first, second]


def test_cli_coverage_warns_about_places_no_round_reached(runner, tmp_path):
    paths = [str(write_json(tmp_path / f"r{i}.json", r)) for i, r in enumerate(_half_met_rounds())]
    result = runner.invoke(main, ["coverage", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Cảnh báo: Năm 2020, đại biểu HĐND huyện Lục Ngạn chưa tiếp xúc cử tri xã Kiên Lao trong "
        "đợt nào (02 đợt); mỗi năm phải tiếp xúc cử tri nơi ứng cử ít nhất một lần."
    ]


def test_cli_coverage_refuses_an_invalid_round(runner, tmp_path):
    bad = write_json(tmp_path / "bad.json", {**raw_round(), "timing": "giua"})
    result = runner.invoke(main, ["coverage", str(bad)])
    assert result.exit_code == 2 and "timing" in result.stderr


def test_api_coverage_returns_the_warnings(client):
    response = client.post(URL + "/coverage", json={"rounds": _half_met_rounds()})
    assert response.status_code == 200
    body = response.get_json()
    assert [w["data"]["sub_unit"] for w in body["warnings"]] == ["Kiên Lao"]
    assert json.loads(response.headers["X-Docgen-Warnings"]) == body["warnings"]


def test_api_coverage_names_the_bad_field_inside_the_list(client):
    rounds = _half_met_rounds()
    rounds[1]["meetings"][0]["sub_unit"] = "Nơi khác"
    response = client.post(URL + "/coverage", json={"rounds": rounds})
    assert response.status_code == 422
    assert "rounds.1.meetings.0.sub_unit" in response.get_json()["error"]["fields"]


# --- PDF failures: nothing produced is lost


def _half_converted(service, docx, **_):
    """A converter that loses the report's PDF, as a crashed LibreOffice would."""
    return {name: b"%PDF-1.4 fake" for name in docx if "Báo cáo" not in name}


def test_cli_keeps_the_docx_of_a_document_whose_pdf_failed_and_exits_1(
    runner, tmp_path, monkeypatch
):
    from docgen import conversion, round_output

    monkeypatch.setattr(round_output, "convert_all", _half_converted)
    monkeypatch.setattr(conversion, "set_pdf_metadata", lambda pdf, **_: pdf)
    source = write_json(tmp_path / "round.json", warned_round())
    out = tmp_path / "out"
    result = runner.invoke(main, ["round", str(source), "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    failed = [d for d in manifest["documents"] if "error" in d]
    assert [d["file"] for d in failed] == ["05 Báo cáo tổng hợp ý kiến cử tri.docx"]
    assert (out / "05 Báo cáo tổng hợp ý kiến cử tri.docx").read_bytes()[:2] == b"PK"
    assert (out / "06 Công văn chuyển UBND huyện Lục Ngạn.pdf").exists()
    assert "Lỗi: 05 Báo cáo tổng hợp ý kiến cử tri.docx" in result.stderr


def test_api_merged_pdf_with_a_failed_document_is_502(client, monkeypatch):
    from docgen import conversion, round_output

    monkeypatch.setattr(round_output, "convert_all", _half_converted)
    monkeypatch.setattr(conversion, "set_pdf_metadata", lambda pdf, **_: pdf)
    response = client.post(URL + "?format=pdf", json=warned_round())
    assert response.status_code == 502
    assert "Báo cáo tổng hợp" in response.get_json()["error"]["message"]


def test_api_pdf_without_libreoffice_is_503_and_zip_still_works(tmp_path, monkeypatch):
    from docgen import create_app

    monkeypatch.setenv("PATH", str(tmp_path))
    app = create_app(
        {"TESTING": True, "SOFFICE": str(tmp_path / "missing"), "INSTANCE_PATH": str(tmp_path)}
    )
    client = app.test_client()
    response = client.post(URL + "?format=pdf", json=warned_round())
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "pdf_unavailable"
    assert client.post(URL, json=warned_round()).status_code == 200


def _blank_pdfs(service, docx, **_):
    """A converter that makes a one-page blank PDF of each document (no LibreOffice)."""
    from pypdf import PdfWriter

    out = {}
    for name in docx:
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        buffer = io.BytesIO()
        writer.write(buffer)
        out[name] = buffer.getvalue()
    return out


def test_api_accept_pdf_asks_for_the_merged_pdf(client, monkeypatch):
    from docgen import round_output

    monkeypatch.setattr(round_output, "convert_all", _blank_pdfs)
    response = client.post(URL, json=warned_round(), headers={"Accept": "application/pdf"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 8
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith(".pdf")


def test_warnings_header_stays_small_and_says_how_many_it_left_out(client):
    units = tuple(f"Thôn {i}" for i in range(120))
    data = raw_round(meetings=[meeting("m", units[0], "2020-12-04T08:00")], units=units)
    response = client.post(URL + "/check", json=data)
    assert len(response.get_json()["warnings"]) == 119
    header = response.headers["X-Docgen-Warnings"]
    assert header.isascii() and len(header) <= 6000
    kept = json.loads(header)
    assert set(kept[0]) == {"code", "data"}  # messages dropped first
    assert len(kept) + int(response.headers["X-Docgen-Warnings-Omitted"]) == 119
