"""Render a round's documents through the service; bundle them with their manifest.

DOCX come from `DocumentService.generate`; PDFs come from the batch engine's pool in
`convert_all` (one LibreOffice run per worker, a document that hangs it isolated). A document whose
PDF fails keeps its DOCX, named in the manifest, so nothing produced is lost.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfWriter

from docgen import conversion, documents, pdfpool
from docgen.errors import PdfFailed, PdfUnavailable
from docgen.round_warnings import RoundWarning
from docgen.rounds import Job, RoundPlan, plan_round
from docgen.routing import Item, Routing
from docgen.service import DocumentService

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class OutputFile:
    """One produced file of the round."""

    name: str  # with its extension
    content: bytes
    format: str
    job: Job
    error: str | None = None  # why the PDF is missing (the DOCX is kept instead)


@dataclass(frozen=True)
class RoundOutput:
    """The round's files, in order, and what they were made from."""

    plan: RoundPlan
    format: str
    files: tuple[OutputFile, ...]

    @property
    def failed(self) -> tuple[OutputFile, ...]:
        """Files whose PDF could not be made."""
        return tuple(f for f in self.files if f.error)

    def manifest(self) -> dict[str, Any]:
        """What was produced, for whom, from which petitions, and the warnings (JSON-ready)."""
        plan = self.plan
        body: dict[str, Any] = {
            "round": {"council": plan.council, "title": plan.title},
            "format": self.format,
            "counts": routing_dict(plan.routing)["counts"],
            "warnings": [w.to_dict() for w in plan.warnings],
        }
        body["documents"] = [
            {
                "file": f.name,
                "type": f.job.type_id,
                "title": documents.get(f.job.type_id).title,
                "for": f.job.recipient,
                "number": f.job.data.get("number"),
                "petitions": list(f.job.petitions),
                **({"error": f.error} if f.error else {}),
            }
            for f in self.files
        ]
        return body


def _item_dict(item: Item) -> dict[str, Any]:
    return {
        "key": item.key,
        "summary": item.summary,
        "field": item.field,
        "level": item.level,
        "body": item.body,
        "places": list(item.places),
        "petitions": list(item.petition_ids),
        "voters": [v.name for v in item.voters],
    }


def routing_dict(result: Routing) -> dict[str, Any]:
    """The routing outcome as JSON: counts, the report's items, the letters."""
    c = result.counts

    def tallies(values: Any) -> list[dict[str, Any]]:
        return [
            {"key": t.key, "label": t.label, "opinions": t.opinions, "items": t.items}
            for t in values
        ]

    return {
        "counts": {
            "meetings": c.meetings,
            "voters": c.voters,
            "opinions": c.opinions,
            "items": c.items,
            "answered": c.answered,
            "report_opinions": c.report_opinions,
            "report_items": c.report_items,
            "lower_opinions": c.lower_opinions,
            "lower_items": c.lower_items,
            "by_level": tallies(c.by_level),
            "by_field": tallies(c.by_field),
            "report_by_level": tallies(c.report_by_level),
            "report_by_field": tallies(c.report_by_field),
        },
        "report_items": [_item_dict(i) for i in result.report_items],
        "letters": [
            {
                "kind": letter.kind,
                "recipient": letter.recipient,
                "addressees": list(letter.addressees),
                "level": letter.level,
                "sub_unit": letter.sub_unit,
                "items": [_item_dict(i) for i in letter.items],
            }
            for letter in result.letters
        ],
    }


def summary(plan: RoundPlan) -> dict[str, Any]:
    """The round checked without rendering: routing, the documents it calls for, warnings."""
    return {
        "round": {"council": plan.council, "title": plan.title},
        **routing_dict(plan.routing),
        "planned": [
            {
                "name": job.name,
                "type": job.type_id,
                "for": job.recipient,
                "petitions": list(job.petitions),
            }
            for job in plan.jobs
        ],
        "warnings": [w.to_dict() for w in plan.warnings],
    }


HEADER_LIMIT = 6000  # bytes: proxies commonly refuse response headers above 4-8 KB


def warning_headers(warnings: list[dict[str, Any]]) -> dict[str, str]:
    """X-Docgen-Warnings: the warnings as ASCII-only JSON (\\u escapes), kept under a size.

    Above HEADER_LIMIT the messages are dropped (code and data stay), then the last warnings,
    counted in X-Docgen-Warnings-Omitted; the full list is in the manifest and /rounds/check.
    """

    def encode(items: list[dict[str, Any]]) -> str:
        return json.dumps(items, ensure_ascii=True, separators=(",", ":"))

    text = encode(warnings)
    if len(text) <= HEADER_LIMIT:
        return {"X-Docgen-Warnings": text}
    short = [{"code": w["code"], "data": w["data"]} for w in warnings]
    kept = len(short)
    while kept and len(encode(short[:kept])) > HEADER_LIMIT:
        kept -= 1
    return {
        "X-Docgen-Warnings": encode(short[:kept]),
        "X-Docgen-Warnings-Omitted": str(len(short) - kept),
    }


