"""The checker's evaluation set: correct documents and one-defect documents made from them.

Correct documents are every fixture rendered through the shipped templates, every document of the
two round fixtures, and variants a careful clerk may produce. Each defect Decree 30 names is then
made, one at a time, in every correct document it applies to, with python-docx, the way a clerk
editing in Word would make it. `tests/test_checker_set.py` asserts the checker finds each one by
its rule and passes the correct ones; `tools/checker_eval.py` prints the table.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen import documents, rounds
from docgen.service import DocumentService, Settings

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sample:
    """One document of the set: its name, the kind the checker is told, its bytes."""

    name: str
    kind: str
    docx: bytes


@functools.cache
def _service() -> DocumentService:
    return DocumentService(Settings(templates_dir=ROOT / "templates_vn"))


@functools.cache
def fixture_documents() -> tuple[Sample, ...]:
    """Every fixture of every document type, rendered by the shipped templates."""
    service = _service()
    samples = []
    for doc_type in documents.REGISTRY.values():
        for fixture in sorted((ROOT / "fixtures").glob(f"{doc_type.id}.*json")):
            data = service.validate(doc_type.id, json.loads(fixture.read_text(encoding="utf-8")))
            docx = service.render_docx(doc_type.id, data)
            samples.append(Sample(fixture.stem, doc_type.check_kind, docx))
    return tuple(samples)


@functools.cache
def round_documents() -> tuple[Sample, ...]:
    """Every document of the round fixtures (schedule, minutes, report, letters)."""
    service = _service()
    samples = []
    for fixture in sorted((ROOT / "fixtures").glob("round_*.json")):
        plan = rounds.plan_round(rounds.load_round(json.loads(fixture.read_text("utf-8"))))
        for job in plan.jobs:
            docx = service.generate(job.type_id, job.data, "docx").content
            kind = documents.get(job.type_id).check_kind
            samples.append(Sample(f"{fixture.stem}/{job.name}", kind, docx))
    return tuple(samples)


def rendered() -> tuple[Sample, ...]:
    """Every document the shipped templates render from the fixtures."""
    return fixture_documents() + round_documents()


# ---------------------------------------------------------------------------------------------
# Reading and editing a document the way Word shows it


def _load(docx: bytes) -> DocxDocument:
    return Document(io.BytesIO(docx))


def _save(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cell_pars(table: Table, column: int) -> list[Paragraph]:
    seen, pars = set(), []
    for row in table.rows:
        cells = row.cells
        cell = cells[0] if column == 0 else cells[-1]
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            pars += cell.paragraphs
    return pars


def _header(doc: DocxDocument, column: int) -> list[Paragraph]:
    return _cell_pars(doc.tables[0], column)


def _signer(doc: DocxDocument, column: int) -> list[Paragraph]:
    """A column of the signer table (the last table naming a recipient list or a signer)."""
    marks = re.compile(r"^(Nơi nhận|THƯ KÝ|CHỦ TỌA|TM\.|KT\.)")
    table = next(t for t in reversed(doc.tables) if any(marks.match(c.text) for c in t._cells))
    return _cell_pars(table, column)


def _all_pars(doc: DocxDocument) -> Iterator[Paragraph]:
    yield from doc.paragraphs
    for table in doc.tables:
        for cell in table._cells:
            yield from cell.paragraphs


def _body(doc: DocxDocument) -> list[Paragraph]:
    """Body paragraphs with text, after the title block (justified, indented ones)."""
    return [p for p in doc.paragraphs if p.text.strip() and p.paragraph_format.first_line_indent]


def _set_text(par: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping its first run's formatting."""
    runs = par.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _find(pars: list[Paragraph], pattern: str) -> Paragraph | None:
    return next((p for p in pars if re.search(pattern, p.text)), None)


def _runs(par: Paragraph) -> list:
    return [r for r in par.runs if r.text.strip()]


# ---------------------------------------------------------------------------------------------
# The defects: each edits the document and says whether it applied


Edit = Callable[[DocxDocument], bool]


