"""The plan template: its text reproduces the seed, it is data-driven, and the build makes it."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docxtext import paragraphs
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from reference import LOST_HEADER_LINES, expected_paragraphs

TEMPLATE = ROOT / "templates_vn" / "ke_hoach_tiep_xuc.docx"
SEED_CONTEXT = ROOT / "tests" / "data" / "ke_hoach_tiep_xuc.context.json"
JINJA_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)


def seed_context() -> dict[str, Any]:
    """The render context of the seed plan."""
    return json.loads(SEED_CONTEXT.read_text(encoding="utf-8"))


def commune_context() -> dict[str, Any]:
    """A commune council's plan after the 2025 reform: thôn and tổ dân phố, no sub-councils."""
    context = copy.deepcopy(seed_context())
    context.update(
        header={"top": "HĐND XÃ BIÊN SƠN", "name": "THƯỜNG TRỰC"},
        number_line="Số: 02/KH-HĐND",
        date_line="Biên Sơn, ngày 15 tháng 3 năm 2026",
        year=2026,
        council="HĐND xã",
        unit="xã",
        sub_units="thôn, tổ dân phố",
        sub_councils=False,
        office="Văn phòng HĐND và UBND xã",
        legal_bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025",
            "Căn cứ Nghị quyết liên tịch số 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN của Ủy ban "
            "Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc "
            "Việt Nam",
        ],
        recipients=[
            "- TT HĐND, UBND xã;",
            "- Ủy ban MTTQ xã;",
            "- Các Ban HĐND xã;",
            "- Tổ trưởng các Tổ đại biểu HĐND xã;",
            "- Trưởng các thôn, tổ dân phố;",
            "- Lưu: VT.",
        ],
        signer={"lines": ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"], "name": "Hoàng Văn Minh"},
    )
    return context


def render(context: dict[str, Any], template: Path = TEMPLATE) -> bytes:
    """The template rendered the way docgen renders: sandboxed, autoescaped, strict."""
    doc = DocxTemplate(str(template))
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    doc.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xml_parts(path: Path) -> dict[str, bytes]:
    """Every part of a DOCX package by name."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_seed_context_renders_the_seed_text():
    rendered = paragraphs(render(seed_context()))
    header = [line for line in rendered if line in LOST_HEADER_LINES]
    assert header == LOST_HEADER_LINES
    assert [line for line in rendered if line not in LOST_HEADER_LINES] == expected_paragraphs()


def test_header_reads_body_then_national_name_then_number_and_date():
    rendered = paragraphs(render(seed_context()))
    assert rendered[:6] == [
        *LOST_HEADER_LINES,
        "Số: 01/KH-HĐND",
        "Lục Ngạn, ngày 06 tháng 01 năm 2021",
    ]


def test_commune_context_renders_without_district_words():
    context = commune_context()
    rendered = paragraphs(render(context))
    text = "\n".join(rendered)
    assert "{" not in text and "}" not in text
    for word in ("huyện", "thị trấn", "Lục Ngạn", "2021"):
        assert word not in text
    # The sub-units have no councils: nothing may address theirs.
    for phrase in ("HĐND các thôn", "UBND thôn", "MTTQ thôn", "các thôn, tổ dân phố giải trình"):
        assert phrase not in text
    assert "Tiếp xúc cử tri của đại biểu HĐND xã năm 2026" in rendered
    assert "Ban Thường trực Ủy ban MTTQ xã và Trưởng các thôn, tổ dân phố" in text
    assert not any(
        line.startswith("Các ý kiến, kiến nghị, phản ánh không thuộc") for line in rendered
    )
    assert rendered[rendered.index("Nơi nhận:") - 1].endswith("theo thẩm quyền./.")
    assert rendered[-3:] == ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Hoàng Văn Minh"]


def test_template_hard_codes_no_varying_text():
    for name, data in xml_parts(TEMPLATE).items():
        if not name.endswith(".xml"):
            continue
        text = JINJA_TAG.sub("", data.decode("utf-8"))
        for literal in ("huyện", "Lục Ngạn", "2021", "thị trấn", "mười lăm", "(05)", "Luật Tổ"):
            assert literal not in text, (name, literal)


def test_page_setup_fonts_and_properties():
    document = Document(str(TEMPLATE))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    page = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(length.mm, 1) for length in page) == (210, 297)
    assert tuple(round(length.mm, 1) for length in margins) == (25, 20, 35, 20)
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    defaults = etree.tostring(document.styles.element.find(qn("w:docDefaults"))).decode()
    assert 'w:eastAsia="Times New Roman"' in defaults and 'w:val="vi-VN"' in defaults
    for run in document.element.body.iter(qn("w:r")):
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
            "Times New Roman"
        }
    assert document.core_properties.title == "Kế hoạch tiếp xúc cử tri"
    assert document.core_properties.language == "vi-VN"


@pytest.mark.parametrize(("index", "widths"), [(0, (6.0, 9.5)), (1, (6.5, 9.0))])
def test_tables_are_borderless_and_fit_the_text_width(index: int, widths: tuple[float, float]):
    table = Document(str(TEMPLATE)).tables[index]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"none"}
    assert tuple(round(col.width.cm, 2) for col in table.columns) == widths
    assert sum(widths) <= 15.5
