"""Many DOCX files to PDF: N soffice workers, one run each, culprits isolated, nothing left over."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from docgen.conversion import (
    ConversionError,
    ConversionFailed,
    ConversionTimeout,
    InvalidDocx,
    convert_batch,
    validate_docx,
)

logger = logging.getLogger(__name__)

# Measured with LibreOffice 7.4: one soffice run given 300 files converts the first 243 and
# exits 0 without a word about the rest (the same with 300 copies of one file). Runs are kept
# well below that; a share above it takes one more start (about a second) per 200 files.
MAX_FILES_PER_RUN = 200


@dataclass(frozen=True)
class PoolResult:
    """Each input's PDF, or why it has none."""

    pdfs: dict[Path, Path]
    failures: dict[Path, ConversionError]


def split(items: list[Path], parts: int) -> list[list[Path]]:
    """items cut into at most `parts` contiguous shares of near-equal size, none empty."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    shares, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        shares.append(items[start:end])
        start = end
    return [share for share in shares if share]


def convert_all(
    docx_paths: list[Path],
    outdir: Path,
    *,
    soffice: str,
    timeout: float,
    workers: int,
    on_progress: Callable[[int, int], None] | None = None,
    pdfa: bool = False,
) -> PoolResult:
    """Convert every file, one soffice run per worker; on any interrupt kill them all, re-raise."""
    # Worker threads only wait on soffice; progress comes back through a queue so that the
    # caller's callback (a progress bar) and KeyboardInterrupt both stay in this thread.
    shares = split(docx_paths, workers)
    total = len(docx_paths)
    cancel = threading.Event()
    events: queue.Queue[tuple[int, int]] = queue.Queue()
    done = [0] * len(shares)
    pool = ThreadPoolExecutor(max_workers=max(1, len(shares)), thread_name_prefix="soffice")
    try:
        futures: list[Future[PoolResult]] = [
            pool.submit(_convert_share, i, share, outdir, soffice, timeout, events, cancel, pdfa)
            for i, share in enumerate(shares)
        ]
        while not all(f.done() for f in futures) or not events.empty():
            try:
                worker, count = events.get(timeout=0.05)
            except queue.Empty:
                continue
            done[worker] = max(done[worker], min(count, len(shares[worker])))
            if on_progress is not None:
                on_progress(sum(done), total)
        pdfs: dict[Path, Path] = {}
        failures: dict[Path, ConversionError] = {}
        for future in futures:
            result = future.result()
            pdfs.update(result.pdfs)
            failures.update(result.failures)
    except BaseException:
        # Ctrl-C, or a worker's unexpected error: every soffice still running is killed by its
        # worker when it sees `cancel`; waiting here means none outlives this call.
        cancel.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return PoolResult(pdfs, failures)


def _convert_share(
    worker: int,
    paths: list[Path],
    outdir: Path,
    soffice: str,
    timeout: float,
    events: queue.Queue[tuple[int, int]],
    cancel: threading.Event,
    pdfa: bool = False,
) -> PoolResult:
    """One worker's share: one soffice run per MAX_FILES_PER_RUN files, in order."""
    pdfs: dict[Path, Path] = {}
    failures: dict[Path, ConversionError] = {}

    def report(count: int = 0) -> None:
        events.put((worker, len(pdfs) + len(failures) + count))

    queue_ = list(paths)
    while queue_:
        pending, queue_ = queue_[:MAX_FILES_PER_RUN], queue_[MAX_FILES_PER_RUN:]
        _convert_run(pending, outdir, soffice, timeout, report, cancel, pdfs, failures, pdfa)
    return PoolResult(pdfs, failures)


def _convert_run(
    pending: list[Path],
    outdir: Path,
    soffice: str,
    timeout: float,
    report: Callable[..., None],
    cancel: threading.Event,
    pdfs: dict[Path, Path],
    failures: dict[Path, ConversionError],
    pdfa: bool = False,
) -> None:
    """One soffice run over pending; after a hang or crash, isolate the culprit and go on."""
    while pending:
        run = convert_batch(
            pending,
            outdir,
            soffice=soffice,
            timeout=timeout,
            on_output=report,
            cancel=cancel,
            pdfa=pdfa,
        )
        pdfs.update(run.converted)
        report()
        if not run.missing:
            break
        # soffice works in argument order: the first file without a PDF is where it hung or
        # crashed. Alone it proves itself guilty or not; the others go on in one more run.
        suspect, pending = run.missing[0], list(run.missing[1:])
        logger.warning(
            "soffice %s at %s; retrying it alone and %d other(s) together",
            "hung" if run.stalled else "gave no PDF",
            suspect.name,
            len(pending),
        )
        alone = convert_batch(
            [suspect], outdir, soffice=soffice, timeout=timeout, cancel=cancel, pdfa=pdfa
        )
        if alone.converted:
            pdfs.update(alone.converted)
        else:
            failures[suspect] = _reason(suspect, alone.stalled)
        report()


def _reason(path: Path, stalled: bool) -> ConversionError:
    """Why a file converted alone gave no PDF."""
    if stalled:
        return ConversionTimeout()
    try:
        validate_docx(path.read_bytes())
    except InvalidDocx as exc:
        return exc
    return ConversionFailed()
