"""Clerks' forms from the marshmallow schemas: the field tree, form data ⇄ nested JSON, error places.

Inputs are named by dotted paths (``signer.name``, ``legal_bases.0``, ``groups.1.deputies.0.name``),
the same paths the service's validation errors use, so an error finds its input by name alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, fields, validate

from docgen import typed

# Scalar kinds and the <input> they become; "group" and "list" hold other fields.
SCALAR_KINDS = (
    "text",
    "textarea",
    "integer",
    "number",
    "date",
    "datetime",
    "select",
    "checkbox",
    "mapping",
)
# Free text a clerk writes a sentence or more into (the schemas mark nothing else as long).
LONG_TEXT_NAMES = frozenset({"content", "summary", "answer", "area"})
# A document ends with who signs it and who receives it, whatever order the schema declares.
LAST_FIELDS = ("signer", "recipients", "archive")
CHOICE_MESSAGE = "Phải là một trong các giá trị:"  # errors.vi_message of marshmallow's OneOf
TRUE_VALUES = frozenset({"on", "true", "1", "yes", "có"})
# A list item's index inside an item template, per nesting depth: `__i0__`, `__i1__`, …
PLACEHOLDER = "__i{}__"


@dataclass(frozen=True)
class Choice:
    """One option of a select: the stored value and what the clerk reads."""

    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One node of a form: a scalar input, a group of fields, or a repeatable list."""

    name: str
    label: str
    kind: str
    help: str = ""
    required: bool = False
    nullable: bool = False
    choices: tuple[Choice, ...] = ()
    # The choices are the usual ones, not the only ones (a council's own list of fields).
    open_choices: bool = False
    children: tuple[FormField, ...] = ()  # a group's fields; a list's single item field
    min_items: int = 0
    table: bool = False  # a list of flat rows, shown as a table a clerk edits and pastes into
    checked: bool = False  # a checkbox ticked when the data leaves it out (its default is true)

    @property
    def item(self) -> FormField:
        """The field every item of a list is."""
        return self.children[0]

    @property
    def cells(self) -> tuple[FormField, ...]:
        """A table row's fields that fit in a cell each."""
        return tuple(c for c in self.children if is_cell(c))

    @property
    def extras(self) -> tuple[FormField, ...]:
        """A table row's fields that open to their long form in the row's last cell."""
        return tuple(c for c in self.children if not is_cell(c))

    def child(self, name: str) -> FormField | None:
        """A group's field by name."""
        return next((c for c in self.children if c.name == name), None)


def build_form(schema: Schema | type[Schema], name: str = "", label: str = "") -> FormField:
    """The form tree of a schema: one node per field, nested schemas as groups."""
    instance = schema() if isinstance(schema, type) else schema
    names = sorted(instance.fields, key=lambda n: LAST_FIELDS.index(n) if n in LAST_FIELDS else -1)
    children = tuple(
        _field(n, instance.fields[n]) for n in names if not instance.fields[n].dump_only
    )
    return FormField(name=name, label=label, kind="group", children=children, required=True)


def _meta(f: fields.Field) -> dict[str, Any]:
    return dict(f.metadata or {})


def _field(name: str, f: fields.Field) -> FormField:
    meta = _meta(f)
    label = meta.get("label") or meta.get("title") or name
    common: dict[str, Any] = {
        "name": name,
        "label": label,
        "help": meta.get("description", ""),
        "required": bool(f.required),
        "nullable": bool(f.allow_none),
    }
    if isinstance(f, fields.Nested):
        nested = build_form(f.schema, name, label)
        return FormField(kind="group", children=nested.children, **common)
    if isinstance(f, fields.Dict):
        return _mapping(f, meta, common)
    if isinstance(f, fields.List):
        inner = _field(name, f.inner)
        if inner.kind == "text":
            inner = FormField(**{**inner.__dict__, "kind": "textarea"})
        inner = FormField(
            **{**inner.__dict__, "label": item_label(label), "help": "", "required": True}
        )
        min_items = _min_length(f)
        if f.required and not min_items:
            min_items = 1 if inner.kind == "group" else 0
        return FormField(
            kind="list", children=(inner,), min_items=min_items, table=_flat(inner), **common
        )
    choices = _choices(f, meta)
    if choices:
        return FormField(kind="select", choices=choices, **common)
    if meta.get("open_choices") and meta.get("enum_labels"):
        offered = tuple(Choice(k, v) for k, v in meta["enum_labels"].items())
        return FormField(kind="select", choices=offered, open_choices=True, **common)
    kind = _scalar_kind(name, f, meta)
    if kind == "checkbox" and f.load_default is True:
        common["checked"] = True
    return FormField(kind=kind, **common)


