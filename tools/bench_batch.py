"""The batch section of the benchmark: naive, ours with 1 and N workers, LibreOffice itself."""

from __future__ import annotations

import copy
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen import batch, config, conversion, pdfpool
from docgen.service import DocumentService, Settings

ROOT = Path(__file__).resolve().parent.parent
PLAN = "ke_hoach_tiep_xuc"


@dataclass
class Row:
    label: str
    seconds: float
    peak_mib: float | None = None
    note: str = ""


class SofficeMemory:
    """Samples the summed RSS of the soffice processes whose command line holds a marker."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> SofficeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return self.peak / 2**20

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.wait(0.1):
            total = 0
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    cmdline = (entry / "cmdline").read_bytes()
                    if b"soffice" not in cmdline or self.marker.encode() not in cmdline:
                        continue
                    total += int((entry / "statm").read_text().split()[1]) * page
                except (OSError, IndexError, ValueError):
                    continue
            self.peak = max(self.peak, total)


def varied_plans(count: int) -> list[dict[str, Any]]:
    """The seed plan, count times, with numbers and dates that differ."""
    seed = json.loads((ROOT / "fixtures" / f"{PLAN}.json").read_text(encoding="utf-8"))
    start = datetime.date(2021, 1, 2)
    plans = []
    for i in range(count):
        data = copy.deepcopy(seed)
        data["number"] = i % 99 + 1
        data["date"] = (start + datetime.timedelta(days=i % 360)).isoformat()
        plans.append(data)
    return plans


def timed(fn: Callable[[], Any], marker: str) -> tuple[float, float, Any]:
    """(seconds, peak soffice MiB, result) of one call."""
    with SofficeMemory(marker) as memory:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return seconds, memory.peak_mib, result


def bare_soffice_per_worker(soffice: str, files: list[Path], outdir: Path, jobs: int) -> None:
    """LibreOffice itself: one plain soffice run per worker over its share, side by side."""

    # The same flags and environment as docgen's own runs (docgen.conversion): measured here,
    # LANG=C.UTF-8 and a private HOME make soffice about 15% faster than an inherited
    # environment, and the reference must not lose on a difference that is not the engine.
    env = {name: os.environ[name] for name in conversion._PASSED_ENV if name in os.environ}
    env.setdefault("LANG", "C.UTF-8")

    def one(index_share: tuple[int, list[Path]]) -> None:
        index, share = index_share
        # LibreOffice 7.4 silently stops after 243 files in one run: it needs the same cut.
        for start in range(0, len(share), pdfpool.MAX_FILES_PER_RUN):
            run(index, start, share[start : start + pdfpool.MAX_FILES_PER_RUN])

    def run(index: int, start: int, files: list[Path]) -> None:
        profile = outdir / f"profile{index}-{start}"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                *conversion._SOFFICE_FLAGS,
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
            timeout=3600,
            env={**env, "HOME": str(outdir), "TMPDIR": str(outdir)},
        )

    shares = pdfpool.split(files, jobs)
    with ThreadPoolExecutor(len(shares)) as pool:
        list(pool.map(one, enumerate(shares)))
    missing = [f for f in files if not (outdir / f"{f.stem}.pdf").exists()]
    assert not missing, f"bare soffice missed {len(missing)} file(s)"


def batch_section(
    sizes: list[int], *, jobs: int, naive_sample: int, repeat: int = 1, single: bool = False
) -> None:
    """Print the batch table for each size."""
    service = DocumentService(Settings.from_config(config.load()))
    soffice = service.soffice()
    print(f"\nload average before the batch section: {_load()}")
    print(
        f"batch: the plan ({PLAN}, 4 pages), {jobs} worker(s) = --jobs, "
        f"{os.cpu_count()} core(s); times are wall clock; ours and LibreOffice's: best of "
        f"{max(1, repeat)} interleaved run(s)"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
            old_tempdir = tempfile.tempdir
            tempfile.tempdir = tmp  # every soffice profile of this size lives here: RSS marker
            try:
                rows = _measure(
                    service, soffice, size, Path(tmp), jobs, naive_sample, repeat, single
                )
            finally:
                tempfile.tempdir = old_tempdir
        _print(size, rows)
    print(f"\nload average after: {_load()} (other work on the machine skews every figure)")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _measure(
    service: DocumentService,
    soffice: str,
    size: int,
    tmp: Path,
    jobs: int,
    naive_sample: int,
    repeat: int,
    single: bool = False,
) -> dict[str, Row]:
    plans = varied_plans(size)
    source = tmp / "records.json"
    source.write_text(
        json.dumps([{"type": PLAN, "data": plan} for plan in plans], ensure_ascii=False),
        encoding="utf-8",
    )
    marker = str(tmp)
    rows: dict[str, Row] = {}

    # The naive way: docgen's one-document path, one soffice start per document.
    sample = min(size, naive_sample)
    naive_out = tmp / "naive"
    naive_out.mkdir()

    def naive() -> None:
        for i, plan in enumerate(plans[:sample]):
            pdf = service.generate_raw(PLAN, plan, "pdf").content
            (naive_out / f"{i:05d}.pdf").write_bytes(pdf)

    seconds, peak, _ = timed(naive, marker)
    note = f"extrapolated from {sample} measured" if sample < size else ""
    rows["naive"] = Row("naive: one soffice per document", seconds * size / sample, peak, note)

    last: dict[str, batch.BatchResult] = {}

    def run(
        name: str, formats: tuple[str, ...], workers: int, engine: str = "auto"
    ) -> batch.BatchResult:
        out = tmp / name
        shutil.rmtree(out, ignore_errors=True)
        options = batch.Options(formats=formats, jobs=workers, engine=engine)
        result: batch.BatchResult = batch.run_paths(service, [source], out, options)
        assert not result.failed and len(result.produced) == size, result.failed[:3]
        last[name] = result
        return result

    seconds, peak, docx_result = timed(lambda: run("docx", ("docx",), 1), marker)
    rows["docx"] = Row("ours, DOCX only (read + validate + render)", seconds, peak)

    # The same pre-rendered DOCX files under ASCII names, for LibreOffice alone and for our
    # conversion stage alone.
    staged = tmp / "staged"
    staged.mkdir()
    files = []
    for i, item in enumerate(docx_result.produced):
        files.append(staged / f"d{i:05d}.docx")
        shutil.copyfile(item.files[0], files[-1])
    timeout = service.settings.conversion_timeout

    def bare(workers: int) -> None:
        out = tmp / f"bare{workers}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        bare_soffice_per_worker(soffice, files, out, workers)

    def stage() -> None:
        shutil.rmtree(tmp / "stage", ignore_errors=True)
        converted = pdfpool.convert_all(
            files, tmp / "stage", soffice=soffice, timeout=timeout, workers=jobs
        )
        assert len(converted.pdfs) == size

    ways: dict[str, tuple[str, Callable[[], Any]]] = {}
    if single:
        ways["ours1"] = ("ours, PDF, 1 worker (warm pool)", lambda: run("pdf1", ("pdf",), 1))
        ways["lo1"] = ("LibreOffice itself, 1 soffice at a time, same DOCX", lambda: bare(1))
    ways.update(
        {
            "oursN": (
                f"ours, PDF, {jobs} warm workers, render overlapped",
                lambda: run("pdfN", ("pdf",), jobs),
            ),
            "runsN": (
                f"ours, PDF, {jobs} soffice runs after rendering (before)",
                lambda: run("runsN", ("pdf",), jobs, "runs"),
            ),
            "loN": (
                f"LibreOffice itself, {jobs} soffice side by side, same DOCX",
                lambda: bare(jobs),
            ),
            "stageN": (f"soffice-run conversion stage alone, {jobs} workers, same DOCX", stage),
        }
    )
    # Interleaved rounds, best of `repeat`: other load on the machine comes and goes.
    for _ in range(max(1, repeat)):
        for key, (label, fn) in ways.items():
            seconds, peak, _ = timed(fn, marker)
            best = rows.get(key)
            if best is None or seconds < best.seconds:
                rows[key] = Row(label, seconds, max(peak, best.peak_mib or 0) if best else peak)
    order = ("naive", "docx", "ours1", "oursN", "runsN", "lo1", "loN", "stageN")
    rows = {key: rows[key] for key in order if key in rows}
    parts: list[tuple[conversion.PdfSource, str]] = [
        (item.files[0], item.name) for item in last["pdfN"].produced
    ]
    seconds, _, merged = timed(
        lambda: conversion.merge_pdfs(parts, tmp / "all.pdf", title="bench", author="bench"),
        marker,
    )
    total = sum(path.stat().st_size for path, _ in parts)
    rows["merge"] = Row(
        "merge the PDFs into one (pypdf)",
        seconds,
        None,
        f"{merged.pages} pages, {merged.size / 2**20:.1f} MiB vs {total / 2**20:.1f} MiB of parts",
    )
    return rows


def _print(size: int, rows: dict[str, Row]) -> None:
    naive = rows["naive"].seconds
    print(f"\n{size} document(s)")
    print(
        f"  {'':58} {'total':>9} {'per doc':>9} {'vs naive':>10} {'vs LO':>7} {'soffice RSS':>12}"
    )
    references = {"ours1": "lo1", "oursN": "loN", "runsN": "loN", "stageN": "loN"}
    for key, row in rows.items():
        versus_naive = f"{naive / row.seconds:.1f}x" if key != "merge" else ""
        versus_lo = ""
        if key in references:
            versus_lo = f"{row.seconds / rows[references[key]].seconds:.2f}x"
        peak = f"{row.peak_mib:.0f} MiB" if row.peak_mib else ""
        print(
            f"  {row.label:58} {row.seconds:8.2f}s {row.seconds / size * 1000:7.0f}ms "
            f"{versus_naive:>10} {versus_lo:>7} {peak:>12}"
        )
        if row.note:
            print(f"  {'':58}   ({row.note})")
    print("  vs naive: how many times faster than the naive way; vs LO: our time / LibreOffice's")
