"""The wording lives in the Word templates: staff change a sentence, the next document says it."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES, ROOT, load_fixture
from docx import Document

from docgen import documents, prose
from docgen.docx_text import text_lines

TEMPLATES = ROOT / "templates_vn"

# One sentence of each shipped template, as a staff member would retype it in Word.
EDITS = {
    "ke_hoach_tiep_xuc": (
        "công khai, thiết thực và hiệu quả.",
        "công khai, thiết thực, hiệu quả và đúng pháp luật.",
    ),
    "thong_bao_lich_tiep_xuc": (
        "có liên quan biết, phối hợp thực hiện./.",
        "có liên quan biết, chủ động phối hợp thực hiện./.",
    ),
    "bien_ban_tiep_xuc": (
        "Biên bản đã được thông qua tại hội nghị./.",
        "Biên bản đã được đọc lại và thông qua tại hội nghị./.",
    ),
    "bao_cao_tong_hop": (
        "Sau khi gộp các ý kiến trùng nội dung,",
        "Sau khi hợp nhất các ý kiến trùng nội dung,",
    ),
    "cong_van_chuyen": (
        "để thông báo đến cử tri./.",
        "để thông báo kết quả đến cử tri./.",
    ),
}


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def edit_one_run(source: bytes, old: str, new: str) -> bytes:
    """The template with `old` retyped as `new` in the one run that holds it."""
    doc = Document(io.BytesIO(source))
    runs = [run for p in _paragraphs(doc) for run in p.runs if old in run.text]
    assert len(runs) == 1, f"{old!r} is in {len(runs)} runs"
    runs[0].text = runs[0].text.replace(old, new)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def fixture_data(type_id: str) -> list[dict]:
    doc = documents.get(type_id)
    paths = sorted(FIXTURES.glob(f"{type_id}.json")) + sorted(FIXTURES.glob(f"{type_id}.*.json"))
    return [doc.schema().load(load_fixture(p.name)) for p in paths]


def test_every_type_has_a_sentence_to_edit():
    assert set(EDITS) == set(documents.REGISTRY)


@pytest.mark.parametrize("type_id", sorted(EDITS))
def test_a_sentence_changed_in_word_shows_in_the_next_document(app, type_id):
    old, new = EDITS[type_id]
    admin, service = app.extensions["docgen.templates"], app.extensions["docgen"]
    data = fixture_data(type_id)[0]
    before = " ".join(text_lines(service.render_docx(type_id, data)))
    assert old in before and new not in before

    edited = edit_one_run((TEMPLATES / f"{type_id}.docx").read_bytes(), old, new)
    info, report = admin.upload(type_id, edited, author="lan", comment="Sửa một câu")
    assert report.ok and info.active

    after = " ".join(text_lines(service.render_docx(type_id, data)))
    assert new in after and old not in after


@pytest.mark.parametrize("type_id", sorted(EDITS))
def test_the_template_holds_at_least_85_percent_of_the_prose(type_id):
    doc = documents.get(type_id)
    total = prose.Share(0, 0)
    for data in fixture_data(type_id):
        total = total + prose.measure(TEMPLATES / doc.template_file, doc.context, data)
    assert total.prose_pairs > 100  # the measure saw the documents' sentences
    assert total.share >= 0.85, f"{type_id}: {total.template_pairs}/{total.prose_pairs}"


# --- the measure itself


def _template(tmp_path, *lines: str):
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def _measure(tmp_path, lines, context, data):
    return prose.measure(_template(tmp_path, *lines), lambda _data: context, data)


def test_a_sentence_written_in_python_counts_against_the_template(tmp_path):
    data = {"name": "Biên Sơn"}
    sentence = "Thường trực HĐND xã Biên Sơn thông báo để các cơ quan biết."
    share = _measure(tmp_path, ["{{ closing }}"], {"closing": sentence}, data)
    assert share.template_pairs == 0 and share.prose_pairs >= 5


def test_data_inside_a_template_sentence_is_left_out(tmp_path):
    data = {"name": "Biên Sơn", "kind": "xã"}
    share = _measure(
        tmp_path,
        ["Thường trực HĐND {{ kind }} {{ name }} thông báo để các cơ quan biết."],
        {"kind": "xã", "name": "Biên Sơn"},
        data,
    )
    assert share.share == 1.0 and share.prose_pairs == 8  # "Thường trực HĐND", "thông báo …"


def test_half_in_python_is_half(tmp_path):
    share = _measure(
        tmp_path,
        ["một hai ba bốn năm", "{{ line }}"],
        {"line": "sáu bảy tám chín mười"},
        {},
    )
    assert (share.template_pairs, share.prose_pairs) == (4, 8)


def test_dates_numbers_and_the_frame_are_data(tmp_path):
    import datetime

    data = {"date": datetime.date(2020, 12, 1), "n": 11}
    share = _measure(
        tmp_path,
        ["{{ number_line }}", "{{ when }} kỳ họp thứ {{ n }}"],
        {"number_line": "Số: 12/BC-HĐND", "when": "ngày 01 tháng 12 năm 2020", "n": 11},
        data,
    )
    assert (share.template_pairs, share.prose_pairs) == (2, 2)  # "kỳ họp", "họp thứ"