def _flat(item: FormField) -> bool:
    """Whether items are rows of a table: three or more fields that fit in one cell each.

    The fields that do not fit (a nested group, a list of richer items) stay in the row, in a
    "more" cell that opens to their long form.
    """
    return item.kind == "group" and sum(is_cell(c) for c in item.children) >= 3


def is_cell(node: FormField) -> bool:
    """Whether a field fits in one table cell: a scalar, or a list of lines or of pairs."""
    if node.kind in SCALAR_KINDS:
        return node.kind != "mapping"
    return cell_parts(node) is not None


def cell_parts(node: FormField) -> tuple[str, ...] | None:
    """How a list fits in one cell: () for lines of text, (name, detail) for pairs, else None."""
    if node.kind != "list":
        return None
    item = node.item
    if item.kind in ("text", "textarea"):
        return ()
    texts = tuple(c.name for c in item.children if c.kind in ("text", "textarea"))
    if item.kind == "group" and 1 <= len(texts) <= 2 and len(texts) == len(item.children):
        return texts
    return None


def _mapping(f: fields.Dict, meta: Mapping[str, Any], common: dict[str, Any]) -> FormField:
    """A dict: one input per allowed key when the keys are choices, else "key: value" lines."""
    key_field = f.key_field
    keys = _choices(key_field, {**_meta(key_field), **meta}) if key_field is not None else ()
    if not keys:
        return FormField(kind="mapping", **common)
    value_field = f.value_field or fields.String()
    children = tuple(
        FormField(**{**_field(k.value, value_field).__dict__, "label": k.label, "required": False})
        for k in keys
    )
    return FormField(kind="group", children=children, **common)


def item_label(list_label: str) -> str:
    """What one item of a list is called: "Các Tổ đại biểu" → "Tổ đại biểu"."""
    for plural in ("Các ", "Những "):
        if list_label.startswith(plural) and len(list_label) > len(plural):
            rest = list_label[len(plural) :]
            return rest[0].upper() + rest[1:]
    return list_label


def _min_length(f: fields.Field) -> int:
    for v in _validators(f):
        if isinstance(v, validate.Length) and v.min:
            return int(v.min)
    return 0


def _validators(f: fields.Field) -> list[Any]:
    return list(getattr(f, "validators", []) or [])


def _choices(f: fields.Field, meta: Mapping[str, Any]) -> tuple[Choice, ...]:
    for v in _validators(f):
        if isinstance(v, validate.OneOf):
            labels = meta.get("enum_labels") or _known_labels(list(v.choices))
            return tuple(
                Choice(str(c), labels.get(c) or (str(c) if c else "(không)")) for c in v.choices
            )
    return ()


def _known_labels(choices: list[Any]) -> Mapping[str, str]:
    """Labels for a choice set declared without them (a dict's keys): a known set that holds it."""
    from docgen.vocab import COMPETENCE_LEVELS, PETITION_FIELDS, TIMINGS

    for known in (COMPETENCE_LEVELS, PETITION_FIELDS, TIMINGS):
        if set(choices) <= set(known):
            return known
    return {}


def _scalar_kind(name: str, f: fields.Field, meta: Mapping[str, Any]) -> str:
    if isinstance(f, fields.Boolean):
        return "checkbox"
    if isinstance(f, fields.Integer):
        return "integer"
    if isinstance(f, fields.Number):
        return "number"
    if isinstance(f, fields.DateTime):  # before Date: NaiveDateTime and AwareDateTime too
        return "datetime"
    if isinstance(f, fields.Date):
        return "date"
    if meta.get("widget") == "textarea" or name in LONG_TEXT_NAMES:
        return "textarea"
    return "text"


