"""docxtpl rendering in a sandboxed, autoescaping, strict Jinja environment."""

from __future__ import annotations

import io
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
        doc = DocxTemplate(source)
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
