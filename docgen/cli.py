"""The command-line door: files in, files and exit codes out; the service decides."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from docgen.cli_support import EXIT_FAILED, build_app, fail
from docgen.errors import DocgenError


def read_json(path: Path) -> Any:
    """A JSON file's content; malformed JSON becomes a DocgenError naming the place."""
    from docgen.errors import MalformedRequest

    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise MalformedRequest(
            f"{path}: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})."
        ) from exc
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"{path}: tệp không ở mã UTF-8.") from exc


@click.group(context_settings={"terminal_width": 100, "max_content_width": 100})
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen: văn bản tiếp xúc cử tri của HĐND theo Nghị định 30/2020 (DOCX và PDF)."""


@main.command()
@click.argument("doc_type")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; its extension (.docx or .pdf) chooses the format.",
)
@click.option("--pdfa", is_flag=True, help="Write the PDF as PDF/A-2b (for the archive).")
def render(doc_type: str, data: Path, output: Path, pdfa: bool) -> None:
    """Render one document of DOC_TYPE from the JSON file DATA."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in {"docx", "pdf"}:
        raise click.BadParameter("the output must end in .docx or .pdf", param_hint="-o")
    if pdfa:
        if fmt != "pdf":
            raise click.BadParameter("--pdfa needs an output ending in .pdf", param_hint="-o")
        fmt = "pdfa"
    app = build_app()
    try:
        raw = read_json(data)
        with app.app_context():
            generated = app.extensions["docgen"].generate_raw(doc_type, raw, fmt)
    except DocgenError as error:
        fail(error)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(generated.content)
    click.echo(f"{output} ({len(generated.content):,} bytes)")


@main.command("round")
@click.argument("round_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the documents and manifest.json (required unless --check).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "pdfa"]),
    default="docx",
    show_default=True,
    help="Format of each document (pdfa: PDF/A-2b, for the archive).",
)
@click.option("--check", is_flag=True, help="Only print the routing, counts and warnings as JSON.")
def round_(round_file: Path, out_dir: Path | None, fmt: str, check: bool) -> None:
    """Produce every document of one voter-contact round from ROUND_FILE (JSON)."""
    from docgen import round_output, rounds

    if not check and out_dir is None:
        raise click.UsageError("Missing option '-o' / '--output'.")
    app = build_app()
    try:
        data = rounds.load_round(read_json(round_file))
        if check:
            summary = round_output.check_round(data, app.extensions["docgen"])
            click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        with app.app_context():
            output = round_output.generate_round(app.extensions["docgen"], data, fmt)
    except DocgenError as error:
        fail(error)
        return
    assert out_dir is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    for produced in output.files:
        (out_dir / produced.name).write_bytes(produced.content)
        click.echo(str(out_dir / produced.name))
    (out_dir / round_output.MANIFEST).write_text(
        round_output.manifest_json(output), encoding="utf-8"
    )
    click.echo(f"{out_dir / round_output.MANIFEST} ({len(output.files)} văn bản)")
    c = output.plan.routing.counts
    click.echo(
        f"{c.opinions} ý kiến: {c.report_items} nội dung trong báo cáo, {c.lower_items} nội dung "
        f"chuyển cấp dưới; {len(output.plan.routing.letters)} công văn chuyển."
    )
    for warning in output.plan.warnings:
        click.echo(f"Cảnh báo: {warning.message_vi}", err=True)
    for failed in output.failed:
        click.echo(f"Lỗi: {failed.name}: {failed.error}", err=True)
    if output.failed:
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["auto", "typed", "cong_van", "bien_ban", "giay_moi"]),
    default="auto",
    show_default=True,
    help="Which Decree 30 model to check against; auto infers it from the content.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def check(docx: Path, kind: str, as_json: bool, lang: str) -> None:
    """Check a DOCX against Decree 30/2020; exit 1 when it has errors."""
    from docgen.conformity import format_report

    app = build_app()
    try:
        report = app.extensions["docgen"].check(docx.read_bytes(), kind)
    except DocgenError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, lang))
    sys.exit(0 if report.ok else EXIT_FAILED)


