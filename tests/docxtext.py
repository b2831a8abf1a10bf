"""Reading a DOCX the way a person reads it: paragraphs in order, tables row by row."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def _blocks(parent) -> Iterator[str]:
    for child in parent.iter_inner_content():
        if isinstance(child, Paragraph):
            yield child.text
        elif isinstance(child, Table):
            for row in child.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell)


def paragraphs(docx: bytes) -> list[str]:
    """Non-empty paragraphs, NFC, whitespace collapsed, in reading order."""
    out = []
    for text in _blocks(Document(io.BytesIO(docx))):
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
        if text:
            out.append(text)
    return out
