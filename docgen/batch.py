"""Batch generation: validate every record, render the valid ones, convert them in parallel."""

from __future__ import annotations

import os
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from docgen import conversion, documents, office_pool, pdfpool
from docgen.errors import DocgenError, NotFound
from docgen.inputs import Failure, Record, read_inputs
from docgen.naming import safe_filename
from docgen.service import DocumentService

FORMATS: dict[str, tuple[str, ...]] = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


@dataclass(frozen=True)
class Progress:
    """How far a batch is: `done` of `total` in one stage (validate, render, convert, merge)."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class Options:
    """How to run a batch."""

    formats: tuple[str, ...] = ("docx",)
    jobs: int | None = None  # soffice workers; None means one per core
    merge: Path | None = None  # one PDF of every document, in print order
    timeout: float | None = None  # seconds without progress before soffice is killed
    duplex: bool = False  # in the merged PDF, every document starts on an odd page
    pdfa: bool = False  # PDF/A-2b PDFs (and merged PDF)
    # "pool": warm LibreOffice workers converting each document as soon as it is rendered;
    # "runs": render everything, then one soffice run per worker (docgen.pdfpool); "auto":
    # the pool when Debian's python3-uno is there and the service's pool is on, else runs.
    engine: str = "auto"


@dataclass(frozen=True)
class Produced:
    """One record's documents on disk."""

    record: Record
    name: str  # the file stem, unique in the batch
    files: tuple[Path, ...]
    pages: int | None = None


@dataclass(frozen=True)
class BatchResult:
    """What a batch produced and what failed, with where each failure came from."""

    produced: tuple[Produced, ...]
    failed: tuple[Failure, ...]
    merged: conversion.MergedPdf | None = None
    records: int = 0

    def report(self) -> dict[str, Any]:
        """The JSON report: produced and failed records, the merged file."""
        merged = None
        if self.merged is not None:
            merged = {
                "file": str(self.merged.path),
                "pages": self.merged.pages,
                "bytes": self.merged.size,
                "documents": len(self.produced),
            }
        return {
            "summary": {
                "records": self.records,
                "produced": len(self.produced),
                "failed": len(self.failed),
            },
            "produced": [
                {
                    "source": item.record.source,
                    "record": item.record.index,
                    "type": item.record.type_id,
                    "name": item.name,
                    "files": [str(path) for path in item.files],
                    "pages": item.pages,
                }
                for item in self.produced
            ],
            "failed": [
                {
                    "source": item.source,
                    "record": item.index,
                    "type": item.type_id,
                    "stage": item.stage,
                    "message": item.message,
                    "fields": dict(item.fields),
                }
                for item in self.failed
            ],
            "merged": merged,
        }


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class _Valid:
    record: Record
    data: dict[str, Any]
    name: str


def run_paths(
    service: DocumentService,
    paths: Sequence[Path],
    outdir: Path,
    options: Options,
    progress: ProgressCallback | None = None,
) -> BatchResult:
    """Read the input files and folders, then run the batch over every record in them."""
    records, failures = read_inputs(paths)
    return run(service, records, outdir, options, progress, failures)


def run(
    service: DocumentService,
    records: Sequence[Record],
    outdir: Path,
    options: Options,
    progress: ProgressCallback | None = None,
    failures: Sequence[Failure] = (),
) -> BatchResult:
    """Make every valid record's documents in outdir; failures name file, record and field."""
    notify = progress or (lambda _: None)
    failed = list(failures)
    valid = _validate(service, records, failed, notify)
    convert = "pdf" in options.formats or options.merge is not None
    soffice = service.soffice() if convert and valid else ""  # PdfUnavailable before any work
    outdir.mkdir(parents=True, exist_ok=True)
    produced: list[Produced] = []
    merged = None
    pool = _batch_pool(service, soffice, options) if convert and valid else None
    with tempfile.TemporaryDirectory(prefix="docgen-batch-") as tmp:
        work = Path(tmp)
        pdfs: dict[int, Path] = {}
        if pool is not None:
            with pool:
                rendered, pdfs = _render_and_convert(
                    service, pool, valid, work, outdir, options, failed, notify
                )
        else:
            rendered = _render(service, valid, work, outdir, options, failed, notify)
            if convert and rendered:
                pdfs = _convert(service, valid, rendered, work, soffice, options, failed, notify)
        for index, item in enumerate(valid):
            if index not in rendered or (convert and index not in pdfs):
                continue
            files: list[Path] = []
            if "docx" in options.formats:
                files.append(outdir / f"{item.name}.docx")
            pages = None
            if index in pdfs:
                pages = len(PdfReader(pdfs[index]).pages)
                if "pdf" in options.formats:
                    target = outdir / f"{item.name}.pdf"
                    os.replace(pdfs[index], target)
                    pdfs[index] = target
                    files.append(target)
            produced.append(Produced(item.record, item.name, tuple(files), pages))
        if options.merge is not None and produced:
            notify(Progress("merge", 0, 1))
            parts = [(pdfs[i], item.name) for i, item in enumerate(valid) if i in pdfs]
            merged = conversion.merge_pdfs(
                list(parts),
                options.merge,
                title=f"Tập {len(parts)} văn bản",
                author=service.settings.pdf_author,
                duplex=options.duplex,
                pdfa=options.pdfa,
            )
            notify(Progress("merge", 1, 1))
    failed.sort(key=lambda f: (f.source, -1 if f.index is None else f.index))
    return BatchResult(tuple(produced), tuple(failed), merged, len(records) + len(failures))