@main.command()
@click.argument(
    "round_files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def coverage(round_files: tuple[Path, ...]) -> None:
    """Warn about places no round of the year reached (ROUND_FILES: one JSON file per round)."""
    from docgen import rounds
    from docgen.round_warnings import yearly_coverage

    loaded = []
    for path in round_files:
        try:
            loaded.append(rounds.load_round(read_json(path)))
        except DocgenError as error:
            click.echo(f"{path}:", err=True)
            fail(error)
            return
    warnings = yearly_coverage(loaded)
    for warning in warnings:
        click.echo(f"Cảnh báo: {warning.message_vi}")
    if not warnings:
        click.echo(f"Mọi nơi đã được tiếp xúc cử tri ({len(loaded):02d} đợt).")


@main.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="schemas",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for openapi.json and one JSON Schema per document type.",
)
def schemas(out_dir: Path) -> None:
    """Write the OpenAPI document and the JSON Schemas of every document type."""
    from docgen.contracts import write_contracts

    for path in write_contracts(build_app(), out_dir):
        click.echo(str(path))


def gunicorn_settings(config: Any, bind: str, workers: int | None) -> dict[str, Any]:
    """What gunicorn runs docgen with."""
    return {
        "bind": bind,
        "workers": workers or config["WORKERS"],
        "timeout": int(config["CONVERSION_TIMEOUT"]) + 30,
        "accesslog": "-",
        # A worker is replaced after a few hundred requests (each at a different count: the
        # jitter), so memory a large request left behind goes back to the system.
        "max_requests": 500,
        "max_requests_jitter": 100,
        # gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl): two
        # instances on one host would fight over it, and docgen does not use it.
        "control_socket_disable": True,
    }


