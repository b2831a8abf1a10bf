"""docxtpl rendering in a sandboxed, autoescaping, strict Jinja environment."""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from docgen import vn
from docgen.errors import RenderFailed

FILTERS = {
    "upper_vn": vn.upper,
    "lower_vn": vn.lower,
    "pad2": vn.pad2,
    "date_phrase": vn.date_phrase,
    "short_date": vn.short_date,
    "weekday": vn.weekday_name,
    "roman": vn.roman,
    "words": vn.number_words,
    "words_with_digits": vn.words_with_digits,
    "number": vn.format_number,
}


class _CachingEnvironment(SandboxedEnvironment):
    """Sandboxed environment that compiles each distinct template source once.

    docxtpl hands the whole document XML to ``from_string`` on every render; compiling it is
    most of a render's cost, and the source only changes when the template file does.
    """

    MAX_ENTRIES = 64

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined)
        self.filters.update(FILTERS)
        self._compiled: dict[str, jinja2.Template] = {}
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            with self._lock:
                if len(self._compiled) >= self.MAX_ENTRIES:
                    self._compiled.clear()
                self._compiled[source] = template
        return template


@functools.cache
def jinja_env() -> SandboxedEnvironment:
    """The shared environment: sandboxed (no Python internals), autoescaped, strict about names."""
    return _CachingEnvironment()


@functools.lru_cache(maxsize=64)
def _patched(xml: str) -> str:
    """docxtpl's clean-up of the raw XML (a pure function of it), done once per source."""
    return str(DocxTemplate.patch_xml(None, xml))


def patched_xml(xml: str) -> str:
    """The XML as docxtpl renders it: Jinja tags cleaned of Word's run splits."""
    return _patched(xml)


_LISTING_CHARS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class _Template(DocxTemplate):
    """A DocxTemplate whose XML clean-up is cached across renders."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl rewrites tabs, line breaks, \a and \f inside <w:t> text, visiting every run of
        # every paragraph with nested regexes (a fifth of a 500-item report's render). When no
        # text holds one of them, its result is the input: one scan decides.
        if _LISTING_CHARS.search(xml) is None:
            return xml
        return str(super().resolve_listing(xml))


def _describe(exc: Exception) -> str:
    """A message a template editor can act on."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"Lỗi cú pháp mẫu (dòng {exc.lineno}): {exc.message}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"Mẫu dùng thao tác bị cấm: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"Mẫu dùng biến không có trong dữ liệu: {exc.message}"
    return f"Không thể điền dữ liệu vào mẫu: {exc}"


def render_docx(
    template: Path | bytes,
    context: Mapping[str, Any],
    properties: Mapping[str, str] | None = None,
) -> bytes:
    """Fill a DOCX template with the context; set the core properties; return the DOCX bytes."""
    source: Any = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    try:
        doc = _Template(source)
        doc.render(dict(context), jinja_env(), autoescape=True)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise RenderFailed(_describe(exc)) from exc
    core = doc.docx.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    core.created = core.modified = now
    core.last_modified_by = "docgen"
    for name, value in (properties or {}).items():
        setattr(core, name, value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
