"""Batch generation: inputs, validation first, parallel conversion with culprits isolated, merge."""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import FIXTURES, ROOT, load_fixture
from pdfcheck import page_count, pdf_paragraph_text
from pypdf import PdfReader

from docgen import batch, config, pdfpool
from docgen.cli import main
from docgen.conversion import ConversionTimeout
from docgen.inputs import Record, read_file, read_inputs
from docgen.service import DocumentService, Settings

PLAN = "ke_hoach_tiep_xuc"


def plan(number: int, **changes: Any) -> dict[str, Any]:
    """The seed plan with another number (and so another file name)."""
    data = copy.deepcopy(load_fixture(f"{PLAN}.json"))
    data["number"] = number
    data.update(changes)
    return data


def service(soffice: str = "") -> DocumentService:
    settings = {**config.load(), "SOFFICE": soffice}
    return DocumentService(Settings.from_config(settings))


def write_json(path: Path, content: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def soffice_pids(marker: str) -> set[int]:
    """Live soffice processes (soffice, soffice.bin, fakes) whose command line holds marker."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if "soffice" in cmdline and marker in cmdline and state not in ("Z", "X"):
            found.add(int(entry.name))
    return found


def wait_no_soffice(marker: str, seconds: float = 5.0) -> set[int]:
    """The soffice processes still alive after up to `seconds` (SIGKILL lands asynchronously)."""
    deadline = time.monotonic() + seconds
    while (alive := soffice_pids(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary files of the code under test go to tmp_path, so its soffice runs name it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


# --- inputs -----------------------------------------------------------------------------------


def test_the_three_input_shapes_and_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_json(folder / f"{PLAN}.json", plan(1))
    write_json(folder / "b-envelope.json", {"type": PLAN, "data": plan(2)})
    write_json(
        folder / "a-list.json", [{"type": PLAN, "data": plan(3)}, {"type": PLAN, "data": plan(4)}]
    )
    (folder / "notes.txt").write_text("not read")
    single = write_json(tmp_path / f"{PLAN}.extra.json", [plan(5), plan(6)])
    records, failures = read_inputs([folder, single])
    assert failures == []
    assert [(Path(r.source).name, r.index, r.raw["number"]) for r in records] == [
        ("a-list.json", 0, 3),
        ("a-list.json", 1, 4),
        ("b-envelope.json", None, 2),
        (f"{PLAN}.json", None, 1),
        (f"{PLAN}.extra.json", 0, 5),
        (f"{PLAN}.extra.json", 1, 6),
    ]
    assert {r.type_id for r in records} == {PLAN}


@pytest.mark.parametrize(
    ("content", "fields", "index"),
    [
        ({"type": PLAN}, {"data"}, None),
        ({"type": "", "data": {}}, {"type"}, None),
        ([{"type": PLAN, "data": {}}, 42], set(), 1),
        ({"something": "else"}, set(), None),
    ],
)
def test_unreadable_shapes_fail_with_their_place(
    tmp_path: Path, content: Any, fields: set[str], index: int | None
) -> None:
    _, failures = read_file(write_json(tmp_path / "x.json", content))
    assert len(failures) == 1
    assert failures[0].index == index and failures[0].stage == "read"
    assert set(failures[0].fields) == fields


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "type": "x",\n  oops\n}', encoding="utf-8")
    records, failures = read_file(path)
    assert records == [] and "dòng 3" in failures[0].message


def test_a_round_file_expands_through_docgen_rounds_or_says_it_is_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_json(tmp_path / "round.json", {"report": {}, "petitions": [], "meetings": []})

    class FakeRounds:
        @staticmethod
        def expand(raw: Any) -> list[Any]:
            return [{"type": PLAN, "data": plan(7), "name": "Thư 1"}, (PLAN, plan(8))]

    monkeypatch.setitem(sys.modules, "docgen.rounds", FakeRounds)
    records, failures = read_file(path)
    assert failures == []
    assert [(r.index, r.name, r.raw["number"]) for r in records] == [(0, "Thư 1", 7), (1, None, 8)]
    monkeypatch.setitem(sys.modules, "docgen.rounds", None)  # import now fails as if absent
    monkeypatch.setattr("importlib.import_module", _no_module)
    records, failures = read_file(path)
    assert records == [] and "chưa hỗ trợ" in failures[0].message


def _no_module(name: str) -> Any:
    raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def test_the_invalid_fixtures_all_fail_on_their_expected_fields(tmp_path: Path) -> None:
    result = batch.run_paths(service(), [FIXTURES / "invalid"], tmp_path, batch.Options())
    assert result.produced == ()
    expected = {
        str(path): set(json.loads(path.read_text())["expected_fields"])
        for path in (FIXTURES / "invalid").glob("*.json")
    }
    assert {f.source: set(f.fields) for f in result.failed} == expected


# --- the engine, DOCX only --------------------------------------------------------------------


def test_names_are_the_documents_own_and_unique_in_print_order(tmp_path: Path) -> None:
    records = [
        Record(PLAN, plan(2), "a.json"),
        Record(PLAN, plan(1), "b.json", 0),
        Record(PLAN, plan(1), "b.json", 1),
        Record(PLAN, plan(1), "c.json", name="Kế hoạch 01-KH-HĐND ngày 06-01-2021"),
    ]
    result = batch.run(service(), records, tmp_path, batch.Options(formats=("docx",)))
    assert result.failed == ()
    stem = "Kế hoạch 01-KH-HĐND ngày 06-01-2021"
    assert [p.name for p in result.produced] == [
        "Kế hoạch 02-KH-HĐND ngày 06-01-2021",
        stem,
        f"{stem} (2)",
        f"{stem} (3)",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{p.name}.docx" for p in result.produced
    )


def test_unknown_type_fails_on_the_type_field(tmp_path: Path) -> None:
    result = batch.run(service(), [Record("nope", {}, "x.json", 3)], tmp_path, batch.Options())
    (failure,) = result.failed
    assert (failure.source, failure.index, failure.stage) == ("x.json", 3, "validate")
    assert set(failure.fields) == {"type"}


def test_split_gives_contiguous_balanced_shares() -> None:
    items = [Path(str(i)) for i in range(7)]
    assert [len(s) for s in pdfpool.split(items, 3)] == [3, 2, 2]
    assert sum(pdfpool.split(items, 3), []) == items
    assert pdfpool.split(items[:2], 8) == [[items[0]], [items[1]]]


# --- a stand-in soffice that hangs on one document --------------------------------------------

_FAKE = """#!{python}
# Stands in for soffice: a valid one-page PDF per .docx argument, in order, except that a
# document whose text holds TREO hangs (with a child process, as soffice.bin would be).
import io, subprocess, sys, time, zipfile
from pathlib import Path
from pypdf import PdfWriter
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
docs = [arg for arg in args if arg.endswith(".docx")]
Path("{runs}").open("a").write(f"{{len(docs)}}\\n")
stop = Path("{stop}")
for done, arg in enumerate(docs):
    if stop.exists() and done == int(stop.read_text()):
        sys.exit(0)  # as LibreOffice 7.4 does after 243 files: silently
    if b"TREO" in zipfile.ZipFile(arg).read("word/document.xml"):
        child = subprocess.Popen(["sleep", "300"])
        Path("{pids}").open("a").write(f"{{child.pid}}\\n")
        time.sleep(300)
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    (out / (Path(arg).stem + ".pdf")).write_bytes(buffer.getvalue())
"""


def fake_soffice(directory: Path) -> tuple[str, Path]:
    """The fake's path, and the file where it lists the children of its hangs."""
    pids = directory / "hung-children.txt"
    script = directory / "fake-soffice"
    script.write_text(
        _FAKE.format(
            python=sys.executable,
            pids=pids,
            runs=directory / "runs.txt",  # one line per run: how many files it was given
            stop=directory / "stop-after",  # if present: stop silently after that many files
        )
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script), pids


def test_a_document_that_hangs_the_converter_is_isolated_and_the_others_kept(
    tmp_path: Path,
) -> None:
    script, pids = fake_soffice(tmp_path)
    records = [Record(PLAN, plan(n), "many.json", n) for n in range(1, 6)]
    hanging = plan(3)
    hanging["signer"]["name"] = "Nguyễn Văn TREO"
    records[2] = Record(PLAN, hanging, "many.json", 3)
    out = tmp_path / "out"
    started = time.monotonic()
    result = batch.run(
        service(script),
        records,
        out,
        # The fake speaks no UNO: this is the engine of one soffice run per worker.
        batch.Options(formats=("pdf",), jobs=2, timeout=2, engine="runs"),
    )
    assert time.monotonic() - started < 30
    assert [p.record.index for p in result.produced] == [1, 2, 4, 5]
    assert all(p.files[0].read_bytes().startswith(b"%PDF-") for p in result.produced)
    (failure,) = result.failed
    assert (failure.index, failure.stage) == (3, "convert")
    assert "quá thời gian" in failure.message
    # Once in the batch, once alone: both runs were killed with their whole process group.
    children = [int(pid) for pid in pids.read_text().split()]
    assert len(children) == 2
    assert all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in children)
    assert wait_no_soffice(str(tmp_path)) == set()


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except OSError:
        return True


