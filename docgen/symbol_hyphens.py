"""Document symbols kept whole on the printed line: their hyphens become Word's non-breaking ones.

A symbol such as «72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN» or «01/KH-HĐND» is one token to a
reader, but a line breaker may cut it after any of its hyphens. Word's `<w:noBreakHyphen/>`
prints a hyphen that no line breaks after; LibreOffice prints it with the font's own hyphen (the
PDF's text reads "-", in Liberation Serif) and python-docx and the checker read it as "-", so
every text comparison holds. Done on the rendered document, whatever type and template made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.oxml.ns import qn

# A symbol: a run of characters without spaces holding a "/" and a hyphen between two of its
# characters (numbers, type and body abbreviations, "&" of merged offices).
_TOKEN = re.compile(r"\S*/\S*")
_INNER_HYPHEN = re.compile(r"(?<=[^\s\-])-(?=[^\s\-])")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def symbol_hyphens(text: str) -> list[int]:
    """Offsets in `text` of the hyphens that stand inside a symbol (a token with a "/")."""
    found: list[int] = []
    for token in _TOKEN.finditer(text):
        if "-" not in token.group():
            continue
        start = token.start()
        found.extend(start + m.start() for m in _INNER_HYPHEN.finditer(token.group()))
    return found


def _split(t: Any, offsets: list[int]) -> None:
    """Replace one <w:t> by its pieces around the given hyphens, with a noBreakHyphen for each."""
    text = t.text or ""
    run = t.getparent()
    index = run.index(t)
    pieces: list[Any] = []
    start = 0
    for offset in offsets:
        pieces.append(text[start:offset])
        pieces.append(None)
        start = offset + 1
    pieces.append(text[start:])
    run.remove(t)
    for piece in pieces:
        if piece is None:
            element = run.makeelement(qn("w:noBreakHyphen"), {})
        elif not piece:
            continue
        else:
            element = run.makeelement(qn("w:t"), {})
            element.text = piece
            element.set(_XML_SPACE, "preserve")
        run.insert(index, element)
        index += 1


def keep_symbols_whole(roots: Iterable[Any]) -> int:
    """Turn every hyphen inside a symbol in these XML trees into a non-breaking one; count them."""
    changed = 0
    for root in roots:
        for t in list(root.iter(qn("w:t"))):
            offsets = symbol_hyphens(t.text or "")
            if offsets and t.getparent() is not None and t.getparent().tag == qn("w:r"):
                _split(t, offsets)
                changed += len(offsets)
    return changed


def document_roots(document: Any) -> list[Any]:
    """The XML trees of a python-docx document that print text: body, headers, footers."""
    roots = [document.element]
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith(("/word/header", "/word/footer")) and hasattr(part, "element"):
            roots.append(part.element)
    return roots
