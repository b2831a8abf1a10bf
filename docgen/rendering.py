"""docxtpl rendering in a sandboxed, autoescaping, strict Jinja environment, in a child process.

A template is data staff upload, and Jinja is a language: a loop of loops, a recursive macro or a
filter with a huge width can take minutes of CPU or gigabytes of memory. Every render (the test
renders of an upload and every production render) therefore runs in a process forked for it,
under limits it cannot talk around: CPU seconds and address space (setrlimit), the size of the
text it produces (counted as Jinja emits it), Python's recursion limit, and a wall-clock
deadline after which the parent kills it. The parent keeps the compiled templates: the child
says which sources it had to compile, and the parent compiles them once (compiling is pure:
the optimizer, which would evaluate constant expressions, is off).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import re
import resource
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from docgen import print_settings, title_lines, vn
from docgen.errors import RenderFailed
from docgen.symbol_hyphens import document_roots, keep_symbols_whole

FILTERS = {
    "upper_vn": vn.upper,
    "lower_vn": vn.lower,
    "pad2": vn.pad2,
    "date_phrase": vn.date_phrase,
    "short_date": vn.short_date,
    "weekday": vn.weekday_name,
    "roman": vn.roman,
    "words": vn.number_words,
    "ordinal": vn.ordinal_words,
    "words_with_digits": vn.words_with_digits,
    "number": vn.format_number,
}


@dataclass(frozen=True)
class RenderLimits:
    """What one render may use; a render past any of them is stopped and reported."""

    cpu_seconds: int
    wall_seconds: float
    memory_bytes: int  # address space the child may add to what it inherits
    output_chars: int  # characters one Jinja template (a part of the document) may produce


MB = 1024 * 1024
# A production render: the largest round report (hundreds of petitions) takes a few seconds
# and tens of MB. A test render at upload: the fixtures are small, so a template that needs
# more than this with them would need far more with real data.
PRODUCTION = RenderLimits(
    cpu_seconds=60, wall_seconds=90.0, memory_bytes=1024 * MB, output_chars=64 * MB
)
VALIDATION = RenderLimits(
    cpu_seconds=5, wall_seconds=30.0, memory_bytes=80 * MB, output_chars=8 * MB
)


class _OutputTooLarge(Exception):
    pass


class _CpuExceeded(Exception):
    pass


class _CachingEnvironment(SandboxedEnvironment):
    """Sandboxed environment that compiles each distinct template source once.

    docxtpl hands the whole document XML to ``from_string`` on every render; compiling it is
    most of a render's cost, and the source only changes when the template file does.
    """

    MAX_ENTRIES = 64

    def __init__(self) -> None:
        # optimized=False: the optimizer folds constant expressions while compiling, which would
        # run `{{ "%99999999d" % 1 }}` or `{{ ""|center(10**8) }}` outside any limit.
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, optimized=False)
        self.filters.update(FILTERS)
        self._compiled: dict[str, jinja2.Template] = {}
        self._lock = threading.Lock()
        self.output_limit: int | None = None  # set in a render's child process
        self.missed: list[str] = []  # sources a child compiled that the parent had not
        self.current_source = ""  # the source being rendered, to name a failing paragraph

    def concat(self, pieces: Iterable[str]) -> str:
        """Jinja's join of a template's output, stopped once it passes the output limit."""
        limit = self.output_limit
        if limit is None:
            return "".join(pieces)
        out: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > limit:
                throw = getattr(pieces, "throw", None)
                if throw is not None:  # raised where the template stands: its line is known
                    throw(_OutputTooLarge())
                raise _OutputTooLarge()
            out.append(piece)
        return "".join(out)

    def cached(self, source: str) -> bool:
        with self._lock:
            return source in self._compiled

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        self.current_source = source
        with self._lock:
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            if self.output_limit is not None:
                self.missed.append(source)
            with self._lock:
                if len(self._compiled) >= self.MAX_ENTRIES:
                    self._compiled.clear()
                self._compiled[source] = template
        return template


@functools.cache
def jinja_env() -> _CachingEnvironment:
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
    limits: RenderLimits = PRODUCTION,
) -> bytes:
    """Fill a DOCX template with the context; set the core properties; return the DOCX bytes.

    The render runs in a child process under `limits`; RenderFailed says which one it passed.
    """
    status, payload, missed, where = _in_child(
        lambda: _render_here(template, context, properties), limits
    )
    env = jinja_env()
    for source in missed:  # compile in the parent what the child had to: the next render won't
        if not env.cached(source):
            try:
                env.from_string(source)
            except (jinja2.TemplateError, RecursionError, MemoryError):
                break
    if status != b"O":
        failure = RenderFailed(payload.decode("utf-8", "replace"))
        failure.where = where
        raise failure
    return payload


def _limit_message(kind: str, limits: RenderLimits) -> str:
    return {
        "cpu": f"Mẫu chạy quá lâu (quá {limits.cpu_seconds} giây xử lý): có vòng lặp lồng nhau hoặc phép tính quá lớn.",
        "wall": f"Mẫu chạy quá lâu (quá {limits.wall_seconds:.0f} giây): có vòng lặp lồng nhau hoặc phép tính quá lớn.",
        "memory": f"Mẫu cần quá nhiều bộ nhớ (quá {limits.memory_bytes // MB} MB): có chuỗi hoặc vòng lặp quá lớn.",
        "output": f"Mẫu sinh ra văn bản quá lớn (quá {limits.output_chars // MB} triệu ký tự trong một phần): có vòng lặp hoặc chuỗi quá lớn.",
        "recursion": "Mẫu lồng nhau quá sâu (macro gọi lại chính nó, hoặc quá nhiều ngoặc lồng nhau).",
        "crash": "Không thể điền dữ liệu vào mẫu: tiến trình điền mẫu dừng bất thường.",
    }[kind]


def _render_here(
    template: Path | bytes, context: Mapping[str, Any], properties: Mapping[str, str] | None
) -> bytes:
    """The render itself (in the child process)."""
    source: Any = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    try:
        doc = _Template(source)
        doc.render(dict(context), jinja_env(), autoescape=True)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise RenderFailed(_describe(exc)) from exc
    print_settings.keep_lines_before_breaks(doc.docx)
    title_lines.keep_title_endings(doc.docx)
    # Symbols (72/2025/NQLT-UBTVQH15-CP-…, 01/KH-HĐND) never break at their hyphens in print.
    keep_symbols_whole(document_roots(doc.docx))
    core = doc.docx.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    core.created = core.modified = now
    core.last_modified_by = "docgen"
    for name, value in (properties or {}).items():
        # Core properties hold at most 255 characters (python-docx refuses more): a letter to
        # forty communes has a longer subject.
        setattr(core, name, value if len(value) <= 255 else value[:254] + "…")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The child process

_FRAME = struct.Struct("<cI")
# The most memory a render child added to what it inherited (its peak RSS above its RSS at the
# fork) since this was last set to 0: what the benchmark reports for the renders of an upload.
child_growth_peak = 0


def _in_child(work: Any, limits: RenderLimits) -> tuple[bytes, bytes, list[str], str]:
    """Run `work` in a forked child under the limits.

    (b"O", result, missed sources, "") or (b"E", message, missed sources, the failing paragraph).
    """
    read_fd, write_fd = os.pipe()
    # The child's garbage collector must not walk (and so copy, page by page) the worker's
    # whole heap: everything that exists now is frozen out of its reach, and it collects only
    # what the render makes (it is gone in a moment anyway).
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(work, limits, write_fd)
    gc.unfreeze()
    os.close(write_fd)
    deadline = time.monotonic() + limits.wall_seconds
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            _kill(pid)
        _, wait_status = os.waitpid(pid, 0)
    if timed_out:
        return b"E", _limit_message("wall", limits).encode(), [], ""
    return _decode(b"".join(chunks), wait_status, limits)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _decode(
    data: bytes, wait_status: int, limits: RenderLimits
) -> tuple[bytes, bytes, list[str], str]:
    """The child's frames: status and result, then each source it compiled."""
    frames: list[tuple[bytes, bytes]] = []
    offset = 0
    while offset + _FRAME.size <= len(data):
        kind, length = _FRAME.unpack_from(data, offset)
        offset += _FRAME.size
        if offset + length > len(data):
            break
        frames.append((kind, data[offset : offset + length]))
        offset += length
    results = [f for f in frames if f[0] in (b"O", b"E")]
    missed = [body.decode("utf-8") for kind, body in frames if kind == b"S"]
    global child_growth_peak
    growth = next((int(body) for kind, body in frames if kind == b"M"), 0)
    child_growth_peak = max(child_growth_peak, growth)
    where = next((body.decode("utf-8") for kind, body in frames if kind == b"W"), "")
    if results:
        return results[0][0], results[0][1], missed, where
    signalled = os.WIFSIGNALED(wait_status) and os.WTERMSIG(wait_status)
    kind = "cpu" if signalled in (signal.SIGXCPU, signal.SIGKILL) else "crash"
    return b"E", _limit_message(kind, limits).encode(), missed, where