@dataclass(frozen=True)
class Defect:
    """A departure from Decree 30, the rule that must report it, and how to make it."""

    name: str
    rule: str
    edit: Edit


def _margins(doc: DocxDocument) -> bool:
    doc.sections[0].left_margin = Mm(20)
    return True


def _letter(doc: DocxDocument) -> bool:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    return True


def _font_one(doc: DocxDocument) -> bool:
    body = _body(doc)
    if not body:
        return False
    for run in _runs(body[0]):
        run.font.name = "Arial"
    return True


def _font_all(doc: DocxDocument) -> bool:
    for par in _all_pars(doc):
        for run in par.runs:
            run.font.name = "Arial"
    return True


def _body_size(doc: DocxDocument) -> bool:
    body = _body(doc)
    if not body:
        return False
    for run in body[0].runs:
        run.font.size = Pt(12)
    return True


def _body_left(doc: DocxDocument) -> bool:
    body = _body(doc)
    if not body:
        return False
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    body[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    return True


def _no_indent(doc: DocxDocument) -> bool:
    body = _body(doc)
    if not body:
        return False
    body[0].paragraph_format.first_line_indent = Pt(0)
    return True


def _double_spacing(doc: DocxDocument) -> bool:
    body = _body(doc)
    if not body:
        return False
    body[0].paragraph_format.line_spacing = 2.0
    return True


def _rule_par(pars: list[Paragraph], after: str) -> Paragraph | None:
    """The empty paragraph drawing the line under the paragraph matching `after`."""
    at = next((k for k, p in enumerate(pars) if re.search(after, p.text)), None)
    if at is None:
        return None
    for par in pars[at + 1 :]:
        if par.text.strip():
            return None
        if par._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None:
            return par
    return None


def _no_motto_line(doc: DocxDocument) -> bool:
    rule = _rule_par(_header(doc, 1), "Hạnh phúc")
    if rule is None:
        return False
    ppr = rule._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))
    return True


def _short_motto_line(doc: DocxDocument) -> bool:
    rule = _rule_par(_header(doc, 1), "Hạnh phúc")
    if rule is None:
        return False
    fmt = rule.paragraph_format
    width = doc.tables[0].columns[-1].width or Mm(95)
    side = (width - Mm(15)) // 2  # a line of 1.5 cm under a motto of about 6 cm
    fmt.left_indent = fmt.right_indent = side
    return True


def _no_body_line(doc: DocxDocument) -> bool:
    pars = _header(doc, 0)
    number = next((k for k, p in enumerate(pars) if p.text.startswith("Số")), len(pars))
    rules = [p for p in pars[:number] if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]
    if not rules:
        return False
    ppr = rules[0]._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))
    return True


def _motto_text(text: str) -> Edit:
    def edit(doc: DocxDocument) -> bool:
        par = _find(_header(doc, 1), "Hạnh phúc")
        if par is None:
            return False
        _set_text(par, text)
        return True

    return edit


def _date(doc: DocxDocument, change: Callable[[re.Match[str]], str | None]) -> bool:
    par = _find(_header(doc, 1), r"ngày \d+ tháng \d+ năm")
    if par is None:
        return False
    match = re.search(r"ngày (\d+) tháng (\d+) năm (\d+)", par.text)
    assert match is not None
    new = change(match)
    if new is None:
        return False
    _set_text(par, par.text[: match.start()] + new + par.text[match.end() :])
    return True


def _day_no_zero(doc: DocxDocument) -> bool:
    def change(m: re.Match[str]) -> str | None:
        day, month, year = m.groups()
        return f"ngày {int(day)} tháng {month} năm {year}" if int(day) < 10 else None

    if _date(doc, change):
        return True
    # a day of 10 or more: write the 5th of the month, without its zero
    return _date(doc, lambda m: f"ngày 5 tháng {m.group(2)} năm {m.group(3)}")


def _month_zero(doc: DocxDocument) -> bool:
    def change(m: re.Match[str]) -> str:
        day, month, year = m.groups()
        wrong = f"{int(month)}" if int(month) <= 2 else f"0{int(month)}"
        if int(month) >= 10:
            wrong = "03"  # the month written «03» (no zero from March on)
        return f"ngày {day} tháng {wrong} năm {year}"

    return _date(doc, change)


