"""The seed plan's text as docgen must reproduce it: the reference with its known defects mended.

The reference (a real plan, as text) lost its layout, its header lines and the signer's own title
line, and carries typos a template must not copy. Each correction below is listed on purpose, so
that the comparison stays strict everywhere else.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

REFERENCE = Path(__file__).parent / "data" / "reference" / "ke-hoach-01-KH-HDND-luc-ngan-2021.txt"

# (wrong, right): typos and artefacts of the text extraction.
CORRECTIONS: list[tuple[str, str]] = [
    ("Số: 01 /KH-HĐND", "Số: 01/KH-HĐND"),
    ("Tổ đại đại biểu", "Tổ đại biểu"),
    ("tổng hợp tổng hợp", "tổng hợp"),
    ("kỳ họp HĐND huyện..", "kỳ họp HĐND huyện."),
    ("theo thẩm quyền./\\", "theo thẩm quyền./."),
    ("**", ""),
]

# Lines the extraction split at a page break: (end of first part, start of the second).
PAGE_BREAK_SPLITS = [
    ("địa điểm tiếp xúc", "cử tri của Tổ"),
    ("phân công các", "đại biểu HĐND huyện trong Tổ"),
    ("có liên quan phục", "vụ kịp thời"),
]

# The signer's own title, required by Decree 30 under "KT. CHỦ TỊCH", lost by the extraction.
SIGNER_TITLE_AFTER = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")

# Header lines the extraction lost entirely; the rendered document has them before "Số:".
LOST_HEADER_LINES = [
    "HĐND HUYỆN LỤC NGẠN",
    "THƯỜNG TRỰC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]


def normalise(text: str) -> str:
    """NFC with runs of whitespace collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def expected_paragraphs() -> list[str]:
    """The seed's paragraphs, corrected, in reading order."""
    text = REFERENCE.read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS:
        assert wrong in text, f"correction no longer applies: {wrong!r}"
        text = text.replace(wrong, right)
    lines = [normalise(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    for first, second in PAGE_BREAK_SPLITS:
        i = next(i for i, line in enumerate(lines) if line.endswith(first))
        assert lines[i + 1].startswith(second), (first, second)
        lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
    i = lines.index(SIGNER_TITLE_AFTER[0])
    lines.insert(i + 1, SIGNER_TITLE_AFTER[1])
    return lines
