"""DOCX → PDF with LibreOffice as a subprocess, plus PDF metadata with pypdf."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from pypdf import PdfReader, PdfWriter

from docgen import docx_package

logger = logging.getLogger(__name__)

# Limits on a DOCX to convert: docx_package.LIMITS["conversion"], counted while inflating. The
# ratio guard only looks at parts above 1 MB, because small parts cannot hurt whatever their
# ratio; a 3,000-row table of identical empty rows measured 134:1, deflate bombs about 1,000:1.
MAX_ENTRIES = docx_package.LIMITS["conversion"].entries

_WORDML_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict OOXML
)
# Only these variables reach soffice: a web server's environment may hold secrets.
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "FONTCONFIG_FILE", "FONTCONFIG_PATH")
_SOFFICE_FLAGS = ("--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck")


class ConversionError(Exception):
    """Base of every conversion error; .message is safe to show to a client."""

    default_message = "The document could not be converted to PDF."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class ConverterUnavailable(ConversionError):
    """No usable LibreOffice (soffice) binary."""

    default_message = "The PDF converter is not available."


class InvalidDocx(ConversionError):
    """The input is not a valid DOCX file."""

    default_message = "The file is not a valid DOCX document."


class ConversionFailed(ConversionError):
    """LibreOffice ran but produced no valid PDF."""

    default_message = "The PDF converter did not produce a PDF."


class ConversionTimeout(ConversionFailed):
    """LibreOffice was killed after running past its time limit."""

    default_message = "The PDF conversion took too long and was stopped."


class ConversionCancelled(ConversionError):
    """The caller asked to stop; LibreOffice was killed."""

    default_message = "The PDF conversion was cancelled."


class _Stalled(Exception):
    """No new PDF appeared in time: soffice is stuck on one document."""


def find_soffice(configured: str | None = None) -> str | None:
    """Return the LibreOffice binary to use, or None if there is none."""
    if configured:
        if os.path.isfile(configured) and os.access(configured, os.X_OK):
            return configured
        logger.warning(
            "configured soffice %r is not an executable file; searching PATH", configured
        )
    return shutil.which("soffice") or shutil.which("libreoffice")


def validate_docx(data: bytes) -> None:
    """Raise InvalidDocx unless data is a well-formed, reasonably sized DOCX package."""
    # LibreOffice reads every part, so every part is inflated (bounded: docx_package counts
    # what it inflates, not what the headers declare), CRC-checked and scanned for DTDs.
    wanted = ("[Content_Types].xml", "word/document.xml")
    try:
        package = docx_package.read_package(
            data, docx_package.LIMITS["conversion"], keep=lambda name: name in wanted
        )
    except docx_package.PackageError as exc:
        raise InvalidDocx(f"The file is not a valid DOCX document: {exc.en}.") from exc
    for required in wanted:
        if required not in package.parts:
            raise InvalidDocx(f"The file is not a DOCX document: it has no {required}.")
    _parse_xml(package.parts["[Content_Types].xml"], "[Content_Types].xml")
    root = _parse_xml(package.parts["word/document.xml"], "word/document.xml")
    if root.tag not in {f"{{{ns}}}document" for ns in _WORDML_NAMESPACES}:
        raise InvalidDocx("The file is not a DOCX document: word/document.xml is not a Word body.")


def _parse_xml(content: bytes, name: str) -> ElementTree.Element:
    """Parse one XML part or raise InvalidDocx naming it."""
    try:
        return ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise InvalidDocx(f"The DOCX part {name} is not well-formed XML.") from exc


# LibreOffice's PDF export asked for PDF/A-2b (SelectPdfVersion 2): fonts embedded, XMP, an
# OutputIntent. The warm pool passes the same setting over UNO (docgen/uno_bridge.py).
PDFA_CONVERT_TO = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def docx_to_pdf(docx: bytes, *, soffice: str, timeout: float = 120.0, pdfa: bool = False) -> bytes:
    """Convert one DOCX document to PDF bytes with a cold LibreOffice (PDF/A-2b if pdfa)."""
    validate_docx(docx)
    with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
        workdir = pathlib.Path(tmp)
        source = workdir / "in.docx"
        source.write_bytes(docx)
        outdir = workdir / "out"
        outdir.mkdir()
        output = _run_soffice(
            soffice,
            [source],
            outdir,
            workdir,
            timeout,
            convert_to=PDFA_CONVERT_TO if pdfa else "pdf",
        )
        pdf = _read_valid_pdf(outdir / "in.pdf")
    if pdf is None:
        logger.error("soffice produced no valid PDF; its output: %s", output)
        raise ConversionFailed()
    return pdf


def convert_many(
    docx_paths: list[pathlib.Path], outdir: pathlib.Path, *, soffice: str, timeout: float
) -> dict[pathlib.Path, pathlib.Path]:
    """Convert DOCX files with one LibreOffice run; map each input to its valid PDF in outdir."""
    # Invalid inputs and failed conversions are logged and left out of the result, so one bad
    # document does not sink a batch; a timeout still raises, as nothing is known to be done.
    with _workspace(docx_paths, "convert_many") as (workdir, tmp_out, staged):
        if not staged:
            return {}
        output = _run_soffice(soffice, list(staged.values()), tmp_out, workdir, timeout)
        results = _collect(staged, tmp_out, outdir, complete_only=False)
    for path in staged:
        if path not in results:
            logger.warning("LibreOffice produced no valid PDF for %s", path)
    if len(results) < len(staged):
        logger.error(
            "soffice missed %d file(s); its output: %s", len(staged) - len(results), output
        )
    return results


@contextlib.contextmanager
def _workspace(
    docx_paths: list[pathlib.Path], caller: str
) -> Iterator[tuple[pathlib.Path, pathlib.Path, dict[pathlib.Path, pathlib.Path]]]:
    """A temporary folder with the valid inputs staged under ASCII names, and an output folder."""
    stems = [path.stem for path in docx_paths]
    if len(set(stems)) != len(stems):
        raise ValueError(f"{caller} needs inputs with distinct file stems")
    with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
        workdir = pathlib.Path(tmp)
        indir = workdir / "in"
        tmp_out = workdir / "out"
        indir.mkdir()
        tmp_out.mkdir()
        yield workdir, tmp_out, _stage(docx_paths, indir)


def _collect(
    staged: dict[pathlib.Path, pathlib.Path],
    tmp_out: pathlib.Path,
    outdir: pathlib.Path,
    *,
    complete_only: bool,
) -> dict[pathlib.Path, pathlib.Path]:
    """Copy each staged input's valid PDF to outdir under the input's own stem."""
    outdir.mkdir(parents=True, exist_ok=True)
    results: dict[pathlib.Path, pathlib.Path] = {}
    for path, copy in staged.items():
        pdf = _read_valid_pdf(tmp_out / f"{copy.stem}.pdf")
        # A PDF cut short by a kill may still parse: a complete one ends with %%EOF.
        if pdf is None or (complete_only and not pdf.rstrip().endswith(b"%%EOF")):
            continue
        target = outdir / f"{path.stem}.pdf"
        target.write_bytes(pdf)
        results[path] = target
    return results


def _stage(docx_paths: list[pathlib.Path], indir: pathlib.Path) -> dict[pathlib.Path, pathlib.Path]:
    """Copy each valid DOCX into indir under an ASCII name; map input → copy, in input order."""
    # LibreOffice gets ASCII names; the index maps each one back to its input.
    staged: dict[pathlib.Path, pathlib.Path] = {}
    for index, path in enumerate(docx_paths):
        data = path.read_bytes()
        try:
            validate_docx(data)
        except InvalidDocx as exc:
            logger.warning("skipping %s: %s", path, exc.message)
            continue
        copy = indir / f"d{index:05d}.docx"
        copy.write_bytes(data)
        staged[path] = copy
    return staged


@dataclass(frozen=True)
class BatchRun:
    """What one soffice run over many documents achieved."""

    converted: dict[pathlib.Path, pathlib.Path]  # input → its valid PDF, in input order
    missing: tuple[pathlib.Path, ...]  # inputs without a valid PDF, in input order
    stalled: bool  # killed because no new PDF appeared within the timeout


def convert_batch(
    docx_paths: list[pathlib.Path],
    outdir: pathlib.Path,
    *,
    soffice: str,
    timeout: float,
    on_output: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
    pdfa: bool = False,
) -> BatchRun:
    """Convert DOCX files with one soffice run, killed when stuck; keep every PDF it finished."""
    # soffice converts its arguments in order, so a hang shows as no new PDF for `timeout`
    # seconds; what was finished before stays, and the caller decides about the rest.
    # on_output gets the number of PDFs written so far; a set `cancel` kills soffice and raises
    # ConversionCancelled.
    converted: dict[pathlib.Path, pathlib.Path] = {}
    stalled = False
    with _workspace(docx_paths, "convert_batch") as (workdir, tmp_out, staged):
        if staged:
            poll = _progress_poll(tmp_out, timeout, on_output, cancel)
            # The overall limit is generous; the stall check is what catches a hang.
            limit = timeout * (len(staged) + 1)
            try:
                _run_soffice(
                    soffice,
                    list(staged.values()),
                    tmp_out,
                    workdir,
                    limit,
                    poll,
                    convert_to=PDFA_CONVERT_TO if pdfa else "pdf",
                )
            except _Stalled:
                stalled = True
                logger.error("soffice made no progress for %.1f s and was killed", timeout)
            except ConversionTimeout:
                stalled = True
            converted = _collect(staged, tmp_out, outdir, complete_only=True)
    missing = tuple(path for path in docx_paths if path not in converted)
    return BatchRun(converted, missing, stalled)


def _progress_poll(
    outdir: pathlib.Path,
    timeout: float,
    on_output: Callable[[int], None] | None,
    cancel: threading.Event | None,
) -> Callable[[], None]:
    """A check run while soffice works: report new PDFs, raise on cancel or on a stall."""
    state = {"count": 0, "changed": time.monotonic(), "looked": 0.0}

    def poll() -> None:
        if cancel is not None and cancel.is_set():
            raise ConversionCancelled()
        now = time.monotonic()
        if now - state["looked"] < 0.1:
            return
        state["looked"] = now
        # Only finished names count: soffice writes each PDF under a temporary name first.
        count = sum(1 for entry in os.scandir(outdir) if entry.name.endswith(".pdf"))
        if count != state["count"]:
            state["count"], state["changed"] = count, now
            if on_output is not None:
                on_output(count)
        elif now - state["changed"] > timeout:
            raise _Stalled()

    return poll


def _run_soffice(
    soffice: str,
    sources: list[pathlib.Path],
    outdir: pathlib.Path,
    workdir: pathlib.Path,
    timeout: float,
    poll: Callable[[], None] | None = None,
    *,
    convert_to: str = "pdf",
) -> str:
    """Run one headless soffice conversion in workdir and return its output; kill on timeout."""
    profile = workdir / "profile"
    args = [
        soffice,
        # A private profile per run: two soffice processes sharing one fail or serialise.
        f"-env:UserInstallation={profile.as_uri()}",
        *_SOFFICE_FLAGS,
        "--convert-to",
        convert_to,
        "--outdir",
        str(outdir),
        *(str(source) for source in sources),
    ]
    env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env.update(HOME=str(workdir), TMPDIR=str(workdir))
    log_path = workdir / "soffice.log"
    started = time.monotonic()
    with log_path.open("wb") as log:
        try:
            proc = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            logger.error("cannot start soffice %r: %s", soffice, exc)
            raise ConverterUnavailable() from exc
        finished = _wait_then_kill_group(proc, timeout, poll)
    output = log_path.read_text(encoding="utf-8", errors="replace").strip()
    elapsed = time.monotonic() - started
    if not finished:
        logger.error(
            "soffice killed after %.1f s (limit %.1f s); output: %s", elapsed, timeout, output
        )
        raise ConversionTimeout()
    logger.debug(
        "soffice converted %d file(s) in %.2f s, exit %s; output: %s",
        len(sources),
        elapsed,
        proc.returncode,
        output,
    )
    if proc.returncode != 0:
        logger.warning("soffice exited with %s; output: %s", proc.returncode, output)
    return output


def _wait_then_kill_group(
    proc: subprocess.Popen[bytes], timeout: float, poll: Callable[[], None] | None = None
) -> bool:
    """Wait for proc up to timeout, then kill its process group; True if it exited in time."""
    # poll runs between checks; whatever it raises kills the group and propagates.
    # waitid(WNOWAIT) leaves the leader a zombie, so its pid, which is also the group id,
    # cannot be reused before killpg: the kill reaches only our own leftovers (soffice.bin).
    deadline = time.monotonic() + timeout
    delay = 0.001
    try:
        while os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if poll is not None:
                poll()
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 0.05)
        return True
    finally:
        # Also on an interrupt: an orphaned soffice.bin would hold 200 MB until killed by hand.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _read_valid_pdf(path: pathlib.Path) -> bytes | None:
    """Return the file's bytes if it is a PDF with at least one page, else None."""
    # soffice exits 0 even when it fails, so the output itself is the only evidence.
    try:
        pdf = path.read_bytes()
    except FileNotFoundError:
        logger.warning("soffice wrote no %s", path.name)
        return None
    if not pdf.startswith(b"%PDF-"):
        logger.warning("soffice output %s is not a PDF (%d bytes)", path.name, len(pdf))
        return None
    try:
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        logger.warning("soffice output %s cannot be read as PDF: %s", path.name, exc)
        return None
    if pages < 1:
        logger.warning("soffice output %s has no pages", path.name)
        return None
    return pdf


