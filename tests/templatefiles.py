"""Template files made in the tests: the plan template edited as Word would, or broken on purpose."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from conftest import ROOT
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

PLAN_TYPE = "ke_hoach_tiep_xuc"
PLAN = ROOT / "templates_vn" / f"{PLAN_TYPE}.docx"
# A paragraph of the plan that is one run, for edits a staff member would make.
SAMPLE_PARAGRAPH = "thực hiện theo nguyên tắc dân chủ, công khai, thiết thực và hiệu quả."


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def edit(transform: Callable[..., None], source: bytes | None = None) -> bytes:
    """The plan template (or `source`) opened with python-docx, changed, saved."""
    doc = Document(io.BytesIO(source if source is not None else PLAN.read_bytes()))
    transform(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def replace(old: str, new: str, source: bytes | None = None) -> bytes:
    """Replace text inside a run, the way a staff member retypes a word."""

    def transform(doc) -> None:
        hits = 0
        for paragraph in _paragraphs(doc):
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new)
                    hits += 1
        assert hits, f"{old!r} is not in the template"

    return edit(transform, source)


def append(text: str, font: str | None = None, source: bytes | None = None) -> bytes:
    """The plan template (or `source`) with one more paragraph at the end of the body."""

    def transform(doc) -> None:
        run = doc.add_paragraph().add_run(text)
        if font:
            run.font.name = font

    return edit(transform, source)


def set_font_everywhere(font: str) -> bytes:
    """Every run and style of the plan in another font family."""

    def transform(doc) -> None:
        for style in doc.styles:
            if hasattr(style, "font") and style.font is not None:
                style.font.name = font
        for paragraph in _paragraphs(doc):
            for run in paragraph.runs:
                run.font.name = font

    return edit(transform)


def with_hyperlink(url: str) -> bytes:
    """The plan template with an external relationship (a hyperlink's target)."""

    def transform(doc) -> None:
        doc.part.relate_to(url, RT.HYPERLINK, is_external=True)

    return edit(transform)


def repack(
    source: bytes,
    extra: dict[str, bytes] | None = None,
    replace_parts: dict[str, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """The package with parts added or rewritten (what python-docx cannot do)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if replace_parts and info.filename in replace_parts:
                data = replace_parts[info.filename](data)
            dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def macro_enabled() -> bytes:
    """The plan saved as Word does for .docm: a VBA project and a macro-enabled content type."""
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    return repack(
        PLAN.read_bytes(),
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 512},
        replace_parts={"[Content_Types].xml": lambda xml: xml.replace(main, macro)},
    )


def zip_bomb(size: int = 60 * 1024 * 1024) -> bytes:
    """The plan with one more part that expands to `size` bytes of zeros."""
    return repack(PLAN.read_bytes(), extra={"word/media/padding.bin": b"\x00" * size})


def many_parts(count: int = 1500) -> bytes:
    """The plan with `count` more (tiny) parts."""
    return repack(
        PLAN.read_bytes(), extra={f"customXml/item{i}.xml": b"<a/>" for i in range(count)}
    )


def recolour(text: str, rgb: str = "FF0000") -> bytes:
    """The plan with the run holding `text` in colour (Decree 30 wants black)."""
    from docx.shared import RGBColor

    def transform(doc) -> None:
        for paragraph in _paragraphs(doc):
            for run in paragraph.runs:
                if text in run.text:
                    run.font.color.rgb = RGBColor.from_string(rgb)
                    return
        raise AssertionError(f"{text!r} is not in the template")

    return edit(transform)
