"""What a template reads from its context, found by walking the Jinja AST against the context's shape.

jinja2.meta only lists top-level names; a staff member's typo is usually deeper
(`signer.nam`, `{% for x in recipients %}{{ x.foo }}`), and an attack is in attributes
(`''.__class__`). So the walker follows Getattr/Getitem chains and loop targets, with scopes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

# Names and attributes that lead from a template to Python's internals (or to Jinja's helpers
# that have been used to get there). The sandbox stops them at render time; we refuse them at
# upload time, with a message, so they never reach a render.
FORBIDDEN_NAMES = frozenset(
    {"self", "cycler", "joiner", "namespace", "lipsum", "config", "request", "session",
     "url_for", "os", "sys", "builtins", "import", "eval", "exec", "open", "getattr"}
)  # fmt: skip
FORBIDDEN_ATTRS = frozenset(
    {"mro", "globals", "func_globals", "f_globals", "f_locals", "f_builtins", "f_back",
     "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "tb_frame", "co_code",
     "format", "format_map", "subclasses", "builtins", "import", "modules", "environment",
     "module", "self", "im_func", "func_code", "load", "register"}
)  # fmt: skip
# Methods that change data in place: `{% for i in l %}{{ l.append(i) }}` never ends.
MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem",
     "add", "discard"}
)  # fmt: skip
# Arithmetic a document never needs and that can stall a worker (Jinja folds constants while
# compiling, so `{{ 10 ** 10 ** 9 }}` hangs before any render): `**`, large `*`, large `range`.
HEAVY_LIMIT = 1000
FORBIDDEN_FILTERS = frozenset({"attr", "format"})
# Filters whose numeric arguments size their output (`""|center(99999999)` is 100 MB): refused
# unless every number they get is a small constant.
SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "random"})
# Statements that would reach outside the one document.
FORBIDDEN_STATEMENTS = (nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)
ALLOWED_GLOBALS = frozenset({"range", "dict"})
# Filters that keep their input's shape, or give one of its items.
SAME_SHAPE_FILTERS = frozenset({"default", "d", "list", "sort", "reverse", "unique", "e", "escape"})
ITEM_FILTERS = frozenset({"first", "last", "random", "min", "max"})
DICT_METHODS = frozenset({"items", "keys", "values", "get"})


@dataclass
class Shape:
    """The shape of a context value: a mapping with keys, a list with items, a leaf, or unknown."""

    kind: str  # "map", "list", "leaf", "any"
    keys: dict[str, Shape] = field(default_factory=dict)
    item: Shape | None = None
    leaf: type | None = None

    @classmethod
    def of(cls, value: Any) -> Shape:
        """The shape of a value."""
        if isinstance(value, Mapping):
            return cls("map", keys={str(k): cls.of(v) for k, v in value.items()})
        if isinstance(value, list | tuple):
            item: Shape | None = None
            for element in value:
                item = cls.of(element) if item is None else item.merge(cls.of(element))
            return cls("list", item=item or ANY)
        return cls("leaf", leaf=type(value))

    def merge(self, other: Shape) -> Shape:
        """A shape covering both (several fixtures give a fuller picture than one)."""
        if self.kind != other.kind:
            return ANY if "any" in (self.kind, other.kind) else Shape("leaf", leaf=None)
        if self.kind == "map":
            keys = dict(self.keys)
            for name, shape in other.keys.items():
                keys[name] = keys[name].merge(shape) if name in keys else shape
            return Shape("map", keys=keys)
        if self.kind == "list":
            return Shape("list", item=(self.item or ANY).merge(other.item or ANY))
        return self if self.leaf is other.leaf else Shape("leaf", leaf=None)


ANY = Shape("any")


@dataclass(frozen=True)
class Ref:
    """A value in the template: its shape and, when it comes from the context, its path."""

    shape: Shape
    path: str | None = None


@dataclass(frozen=True)
class Problem:
    """A name or attribute the context lacks, or a reach for Python internals."""

    kind: str  # "unknown", "forbidden" (Python internals) or "heavy" (could stall the server)
    name: str  # the expression as written: "signer.nam", "x.foo", "''.__class__"
    lineno: int
    known: tuple[str, ...] = ()  # what exists at that level, for a suggestion
    via: str = ""  # for a loop variable: the list it walks ("recipients")


@dataclass
class Usage:
    """What one template source reads, and what it must not."""

    paths: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def leaf_paths(self) -> set[str]:
        """The used paths that are not merely the start of a longer one."""
        return {
            p
            for p in self.paths
            if not any(
                q != p and (q.startswith(p + ".") or q.startswith(p + "[]")) for q in self.paths
            )
        }


def _is_range_call(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "range"
    )


def _big(node: nodes.Node) -> bool:
    """A constant number too large for anything a document prints."""
    return (
        isinstance(node, nodes.Const)
        and isinstance(node.value, int | float)
        and abs(node.value) > HEAVY_LIMIT
    )


class _Walker:
    """One pass over a template's AST with a stack of scopes."""

    def __init__(self, root: Shape, filters: Iterable[str]) -> None:
        self.root = root
        self.filters = set(filters)
        self.usage = Usage()
        # Each scope maps a local name to (its shape, the name as shown, the list it walks).
        self.scopes: list[dict[str, tuple[Ref, str, str]]] = [{}]

    # --- helpers
    def problem(self, kind: str, name: str, node: nodes.Node, **extra: Any) -> None:
        self.usage.problems.append(Problem(kind, name, node.lineno or 0, **extra))

    def lookup(self, name: str) -> tuple[Ref, str, str] | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def bind(self, target: nodes.Node, ref: Ref, via: str = "") -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = (ref, target.name, via)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, Ref(ANY))
        elif isinstance(target, nodes.NSRef):
            self.problem("forbidden", f"{target.name}.{target.attr}", target)

    def body(self, statements: Iterable[nodes.Node], scope: dict[str, Any] | None = None) -> None:
        self.scopes.append(dict(scope or {}))
        try:
            for statement in statements:
                self.stmt(statement)
        finally:
            self.scopes.pop()

    # --- statements
    def stmt(self, node: nodes.Node) -> None:
        if isinstance(node, FORBIDDEN_STATEMENTS):
            self.problem("forbidden", type(node).__name__.lower(), node)
        elif isinstance(node, nodes.For):
            iterated = self.expr(node.iter)
            shape = iterated.shape
            item = shape.item if shape.kind == "list" and shape.item else ANY
            path = f"{iterated.path}[]" if iterated.path and shape.kind == "list" else None
            self.scopes.append({"loop": (Ref(ANY), "loop", "")})
            self.bind(node.target, Ref(item, path), via=iterated.path or "")
            try:
                if node.test is not None:
                    self.expr(node.test)
                for statement in node.body:
                    self.stmt(statement)
            finally:
                self.scopes.pop()
            self.body(node.else_)
        elif isinstance(node, nodes.If):
            self.expr(node.test)
            self.body(node.body)
            for branch in node.elif_:
                self.stmt(branch)
            self.body(node.else_)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node))
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body)
            self.bind(node.target, Ref(ANY))
        elif isinstance(node, nodes.With):
            refs = [self.expr(value) for value in node.values]
            self.scopes.append({})
            for target, ref in zip(node.targets, refs, strict=False):
                self.bind(target, ref)
            try:
                for statement in node.body:
                    self.stmt(statement)
            finally:
                self.scopes.pop()
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = (Ref(ANY), node.name, "")
            else:
                self.expr(node.call)
            for default in node.defaults:
                self.expr(default)
            names = {arg.name for arg in node.args} | {"varargs", "kwargs", "caller"}
            self.body(node.body, {name: (Ref(ANY), name, "") for name in names})
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child)
                else:
                    self.stmt(child)

    # --- expressions
    def expr(self, node: nodes.Node) -> Ref:
        if isinstance(node, nodes.Name):
            return self.name(node)
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.expr(node.node), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.member(node, base, node.arg.value)
            self.expr(node.arg)
            if base.shape.kind == "list":
                return Ref(base.shape.item or ANY, f"{base.path}[]" if base.path else None)
            return Ref(ANY)
        if isinstance(node, nodes.Filter | nodes.Test):
            return self.filter(node)
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and "__" in node.value:
                self.problem("forbidden", repr(node.value), node)
            return Ref(Shape("leaf", leaf=type(node.value)))
        if isinstance(node, nodes.NSRef):
            self.problem("forbidden", f"{node.name}.{node.attr}", node)
            return Ref(ANY)
        self.heavy(node)
        for child in node.iter_child_nodes():
            self.expr(child)
        return Ref(ANY)

    def heavy(self, node: nodes.Node) -> None:
        """Refuse arithmetic and loops that could stall the server."""
        if isinstance(node, nodes.Pow):
            self.problem("heavy", "**", node)
        elif isinstance(node, nodes.Mod) and not (
            isinstance(node.left, nodes.Const | nodes.Name | nodes.Getattr | nodes.Getitem)
            and not (isinstance(node.left, nodes.Const) and isinstance(node.left.value, str))
        ):
            # "%99999999d" % 1: printf-style formatting with a width. A document needs no `%`
            # beyond the remainder of a number.
            self.problem("heavy", "%", node)
        elif isinstance(node, nodes.Mul):
            operands = (node.left, node.right)
            if any(isinstance(o, nodes.Mul | nodes.Pow) for o in operands) or any(
                _big(o) for o in operands
            ):
                self.problem("heavy", "*", node)
        elif _is_range_call(node) and self.lookup("range") is None:
            args = node.args if isinstance(node, nodes.Call) else []
            if not args or not all(isinstance(a, nodes.Const) and not _big(a) for a in args):
                self.problem("heavy", "range(…)", node)

    def name(self, node: nodes.Name) -> Ref:
        local = self.lookup(node.name)
        if local is not None:
            return local[0]
        if node.name.startswith("_") or node.name in FORBIDDEN_NAMES:
            self.problem("forbidden", node.name, node)
            return Ref(ANY)
        if node.name in self.root.keys:
            self.usage.paths.add(node.name)
            return Ref(self.root.keys[node.name], node.name)
        if node.name in ALLOWED_GLOBALS:
            return Ref(ANY)
        self.problem("unknown", node.name, node, known=tuple(sorted(self.root.keys)))
        return Ref(ANY)

    def member(self, node: nodes.Node, base: Ref, attr: str) -> Ref:
        written = f"{self._written(node)}"
        if attr.startswith("_") or attr in FORBIDDEN_ATTRS:
            self.problem("forbidden", written, node)
            return Ref(ANY)
        if attr in MUTATING_METHODS:
            self.problem("heavy", written, node)
            return Ref(ANY)
        shape = base.shape
        path = f"{base.path}.{attr}" if base.path else None
        if shape.kind == "map":
            if attr in shape.keys:
                if path:
                    self.usage.paths.add(path)
                return Ref(shape.keys[attr], path)
            if attr in DICT_METHODS:
                return Ref(ANY)
        elif (
            shape.kind == "leaf"
            and (shape.leaf is None or hasattr(shape.leaf, attr))
            or shape.kind == "any"
        ):
            return Ref(ANY)
        via = ""
        root_name = self._root_name(node)
        if root_name:
            local = self.lookup(root_name)
            via = local[2] if local else ""
        self.problem("unknown", written, node, known=tuple(sorted(shape.keys)), via=via)
        return Ref(ANY)

    def filter(self, node: nodes.Filter | nodes.Test) -> Ref:
        is_filter = isinstance(node, nodes.Filter)
        if is_filter and node.name in FORBIDDEN_FILTERS:
            self.problem("forbidden", f"|{node.name}", node)
        if is_filter and node.name in SIZED_FILTERS:
            sizes = [*node.args, *(kw.value for kw in node.kwargs)]
            if (
                node.dyn_args
                or node.dyn_kwargs
                or any(not isinstance(a, nodes.Const) or _big(a) for a in sizes)
            ):
                self.problem("heavy", f"|{node.name}(…)", node)
        undefined_test = isinstance(node, nodes.Test) and node.name in {"defined", "undefined"}
        base = Ref(ANY)
        if node.node is not None and not undefined_test:
            base = self.expr(node.node)
        for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
            self.expr(arg)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra)
        if is_filter and node.name in SAME_SHAPE_FILTERS:
            return base
        if is_filter and node.name in ITEM_FILTERS and base.shape.kind == "list":
            return Ref(base.shape.item or ANY, f"{base.path}[]" if base.path else None)
        return Ref(ANY)

    @staticmethod
    def _root_name(node: nodes.Node) -> str | None:
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            node = node.node
        return node.name if isinstance(node, nodes.Name) else None

    @classmethod
    def _written(cls, node: nodes.Node) -> str:
        """The expression roughly as the editor wrote it."""
        if isinstance(node, nodes.Name):
            return node.name
        if isinstance(node, nodes.Getattr):
            return f"{cls._written(node.node)}.{node.attr}"
        if isinstance(node, nodes.Getitem):
            arg = node.arg.value if isinstance(node.arg, nodes.Const) else "…"
            return f"{cls._written(node.node)}[{arg!r}]"
        if isinstance(node, nodes.Const):
            return repr(node.value)
        return "…"


def analyse(template: nodes.Template, root: Shape, filters: Iterable[str]) -> Usage:
    """Walk a parsed template: the context paths it reads and its problems, with line numbers."""
    walker = _Walker(root, filters)
    for statement in template.body:
        walker.stmt(statement)
    return walker.usage
