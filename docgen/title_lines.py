"""Titles never end on a lone short word: the last two words of a title line stay together.

A centred bold paragraph of the body (a type name, a summary under it, an appendix title) that
wraps can leave its last word alone on the last line: "… HĐND xã Biên Sơn khóa" / "I". A văn
thư fixes that by hand with a non-breaking space; docgen does it on every render, for a last
word of four letters or fewer (the print check's rule), whatever template the text came from.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

NBSP = "\u00a0"
SHORT = 4  # a last word this long or shorter is joined to the word before it


def _on(props: Any, tag: str) -> bool:
    """Whether a run or paragraph-mark property (w:b, w:jc…) is set and not switched off."""
    if props is None:
        return False
    found = props.find(qn(tag))
    return found is not None and found.get(qn("w:val")) not in ("0", "false", "off")


def _is_title(paragraph: Any) -> bool:
    """Centred, with every run that shows text bold."""
    ppr = paragraph.find(qn("w:pPr"))
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    if jc is None or jc.get(qn("w:val")) != "center":
        return False
    texts = [r for r in paragraph.iter(qn("w:r")) if "".join(_texts(r)).strip()]
    return bool(texts) and all(_on(r.find(qn("w:rPr")), "w:b") for r in texts)


def _texts(run: Any) -> list[str]:
    return [t.text or "" for t in run.iter(qn("w:t"))]


def join_last_words(paragraph: Any) -> bool:
    """Put a non-breaking space before a short last word of the paragraph; True if changed."""
    nodes = [t for t in paragraph.iter(qn("w:t")) if t.text]
    text = "".join(t.text for t in nodes)
    words = text.split()
    # A line of two words ("BÁO CÁO", "Phụ lục") never wraps: its words stay as typed.
    if len(words) < 3 or len(words[-1]) > SHORT:
        return False
    # The space just before the last word: the last whitespace before its first character.
    end = len(text.rstrip())
    start = end - len(words[-1])
    gap = start - 1
    if gap < 0 or text[gap] not in " \t":
        return False
    offset = 0
    for node in nodes:
        if offset <= gap < offset + len(node.text):
            i = gap - offset
            node.text = node.text[:i] + NBSP + node.text[i + 1 :]
            return True
        offset += len(node.text)
    return False


def keep_title_endings(document: Any) -> None:
    """Join the short last word of every title line of the body (not tables, not headers)."""
    for paragraph in document.element.body.iterchildren(qn("w:p")):
        if _is_title(paragraph):
            join_last_words(paragraph)