# ---------------------------------------------------------------------------------------------
# form data → nested JSON


def unflatten(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Dotted names and their values → a nested dict (list indices stay string keys)."""
    root: dict[str, Any] = {}
    for key, value in items:
        parts = key.split(".")
        node = root
        for part in parts[:-1]:
            nxt = node.get(part)
            if not isinstance(nxt, dict):
                nxt = node[part] = {}
            node = nxt
        node[parts[-1]] = value
    return root


_MISSING = object()


def form_to_data(form: FormField, items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Form fields named by dotted paths → the JSON a schema loads; blanks are left out."""
    return read_form(form, items)[0]


def read_form(
    form: FormField, items: Iterable[tuple[str, str]]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The JSON a schema loads, and what could not be read as typed (by path, in Vietnamese).

    A date, time or choice that cannot be read stays in the data exactly as typed, so the page
    shows it again next to its error.
    """
    problems: dict[str, list[str]] = {}
    converted = _convert(form, unflatten(items), "", problems)
    return (converted if isinstance(converted, dict) else {}), problems


def _convert(node: FormField, raw: Any, path: str, problems: dict[str, list[str]]) -> Any:
    """One node's raw form value → its JSON value, or _MISSING when the clerk left it blank."""
    if node.kind == "group":
        source = raw if isinstance(raw, dict) else {}
        out = {}
        for child in node.children:
            value = _convert(
                child, source.get(child.name, _MISSING), _join(path, child.name), problems
            )
            if value is not _MISSING:
                out[child.name] = value
        if not node.required and not _has_content(out):
            return _MISSING
        return out
    if node.kind == "list":
        if isinstance(raw, str):  # a table cell holding the whole list
            return _read_cell(node, raw, path, problems)
        source = raw if isinstance(raw, dict) else {}
        keys = sorted((k for k in source if k.isdigit()), key=int)
        values = [_convert(node.item, source[k], _join(path, k), problems) for k in keys]
        values = [v for v in values if v is not _MISSING and _has_content(v)]
        if values or node.required:
            return values
        return _MISSING
    if node.kind == "checkbox":
        return isinstance(raw, str) and raw.strip().lower() in TRUE_VALUES
    if node.kind == "mapping":
        return _parse_mapping(raw) if isinstance(raw, str) and raw.strip() else _MISSING
    if not isinstance(raw, str) or not raw.strip():
        return _MISSING
    if node.kind in ("integer", "number"):
        text = raw.strip().replace(" ", "")
        try:
            return int(text) if node.kind == "integer" else float(text.replace(",", "."))
        except ValueError:
            return raw  # the schema names the mistake in Vietnamese
    try:
        if node.kind == "date":
            return typed.parse_date(raw).isoformat()
        if node.kind == "datetime":
            return typed.parse_datetime(raw).isoformat(timespec="minutes")
        if node.kind == "select" and raw not in {c.value for c in node.choices}:
            return typed.parse_choice(node.choices, raw, open_choices=node.open_choices)
    except ValueError as exc:
        problems.setdefault(path, []).append(str(exc))
    return raw


def _read_cell(node: FormField, raw: str, path: str, problems: dict[str, list[str]]) -> Any:
    """A table cell's text → the list it stands for (lines, or "name (detail)" pairs)."""
    parts = cell_parts(node)
    if not raw.strip():
        return [] if node.required else _MISSING
    if not parts:
        return typed.split_list(raw)
    try:
        return typed.parse_pairs(parts, raw)
    except ValueError as exc:
        problems.setdefault(path, []).append(str(exc))
        return raw


def _parse_mapping(text: str) -> dict[str, Any]:
    """ "key: value" lines → a dict; whole numbers become integers."""
    out: dict[str, Any] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if key:
            out[key] = int(value) if re.fullmatch(r"-?\d+", value) else value
    return out


def _has_content(value: Any) -> bool:
    """Whether a converted value holds anything the clerk typed (a ticked box counts)."""
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_content(v) for v in value)
    return value is not False and value is not None and value != ""


# ---------------------------------------------------------------------------------------------
# nested JSON → form values, and the page's view of each field


def display_value(kind: str, value: Any) -> str:
    """How a JSON value is written into an input of this kind."""
    if value is None or value is _MISSING:
        return ""
    if kind == "checkbox":
        return "on" if value is True else ""
    if kind == "mapping" and isinstance(value, Mapping):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    if kind == "date":
        return typed.show_date(value)
    if kind == "datetime":
        return typed.show_datetime(value)
    if hasattr(value, "isoformat"):
        return display_value(kind, value.isoformat())
    return str(value)


def data_to_form(form: FormField, data: Mapping[str, Any]) -> dict[str, str]:
    """Nested JSON → {dotted input name: value}: what the page's inputs hold."""
    out: dict[str, str] = {}
    _flatten(form, data, "", out)
    return out


def _flatten(
    node: FormField, value: Any, path: str, out: dict[str, str], depth: int = 0, cell: bool = False
) -> None:
    if node.kind == "group":
        source = value if isinstance(value, Mapping) else {}
        for child in node.children:
            if child.name in source:
                inner = cell and is_cell(child)
                _flatten(child, source[child.name], _join(path, child.name), out, depth, inner)
            elif child.checked:  # left out, so true: the box is ticked
                out[_join(path, child.name)] = "on"
    elif node.kind == "list" and cell:
        text = _bind(node, value, path, {}, depth, cell=True).value
        if text:
            out[path] = text
    elif node.kind == "list":
        row = node.table and depth == 0
        for i, item in enumerate(value if isinstance(value, list) else []):
            _flatten(node.item, item, _join(path, str(i)), out, depth + 1, row)
    else:
        text = display_value(node.kind, value)
        if text:
            out[path] = text


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def input_id(path: str) -> str:
    """The HTML id of the input (or fieldset) at a dotted path."""
    return "f-" + path.replace(".", "-") if path else "f-form"


@dataclass
class Bound:
    """A form node bound to a place in the page: its path, value, errors and items."""

    field: FormField
    path: str
    value: str = ""
    errors: list[str] = dataclasses.field(default_factory=list)
    children: list[Bound] = dataclasses.field(default_factory=list)
    template: Bound | None = None  # a list's empty item, for the add button
    depth: int = 0
    cell: bool = False  # a cell of a table row (a list there is one text cell)

    @property
    def is_table(self) -> bool:
        """A list shown as a table of rows."""
        return self.field.kind == "list" and self.field.table and self.depth == 0

    @property
    def id(self) -> str:
        """The element's id."""
        return input_id(self.path)

    def runs(self) -> list[tuple[bool, list[Bound]]]:
        """The children in runs: (True, scalars side by side) or (False, [one group or list])."""
        out: list[tuple[bool, list[Bound]]] = []
        for child in self.children:
            scalar = child.field.kind not in ("group", "list")
            if scalar and out and out[-1][0]:
                out[-1][1].append(child)
            else:
                out.append((scalar, [child]))
        return out

    @property
    def next_index(self) -> int:
        """The index the add button gives the next item."""
        return len(self.children)


def bind(
    form: FormField,
    data: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]] | None = None,
) -> Bound:
    """The page's view of a form: every node with its path, value and errors."""
    return _bind(form, data or {}, "", errors or {}, 0)