def warnings_as_dicts(warnings: Sequence[RoundWarning]) -> list[dict[str, Any]]:
    """The warnings in their JSON form."""
    return [w.to_dict() for w in warnings]


def convert_all(
    service: DocumentService,
    docx: dict[str, bytes],
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """DOCX files by name → the PDFs that converted, by the same name (the batch engine's pool)."""
    # docgen.pdfpool: one soffice run per worker, a document that hangs LibreOffice killed and
    # left out (its DOCX stays in the bundle), the others converted all the same.
    soffice = service.soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp:
        workdir = pathlib.Path(tmp)
        sources = {}
        for index, (name, content) in enumerate(docx.items()):
            path = workdir / f"r{index:04d}.docx"
            path.write_bytes(content)
            sources[path] = name
        try:
            result = pdfpool.convert_all(
                list(sources),
                workdir / "pdf",
                soffice=soffice,
                timeout=service.settings.conversion_timeout,
                workers=os.cpu_count() or 1,
                on_progress=on_progress,
            )
        except conversion.ConverterUnavailable as exc:
            raise PdfUnavailable("Không tạo được PDF: không chạy được LibreOffice.") from exc
        return {sources[src]: pdf.read_bytes() for src, pdf in result.pdfs.items()}


def produce(
    service: DocumentService,
    plan: RoundPlan,
    fmt: str,
    on_progress: Callable[[int, int], None] | None = None,
) -> RoundOutput:
    """Render every job of the plan as DOCX, then convert them all when fmt is pdf.

    on_progress(done, total) hears of each document made (each PDF converted, for pdf).
    """
    docx = {}
    for index, job in enumerate(plan.jobs, start=1):
        docx[job.name] = service.generate(job.type_id, job.data, "docx").content
        if on_progress is not None and fmt != "pdf":
            on_progress(index, len(plan.jobs))
    if fmt != "pdf":
        files = [OutputFile(f"{j.name}.docx", docx[j.name], "docx", j) for j in plan.jobs]
        return RoundOutput(plan, "docx", tuple(files))
    # Only a caller that follows progress passes it (tests give convert_all a two-argument fake).
    pdfs = (
        convert_all(service, docx)
        if on_progress is None
        else convert_all(service, docx, on_progress)
    )
    files = []
    for job in plan.jobs:
        if job.name in pdfs:
            pdf = conversion.set_pdf_metadata(
                pdfs[job.name],
                title=documents.get(job.type_id).title,
                author=service.settings.pdf_author,
                subject=job.name,
            )
            files.append(OutputFile(f"{job.name}.pdf", pdf, "pdf", job))
        else:
            files.append(
                OutputFile(
                    f"{job.name}.docx",
                    docx[job.name],
                    "docx",
                    job,
                    error="Không chuyển được sang PDF; giữ bản DOCX.",
                )
            )
    return RoundOutput(plan, "pdf", tuple(files))


def zip_bundle(output: RoundOutput) -> bytes:
    """A ZIP of the files and manifest.json (UTF-8 names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in output.files:
            archive.writestr(f.name, f.content)
        archive.writestr(MANIFEST, manifest_json(output))
    return buffer.getvalue()


def manifest_json(output: RoundOutput) -> str:
    """The manifest as readable UTF-8 JSON."""
    return json.dumps(output.manifest(), ensure_ascii=False, indent=2) + "\n"


def merged_pdf(output: RoundOutput, *, author: str = "docgen") -> bytes:
    """One print-ready PDF of every document, in order; PdfFailed if any PDF is missing."""
    if output.failed:
        names = ", ".join(f.job.name for f in output.failed)
        raise PdfFailed(f"Không chuyển được sang PDF: {names}.")
    writer = PdfWriter()
    for f in output.files:
        writer.append(io.BytesIO(f.content))
    writer.add_metadata({"/Title": output.plan.title, "/Author": author, "/Producer": "docgen"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def generate_round(
    service: DocumentService,
    round_: dict[str, Any],
    fmt: str,
    on_progress: Callable[[int, int], None] | None = None,
) -> RoundOutput:
    """A validated round → every document it calls for, rendered (the doors call this)."""
    return produce(service, plan_round(round_), fmt, on_progress)


def check_round(round_: dict[str, Any]) -> dict[str, Any]:
    """A validated round → its routing, planned documents and warnings, without rendering."""
    return summary(plan_round(round_))
