"""A template as reviewers read it: one paragraph per line with its style, and text diffs of two.

`templates_vn/<type>.txt` beside each shipped DOCX is this text (a test keeps them in step), so a
change made in Word shows in review as a change of lines; the staff page shows the same diff
between two shipped versions.
"""

from __future__ import annotations

import difflib

from docgen.docx_text import read_paragraphs

# Where a paragraph sits, as the first characters of its line.
_PLACES = {"body": "", "table": "| ", "header": "^ ", "footer": "_ "}


def template_text(docx: bytes) -> str:
    """Every paragraph of the template (header and footer first), one a line: ``[style] text``."""
    lines = [
        f"{_PLACES[p.where]}[{p.style}] {p.text}".rstrip()
        for p in read_paragraphs(docx, headers=True)
    ]
    return "\n".join(lines) + "\n"


def text_diff(old: str, new: str, old_name: str = "cũ", new_name: str = "mới") -> list[str]:
    """The lines that changed between two template texts, as a unified diff (no line endings)."""
    return list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), old_name, new_name, n=1, lineterm=""
        )
    )
