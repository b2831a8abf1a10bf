"""The Jinja text of a DOCX template, part by part, one Word paragraph per line."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docxtpl import DocxTemplate

from docgen.rendering import patched_xml

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders as Jinja too.
BODY = "thân văn bản"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


@dataclass(frozen=True)
class SourcePart:
    """The Jinja source of one part of the document, as docxtpl will render it."""

    label: str  # where it is, in words a staff member knows: "thân văn bản", "đầu trang"
    source: str

    def paragraph(self, lineno: int | None) -> str:
        """The text of the Word paragraph on a source line (or the nearest one with text)."""
        lines = self.source.split("\n")
        if not lineno or not lines:
            return ""
        index = min(max(lineno - 1, 0), len(lines) - 1)
        for candidate in (index, *range(index - 1, -1, -1), *range(index + 1, len(lines))):
            text = html.unescape(_TAG.sub("", lines[candidate])).strip()
            if text:
                return text
        return ""


def _one_paragraph_per_line(xml: str) -> str:
    """docxtpl's own layout of the source: a line break before each paragraph."""
    return _PARAGRAPH_START.sub(r"\n<w:p\1", patched_xml(xml))


def source_parts(content: bytes) -> list[SourcePart]:
    """The body, headers, footers, footnotes and core properties, as Jinja sources."""
    doc = DocxTemplate(io.BytesIO(content))
    doc.init_docx()
    parts = [SourcePart(BODY, _one_paragraph_per_line(doc.get_xml()))]
    for uri, label in ((doc.HEADER_URI, "đầu trang"), (doc.FOOTER_URI, "chân trang")):
        for _key, part in doc.get_headers_footers(uri):
            parts.append(SourcePart(label, _one_paragraph_per_line(doc.get_part_xml(part))))
    for part in doc.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            parts.append(SourcePart("chú thích", _one_paragraph_per_line(part.blob.decode())))
    core = doc.docx.core_properties
    for name in PROPERTIES:
        value = getattr(core, name) or ""
        if "{" in value:
            parts.append(SourcePart(f"thuộc tính tài liệu “{name}”", value))
    return parts


def paragraph_texts(content: bytes) -> list[tuple[str, str]]:
    """Every paragraph's text with where it is: body (tables included), headers, footers."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any) -> Iterator[str]:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                yield child.text
            elif isinstance(child, Table):
                for row in child.rows:
                    for cell in row.cells:
                        yield from walk(cell)

    doc = Document(io.BytesIO(content))
    out = [(BODY, text) for text in walk(doc)]
    seen: set[int] = set()
    for section in doc.sections:
        for label, part in (("đầu trang", section.header), ("chân trang", section.footer)):
            for variant in (
                part,
                section.first_page_header if label == "đầu trang" else section.first_page_footer,
            ):
                if variant.is_linked_to_previous or id(variant._element) in seen:
                    continue
                seen.add(id(variant._element))
                out += [(label, text) for text in walk(variant)]
    return out
