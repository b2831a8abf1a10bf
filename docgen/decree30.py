"""The layout values Decree 30/2020 fixes (Appendix I), as plain data for checkers and builders.

The words themselves (national name, motto, type abbreviations, authority prefixes) are in
`docgen.vn`; this module holds the numbers: paper, margins and the size range of each element.
"""

from __future__ import annotations

# A4 portrait, in twips (1/20 pt).
A4_TWIPS = (11906, 16838)

# Margins in millimetres (Appendix I, part I.5): (least, most).
MARGINS_MM: dict[str, tuple[int, int]] = {
    "top": (20, 25),
    "bottom": (20, 25),
    "left": (30, 35),
    "right": (15, 20),
}

# Font sizes in points (Appendix I, part II): (least, most) per element of the document.
SIZES: dict[str, tuple[float, float]] = {
    "national_name": (12, 13),
    "motto": (13, 14),
    "body_name": (12, 13),  # the issuing body and its parent
    "number": (13, 13),
    "date": (13, 14),
    "type_name": (13, 14),
    "summary": (13, 14),
    "vv": (12, 13),  # a công văn's «V/v …» summary
    "body": (13, 14),
    "signer": (13, 14),  # authority, titles and the signer's name
    "recipients_heading": (12, 12),
    "recipients_items": (11, 11),
    "page_number": (13, 14),
}

# First-line indent of a body paragraph: 1 cm to 1.27 cm (in twips, with a little slack).
FIRST_LINE_TWIPS = (567 - 12, 720 + 12)
# Space between body paragraphs: at least 6 pt (in twips).
PARAGRAPH_SPACE_TWIPS = 120
# Line spacing of the body: single to 1.5 lines (in 240ths of a line, with slack).
LINE_SPACING_AUTO = (236, 364)

# Header table columns (cm): the issuing body's ≈ 6–7 cm, the national name's ≈ 9.5–10.5 cm,
# with room for real templates around them.
HEADER_LEFT_CM = (5.0, 8.5)
HEADER_RIGHT_CM = (8.5, 11.5)

# Old-style tone placement of the national name, still printed by many offices.
NATIONAL_NAME_VARIANTS = ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",)