def _bind(
    node: FormField,
    value: Any,
    path: str,
    errors: Mapping[str, list[str]],
    depth: int,
    *,
    row: bool = False,
    cell: bool = False,
) -> Bound:
    bound = Bound(node, path, errors=list(errors.get(path, [])), depth=depth, cell=cell)
    if node.kind == "group":
        source = value if isinstance(value, Mapping) else {}
        bound.children = [
            _bind(
                c, source.get(c.name), _join(path, c.name), errors, depth, cell=row and is_cell(c)
            )
            for c in node.children
        ]
    elif node.kind == "list" and cell:
        parts = cell_parts(node) or ()
        if isinstance(value, str):
            bound.value = value  # as typed, to be corrected
        elif parts:
            bound.value = typed.show_pairs(parts, value)
        else:
            bound.value = "; ".join(str(v) for v in value or [])
    elif node.kind == "list":
        items = list(value) if isinstance(value, list) else []
        items += [None] * max(0, node.min_items - len(items))
        row = node.table and depth == 0
        bound.children = [
            _bind(node.item, item, _join(path, str(i)), errors, depth + 1, row=row)
            for i, item in enumerate(items)
        ]
        placeholder = _join(path, PLACEHOLDER.format(depth))
        bound.template = _bind(node.item, None, placeholder, {}, depth + 1, row=row)
    else:
        if value is None and node.checked:
            value = True  # a new form shows the box ticked, as the data's default is
        bound.value = display_value(node.kind, value)
    return bound


