"""The clerks' pages through Flask's test client: forms follow the schemas, errors, uploads, CSRF."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docxtext import paragraphs

from docgen import create_app, documents, forms, sheet_samples
from docgen.schemas.round import RoundSchema

DATA = Path(__file__).parent / "data"
PLAN = "/documents/ke_hoach_tiep_xuc"


class Page(HTMLParser):
    """The inputs, labels and ids of an HTML page (template contents included)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.inputs.append({"tag": tag, **a})
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])


def token(client, url=PLAN) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, url, fields, files=None):
    data = {"csrf_token": token(client, url), **fields}
    for name, (filename, content) in (files or {}).items():
        data[name] = (io.BytesIO(content), filename)
    return client.post(url, data=data, content_type="multipart/form-data")


def plan_fields(plan_data):
    form = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    return forms.data_to_form(form, plan_data)


def test_index_lists_every_type_and_the_round(client):
    html = client.get("/").get_data(as_text=True)
    for doc in documents.REGISTRY.values():
        assert doc.title in html and doc.description in html
        assert f'href="/documents/{doc.id}"' in html
    assert 'href="/round"' in html and "Đợt tiếp xúc cử tri" in html


@pytest.mark.parametrize("url", [f"/documents/{t}" for t in documents.REGISTRY] + ["/round"])
def test_every_page_has_an_input_for_every_schema_field_each_with_a_label(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    schema = RoundSchema if url == "/round" else documents.get(url.rsplit("/", 1)[1]).schema
    names = {
        ".".join("*" if p.isdigit() or p.startswith("__i") else p for p in i["name"].split("."))
        for i in page.inputs
        if i.get("type") != "file"
    }
    assert names == forms.field_paths(forms.build_form(schema))
    for element in page.inputs:
        # A <label for=…>, or (a table cell) its row number and column header by id.
        labelled_by = element.get("aria-labelledby", "").split()
        assert element["id"] in page.labels or (
            len(labelled_by) == 2 and set(labelled_by) <= page.ids
        ), element


def test_a_post_without_the_csrf_token_is_refused_with_the_form_as_typed(client, plan_data):
    response = client.post(PLAN, data={**plan_fields(plan_data), "action": "docx"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "Biểu mẫu đã quá hạn" in text and "CSRF" not in text
    assert 'value="Nguyễn Thu Hường"' in text  # nothing typed is lost
    assert re.search(r'name="csrf_token" value="[^"]+"', text)  # and a fresh token to retry


def test_a_post_to_an_unknown_type_without_a_token_is_a_plain_error_page(client):
    response = client.post("/documents/khong_co", data={"action": "check"})
    assert response.status_code == 400 and "Biểu mẫu đã quá hạn" in response.get_data(as_text=True)


def test_a_token_from_another_session_is_refused(client, app):
    other = app.test_client()
    response = client.post(PLAN, data={"action": "check", "csrf_token": token(other)})
    assert response.status_code == 400


def test_the_api_stays_exempt_from_csrf(client, plan_data):
    response = client.post("/api/v1/documents/ke_hoach_tiep_xuc", json=plan_data)
    assert response.status_code == 200


def test_errors_are_html_for_pages_and_json_for_the_api(client):
    page = client.get("/documents/khong_co")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Không có loại văn bản" in page.get_data(as_text=True)
    api = client.post("/api/v1/documents/khong_co", json={})
    assert api.status_code == 404 and api.get_json()["error"]["code"] == "not_found"


def test_a_mistake_is_shown_next_to_its_field_and_everything_else_kept(client, plan_data):
    fields = plan_fields(plan_data)
    fields["signer.name"] = ""
    fields["legal_bases.1"] = "Căn cứ có dấu chấm ở cuối."
    html = post(client, PLAN, {**fields, "action": "check"}).get_data(as_text=True)
    assert re.search(
        r'<label for="f-signer-name">[^<]*<span class="req" aria-hidden="true">\*</span>'
        r'<span class="sr"> \(bắt buộc\)</span></label>\s*'
        r'<p class="error" id="f-signer-name-err"><span>Thiếu dữ liệu bắt buộc.</span>',
        html,
    )
    assert "Không ghi dấu câu ở cuối căn cứ" in html
    assert 'href="#f-legal_bases-1"' in html  # the summary links to the input
    assert 'value="Lục Ngạn"' in html and "Căn cứ có dấu chấm ở cuối.</textarea>" in html
    assert 'aria-invalid="true"' in html


def test_a_valid_form_downloads_the_docx(client, plan_data):
    response = post(client, PLAN, {**plan_fields(plan_data), "action": "docx"})
    assert response.status_code == 200
    assert response.mimetype == documents_mime("docx")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "KẾ HOẠCH" in paragraphs(response.data)


def documents_mime(fmt):
    from docgen.service import MIMETYPES

    return MIMETYPES[fmt]


def test_a_json_file_fills_the_form(client):
    content = (Path(__file__).parent.parent / "fixtures" / "ke_hoach_tiep_xuc.json").read_bytes()
    html = post(client, PLAN, {"action": "load_json"}, {"json_file": ("kh.json", content)})
    text = html.get_data(as_text=True)
    assert "Đã nạp dữ liệu từ “kh.json”" in text
    assert 'value="Nguyễn Thu Hường"' in text


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("kh.txt", b"{}", "không phải tệp .json"),
        ("kh.json", b"{nope", "không phải JSON hợp lệ (dòng 1, cột 2)"),
        ("kh.json", b"\xff\xfe\x00", "không ở mã UTF-8"),
        ("kh.json", b"[]", "phải là một đối tượng JSON"),
    ],
)
def test_bad_json_files_are_named(client, filename, content, message):
    response = post(client, PLAN, {"action": "load_json"}, {"json_file": (filename, content)})
    assert message in response.get_data(as_text=True)


def test_a_json_file_with_mistakes_shows_them_at_their_fields(client, plan_data):
    plan_data["signer"]["name"] = ""
    plan_data["extra"] = 1
    content = json.dumps(plan_data).encode()
    html = post(client, PLAN, {"action": "load_json"}, {"json_file": ("kh.json", content)})
    text = html.get_data(as_text=True)
    assert 'id="f-signer-name-err"' in text
    # The unknown key, in the summary, as a name in the file and in plain words.
    assert "mục “extra” trong tệp</a>: Mục này không có trong văn bản này" in text


def test_an_upload_above_the_limit_gets_a_vietnamese_page(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "MAX_CONTENT_LENGTH": 2048})
    client = app.test_client()
    response = post(client, PLAN, {"action": "load_json"}, {"json_file": ("a.json", b" " * 4096)})
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "Tệp tải lên quá lớn: giới hạn là 2 KB" in response.get_data(as_text=True)