def test_a_converter_that_stops_silently_loses_nothing_and_runs_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, _ = fake_soffice(tmp_path)
    (tmp_path / "stop-after").write_text("3")
    monkeypatch.setattr(pdfpool, "MAX_FILES_PER_RUN", 5)
    sources = []
    for i in range(7):
        sources.append(small_docx(tmp_path / f"d{i}.docx", f"Văn bản {i}"))
    seen: list[int] = []
    result = pdfpool.convert_all(
        sources,
        tmp_path / "pdf",
        soffice=script,
        timeout=10,
        workers=1,
        on_progress=lambda done, total: seen.append(done),
    )
    assert result.failures == {}
    assert sorted(result.pdfs) == sorted(sources)
    # 5 files (the cap): 3 done, the 4th alone, the 5th; then the last 2 in one run.
    runs = [int(n) for n in (tmp_path / "runs.txt").read_text().split()]
    assert runs == [5, 1, 1, 2]
    assert seen == sorted(seen) and seen[-1] == 7


# --- real LibreOffice -------------------------------------------------------------------------


def small_docx(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HUGE_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def huge_docx(path: Path, rows: int = 6000) -> Path:
    """A table LibreOffice takes minutes to lay out: a stand-in for a document that hangs it."""
    # Layout time grows faster than the rows: 1,000 rows take 3 s here, 4,000 about 45 s.
    cell = "<w:tc><w:p><w:r><w:t>Tổ đại biểu</w:t></w:r></w:p></w:tc>"
    grid = '<w:gridCol w:w="2000"/>' * 4
    body = f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{('<w:tr>' + cell * 4 + '</w:tr>') * rows}</w:tbl>"
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}<w:p/></w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**_HUGE_PARTS, "word/document.xml": document}.items():
            archive.writestr(name, content)
    return path