def _validate(
    service: DocumentService,
    records: Sequence[Record],
    failed: list[Failure],
    notify: ProgressCallback,
) -> list[_Valid]:
    """Every record checked first; the valid ones in print order, with unique file names."""
    order = {type_id: rank for rank, type_id in enumerate(documents.REGISTRY)}
    checked: list[tuple[int, int, Record, dict[str, Any]]] = []
    for seq, record in enumerate(records):
        try:
            data = record.raw if record.validated else service.validate(record.type_id, record.raw)
        except NotFound as exc:
            failed.append(
                Failure(
                    record.source,
                    record.index,
                    record.type_id,
                    "validate",
                    exc.message,
                    {"type": [exc.message]},
                )
            )
        except DocgenError as exc:
            failed.append(Failure.of(record, "validate", exc))
        else:
            checked.append((order[record.type_id], seq, record, data))
        notify(Progress("validate", seq + 1, len(records)))
    checked.sort(key=lambda item: item[:2])
    taken: set[str] = set()
    valid = []
    for _, _, record, data in checked:
        stem = record.name or documents.get(record.type_id).file_stem(data)
        valid.append(_Valid(record, data, _unique(safe_filename(stem), taken)))
    return valid


def _unique(stem: str, taken: set[str]) -> str:
    """stem, or `stem (2)`, `stem (3)`… if a document of the batch already has it."""
    candidate, number = stem, 1
    while unicodedata.normalize("NFC", candidate).casefold() in taken:
        number += 1
        candidate = f"{stem} ({number})"
    taken.add(unicodedata.normalize("NFC", candidate).casefold())
    return candidate


def _render(
    service: DocumentService,
    valid: list[_Valid],
    work: Path,
    outdir: Path,
    options: Options,
    failed: list[Failure],
    notify: ProgressCallback,
) -> dict[int, Path]:
    """Each valid record's DOCX: in outdir if asked for, and under an ASCII name in work."""
    rendered: dict[int, Path] = {}
    for index, item in enumerate(valid):
        path = _render_one(service, index, item, work, outdir, options, failed)
        if path is not None:
            rendered[index] = path
        notify(Progress("render", index + 1, len(valid)))
    return rendered


def _render_one(
    service: Any,
    index: int,
    item: Any,
    work: Path,
    outdir: Path,
    options: Options,
    failed: list[Failure],
) -> Path | None:
    """One record's DOCX under its ASCII name in work (and in outdir if asked); None if refused."""
    try:
        content = service.render_docx(item.record.type_id, item.data)
    except DocgenError as exc:
        failed.append(Failure.of(item.record, "render", exc))
        return None
    path = work / f"{index:05d}.docx"
    path.write_bytes(content)
    if "docx" in options.formats:
        (outdir / f"{item.name}.docx").write_bytes(content)
    return path