def _child(work: Any, limits: RenderLimits, write_fd: int) -> None:
    """In the forked child: set the limits, run, write the frames, exit without clean-up."""
    code = 0
    try:
        start_rss = _resident()
        for number in (
            signal.SIGTERM,
            signal.SIGINT,
            signal.SIGQUIT,
            signal.SIGHUP,
            signal.SIGUSR1,
        ):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGXCPU, _on_cpu_limit)
        env = jinja_env()
        env._lock = threading.Lock()  # another thread of the parent may have held it
        env.output_limit = limits.output_chars
        env.missed = []
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 2))
        address_space = _address_space() + limits.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        sys.setrecursionlimit(min(sys.getrecursionlimit(), 1000))
        try:
            frames = [(b"O", work())]
        except Exception as exc:  # noqa: BLE001 — any fault of a template is reported
            frames = [(b"E", _failure_message(exc, limits).encode())]
            where = _failing_paragraph(exc, env.current_source)
            if where:
                frames.append((b"W", where.encode("utf-8")))
        frames += [(b"S", source.encode("utf-8")) for source in env.missed]
        frames.append((b"M", str(max(_peak_resident() - start_rss, 0)).encode()))
        with os.fdopen(write_fd, "wb", buffering=0) as out:
            for kind, body in frames:
                out.write(_FRAME.pack(kind, len(body)) + body)
    except BaseException:  # noqa: BLE001 — nothing of the parent's may run in the child
        code = 1
    finally:
        os._exit(code)


