"""The Jinja checks of an uploaded template: syntax named by its paragraph, internals, names."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import jinja2

from docgen import rendering
from docgen.template_report import ERROR, WARNING, Finding
from docgen.template_source import BODY, SourcePart
from docgen.template_vars import Problem, Shape, Usage, analyse

_CLOSERS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape"}
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
                    where=_where(text, label),
                )
            )
    return findings


def _where(text: str, label: str) -> str:
    """The paragraph's text, saying where it is when it is not in the body."""
    text = _short(text.strip())
    if label == BODY:
        return text or label
    return f"{text} ({label})" if text else label


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
        return (
            "Phần điều kiện hoặc lặp mở ra ở đoạn này mà chưa có chỗ kết thúc: "
            f"thêm{closer or ' dòng kết thúc'} ở cuối phần đó."
        )
    unknown = re.match(r"Encountered unknown tag '(\w+)'", text)
    if unknown:
        return (
            f"“{{% {unknown.group(1)} %}}” không phải lệnh của mẫu, "
            "hoặc là chỗ kết thúc mà thiếu phần mở đầu tương ứng."
        )
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
        "syntax", ERROR, _syntax_message(exc), where=_where(part.paragraph(lineno), part.label)
    )


def _problem_finding(part: SourcePart, problem: Problem) -> Finding:
    where = _where(part.paragraph(problem.lineno), part.label)
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


def _too_deep(part: SourcePart) -> Finding:
    """Hundreds of nested brackets or tags: Jinja's parser gives up; name the paragraph."""
    deepest = max(
        range(1, part.source.count("\n") + 2),
        key=lambda n: part.source.split("\n")[n - 1].count("("),
    )
    return Finding(
        "syntax",
        ERROR,
        "Biểu thức lồng nhau quá sâu (quá nhiều dấu ngoặc hoặc thẻ lồng nhau): hãy viết đơn giản lại.",
        where=_where(part.paragraph(deepest), part.label),
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
        except RecursionError:
            findings.append(_too_deep(part))
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
        except RecursionError:
            findings.append(_too_deep(part))
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
