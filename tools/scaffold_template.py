"""Make the first DOCX of a new document type: the Decree 30 frame, for staff to word in Word.

Run: .venv/bin/python tools/scaffold_template.py TYPE_ID --type-name "Tờ trình" [-o FILE]

The shipped templates in templates_vn/ are edited in Word or LibreOffice from then on (and
reviewed through their text dumps, `make template-text`); this only lays out a starting page:
A4, Decree 30 margins and fonts, page numbers from page 2, the header table (issuing body,
number, national name, place and date), the type name and summary, one body paragraph, then the
recipients and the signer. It writes nothing over an existing file unless told to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docx_layout import (
    BODY,
    Line,
    add_body,
    add_end_paragraph,
    add_header_table,
    add_title,
    add_two_column_block,
    new_document,
    recipients_items,
    save_deterministic,
    signer_items,
    text_width_cm,
)

ROOT = Path(__file__).resolve().parent.parent
NAME_SAMPLE = "THƯỜNG TRỰC"
SUMMARY_SAMPLE = "Tiếp xúc cử tri của đại biểu HĐND tỉnh năm 2026"


def scaffold(path: Path, title: str, type_name: str) -> None:
    """Write the frame of a new type's template: a typed document, or a công văn without type."""
    doc = new_document(title)
    add_header_table(
        doc,
        top="{{ header.top }}",
        name="{{ header.name }}",
        number="{{ number_line }}",
        date="{{ date_line }}",
        name_rule_cm=0.45 * text_width_cm(NAME_SAMPLE, 13, bold=True),
        left_extra=[] if type_name else [Line("V/v …", 12)],
    )
    if type_name:
        add_title(
            doc,
            type_name.upper(),
            title,
            rule_cm=0.4 * text_width_cm(SUMMARY_SAMPLE, 14, bold=True),
        )
    add_body(
        doc,
        [
            (
                BODY,
                "Nội dung văn bản: câu chữ viết thẳng vào đây, dữ liệu đặt trong ngoặc nhọn kép./.",
            )
        ],
    )
    add_two_column_block(doc, (6.5, 9.0), [(recipients_items(), signer_items())], top_pt=6)
    add_end_paragraph(doc)
    save_deterministic(doc, path)


def main(argv: list[str] | None = None) -> int:
    """Scaffold one new template."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("type_id", help="the new type's ASCII id, e.g. to_trinh")
    parser.add_argument("--type-name", default="", help="Decree 30 type name; empty: a công văn")
    parser.add_argument("--title", default="", help="the summary under the type name")
    parser.add_argument("-o", "--output", type=Path, help="default: templates_vn/TYPE_ID.docx")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    target = args.output or ROOT / "templates_vn" / f"{args.type_id}.docx"
    if target.exists() and not args.force:
        print(f"{target} exists: the DOCX is edited in Word from now on", file=sys.stderr)
        return 1
    scaffold(target, args.title or args.type_id, args.type_name)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
