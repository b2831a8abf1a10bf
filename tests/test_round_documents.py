"""The round's four documents end to end: fixture → API → DOCX (and PDF), strings in their place."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import FIXTURES, load_fixture
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Length
from docxtext import paragraphs
from pdfcheck import pdf_fonts, pdf_paragraph_text, pdf_text
from pypdf import PdfReader

from docgen import documents, vn

TYPES = ["thong_bao_lich_tiep_xuc", "bien_ban_tiep_xuc", "bao_cao_tong_hop", "cong_van_chuyen"]
FIXTURE_FILES = [f"{t}.json" for t in TYPES] + [f"{t}.xa_2026.json" for t in TYPES]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INVALID = sorted(p for t in TYPES for p in (FIXTURES / "invalid").glob(f"{t}.*.json"))


def url(type_id: str) -> str:
    return f"/api/v1/documents/{type_id}"


def type_of(fixture: str) -> str:
    return fixture.split(".")[0]


def render(client, type_id: str, data: dict) -> bytes:
    response = client.post(url(type_id), json=data)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == DOCX
    return response.data


def assert_in_order(found: list[str], expected: list[str]) -> None:
    """Each expected paragraph appears, whole, after the one before it."""
    at = -1
    for line in expected:
        try:
            at = found.index(line, at + 1)
        except ValueError:
            raise AssertionError(f"not found in order after #{at}: {line!r}") from None


HEADER_LUC_NGAN = [
    "HĐND HUYỆN LỤC NGẠN",
    "THƯỜNG TRỰC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]
SIGNER_LUC_NGAN = ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thu Hường"]


def test_document_types_lists_the_round_documents(client):
    types = {t["id"]: t for t in client.get("/api/v1/document-types").get_json()}
    assert types["thong_bao_lich_tiep_xuc"]["title"] == "Thông báo lịch tiếp xúc cử tri"
    assert types["bien_ban_tiep_xuc"]["title"] == "Biên bản hội nghị tiếp xúc cử tri"
    assert types["bao_cao_tong_hop"]["title"] == "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri"
    assert types["cong_van_chuyen"]["title"] == "Công văn chuyển ý kiến, kiến nghị của cử tri"
    for type_id in TYPES:
        assert types[type_id]["endpoint"] == url(type_id)


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("thong_bao_lich_tiep_xuc.json", "Thông báo 45-TB-HĐND ngày 20-11-2020.docx"),
        ("bien_ban_tiep_xuc.json", "Biên bản tiếp xúc cử tri xã Biên Sơn ngày 01-12-2020.docx"),
        ("bao_cao_tong_hop.json", "Báo cáo 125-BC-HĐND ngày 08-12-2020.docx"),
        (
            "cong_van_chuyen.json",
            "Công văn 126-HĐND-VP ngày 09-12-2020 gửi UBND huyện Lục Ngạn.docx",
        ),
        ("bao_cao_tong_hop.xa_2026.json", "Báo cáo du-thao-BC-HĐND ngày 07-12-2026.docx"),
    ],
)
def test_download_names_a_clerk_understands(client, fixture, name):
    response = client.post(url(type_of(fixture)), json=load_fixture(fixture))
    assert response.status_code == 200
    utf8 = response.headers["Content-Disposition"].split("filename*=UTF-8''")[1]
    assert unquote(utf8) == name


def test_schedule_reads_in_order(client):
    found = paragraphs(render(client, "thong_bao_lich_tiep_xuc", load_fixture(FIXTURE_FILES[0])))
    assert found[:6] == [*HEADER_LUC_NGAN, "Số: 45/TB-HĐND", "Lục Ngạn, ngày 20 tháng 11 năm 2020"]
    assert_in_order(
        found,
        [
            "THÔNG BÁO",
            "Lịch tiếp xúc cử tri của các Tổ đại biểu HĐND huyện trước kỳ họp thường lệ cuối "
            "năm 2020, HĐND huyện khóa XIX, nhiệm kỳ 2016 - 2021",
            "Thực hiện Kế hoạch số 01/KH-HĐND ngày 06/01/2020 của Thường trực HĐND huyện về "
            "tiếp xúc cử tri của đại biểu HĐND huyện năm 2020, Thường trực HĐND huyện thông báo "
            "lịch tiếp xúc cử tri của các Tổ đại biểu HĐND huyện trước kỳ họp thường lệ cuối năm "
            "2020, HĐND huyện Lục Ngạn khóa XIX, nhiệm kỳ 2016 - 2021 (dự kiến khai mạc ngày "
            "21/12/2020) như sau:",
            *["STT", "Tổ đại biểu", "Đại biểu", "Thời gian", "Địa điểm", "Cử tri"],
            "1",
            "Tổ số 1",
            "Nguyễn Thu Hường (Tổ trưởng)",  # one deputy a line
            "Lương Văn Thắng",
            "Hà Thị Lan",
            "Thứ Ba, 01/12/2020, từ 7 giờ 30",
            "Hội trường UBND xã Biên Sơn",
            "Cử tri xã Biên Sơn",
            "2",
            "Nguyễn Thu Hường (Tổ trưởng)",  # only the deputies named
            "Lương Văn Thắng",
            "Thứ Ba, 01/12/2020, từ 14 giờ 00",
            "3",
            "Tổ số 2",
            "Thứ Tư, 02/12/2020, từ 7 giờ 30",
            "Cử tri thị trấn Chũ",
            "6",
            "Thứ Sáu, 04/12/2020, từ 7 giờ 30",
            "Cử tri xã Phong Minh",
            "Đề nghị Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ các xã, thị trấn nơi tổ "
            "chức tiếp xúc cử tri chuẩn bị địa điểm, thông báo rộng rãi để cử tri biết và tham dự.",
            "Thường trực HĐND huyện thông báo để các Tổ đại biểu HĐND huyện, các cơ quan, đơn vị "
            "có liên quan biết, phối hợp thực hiện./.",
            "Nơi nhận:",
            "- TT Huyện ủy, TT HĐND, UBND huyện;",
            "- Lưu: VT.",
            *SIGNER_LUC_NGAN,
        ],
    )


def test_schedule_table_fits_the_portrait_text_width(client):
    doc = Document(
        io.BytesIO(render(client, "thong_bao_lich_tiep_xuc", load_fixture(FIXTURE_FILES[0])))
    )
    # One portrait section: no landscape page for the table alone (issue 11).
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT]
    section = doc.sections[0]
    text_width = Length(section.page_width - section.left_margin - section.right_margin)
    schedule = doc.tables[1]
    grid = schedule._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert abs(sum(int(c.get(qn("w:w"))) for c in grid) - text_width.twips) <= 2
    assert len(schedule.rows) == 1 + 6  # heading row + one row per entry
    heading = schedule.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert heading is not None  # repeated on every page
    for row in schedule.rows[1:]:  # a meeting is never split over two pages
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    assert section.different_first_page_header_footer  # no page number on page 1


def test_minutes_read_in_order_with_two_signatures(client):
    docx = render(client, "bien_ban_tiep_xuc", load_fixture("bien_ban_tiep_xuc.json"))
    found = paragraphs(docx)
    # No place-and-date line: the number is followed by the title.
    assert found[:7] == [
        "ỦY BAN MTTQ VIỆT NAM XÃ BIÊN SƠN",
        "BAN THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BB-MTTQ",
        "BIÊN BẢN",
        "Hội nghị tiếp xúc cử tri xã Biên Sơn trước kỳ họp thứ 11, HĐND huyện khóa XIX",
    ]
    assert not any(" tháng " in line and "ngày" in line for line in found[:7])
    assert_in_order(
        found,
        [
            "Hồi 7 giờ 30, Thứ Ba, ngày 01 tháng 12 năm 2020, tại Hội trường UBND xã Biên Sơn, "
            "Ủy ban MTTQ Việt Nam xã Biên Sơn phối hợp với Tổ đại biểu HĐND huyện Lục Ngạn số 1 "
            "tổ chức hội nghị tiếp xúc cử tri xã Biên Sơn trước kỳ họp thứ 11, HĐND huyện Lục "
            "Ngạn khóa XIX, nhiệm kỳ 2016 - 2021.",
            "I. THÀNH PHẦN THAM DỰ",
            "1. Đại biểu HĐND huyện Lục Ngạn",
            "- Đồng chí Nguyễn Thu Hường, Phó Chủ tịch HĐND huyện, Tổ trưởng Tổ đại biểu;",
            "- Đồng chí Hà Thị Lan, Hiệu trưởng Trường THCS Biên Sơn.",
            "2. Chủ tọa, thư ký hội nghị",
            "- Chủ tọa: Đồng chí Hoàng Văn Lực, Chủ tịch Ủy ban MTTQ Việt Nam xã Biên Sơn;",
            "- Thư ký: Đồng chí Nông Thị Huyền.",
            "3. Khách mời",
            "4. Cử tri tham dự",
            "Cử tri xã Biên Sơn: 126 người.",
            "II. NỘI DUNG HỘI NGHỊ",
            "1. Khai mạc",
            "Đồng chí Hoàng Văn Lực, Chủ tịch Ủy ban MTTQ Việt Nam xã Biên Sơn, tuyên bố lý do, "
            "giới thiệu thành phần tham dự hội nghị.",
            "2. Đại biểu báo cáo",
            "Đồng chí Nguyễn Thu Hường, Phó Chủ tịch HĐND huyện, Tổ trưởng Tổ đại biểu, thay mặt "
            "Tổ đại biểu HĐND huyện Lục Ngạn số 1 thông báo dự kiến nội dung, chương trình kỳ họp "
            "thứ 11, HĐND huyện khóa XIX; báo cáo kết quả giải quyết ý kiến, kiến nghị của cử tri "
            "từ kỳ họp trước.",
            "3. Ý kiến của cử tri",
            "Có 04 ý kiến của cử tri phát biểu tại hội nghị, cụ thể:",
            "- Cử tri Dương Văn Hải (thôn Ao Sen): Tuyến đường tỉnh 290 đoạn qua thôn Ao Sen xuống "
            "cấp nghiêm trọng, nhiều ổ gà, đề nghị sớm sửa chữa để bảo đảm an toàn giao thông cho "
            "nhân dân và học sinh.",
            "Trả lời tại hội nghị (đồng chí Lương Văn Thắng, Trưởng phòng Tài nguyên và Môi trường "
            "huyện): Hồ sơ của các hộ đang được Văn phòng đăng ký đất đai chi nhánh huyện thẩm "
            "định, dự kiến trả kết quả trong quý I năm 2021.",
            "- Cử tri Vi Văn Toàn (thôn Nà Hem), Lâm Thị Hoa (thôn Nà Hem): Giá vải thiều vụ năm "
            "2020 giảm mạnh, đề nghị huyện có giải pháp hỗ trợ tiêu thụ và xúc tiến thương mại "
            "cho nông sản của nhân dân.",
            "4. Trả lời, giải trình ý kiến của cử tri",
            "5. Kết luận hội nghị",
            "Hội nghị kết thúc vào hồi 10 giờ 45 cùng ngày. Biên bản đã được thông qua tại hội "
            "nghị./.",
        ],
    )
    assert found[-8:] == [
        "THƯ KÝ",
        "Nông Thị Huyền",
        "CHỦ TỌA",
        "Hoàng Văn Lực",
        # Decree 30, Appendix III, model 1.9: the minutes end with their recipients
        "Nơi nhận:",
        "- Thường trực HĐND huyện Lục Ngạn;",
        "- Tổ đại biểu HĐND huyện số 1;",
        "- Lưu: VT, hồ sơ.",
    ]
    assert found.count("Nơi nhận:") == 1
    signatures = Document(io.BytesIO(docx)).tables[-1]
    left, right = (cell.text.split() for cell in signatures.rows[0].cells)
    assert left[:2] == ["THƯ", "KÝ"] and right[:2] == ["CHỦ", "TỌA"]


def test_minutes_without_invited_or_answers_renumber_their_headings(client):
    data = load_fixture("bien_ban_tiep_xuc.json")
    data["meeting"]["invited"] = []
    data["answers"] = []
    data["meeting"]["voters"] = None
    found = paragraphs(render(client, "bien_ban_tiep_xuc", data))
    assert "3. Khách mời" not in found and "Cử tri tham dự" not in " ".join(found)
    assert_in_order(found, ["3. Ý kiến của cử tri", "4. Kết luận hội nghị"])


def report_expectations(data: dict) -> list[str]:
    """The overview lines the report must print, computed from the data's own counts."""
    counts = data["counts"]

    def n(value: int) -> str:
        return vn.pad2(value) if value < 10 else vn.format_number(value)

    return [
        f"Các Tổ đại biểu HĐND {data['issuer']['unit_kind']} đã tổ chức {n(counts['meetings'])} "
        f"hội nghị tiếp xúc cử tri với {n(counts['voters'])} lượt cử tri tham dự; cử tri nêu "
        f"{n(counts['opinions'])} ý kiến, kiến nghị, trong đó {n(counts['answered'])} ý kiến đã "
        "được trả lời trực tiếp tại hội nghị.",
        f"Sau khi gộp các ý kiến trùng nội dung, báo cáo này tổng hợp {n(counts['items'])} nội "
        f"dung kiến nghị thuộc thẩm quyền giải quyết của UBND {data['issuer']['unit_kind']} và "
        "của các cơ quan cấp trên (chi tiết tại Phụ lục kèm theo)",
    ]


