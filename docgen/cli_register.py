"""`docgen register`: how an issuing body numbers its documents in the outgoing register."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docgen import vn
from docgen.cli_support import build_app, fail
from docgen.errors import DocgenError, InvalidData, MalformedRequest


@click.group()
def register() -> None:
    """The outgoing register (sổ đăng ký văn bản đi): each issuing body's number series."""


@register.command("series")
@click.argument("data_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--per-type/--one-series",
    default=False,
    help="One series per document type, or one for all types (Decree 30's default).",
)
def series(data_file: Path, per_type: bool) -> None:
    """Set the number series of the issuing body in DATA_FILE's `issuer`."""
    from docgen.register import issuer_key

    app = build_app()
    try:
        try:
            raw = json.loads(data_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedRequest(f"{data_file}: không đọc được JSON ({exc}).") from exc
        issuer = raw.get("issuer") if isinstance(raw, dict) else None
        if not isinstance(issuer, dict) or not issuer.get("header_name"):
            raise InvalidData(
                "Tệp không nêu cơ quan ban hành.", fields={"issuer": ["Thiếu cơ quan ban hành."]}
            )
        key = issuer_key(
            {k: vn.nfc_clean(v) if isinstance(v, str) else v for k, v in issuer.items()}
        )
    except (DocgenError, KeyError) as error:
        if isinstance(error, KeyError):
            error = InvalidData(
                "Cơ quan ban hành thiếu thông tin.", fields={f"issuer.{error.args[0]}": ["Thiếu."]}
            )
        fail(error)
        return
    app.extensions["docgen.workspace"].register.set_series(key, per_type=per_type)
    kind = "mỗi loại văn bản một dãy số" if per_type else "một dãy số chung cho mọi loại văn bản"
    click.echo(f"{key}: {kind}.")