def test_a_form_with_thousands_of_fields_is_accepted(client, plan_data):
    fields = plan_fields(plan_data)
    fields.update({f"recipients.{i}": f"Nơi nhận {i}" for i in range(7, 3000)})
    response = post(client, PLAN, {**fields, "action": "check"})
    assert response.status_code == 200
    assert ">Nơi nhận 2999</textarea>" in response.get_data(as_text=True)


@pytest.fixture
def round_client(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "FIXTURES_DIR": str(DATA)})
    return app.test_client()


def round_fields(**over):
    data = json.loads((DATA / "round_web.json").read_text(encoding="utf-8"))
    data.update(over)
    return forms.data_to_form(forms.build_form(RoundSchema), data)


def test_the_sample_sheet_fills_the_petitions_of_a_round(round_client):
    sample = round_client.get("/sheets/petitions.xlsx")
    assert sample.status_code == 200
    assert "mau-y-kien-cu-tri-xa.xlsx" in sample.headers["Content-Disposition"]
    fields = {**round_fields(petitions=[]), "action": "load_sheet"}
    response = post(round_client, "/round", fields, {"sheet_file": ("y.xlsx", sample.data)})
    text = response.get_data(as_text=True)
    assert "Đã nạp 3 ý kiến, kiến nghị của cử tri từ “y.xlsx”" in text
    assert 'name="petitions.2.body" value="Bộ Y tế"' in text
    assert 'value="Nguyễn Văn An"' in text  # the rest of the round is kept


def test_the_meetings_sample_fills_the_meetings_of_a_round(round_client):
    sample = round_client.get("/sheets/meetings.csv").data
    fields = {**round_fields(meetings=[]), "action": "load_sheet"}
    response = post(round_client, "/round", fields, {"sheet_file": ("hn.csv", sample)})
    text = response.get_data(as_text=True)
    assert "Đã nạp 2 hội nghị từ “hn.csv”" in text
    assert 'name="meetings.1.start" value="21/11/2026 14:00"' in text  # as a clerk types it