@pytest.mark.parametrize("fixture", ["bao_cao_tong_hop.json", "bao_cao_tong_hop.xa_2026.json"])
def test_report_prints_exactly_the_counts_it_is_given(client, fixture):
    data = load_fixture(fixture)
    found = paragraphs(render(client, "bao_cao_tong_hop", data))
    first, merged = report_expectations(data)
    assert_in_order(found, [first])
    # The overview says once what the report holds, and refers to its appendix.
    assert sum(line.startswith(merged) for line in found) == 1
    unit = data["issuer"]["unit_kind"]
    text = " ".join(found)
    assert text.count(f"thẩm quyền giải quyết của UBND {unit} và của các cơ quan cấp trên") == 1
    for level, number in data["counts"]["by_level"].items():
        label = {"trung_uong": "trung ương", "tinh": "cấp tỉnh", "huyen": "cấp huyện"}.get(
            level, "cấp xã"
        )
        assert f"{label} {vn.pad2(number)} nội dung" in text, level
    by_field = next(line for line in found if line.startswith("Phân theo lĩnh vực: "))
    parts = by_field.removeprefix("Phân theo lĩnh vực: ").rstrip(".").split("; ")
    printed = {part.rsplit(" ", 3)[0]: int(part.rsplit(" ", 3)[1]) for part in parts}
    from docgen.vocab import PETITION_FIELDS

    assert printed == {
        vn.lower(PETITION_FIELDS[f]): count for f, count in data["counts"]["by_field"].items()
    }
    # Printed in the fixed order of fields.
    order = [vn.lower(label) for label in PETITION_FIELDS.values()]
    assert list(printed) == [label for label in order if label in printed]


