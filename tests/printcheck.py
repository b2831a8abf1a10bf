"""A print check from a PDF's text positions: what a văn thư would fix by hand before signing.

pypdf's text visitor gives each printed line (LibreOffice writes one text object per line and per
table cell) with its position, size and font. From those: headings ending with a lone short word,
words broken inside a table cell, times, dates and symbols broken across lines, a first page more
than half blank when more follows, and dates written in two styles.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from pypdf import PdfReader

# The kinds of problem, with what a reader is told about each.
CHECKS = {
    "heading_orphan": "dòng cuối của tiêu đề chỉ còn một từ ngắn (≤ 4 chữ cái)",
    "broken_word": "một từ bị cắt đôi trong ô bảng",
    "broken_time": "giờ hoặc ngày tháng bị tách sang dòng sau",
    "broken_symbol": "ký hiệu văn bản bị tách ở dấu gạch nối",
    "blank_first_page": "trang 1 trống quá nửa trong khi văn bản còn trang sau",
    "date_styles": "ngày tháng viết theo hai kiểu (có và không có số 0)",
}


@dataclass(frozen=True)
class Fragment:
    """One printed line (of a paragraph or of a table cell)."""

    page: int
    x: float
    y: float  # baseline, from the bottom of the page
    size: float
    bold: bool
    text: str

    @property
    def width(self) -> float:
        """The line's width, estimated (half an em per character is close for Times)."""
        return len(self.text) * self.size * 0.5


@dataclass(frozen=True)
class Problem:
    """One print problem: its check id and the text where it shows."""

    check: str
    where: str


def fragments(pdf: bytes) -> tuple[list[Fragment], list[float]]:
    """Every printed line of the PDF, and each page's height."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[Fragment] = []
    heights = []
    for number, page in enumerate(reader.pages):
        heights.append(float(page.mediabox.height))

        def visit(text, cm, tm, font, size, number=number) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font.get("/BaseFont", "")) if font else ""
            scale = abs(tm[0] * cm[0]) or 1.0
            found.append(
                Fragment(
                    number,
                    round(x, 1),
                    round(y, 1),
                    round((size or 0) * scale, 1),
                    "Bold" in base,
                    unicodedata.normalize("NFC", text),
                )
            )

        page.extract_text(visitor_text=visit)
    return found, heights


def _below(frags: list[Fragment], upper: Fragment) -> Fragment | None:
    """The line printed right under `upper` in the same paragraph or cell, if any."""
    best = None
    for frag in frags:
        if frag.page != upper.page or frag is upper:
            continue
        step = upper.y - frag.y
        if not 0.8 * upper.size <= step <= 1.8 * upper.size:
            continue
        overlap = min(upper.x + upper.width, frag.x + frag.width) - max(upper.x, frag.x)
        if overlap <= 0 or abs(frag.size - upper.size) > 0.6:
            continue
        if best is None or (step, abs(frag.x - upper.x)) < (
            upper.y - best.y,
            abs(best.x - upper.x),
        ):
            best = frag
    return best


def _continued(frags: list[Fragment], line: Fragment) -> bool:
    """Whether more text follows on the same printed line: LibreOffice writes the word after a
    non-breaking space ("khóa\u00a0XIX") as a fragment of its own, on the same baseline."""
    return any(
        f is not line
        and f.page == line.page
        and abs(f.y - line.y) < 0.5
        and abs(f.size - line.size) <= 0.6
        and 0 <= f.x - (line.x + line.width) < line.size
        for f in frags
    )


_LETTERS = re.compile(r"[^\W\d_]+")
_DATE_END = re.compile(r"\b\d{1,2}/(\d{1,2}/)?$")
_SYMBOL_END = re.compile(r"[0-9A-Za-zĐđ]+/?[0-9A-Za-zĐđ]*-$")
_SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def problems(pdf: bytes, words: set[str]) -> list[Problem]:
    """The print problems of a PDF; `words` are the document's own words (from its DOCX), used
    to tell a word cut in two from two words on two lines."""
    frags, heights = fragments(pdf)
    found: list[Problem] = []
    for frag in frags:
        nxt = _below(frags, frag)
        if nxt is None:
            continue
        upper, lower = frag.text.rstrip(), nxt.text.strip()
        tail, head = (upper.split() or [""])[-1], (lower.split() or [""])[0]
        letters = sum(len(m) for m in _LETTERS.findall(lower))
        if (
            frag.bold
            and nxt.bold
            and frag.size >= 13
            and len(lower.split()) == 1
            and letters <= 4
            and not _continued(frags, nxt)
        ):
            found.append(Problem("heading_orphan", f"{upper} / {lower}"))
        if (
            tail[-1:].isalpha()
            and head[:1].isalpha()
            and (tail + head) in words
            and tail not in words
        ):
            found.append(Problem("broken_word", f"{tail}/{head}"))
        cut = f"{upper[-14:]} / {lower[:14]}"
        time_cut = (re.search(r"\d$", upper) and head == "giờ") or (
            tail == "giờ" and head[:1].isdigit()
        )
        date_cut = _DATE_END.search(upper) and head[:1].isdigit()
        if time_cut or date_cut:
            found.append(Problem("broken_time", cut))
        if _SYMBOL_END.search(upper) and head[:1].isupper():
            found.append(Problem("broken_symbol", cut))
    if len(heights) > 1:
        first = [f for f in frags if f.page == 0 and len(f.text.strip()) > 3]  # not the page no.
        lowest = min((f.y for f in first), default=heights[0])
        if lowest > heights[0] / 2:
            share = (lowest / heights[0]) * 100
            found.append(Problem("blank_first_page", f"trang 1 trống {share:.0f} % từ dưới lên"))
    styles = set()
    for f in frags:
        for day, month, _ in _SHORT_DATE.findall(f.text):
            small = [p for p in (day, month) if int(p) < 10]
            if small:
                styles.add("zero" if all(p.startswith("0") for p in small) else "plain")
    if len(styles) > 1:
        found.append(Problem("date_styles", "có cả «02/07/2026» và «2/7/2026»"))
    return found


def docx_words(paragraphs: list[str]) -> set[str]:
    """The words of a document, as printed (tokens between spaces, punctuation stripped)."""
    return {w.strip(".,;:()«»\"'") for p in paragraphs for w in p.split()} - {""}