def paths(bound: Bound) -> set[str]:
    """Every path the bound form shows (inputs, fieldsets, lists), placeholders excluded."""
    out = {bound.path}
    for child in bound.children:
        out |= paths(child)
    return out


def place_errors(
    fields_errors: Mapping[str, list[str]], shown: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Errors by the path of the element that shows them, and those no element shows.

    An error on a path the page has no input for (an unknown key in an uploaded file, an item
    dropped because it was blank) goes to the nearest shown ancestor, else to the page's summary.
    """
    placed: dict[str, list[str]] = {}
    unplaced: dict[str, list[str]] = {}
    for path, messages in fields_errors.items():
        target = path if path != "_schema" else ""
        while target and target not in shown:
            target = target.rpartition(".")[0]
        if target:
            placed.setdefault(target, []).extend(messages)
        else:
            unplaced.setdefault(path, []).extend(messages)
    return placed, unplaced


def label_of(form: FormField, path: str) -> str:
    """The clerk's name for a dotted path: labels joined by ›, list items numbered from 1."""
    node: FormField | None = form
    parts: list[str] = []
    for part in path.split(".") if path and path != "_schema" else []:
        if node is None or (node.kind == "group" and node.child(part) is None):
            parts.append(f"mục “{part}” trong tệp")  # a key the form has no field for
            node = None
        elif node.kind == "list" and part.isdigit():
            parts[-1:] = [f"{node.item.label} {int(part) + 1}"]
            node = node.item
        elif node.kind == "group":
            node = node.child(part)
            parts.append(node.label if node else part)
        else:
            parts.append(part)
            node = None
    return " › ".join(parts) or "Toàn bộ dữ liệu"


def node_at(form: FormField, path: str) -> FormField | None:
    """The form node at a dotted path (list indices step into the item), or None."""
    node: FormField | None = form
    for part in path.split(".") if path else []:
        if node is None:
            return None
        node = node.item if node.kind == "list" and part.isdigit() else node.child(part)
    return node


def plain_errors(form: FormField, errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Errors as a clerk reads them: a refused choice lists the labels, never the codes."""
    out = {}
    for path, messages in errors.items():
        node = node_at(form, path)
        if node is not None and node.kind == "select":
            allowed = ", ".join(c.label for c in node.choices if c.value)
            messages = [
                f"Chọn một trong: {allowed}." if m.startswith(CHOICE_MESSAGE) else m
                for m in messages
            ]
        out[path] = list(messages)
    return out


def field_paths(form: FormField, path: str = "", depth: int = 0, cell: bool = False) -> set[str]:
    """Every input's path, with `*` for list indices (for coverage checks); a table cell's list
    is one input."""
    if form.kind == "group":
        out: set[str] = set()
        for child in form.children:
            out |= field_paths(child, _join(path, child.name), depth, cell and is_cell(child))
        return out
    if form.kind == "list" and not cell:
        return field_paths(form.item, _join(path, "*"), depth + 1, form.table and depth == 0)
    return {path}