def test_report_groups_items_by_competence_and_field_then_lists_them_in_an_appendix(client):
    data = load_fixture("bao_cao_tong_hop.json")
    docx = render(client, "bao_cao_tong_hop", data)
    found = paragraphs(docx)
    assert found[:6] == [*HEADER_LUC_NGAN, "Số: 125/BC-HĐND", "Lục Ngạn, ngày 08 tháng 12 năm 2020"]
    assert_in_order(
        found,
        [
            "BÁO CÁO",
            "Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ 11, HĐND huyện khóa XIX",
            "I. KHÁI QUÁT CHUNG",
            "II. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA UBND HUYỆN",
            "1. Lĩnh vực đất đai (03 nội dung)",
            "- Đề nghị đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình "
            "đã nộp hồ sơ từ năm 2018 (cử tri xã Biên Sơn, xã Kiên Lao, xã Tân Sơn).",
            "10. Lĩnh vực khác (01 nội dung)",
            "III. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA CƠ QUAN CẤP TRÊN",
            "1. Thuộc thẩm quyền cấp tỉnh (05 nội dung)",
            "Lĩnh vực tài nguyên và môi trường (01 nội dung)",
            "- Đề nghị kiểm tra, xử lý việc khai thác cát trái phép trên sông Lục Nam gây sạt lở bờ "
            "sông (cử tri xã Phong Minh; cơ quan giải quyết: Sở Tài nguyên và Môi trường tỉnh Bắc "
            "Giang).",
            "2. Thuộc thẩm quyền trung ương (02 nội dung)",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ 11, HĐND "
            "huyện khóa XIX của Thường trực HĐND huyện./.",
            "Nơi nhận:",
            "- Lưu: VT.",
            *SIGNER_LUC_NGAN,
            "Phụ lục",
            "DANH MỤC Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI TRƯỚC KỲ HỌP THỨ 11, HĐND HUYỆN KHÓA XIX",
            "(Kèm theo Báo cáo số 125/BC-HĐND ngày 08/12/2020 của Thường trực HĐND huyện)",
            *["STT", "Nội dung ý kiến, kiến nghị", "Nơi nêu", "Lĩnh vực"],
            "Cấp, cơ quan giải quyết",
            "1",
            "Đề nghị đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình "
            "đã nộp hồ sơ từ năm 2018",
            "xã Biên Sơn, xã Kiên Lao, xã Tân Sơn",
            "Đất đai",
            "UBND huyện Lục Ngạn (cấp huyện)",
            "22",
            "Bộ Y tế (trung ương)",
        ],
    )
    # Every item once in the body and once in the appendix; the appendix table has them all.
    for item in data["items"]:
        assert sum(item["summary"] in line for line in found) == 2, item["summary"]
    doc = Document(io.BytesIO(docx))
    assert len(doc.tables[-1].rows) == 1 + len(data["items"])
    # The appendix is a section of its own: a new page, its page numbers restarting at 1, none
    # printed on its first page (Decree 30, Appendix I, part III).
    assert len(doc.sections) == 2
    appendix_section = doc.sections[1]
    assert appendix_section.start_type == WD_SECTION.NEW_PAGE
    assert appendix_section.different_first_page_header_footer
    numbering = appendix_section._sectPr.find(qn("w:pgNumType"))
    assert numbering is not None and numbering.get(qn("w:start")) == "1"
    assert doc.sections[0]._sectPr.find(qn("w:pgNumType")) is None
    # Its first paragraph is the appendix's title.
    after_break = doc.paragraphs[
        next(
            i for i, p in enumerate(doc.paragraphs) if p._p.find(".//" + qn("w:sectPr")) is not None
        )
        + 1
    ]
    assert after_break.text == "Phụ lục"
    reference = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo Báo cáo"))
    assert all(run.italic for run in reference.runs)


