"""The warm LibreOffice pool: faults, recycling, shutdown, /healthz, 503, one PDF path, PDF/A.

Every process checked here is one this test's pool started (found by its process group), never
another soffice on the machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, load_fixture, require_soffice
from docx import Document
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject

from docgen import conversion, create_app, documents, forms, office_pool, round_output
from docgen.cli import main

pytestmark = pytest.mark.soffice

PLAN = "ke_hoach_tiep_xuc"
META_KEYS = ("/Title", "/Subject", "/Author", "/Keywords")


def docx_of(paragraphs: int, text: str = "Tổ đại biểu số {i}: Nguyễn Văn Hùng") -> bytes:
    """A DOCX of `paragraphs` paragraphs (many: LibreOffice takes seconds over it)."""
    from xml.sax.saxutils import escape

    doc = Document()
    doc.add_paragraph("{{BODY}}")
    out = io.BytesIO()
    doc.save(out)
    # python-docx adds paragraphs in quadratic time: the body is written as XML at once.
    body = "".join(
        f"<w:p><w:r><w:t>{escape(text.format(i=i))}</w:t></w:r></w:p>" for i in range(paragraphs)
    )
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start = xml.index("<w:p>") if "<w:p>" in xml else xml.index("<w:p ")
                end = xml.index("</w:p>", start) + len("</w:p>")
                data = (xml[:start] + body + xml[end:]).encode("utf-8")
            target.writestr(item, data)
    return result.getvalue()


def pool_of(size: int, **changes: Any) -> office_pool.OfficePool:
    soffice = require_soffice()
    if not office_pool.uno_available("/usr/bin/python3"):
        pytest.fail("Debian's python3-uno is needed (make installs it)")
    return office_pool.OfficePool(office_pool.PoolConfig(soffice=soffice, size=size, **changes))


def group_alive(pgids: set[int], seconds: float = 5.0) -> list[tuple[int, int]]:
    """Live processes in these process groups after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        alive = [p for g in pgids for p in office_pool._group_processes(g)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def soffice_bin(worker: office_pool.Worker) -> int:
    """The pid of the worker's soffice.bin."""
    assert worker.pgid is not None
    for pid, _ in office_pool._group_processes(worker.pgid):
        try:
            if b"soffice.bin" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    raise AssertionError("no soffice.bin in the worker's group")


def wait_until(predicate: Any, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


# --- faults -------------------------------------------------------------------------------------


def test_a_worker_killed_during_a_conversion_is_replaced_and_the_request_retried() -> None:
    big = docx_of(3000)
    with pool_of(1) as pool:
        pool.start()
        worker = pool.workers[0]
        first_group = {worker.pgid}
        outcome: dict[str, Any] = {}

        def convert() -> None:
            try:
                outcome["pdf"] = pool.convert(big)
            except conversion.ConversionError as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=convert)
        thread.start()
        wait_until(lambda: worker.state == "busy")
        time.sleep(0.3)
        os.kill(soffice_bin(worker), signal.SIGKILL)
        thread.join(300)
        # Retried once on a fresh worker: the PDF, or (had the retry failed too) a 502 — the
        # worker died again, or the fresh one answered without a PDF (seen once in CI).
        error = outcome.get("error")
        assert "pdf" in outcome or (
            isinstance(error, conversion.ConversionFailed)
            and not isinstance(error, conversion.ConversionTimeout)
        )
        if "pdf" in outcome:
            assert len(PdfReader(io.BytesIO(outcome["pdf"])).pages) > 10
        assert worker.generation >= 2 and worker.pgid not in first_group
        assert group_alive({g for g in first_group if g}) == []
        for n in range(2):  # the next ones are fine
            pdf = pool.convert(docx_of(1, f"Văn bản số {n}"))
            assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
        assert pool.health()["stats"]["restarts"] >= 1


def test_a_document_that_hangs_libreoffice_times_out_and_the_others_are_unaffected() -> None:
    # A document far longer than the limit stands for one that hangs LibreOffice: the worker
    # gets no answer in time either way.
    hanging = docx_of(30000)
    with pool_of(2, timeout=4.0) as pool:
        pool.start()
        groups_before = {w.pgid for w in pool.workers}
        outcome: dict[str, Any] = {}

        def convert_hanging() -> None:
            try:
                pool.convert(hanging)
            except conversion.ConversionError as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=convert_hanging)
        thread.start()
        wait_until(lambda: any(w.state == "busy" for w in pool.workers))
        others = [pool.convert(docx_of(3, f"Khác {n}")) for n in range(3)]
        thread.join(120)
        assert isinstance(outcome["error"], conversion.ConversionTimeout)  # → 504 at the door
        assert all(len(PdfReader(io.BytesIO(pdf)).pages) == 1 for pdf in others)
        stats = pool.health()["stats"]
        assert stats["timeouts"] == 2  # the first try and its retry on a fresh worker
        killed = groups_before - {w.pgid for w in pool.workers}
        assert killed and group_alive({g for g in killed if g}) == []
        assert len(PdfReader(io.BytesIO(pool.convert(docx_of(1)))).pages) == 1