def _failure_message(exc: BaseException, limits: RenderLimits) -> str:
    if isinstance(exc, RenderFailed):
        return exc.message
    for kind, types in (
        ("output", _OutputTooLarge),
        ("cpu", _CpuExceeded),
        ("memory", MemoryError),
        ("recursion", RecursionError),
    ):
        if isinstance(exc, types) or isinstance(exc.__cause__, types):
            return _limit_message(kind, limits)
    return f"Không thể điền dữ liệu vào mẫu ({type(exc).__name__})."


_TAGS = re.compile(r"<[^>]+>")


def _failing_paragraph(exc: BaseException, source: str) -> str:
    """The text of the Word paragraph whose template code was running (Jinja's rewritten
    traceback names the template line; docxtpl puts one paragraph on each line)."""
    import html

    lineno = None
    for error in (exc, exc.__cause__, exc.__context__):
        tb = error.__traceback__ if error is not None else None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                lineno = tb.tb_lineno
            tb = tb.tb_next
        if lineno is not None:
            break
    lineno = lineno or getattr(exc, "lineno", None)
    if not lineno or not source:
        return ""
    lines = source.split("\n")
    text = html.unescape(_TAGS.sub("", lines[min(lineno, len(lines)) - 1])).strip()
    return text if len(text) <= 300 else text[:299] + "…"


def _on_cpu_limit(_signum: int, _frame: Any) -> None:
    raise _CpuExceeded()


def _resident() -> int:
    """This process's resident memory in bytes."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_resident() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _address_space() -> int:
    """This process's virtual memory size in bytes."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")