def test_report_of_a_commune_council_has_no_lower_councils(client):
    found = paragraphs(render(client, "bao_cao_tong_hop", load_fixture(FIXTURE_FILES[6])))
    text = " ".join(found)
    assert "II. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA UBND XÃ" in found
    assert "Số: /BC-HĐND" in found and "Biên Sơn, ngày 07 tháng 12 năm 2026" in found
    assert "(Kèm theo Báo cáo số /BC-HĐND ngày 07/12/2026 của Thường trực HĐND xã)" in found
    assert "cấp xã 05 nội dung; cấp tỉnh 01 nội dung; trung ương 01 nội dung" in text
    assert "Thường trực HĐND, UBND các" not in text


def test_letter_reads_in_order(client):
    data = load_fixture("cong_van_chuyen.json")
    docx = render(client, "cong_van_chuyen", data)
    found = paragraphs(docx)
    vv = "V/v chuyển ý kiến, kiến nghị của cử tri trước kỳ họp thứ 11, HĐND huyện khóa XIX"
    assert found[:8] == [
        *HEADER_LUC_NGAN,
        "Số: 126/HĐND-VP",
        vv,
        "Lục Ngạn, ngày 09 tháng 12 năm 2020",
        "Kính gửi: UBND huyện Lục Ngạn",
    ]
    assert not any(line.upper() == "CÔNG VĂN" for line in found)
    assert_in_order(
        found,
        [
            "Từ ngày 01/12/2020 đến ngày 04/12/2020, các Tổ đại biểu HĐND huyện đã tổ chức tiếp "
            "xúc cử tri trước kỳ họp thứ 11, HĐND huyện Lục Ngạn khóa XIX, nhiệm kỳ 2016 - 2021. "
            "Qua tiếp xúc, cử tri đã nêu 15 nội dung ý kiến, kiến nghị thuộc thẩm quyền giải quyết "
            "của UBND huyện Lục Ngạn.",
            "Thường trực HĐND huyện chuyển các ý kiến, kiến nghị của cử tri (có danh sách kèm "
            "theo) đến UBND huyện Lục Ngạn, đề nghị xem xét, giải quyết và trả lời bằng văn bản "
            "gửi về Thường trực HĐND huyện trước ngày 18/12/2020 để thông báo đến cử tri./.",
            "Nơi nhận:",
            "- Như trên;",
            "- TT HĐND huyện;",
            "- Lưu: VT.",
            *SIGNER_LUC_NGAN,
            "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI",
            "(Kèm theo Công văn số 126/HĐND-VP ngày 09/12/2020 của Thường trực HĐND huyện)",
            "Lĩnh vực đất đai",
            "1. Đề nghị đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình "
            "đã nộp hồ sơ từ năm 2018 (cử tri xã Biên Sơn, xã Kiên Lao, xã Tân Sơn; cơ quan có "
            "thẩm quyền giải quyết: UBND huyện Lục Ngạn).",
            "Lĩnh vực khác",
            "15. Đề nghị hỗ trợ kinh phí xây dựng nhà văn hóa thôn sau sáp nhập (cử tri xã Kiên "
            "Lao; cơ quan có thẩm quyền giải quyết: UBND huyện Lục Ngạn).",
        ],
    )
    assert found.index("Nơi nhận:") + 1 == found.index("- Như trên;")
    # The V/v summary: in the header's left column under the number, 12 pt, not bold.
    header = Document(io.BytesIO(docx)).tables[0]
    left = header.rows[1].cells[0].paragraphs
    assert [p.text for p in left] == ["Số: 126/HĐND-VP", vv]
    run = left[1].runs[0]
    assert run.font.size.pt == 12 and not run.bold


