"""Benchmark: the summary report of a round with 500 petitions, as a ratio to the plan's render.

Both are rendered to DOCX by docgen's own path (validate, context, sandboxed autoescaped render),
interleaved in the same run so machine load hits both alike (`make bench`).
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.config import load  # noqa: E402
from docgen.service import DocumentService, Settings  # noqa: E402
from docgen.vocab import PETITION_FIELDS  # noqa: E402

PETITIONS = 500


def report_with(petitions: int) -> dict[str, Any]:
    """The Lục Ngạn report fixture grown to `petitions` distinct items across fields and levels."""
    data = json.loads((ROOT / "fixtures" / "bao_cao_tong_hop.json").read_text(encoding="utf-8"))
    seed = data["items"]
    items = []
    for n in range(petitions):
        item = copy.deepcopy(seed[n % len(seed)])
        item["summary"] = f"{item['summary']} (nội dung số {n + 1})"
        item["field"] = list(PETITION_FIELDS)[n % len(PETITION_FIELDS)]
        items.append(item)
    data["items"] = items
    data["counts"].update(
        items=petitions,
        opinions=petitions * 2,
        by_level=dict(Counter(i["level"] for i in items)),
        by_field=dict(Counter(i["field"] for i in items)),
    )
    return data


def main(repeat: int = 7) -> None:
    """Print the median render times and the report's ratio to the plan."""
    service = DocumentService(Settings.from_config(load()))
    plan = json.loads((ROOT / "fixtures" / "ke_hoach_tiep_xuc.json").read_text(encoding="utf-8"))
    report = report_with(PETITIONS)
    runs = {
        "plan": lambda: service.generate_raw("ke_hoach_tiep_xuc", plan, "docx"),
        "report": lambda: service.generate_raw("bao_cao_tong_hop", report, "docx"),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm up: templates compiled, modules imported
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    plan_ms, report_ms = (statistics.median(times[n]) * 1000 for n in ("plan", "report"))
    print(f"Summary report, {PETITIONS} petitions, DOCX (median of {repeat}):")
    print(f"  plan render (baseline)          {plan_ms:8.1f} ms   1.00x")
    print(f"  report render                   {report_ms:8.1f} ms   {report_ms / plan_ms:.2f}x")


if __name__ == "__main__":
    main()