def _date_figures(doc: DocxDocument) -> bool:
    """«Biên Sơn, 08/12/2026», as clerks write dates in running text."""
    return _date(doc, lambda m: f"{int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}")


def _number(doc: DocxDocument, change: Callable[[str, str], str]) -> bool:
    par = _find(_header(doc, 0), r"^Số\s*:")
    if par is None:
        return False
    match = re.match(r"^Số\s*:\s*([^/]*)/(.*)$", par.text)
    assert match is not None
    _set_text(par, change(match.group(1).strip(), match.group(2)))
    return True


def _number_no_zero(doc: DocxDocument) -> bool:
    return _number(doc, lambda num, sym: f"Số: 5/{sym}")


def _number_caps(doc: DocxDocument) -> bool:
    return _number(doc, lambda num, sym: f"SỐ: {num or '05'}/{sym}")


def _symbol_other_type(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 0), r"^Số\s*:")
    if par is None or not re.search(r"/(KH|TB|BC|BB)-", par.text):
        return False
    swap = {"KH": "BC", "TB": "KH", "BC": "TB", "BB": "BC"}
    _set_text(par, re.sub(r"/(KH|TB|BC|BB)-", lambda m: f"/{swap[m.group(1)]}-", par.text))
    return True


def _national_lower(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 1), "CỘNG HÒA")
    if par is None:
        return False
    _set_text(par, "Cộng hòa xã hội chủ nghĩa Việt Nam")
    return True


def _national_not_bold(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 1), "CỘNG HÒA")
    if par is None:
        return False
    for run in par.runs:
        run.bold = False
    return True


def _motto_not_bold(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 1), "Hạnh phúc")
    if par is None:
        return False
    for run in par.runs:
        run.bold = False
    return True


def _date_upright(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 1), r"ngày .* năm")
    if par is None:
        return False
    for run in par.runs:
        run.italic = False
    return True


def _motto_above_national(doc: DocxDocument) -> bool:
    pars = _header(doc, 1)
    national, motto = _find(pars, "CỘNG HÒA"), _find(pars, "Hạnh phúc")
    if national is None or motto is None:
        return False
    rule = _rule_par(pars, "Hạnh phúc")
    (rule or motto)._p.addnext(national._p)  # the name moved under the motto and its line
    return True


def _right_column_left(doc: DocxDocument) -> bool:
    """The first row's two cells exchanged, content and widths, as a clerk dragging them would."""
    table = doc.tables[0]
    if len(table.columns) != 2:
        return False
    left, right = table.rows[0].cells[0], table.rows[0].cells[-1]
    left_ps = [p._p for p in left.paragraphs]
    right_ps = [p._p for p in right.paragraphs]
    for p in right_ps:
        left._tc.append(p)
    for p in left_ps:
        right._tc.append(p)
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    widths = [g.get(qn("w:w")) for g in grid]
    for g, w in zip(grid, reversed(widths), strict=True):
        g.set(qn("w:w"), w)
    for row in table.rows:
        cells = [c._tc.tcPr.find(qn("w:tcW")) for c in row.cells]
        values = [c.get(qn("w:w")) for c in cells]
        for c, w in zip(cells, reversed(values), strict=True):
            c.set(qn("w:w"), w)
    return True


def _issuer_typo(doc: DocxDocument) -> bool:
    pars = _header(doc, 0)
    for par in pars:
        match = re.search(r"\b(XÃ|PHƯỜNG|HUYỆN|TỈNH|THỊ TRẤN) (\S+)", par.text)
        if match:
            name = match.group(2)
            typo = name[:-1] + ("M" if name[-1] != "M" else "N")
            _set_text(par, par.text[: match.start(2)] + typo + par.text[match.end(2) :])
            return True
    return False


def _place_typo(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 1), r"^[^,]+, ngày")
    if par is None:
        return False
    place, rest = par.text.split(",", 1)
    typo = place[:-1] + ("m" if place[-1] != "m" else "n")
    _set_text(par, typo + "," + rest)
    return True