@main.command()
@click.option(
    "--host", default=None, help="Address to listen on [default: DOCGEN_HOST or 127.0.0.1]."
)
@click.option("--port", default=None, type=int, help="Port [default: DOCGEN_PORT or 8000].")
@click.option(
    "--workers", default=None, type=int, help="gunicorn workers [default: DOCGEN_WORKERS or 2]."
)
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the API and the web pages with gunicorn."""
    from gunicorn.app.base import BaseApplication

    from docgen import office_pool

    app = build_app()
    count = workers or app.config["WORKERS"]
    if app.config["POOL"] and int(app.config["POOL_SIZE"]) <= 0:
        # The cores are shared among the gunicorn workers: one pool per worker, all of them
        # together one LibreOffice per core (at least one each).
        size = max(1, -(-(os.cpu_count() or 1) // count))
        app.config["POOL_SIZE"] = size
        service = app.extensions["docgen"]
        service.settings = dataclasses.replace(service.settings, pool_size=size)
    bind = f"{host or app.config['HOST']}:{port or app.config['PORT']}"
    threads = max(4, app.extensions["docgen"].settings.pool_workers() * 2)

    def post_worker_init(worker: Any) -> None:
        # Each gunicorn worker starts its own pool after the fork (a pool made in the master
        # would hand every worker the same UNO pipes and child processes), warmed before it
        # takes requests.
        pool = app.extensions["docgen"].pool()
        if pool is not None:
            pool.start()

    def worker_exit(server: Any, worker: Any) -> None:
        office_pool.shutdown_all()

    settings = gunicorn_settings(app.config, bind, count)
    settings.update(
        # Threads wait on LibreOffice, so a worker serves a few requests at once; its pool's
        # waiting line answers 503 with Retry-After when it is full.
        worker_class="gthread",
        threads=threads,
        timeout=int(app.config["CONVERSION_TIMEOUT"]) * 2 + 30,
        post_worker_init=post_worker_init,
        worker_exit=worker_exit,
    )

    class Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in settings.items():
                if name in self.cfg.settings:
                    self.cfg.set(name, value)

        def load(self) -> Any:
            return app

    click.echo(f"docgen: http://{bind}/")
    Server().run()


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the documents.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "both"]),
    default="docx",
    show_default=True,
    help="What to write for each document.",
)
@click.option(
    "--merge",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every document into this one PDF, in print order, with a bookmark each "
    "(a relative path is inside the output folder).",
)
@click.option(
    "--duplex",
    is_flag=True,
    help="In the merged PDF, start every document on an odd page (blank pages added) for "
    "double-sided printing.",
)
@click.option("--pdfa", is_flag=True, help="Make every PDF (and the merged one) PDF/A-2b.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="LibreOffice processes working at once [default: one per core].",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write what was produced and what failed (file, record, field) to this JSON file.",
)
def batch(
    inputs: tuple[Path, ...],
    outdir: Path,
    fmt: str,
    merge: Path | None,
    duplex: bool,
    pdfa: bool,
    jobs: int | None,
    report: Path | None,
) -> None:
    """Make the documents of every record in INPUTS (JSON files or folders of them).

    A file named after a document type (ke_hoach_tiep_xuc.json, ke_hoach_tiep_xuc.x.json) holds
    that type's data or a list of them; any other file holds {"type": …, "data": …}, a list of
    those, or a round of voter contact. Every record is checked first; the valid ones are made
    even when others fail, and the exit code is non-zero when any failed.
    """
    from docgen import batch as engine

    options = engine.Options(
        formats=engine.FORMATS[fmt],
        jobs=jobs,
        merge=(outdir / merge) if merge is not None and not merge.is_absolute() else merge,
        duplex=duplex,
        pdfa=pdfa,
    )
    app = build_app()
    shown = _ProgressDisplay(sys.stderr.isatty())
    try:
        with app.app_context():
            result = engine.run_paths(
                app.extensions["docgen"], list(inputs), outdir, options, shown.update
            )
    except DocgenError as error:
        shown.close()
        fail(error)
        return
    shown.close()
    _summary(result)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(
            json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if result.failed:
        sys.exit(EXIT_FAILED)


_STAGES = {"render": "Tạo DOCX", "convert": "Chuyển PDF", "merge": "Gộp PDF"}


class _ProgressDisplay:
    """A progress bar per stage on a terminal; a few plain lines otherwise."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.stage = ""
        self.done = 0
        self.bar: Any = None

    def update(self, progress: Any) -> None:
        if progress.stage not in _STAGES or progress.total == 0:
            return
        if progress.stage != self.stage:
            self.close()
            self.stage, self.done = progress.stage, 0
            if self.tty:
                self.bar = click.progressbar(
                    length=progress.total, label=_STAGES[progress.stage], file=sys.stderr
                )
                self.bar.__enter__()
        step = max(1, progress.total // 10)
        if progress.done <= self.done:
            return
        if self.bar is not None:
            self.bar.update(progress.done - self.done)
        elif progress.done == progress.total or progress.done // step > self.done // step:
            click.echo(f"{_STAGES[progress.stage]}: {progress.done}/{progress.total}", err=True)
        self.done = progress.done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _summary(result: Any) -> None:
    """The table at the end: one line per document made, one per failure with its fields."""
    rows = [("", "Văn bản / lỗi", "Trang", "Nguồn")]
    for item in result.produced:
        pages = "" if item.pages is None else str(item.pages)
        rows.append(("OK", item.name, pages, item.record.place))
    for failure in result.failed:
        rows.append(("LỖI", failure.message, "", failure.place))
        for field_path, messages in failure.fields.items():
            rows.extend(("", f"  {field_path}: {message}", "", "") for message in messages)
    widths = [min(60, max(len(row[i]) for row in rows)) for i in range(3)]
    click.echo()
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i != 2 else row[i].rjust(widths[i]) for i in range(3)]
        click.echo("  ".join([*cells, row[3]]).rstrip())
    if result.merged is not None:
        merged = result.merged
        click.echo(f"\nPDF gộp: {merged.path} ({merged.pages} trang, {merged.size:,} bytes)")
    click.echo(
        f"\n{result.records} bản ghi: {len(result.produced)} đã tạo, {len(result.failed)} lỗi."
    )


def _register_groups() -> None:
    """The operator's command groups, kept in their own module."""
    from docgen.cli_councils import councils
    from docgen.cli_db import db
    from docgen.cli_register import register
    from docgen.cli_templates import templates, users

    main.add_command(db)
    main.add_command(templates)
    main.add_command(users)
    main.add_command(councils)
    main.add_command(register)


_register_groups()
