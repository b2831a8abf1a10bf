"""Render a round's documents through the service; bundle them with their manifest.

DOCX come from `DocumentService.generate`; PDFs from the service's warm LibreOffice pool in
`convert_all` (a document that hangs it killed and left out). A document whose
PDF fails keeps its DOCX, named in the manifest, so nothing produced is lost.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docgen import channels, conversion, documents, report_layout, round_dates
from docgen.errors import InvalidData, PdfFailed
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
            "resolved": c.resolved,
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


Progress = Callable[[int, int], None]  # (documents done, total)


def convert_all(
    service: DocumentService,
    docx: Mapping[str, bytes],
    *,
    pdfa: bool = False,
    on_progress: Progress | None = None,
) -> dict[str, bytes]:
    """DOCX files by name → the PDFs that converted, by the same name.

    Through the service's warm pool (one worker per document at a time, a document that hangs
    LibreOffice killed, retried once and left out), or without a pool one soffice run per core.
    """
    if on_progress is None:  # the plain call, as tests' fakes take it
        return service.to_pdfs(docx, pdfa=pdfa)
    return service.to_pdfs(docx, pdfa=pdfa, on_progress=on_progress)


class _Rendered(Mapping[str, bytes]):
    """Each job's DOCX by name, rendered when first asked for and kept.

    The converter takes the items in order and hands each to a LibreOffice worker as soon as it
    is rendered, so rendering the next document overlaps converting the previous ones.
    """

    def __init__(self, service: DocumentService, jobs: Sequence[Job]) -> None:
        self._service = service
        self._jobs = {job.name: job for job in jobs}
        self._done: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._done:
            job = self._jobs[name]
            self._done[name] = self._service.generate(job.type_id, job.data, "docx").content
        return self._done[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)


def produce(
    service: DocumentService, plan: RoundPlan, fmt: str, on_progress: Progress | None = None
) -> RoundOutput:
    """Render every job of the plan as DOCX; converted as they come when fmt is pdf or pdfa.

    on_progress(done, total) hears of each document finished (rendered, or converted for PDF).
    """
    docx = _Rendered(service, plan.jobs)
    if fmt not in ("pdf", "pdfa"):
        files = []
        for index, j in enumerate(plan.jobs, start=1):
            files.append(OutputFile(f"{j.name}.docx", docx[j.name], "docx", j))
            if on_progress is not None:
                on_progress(index, len(plan.jobs))
        return RoundOutput(plan, "docx", tuple(files))
    # Title, subject, author and keywords come from each DOCX's core properties, as for every
    # other door (DocumentService.to_pdf): nothing rewrites the PDFs afterwards.
    extra: dict[str, Any] = {"on_progress": on_progress} if on_progress is not None else {}
    pdfs = (
        convert_all(service, docx, pdfa=True, **extra)
        if fmt == "pdfa"
        else convert_all(service, docx, **extra)
    )
    files = []
    for job in plan.jobs:
        if job.name in pdfs:
            files.append(OutputFile(f"{job.name}.pdf", pdfs[job.name], fmt, job))
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
    return RoundOutput(plan, fmt, tuple(files))


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


def merged_pdf(output: RoundOutput, *, author: str = "docgen", duplex: bool = False) -> bytes:
    """One print-ready PDF of every document, in order, a bookmark each; PdfFailed if any PDF
    is missing. `duplex` starts each document on an odd page; a PDF/A round stays PDF/A."""
    if output.failed:
        names = ", ".join(f.job.name for f in output.failed)
        raise PdfFailed(f"Không chuyển được sang PDF: {names}.")
    content, _ = conversion.merge_pdf_bytes(
        [(f.content, f.job.name) for f in output.files],
        title=output.plan.title,
        author=author,
        duplex=duplex,
        pdfa=output.format == "pdfa",
    )
    return content


def with_profile(service: DocumentService | None, round_: dict[str, Any]) -> dict[str, Any]:
    """The round with its council's saved profile (province, channels, fields, report layout)
    under its own data."""
    profiles = service.councils if service is not None else None
    profile = profiles.find(round_["issuer"]) if profiles is not None else None
    merged = report_layout.merge_profile(channels.merge_profile(round_, profile), profile)
    # A saved channel naming a district cannot serve a round after 01/07/2025 either.
    gone = round_dates.district_errors({**merged, "petitions": [], "sub_units": []})
    if profile and gone.get("channels"):
        raise InvalidData.from_messages({"channels": gone["channels"]})
    return merged


def generate_round(
    service: DocumentService,
    round_: dict[str, Any],
    fmt: str,
    on_progress: Progress | None = None,
) -> RoundOutput:
    """A validated round → every document it calls for, rendered (the doors call this)."""
    return produce(service, plan_round(with_profile(service, round_)), fmt, on_progress)


def check_round(round_: dict[str, Any], service: DocumentService | None = None) -> dict[str, Any]:
    """A validated round → its routing, planned documents and warnings, without rendering."""
    return summary(plan_round(with_profile(service, round_)))