def _signer_pars(doc: DocxDocument) -> list[Paragraph]:
    return [p for p in _signer(doc, 1) if p.text.strip()]


def _deputy_without_kt(doc: DocxDocument) -> bool:
    pars = _signer_pars(doc)
    kt = _find(pars, r"^KT\. ")
    own = _find(pars, r"^(PHÓ )?CHỦ TỊCH$")
    if own is None:
        return False
    if kt is not None:
        kt._p.getparent().remove(kt._p)
    _set_text(own, "PHÓ CHỦ TỊCH")
    return True


def _tm_person(doc: DocxDocument) -> bool:
    par = _find(_signer_pars(doc), r"^TM\. ")
    if par is None:
        return False
    _set_text(par, "TM. CHỦ TỊCH")
    return True


_AUTHORITY_LINE = re.compile(r"^((TM|KT|Q|TL|TUQ)\. |CHỦ TỊCH$)")


def _stack(lines: tuple[str, ...]) -> Edit:
    """The signer's title lines replaced by `lines` (the name kept), each a copy of the first
    title paragraph, as a clerk retyping the block in Word would make them."""

    def edit(doc: DocxDocument) -> bool:
        pars = _signer_pars(doc)
        if len(pars) < 2 or not _AUTHORITY_LINE.match(pars[0].text):
            return False
        model = pars[0]
        for par in pars[1:-1]:
            par._p.getparent().remove(par._p)
        _set_text(model, lines[0])
        anchor = model
        for line in lines[1:]:
            copy = deepcopy(model._p)
            anchor._p.addnext(copy)
            anchor = Paragraph(copy, model._parent)
            _set_text(anchor, line)
        return True

    return edit


def _symbol_spaced(doc: DocxDocument) -> bool:
    """«Số: 05/KH - HĐND»: Decree 30 joins the symbol's groups with a hyphen, no spaces."""
    return _number(doc, lambda num, sym: f"Số: {num or '05'}/{sym.replace('-', ' - ')}")


def _no_ending(doc: DocxDocument) -> bool:
    par = next((p for p in reversed(doc.paragraphs) if p.text.rstrip().endswith("./.")), None)
    if par is None:
        return False
    run = next(r for r in reversed(par.runs) if "./." in r.text)
    run.text = run.text.replace("./.", ".")
    return True


def _no_luu(doc: DocxDocument) -> bool:
    par = _find(_signer(doc, 0), r"^- Lưu")
    if par is None:
        return False
    par._p.getparent().remove(par._p)
    return True


def _recipients_heading_caps(doc: DocxDocument) -> bool:
    par = _find(_signer(doc, 0), r"^Nơi nhận")
    if par is None:
        return False
    _set_text(par, "NƠI NHẬN:")
    return True


def _recipients_heading_plain(doc: DocxDocument) -> bool:
    par = _find(_signer(doc, 0), r"^Nơi nhận")
    if par is None:
        return False
    for run in par.runs:
        run.bold = run.italic = False
    return True


def _recipient_items_size(doc: DocxDocument) -> bool:
    pars = [p for p in _signer(doc, 0) if p.text.startswith("- ")]
    if not pars:
        return False
    for run in pars[0].runs:
        run.font.size = Pt(13)
    return True


def _kinh_gui_caps(doc: DocxDocument) -> bool:
    par = _find(doc.paragraphs, r"^Kính gửi")
    if par is None:
        return False
    run = next(r for r in par.runs if "Kính gửi" in r.text)
    run.text = run.text.replace("Kính gửi", "KÍNH GỬI")
    return True


def _no_vv(doc: DocxDocument) -> bool:
    par = _find(_header(doc, 0), r"^V/v")
    if par is None:
        return False
    par._p.getparent().remove(par._p)
    return True


def _legal_upright(doc: DocxDocument) -> bool:
    pars = [p for p in doc.paragraphs if p.text.startswith("Căn cứ") and p.text.endswith(";")]
    if not pars:
        return False
    for run in pars[0].runs:
        run.italic = False
    return True


