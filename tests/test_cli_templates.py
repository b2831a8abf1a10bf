"""The operator's commands: `docgen users` and `docgen templates`."""

from __future__ import annotations

import json

import pytest
import templatefiles as tf

from docgen import create_app
from docgen.cli import main
from docgen.template_admin import TemplateAdmin


@pytest.fixture
def cli(runner, tmp_path, monkeypatch):
    """Run `docgen …` against a temporary instance folder, without PDF previews."""
    monkeypatch.setattr(TemplateAdmin, "_to_pdf", lambda self: None)
    env = {"DOCGEN_INSTANCE_PATH": str(tmp_path / "instance")}

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), env=env, input=input, catch_exceptions=False)

    run.instance = tmp_path / "instance"
    return run


def test_users_add_with_token_prints_it_once_and_stores_it_hashed(cli):
    result = cli("users", "add", "lan", "--token", input="mat-khau-dai\nmat-khau-dai\n")
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    app = create_app({"INSTANCE_PATH": str(cli.instance)})
    accounts = app.extensions["docgen.accounts"]
    assert accounts.by_token(token).name == "lan"
    assert accounts.by_password("lan", "mat-khau-dai").name == "lan"
    database = (cli.instance / "docgen.sqlite3").read_bytes()
    assert token.encode() not in database and b"mat-khau-dai" not in database


def test_users_token_adds_a_token(cli):
    cli("users", "add", "api", "--no-password")
    result = cli("users", "token", "api")
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    app = create_app({"INSTANCE_PATH": str(cli.instance)})
    assert app.extensions["docgen.accounts"].by_token(token).name == "api"
    assert app.extensions["docgen.accounts"].by_password("api", "") is None


@pytest.mark.parametrize(
    ("args", "input"),
    [
        (("users", "add", "lan"), "ngan\nngan\n"),  # password too short
        (("users", "token", "khong-co"), None),
        (("users", "revoke", "khong-co"), None),
        (("users", "password", "khong-co"), "mat-khau-moi\nmat-khau-moi\n"),
    ],
)
def test_users_errors_exit_non_zero(cli, args, input):
    assert cli(*args, input=input).exit_code == 2


def test_users_revoke_stops_every_token_of_that_account_only(cli):
    cli("users", "add", "lan", "--no-password")
    cli("users", "add", "mai", "--no-password")
    tokens = [cli("users", "token", "lan").output.strip().splitlines()[-1] for _ in range(2)]
    other = cli("users", "token", "mai").output.strip().splitlines()[-1]
    result = cli("users", "revoke", "lan")
    assert result.exit_code == 0 and "2 token" in result.output
    accounts = create_app({"INSTANCE_PATH": str(cli.instance)}).extensions["docgen.accounts"]
    assert all(accounts.by_token(t) is None for t in tokens)
    assert accounts.by_token(other).name == "mai"


def test_users_password_replaces_the_old_one(cli):
    cli("users", "add", "lan", input="mat-khau-cu\nmat-khau-cu\n")
    result = cli("users", "password", "lan", input="mat-khau-moi\nmat-khau-moi\n")
    assert result.exit_code == 0, result.output
    accounts = create_app({"INSTANCE_PATH": str(cli.instance)}).extensions["docgen.accounts"]
    assert accounts.by_password("lan", "mat-khau-moi").name == "lan"
    assert accounts.by_password("lan", "mat-khau-cu") is None
    short = cli("users", "password", "lan", input="ngan\nngan\n")
    assert short.exit_code == 2


def test_a_duplicate_account_is_refused(cli):
    cli("users", "add", "lan", "--no-password")
    result = cli("users", "add", "lan", "--no-password")
    assert result.exit_code == 2 and "đã có" in result.output


def test_templates_import_history_export_rollback(cli, tmp_path):
    edited = tmp_path / "ke-hoach.docx"
    edited.write_bytes(tf.replace("thiết thực", "thực chất"))
    result = cli(
        "templates", "import", tf.PLAN_TYPE, str(edited), "-m", "đổi chữ", "--author", "lan"
    )
    assert result.exit_code == 0, result.output
    assert "phiên bản 1 đang được dùng" in result.output

    history = cli("templates", "history", tf.PLAN_TYPE).output.splitlines()
    assert history[0].startswith("* v1") and "lan" in history[0] and "đổi chữ" in history[0]
    assert history[1].startswith("  v0")
    assert f"{tf.PLAN_TYPE}\tv1" in cli("templates", "list").output

    out = tmp_path / "out.docx"
    assert cli("templates", "export", tf.PLAN_TYPE, "-o", str(out)).exit_code == 0
    assert out.read_bytes() == edited.read_bytes()
    cli("templates", "export", tf.PLAN_TYPE, "-o", str(out), "--version", "0")
    assert out.read_bytes() == tf.PLAN.read_bytes()

    assert cli("templates", "rollback", tf.PLAN_TYPE, "0").exit_code == 0
    assert cli("templates", "history", tf.PLAN_TYPE).output.splitlines()[1].startswith("* v0")
    assert cli("templates", "rollback", tf.PLAN_TYPE, "5").exit_code == 2


def test_templates_import_refuses_and_asks_for_confirmation(cli, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(tf.append("{{ signer.nam }}"))
    result = cli("templates", "import", tf.PLAN_TYPE, str(broken))
    assert result.exit_code == 2
    assert "signer.nam" in result.output and "LỖI" in result.output

    unsigned = tmp_path / "unsigned.docx"
    unsigned.write_bytes(tf.replace("{{ signer.name }}", "Nguyễn Thu Hường"))
    result = cli("templates", "import", tf.PLAN_TYPE, str(unsigned))
    assert result.exit_code == 2 and "--confirm" in result.output
    assert cli("templates", "import", tf.PLAN_TYPE, str(unsigned), "--confirm").exit_code == 0


def test_templates_validate(cli, tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(tf.PLAN.read_bytes())
    assert cli("templates", "validate", tf.PLAN_TYPE, str(good)).exit_code == 0
    bad = tmp_path / "bad.docx"
    bad.write_bytes(tf.macro_enabled())
    result = cli("templates", "validate", tf.PLAN_TYPE, str(bad), "--json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["ok"] is False and report["findings"][0]["check"] == "macro"
    assert "v0" in cli("templates", "list").output  # validate keeps nothing
