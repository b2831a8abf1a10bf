"""Benchmark: prints times as ratios against baselines measured in the same run (`make bench`).

Plan (issue: foundation):
- DOCX: docgen's render (validate + context + sandboxed autoescaped render) against a plain
  docxtpl render of the same template with default settings and the same context.
- PDF: docgen's whole PDF path against one bare `soffice --convert-to pdf` of the same DOCX.

Service (issue 15, tools/bench_pool.py): the plan PDF through a real `docgen serve` with the
warm pool and with one cold soffice per PDF (p50, p95; 1 and 4 clients), a cold soffice, the
pool's bare conversion (the floor), a clerk's preview, the 38-document round as one PDF.

Batch (issue 6; issue 15), for 100 and 500 plans with varied numbers and dates (`--sizes`):
- the naive way (one soffice per document, docgen's single-document path) as the baseline;
- DOCX only; our batch path to PDF with 1 worker and with N (one soffice run per worker);
- LibreOffice itself: one bare soffice run per worker over the same pre-rendered DOCX files,
  against which our conversion stage (and our whole path) is compared;
- the merge of the N-worker PDFs into one, and the peak RSS of the soffice processes.

`python tools/bench.py --sizes 10 --skip-plan --skip-service` runs a short version.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch import batch_section  # noqa: E402
from bench_pool import pool_section  # noqa: E402

from docgen.config import load  # noqa: E402
from docgen.doctypes.ke_hoach_tiep_xuc import PlanSchema, plan_context  # noqa: E402
from docgen.service import DocumentService, Settings  # noqa: E402


def median_times(
    baseline: Callable[[], object], ours: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median wall times of both, runs interleaved so that machine load hits both alike."""
    baseline()
    ours()
    base_times, our_times = [], []
    for _ in range(repeat):
        for fn, times in ((baseline, base_times), (ours, our_times)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(base_times), statistics.median(our_times)


def bare_soffice(docx: bytes) -> None:
    """The baseline: one soffice process converting one file, nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.docx"
        src.write_bytes(docx)
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        assert (Path(tmp) / "in.pdf").exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100,500", help="batch sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="batch workers")
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=10,
        help="time the naive way on this many documents and extrapolate",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="batch: best of this many interleaved runs"
    )
    parser.add_argument("--skip-plan", action="store_true", help="only the batch section")
    parser.add_argument("--skip-service", action="store_true", help="no API/pool section")
    parser.add_argument(
        "--single", action="store_true", help="batch: also 1 worker against 1 soffice"
    )
    args = parser.parse_args()
    if not args.skip_plan:
        plan_section()
    if not args.skip_service and shutil.which("soffice"):
        pool_section()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if sizes:
        batch_section(
            sizes,
            jobs=args.jobs,
            naive_sample=args.naive_sample,
            repeat=args.repeat,
            single=args.single,
        )


def plan_section() -> None:
    settings = load()
    service = DocumentService(Settings.from_config(settings))
    raw = json.loads((ROOT / "fixtures" / "ke_hoach_tiep_xuc.json").read_text(encoding="utf-8"))
    template = ROOT / "templates_vn" / "ke_hoach_tiep_xuc.docx"
    context = plan_context(PlanSchema().load(raw))

    def plain_docxtpl() -> bytes:
        doc = DocxTemplate(str(template))
        doc.render(context)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def docgen_docx() -> bytes:
        return service.generate_raw("ke_hoach_tiep_xuc", raw, "docx").content

    def docgen_pdf() -> bytes:
        return service.generate_raw("ke_hoach_tiep_xuc", raw, "pdf").content

    base_docx, ours_docx = median_times(plain_docxtpl, docgen_docx, 30)
    print("plan, DOCX (median of 30)")
    print(f"  plain docxtpl render (baseline) {base_docx * 1000:8.1f} ms   1.00x")
    print(
        f"  docgen render                   {ours_docx * 1000:8.1f} ms   "
        f"{ours_docx / base_docx:.2f}x"
    )
    if not shutil.which("soffice"):
        print("plan, PDF: skipped (no soffice)")
        return
    docx = docgen_docx()
    base_pdf, ours_pdf = median_times(lambda: bare_soffice(docx), docgen_pdf, 5)
    print("plan, PDF (median of 5)")
    print(f"  bare soffice --convert-to pdf   {base_pdf * 1000:8.1f} ms   1.00x")
    print(
        f"  docgen render + PDF + metadata  {ours_pdf * 1000:8.1f} ms   {ours_pdf / base_pdf:.2f}x"
    )


if __name__ == "__main__":
    main()
