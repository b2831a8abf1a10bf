"""The guide staff read beside a template: every name it may use, what it means, an example.

Generated from the type's contexts (built from its fixtures: which names exist, which are lists
and what their items hold, an example of each) and its schema (the Vietnamese label of a field a
name copies, written `@field` in the meanings). The meanings of computed names are declared next
to the code that computes them (`docgen/context.py`, each doctype's `guide`); a test requires one
for every name, so the guide cannot fall behind the data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from marshmallow import Schema

from docgen.context import FRAME_MEANINGS, ROUND_MEANINGS
from docgen.doctypes.base import DocumentType
from docgen.template_text import file_text

OPTIONAL = "(có thể trống)"
_LOOP = re.compile(r"{%-?p?\s*for\s+(\w+)\s+in\s+([\w.]+)")
_NAMES = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*")
_TAGS = re.compile(r"{{.*?}}|{%.*?%}")
COMMENT_AUTHOR = "docgen"


@dataclass(frozen=True)
class Entry:
    """One name a template may use."""

    path: str  # "lich[].dai_bieu[].ten": where it is in the data
    name: str  # how the template names it: "don_vi", "r.stt" (inside {%p for r in lich %})
    write: str  # how the template writes it: "{{ r.stt }}", "{%p for r in lich %}"
    meaning: str  # Vietnamese
    example: str  # from the first fixture that has one
    kind: str  # "chữ", "số", "đúng/sai", "danh sách", "nhóm"
    depth: int  # how many lists or groups it sits in
    condition: bool  # worth an {% if %}: true or false, or empty in some documents


def meanings(doc: DocumentType) -> dict[str, str]:
    """Every declared meaning of the type's names, `@field` references resolved."""
    declared = {**FRAME_MEANINGS, **(ROUND_MEANINGS if doc.round_drafts else {}), **doc.guide}
    return {path: _resolve(doc.schema, text) for path, text in declared.items()}


def _resolve(schema: type[Schema], text: str) -> str:
    """ "@meeting.venue" → the schema field's Vietnamese label (and help), else the text."""
    if not text.startswith("@"):
        return text
    target = text[1:].split(" ", 1)
    node: Any = schema()
    for name in target[0].split("."):
        field = node.fields[name]
        node = getattr(field, "schema", None) or getattr(
            getattr(field, "inner", None), "schema", None
        )
        meta = field.metadata
    words = meta.get("label", target[0])
    if meta.get("description"):
        words += f" — {meta['description']}"
    return words + (f" {target[1]}" if len(target) > 1 else "")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "đúng/sai"
    if isinstance(value, int | float):
        return "số"
    if isinstance(value, Mapping):
        return "nhóm"
    if isinstance(value, list | tuple):
        return "danh sách"
    return "chữ"


def _example(value: Any) -> str:
    if isinstance(value, bool):
        return "đúng" if value else "sai"
    if isinstance(value, list | tuple):
        return f"{len(value)} mục"
    if isinstance(value, Mapping):
        return ""
    text = str(value)
    return text if len(text) <= 90 else text[:87] + "…"


def _values(contexts: Sequence[Any], path: str) -> list[Any]:
    """Every value at a path across the contexts (through every item of every list)."""
    found = list(contexts)
    for step in path.split("."):
        name, lists = step.rstrip("[]"), step.count("[]")
        found = [v[name] for v in found if isinstance(v, Mapping) and name in v]
        for _ in range(lists):
            found = [item for v in found if isinstance(v, list | tuple) for item in v]
    return found


def _paths(value: Any, prefix: str = "") -> list[str]:
    """Every path of a context, depth first, lists marked "[]"."""
    out = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.append(path)
            out.extend(_paths(item, path))
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, Mapping):
                for sub in _paths(item, prefix + "[]"):
                    if sub not in out:
                        out.append(sub)
    return out


def context_paths(contexts: Sequence[Mapping[str, Any]]) -> list[str]:
    """The names every sample context holds, merged, in order of appearance."""
    out: list[str] = []
    for context in contexts:
        for path in _paths(context):
            if path not in out:
                out.append(path)
    return out


