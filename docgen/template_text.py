"""A template as reviewers read it: one paragraph per line with its style, and text diffs of two.

`templates_vn/<type>.txt` beside each shipped DOCX is this text (a test keeps them in step), so a
change made in Word shows in review as a change of lines; the staff page shows the same diff
between two shipped versions.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

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


@functools.lru_cache(maxsize=32)
def _file_text(path: str, _mtime_ns: int, _size: int) -> str:
    return template_text(Path(path).read_bytes())


def file_text(path: Path) -> str:
    """A template file's text, read again only when the file changes."""
    stat = path.stat()
    return _file_text(str(path), stat.st_mtime_ns, stat.st_size)
