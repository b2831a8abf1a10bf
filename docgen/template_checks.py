"""The checks an uploaded template passes before it becomes active, with messages staff can act on."""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.etree import ElementTree

import jinja2

from docgen import conversion, rendering
from docgen.errors import RenderFailed
from docgen.template_source import SourcePart, paragraph_texts, source_parts
from docgen.template_vars import Problem, Shape, Usage, analyse

ERROR, WARNING, INFO = "error", "warning", "info"
# Stricter than conversion's limits: a template is a few pages, never hundreds of megabytes.
MAX_ENTRIES = 1000
MAX_EXPANDED = 50 * 1024 * 1024
_MACRO_PARTS = re.compile(r"(^|/)vba\w*\.(bin|xml)$", re.IGNORECASE)
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_SAME_FINDING = 3
_CLOSERS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape"}


@dataclass(frozen=True)
class Finding:
    """One result of a check, in words a staff member can act on."""

    check: str  # package, macro, external, syntax, security, variable, unused, render, decree30, preview
    severity: str  # error, warning, info
    message: str  # Vietnamese
    where: str = ""  # the paragraph's text, or the part
    rule: str = ""  # the Decree 30 rule id, for decree30 findings

    def to_dict(self) -> dict[str, str]:
        """The JSON form."""
        return {k: v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CheckReport:
    """Every finding about one uploaded template, and what the test render produced."""

    type_id: str
    sha256: str
    findings: tuple[Finding, ...]
    rendered: bytes | None = field(default=None, repr=False)
    preview: bytes | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Finding]:
        """Findings that refuse the template."""
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that need the staff member's confirmation."""
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        """No error: the template may become active (after confirmation if there are warnings)."""
        return not self.errors

    def summary(self) -> str:
        """One line in Vietnamese."""
        if self.errors:
            return f"Mẫu bị từ chối: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo."
        if self.warnings:
            return f"Mẫu dùng được, nhưng có {len(self.warnings)} cảnh báo cần xác nhận."
        return "Mẫu đạt mọi kiểm tra."

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (without the rendered files)."""
        return {
            "type_id": self.type_id,
            "sha256": self.sha256,
            "ok": self.ok,
            "needs_confirmation": self.ok and bool(self.warnings),
            "summary": self.summary(),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "has_preview": self.preview is not None,
            "findings": [f.to_dict() for f in self.findings],
        }

    def by_check(self, severity: str) -> dict[str, list[str]]:
        """Messages of one severity grouped by check, for the error shape's `fields`."""
        out: dict[str, list[str]] = {}
        for f in self.findings:
            if f.severity == severity:
                text = f"{f.message} (tại: “{f.where}”)" if f.where else f.message
                out.setdefault(f.check, []).append(text)
        return out


# --- 1. the package
def check_package(content: bytes, filename: str = "") -> list[Finding]:
    """A real DOCX: no macros, no external links, no zip bomb, well-formed parts."""
    if filename.lower().endswith((".docm", ".dotm")):
        return [
            Finding(
                "macro",
                ERROR,
                "Tệp có macro (.docm) không được dùng làm mẫu: hãy lưu lại dạng “Word Document (.docx)”.",
            )
        ]
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        return [
            Finding(
                "package",
                ERROR,
                "Tệp không phải văn bản Word (.docx): hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx.",
            )
        ]
    with archive:
        entries = archive.infolist()
        expanded = sum(e.file_size for e in entries)
        if len(entries) > MAX_ENTRIES or expanded > MAX_EXPANDED:
            return [
                Finding(
                    "package",
                    ERROR,
                    f"Tệp bung ra quá lớn ({len(entries)} phần, {expanded // (1024 * 1024)} MB; giới hạn {MAX_ENTRIES} phần, {MAX_EXPANDED // (1024 * 1024)} MB): đây không phải một mẫu văn bản bình thường.",
                )
            ]
        names = [e.filename for e in entries]
        content_types = _read_small(archive, "[Content_Types].xml")
        rels = {n: _read_small(archive, n) for n in names if n.endswith(".rels")}
    findings: list[Finding] = []
    if any(_MACRO_PARTS.search(n) for n in names) or any(
        m in content_types.lower() for m in (b"macroenabled", b"vbaproject")
    ):
        findings.append(
            Finding(
                "macro",
                ERROR,
                "Tệp có chứa macro (VBA) hoặc phần nhị phân nhúng: mẫu không được có macro. Hãy lưu lại dạng “Word Document (.docx)”, không phải “.docm”.",
            )
        )
    for name, xml in rels.items():
        for target in _external_targets(xml):
            findings.append(
                Finding(
                    "external",
                    ERROR,
                    f"Tệp liên kết ra ngoài tới “{target}” (ảnh liên kết, siêu liên kết hoặc mẫu đính kèm): hãy xoá liên kết hoặc chèn hẳn nội dung vào văn bản.",
                    where=name,
                )
            )
    if findings:
        return findings
    try:
        conversion.validate_docx(content)
    except conversion.InvalidDocx as exc:
        return [
            Finding(
                "package",
                ERROR,
                f"Tệp .docx bị hỏng hoặc không an toàn, không dùng được làm mẫu ({exc.message}).",
            )
        ]
    return []


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    return archive.read(info) if info.file_size <= MAX_EXPANDED else b""