@pytest.mark.soffice
def test_real_soffice_stuck_on_one_document_is_killed_and_the_others_converted(
    soffice: str, private_tmp: Path
) -> None:
    src = private_tmp / "src"
    src.mkdir()
    paths = [small_docx(src / f"doc{i}.docx", f"Văn bản số {i}") for i in range(4)]
    stuck = huge_docx(src / "stuck.docx")
    paths.insert(2, stuck)
    result = pdfpool.convert_all(paths, private_tmp / "pdf", soffice=soffice, timeout=10, workers=1)
    assert set(result.failures) == {stuck}
    assert isinstance(result.failures[stuck], ConversionTimeout)
    assert sorted(result.pdfs) == sorted(p for p in paths if p != stuck)
    for i in range(4):
        pdf = result.pdfs[src / f"doc{i}.docx"].read_bytes()
        assert pdf_paragraph_text(pdf) == f"Văn bản số {i}"
    assert wait_no_soffice(str(private_tmp)) == set()
    assert sorted(p.name for p in private_tmp.iterdir()) == ["pdf", "src"]


@pytest.mark.soffice
def test_merged_pdf_has_every_page_and_one_bookmark_per_document_in_order(
    soffice: str, private_tmp: Path
) -> None:
    before = soffice_pids(str(private_tmp))
    out = private_tmp / "out"
    records = [
        Record(PLAN, plan(3), "b.json"),
        Record(PLAN, load_fixture(f"{PLAN}.xa_2026.json"), "a.json", 0),
        Record(PLAN, plan(1), "a.json", 1),
    ]
    options = batch.Options(formats=("pdf",), jobs=2, merge=out / "tat-ca.pdf")
    result = batch.run(service(soffice), records, out, options)
    assert result.failed == ()
    names = [p.name for p in result.produced]
    assert names == [
        "Kế hoạch 03-KH-HĐND ngày 06-01-2021",
        "Kế hoạch du-thao-KH-HĐND ngày 28-12-2026",
        "Kế hoạch 01-KH-HĐND ngày 06-01-2021",
    ]
    parts = [p.files[0].read_bytes() for p in result.produced]
    merged = (out / "tat-ca.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(merged))
    assert result.merged is not None and result.merged.pages == len(reader.pages)
    assert len(reader.pages) == sum(page_count(part) for part in parts) == 12
    assert [item.title for item in reader.outline] == names
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts == [0, 4, 8]
    assert "03/KH-HĐND" in reader.pages[0].extract_text()
    # Shared objects: smaller than the parts side by side.
    assert len(merged) < sum(len(part) for part in parts)
    assert [p.pages for p in result.produced] == [4, 4, 4]
    meta = PdfReader(io.BytesIO(parts[0])).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (
        "Kế hoạch tiếp xúc cử tri",
        "docgen",
        names[0],
    )
    assert soffice_pids(str(private_tmp)) == before == set()


@pytest.mark.soffice
def test_cli_one_corrupt_record_among_valid_ones(runner, soffice: str, tmp_path: Path) -> None:
    bad = plan(2)
    bad["signer"]["name"] = ""
    source = write_json(
        tmp_path / "records.json",
        [
            {"type": PLAN, "data": plan(1)},
            {"type": PLAN, "data": bad},
            {"type": PLAN, "data": plan(3)},
        ],
    )
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    result = runner.invoke(
        main,
        [
            "batch",
            str(source),
            "-o",
            str(out),
            "--format",
            "both",
            "--report",
            str(report),
            "--merge",
            "all.pdf",
            "--jobs",
            "2",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "signer.name" in result.output
    assert "2 đã tạo, 1 lỗi" in result.output
    content = json.loads(report.read_text(encoding="utf-8"))
    assert content["summary"] == {"records": 3, "produced": 2, "failed": 1}
    assert content["failed"] == [
        {
            "source": str(source),
            "record": 1,
            "type": PLAN,
            "stage": "validate",
            "message": "Dữ liệu không hợp lệ ở 1 trường.",
            "fields": {"signer.name": ["Không được để trống."]},
        }
    ]
    assert [(p["record"], p["pages"]) for p in content["produced"]] == [(0, 4), (2, 4)]
    files = sorted(p.name for p in out.iterdir())
    stems = ["Kế hoạch 01-KH-HĐND ngày 06-01-2021", "Kế hoạch 03-KH-HĐND ngày 06-01-2021"]
    assert files == sorted(["all.pdf", *(f"{s}.{ext}" for s in stems for ext in ("docx", "pdf"))])
    assert content["merged"] == {
        "file": str(out / "all.pdf"),
        "pages": 8,
        "bytes": (out / "all.pdf").stat().st_size,
        "documents": 2,
    }


def test_cli_docx_only_succeeds_with_plain_progress_lines(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(FIXTURES / f"{PLAN}.json"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Tạo DOCX: 1/1" in result.output
    assert "1 bản ghi: 1 đã tạo, 0 lỗi." in result.output
    assert (tmp_path / "Kế hoạch 01-KH-HĐND ngày 06-01-2021.docx").exists()


# A shell's background job starts with SIGINT ignored, and Python keeps it so: restore it.
_CLI_WITH_CTRL_C = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from docgen.cli import main; main()"
)


@pytest.mark.soffice
def test_ctrl_c_kills_every_soffice_and_leaves_no_temporary_files(
    soffice: str, tmp_path: Path
) -> None:
    source = write_json(tmp_path / "in" / f"{PLAN}.json", [plan(n) for n in range(1, 41)])
    work = tmp_path / "tmp"
    work.mkdir()
    env = {**os.environ, "TMPDIR": str(work)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CLI_WITH_CTRL_C,
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out"),
            "--format",
            "pdf",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while len(soffice_pids(str(work))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert soffice_pids(str(work)), "soffice never started"
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=30)[0].decode()
    finally:
        proc.kill()
    assert proc.returncode != 0, output
    assert wait_no_soffice(str(work)) == set()
    assert list(work.iterdir()) == []


def test_no_soffice_is_needed_for_docx(tmp_path: Path) -> None:
    result = batch.run(
        service("/nonexistent/soffice"),
        [Record(PLAN, plan(1), "a.json")],
        tmp_path,
        batch.Options(formats=("docx",)),
    )
    assert len(result.produced) == 1


def test_a_real_round_file_becomes_its_documents_in_filing_order(tmp_path: Path) -> None:
    from docgen import rounds

    raw = load_fixture("round_xa_2026.json")
    jobs = rounds.plan_round(rounds.load_round(raw)).jobs
    result = batch.run_paths(
        service(), [FIXTURES / "round_xa_2026.json"], tmp_path, batch.Options(formats=("docx",))
    )
    assert result.failed == ()
    assert [p.name for p in result.produced] == [job.name for job in jobs]
    assert [p.record.type_id for p in result.produced] == [job.type_id for job in jobs]
    assert all(p.files[0].exists() for p in result.produced)
