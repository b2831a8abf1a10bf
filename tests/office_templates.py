"""Offices' own versions of a shipped template, made as their staff would make them.

Where a real document's sentence is one office's fixed wording, different from what most
councils write (the shipped template's), that office keeps its own copy of the template with
the sentence retyped in Word. Each function below is that copy: the shipped DOCX with only the
office's sentences edited, run by run, as Word saves a retyped sentence. A copy must pass
docgen's template checks like any uploaded template (tests/test_real_documents.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import templatefiles as tf
from docx import Document

TEMPLATES = Path(__file__).resolve().parents[1] / "templates_vn"


def _edited(type_id: str, edits: list[tuple[str, str, str]]) -> bytes:
    """The shipped template with each (paragraph's start, old, new) made in the one run holding
    `old`, in the one paragraph starting so."""
    doc = Document(str(TEMPLATES / f"{type_id}.docx"))
    for start, old, new in edits:
        paragraphs = [p for p in doc.paragraphs if p.text.startswith(start)]
        assert len(paragraphs) == 1, (start, len(paragraphs))
        runs = [r for r in paragraphs[0].runs if old in r.text]
        assert len(runs) == 1, (start, old, len(runs))
        runs[0].text = runs[0].text.replace(old, new)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def gia_hanh_plan() -> bytes:
    """Thường trực HĐND xã Gia Hanh (Hà Tĩnh): the council's name in full in the enacting
    sentence, "Kế hoạch" capitalised, the term without its years, a full stop."""
    enacting = "{% if agreed_with %}Sau khi thống nhất với"
    return _edited(
        "ke_hoach_tiep_xuc",
        [
            (
                enacting,
                "Thường trực {{ council }} xây dựng kế hoạch tiếp xúc cử tri của đại biểu "
                "{{ council }} ",
                "Thường trực Hội đồng nhân dân {{ unit }} xây dựng Kế hoạch tiếp xúc cử tri của "
                "đại biểu Hội đồng nhân dân {{ unit }} ",
            ),
            (
                enacting,
                " {{ council }}{% if term_roman %} khóa {{ term_roman }}, nhiệm kỳ {{ term_start }} "
                "- {{ term_end }}{% endif %}",
                " Hội đồng nhân dân {{ unit }}{% if term_roman %} khóa {{ term_roman }}{% endif %}",
            ),
            (enacting, "{% endif %} như sau:", "{% endif %}."),
        ],
    )


def phu_ninh_plan() -> bytes:
    """Thường trực HĐND huyện Phù Ninh (Phú Thọ, before 2025): "tổ đại biểu" in lower case,
    "khoá" and "2021-2026" in the title, its own numbering of the contact's first part."""
    title = "Tiếp xúc cử tri {% if kind"
    return _edited(
        "ke_hoach_tiep_xuc",
        [
            (title, "và họp Tổ đại biểu", "và họp tổ đại biểu"),
            (
                title,
                " khóa {{ term_roman }}, nhiệm kỳ {{ term_start }} - {{ term_end }}",
                " khoá {{ term_roman }}, nhiệm kỳ {{ term_start }}-{{ term_end }}",
            ),
            (
                "{{ numbers.contact }}. Tiếp xúc",
                "{{ numbers.contact }}. Tiếp xúc",
                "{{ numbers.contact }}.Tiếp xúc",
            ),
            ("{{ numbers.contact }}", "theo quy định.", "theo quy định"),
            (
                "{{ numbers.contents }}. Nội dung",
                "{{ numbers.contents }}. ",
                "{{ numbers.contents }} ",
            ),
            (
                "Các Tổ đại biểu {{ council }} tiếp xúc cử tri {%",
                "Các Tổ đại biểu",
                "Các tổ đại biểu",
            ),
        ],
    )


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
    letter = (TEMPLATES / "cong_van_chuyen.docx").read_bytes()
    return tf.replace(SHIPPED_LETTER_ITEM, QUANG_BINH_LETTER_ITEM, source=letter)


# slug of a reference → its office's version of the template it is rendered with.
OFFICE_TEMPLATES: dict[str, Callable[[], bytes]] = {
    "ke-hoach-txct-gia-hanh-2025": gia_hanh_plan,
    "ke-hoach-06-KH-HDND-phu-ninh-2022": phu_ninh_plan,
    "cong-van-204-TTHDND-VP-quang-binh-2019": quang_binh_letter,
}
