"""Rewrite the README's "Command line" section from the live --help: `python tools/readme_cli.py`."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def blocks() -> str:
    """Every command's --help as the README shows it."""
    runner = CliRunner()
    out = []
    for name in ["", *sorted(main.commands)]:
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(main, args, prog_name="docgen")
        title = f"docgen {name} --help" if name else "docgen --help"
        out.append(f"```text\n$ {title}\n{result.output}```\n")
    return "\n".join(out)


def rewrite(text: str) -> str:
    """The README with its Command line section's blocks replaced."""
    head, rest = text.split("## Command line\n", 1)
    tail = "\n## " + rest.split("\n## ", 1)[1] if "\n## " in rest else ""
    intro = re.split(r"```text\n", rest.split("\n## ", 1)[0], maxsplit=1)[0]
    return f"{head}## Command line\n{intro}{blocks()}{tail}"


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