def _external_targets(xml: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    return [
        rel.get("Target", "")
        for rel in root.iter(f"{_RELS_NS}Relationship")
        if (rel.get("TargetMode") or "").lower() == "external"
    ]


# --- 2. Jinja: syntax, internals, variables
_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}")
_CLOSER_OF = {"{{": "}}", "{%": "%}"}
MAX_WHERE = 300


def check_delimiters(paragraphs: Iterable[tuple[str, str]]) -> list[Finding]:
    """Each `{{`/`{%` closed in its own paragraph: docxtpl's tags never span paragraphs, and
    when one does, Jinja's error would point far from where the staff member must look."""
    findings = []
    for label, text in paragraphs:
        opened: re.Match[str] | None = None
        problem = ""
        for match in _DELIMITER.finditer(text):
            token = match.group()
            if token in _CLOSER_OF:
                if opened is not None:
                    problem = f"“{opened.group()}” chưa được đóng bằng “{_CLOSER_OF[opened.group()]}” trước “{token}” tiếp theo"
                    break
                opened = match
            elif opened is not None:
                if token != _CLOSER_OF[opened.group()]:
                    problem = f"“{opened.group()}” phải đóng bằng “{_CLOSER_OF[opened.group()]}”, không phải “{token}”"
                    break
                opened = None
        if not problem and opened is not None:
            problem = f"“{opened.group()}” chưa được đóng bằng “{_CLOSER_OF[opened.group()]}” trong cùng đoạn"
        if problem:
            start = opened.start() if opened is not None else 0
            snippet = text[start : start + 40]
            findings.append(
                Finding(
                    "syntax",
                    ERROR,
                    f"Chỗ điền dữ liệu “{snippet}…”: {problem}.",
                    where=_short(text) or label,
                )
            )
    return findings


def _short(text: str) -> str:
    return text if len(text) <= MAX_WHERE else text[: MAX_WHERE - 1] + "…"


def _unclosed_line(env: jinja2.Environment, source: str) -> int | None:
    """The line of the innermost block tag left open, for "unexpected end of template"."""
    stack: list[int] = []
    expect_name = False
    try:
        for lineno, token, value in env.lex(source):
            if token == "whitespace":
                continue
            if token == "block_begin":
                expect_name = True
            elif expect_name and token == "name":
                expect_name = False
                if value in _CLOSERS:
                    stack.append(lineno)
                elif value.startswith("end") and stack:
                    stack.pop()
            else:
                expect_name = False
    except jinja2.TemplateSyntaxError:
        return None
    return stack[-1] if stack else None


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    text = exc.message or ""
    if text.startswith("Unexpected end of template"):
        wanted = re.findall(r"'(end\w+)'", text)
        closer = f" {{% {wanted[0]} %}}" if wanted else ""
        return f"Khối lệnh mở ở đoạn này chưa được đóng: thiếu thẻ đóng{closer}."
    unknown = re.match(r"Encountered unknown tag '(\w+)'", text)
    if unknown:
        return f"Thẻ “{{% {unknown.group(1)} %}}” không hợp lệ hoặc không có khối mở tương ứng."
    no_filter = re.match(r"No filter named '(\w+)'", text)
    if no_filter:
        return f"Không có bộ lọc “{no_filter.group(1)}” (sau dấu |)."
    return f"Sai cú pháp mẫu ({text}): kiểm tra các cặp dấu {{{{ }}}} và {{% %}}."


