"""Every rendered DOCX keeps the line before a manual break unstretched (docgen/print_settings.py).

Measured through LibreOffice: a justified paragraph whose first line ends with a line break
prints that line with widened gaps ("Cử  tri  thôn"), unless the document sets Word's
doNotExpandShiftReturn. The control document (the same render with the option taken out)
shows the defect, so the test can fail.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import require_soffice
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from printcheck import fragments

from docgen import print_settings
from docgen.conversion import convert_many
from docgen.rendering import render_docx

FIRST = "Cử tri thôn Đồng Tâm đề nghị"
REST = (
    "sửa chữa tuyến đường liên thôn đã xuống cấp nghiêm trọng, gây khó khăn cho việc đi lại "
    "của nhân dân trong mùa mưa lũ."
)


def _template() -> bytes:
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = paragraph.add_run("{{ y_kien }}")
    run.font.size = Pt(14)
    run.font.name = "Times New Roman"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _without_option(docx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/settings.xml":
                data = data.replace(b"<w:doNotExpandShiftReturn/>", b"")
            target.writestr(item, data)
    return out.getvalue()


def _option_count(docx: bytes) -> int:
    settings = zipfile.ZipFile(io.BytesIO(docx)).read("word/settings.xml")
    return settings.count(b"doNotExpandShiftReturn")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The first printed line of the rendered paragraph, with and without the option."""
    soffice = require_soffice()
    rendered = render_docx(_template(), {"y_kien": f"{FIRST}\n{REST}"})
    folder = tmp_path_factory.mktemp("breaks")
    sources = {"docgen": rendered, "control": _without_option(rendered)}
    paths = {}
    for name, docx in sources.items():
        path = folder / f"{name}.docx"
        path.write_bytes(docx)
        paths[path] = name
    out = folder / "pdf"
    out.mkdir()
    done = convert_many(list(paths), out, soffice=soffice, timeout=300)
    first = {}
    for source, pdf in done.items():
        lines, _ = fragments(Path(pdf).read_bytes())
        first[paths[source]] = max(lines, key=lambda f: f.y).text
    return first


def test_rendered_document_sets_the_option_once() -> None:
    rendered = render_docx(_template(), {"y_kien": "x"})
    assert _option_count(rendered) == 1
    assert _option_count(_without_option(rendered)) == 0


def test_line_before_a_manual_break_is_not_stretched(printed) -> None:
    assert printed["docgen"] == FIRST


def test_control_without_the_option_is_stretched(printed) -> None:
    # The defect the option prevents: LibreOffice widens every gap of the line.
    assert printed["control"] != FIRST
    assert " ".join(printed["control"].split()) == FIRST


def test_option_goes_in_schema_order_and_is_not_doubled() -> None:
    doc = Document()
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = settings.makeelement(qn("w:compat"), {})
        settings.append(compat)
    for child in list(compat):
        compat.remove(child)
    for name in ("spaceForUL", "useFELayout"):
        compat.append(compat.makeelement(qn(f"w:{name}"), {}))
    print_settings.keep_lines_before_breaks(doc)
    print_settings.keep_lines_before_breaks(doc)
    names = [child.tag.split("}")[1] for child in compat]
    assert names == ["spaceForUL", "doNotExpandShiftReturn", "useFELayout"]


def test_settings_without_compat_get_one_before_later_elements() -> None:
    doc = Document()
    settings = doc.settings.element
    for compat in settings.findall(qn("w:compat")):
        settings.remove(compat)
    print_settings.keep_lines_before_breaks(doc)
    names = [child.tag.split("}")[1] for child in settings]
    assert names.count("compat") == 1
    after = {"rsids", "themeFontLang", "clrSchemeMapping", "decimalSymbol", "listSeparator"}
    later = [i for i, n in enumerate(names) if n in after]
    assert not later or names.index("compat") < min(later)