def _page_number_first(doc: DocxDocument) -> bool:
    doc.sections[0].different_first_page_header_footer = False
    return True


def _header_borders(doc: DocxDocument) -> bool:
    borders = doc.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is None:
        return False
    for edge in borders:
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
    return True


def _title_not_bold(doc: DocxDocument) -> bool:
    par = _find(doc.paragraphs, r"^(KẾ HOẠCH|THÔNG BÁO|BÁO CÁO|BIÊN BẢN)$")
    if par is None:
        return False
    for run in par.runs:
        run.bold = False
    return True


def _signer_name_not_bold(doc: DocxDocument) -> bool:
    pars = _signer_pars(doc)
    if not pars:
        return False
    for run in pars[-1].runs:
        run.bold = False
    return True


def _no_secretary(doc: DocxDocument) -> bool:
    par = _find([p for p in _signer(doc, 0) if p.text.strip()], r"^THƯ KÝ$")
    if par is None:
        return False
    _set_text(par, "NGƯỜI GHI")
    return True


def _no_space(doc: DocxDocument) -> bool:
    body = _body(doc)
    if len(body) < 2:
        return False
    for par in body[:2]:
        par.paragraph_format.space_before = par.paragraph_format.space_after = Pt(0)
    return True


def _summary(doc: DocxDocument) -> Paragraph | None:
    """The summary under the type name (the centred bold paragraph after it)."""
    pars = doc.paragraphs
    at = next(
        (k for k, p in enumerate(pars) if re.fullmatch(r"KẾ HOẠCH|THÔNG BÁO|BÁO CÁO", p.text)),
        None,
    )
    return pars[at + 1] if at is not None and pars[at + 1].text.strip() else None


def _summary_not_bold(doc: DocxDocument) -> bool:
    par = _summary(doc)
    if par is None:
        return False
    for run in par.runs:
        run.bold = False
    return True


def _no_summary_line(doc: DocxDocument) -> bool:
    par = _summary(doc)
    if par is None:
        return False
    rule = _rule_par(doc.paragraphs, re.escape(par.text))
    if rule is None:
        return False
    ppr = rule._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))
    return True


def _number_space(doc: DocxDocument) -> bool:
    return _number(doc, lambda num, sym: f"Số: {num or '05'} /{sym}")