def test_sheet_problems_are_listed_by_row_and_column(round_client):
    content, _ = sheet_samples.sample("petitions", "csv", DATA)
    content = content.replace("Đất đai".encode(), "Đất đaii".encode())
    response = post(
        round_client, "/round", {"action": "load_sheet"}, {"sheet_file": ("y.csv", content)}
    )
    text = response.get_data(as_text=True)
    # The rows are in the table; the bad cell keeps what the sheet said and shows its problem,
    # and the summary names the sheet's row.
    assert "Đã nạp 3 ý kiến" in text and "Có 1 ô cần sửa" in text
    assert 'id="f-petitions-1-field-err"><span>“Đất đaii” không có trong danh sách' in text
    assert '<option value="Đất đaii" selected>Đất đaii</option>' in text
    assert "(dòng 3 trong bảng tính) › Lĩnh vực" in text
    assert 'name="petitions.1.__row__" value="3"' in text


def test_a_spreadsheet_of_another_type_is_refused(round_client):
    response = post(
        round_client, "/round", {"action": "load_sheet"}, {"sheet_file": ("y.xls", b"x")}
    )
    assert "chọn tệp .xlsx (Excel) hoặc .csv" in response.get_data(as_text=True)


def test_a_round_is_checked(round_client):
    response = post(round_client, "/round", {**round_fields(), "action": "check"})
    assert "Dữ liệu hợp lệ" in response.get_data(as_text=True)


HAS_ROUNDS = all(
    importlib.util.find_spec(m) is not None for m in ("docgen.rounds", "docgen.round_output")
)


@pytest.mark.skipif(not HAS_ROUNDS, reason="docgen.rounds (the round's documents) not merged yet")
def test_round_warnings_come_before_the_download(round_client):
    fields = {**round_fields(), "action": "zip"}
    first = post(round_client, "/round", fields)
    assert first.mimetype == "text/html"
    text = first.get_data(as_text=True)
    assert re.search(r"Xem lại những văn bản sẽ tạo và \d+ điểm cần lưu ý", text)
    assert "Chưa có hội nghị tiếp xúc cử tri thôn Khuôn Thần" in text
    assert "Những văn bản sẽ tạo khi tải về" in text and "văn bản." in text
    assert re.search(r"<li>\d\d công văn chuyển ý kiến, kiến nghị của cử tri: gửi ", text)
    seen = re.search(r'name="warnings_seen" value="([0-9a-f]+)"', text).group(1)
    second = post(round_client, "/round", {**fields, "warnings_seen": seen})
    assert second.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(second.data)).namelist()
    assert any("Báo cáo tổng hợp" in n for n in names) and "manifest.json" in names


def test_a_round_reference_error_lands_on_its_field(round_client):
    fields = round_fields()
    fields["petitions.1.meeting"] = "M9"
    text = post(round_client, "/round", {**fields, "action": "check"}).get_data(as_text=True)
    assert 'id="f-petitions-1-meeting-err"><span>Không có hội nghị mã “M9”.' in text


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", ["petitions", "meetings"])
def test_sample_sheets_download(client, kind, ext):
    response = client.get(f"/sheets/{kind}.{ext}")
    assert response.status_code == 200 and response.data


def test_unknown_sample_sheets_are_404(client):
    assert client.get("/sheets/nope.xlsx").status_code == 404
    assert client.get("/sheets/petitions.ods").status_code == 404


def test_previews_are_served_only_by_their_token(client):
    assert client.get("/previews/nothere.pdf").status_code == 404
    assert client.get("/previews/..%2Fsecret_key.pdf").status_code == 404


@pytest.mark.soffice
def test_a_preview_is_embedded_in_the_page(client, plan_data, soffice):
    text = post(client, PLAN, {**plan_fields(plan_data), "action": "preview"}).get_data(
        as_text=True
    )
    url = re.search(r'<iframe src="(/previews/[^"]+\.pdf)"', text).group(1)
    pdf = client.get(url)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_the_archive_line_typed_as_a_recipient_is_refused_saying_where_it_goes(client, plan_data):
    fields = plan_fields(plan_data)
    fields["recipients.7"] = "Lưu: VT"
    text = post(client, PLAN, {**fields, "action": "docx"}).get_data(as_text=True)
    assert 'id="f-recipients-7-err"><span>Không ghi “Lưu: …” ở đây: ghi nơi lưu vào ô “Lưu”' in text


