"""Office template variants: a council office's own copy of a shipped template, with the
sentences it writes its own way, made as the office's staff would (the shipped DOCX opened in
Word, a sentence retyped, saved) and put through the same checks as any upload.

A real document whose fixed wording differs from what most councils write is reproduced with
its office's variant; tests/test_real_documents.py counts those paragraphs apart from the ones
the shipped template reproduces.
"""

from __future__ import annotations

import templatefiles as tf
from conftest import ROOT

LETTER = ROOT / "templates_vn" / "cong_van_chuyen.docx"

# The shipped letter's list item: the petition, then where it was raised and who resolves it.
SHIPPED_LETTER_ITEM = (
    "{{ i.stt }}. {{ i.tom_tat }} (cử tri {{ i.noi }}{% if in_co_quan %}; cơ quan có thẩm quyền"
    " giải quyết: {{ i.co_quan }}{% endif %})."
)
# Thường trực HĐND tỉnh Quảng Bình writes the voters first, then what they ask, as one sentence
# ("1. Cử tri xã Lộc Thủy tiếp tục đề nghị tỉnh: quan tâm, …").
QUANG_BINH_LETTER_ITEM = (
    "{{ i.stt }}. Cử tri {{ i.noi }} {{ i.trong_cau }}{% if in_co_quan %} (cơ quan có thẩm"
    " quyền giải quyết: {{ i.co_quan }}){% endif %}."
)


def quang_binh_letter() -> bytes:
    """The forwarding letter as the Quảng Bình provincial council office words its items."""
    return tf.replace(SHIPPED_LETTER_ITEM, QUANG_BINH_LETTER_ITEM, source=LETTER.read_bytes())


# slug of a reference in fixtures/reference → the office's template it is rendered with, and the
# names of the shipped template it deliberately no longer prints (staff confirm the warning)
VARIANTS = {
    "cong-van-204-TTHDND-VP-quang-binh-2019": (
        quang_binh_letter,
        ["danh_sach[].noi_dung[].tom_tat"],
    )
}