def loop_names(template: Path) -> dict[str, str]:
    """The loop variable the template names each list with: {"lich": "r", "lich[].dai_bieu": "d"}."""
    found: dict[str, str] = {}
    names: dict[str, str] = {}  # loop variable → the list path it walks
    for var, source in _LOOP.findall(file_text(template)):
        head, _, rest = source.partition(".")
        path = f"{names[head]}[].{rest}" if head in names and rest else source
        names[var] = path
        found.setdefault(path, var)
    return found


def _name(path: str, loops: Mapping[str, str]) -> str:
    """How the template names a path: "don_vi", or "r.stt" inside the loop over "lich"."""
    head, _, field = path.rpartition("[].")
    return f"{loops.get(head, 'muc')}.{field}" if head else path


def _write(path: str, loops: Mapping[str, str], kind: str) -> str:
    """How the template writes a name: {{ don_vi }}, {{ r.stt }}, {%p for r in lich %}."""
    name = _name(path, loops)
    if kind == "danh sách":
        return f"{{%p for {loops.get(path, 'muc')} in {name} %}}"
    if kind == "nhóm":
        return f"{name}.…"
    return f"{{{{ {name} }}}}"


def guide(doc: DocumentType, contexts: Sequence[Mapping[str, Any]], template: Path) -> list[Entry]:
    """Every name of the type's data, in order, with its meaning and an example."""
    known = meanings(doc)
    loops = loop_names(template)
    entries = []
    for path in context_paths(contexts):
        values = _values(contexts, path)
        sample = next(
            (v for v in values if v not in ("", None, [], {})), values[0] if values else ""
        )
        kind = _kind(sample)
        meaning = known.get(path, "")
        entries.append(
            Entry(
                path=path,
                name=_name(path, loops),
                write=_write(path, loops, kind),
                meaning=meaning.replace(OPTIONAL, "").strip(),
                example=_example(sample),
                kind=kind,
                depth=path.count("[].") + path.replace("[].", "").count("."),
                condition=kind == "đúng/sai"
                or OPTIONAL in meaning
                or any(v in ("", None, []) for v in values),
            )
        )
    return entries


def undeclared(doc: DocumentType, contexts: Sequence[Mapping[str, Any]]) -> list[str]:
    """Names of the data with no meaning declared (a test keeps this empty)."""
    known = meanings(doc)
    return [path for path in context_paths(contexts) if not known.get(path)]


def stale(doc: DocumentType, contexts: Sequence[Mapping[str, Any]]) -> list[str]:
    """Meanings declared for names the data no longer has (a test keeps this empty)."""
    paths = set(context_paths(contexts))
    own = {**(ROUND_MEANINGS if doc.round_drafts else {}), **doc.guide}
    return [path for path in own if path not in paths]


def _paragraphs(parent: Any) -> Iterator[Paragraph]:
    for child in parent.iter_inner_content():
        if isinstance(child, Paragraph):
            yield child
        elif isinstance(child, Table):
            for row in child.rows:
                for cell in row.cells:
                    yield from _paragraphs(cell)


def annotated(content: bytes, entries: Sequence[Entry]) -> bytes:
    """The template with a Word comment on each run that holds data: what each name means."""
    by_name = {e.name: e for e in entries}
    doc = Document(io.BytesIO(content))
    seen: set[Any] = set()  # the run elements themselves: kept alive, so compared by identity
    for paragraph in _paragraphs(doc):
        for run in paragraph.runs:
            if run._r in seen:  # a merged cell is visited once per column it spans
                continue
            seen.add(run._r)
            names = [
                name
                for tag in _TAGS.findall(run.text)
                for name in dict.fromkeys(_NAMES.findall(tag))
                if name in by_name
            ]
            lines = [
                f"{name}: {by_name[name].meaning}"
                + (f" (ví dụ: {by_name[name].example})" if by_name[name].example else "")
                for name in dict.fromkeys(names)
            ]
            if lines:
                doc.add_comment(run, "\n".join(lines), author=COMMENT_AUTHOR, initials="DG")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