def _convert(
    service: DocumentService,
    valid: list[_Valid],
    rendered: dict[int, Path],
    work: Path,
    soffice: str,
    options: Options,
    failed: list[Failure],
    notify: ProgressCallback,
) -> dict[int, Path]:
    """PDFs of the rendered DOCX files; failures recorded per record."""
    timeout = options.timeout or service.settings.conversion_timeout
    workers = options.jobs or os.cpu_count() or 1
    by_path = {path: index for index, path in rendered.items()}
    notify(Progress("convert", 0, len(rendered)))
    result = pdfpool.convert_all(
        list(rendered.values()),
        work / "pdf",
        soffice=soffice,
        timeout=timeout,
        workers=workers,
        on_progress=lambda done, total: notify(Progress("convert", done, total)),
        pdfa=options.pdfa,
    )
    for path, error in result.failures.items():
        record = valid[by_path[path]].record
        failed.append(
            Failure(record.source, record.index, record.type_id, "convert", _message(error))
        )
    # Title, subject and author come from the DOCX core properties (see render_docx).
    pdfs = {by_path[path]: pdf for path, pdf in result.pdfs.items()}
    notify(Progress("convert", len(rendered), len(rendered)))
    return pdfs


def _message(error: conversion.ConversionError) -> str:
    """Why a record has no PDF, for the report."""
    if isinstance(error, conversion.ConversionTimeout):
        return "Chuyển sang PDF quá thời gian cho phép; LibreOffice đã bị dừng."
    return f"Chuyển sang PDF không thành công: {error.message}"


def _batch_pool(
    service: DocumentService, soffice: str, options: Options
) -> office_pool.OfficePool | None:
    """The batch's own warm pool of `jobs` workers, or None to use one soffice run per worker."""
    if options.engine == "runs" or (options.engine == "auto" and service.pool() is None):
        return None
    settings = service.settings
    return office_pool.OfficePool(
        office_pool.PoolConfig(
            soffice=soffice,
            size=options.jobs or os.cpu_count() or 1,
            timeout=options.timeout or settings.conversion_timeout,
            max_conversions=settings.pool_max_conversions,
            max_rss_mib=settings.pool_max_rss_mb,
            queue=1_000_000,  # the batch bounds itself: never refused
            uno_python=settings.uno_python,
        )
    )


def _render_and_convert(
    service: DocumentService,
    pool: office_pool.OfficePool,
    valid: list[_Valid],
    work: Path,
    outdir: Path,
    options: Options,
    failed: list[Failure],
    notify: ProgressCallback,
) -> tuple[dict[int, Path], dict[int, Path]]:
    """Render each record and hand its DOCX to a warm worker at once: both stages overlap.

    The workers start lazily on their first document, so LibreOffice starts while the first
    documents render. Ctrl-C kills every worker's process group before it propagates.
    """
    pdf_dir = work / "pdf"
    pdf_dir.mkdir()
    rendered: dict[int, Path] = {}
    futures: dict[int, Future[None]] = {}
    threads = ThreadPoolExecutor(pool.config.size, thread_name_prefix="office")
    done = [0]
    lock = threading.Lock()

    def converted(_: Future[None]) -> None:
        with lock:
            done[0] += 1
            count = done[0]
        notify(Progress("convert", count, len(valid)))

    try:
        for index, item in enumerate(valid):
            path = _render_one(service, index, item, work, outdir, options, failed)
            if path is not None:
                rendered[index] = path
                future = threads.submit(
                    pool.convert_path, path, pdf_dir / f"{index:05d}.pdf", pdfa=options.pdfa
                )
                future.add_done_callback(converted)
                futures[index] = future
            notify(Progress("render", index + 1, len(valid)))
        pdfs: dict[int, Path] = {}
        for index, future in futures.items():
            record = valid[index].record
            try:
                future.result()
            except conversion.ConversionError as exc:
                failed.append(
                    Failure(record.source, record.index, record.type_id, "convert", _message(exc))
                )
                continue
            target = pdf_dir / f"{index:05d}.pdf"
            if conversion._read_valid_pdf(target) is None:
                failed.append(
                    Failure(
                        record.source,
                        record.index,
                        record.type_id,
                        "convert",
                        _message(conversion.ConversionFailed()),
                    )
                )
                continue
            pdfs[index] = target
    except BaseException:
        pool.shutdown(kill=True)
        threads.shutdown(wait=True, cancel_futures=True)
        raise
    threads.shutdown(wait=True)
    return rendered, pdfs


__all__ = [
    "BatchResult",
    "Failure",
    "Options",
    "Produced",
    "Progress",
    "Record",
    "run",
    "run_paths",
]
