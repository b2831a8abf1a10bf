"""Benchmark: issuing with Decree 30 numbers, 8 concurrent clients, on SQLite and on PostgreSQL.

Each client issues drafts of the commune plan through the register's use case (validate, take the
next number in the locked series, render the final DOCX, keep entry and file; the PDF is left to
its first download so LibreOffice does not dominate). The baseline, measured in the same run with
the same 8 clients, is the same DOCX rendered without a database: the ratio is what numbering and
keeping cost on top of rendering. PostgreSQL is a throwaway cluster (Debian's postgresql package).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from docgen import create_app  # noqa: E402

CLIENTS = 8
ISSUES = 80
PLAN = json.loads((ROOT / "fixtures" / "ke_hoach_tiep_xuc.xa_2026.json").read_text("utf-8"))


def timed(work: Callable[[int], None], count: int) -> tuple[list[float], float]:
    """Run work(i) for i < count on CLIENTS threads started together: latencies and wall time."""
    latencies: list[float] = [0.0] * count
    gate = threading.Barrier(CLIENTS)

    def client(k: int) -> None:
        gate.wait()
        for i in range(k, count, CLIENTS):
            start = time.perf_counter()
            work(i)
            latencies[i] = time.perf_counter() - start

    begin = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    return latencies, time.perf_counter() - begin


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def run(name: str, url: str, folder: Path) -> None:
    app = create_app(
        {"INSTANCE_PATH": str(folder), "DATABASE_URL": url, "ARCHIVE_PDF_AT_ISSUE": False}
    )
    workspace = app.extensions["docgen.workspace"]
    accounts = app.extensions["docgen.accounts"]
    accounts.add("vanthu", None, ["van_thu"])
    van_thu = accounts.by_token(accounts.new_token("vanthu"))
    drafts = [
        workspace.drafts.create("ke_hoach_tiep_xuc", PLAN, None, None).id for _ in range(ISSUES)
    ]
    service = app.extensions["docgen"]
    data = service.validate("ke_hoach_tiep_xuc", {**PLAN, "number": 1})
    service.render_docx("ke_hoach_tiep_xuc", data)  # warm caches for both
    base, base_wall = timed(lambda i: service.render_docx("ke_hoach_tiep_xuc", data), ISSUES)
    issued, wall = timed(lambda i: workspace.register.issue(drafts[i], van_thu), ISSUES)
    numbers = sorted(e.number for e in workspace.register.entries())
    assert numbers == list(range(1, ISSUES + 1)), "numbers must be 1..N with no gap"
    print(f"{name}: {ISSUES} issues, {CLIENTS} concurrent clients")
    print(
        f"  render only (baseline)  p50 {p(base, 50):7.1f} ms  p95 {p(base, 95):7.1f} ms"
        f"  {ISSUES / base_wall:6.1f} /s   1.00x"
    )
    print(
        f"  issue                   p50 {p(issued, 50):7.1f} ms  p95 {p(issued, 95):7.1f} ms"
        f"  {ISSUES / wall:6.1f} /s   {statistics.median(issued) / statistics.median(base):.2f}x"
        f" p50, {base_wall / wall:.2f}x throughput of the baseline"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", Path(tmp) / "sqlite")
        try:
            from pgcluster import Cluster

            cluster = Cluster().start()
        except Exception as exc:  # noqa: BLE001
            print(f"PostgreSQL: not measured ({exc})")
            return
        try:
            run("PostgreSQL", cluster.database(), Path(tmp) / "pg")
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
