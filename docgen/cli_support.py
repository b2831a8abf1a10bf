"""What every CLI command shares: building the app, reporting an error, exit codes."""

from __future__ import annotations

import sys
from typing import Any

import click

from docgen.errors import DocgenError

EXIT_INVALID = 2  # bad input (click uses 2 for usage errors too)
EXIT_FAILED = 1


def build_app() -> Any:
    """The same app the server runs, configured from the environment."""
    from docgen import create_app

    return create_app()


def fail(error: DocgenError) -> None:
    """Print a DocgenError the way a clerk can act on it, then exit non-zero."""
    click.echo(f"Lỗi: {error.message}", err=True)
    for field, messages in error.fields.items():
        for message in messages:
            click.echo(f"  {field}: {message}", err=True)
    sys.exit(EXIT_INVALID if error.status < 500 else EXIT_FAILED)
