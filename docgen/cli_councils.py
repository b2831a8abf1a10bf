"""`docgen councils`: save a council's profile (its province and channels), list the saved ones."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docgen.cli_support import build_app, fail
from docgen.errors import DocgenError, MalformedRequest


@click.group()
def councils() -> None:
    """Save each council's channels (to whom its letters go, level by level); list them."""


@councils.command("set")
@click.argument("profile_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def set_profile(profile_file: Path) -> None:
    """Save the council profile in PROFILE_FILE (JSON), replacing that council's old one."""
    from docgen.councils import describe, load_profile

    app = build_app()
    try:
        try:
            raw = json.loads(profile_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedRequest(f"{profile_file}: không đọc được JSON ({exc}).") from exc
        profile = load_profile(raw)
    except DocgenError as error:
        fail(error)
        return
    app.extensions["docgen"].councils.save(profile)
    click.echo(f"Đã lưu hồ sơ {describe(profile)}.")


@councils.command("list")
def list_profiles() -> None:
    """Print every saved council profile as JSON."""
    app = build_app()
    profiles = app.extensions["docgen"].councils.all()
    click.echo(json.dumps(profiles, ensure_ascii=False, indent=2))
