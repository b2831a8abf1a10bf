"""The checks an uploaded template passes before it becomes active, in order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docgen import rendering
from docgen.errors import RenderFailed
from docgen.template_jinja import check_delimiters, check_jinja, check_unused
from docgen.template_package import check_package
from docgen.template_report import ERROR, INFO, WARNING, CheckReport, Finding
from docgen.template_source import paragraph_texts, source_parts
from docgen.template_vars import Shape

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "CheckReport",
    "Finding",
    "Shape",
    "TypeFacts",
    "check_template",
    "required_paths",
]


def check_render(
    content: bytes, contexts: Sequence[Mapping[str, Any]]
) -> tuple[list[Finding], bytes | None]:
    """Render with every sample context; the first render is kept for the next checks."""
    first: bytes | None = None
    for context in contexts:
        try:
            rendered = rendering.render_docx(content, context, limits=rendering.VALIDATION)
        except RenderFailed as exc:
            where = getattr(exc, "where", "")
            return [
                Finding(
                    "render", ERROR, f"Điền thử dữ liệu mẫu không được: {exc.message}", where=where
                )
            ], None
        first = first or rendered
    return [], first


def check_comments(content: bytes) -> list[Finding]:
    """Word comments (the annotated template's notes) would go into every document made."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as package:
        if "word/comments.xml" not in package.namelist():
            return []
        count = package.read("word/comments.xml").count(b"<w:comment ")
    if not count:
        return []
    return [
        Finding(
            "comments",
            WARNING,
            f"Mẫu còn {count} chú thích (comment) của Word; văn bản tạo ra sẽ mang theo chúng. "
            "Hãy xoá hết chú thích (Review → Delete → Delete All Comments) rồi tải lên lại.",
        )
    ]


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
    for item in [*report.errors, *report.warnings]:  # one per rule, its places counted
        severity = ERROR if item.severity == ERROR else WARNING
        message = f"Thể thức Nghị định 30: {item.message_vi}"
        out.append(Finding("decree30", severity, message, item.text or item.location, item.rule))
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
                findings += check_comments(content)
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
