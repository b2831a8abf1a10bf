"""Helpers that let tests look inside a PDF: its text, its fonts, its pages."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    """Return the text of all pages, NFC-normalised, pages separated by newlines."""
    # pypdf gives LibreOffice's Liberation Serif text back as NFC already (tested); normalising
    # keeps comparisons honest should a PDF carry decomposed text.
    pages = (page.extract_text() for page in _reader(pdf).pages)
    return unicodedata.normalize("NFC", "\n".join(pages))


def pdf_paragraph_text(pdf: bytes) -> str:
    """Return pdf_text with every run of whitespace collapsed to one space."""
    return " ".join(pdf_text(pdf).split())


def page_count(pdf: bytes) -> int:
    """Return the number of pages."""
    return len(_reader(pdf).pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    """Return the font names of every page and the Form XObjects they draw, without subset tags."""
    fonts: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for page in _reader(pdf).pages:
        _collect_fonts(page.get("/Resources"), fonts, seen)
        # Annotation appearances (form fields, stamps) are drawn too and carry their own fonts.
        for annot in _array(page.get("/Annots")):
            appearance = _dict(_dict(annot).get("/AP"))
            for stream in appearance.values():
                _collect_xobject(stream, fonts, seen)
    return fonts


def _dict(obj: object) -> DictionaryObject:
    """Resolve obj; an empty dictionary if it is not one."""
    obj = obj.get_object() if isinstance(obj, PdfObject) else obj
    return obj if isinstance(obj, DictionaryObject) else DictionaryObject()


def _array(obj: object) -> list[object]:
    """Resolve obj; an empty list if it is not an array."""
    obj = obj.get_object() if isinstance(obj, PdfObject) else obj
    return list(obj) if isinstance(obj, ArrayObject) else []


def _collect_fonts(resources: object, fonts: set[str], seen: set[tuple[int, int]]) -> None:
    res = _dict(resources)
    for font in _dict(res.get("/Font")).values():
        _add_font(font, fonts, seen)
    for xobject in _dict(res.get("/XObject")).values():
        _collect_xobject(xobject, fonts, seen)


def _collect_xobject(ref: object, fonts: set[str], seen: set[tuple[int, int]]) -> None:
    # Guard against XObjects that (directly or indirectly) draw themselves.
    if isinstance(ref, IndirectObject):
        key = (ref.idnum, ref.generation)
        if key in seen:
            return
        seen.add(key)
    xobject = _dict(ref)
    if isinstance(xobject, StreamObject):
        # Images have no fonts; appearance streams often omit their /Form subtype.
        if xobject.get("/Subtype") in (None, NameObject("/Form")):
            _collect_fonts(xobject.get("/Resources"), fonts, seen)
    else:
        # An appearance dictionary of states (/On, /Off) rather than a stream.
        for state in xobject.values():
            _collect_xobject(state, fonts, seen)


def _add_font(ref: object, fonts: set[str], seen: set[tuple[int, int]]) -> None:
    font = _dict(ref)
    base = font.get("/BaseFont")
    if base is not None:
        fonts.add(_SUBSET_PREFIX.sub("", str(base).lstrip("/")))
    elif font.get("/Subtype") == NameObject("/Type3"):
        # Type 3 fonts have no BaseFont; report them so a fallback cannot hide.
        fonts.add(f"Type3:{str(font.get('/Name', '')).lstrip('/')}")
        _collect_fonts(font.get("/Resources"), fonts, seen)
    for descendant in _array(font.get("/DescendantFonts")):
        _add_font(descendant, fonts, seen)
