"""The print check over every fixture's PDF (tests/printcheck.py).

Some shipped templates still have page defects a văn thư would fix by hand (issue 11, item 3;
the templates are being rewritten under issue 9). They are listed in KNOWN, fixture by fixture:
the test fails when a listed defect disappears (remove it from the list) or a new one appears.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from checker_set import fixture_documents
from conftest import require_soffice
from docx import Document
from docxtext import paragraphs
from printcheck import CHECKS, docx_words, problems

from docgen.conversion import convert_many

# fixture -> the print checks it fails today, and why (what the PDF shows).
KNOWN: dict[str, set[str]] = {}

MIXED_DATES = "Cử tri các thôn họp ngày 2/7/2026; tổng hợp xong ngày 22/06/2026."


def _mixed_dates_docx() -> bytes:
    doc = Document()
    doc.add_paragraph(MIXED_DATES)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Every fixture's DOCX and PDF, and a made-up document with dates in two styles."""
    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("print")
    sources = {s.name: s.docx for s in fixture_documents()}
    sources["mixed-dates"] = _mixed_dates_docx()
    paths = {}
    for k, (name, docx) in enumerate(sources.items()):
        path = folder / f"doc{k}.docx"  # ASCII names for LibreOffice
        path.write_bytes(docx)
        paths[path] = name
    out = folder / "pdf"
    out.mkdir()
    done = convert_many(list(paths), out, soffice=soffice, timeout=600)
    return {paths[src]: (sources[paths[src]], Path(pdf).read_bytes()) for src, pdf in done.items()}


@pytest.mark.parametrize("name", [s.name for s in fixture_documents()])
def test_print_check_finds_only_the_known_defects(pdfs, name: str) -> None:
    docx, pdf = pdfs[name]
    found = problems(pdf, docx_words(paragraphs(docx)))
    checks = {p.check for p in found}
    assert checks <= set(CHECKS)
    details = "; ".join(f"{p.check}: {p.where}" for p in found)
    assert checks == KNOWN.get(name, set()), details


def test_dates_in_two_styles_are_found(pdfs) -> None:
    docx, pdf = pdfs["mixed-dates"]
    assert {p.check for p in problems(pdf, docx_words(paragraphs(docx)))} == {"date_styles"}


def test_known_defects_name_real_fixtures_and_checks() -> None:
    names = {s.name for s in fixture_documents()}
    assert set(KNOWN) <= names
    assert set().union(*KNOWN.values()) <= set(CHECKS)