def _syntax_finding(
    env: jinja2.Environment, part: SourcePart, exc: jinja2.TemplateSyntaxError
) -> Finding:
    lineno = exc.lineno
    if (exc.message or "").startswith("Unexpected end of template"):
        lineno = _unclosed_line(env, part.source) or lineno
    return Finding(
        "syntax", ERROR, _syntax_message(exc), where=part.paragraph(lineno) or part.label
    )


def _problem_finding(part: SourcePart, problem: Problem) -> Finding:
    where = _short(part.paragraph(problem.lineno))
    if problem.kind == "heavy":
        return Finding(
            "security",
            ERROR,
            f"Mẫu dùng “{problem.name}”, phép tính hoặc vòng lặp có thể làm treo máy chủ; mẫu văn bản không cần đến nó: hãy xoá.",
            where=where,
        )
    if problem.kind == "forbidden":
        return Finding(
            "security",
            ERROR,
            f"Mẫu dùng “{problem.name}”, một thao tác bị cấm (truy cập vào bên trong chương trình): hãy xoá nó.",
            where=where,
        )
    suggestion = difflib.get_close_matches(problem.name.rsplit(".", 1)[-1], problem.known, n=1)
    hint = f" Có phải ý là “{suggestion[0]}”?" if suggestion else ""
    via = f" (mỗi phần tử của “{problem.via}”)" if problem.via else ""
    known = f" Dữ liệu có: {', '.join(problem.known)}." if problem.known and not suggestion else ""
    return Finding(
        "variable", ERROR, f"Dữ liệu không có “{problem.name}”{via}.{hint}{known}", where=where
    )


def check_jinja(parts: Sequence[SourcePart], root: Shape) -> tuple[list[Finding], Usage]:
    """Syntax with the paragraph's text, Python internals, names the context lacks."""
    env = rendering.jinja_env()
    findings: list[Finding] = []
    usage = Usage()
    for part in parts:
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError as exc:
            findings.append(_syntax_finding(env, part, exc))
            continue
        found = analyse(tree, root, env.filters)
        usage.paths |= found.paths
        seen: set[tuple[str, str]] = set()
        for problem in found.problems:
            finding = _problem_finding(part, problem)
            if (finding.message, finding.where) not in seen:
                seen.add((finding.message, finding.where))
                findings.append(finding)
        if any(p.kind in {"forbidden", "heavy"} for p in found.problems):
            continue  # compiling folds constants: never compile what was refused
        try:
            env.compile(part.source)  # finds unknown filters and tests
        except jinja2.TemplateSyntaxError as exc:
            findings.append(_syntax_finding(env, part, exc))
    return findings, usage


def check_unused(usage: Usage, required: Iterable[str]) -> list[Finding]:
    """Data the shipped template prints that this one never uses: probably deleted by mistake."""
    # Leaf paths only: `signer.lines` in use does not mean `signer.name` is.
    used = usage.leaf_paths()
    missing = [
        path
        for path in sorted(required)
        if not any(
            u == path
            or u.startswith((path + ".", path + "[]"))
            or path.startswith((u + ".", u + "[]"))
            for u in used
        )
    ]
    return [
        Finding(
            "unused",
            WARNING,
            f"Mẫu không còn dùng dữ liệu “{path}” (mẫu gốc có dùng): văn bản sẽ thiếu phần này. Nếu cố ý bỏ, hãy xác nhận.",
        )
        for path in missing
    ]


# --- 3. the test render, Decree 30, the preview
def check_render(
    content: bytes, contexts: Sequence[Mapping[str, Any]]
) -> tuple[list[Finding], bytes | None]:
    """Render with every sample context; the first render is kept for the next checks."""
    first: bytes | None = None
    for context in contexts:
        try:
            rendered = rendering.render_docx(content, context)
        except RenderFailed as exc:
            return [
                Finding("render", ERROR, f"Điền thử dữ liệu mẫu không được: {exc.message}")
            ], None
        first = first or rendered
    return [], first