def test_letter_to_a_lower_units_two_bodies_lists_them(client):
    data = load_fixture("cong_van_chuyen.json")
    data["addressees"] = ["Thường trực HĐND xã Biên Sơn", "UBND xã Biên Sơn"]
    for item in data["items"]:
        item.update(level="xa", body="UBND xã Biên Sơn")
    found = paragraphs(render(client, "cong_van_chuyen", data))
    start = found.index("Kính gửi:")
    assert found[start : start + 3] == [
        "Kính gửi:",
        "- Thường trực HĐND xã Biên Sơn;",
        "- UBND xã Biên Sơn.",
    ]
    assert "thuộc thẩm quyền giải quyết của Thường trực HĐND xã Biên Sơn, UBND xã Biên Sơn." in (
        " ".join(found)
    )


@pytest.mark.parametrize("fixture", [f for f in FIXTURE_FILES if ".xa_2026" in f])
def test_commune_documents_after_2025_have_no_district_words(client, fixture):
    found = paragraphs(render(client, type_of(fixture), load_fixture(fixture)))
    text = " ".join(found)
    assert found[0] == "HĐND XÃ BIÊN SƠN"
    for word in ("huyện", "Lục Ngạn", "thị trấn", "{", "}"):
        assert word not in text, word
    assert "khóa I" in text and "2026" in text


