"""The operator's commands: template versions (`docgen templates`) and staff accounts (`docgen users`)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any

import click

from docgen.cli_support import EXIT_INVALID, build_app, fail
from docgen.errors import DocgenError, TemplateRejected
from docgen.models import ROLES


def _echo_findings(report: dict[str, Any]) -> None:
    labels = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "ghi chú"}
    for finding in report["findings"]:
        click.echo(f"- {labels[finding['severity']]} [{finding['check']}] {finding['message']}")
        if finding["where"]:
            click.echo(f"    tại: “{finding['where']}”")
    click.echo(report["summary"])


@click.group()
def templates() -> None:
    """Manage the templates staff edit: list, export, import, history, rollback, validate."""


@templates.command("list")
def list_templates() -> None:
    """List the document types and their active template versions."""
    from docgen import documents

    app = build_app()
    admin = app.extensions["docgen.templates"]
    for doc in documents.REGISTRY.values():
        active = admin.store.active(doc.id)
        click.echo(
            f"{doc.id}\tv{active.version}\t{active.author}\t"
            f"{active.created_at:%Y-%m-%d %H:%M}\t{active.sha256[:12]}\t{doc.title}"
        )
        notice = admin.notice(doc.id)
        if notice is not None and notice.shipped_changed:
            click.echo("  ! mẫu gốc đã thay đổi từ khi làm phiên bản này: xem trang /templates")
        for problem in notice.problems if notice is not None else ():
            click.echo(f"  ! {problem}")


@templates.command()
@click.argument("type_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the DOCX.")  # fmt: skip
@click.option("--version", "version", type=int, default=None,
              help="A version number from `history` [default: the active one].")  # fmt: skip
def export(type_id: str, output: Path, version: int | None) -> None:
    """Write a template version (the active one by default) to a DOCX file."""
    app = build_app()
    store = app.extensions["docgen.templates"].store
    try:
        info = store.active(type_id) if version is None else store.get(type_id, version)
    except DocgenError as error:
        fail(error)
        return
    output.write_bytes(info.path.read_bytes())
    click.echo(f"{output}: {type_id} v{info.version} ({info.sha256[:12]})")


@templates.command("import")
@click.argument("type_id")
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-m", "--comment", default="", help="What changed, and why.")
@click.option("--confirm", is_flag=True, help="Accept the template even if it has warnings.")
@click.option("--author", default=None, help="Recorded as who made the change [default: OS user].")
def import_template(
    type_id: str, docx: Path, comment: str, confirm: bool, author: str | None
) -> None:
    """Check a DOCX and, if it passes, make it the active template of TYPE_ID."""
    app = build_app()
    try:
        info, report = app.extensions["docgen.templates"].upload(
            type_id, docx.read_bytes(), author=author or f"{getpass.getuser()} (CLI)",
            comment=comment, confirm=confirm, filename=docx.name,
        )  # fmt: skip
    except TemplateRejected as refusal:
        _echo_findings(refusal.report)
        if refusal.code == "confirmation_required":
            click.echo("Chạy lại với --confirm để chấp nhận các cảnh báo.", err=True)
        sys.exit(EXIT_INVALID)
    except DocgenError as error:
        fail(error)
        return
    _echo_findings(report.to_dict())
    click.echo(f"{type_id}: phiên bản {info.version} đang được dùng ({info.sha256[:12]}).")


@templates.command()
@click.argument("type_id")
def history(type_id: str) -> None:
    """List every version of a template, newest first (0 is the shipped one)."""
    app = build_app()
    try:
        versions = app.extensions["docgen.templates"].store.versions(type_id)
    except DocgenError as error:
        fail(error)
        return
    for v in versions:
        mark = "*" if v.active else " "
        click.echo(
            f"{mark} v{v.version}\t{v.created_at:%Y-%m-%d %H:%M}\t{v.author}\t{v.sha256[:12]}\t{v.comment}"
        )


@templates.command()
@click.argument("type_id")
@click.argument("version", type=int)
def rollback(type_id: str, version: int) -> None:
    """Make an earlier version (0: the shipped one) the active template again."""
    app = build_app()
    try:
        info = app.extensions["docgen.templates"].rollback(
            type_id, version, author=f"{getpass.getuser()} (CLI)"
        )
    except DocgenError as error:
        fail(error)
        return
    click.echo(f"{type_id}: phiên bản {info.version} đang được dùng ({info.sha256[:12]}).")


@templates.command()
@click.argument("type_id")
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate(type_id: str, docx: Path, as_json: bool) -> None:
    """Check a DOCX as a template of TYPE_ID without keeping it; non-zero exit on errors."""
    app = build_app()
    try:
        report = app.extensions["docgen.templates"].check(type_id, docx.read_bytes(), docx.name)
    except DocgenError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _echo_findings(report.to_dict())
    if not report.ok:
        sys.exit(EXIT_INVALID)


@click.group()
def users() -> None:
    """Manage staff accounts and API tokens (stored hashed; a token is shown once)."""


@users.command("add")
@click.argument("name")
@click.option("--token", "with_token", is_flag=True, help="Also create an API token and print it.")
@click.option("--no-password", is_flag=True, help="An account for the API only (no sign-in).")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(list(ROLES)),
    help="A role (repeat for several): chuyen_vien, van_thu, can_bo_mau, quan_tri.",
)
def add_user(name: str, with_token: bool, no_password: bool, roles: tuple[str, ...]) -> None:
    """Create a staff account; asks for its password."""
    password = None
    if not no_password:
        password = click.prompt(
            "Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
        )
    app = build_app()
    accounts = app.extensions["docgen.accounts"]
    try:
        accounts.add(name, password, roles)
        click.echo(f"Đã tạo tài khoản “{name}”" + (f" ({', '.join(roles)})." if roles else "."))
        if with_token:
            _print_token(accounts.new_token(name))
    except DocgenError as error:
        fail(error)


@users.command("grant")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(list(ROLES)))
def grant(name: str, roles: tuple[str, ...]) -> None:
    """Give an account more roles (chuyen_vien, van_thu, can_bo_mau, quan_tri)."""
    app = build_app()
    try:
        account = app.extensions["docgen.accounts"].grant(name, roles)
    except DocgenError as error:
        fail(error)
        return
    click.echo(f"“{name}”: {', '.join(sorted(account.roles))}.")


@users.command("token")
@click.argument("name")
def new_token(name: str) -> None:
    """Create a new API token for an account and print it (only this once)."""
    app = build_app()
    try:
        _print_token(app.extensions["docgen.accounts"].new_token(name))
    except DocgenError as error:
        fail(error)


@users.command("revoke")
@click.argument("name")
def revoke_tokens(name: str) -> None:
    """Revoke every API token of an account (a leaked token stops working at once)."""
    app = build_app()
    try:
        count = app.extensions["docgen.accounts"].revoke_tokens(name)
    except DocgenError as error:
        fail(error)
        return
    click.echo(f"Đã thu hồi {count} token của “{name}”.")


@users.command("password")
@click.argument("name")
def change_password(name: str) -> None:
    """Set a new password for an account; asks for it."""
    password = click.prompt(
        "Mật khẩu mới", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
    )
    app = build_app()
    try:
        app.extensions["docgen.accounts"].set_password(name, password)
    except DocgenError as error:
        fail(error)
        return
    click.echo(f"Đã đổi mật khẩu của “{name}”.")


@users.command("list")
def list_users() -> None:
    """List the account names."""
    for name in build_app().extensions["docgen.accounts"].names():
        click.echo(name)


def _print_token(token: str) -> None:
    click.echo("Token API (chỉ hiện một lần, hãy lưu lại):", err=True)
    click.echo(token)
