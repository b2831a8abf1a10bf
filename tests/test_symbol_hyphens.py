"""Symbols keep their hyphens on one line in print (docgen/symbol_hyphens.py)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docxtext import paragraphs

from docgen.symbol_hyphens import document_roots, keep_symbols_whole, symbol_hyphens

NQLT = "72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"


@pytest.mark.parametrize(
    ("text", "hyphens"),
    [
        (f"Nghị quyết liên tịch số {NQLT} ngày", 3),
        ("Số: 01/KH-HĐND", 1),
        ("Số:      /KH-HĐND", 1),
        ("Công văn số 204/TTHĐND-VP và 15/HĐND&UBND-VP", 2),
        ("Độc lập - Tự do - Hạnh phúc", 0),  # spaced hyphens are not a symbol's
        ("kinh tế - xã hội năm 2025", 0),
        ("nhiệm kỳ 2021-2026", 0),  # no "/": not a symbol
        ("quyền./.", 0),
        ("từ ngày 03-05/12/2025", 1),  # a date range holding a "/" stays whole too
    ],
)
def test_hyphens_inside_symbols_are_found(text: str, hyphens: int) -> None:
    offsets = symbol_hyphens(text)
    assert len(offsets) == hyphens
    assert all(text[k] == "-" for k in offsets)


def test_rendered_runs_get_non_breaking_hyphens_and_read_the_same() -> None:
    doc = Document()
    doc.add_paragraph(f"Căn cứ Nghị quyết liên tịch số {NQLT} quy định chi tiết")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Số: 01/KH-HĐND"
    before = [p.text for p in doc.paragraphs] + [section.header.paragraphs[0].text]
    assert keep_symbols_whole(document_roots(doc)) == 4
    out = io.BytesIO()
    doc.save(out)
    again = Document(io.BytesIO(out.getvalue()))
    runs = list(again.element.body.iter(qn("w:noBreakHyphen")))
    assert len(runs) == 3
    # python-docx (and so the checker and the tests) reads a non-breaking hyphen as "-".
    assert paragraphs(out.getvalue()) == before[:1]
    assert again.sections[0].header.paragraphs[0].text == before[1]
