"""A DOCX read as a person reads it: paragraphs in order, tables row by row, with their styles."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class Para:
    """One paragraph's text (NFC, spaces collapsed) and where it sits."""

    text: str
    style: str  # the paragraph style's name, "" when it has none
    where: str  # "body", "table" (a cell), "header" or "footer"


def _blocks(parent: Any, where: str) -> Iterator[Para]:
    for child in parent.iter_inner_content():
        if isinstance(child, Paragraph):
            text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", child.text)).strip()
            style = child.style.name if child.style is not None else ""
            yield Para(text, style or "", where)
        elif isinstance(child, Table):
            for row in child.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell, "table")


def read_paragraphs(docx: bytes, *, headers: bool = False) -> list[Para]:
    """Every paragraph of the body (and, when asked, of the first section's header and footer)."""
    document = Document(io.BytesIO(docx))
    out: list[Para] = []
    if headers:
        for section in document.sections:
            for part, where in ((section.header, "header"), (section.footer, "footer")):
                if not part.is_linked_to_previous or section is document.sections[0]:
                    out.extend(p for p in _blocks(part, where) if p.text)
    out.extend(_blocks(document, "body"))
    return out


def text_lines(docx: bytes) -> list[str]:
    """The non-empty paragraphs' text, in reading order."""
    return [p.text for p in read_paragraphs(docx) if p.text]
