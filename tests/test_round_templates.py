"""The round's templates as shipped: data-driven, Decree 30 page and fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from docx.oxml.ns import qn

TYPES = ["thong_bao_lich_tiep_xuc", "bien_ban_tiep_xuc", "bao_cao_tong_hop", "cong_van_chuyen"]
TEMPLATES = ROOT / "templates_vn"
JINJA_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("type_id", TYPES)
def test_template_hard_codes_no_varying_text(type_id):
    for name, data in parts(TEMPLATES / f"{type_id}.docx").items():
        if not name.startswith(("word/document", "word/header", "word/footer")):
            continue
        text = JINJA_TAG.sub("", data.decode("utf-8"))
        for literal in ("huyện", "Lục Ngạn", "Biên Sơn", "2020", "2026", "thị trấn", "khóa X"):
            assert literal not in text, (name, literal)


@pytest.mark.parametrize("type_id", TYPES)
def test_page_setup_and_fonts(type_id):
    document = Document(str(TEMPLATES / f"{type_id}.docx"))
    for section in document.sections:
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert tuple(round(length.mm, 1) for length in margins) == (25, 20, 35, 20)
        assert sorted(round(x.mm) for x in (section.page_width, section.page_height)) == [210, 297]
    first = document.sections[0]
    assert first.page_width < first.page_height  # page 1 is portrait
    assert first.different_first_page_header_footer
    for run in document.element.body.iter(qn("w:r")):
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
            "Times New Roman"
        }


def test_minutes_template_has_no_date_line_and_two_signatures():
    document = Document(str(TEMPLATES / "bien_ban_tiep_xuc.docx"))
    header = document.tables[0]
    assert header.rows[1].cells[1].text == ""
    signatures = document.tables[-1]
    assert [c.paragraphs[0].text for c in signatures.rows[0].cells] == ["THƯ KÝ", "CHỦ TỌA"]
    cells = (p.text for t in document.tables for c in t._cells for p in c.paragraphs)
    assert "Nơi nhận" not in "".join(cells)


def test_letter_template_puts_the_summary_under_the_number():
    document = Document(str(TEMPLATES / "cong_van_chuyen.docx"))
    left = [p.text for p in document.tables[0].rows[1].cells[0].paragraphs]
    assert left[0] == "{{ number_line }}"
    assert left[1].startswith("V/v chuyển ý kiến, kiến nghị của cử tri ")