DEFECTS: tuple[Defect, ...] = (
    Defect("lề trái 20 mm", "page.margins", _margins),
    Defect("khổ Letter", "page.size", _letter),
    Defect("một đoạn phông Arial", "font.family", _font_one),
    Defect("cả văn bản phông Arial", "font.family", _font_all),
    Defect("đoạn nội dung cỡ 12", "body.format", _body_size),
    Defect("đoạn nội dung căn trái", "body.format", _body_left),
    Defect("không thụt đầu dòng", "body.format", _no_indent),
    Defect("giãn dòng gấp đôi", "body.format", _double_spacing),
    Defect("không cách đoạn", "body.format", _no_space),
    Defect("không kẻ dưới tiêu ngữ", "header.motto.line", _no_motto_line),
    Defect("đường kẻ dưới tiêu ngữ quá ngắn", "header.motto.line", _short_motto_line),
    Defect("không kẻ dưới tên cơ quan", "header.body.line", _no_body_line),
    Defect(
        "tiêu ngữ gạch ngang dài", "header.motto.text", _motto_text("Độc lập – Tự do – Hạnh phúc")
    ),
    Defect(
        "tiêu ngữ gạch nối liền chữ", "header.motto.text", _motto_text("Độc lập-Tự do-Hạnh phúc")
    ),
    Defect("tiêu ngữ không đậm", "header.motto.format", _motto_not_bold),
    Defect("ngày thiếu số 0", "header.date.leading_zero", _day_no_zero),
    Defect("tháng sai số 0", "header.date.leading_zero", _month_zero),
    Defect("ngày tháng bằng số", "header.date.pattern", _date_figures),
    Defect("ngày tháng chữ đứng", "header.date.format", _date_upright),
    Defect("số thiếu số 0", "header.number.pattern", _number_no_zero),
    Defect("«SỐ:» in hoa", "wording.case", _number_caps),
    Defect("ký hiệu sai loại văn bản", "header.number.symbol", _symbol_other_type),
    Defect("quốc hiệu chữ thường", "header.national_name", _national_lower),
    Defect("quốc hiệu không đậm", "header.national_name", _national_not_bold),
    Defect("tiêu ngữ trên quốc hiệu", "header.order", _motto_above_national),
    Defect("quốc hiệu ở cột trái", "header.layout", _right_column_left),
    Defect("bảng phần đầu có viền", "header.table", _header_borders),
    Defect("tên cơ quan sai chính tả", "header.issuer_name", _issuer_typo),
    Defect("địa danh sai chính tả", "header.issuer_name", _place_typo),
    Defect("tên loại không đậm", "title.format", _title_not_bold),
    Defect("trích yếu không đậm", "title.summary", _summary_not_bold),
    Defect("không kẻ dưới trích yếu", "title.line", _no_summary_line),
    Defect("số cách trước «/»", "header.number.pattern", _number_space),
    Defect("ký hiệu có dấu cách", "header.number.pattern", _symbol_spaced),
    Defect("căn cứ chữ đứng", "body.legal_basis", _legal_upright),
    Defect("thiếu «./.»", "body.ending", _no_ending),
    Defect("cấp phó ký không có KT.", "signer.authority", _deputy_without_kt),
    Defect("TM. trước chức vụ cá nhân", "signer.authority", _tm_person),
    Defect(
        "TUQ. giao lại cho cấp phó ký thay",
        "signer.authority",
        _stack(("TUQ. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")),
    ),
    Defect(
        "cấp phó ký thừa ủy quyền",
        "signer.authority",
        _stack(("TUQ. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG")),
    ),
    Defect(
        "TL. dưới TM.",
        "signer.authority",
        _stack(("TM. THƯỜNG TRỰC HĐND", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    ),
    Defect(
        "KT. trên TL.",
        "signer.authority",
        _stack(("KT. CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG")),
    ),
    Defect(
        "cấp phó ký thừa lệnh không có KT.",
        "signer.authority",
        _stack(("TL. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG")),
    ),
    Defect(
        "KT. người không phải cấp phó",
        "signer.authority",
        _stack(("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "ỦY VIÊN THƯỜNG TRỰC")),
    ),
    Defect("chức vụ sau Q.", "signer.authority", _stack(("Q. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"))),
    Defect("họ tên người ký không đậm", "signer.format", _signer_name_not_bold),
    Defect("nơi nhận không kết thúc «- Lưu: VT»", "recipients.items", _no_luu),
    Defect("«NƠI NHẬN:» in hoa", "wording.case", _recipients_heading_caps),
    Defect("«Nơi nhận:» không đậm nghiêng", "recipients.heading", _recipients_heading_plain),
    Defect("nơi nhận cỡ 13", "recipients.items", _recipient_items_size),
    Defect("«KÍNH GỬI:» in hoa", "wording.case", _kinh_gui_caps),
    Defect("công văn không có «V/v»", "cong_van.vv", _no_vv),
    Defect("biên bản thiếu THƯ KÝ", "bien_ban.signatures", _no_secretary),
    Defect("số trang ở trang 1", "page_numbers", _page_number_first),
)


@dataclass(frozen=True)
class Broken:
    """A correct document with one defect made in it."""

    defect: Defect
    source: Sample
    docx: bytes


def broken(defect: Defect, samples: tuple[Sample, ...] | None = None) -> list[Broken]:
    """The defect made in every correct document it applies to."""
    made = []
    for sample in samples if samples is not None else rendered():
        doc = _load(sample.docx)
        if defect.edit(doc):
            made.append(Broken(defect, sample, _save(doc)))
    return made


def variants() -> tuple[Sample, ...]:
    """Correct variants a careful clerk may make: each fixture re-saved by Word's library, the
    signer's name in capitals, a date in March (no zero), the number given after signing."""
    made = []
    for sample in fixture_documents():
        doc = _load(sample.docx)
        made.append(Sample(f"{sample.name} (lưu lại)", sample.kind, _save(doc)))
        doc = _load(sample.docx)
        pars = _signer_pars(doc)
        if pars and sample.kind != "bien_ban":
            _set_text(pars[-1], pars[-1].text.upper())
            made.append(Sample(f"{sample.name} (họ tên in hoa)", sample.kind, _save(doc)))
        doc = _load(sample.docx)
        if _date(doc, lambda m: f"ngày 15 tháng 3 năm {m.group(3)}"):
            made.append(Sample(f"{sample.name} (tháng 3)", sample.kind, _save(doc)))
        doc = _load(sample.docx)
        if _number(doc, lambda num, sym: f"Số: 12/{sym}"):
            made.append(Sample(f"{sample.name} (số 12)", sample.kind, _save(doc)))
        doc = _load(sample.docx)
        title = next(p for p in doc.paragraphs if p.text.strip())
        if sample.kind != "cong_van":
            title.insert_paragraph_before("DỰ THẢO")
            made.append(Sample(f"{sample.name} (DỰ THẢO trên tên loại)", sample.kind, _save(doc)))
    return tuple(made)


# Every stack Decree 30 allows (decree30.SIGNER_STACKS), as a clerk would type it over a
# fixture's signer block.
VALID_STACKS: tuple[tuple[str, ...], ...] = (
    ("CHỦ TỊCH",),
    ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"),
    ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("TM. THƯỜNG TRỰC HĐND", "Q. CHỦ TỊCH"),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("Q. CHỦ TỊCH",),
    ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("TL. CHỦ TỊCH", "Q. CHÁNH VĂN PHÒNG"),
    ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
)


def stack_variants() -> tuple[Sample, ...]:
    """Each fixture with a signer block, signed with each stack Decree 30 allows."""
    made = []
    for sample in fixture_documents():
        for lines in VALID_STACKS:
            doc = _load(sample.docx)
            if _stack(lines)(doc):
                made.append(Sample(f"{sample.name} ({' / '.join(lines)})", sample.kind, _save(doc)))
    return tuple(made)


# A merged provincial office (Văn phòng Đoàn ĐBQH và HĐND tỉnh): its header, its symbol with
# «&», and the stacks its letters are signed with.
MERGED_ISSUER = {
    "level": "tinh",
    "unit_kind": "tỉnh",
    "unit_name": "Bắc Ninh",
    "header_top": "Đoàn ĐBQH và HĐND tỉnh Bắc Ninh",
    "header_name": "Văn phòng",
    "symbol": "VPĐĐBQH&HĐND",
    "body_name": "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh",
}
MERGED_SIGNERS = (
    {"authority": "TL.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
    {"authority": "TL.", "head_title": "Chủ tịch", "unit_head_title": "Chánh Văn phòng",
     "title": "Phó Chánh Văn phòng"},
    {"authority": "TUQ.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"},
    {"collective": "Thường trực HĐND", "authority": "Q.", "title": "Chủ tịch"},
)  # fmt: skip


@functools.cache
def merged_office_documents() -> tuple[Sample, ...]:
    """The letter fixture issued by a merged office, once per stack (rendered by docgen)."""
    service = _service()
    source = json.loads((ROOT / "fixtures" / "cong_van_chuyen.json").read_text("utf-8"))
    samples = []
    for signer in MERGED_SIGNERS:
        data = {**source, "issuer": MERGED_ISSUER, "unit": "TH"}
        data["signer"] = {**signer, "name": "Trần Văn An"}
        docx = service.render_docx("cong_van_chuyen", service.validate("cong_van_chuyen", data))
        stack = " / ".join(v for k, v in signer.items() if k in ("authority", "collective"))
        samples.append(Sample(f"cong_van_chuyen (văn phòng hợp nhất, {stack})", "cong_van", docx))
    return tuple(samples)


def correct() -> tuple[Sample, ...]:
    """Every correct document of the set."""
    return rendered() + variants() + stack_variants() + merged_office_documents()