def test_300_conversions_in_a_row_keep_memory_flat_by_recycling() -> None:
    tiny = docx_of(1)
    samples: list[int] = []
    with pool_of(1, max_conversions=75) as pool:
        for _ in range(300):
            assert pool.convert(tiny).startswith(b"%PDF-")
            samples.append(pool.workers[0].rss_bytes())
        stats = pool.health()["stats"]
    assert stats["conversions"] == 300 and stats["recycled"] >= 3
    live = [s for s in samples if s]
    assert max(live) < 1024 * 2**20
    # The last stretch is no larger than the first one: recycling keeps resident memory flat.
    assert max(live[-50:]) <= 1.5 * max(live[:50])


def test_a_worker_above_its_memory_ceiling_is_recycled() -> None:
    with pool_of(1, max_rss_mib=1) as pool:
        pool.convert(docx_of(1))
        assert pool.workers[0].state == "stopped" and pool.stats.recycled == 1
        pool.convert(docx_of(1))
        assert pool.workers[0].generation == 2


def test_shutdown_leaves_no_soffice_of_the_pool() -> None:
    pool = pool_of(2)
    pool.start()
    groups = {w.pgid for w in pool.workers if w.pgid}
    assert len(groups) == 2 and all(office_pool._group_processes(g) for g in groups)
    folders = [w.workdir for w in pool.workers]
    pool.shutdown()
    assert group_alive(groups) == []
    assert not any(folder and folder.exists() for folder in folders)
    with pytest.raises(conversion.ConverterUnavailable):
        pool.convert(docx_of(1))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_docgen_serve_warms_a_pool_per_worker_and_ctrl_c_leaves_no_soffice(
    tmp_path: Path,
) -> None:
    require_soffice()
    port = _free_port()
    env = {**os.environ, "DOCGEN_INSTANCE_PATH": str(tmp_path / "instance")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from docgen.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        pids: set[int] = set()
        deadline = time.monotonic() + 120
        while len(pids) < 2 and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    state = json.loads(r.read())
                pids |= {w["pid"] for w in state["workers"] if w["state"] == "idle"}
            except OSError:
                time.sleep(0.2)
        assert len(pids) >= 2, "both gunicorn workers warm their own LibreOffice"
        groups = {os.getpgid(pid) for pid in pids}
        server.send_signal(signal.SIGINT)
        server.wait(60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert group_alive(groups, 10) == []


# --- the doors ----------------------------------------------------------------------------------


@pytest.fixture
def app(tmp_path: Path):
    yield create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": str(tmp_path / "i")}
    )


def test_healthz_shows_the_workers(app) -> None:
    client = app.test_client()
    client.post(f"/api/v1/documents/{PLAN}?format=pdf", json=load_fixture(f"{PLAN}.json"))
    body = client.get("/healthz").get_json()
    assert body["ok"] is True and body["mode"] == "warm"
    assert len(body["workers"]) == body["size"] >= 1
    assert any(w["state"] == "idle" and w["pid"] and w["rss_mib"] > 0 for w in body["workers"])
    schema = client.get("/api/openapi.json").get_json()["paths"]["/healthz"]["get"]
    assert "200" in schema["responses"] and "content" in schema["responses"]["200"]


def test_healthz_without_libreoffice_is_503(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    app = create_app(
        {"TESTING": True, "SOFFICE": str(tmp_path / "none"), "INSTANCE_PATH": str(tmp_path)}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["mode"] == "unavailable"


def test_a_full_waiting_line_is_503_with_retry_after(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path),
            "POOL_SIZE": 1,
            "POOL_QUEUE": 0,
            "POOL_MAX_CONVERSIONS": 199,  # another pool than the other tests' (its own worker)
        }
    )
    pool = app.extensions["docgen"].pool()
    busy = threading.Thread(target=pool.convert, args=(docx_of(3000),))
    busy.start()
    try:
        wait_until(lambda: pool.workers[0].state == "busy")
        response = app.test_client().post(
            f"/api/v1/documents/{PLAN}?format=pdf", json=load_fixture(f"{PLAN}.json")
        )
        assert response.status_code == 503
        error = response.get_json()["error"]
        assert error["code"] == "pdf_busy" and error["status"] == 503
        assert int(response.headers["Retry-After"]) >= 1
    finally:
        busy.join(300)
        pool.shutdown()


def _metadata(pdf: bytes) -> dict[str, str]:
    info = PdfReader(io.BytesIO(pdf)).metadata or {}
    return {key: str(info.get(key)) for key in META_KEYS}


def test_one_document_through_every_door_has_the_same_pdf_metadata(app, tmp_path: Path) -> None:

    data = load_fixture(f"{PLAN}.json")
    client = app.test_client()
    made: dict[str, bytes] = {}
    made["api"] = client.post(f"/api/v1/documents/{PLAN}?format=pdf", json=data).data
    fields = forms.data_to_form(forms.build_form(documents.get(PLAN).schema), data)
    page = client.post(
        f"/documents/{PLAN}",
        data={**fields, "action": "preview"},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    preview = re.search(r'<iframe src="(/previews/[^"]+\.pdf)"', page)
    assert preview, page[:500]
    made["preview"] = client.get(preview.group(1)).data
    source = tmp_path / f"{PLAN}.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", PLAN, str(source), "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 0, result.output
    made["cli"] = (tmp_path / "c.pdf").read_bytes()
    result = runner.invoke(
        main, ["batch", str(source), "-o", str(tmp_path / "b"), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    (made["batch"],) = [p.read_bytes() for p in (tmp_path / "b").glob("*.pdf")]
    expected = _metadata(made["api"])
    assert expected["/Title"] == "Kế hoạch tiếp xúc cử tri"
    assert expected["/Subject"] == "Kế hoạch 01-KH-HĐND ngày 06-01-2021"
    assert "template_version=0" in expected["/Keywords"] and "data_sha256=" in expected["/Keywords"]
    assert {door: _metadata(pdf) for door, pdf in made.items()} == {d: expected for d in made}


def test_a_round_document_has_the_metadata_of_the_same_document_made_alone(app) -> None:
    from docgen.rounds import plan_round
    from docgen.schemas.round import RoundSchema

    raw = load_fixture("round_xa_2026.json")
    job = plan_round(RoundSchema().load(raw)).jobs[0]
    service = app.extensions["docgen"]
    output = round_output.produce(service, plan_round(RoundSchema().load(raw)), "pdf")
    alone = service.generate(job.type_id, job.data, "pdf").content
    assert _metadata(output.files[0].content) == _metadata(alone)
    assert job.name in _metadata(alone)["/Subject"] or _metadata(alone)["/Subject"]


# --- PDF/A and duplex ---------------------------------------------------------------------------


def assert_pdfa_2b(pdf: bytes) -> None:
    """XMP says PDF/A-2b, an OutputIntent is there, every font is embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.root_object
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>|pdfaid:part=\"2\"", xmp), xmp[:400]
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>|conformance=\"B\"", xmp)
    intents = root["/OutputIntents"].get_object()
    assert len(intents) >= 1 and intents[0].get_object()["/S"] == "/GTS_PDFA1"
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", DictionaryObject()).values():
            font = font.get_object()
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is None:
                    continue
                fonts += 1
                keys = set(descriptor.get_object())
                assert keys & {"/FontFile", "/FontFile2", "/FontFile3"}, part.get("/BaseFont")
    assert fonts


def test_pdfa_from_the_api_and_the_cli(app, tmp_path: Path) -> None:
    data = load_fixture(f"{PLAN}.json")
    response = app.test_client().post(f"/api/v1/documents/{PLAN}?format=pdfa", json=data)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert_pdfa_2b(response.data)
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "a.pdf"
    result = CliRunner().invoke(main, ["render", PLAN, str(source), "-o", str(out), "--pdfa"])
    assert result.exit_code == 0, result.output
    assert_pdfa_2b(out.read_bytes())
    plain = app.test_client().post(f"/api/v1/documents/{PLAN}?format=pdf", json=data).data
    assert "/OutputIntents" not in PdfReader(io.BytesIO(plain)).root_object


def test_a_merged_pdfa_round_in_duplex_keeps_pdfa_and_starts_each_document_on_an_odd_page(
    app,
) -> None:
    from roundkit import raw_round

    response = app.test_client().post("/api/v1/rounds?format=pdfa&duplex=true", json=raw_round())
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert_pdfa_2b(response.data)
    reader = PdfReader(io.BytesIO(response.data))
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert len(starts) == int(response.headers["X-Docgen-Documents"]) >= 3
    assert all(start % 2 == 0 for start in starts)  # 0-based even: page 1, 3, 5… when printed


def _blank(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("pages", "duplex", "starts", "total"),
    [
        ([1, 2, 3], False, [0, 1, 3], 6),
        ([1, 2, 3], True, [0, 2, 4], 7),
        ([2, 2], True, [0, 2], 4),
        ([3], True, [0], 3),
    ],
)
def test_duplex_inserts_a_blank_page_only_after_an_odd_document(
    pages: list[int], duplex: bool, starts: list[int], total: int
) -> None:
    parts: list[tuple[conversion.PdfSource, str]] = [
        (_blank(n), f"Văn bản {i}") for i, n in enumerate(pages)
    ]
    content, count = conversion.merge_pdf_bytes(parts, title="t", author="a", duplex=duplex)
    reader = PdfReader(io.BytesIO(content))
    assert count == len(reader.pages) == total
    assert [reader.get_destination_page_number(o) for o in reader.outline] == starts
    assert [o.title for o in reader.outline] == [f"Văn bản {i}" for i in range(len(pages))]
