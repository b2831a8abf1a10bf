"""Write templates_vn/<type>.txt beside each shipped template: its text, one paragraph a line.

Run after editing a template in Word (`make template-text`); the diff of the .txt is what review
reads, and tests/test_template_text.py fails while a dump is out of step with its DOCX.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.template_text import template_text  # noqa: E402


def main() -> None:
    """Refresh every dump."""
    for docx in sorted((ROOT / "templates_vn").glob("*.docx")):
        target = docx.with_suffix(".txt")
        target.write_text(template_text(docx.read_bytes()), encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