def set_pdf_metadata(pdf: bytes, *, title: str, author: str, subject: str) -> bytes:
    """Return the PDF with its title, author, subject and producer set."""
    try:
        writer = PdfWriter(clone_from=io.BytesIO(pdf))
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        logger.error("cannot read PDF to set its metadata: %s", exc)
        raise ConversionFailed("The PDF could not be read to set its metadata.") from exc
    writer.add_metadata(
        {
            "/Title": unicodedata.normalize("NFC", title),
            "/Author": unicodedata.normalize("NFC", author),
            "/Subject": unicodedata.normalize("NFC", subject),
            "/Producer": "docgen",
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class MergedPdf:
    """A merged PDF written to disk."""

    path: pathlib.Path
    pages: int
    size: int


PdfSource = pathlib.Path | bytes


def merge_pdfs(
    parts: list[tuple[PdfSource, str]],
    target: pathlib.Path,
    *,
    title: str,
    author: str,
    duplex: bool = False,
    pdfa: bool = False,
) -> MergedPdf:
    """Concatenate PDFs in the given order into target, one bookmark per part titled as given."""
    content, pages = merge_pdf_bytes(parts, title=title, author=author, duplex=duplex, pdfa=pdfa)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return MergedPdf(target, pages, len(content))


def merge_pdf_bytes(
    parts: list[tuple[PdfSource, str]],
    *,
    title: str,
    author: str,
    duplex: bool = False,
    pdfa: bool = False,
) -> tuple[bytes, int]:
    """The one merge of docgen (rounds, batches): the PDF's bytes and its page count.

    One bookmark per part; `duplex` starts every part on an odd page (a blank page is inserted
    after a part with an odd number of pages) so that a double-sided print separates cleanly;
    `pdfa` keeps PDF/A-2b when the parts are PDF/A-2b (their OutputIntent, a matching XMP).
    """
    writer = PdfWriter()
    first_reader: PdfReader | None = None
    for index, (source, bookmark) in enumerate(parts):
        if duplex and index and len(writer.pages) % 2:
            last = writer.pages[-1]
            writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        if first_reader is None:
            first_reader = PdfReader(stream)
            if isinstance(stream, io.BytesIO):
                stream.seek(0)
        # import_outline=False: LibreOffice's own headings would drown the per-document list.
        writer.append(
            stream, outline_item=unicodedata.normalize("NFC", bookmark), import_outline=False
        )
    # The parts embed the same fonts and resources; identical objects are written once.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    info = {
        "/Title": unicodedata.normalize("NFC", title),
        "/Author": unicodedata.normalize("NFC", author),
        "/Producer": "docgen",
    }
    writer.add_metadata(info)
    writer.page_mode = "/UseOutlines"
    if pdfa and first_reader is not None:
        _keep_pdfa(writer, first_reader, info)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)


def _keep_pdfa(writer: PdfWriter, first: PdfReader, info: dict[str, str]) -> None:
    """Give a merged PDF the parts' OutputIntent and an XMP saying PDF/A-2b, matching its Info."""
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    intents = first.root_object.get("/OutputIntents")
    if intents is None:
        raise ConversionFailed("The parts of a PDF/A merge are not PDF/A.")
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject(
        [intent.get_object().clone(writer) for intent in intents.get_object()]
    )
    stamp = time.gmtime()
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    writer.add_metadata({"/CreationDate": time.strftime("D:%Y%m%d%H%M%SZ", stamp)})
    stream = StreamObject()
    stream.set_data(_xmp(info, now).encode("utf-8"))
    stream.update(
        {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
    )
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)


def _xmp(info: dict[str, str], created: str) -> str:
    """An XMP packet for PDF/A-2b whose title, author and producer match the Info dictionary."""
    from xml.sax.saxutils import escape

    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info["/Title"])}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info["/Author"])}</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{escape(info["/Producer"])}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>{created}</xmp:CreateDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
