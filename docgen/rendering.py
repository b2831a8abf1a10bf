"""docxtpl rendering in a sandboxed, autoescaping, strict Jinja environment."""

from __future__ import annotations

import functools
import io
import threading
from collections import OrderedDict
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


def jinja_env() -> SandboxedEnvironment:
    """A fresh environment: sandboxed (no Python internals), autoescaped, strict about names."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


class _CompilingOnceEnvironment(SandboxedEnvironment):
    """A sandboxed environment that compiles each template source once."""

    # docxtpl hands the whole document.xml to from_string on every render; compiling it is
    # half the render time, and a batch renders the same template hundreds of times. The key
    # is the source itself, so an edited template is simply a new entry.
    max_cached = 64

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            if source in self._compiled:
                self._compiled.move_to_end(source)
                return self._compiled[source]
        template = super().from_string(source)
        with self._lock:
            self._compiled[source] = template
            while len(self._compiled) > self.max_cached:
                self._compiled.popitem(last=False)
        return template


@functools.cache
def _shared_env() -> SandboxedEnvironment:
    """The environment renders share, built on first use (never at import)."""
    env = _CompilingOnceEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


@functools.lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    """docxtpl's clean-up of a part's XML for Jinja; pure, so each source is patched once."""
    return DocxTemplate.patch_xml(None, src_xml)


class _Template(DocxTemplate):
    """DocxTemplate with its XML clean-up remembered across renders of the same template."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


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
        doc.render(dict(context), _shared_env(), autoescape=True)
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
