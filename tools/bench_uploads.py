"""Benchmark: what each hostile upload costs to refuse, and what bounded rendering costs.

For every upload class (tests/hostile.py: bombs whose headers lie, binary parts, traversal;
templates that would exhaust the server), a fresh process builds the app, answers one normal
request (the idle worker), then sends the upload through its door — POST /api/v1/check, POST
/api/v1/templates/<type>/validate, or conversion.validate_docx — and reports the status, the
wall time and the peak memory above the idle worker: of the process itself and of the render
children it forked (`make bench` prints the table; tests/test_upload_costs.py asserts it).

Then the price of running each render in a child process under limits: the plan rendered in
the process (as before issue 12) and in a child, interleaved, as a ratio.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPE = "ke_hoach_tiep_xuc"
GIB = 1024 * 1024 * 1024

TEMPLATE_TEXTS = {
    "template_nested_loops": "Lặp {% for a in range(1000) %}{% for b in range(1000) %}"
    "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
    "template_output_size": "Chữ {% for i in range(1000) %}{% for j in range(1000) %}"
    "{{ 'xxxxxxxxxx' }}{% endfor %}{% endfor %}",
    "template_memory": "Nhớ {% set a = range(1000)|list %}"
    + "{% set a = a + a %}" * 19
    + "{{ a|length }}",
    "template_recursive_macro": "Đệ quy {% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "template_printf_width": 'Số {{ "%99999999d" % 1 }}',
    "template_center": 'Số {{ ""|center(99999999) }}',
    "template_brackets": "Số {{ " + "(" * 800 + "1" + ")" * 800 + " }}",
}
# case → the doors it goes through
CASES: dict[str, tuple[str, ...]] = {
    "normal_plan": ("check", "template", "conversion"),
    "bomb_lying_headers": ("check", "template", "conversion"),
    "bomb_lying_document": ("check", "template", "conversion"),
    "bomb_honest": ("check", "template", "conversion"),
    "ole_object": ("template",),
    "activex": ("template",),
    "vba_disguised": ("template",),
    "binary_as_image": ("template",),
    "unreferenced_binary": ("template",),
    "embedded_font": ("template",),
    "traversal_name": ("check", "template"),
    "traversal_target": ("template",),
    "local_name_differs": ("check", "template"),
    "duplicate_part": ("check", "template"),
    **{name: ("template",) for name in TEMPLATE_TEXTS},
}


def _content(case: str) -> bytes:
    import hostile
    import templatefiles

    if case == "normal_plan":
        return hostile.PLAN.read_bytes()
    if case in TEMPLATE_TEXTS:
        return templatefiles.append(TEMPLATE_TEXTS[case])
    factory = hostile.CLASSES[case]
    if case.startswith("bomb_lying"):
        return factory(GIB)
    return factory()


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    """Linux: forget the peak RSS so far (VmHWM), so the next peak is this request's."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")


def _peak() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def measure(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """In this (fresh) process: the cost of each upload through its door, one after the other,
    the peak memory reset before each (Linux's clear_refs), the worker idle in between."""
    import gc

    from docgen import conversion, create_app, rendering

    app = create_app({"TESTING": True, "INSTANCE_PATH": tempfile.mkdtemp(prefix="bench-up-")})
    admin = app.extensions["docgen.templates"]
    type(admin)._to_pdf = lambda self: None  # no LibreOffice preview: not what is measured
    accounts = app.extensions["docgen.accounts"]
    accounts.add("bench", "mat-khau-dai")
    token = {"Authorization": f"Bearer {accounts.new_token('bench')}"}
    client = app.test_client()

    def send(door: str, content: bytes) -> tuple[int, Any]:
        if door == "check":
            response = client.post("/api/v1/check", data=content, content_type=DOCX)
            return response.status_code, response.get_json() or {}
        if door == "template":
            response = client.post(
                f"/api/v1/templates/{TYPE}/validate",
                data={"file": (io.BytesIO(content), "mau.docx")},
                headers=token,
                content_type="multipart/form-data",
            )
            return response.status_code, response.get_json() or {}
        try:
            conversion.validate_docx(content)
        except conversion.InvalidDocx as exc:
            return 400, {"error": {"message": exc.message}}
        return 200, {}

    normal = (ROOT / "templates_vn" / f"{TYPE}.docx").read_bytes()
    for door in ("check", "template", "conversion"):  # the idle worker has answered each door
        send(door, normal)
    results = []
    for case, door in pairs:
        content = _content(case)
        gc.collect()
        idle = _rss()
        _reset_peak()
        rendering.child_growth_peak = 0
        start = time.perf_counter()
        status, detail = send(door, content)
        elapsed = time.perf_counter() - start
        peak = _peak()
        ok = detail.get("ok") if isinstance(detail, dict) else None
        del content
        results.append(
            {
                "case": case,
                "door": door,
                "status": status,
                "refused": status >= 400 or ok is False,
                "seconds": round(elapsed, 3),
                "idle_mb": round(idle / 2**20, 1),
                "peak_above_idle_mb": round(max(peak - idle, 0) / 2**20, 1),
                "child_above_idle_mb": round(rendering.child_growth_peak / 2**20, 1),
            }
        )
    return results


def run_cases(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """`measure` in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--json", json.dumps(pairs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


ALL_PAIRS = [(case, door) for case, doors in CASES.items() for door in doors]


def render_overhead(rounds: int = 30) -> dict[str, float]:
    """The plan rendered in this process and in a child under limits, interleaved."""
    from docgen import create_app, documents, rendering

    app = create_app({"TESTING": True, "INSTANCE_PATH": tempfile.mkdtemp(prefix="bench-r-")})
    service = app.extensions["docgen"]
    data = json.loads((ROOT / "fixtures" / f"{TYPE}.json").read_text(encoding="utf-8"))
    with app.app_context():
        context = documents.get(TYPE).context(service.validate(TYPE, data))
        path = service.template_path(TYPE)
        rendering.render_docx(path, context)
        inproc, child = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            rendering._render_here(path, context, None)
            inproc.append(time.perf_counter() - t)
            t = time.perf_counter()
            rendering.render_docx(path, context)
            child.append(time.perf_counter() - t)
    a, b = statistics.median(inproc), statistics.median(child)
    return {
        "in_process_ms": round(a * 1000, 1),
        "child_ms": round(b * 1000, 1),
        "ratio": round(b / a, 2),
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--json":
        print(json.dumps(measure([tuple(p) for p in json.loads(sys.argv[2])])))
        return
    print("Uploads: the cost of refusing each (peak memory above the idle worker, wall time)")
    print(
        f"{'case':28} {'door':11} {'status':>6} {'refused':>7} {'MB':>7} {'child MB':>9} {'s':>7}"
    )
    for r in run_cases(ALL_PAIRS):
        print(
            f"{r['case']:28} {r['door']:11} {r['status']:>6} {str(r['refused']):>7} "
            f"{r['peak_above_idle_mb']:>7} {r['child_above_idle_mb']:>9} {r['seconds']:>7}"
        )
    overhead = render_overhead()
    print(
        f"\nBounded rendering: the plan in-process {overhead['in_process_ms']} ms, in a child "
        f"under limits {overhead['child_ms']} ms: ratio {overhead['ratio']} "
        "(median of 30, interleaved)"
    )


if __name__ == "__main__":
    main()
