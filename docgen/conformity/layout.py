"""Where the parts of the document are, and which kind of document it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docgen import vn
from docgen.conformity.formatting import KINH_GUI_RE, NOI_NHAN_RE, is_caps
from docgen.conformity.header import Header
from docgen.conformity.reader import Line, Par, Table, fold

# Type names of Appendix III as printed (capitals), found by their folded form.
TYPE_KEYS = {fold(name): vn.upper(name) for name in vn.TYPE_ABBREVIATIONS}
SIGNER_TITLES = ("CHU TICH", "CHU TOA", "THU KY", "TRUONG", "GIAM DOC", "BI THU")


@dataclass
class Layout:
    """Where the parts of the document are."""

    blocks: list[Par | Table]
    header: Table | None
    after_header: int
    signer: Table | None
    signer_at: int
    title: Line | None = None
    type_name: str | None = None
    before_title: list[Line] = field(default_factory=list)  # lines between header and type name


def index_of(blocks: Sequence[Par | Table], block: Par | Table) -> int:
    """Where a block is, by identity (equal-looking paragraphs are different paragraphs)."""
    return next(k for k, b in enumerate(blocks) if b is block)


def first_lines(
    blocks: Sequence[Par | Table], start: int, end: int, count: int
) -> list[tuple[int, Line]]:
    """The first text lines from blocks[start:end], up to the first table."""
    found: list[tuple[int, Line]] = []
    for k in range(start, end):
        block = blocks[k]
        if isinstance(block, Table):
            break
        found += [(k, line) for line in block.lines()]
        if len(found) >= count:
            break
    return found[:count]


def is_signer_table(table: Table) -> bool:
    """A table with «Nơi nhận» on the left, or a signer's capitals in a column."""
    if any(NOI_NHAN_RE.match(p.text.lstrip()) for p in table.column("left")):
        return True
    for p in table.column("left") + table.column("right"):
        for line in p.lines():
            if line.text.split(" ", 1)[0].upper() in vn.AUTHORITIES or (
                is_caps(line) and any(t in fold(line.text) for t in SIGNER_TITLES)
            ):
                return True
    return False


def locate(blocks: list[Par | Table]) -> Layout:
    """Find the header table, the title and the signer table among the blocks."""
    first = next((b for b in blocks if isinstance(b, Table) or not b.empty), None)
    header = first if isinstance(first, Table) else None
    after = index_of(blocks, header) + 1 if header is not None else 0
    signer, signer_at = None, len(blocks)
    for k in range(len(blocks) - 1, after - 1, -1):
        block = blocks[k]
        if isinstance(block, Table) and block.columns <= 3 and is_signer_table(block):
            signer, signer_at = block, k
            break
    layout = Layout(blocks, header, after, signer, signer_at)
    lines = [line for _, line in first_lines(blocks, after, signer_at, 4)]
    # The type name may stand under a mark («KHẨN», «DỰ THẢO») or a line the decree does not
    # know: look a few lines down for it rather than take the first line for it.
    at = next((k for k, line in enumerate(lines) if fold(line.text) in TYPE_KEYS), 0)
    if lines:
        layout.title = lines[at]
        layout.type_name = TYPE_KEYS.get(fold(layout.title.text))
        layout.before_title = lines[:at]
    return layout


def infer_kind(layout: Layout, header: Header) -> str:
    """The kind of document (typed, công văn, biên bản, giấy mời) from what it shows."""
    name = layout.type_name
    if name:
        return {"BIÊN BẢN": "bien_ban", "GIẤY MỜI": "giay_moi"}.get(name, "typed")
    opening = first_lines(layout.blocks, layout.after_header, layout.signer_at, 3)
    if header.vv or any(KINH_GUI_RE.match(line.text) for _, line in opening):
        return "cong_van"
    prefix = (header.symbol or "").split("-")[0]
    if prefix in ("BB", "GM"):
        return "bien_ban" if prefix == "BB" else "giay_moi"
    if header.symbol and prefix not in vn.TYPE_ABBREVIATIONS.values():
        return "cong_van"  # BODY-UNIT, such as HĐND-VP
    left = layout.signer.column("left") if layout.signer is not None else []
    return "bien_ban" if "THU KY" in fold(" ".join(p.text for p in left)) else "typed"