def test_a_refused_choice_names_the_labels_never_the_codes(client, plan_data):
    plan_data["issuer"]["level"] = "quan"
    content = json.dumps(plan_data).encode()
    html = post(client, PLAN, {"action": "load_json"}, {"json_file": ("kh.json", content)})
    text = html.get_data(as_text=True)
    assert "Chọn một trong: Cấp tỉnh, Cấp huyện (trước 01/7/2025), Cấp xã." in text
    assert "tinh, huyen" not in text


def test_the_recipients_of_round_documents_say_they_are_required(round_client):
    html = round_client.get("/round").get_data(as_text=True)
    legend = re.search(r'id="f-letters-recipients".*?<legend>(.*?)</legend>', html, re.S).group(1)
    assert legend.startswith("Nơi nhận") and "(bắt buộc)" in legend
    assert "Nơi nhận thêm" not in html


def test_a_typed_impossible_date_is_refused_and_kept(client, plan_data):
    fields = plan_fields(plan_data)
    assert fields["date"] == "06/01/2021"  # the form shows dates as a clerk writes them
    fields["date"] = "31/02/2021"
    text = post(client, PLAN, {**fields, "action": "docx"}).get_data(as_text=True)
    assert 'name="date" value="31/02/2021"' in text
    assert "“31/02/2021” không phải ngày hợp lệ: tháng 2 năm 2021 chỉ có 28 ngày." in text
    assert "YYYY" not in text


@pytest.mark.skipif(not HAS_ROUNDS, reason="docgen.rounds (the round's documents) not merged yet")
def test_a_round_download_runs_as_a_job_the_page_polls(round_client):
    fields = {**round_fields(), "action": "zip"}
    headers = {"X-Docgen-Job": "1"}
    data = {"csrf_token": token(round_client, "/round"), **fields}
    first = round_client.post("/round", data=data, headers=headers)
    assert first.json == {"resubmit": True}  # the summary and warnings are to be seen first
    seen = re.search(
        r'name="warnings_seen" value="([0-9a-f]+)"', post(round_client, "/round", fields).text
    ).group(1)
    job = round_client.post("/round", data={**data, "warnings_seen": seen}, headers=headers).json
    assert job["total"] >= 3 and job["status"].startswith("/jobs/")
    for _ in range(600):
        state = round_client.get(job["status"]).json
        assert 0 <= state["done"] <= state["total"] == job["total"]
        if state["state"] != "running":
            break
        time.sleep(0.1)
    assert state == {"state": "done", "done": job["total"], "total": job["total"]}
    made = round_client.get(job["file"])
    assert (
        made.mimetype == "application/zip" and "attachment" in made.headers["Content-Disposition"]
    )
    names = zipfile.ZipFile(io.BytesIO(made.data)).namelist()
    assert len([n for n in names if n.endswith(".docx")]) == job["total"]
    assert round_client.get("/jobs/not-a-job-token-at-all").status_code == 404


@pytest.mark.parametrize(
    ("variant", "unit", "has_district"),
    [("xa", "UBND xã Biên Sơn", False), ("tinh", "UBND tỉnh Bắc Ninh", False), ("huyen", "", True)],
)
def test_sample_sheets_for_a_commune_a_province_and_the_archives(
    client, variant, unit, has_district
):
    response = client.get(f"/sheets/petitions.xlsx?cho={variant}")
    assert response.status_code == 200
    assert f"mau-y-kien-cu-tri-{variant}.xlsx" in response.headers["Content-Disposition"]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.data))
    cells = [c for row in book["Du lieu"].iter_rows(values_only=True) for c in row if c]
    choices = [c for row in book["Danh muc"].iter_rows(values_only=True) for c in row if c]
    assert ("Cấp huyện" in choices) is has_district  # no district level after 1 July 2025
    assert not unit or unit in cells
    assert client.get("/sheets/petitions.xlsx?cho=quan").status_code == 404
