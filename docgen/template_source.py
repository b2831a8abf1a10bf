"""The Jinja text of a DOCX template, part by part, one Word paragraph per line."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from docxtpl import DocxTemplate

from docgen.rendering import patched_xml

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders as Jinja too.
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
    parts = [SourcePart("thân văn bản", _one_paragraph_per_line(doc.get_xml()))]
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
