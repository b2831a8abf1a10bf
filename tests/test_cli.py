"""The CLI door and the README's account of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from docxtext import paragraphs
from pdfcheck import pdf_text
from reference import expected_paragraphs

from docgen.cli import main

README = ROOT / "README.md"


def test_render_docx(runner, tmp_path):
    out = tmp_path / "ke-hoach.docx"
    result = runner.invoke(
        main,
        ["render", "ke_hoach_tiep_xuc", str(FIXTURES / "ke_hoach_tiep_xuc.json"), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert expected_paragraphs()[-1] == paragraphs(out.read_bytes())[-1]


@pytest.mark.soffice
def test_render_pdf_format_from_extension(runner, tmp_path, soffice):
    out = tmp_path / "sub" / "ke-hoach.pdf"
    result = runner.invoke(
        main,
        ["render", "ke_hoach_tiep_xuc", str(FIXTURES / "ke_hoach_tiep_xuc.json"), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"%PDF"
    assert "Nguyễn Thu Hường" in pdf_text(out.read_bytes())


def test_invalid_data_names_the_field_and_exits_nonzero(runner, tmp_path):
    bad = FIXTURES / "invalid" / "ke_hoach_tiep_xuc.kt_without_head_title.json"
    data = tmp_path / "bad.json"
    import json

    data.write_text(json.dumps(json.loads(bad.read_text())["data"]), encoding="utf-8")
    out = tmp_path / "x.docx"
    result = runner.invoke(main, ["render", "ke_hoach_tiep_xuc", str(data), "-o", str(out)])
    assert result.exit_code == 2
    assert "signer.head_title" in result.output
    assert not out.exists()


def test_malformed_json_names_the_line(runner, tmp_path):
    data = tmp_path / "bad.json"
    data.write_text('{\n  "year": 2021,\n  oops\n}', encoding="utf-8")
    result = runner.invoke(
        main, ["render", "ke_hoach_tiep_xuc", str(data), "-o", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 2
    assert "dòng 3" in result.output


def test_unknown_type_exits_nonzero(runner, tmp_path):
    result = runner.invoke(
        main,
        [
            "render",
            "nope",
            str(FIXTURES / "ke_hoach_tiep_xuc.json"),
            "-o",
            str(tmp_path / "x.docx"),
        ],
    )
    assert result.exit_code == 2
    assert "ke_hoach_tiep_xuc" in result.output


def test_bad_extension_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(
        main,
        [
            "render",
            "ke_hoach_tiep_xuc",
            str(FIXTURES / "ke_hoach_tiep_xuc.json"),
            "-o",
            str(tmp_path / "x.odt"),
        ],
    )
    assert result.exit_code == 2
    assert ".docx or .pdf" in result.output


def _readme_cli_blocks() -> dict[str, str]:
    """The README's CLI section: one fenced block per command holding its --help."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n\$ docgen(?: ([\w-]+))? --help\n(.*?)```", section, re.S)
    return {name: body for name, body in blocks}


def test_readme_cli_section_is_the_help(runner):
    blocks = _readme_cli_blocks()
    assert set(blocks) == {"", *main.commands}, "README's CLI section must cover every command"
    for name, body in blocks.items():
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(main, args, prog_name="docgen")
        assert result.exit_code == 0
        assert body == result.output, f"README's `docgen {name} --help` is stale"


def test_readme_has_exactly_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^    (\S.*)$|^```sh\n(.*?)\n```", setup, re.M)
    flat = [a or b for a, b in commands]
    assert flat == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert "\nrun:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_version(runner):
    assert runner.invoke(main, ["--version"]).exit_code == 0


def test_schemas_command_writes_contracts(runner, tmp_path):
    result = runner.invoke(main, ["schemas", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "openapi.json").exists()
    assert (tmp_path / "ke_hoach_tiep_xuc.schema.json").exists()


def test_readme_mentions_only_real_paths():
    text = README.read_text(encoding="utf-8")
    for rel in re.findall(
        r"`((?:docgen|tests|tools|templates_vn|fixtures|schemas)/[\w./-]+)`", text
    ):
        assert (ROOT / rel).exists() or Path(ROOT / rel).parent.exists(), rel


def test_register_series_sets_one_series_per_type_for_the_issuer(runner, tmp_path, monkeypatch):
    """`docgen register series` switches the issuer named in a data file to one series per type."""
    from docgen import create_app
    from docgen.register import issuer_key

    monkeypatch.setenv("DOCGEN_INSTANCE_PATH", str(tmp_path / "instance"))
    plan = FIXTURES / "ke_hoach_tiep_xuc.json"
    result = runner.invoke(main, ["register", "series", str(plan), "--per-type"])
    assert result.exit_code == 0, result.output
    issuer = json.loads(plan.read_text(encoding="utf-8"))["issuer"]
    assert issuer_key(issuer) in result.output and "mỗi loại văn bản" in result.output
    register = (
        create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
        .extensions["docgen.workspace"]
        .register
    )
    with register.session() as session:
        assert register._series(session, issuer_key(issuer), "ke_hoach_tiep_xuc") == "KH"
    back = runner.invoke(main, ["register", "series", str(plan), "--one-series"])
    assert back.exit_code == 0 and "một dãy số chung" in back.output
    with register.session() as session:
        assert register._series(session, issuer_key(issuer), "ke_hoach_tiep_xuc") == ""
    no_issuer = tmp_path / "x.json"
    no_issuer.write_text("{}", encoding="utf-8")
    refused = runner.invoke(main, ["register", "series", str(no_issuer)])
    assert refused.exit_code == 2 and "issuer" in refused.output