# --- every door, every error -------------------------------------------------------------


@pytest.mark.parametrize("invalid", INVALID, ids=lambda p: p.stem)
def test_invalid_fixtures_name_their_fields(client, invalid: Path):
    case = json.loads(invalid.read_text(encoding="utf-8"))
    assert case["type"] == invalid.name.split(".")[0] and case["note"]
    response = client.post(url(case["type"]), json=case["data"])
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "invalid_data"
    for field in case["expected_fields"]:
        assert field in error["fields"], (field, error["fields"])
        assert all(isinstance(m, str) and m for m in error["fields"][field])


@pytest.mark.parametrize("type_id", TYPES)
def test_every_round_type_has_invalid_fixtures(type_id):
    assert len([p for p in INVALID if p.name.startswith(type_id + ".")]) >= 3


@pytest.mark.parametrize("type_id", TYPES)
def test_cli_renders_each_type(runner, tmp_path, type_id):
    from docgen.cli import main

    out = tmp_path / f"{type_id}.docx"
    result = runner.invoke(main, ["render", type_id, str(FIXTURES / f"{type_id}.json"), "-o", out])
    assert result.exit_code == 0, result.output
    assert paragraphs(out.read_bytes())[2] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# --- hostile data --------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
LETTERS = "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES) + "đ"
ALL_LETTERS = LETTERS + vn.upper(LETTERS)
HOSTILE_NAME = "Nguye\u0302\u0303n Thị <b>&amp;</b> \"Hà\" 'Vy' 🙂\x01\x0b"
NAME = "Nguyễn Thị <b>&amp;</b> \"Hà\" 'Vy' 🙂"
HOSTILE_TEXT = "Đề nghị <w:p/>]]> & {{ 7*7 }} {% raw %} " + ALL_LETTERS + "\x1f\x08"
TEXT = "Đề nghị <w:p/>]]> & {{ 7*7 }} {% raw %} " + ALL_LETTERS


