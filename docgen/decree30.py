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

# The signer stacks Decree 30/2020 allows: the authority prefixes of the signer block from the
# top line down (the signer's own title and name follow). Sources, as published:
# - Article 13.1: the head signs everything; a deputy signs for the head ("KT."); a deputy in
#   charge signs as a deputy signing for the head.
# - Article 13.2 (collective bodies such as a council's Thường trực): the head signs on behalf of
#   the collective ("TM."); a deputy signs on behalf of the collective, for the head
#   ("TM." then "KT.").
# - Article 13.3: in special cases the head delegates to the head of a unit under it, who signs
#   "TUQ."; "Người được ký thừa ủy quyền không được ủy quyền lại cho người khác ký" — so no
#   "KT." under "TUQ.".
# - Article 13.4: the head may have the head of a unit under it sign by order ("TL.");
#   "Người được ký thừa lệnh được giao lại cho cấp phó ký thay" — so "TL." then "KT.".
# - Appendix I, part II, section 7 (the signer's authority, title, name; some summaries number it
#   8): "TM." before the collective's name; "Q." before the head's title when the head's powers
#   are given to someone acting ("được giao quyền cấp trưởng"); "KT.", "TL.", "TUQ." before the
#   head's title. An acting unit head holds the unit head's standing order: "TL." then "Q.";
#   a delegation ("TUQ.") is given in writing to a person and is not passed on, so not "Q." under it.
# "TM." comes only from the collective's head or deputies (Article 13.2), never with "TL."/"TUQ.",
# which a unit head signs by order of the head, not on behalf of the collective.
SIGNER_STACKS: dict[tuple[str, ...], str] = {
    (): "người đứng đầu ký",
    ("TM.",): "người đứng đầu thay mặt tập thể (Điều 13 khoản 2)",
    ("TM.", "KT."): "cấp phó thay mặt tập thể, ký thay người đứng đầu (Điều 13 khoản 2)",
    ("TM.", "Q."): "quyền người đứng đầu thay mặt tập thể (Phụ lục I)",
    ("KT.",): "cấp phó ký thay người đứng đầu (Điều 13 khoản 1)",
    ("Q.",): "quyền người đứng đầu (Phụ lục I)",
    ("TL.",): "người đứng đầu đơn vị ký thừa lệnh (Điều 13 khoản 4)",
    ("TL.", "KT."): "cấp phó ký thay người được giao ký thừa lệnh (Điều 13 khoản 4)",
    ("TL.", "Q."): "quyền người đứng đầu đơn vị ký thừa lệnh (Điều 13 khoản 4)",
    ("TUQ.",): "người đứng đầu đơn vị ký thừa ủy quyền (Điều 13 khoản 3)",
}