def check_decree30(rendered: bytes, kind: str) -> list[Finding]:
    """The Decree 30 checker on the test render: its errors refuse, its warnings need confirming."""
    from docgen import conformity

    try:
        report = conformity.check_docx(rendered, kind=kind)
    except ValueError as exc:
        return [
            Finding("decree30", ERROR, f"Không kiểm tra được thể thức của bản điền thử ({exc}).")
        ]
    out: list[Finding] = []
    repeats: dict[tuple[str, str], int] = {}
    for item in [*report.errors, *report.warnings]:
        key = (item.rule, item.message_vi)
        repeats[key] = repeats.get(key, 0) + 1
        if repeats[key] > MAX_SAME_FINDING:
            continue  # one font set wrong shows in every paragraph: a few examples are enough
        severity = ERROR if item.severity == ERROR else WARNING
        message = f"Thể thức Nghị định 30: {item.message_vi}"
        out.append(Finding("decree30", severity, message, item.text or item.location, item.rule))
    for (rule, message_vi), count in repeats.items():
        if count > MAX_SAME_FINDING:
            last = max(i for i, f in enumerate(out) if f.rule == rule and message_vi in f.message)
            more = f" (và {count - MAX_SAME_FINDING} chỗ khác cũng vậy)"
            out[last] = replace(out[last], message=out[last].message + more)
    return out


def make_preview(
    rendered: bytes, to_pdf: Callable[[bytes], bytes] | None
) -> tuple[list[Finding], bytes | None]:
    """The PDF preview of the test render, when LibreOffice is there."""
    if to_pdf is None:
        return [
            Finding("preview", INFO, "Máy chủ chưa cài LibreOffice: không có bản xem trước PDF.")
        ], None
    try:
        return [], to_pdf(rendered)
    except Exception as exc:  # noqa: BLE001 — the preview is a courtesy; its failure is reported
        message = getattr(exc, "message", "") or "lỗi chuyển đổi"
        return [Finding("preview", WARNING, f"Không tạo được bản xem trước PDF ({message}).")], None


@dataclass(frozen=True)
class TypeFacts:
    """What the checks need to know about a document type."""

    type_id: str
    check_kind: str
    contexts: tuple[Mapping[str, Any], ...]  # from every valid fixture of the type
    required: frozenset[str]  # context paths the shipped template prints

    @property
    def shape(self) -> Shape:
        """The merged shape of the sample contexts."""
        shape: Shape | None = None
        for context in self.contexts:
            shape = Shape.of(context) if shape is None else shape.merge(Shape.of(context))
        return shape or Shape("map")


def check_template(
    content: bytes,
    facts: TypeFacts,
    *,
    filename: str = "",
    to_pdf: Callable[[bytes], bytes] | None = None,
) -> CheckReport:
    """Every check, in order; a failing stage stops the ones that depend on it."""
    from docgen.store import sha256

    findings = check_package(content, filename)
    rendered = preview = None
    if not findings:
        try:
            parts = source_parts(content)
            findings += check_delimiters(paragraph_texts(content))
        except Exception:  # noqa: BLE001 — python-docx's many ways to fail on a bad package
            parts = []
            findings.append(
                Finding(
                    "package",
                    ERROR,
                    "Word mở được tệp nhưng docgen không đọc được nội dung: hãy lưu lại tệp dạng .docx.",
                )
            )
        if parts and not findings:
            jinja_findings, usage = check_jinja(parts, facts.shape)
            findings += jinja_findings
            if not jinja_findings:
                findings += check_unused(usage, facts.required)
                render_findings, rendered = check_render(content, facts.contexts)
                findings += render_findings
            if rendered is not None:
                findings += check_decree30(rendered, facts.check_kind)
                preview_findings, preview = make_preview(rendered, to_pdf)
                findings += preview_findings
    return CheckReport(facts.type_id, sha256(content), tuple(findings), rendered, preview)


def required_paths(content: bytes, root: Shape) -> frozenset[str]:
    """The context paths a (shipped) template prints, most specific only."""
    findings, usage = check_jinja(source_parts(content), root)
    return frozenset(usage.leaf_paths())