def hostile(type_id: str) -> tuple[dict, list[str]]:
    """A type's fixture with markup, emoji, NFD and control characters where it prints them."""
    data = load_fixture(f"{type_id}.json")
    if type_id == "bien_ban_tiep_xuc":
        data["meeting"]["secretary"] = HOSTILE_NAME
        data["opinions"][0]["content"] = HOSTILE_TEXT
        return data, [NAME, f"- Cử tri Dương Văn Hải (thôn Ao Sen): {TEXT}."]
    data["signer"]["name"] = HOSTILE_NAME
    if type_id == "thong_bao_lich_tiep_xuc":
        data["entries"][0]["venue"] = HOSTILE_TEXT
        return data, [NAME, TEXT]
    data["items"][0]["summary"] = HOSTILE_TEXT
    data["recipients"].insert(0, "Sở Nội vụ & Ban <Dân> tộc")
    return data, [NAME, "- Sở Nội vụ & Ban <Dân> tộc;", TEXT]


@pytest.mark.parametrize("type_id", TYPES)
def test_hostile_data_renders_exactly(client, type_id):
    data, expected = hostile(type_id)
    found = paragraphs(render(client, type_id, data))
    text = "\n".join(found)
    for line in expected:
        assert line in found or line in text, line


# --- Decree 30 -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURE_FILES)
def test_every_fixture_passes_the_decree_30_checker(client, fixture):
    conformity = pytest.importorskip("docgen.conformity")
    type_id = type_of(fixture)
    docx = render(client, type_id, load_fixture(fixture))
    kind = documents.get(type_id).check_kind
    report = conformity.check_docx(docx, kind=kind)
    assert not report.errors, conformity.format_report(report, "en")
    assert conformity.check_docx(docx).kind == kind  # recognised as what it is


@pytest.mark.parametrize("type_id", TYPES)
def test_hostile_data_still_passes_the_decree_30_checker(client, type_id):
    conformity = pytest.importorskip("docgen.conformity")
    docx = render(client, type_id, hostile(type_id)[0])
    report = conformity.check_docx(docx, kind=documents.get(type_id).check_kind)
    assert not report.errors, conformity.format_report(report, "en")


# --- PDF through real LibreOffice ----------------------------------------------------------


def pdf_of(client, type_id: str, data: dict) -> bytes:
    response = client.post(url(type_id) + "?format=pdf", json=data)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data[:4] == b"%PDF"
    return response.data


@pytest.mark.soffice
@pytest.mark.parametrize("fixture", FIXTURE_FILES)
def test_pdf_is_all_liberation_serif_with_the_text(client, soffice, fixture):
    type_id = type_of(fixture)
    data = load_fixture(fixture)
    pdf = pdf_of(client, type_id, data)
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.startswith("LiberationSerif") for f in fonts), fonts
    text = "".join(pdf_paragraph_text(pdf).split())
    # Every paragraph of the DOCX is in the PDF, in Vietnamese letters (whitespace aside).
    for line in paragraphs(render(client, type_id, data)):
        assert "".join(line.split()) in text, line
    assert PdfReader(io.BytesIO(pdf)).metadata.title == documents.get(type_id).title


@pytest.mark.soffice
def test_schedule_pdf_is_two_portrait_pages_signature_with_closing(client, soffice):
    pdf = pdf_of(client, "thong_bao_lich_tiep_xuc", load_fixture(FIXTURE_FILES[0]))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert [float(p.mediabox.width) < float(p.mediabox.height) for p in pages] == [True, True]
    texts = [" ".join(p.extract_text().split()) for p in pages]
    assert texts[1].split()[0] == "2"
    assert "Thứ Tư, 02/12/2020, từ 7 giờ 30" in texts[0]  # the time whole in its cell
    # The signature never stands alone: the closing sentence goes with it.
    assert "phối hợp thực hiện./." in texts[1] and "Nguyễn Thu Hường" in texts[1]


@pytest.mark.soffice
@pytest.mark.parametrize("type_id", TYPES)
def test_hostile_data_through_pdf(client, soffice, type_id):
    data, expected = hostile(type_id)
    text = "".join(pdf_text(pdf_of(client, type_id, data)).split())
    for line in expected:
        for part in line.split("🙂"):  # the emoji comes from a fallback font by design
            assert "".join(part.split()) in text, part
