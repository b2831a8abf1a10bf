"""The command-line door: files in, files and exit codes out; the service decides."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from docgen.errors import DocgenError

EXIT_INVALID = 2  # bad input (click uses 2 for usage errors too)
EXIT_FAILED = 1


def _app() -> Any:
    from docgen import create_app

    return create_app()


def _fail(error: DocgenError) -> None:
    """Print a DocgenError the way a clerk can act on it, then exit non-zero."""
    click.echo(f"Lỗi: {error.message}", err=True)
    for field, messages in error.fields.items():
        for message in messages:
            click.echo(f"  {field}: {message}", err=True)
    sys.exit(EXIT_INVALID if error.status < 500 else EXIT_FAILED)


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
def render(doc_type: str, data: Path, output: Path) -> None:
    """Render one document of DOC_TYPE from the JSON file DATA."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in {"docx", "pdf"}:
        raise click.BadParameter("the output must end in .docx or .pdf", param_hint="-o")
    app = _app()
    try:
        raw = read_json(data)
        with app.app_context():
            generated = app.extensions["docgen"].generate_raw(doc_type, raw, fmt)
    except DocgenError as error:
        _fail(error)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(generated.content)
    click.echo(f"{output} ({len(generated.content):,} bytes)")


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

    app = _app()
    try:
        report = app.extensions["docgen"].check(docx.read_bytes(), kind)
    except DocgenError as error:
        _fail(error)
        return
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, lang))
    sys.exit(0 if report.ok else EXIT_FAILED)


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

    for path in write_contracts(_app(), out_dir):
        click.echo(str(path))


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

    app = _app()
    bind = f"{host or app.config['HOST']}:{port or app.config['PORT']}"

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers or app.config["WORKERS"])
            self.cfg.set("timeout", int(app.config["CONVERSION_TIMEOUT"]) + 30)
            self.cfg.set("accesslog", "-")

        def load(self) -> Any:
            return app

    click.echo(f"docgen: http://{bind}/")
    Server().run()
