"""The Decree 30/2020 layout checker for any DOCX (DOMAIN.md §3)."""

from __future__ import annotations

import calendar
import io
import os
import posixpath
import re
import string
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Literal, NamedTuple

from lxml import etree

from docgen import docx_package

Severity = Literal["error", "warning"]
KINDS = ("auto", "typed", "cong_van", "bien_ban", "giay_moi")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_V = "urn:schemas-microsoft-com:vml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Limits against zip bombs and absurd inputs: a council document is a few hundred kilobytes.
_MAX_ENTRIES = 10_000
_MAX_PART_BYTES = 64 * 1024 * 1024
_MAX_FILE_BYTES = 64 * 1024 * 1024

_NATIONAL_NAMES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
_MOTTO = "Độc lập - Tự do - Hạnh phúc"
_AUTHORITY = ("TM.", "KT.", "Q.", "TL.", "TUQ.")

# Appendix III of Decree 30: type name -> abbreviation (mixed case is meaningful).
_TYPE_ABBREVIATIONS = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}

# Advance widths (1/1000 em) of Times New Roman for U+0020..U+007E, regular and bold; used only
# to estimate whether a drawn line is about as long as the text it underlines.
_WIDTHS = {
    False: "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500"
    " 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611"
    " 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444"
    " 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
    " 480 200 480 541",
    True: "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500"
    " 500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667"
    " 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444"
    " 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444"
    " 394 220 394 520",
}
_ADVANCE = {bold: [int(x) for x in table.split()] for bold, table in _WIDTHS.items()}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_W_RPR, _W_PPR = _w("rPr"), _w("pPr")


# ---------------------------------------------------------------------------------------------
# Public values


@dataclass(frozen=True)
class Finding:
    """One departure from Decree 30: which rule, where, what was expected and what was found."""

    rule: str
    severity: Severity
    location: str
    text: str
    expected: str
    found: str
    message_vi: str
    message_en: str

    def to_dict(self) -> dict[str, str]:
        """The finding as a JSON-ready mapping."""
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """Every finding of one check, and the document kind the rules were chosen for."""

    findings: tuple[Finding, ...]
    kind: str

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that break Decree 30."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings worth a look that do not break Decree 30 outright."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------------------------
# Reading the package


def _unusable(reason_vi: str, reason_en: str) -> str:
    return f"Tệp không phải DOCX dùng được: {reason_vi} (not a usable DOCX file: {reason_en})."


def _open_zip(source: bytes | str | os.PathLike[str] | IO[bytes]) -> zipfile.ZipFile:
    try:
        if isinstance(source, bytes | bytearray):
            if len(source) > _MAX_FILE_BYTES:
                raise ValueError(_unusable("tệp quá lớn", "the file is too large"))
            return _honest_zip(bytes(source))
        if isinstance(source, str | os.PathLike):
            with open(source, "rb") as handle:
                data = handle.read(_MAX_FILE_BYTES + 1)
        else:
            data = source.read(_MAX_FILE_BYTES + 1)
        if len(data) > _MAX_FILE_BYTES:
            raise ValueError(_unusable("tệp quá lớn", "the file is too large"))
        return _honest_zip(data)
    except zipfile.BadZipFile as exc:
        raise ValueError(_unusable("không phải tệp ZIP", "not a ZIP archive")) from exc
    except OSError as exc:
        raise ValueError(
            f"Không đọc được tệp (cannot read the file): {exc.strerror or exc}"
        ) from exc


def _honest_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, once every part has inflated within docx_package's limits for `check`."""
    try:
        docx_package.read_package(data, docx_package.LIMITS["check"])
    except docx_package.PackageError as exc:
        raise ValueError(_unusable(exc.vi, exc.en)) from exc
    return zipfile.ZipFile(io.BytesIO(data))


class _Package:
    """The parts of a WordprocessingML package, read lazily with safe limits."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > _MAX_ENTRIES:
            raise ValueError(_unusable("quá nhiều mục trong tệp nén", "too many entries"))
        self._archive = archive
        self._sizes = {info.filename: info.file_size for info in infos}
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        self._cache: dict[str, Any] = {}
        main = self._main_part()
        if main is None or main not in self._sizes:
            raise ValueError(_unusable("không có phần văn bản Word", "no word/document.xml part"))
        self.main = main

    def _main_part(self) -> str | None:
        for rel_type, target, _ in self.rels("").values():
            if rel_type.endswith("/officeDocument"):
                return target
        return "word/document.xml" if "word/document.xml" in self._sizes else None

    def xml(self, name: str) -> Any | None:
        """The parsed root element of a part, or None when the part is missing."""
        if name not in self._sizes:
            return None
        if name not in self._cache:
            if self._sizes[name] > _MAX_PART_BYTES:
                raise ValueError(_unusable(f"phần {name} quá lớn", f"part {name} is too large"))
            try:
                self._cache[name] = etree.fromstring(self._archive.read(name), self._parser)
            except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ValueError(
                    _unusable(f"phần {name} bị hỏng", f"part {name} is unreadable")
                ) from exc
        return self._cache[name]

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """The relationships of a part: id -> (type, target part name, is external)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        result: dict[str, tuple[str, str, bool]] = {}
        if root is None:
            return result
        for rel in root.iter(f"{{{_PKG_R}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                target = posixpath.normpath(joined)
            result[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
        return result


# ---------------------------------------------------------------------------------------------
# Effective formatting: run -> character style -> paragraph style -> table style -> defaults


def _on(el: Any) -> bool:
    return str(el.get(_w("val"), "true")).lower() not in ("0", "false", "off", "none")


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


class _Styles:
    """Style, numbering and theme lookups of one document."""

    def __init__(self, styles: Any | None, numbering: Any | None, theme: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults: dict[str, str] = {}
        self.ppr_default = self.rpr_default = None
        if styles is not None:
            for style in styles.iter(_w("style")):
                sid = style.get(_w("styleId"))
                if sid:
                    self.by_id[sid] = style
                    if _on_attr(style.get(_w("default"))):
                        self.defaults.setdefault(style.get(_w("type"), ""), sid)
            self.ppr_default = styles.find(f"{_w('docDefaults')}/{_w('pPrDefault')}/{_w('pPr')}")
            self.rpr_default = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.numbering = numbering
        self.theme_fonts: dict[str, str] = {}
        if theme is not None:
            for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
                for script, suffix in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                    el = theme.find(f".//{{{_A}}}{scheme}/{{{_A}}}{script}")
                    if el is not None:
                        self.theme_fonts[prefix + suffix] = el.get("typeface", "")
            for prefix in ("major", "minor"):
                if prefix + "HAnsi" in self.theme_fonts:
                    self.theme_fonts[prefix + "Ascii"] = self.theme_fonts[prefix + "HAnsi"]

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and its basedOn ancestors, nearest first."""
        result: list[Any] = []
        while style_id and style_id in self.by_id and len(result) < 20:
            style = self.by_id[style_id]
            if style in result:
                break
            result.append(style)
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        return result

    def para_style(self, p: Any) -> str | None:
        """The paragraph's style id, or the default paragraph style."""
        ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        return ps.get(_w("val")) if ps is not None else self.defaults.get("paragraph")

    def _numbering_ppr(self, chain: list[Any]) -> list[Any]:
        if self.numbering is None:
            return []
        for ppr in chain:
            num_pr = ppr.find(_w("numPr"))
            if num_pr is None:
                continue
            num_id = num_pr.find(_w("numId"))
            ilvl = num_pr.find(_w("ilvl"))
            nid = num_id.get(_w("val")) if num_id is not None else None
            lvl = ilvl.get(_w("val")) if ilvl is not None else "0"
            for num in self.numbering.iter(_w("num")):
                if num.get(_w("numId")) != nid:
                    continue
                abstract = num.find(_w("abstractNumId"))
                aid = abstract.get(_w("val")) if abstract is not None else None
                for absnum in self.numbering.iter(_w("abstractNum")):
                    if absnum.get(_w("abstractNumId")) == aid:
                        for level in absnum.iter(_w("lvl")):
                            if level.get(_w("ilvl")) == lvl and level.find(_w("pPr")) is not None:
                                return [level.find(_w("pPr"))]
            return []
        return []

    def ppr_chain(self, p: Any, table_style: str | None) -> list[Any]:
        """Paragraph properties that apply to p, strongest first."""
        direct = p.find(_w("pPr"))
        chain = [direct] if direct is not None else []
        styled = [s.find(_w("pPr")) for s in self.chain(self.para_style(p))]
        chain_styles = [x for x in styled if x is not None]
        chain += self._numbering_ppr(chain + chain_styles)
        chain += chain_styles
        chain += [s.find(_w("pPr")) for s in self.chain(table_style)]
        chain.append(self.ppr_default)
        return [x for x in chain if x is not None]

    def rpr_chain(self, r: Any, p: Any, table_style: str | None) -> list[Any]:
        """Run properties that apply to r in p, strongest first."""
        direct = r.find(_w("rPr"))
        chain = [direct]
        rs = direct.find(_w("rStyle")) if direct is not None else None
        char_style = rs.get(_w("val")) if rs is not None else self.defaults.get("character")
        chain += [s.find(_w("rPr")) for s in self.chain(char_style)]
        chain += [s.find(_w("rPr")) for s in self.chain(self.para_style(p))]
        chain += [s.find(_w("rPr")) for s in self.chain(table_style)]
        chain.append(self.rpr_default)
        return [x for x in chain if x is not None]

    def font(self, chain: list[Any], slot: str) -> str:
        """The font family of one rFonts slot (ascii, hAnsi, eastAsia, cs)."""
        theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
        for rpr in chain:
            fonts = rpr.find(_w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(_w(theme_attr))
            if theme:
                return self.theme_fonts.get(theme, f"({theme})")
            if fonts.get(_w(slot)):
                return str(fonts.get(_w(slot)))
        return "Times New Roman"  # Word's built-in default when nothing names a font


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _find(chain: Sequence[Any], tag: str) -> Any | None:
    for props in chain:
        el = props.find(_w(tag))
        if el is not None:
            return el
    return None


def _attr(chain: Sequence[Any], tag: str, *names: str) -> tuple[str, str] | None:
    """The first (name, value) among names on the tag, walking the chain."""
    for props in chain:
        el = props.find(_w(tag))
        if el is None:
            continue
        for name in names:
            value = el.get(_w(name))
            if value is not None:
                return name, value
    return None


def _toggle(chain: Sequence[Any], tag: str) -> bool:
    el = _find(chain, tag)
    return el is not None and _on(el)


# ---------------------------------------------------------------------------------------------
# The document model the rules read


@dataclass(frozen=True)
class _Run:
    text: str
    fonts: tuple[str, ...]
    size: float
    bold: bool
    italic: bool
    caps: bool
    color: str


@dataclass(frozen=True)
class _Line:
    """One line of a paragraph as the writer typed it (paragraphs split at manual breaks)."""

    par: _Par
    text: str
    runs: tuple[_Run, ...]
    last: bool


@dataclass(frozen=True)
class _Par:
    el: Any = field(repr=False)
    location: str
    text: str
    runs: tuple[_Run, ...]
    jc: str
    first_line: int | None  # twips; negative for a hanging indent
    ind_left: int
    ind_right: int
    before: int  # twips
    after: int
    line: int | None
    line_rule: str
    contextual: bool
    style: str | None
    border_bottom: bool
    border_top: bool
    shapes: tuple[float | None, ...]  # lengths (pt) of line shapes drawn in this paragraph
    width: int | None  # twips available to the paragraph (cell or text column)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def lines(self) -> list[_Line]:
        """The paragraph split at manual line breaks, each line with its runs."""
        result: list[list[_Run]] = [[]]
        for run in self.runs:
            parts = run.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    result.append([])
                if part:
                    result[-1].append(
                        _Run(part, run.fonts, run.size, run.bold, run.italic, run.caps, run.color)
                    )
        texts = ["".join(r.text for r in runs) for runs in result]
        kept = [(t, runs) for t, runs in zip(texts, result, strict=True) if t.strip()]
        return [
            _Line(self, _clean(t), tuple(runs), k == len(kept) - 1)
            for k, (t, runs) in enumerate(kept)
        ]


@dataclass(frozen=True)
class _Cell:
    row: int
    col: int
    last_col: bool
    width: int | None
    pars: tuple[_Par, ...]


@dataclass(frozen=True)
class _Table:
    el: Any = field(repr=False)
    index: int
    cells: tuple[_Cell, ...]
    columns: int
    widths: tuple[int, ...]
    borders: bool

    def column(self, side: str) -> list[_Par]:
        """The paragraphs of the left (first) or right (last) column, top to bottom."""
        if side == "left":
            return [p for c in self.cells if c.col == 0 for p in c.pars]
        return [p for c in self.cells if c.last_col and c.col > 0 for p in c.pars]

    def paragraphs(self) -> list[_Par]:
        """Every paragraph of every cell, nested tables included."""
        return [p for c in self.cells for p in c.pars]

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())


@dataclass(frozen=True)
class _Section:
    index: int
    el: Any = field(repr=False)


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", unicodedata.normalize("NFC", text)).strip()


def _short(text: str, limit: int = 80) -> str:
    text = _clean(text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _iter_runs(el: Any) -> Iterator[Any]:
    for child in el:
        tag = child.tag
        if tag == _w("r"):
            yield child
        elif tag in (_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), f"{{{_MC}}}Fallback"):
            continue
        elif isinstance(tag, str):
            yield from _iter_runs(child)


def _run_text(r: Any) -> str:
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _line_shapes(p: Any) -> tuple[float | None, ...]:
    """Lengths (pt, None when unknown) of line shapes drawn inside the paragraph."""
    found: list[float | None] = []
    for drawing in p.iter(_w("drawing")):
        geoms = [g.get("prst", "") for g in drawing.iter(f"{{{_A}}}prstGeom")]
        if any(g == "line" or "Connector" in g for g in geoms):
            extent = next(drawing.iter(f"{{{_WP}}}extent"), None)
            cx = _int(extent.get("cx")) if extent is not None else None
            found.append(cx / 12700 if cx else None)
    if not found:  # VML only (the Fallback of a DrawingML line, or an old document)
        for el in p.iter(f"{{{_V}}}line", f"{{{_V}}}shape"):
            if el.tag == f"{{{_V}}}line" or "_x0000_t32" in el.get("type", ""):
                found.append(None)
    return tuple(found)


def _twips(chain: Sequence[Any], tag: str, *names: str) -> int | None:
    got = _attr(chain, tag, *names)
    return _int(got[1]) if got else None


class _ParLayout(NamedTuple):
    """A paragraph's effective layout, as its formatting chain resolves it."""

    jc: str
    first_line: int | None
    first_in_chars: bool
    ind_left: int
    ind_right: int
    before: int
    after: int
    line: int | None
    line_rule: str
    contextual: bool
    border_bottom: bool
    border_top: bool


class _Reader:
    """Builds the document model from the package."""

    def __init__(self, package: _Package) -> None:
        self.package = package
        rels = package.rels(package.main)
        by_type = {t.rsplit("/", 1)[-1]: target for t, target, ext in rels.values() if not ext}
        self.rels = rels
        self.styles = _Styles(
            package.xml(by_type["styles"]) if "styles" in by_type else None,
            package.xml(by_type["numbering"]) if "numbering" in by_type else None,
            package.xml(by_type["theme"]) if "theme" in by_type else None,
        )
        settings = package.xml(by_type["settings"]) if "settings" in by_type else None
        self.even_odd = settings is not None and settings.find(_w("evenAndOddHeaders")) is not None
        root = package.xml(package.main)
        body = root.find(_w("body")) if root is not None else None
        if body is None:
            raise ValueError(_unusable("văn bản không có nội dung", "the document has no body"))
        self.body = body
        self.sections = [
            _Section(k + 1, s)
            for k, s in enumerate(
                [s for s in body.iter(_w("sectPr")) if s.getparent().tag == _w("pPr")]
                + ([body.find(_w("sectPr"))] if body.find(_w("sectPr")) is not None else [])
            )
        ]
        self.text_width = self._text_width()
        self._run_cache: dict[tuple[bytes, str | None, str | None], Any] = {}
        self._par_cache: dict[tuple[bytes, str | None, str | None], _ParLayout] = {}

    def _text_width(self) -> int | None:
        if not self.sections:
            return None
        sect = self.sections[0].el
        size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        if size is None or margins is None:
            return None
        width = _int(size.get(_w("w"))) or 0
        return width - (_int(margins.get(_w("left"))) or 0) - (_int(margins.get(_w("right"))) or 0)

    def par(self, p: Any, location: str, table_style: str | None, width: int | None) -> _Par:
        """One paragraph with its effective formatting."""
        style = self.styles.para_style(p)
        runs: list[_Run] = []
        for r in _iter_runs(p):
            text = unicodedata.normalize("NFC", _run_text(r))
            if text:
                runs.append(_Run(text, *self._run_format(r, p, style, table_style)))
        lay = self._par_layout(p, style, table_style)
        first = lay.first_line
        if lay.first_in_chars and first is not None:  # hundredths of a character width
            first = round(first / 100 * max((r.size for r in runs), default=13.0) * 20)
        return _Par(
            el=p,
            location=location,
            text=unicodedata.normalize("NFC", "".join(r.text for r in runs)),
            runs=tuple(runs),
            jc=lay.jc,
            first_line=first,
            ind_left=lay.ind_left,
            ind_right=lay.ind_right,
            before=lay.before,
            after=lay.after,
            line=lay.line,
            line_rule=lay.line_rule,
            contextual=lay.contextual,
            style=style,
            border_bottom=lay.border_bottom,
            border_top=lay.border_top,
            shapes=_line_shapes(p),
            width=width,
        )

    def _run_format(
        self, r: Any, p: Any, style: str | None, table_style: str | None
    ) -> tuple[tuple[str, ...], float, bool, bool, bool, str]:
        """Fonts, size, bold, italic, caps and colour of a run, cached per formatting."""
        direct = r.find(_W_RPR)
        key = (b"" if direct is None else etree.tostring(direct), style, table_style)
        if key not in self._run_cache:
            chain = self.styles.rpr_chain(r, p, table_style)
            slots = ["ascii", "hAnsi"]
            fonts = _find(chain[:1], "rFonts")
            if fonts is not None and fonts.get(_w("hint")) == "eastAsia":
                slots.append("eastAsia")
            size = _attr(chain, "sz", "val")
            color = _find(chain, "color")
            color_value = "auto"
            if color is not None:
                color_value = color.get(_w("themeColor")) or str(color.get(_w("val"), "auto"))
            self._run_cache[key] = (
                tuple(dict.fromkeys(self.styles.font(chain, slot) for slot in slots)),
                (_int(size[1]) or 20) / 2 if size else 10.0,
                _toggle(chain, "b"),
                _toggle(chain, "i"),
                _toggle(chain, "caps"),
                color_value,
            )
        return self._run_cache[key]

    def _par_layout(self, p: Any, style: str | None, table_style: str | None) -> _ParLayout:
        """Alignment, indents, spacing, style and borders of a paragraph, cached per formatting."""
        direct = p.find(_W_PPR)
        key = (b"" if direct is None else etree.tostring(direct), style, table_style)
        if key not in self._par_cache:
            chain = self.styles.ppr_chain(p, table_style)
            jc = _attr(chain, "jc", "val")
            first = _attr(chain, "ind", "firstLine", "hanging", "firstLineChars", "hangingChars")
            amount = None
            if first is not None:
                amount = (
                    -(_int(first[1]) or 0)
                    if first[0].startswith("hanging")
                    else (_int(first[1]) or 0)
                )
            line = _attr(chain, "spacing", "line")
            rule = _attr(chain, "spacing", "lineRule")
            borders = _find(chain, "pBdr")
            contextual = _find(chain, "contextualSpacing")
            self._par_cache[key] = _ParLayout(
                jc=jc[1] if jc else "left",
                first_line=amount,
                first_in_chars=first is not None and first[0].endswith("Chars"),
                ind_left=_twips(chain, "ind", "left", "start") or 0,
                ind_right=_twips(chain, "ind", "right", "end") or 0,
                before=self._space(chain, "before"),
                after=self._space(chain, "after"),
                line=_int(line[1]) if line else None,
                line_rule=rule[1] if rule else "auto",
                contextual=contextual is not None and _on(contextual),
                border_bottom=_visible(borders.find(_w("bottom")) if borders is not None else None),
                border_top=_visible(borders.find(_w("top")) if borders is not None else None),
            )
        return self._par_cache[key]

    @staticmethod
    def _space(chain: Sequence[Any], side: str) -> int:
        got = _attr(chain, "spacing", f"{side}Autospacing", f"{side}Lines", side)
        if got is None:
            return 0
        name, value = got
        if name.endswith("Autospacing"):
            return 280 if _on_attr(value) else (_twips(chain, "spacing", side) or 0)
        if name.endswith("Lines"):
            return round((_int(value) or 0) / 100 * 240)
        return _int(value) or 0

    def table(self, tbl: Any, index: int) -> _Table:
        """One body-level table with its cells' paragraphs."""
        tbl_pr = tbl.find(_w("tblPr"))
        style_el = tbl_pr.find(_w("tblStyle")) if tbl_pr is not None else None
        style = (
            style_el.get(_w("val")) if style_el is not None else self.styles.defaults.get("table")
        )
        own_grid = tbl.find(_w("tblGrid"))
        grid: tuple[int, ...] = ()
        if own_grid is not None:
            grid = tuple(_int(g.get(_w("w"))) or 0 for g in own_grid.findall(_w("gridCol")))
        rows = tbl.findall(_w("tr"))
        columns = len(grid) or max((len(r.findall(_w("tc"))) for r in rows), default=0)
        margin = self._cell_margin(tbl_pr, style)
        cells: list[_Cell] = []
        for ri, tr in enumerate(rows, start=1):
            col = 0
            for ci, tc in enumerate(tr.findall(_w("tc")), start=1):
                tc_pr = tc.find(_w("tcPr"))
                span_el = tc_pr.find(_w("gridSpan")) if tc_pr is not None else None
                span = (_int(span_el.get(_w("val"))) or 1) if span_el is not None else 1
                width_el = tc_pr.find(_w("tcW")) if tc_pr is not None else None
                width = None
                if width_el is not None and width_el.get(_w("type"), "dxa") == "dxa":
                    width = _int(width_el.get(_w("w")))
                if not width and grid[col : col + span]:
                    width = sum(grid[col : col + span])
                inner = width - margin if width else None
                pars: list[_Par] = []
                k = 0
                for block in _blocks(tc):
                    for p in [block] if block.tag == _w("p") else block.iter(_w("p")):
                        k += 1
                        where = f"bảng {index}, ô ({ri},{ci}), đoạn {k}"
                        pars.append(self.par(p, where, style, inner))
                cells.append(_Cell(ri, col, col + span >= columns, width, tuple(pars)))
                col += span
        return _Table(tbl, index, tuple(cells), columns, grid, self._borders(tbl, style))

    def _cell_margin(self, tbl_pr: Any | None, style: str | None) -> int:
        chain = [tbl_pr] if tbl_pr is not None else []
        chain += [s.find(_w("tblPr")) for s in self.styles.chain(style)]
        chain = [c for c in chain if c is not None]
        total = 0
        for side, alias in (("left", "start"), ("right", "end")):
            value = None
            for props in chain:
                mar = props.find(_w("tblCellMar"))
                el = None if mar is None else mar.find(_w(side))
                if el is None and mar is not None:
                    el = mar.find(_w(alias))
                if el is not None:
                    value = _int(el.get(_w("w")))
                    break
            total += 108 if value is None else value
        return total

    def _borders(self, tbl: Any, style: str | None) -> bool:
        chain = [tbl.find(_w("tblPr"))] + [s.find(_w("tblPr")) for s in self.styles.chain(style)]
        edges = ("top", "left", "bottom", "right", "start", "end", "insideH", "insideV")
        for edge in edges:
            for props in chain:
                borders = props.find(_w("tblBorders")) if props is not None else None
                el = borders.find(_w(edge)) if borders is not None else None
                if el is not None:
                    if _visible(el):
                        return True
                    break
        for tc_borders in tbl.iter(_w("tcBorders")):
            if any(_visible(el) for el in tc_borders):
                return True
        return False

    def blocks(self) -> list[_Par | _Table]:
        """The body's paragraphs and tables in order."""
        result: list[_Par | _Table] = []
        n_par = n_tbl = 0
        for block in _blocks(self.body):
            if block.tag == _w("p"):
                n_par += 1
                result.append(self.par(block, f"đoạn {n_par}", None, self.text_width))
            else:
                n_tbl += 1
                result.append(self.table(block, n_tbl))
        return result

    def header_target(self, section: _Section, kind: str, what: str = "header") -> str | None:
        """The part name of the section's header (or footer) of the given type."""
        for ref in section.el.findall(_w(f"{what}Reference")):
            if ref.get(_w("type"), "default") == kind:
                rel = self.rels.get(ref.get(f"{{{_R}}}id", ""))
                if rel and not rel[2]:
                    return rel[1]
        return None

    def header_part(self, section: _Section, kind: str, what: str = "header") -> Any | None:
        """The root of the section's header (or footer) part of the given type."""
        target = self.header_target(section, kind, what)
        return self.package.xml(target) if target else None

    def part_pars(self, root: Any, location: str) -> list[_Par]:
        """Every paragraph of a header or footer part."""
        return [
            self.par(p, f"{location}, đoạn {k}", None, self.text_width)
            for k, p in enumerate(root.iter(_w("p")), start=1)
        ]


def _visible(border: Any | None) -> bool:
    if border is None:
        return False
    if border.get(_w("val"), "none") in ("nil", "none"):
        return False
    size = _int(border.get(_w("sz")))
    return size is None or size > 0


def _blocks(container: Any) -> Iterator[Any]:
    for child in container:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _w("customXml"):
            yield from _blocks(child)


# ---------------------------------------------------------------------------------------------
# Rules and their wording

# Rule id -> (subject in Vietnamese, subject in English); every finding names one of these.
RULES: dict[str, tuple[str, str]] = {
    "page.size": ("Khổ giấy", "Paper size"),
    "page.margins": ("Lề trang", "Page margins"),
    "font.family": ("Phông chữ", "Font"),
    "font.color": ("Màu chữ", "Text colour"),
    "header.table": ("Bảng phần đầu văn bản", "Header table"),
    "header.national_name": ("Quốc hiệu", "National name"),
    "header.motto.text": ("Tiêu ngữ", "Motto"),
    "header.motto.format": ("Tiêu ngữ", "Motto"),
    "header.motto.line": ("Đường kẻ dưới tiêu ngữ", "Line under the motto"),
    "header.body.format": ("Tên cơ quan", "Issuing (or parent) body"),
    "header.body.line": ("Đường kẻ dưới tên cơ quan ban hành", "Line under the issuing body"),
    "header.number.pattern": ("Số, ký hiệu văn bản", "Number and symbol"),
    "header.number.format": ("Số, ký hiệu văn bản", "Number and symbol"),
    "header.number.symbol": ("Ký hiệu loại văn bản", "Type abbreviation in the symbol"),
    "header.date.pattern": ("Địa danh và thời gian", "Place and date"),
    "header.date.leading_zero": ("Ngày tháng", "Day and month"),
    "header.date.format": ("Địa danh và thời gian", "Place and date"),
    "title.format": ("Tên loại văn bản", "Type name"),
    "title.summary": ("Trích yếu nội dung", "Summary"),
    "title.line": ("Đường kẻ dưới trích yếu", "Line under the summary"),
    "body.format": ("Đoạn văn nội dung", "Body paragraph"),
    "body.ending": ("Kết thúc nội dung", "End of the body"),
    "body.legal_basis": ("Căn cứ ban hành", "Legal basis"),
    "signer.table": ("Bảng nơi nhận và chữ ký", "Recipients and signer table"),
    "signer.stack": ("Khối chữ ký", "Signer block"),
    "signer.format": ("Chức vụ, họ tên người ký", "Signer's title or name"),
    "signer.gap": ("Khoảng trống để ký, đóng dấu", "Room for signature and seal"),
    "recipients.heading": ("Chữ «Nơi nhận»", "«Nơi nhận» heading"),
    "recipients.items": ("Nơi nhận", "Recipient item"),
    "page_numbers": ("Số trang", "Page numbers"),
    "bien_ban.signatures": ("Chữ ký biên bản", "Signatures of the minutes"),
    "bien_ban.date": ("Biên bản", "Minutes"),
    "cong_van.vv": ("Trích yếu «V/v»", "«V/v» summary"),
    "cong_van.kinh_gui": ("Công văn", "Official letter"),
    "giay_moi.kinh_gui": ("Giấy mời", "Invitation"),
}

_DATE_EXAMPLE = "«Lục Ngạn, ngày 06 tháng 01 năm 2021»"
_NO, _MISSING = "không có", "missing"

# Problem id -> (expected, found), in Vietnamese and in English; {fields} filled per finding.
_TEXTS_VI: dict[str, tuple[str, str]] = {
    "a4": ("A4 đứng 210 × 297 mm", "{found}"),
    "no_a4": ("A4 (210 × 297 mm)", _NO),
    "margin": ("{side_vi} {lo}–{hi} mm", "{side_vi} {mm:.1f} mm"),
    "font": ("phông Times New Roman", "phông {found}"),
    "colour": ("màu đen", "màu {found}"),
    "size": ("cỡ chữ {want}", "cỡ chữ {found}"),
    "bold": ("chữ đậm", "chữ không đậm"),
    "not_bold": ("chữ không đậm", "chữ đậm"),
    "italic": ("chữ nghiêng", "chữ đứng"),
    "upright": ("chữ đứng (không nghiêng)", "chữ nghiêng"),
    "caps": ("chữ in hoa", "có chữ thường"),
    "no_caps": ("chữ in thường", "định dạng in hoa (All caps)"),
    "align": ("{want_vi}", "{found_vi}"),
    "no_header": ("bảng 2 cột không viền: cơ quan, số | quốc hiệu, tiêu ngữ, ngày tháng", _NO),
    "columns": ("bảng 2 cột", "{found} cột"),
    "borders": ("bảng không viền", "bảng có đường viền"),
    "widths": ("cột trái ≈ 6–7 cm, cột phải ≈ 9,5–10,5 cm", "{left:.1f} cm + {right:.1f} cm"),
    "no_body_name": ("tên cơ quan ban hành (chữ in hoa, đậm)", _NO),
    "no_number": ("dòng «Số: 01/KH-HĐND»", _NO),
    "number": ("«Số: 01/KH-HĐND»", "«{found}»"),
    "number_digits": ("số bằng chữ số", "«{found}»"),
    "number_space": ("số viết liền dấu «/»", "«{found} /»"),
    "number_zero": ("số «{want}» (số 0 trước số nhỏ hơn 10)", "«{found}»"),
    "symbol": ("ký hiệu dạng «KH-HĐND» hoặc «HĐND-VP»", "«{found}»"),
    "symbol_type": ("ký hiệu bắt đầu bằng «{want}-» ({name})", "«{found}»"),
    "national": (f"«{_NATIONAL_NAMES[0]}»", "«{found}»"),
    "no_national": (f"«{_NATIONAL_NAMES[0]}»", _NO),
    "no_motto": (f"«{_MOTTO}»", _NO),
    "motto_dash": (f"«{_MOTTO}» (gạch nối «-» có cách hai bên)", "gạch ngang dài (–, —)"),
    "motto_unspaced": (f"«{_MOTTO}» (gạch nối «-» có cách hai bên)", "gạch nối không cách chữ"),
    "motto": (f"«{_MOTTO}»", "«{found}»"),
    "no_date": (_DATE_EXAMPLE, _NO),
    "date": (f"dạng {_DATE_EXAMPLE}", "«{found}»"),
    "date_digits": ("{part_vi} bằng chữ số", "«{found}»"),
    "year": ("năm có 4 chữ số", "«{found}»"),
    "date_stop": ("không có dấu chấm cuối", "có dấu «.» cuối"),
    "date_real": ("ngày tháng có thật", "ngày {day} tháng {month}"),
    "day_zero": ("«ngày {want}»", "«ngày {found}»"),
    "month_zero": ("«tháng {want}» (số 0 chỉ trước tháng 1 và 2)", "«tháng {found}»"),
    "no_line": ("đường kẻ ngang nét liền dưới dòng chữ", _NO),
    "line_length": ("đường kẻ {want_vi} (≈ {lo:.0f}–{hi:.0f} pt)", "dài ≈ {found:.0f} pt"),
    "no_type_name": ("tên loại văn bản (ví dụ «KẾ HOẠCH»)", _NO),
    "type_name": ("tên loại văn bản (ví dụ «KẾ HOẠCH»)", "«{found}»"),
    "no_summary": ("trích yếu dưới tên loại, chữ đậm, căn giữa", _NO),
    "no_kinh_gui": ("dòng «Kính gửi: …»", _NO),
    "no_vv": ("trích yếu «V/v …» dưới số, ký hiệu", _NO),
    "kinh_gui": ("không có «Kính gửi»", "có «Kính gửi»"),
    "minutes_date": ("không có dòng địa danh, ngày tháng ở phần đầu", "có dòng ngày tháng"),
    "indent": ("thụt đầu dòng 1–1,27 cm", "thụt đầu dòng {found:.2f} cm"),
    "spacing": ("cách đoạn ≥ 6 pt", "cách đoạn {found:g} pt"),
    "line_spacing": ("giãn dòng từ 1 (single) đến 1,5", "giãn dòng {found_vi}"),
    "no_body": ("nội dung kết thúc bằng «./.»", _NO),
    "ending": ("kết thúc bằng «./.»", "«…{found}»"),
    "legal_italic": ("chữ nghiêng", "chữ đứng"),
    "no_signer": ("bảng 2 cột: nơi nhận | chức vụ, họ tên người ký", _NO),
    "no_signer_name": ("họ tên người ký (chữ thường) cuối khối", _NO),
    "no_signer_title": ("chức vụ người ký (chữ in hoa)", _NO),
    "authority_caps": ("chữ in hoa (ví dụ «KT. CHỦ TỊCH»)", "«{found}»"),
    "own_title": ("sau «{line}» là chức vụ của người ký (ví dụ «PHÓ CHỦ TỊCH»)", "«{found}»"),
    "no_own_title": ("sau «{line}» là chức vụ của người ký (ví dụ «PHÓ CHỦ TỊCH»)", _NO),
    "gap": ("khoảng trống để ký, đóng dấu (≥ 2 dòng)", "≈ {found:.0f} pt"),
    "no_recipients": ("«Nơi nhận:» ở cột trái, ngang khối chữ ký", _NO),
    "recipients": ("«Nơi nhận:»", "«{found}»"),
    "no_items": ("các dòng «- …;», cuối cùng «- Lưu: VT.»", _NO),
    "dash": ("bắt đầu bằng «- »", "«{found}…»"),
    "semicolon": ("kết thúc bằng «;»", "«…{found}»"),
    "luu": ("dòng cuối «- Lưu: VT, …»", "«{found}»"),
    "full_stop": ("dòng cuối kết thúc bằng «.»", "«…{found}»"),
    "no_role": ("«{role}» ở {side_vi} và họ tên", _NO),
    "no_role_name": ("họ tên dưới «{role}»", _NO),
    "no_page_field": ("trường PAGE căn giữa ở đầu trang (header)", _NO),
    "page_in_footer": ("số trang ở đầu trang (header)", "số trang ở chân trang"),
    "first_page": ("không hiện số trang ở trang 1 (Different first page)", "trang 1 có số trang"),
    "first_header": ("đầu trang của trang 1 không có số trang", "có trường PAGE"),
    "even_pages": ("số trang cả ở trang chẵn", _NO),
}
_TEXTS_EN: dict[str, tuple[str, str]] = {
    "a4": ("A4 portrait 210 × 297 mm", "{found}"),
    "no_a4": ("A4 (210 × 297 mm)", _MISSING),
    "margin": ("{side} margin {lo}–{hi} mm", "{side} margin {mm:.1f} mm"),
    "font": ("Times New Roman", "{found}"),
    "colour": ("black", "{found}"),
    "size": ("size {want}", "size {found}"),
    "bold": ("bold", "not bold"),
    "not_bold": ("not bold", "bold"),
    "italic": ("italic", "upright"),
    "upright": ("upright (not italic)", "italic"),
    "caps": ("capitals", "lower case"),
    "no_caps": ("lower case", "All caps"),
    "align": ("{want_en}", "{found_en}"),
    "no_header": (
        "a borderless 2-column table: body, number | national name, motto, date",
        _MISSING,
    ),
    "columns": ("a 2-column table", "{found} column(s)"),
    "borders": ("no borders", "visible borders"),
    "widths": ("left ≈ 6–7 cm, right ≈ 9.5–10.5 cm", "{left:.1f} cm + {right:.1f} cm"),
    "no_body_name": ("the issuing body's name (capitals, bold)", _MISSING),
    "no_number": ("a line «Số: 01/KH-HĐND»", _MISSING),
    "number": ("«Số: 01/KH-HĐND»", "«{found}»"),
    "number_digits": ("a number in digits", "«{found}»"),
    "number_space": ("no space before «/»", "«{found} /»"),
    "number_zero": ("«{want}» (leading zero below 10)", "«{found}»"),
    "symbol": ("a symbol such as «KH-HĐND» or «HĐND-VP»", "«{found}»"),
    "symbol_type": ("a symbol starting «{want}-» ({name})", "«{found}»"),
    "national": (f"«{_NATIONAL_NAMES[0]}»", "«{found}»"),
    "no_national": (f"«{_NATIONAL_NAMES[0]}»", _MISSING),
    "no_motto": (f"«{_MOTTO}»", _MISSING),
    "motto_dash": (f"«{_MOTTO}» (spaced ASCII hyphens)", "en or em dashes"),
    "motto_unspaced": (f"«{_MOTTO}» (spaced ASCII hyphens)", "hyphens without spaces"),
    "motto": (f"«{_MOTTO}»", "«{found}»"),
    "no_date": (_DATE_EXAMPLE, _MISSING),
    "date": (f"the form {_DATE_EXAMPLE}", "«{found}»"),
    "date_digits": ("the {part} in digits", "«{found}»"),
    "year": ("a 4-digit year", "«{found}»"),
    "date_stop": ("no full stop", "a full stop"),
    "date_real": ("a real date", "day {day} month {month}"),
    "day_zero": ("«ngày {want}»", "«ngày {found}»"),
    "month_zero": ("«tháng {want}» (leading zero for months 1 and 2 only)", "«tháng {found}»"),
    "no_line": ("a solid line under the text", _MISSING),
    "line_length": ("a line {want_en} (≈ {lo:.0f}–{hi:.0f} pt)", "about {found:.0f} pt long"),
    "no_type_name": ("the type name (e.g. «KẾ HOẠCH»)", _MISSING),
    "type_name": ("the type name (e.g. «KẾ HOẠCH»)", "«{found}»"),
    "no_summary": ("a bold centred summary under the type name", _MISSING),
    "no_kinh_gui": ("a «Kính gửi: …» line", _MISSING),
    "no_vv": ("«V/v …» under the number", _MISSING),
    "kinh_gui": ("no «Kính gửi»", "«Kính gửi»"),
    "minutes_date": ("no place/date line in the header", "a date line"),
    "indent": ("first-line indent 1–1.27 cm", "first-line indent {found:.2f} cm"),
    "spacing": ("≥ 6 pt between paragraphs", "{found:g} pt"),
    "line_spacing": ("line spacing single to 1.5", "{found_en}"),
    "no_body": ("a body ending with «./.»", _MISSING),
    "ending": ("ending with «./.»", "«…{found}»"),
    "legal_italic": ("italic", "upright"),
    "no_signer": ("a 2-column table: recipients | signer's title and name", _MISSING),
    "no_signer_name": ("the signer's name (lower case) at the end", _MISSING),
    "no_signer_title": ("the signer's title (capitals)", _MISSING),
    "authority_caps": ("capitals (e.g. «KT. CHỦ TỊCH»)", "«{found}»"),
    "own_title": ("the signer's own title after «{line}» (e.g. «PHÓ CHỦ TỊCH»)", "«{found}»"),
    "no_own_title": ("the signer's own title after «{line}» (e.g. «PHÓ CHỦ TỊCH»)", _MISSING),
    "gap": ("room for the signature and seal (≥ 2 lines)", "about {found:.0f} pt"),
    "no_recipients": ("«Nơi nhận:» in the left column, level with the signer", _MISSING),
    "recipients": ("«Nơi nhận:»", "«{found}»"),
    "no_items": ("items «- …;» ending with «- Lưu: VT.»", _MISSING),
    "dash": ("starting with «- »", "«{found}…»"),
    "semicolon": ("ending with «;»", "«…{found}»"),
    "luu": ("the last item «- Lưu: VT, …»", "«{found}»"),
    "full_stop": ("the last item ending with «.»", "«…{found}»"),
    "no_role": ("«{role}» in the {side} column", _MISSING),
    "no_role_name": ("a name under «{role}»", _MISSING),
    "no_page_field": ("a centred PAGE field in the page header", _MISSING),
    "page_in_footer": ("the page number in the header", "in the footer"),
    "first_page": ("no number on page 1 (different first page)", "page 1 is numbered"),
    "first_header": ("no PAGE field in the first page's header", "a PAGE field"),
    "even_pages": ("page numbers on even pages too", _MISSING),
}


class _Problem(NamedTuple):
    expected_vi: str
    found_vi: str
    expected_en: str
    found_en: str


class _CommaDecimals(string.Formatter):
    """Formats floats the Vietnamese way (24,5 mm)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return text.replace(".", ",") if isinstance(value, float) else text


_VI = _CommaDecimals()


def _p(key: str, **fields: Any) -> _Problem:
    """One problem of the catalogue, its fields filled in."""
    (expected_vi, found_vi), (expected_en, found_en) = _TEXTS_VI[key], _TEXTS_EN[key]
    vi = _VI.format if any(isinstance(v, float) for v in fields.values()) else str.format
    return _Problem(
        vi(expected_vi, **fields),
        vi(found_vi, **fields),
        expected_en.format(**fields),
        found_en.format(**fields),
    )


def _finding(
    rule: str, where: str, text: str, problems: Sequence[_Problem], severity: Severity = "error"
) -> Finding:
    subject_vi, subject_en = RULES[rule]
    expected_vi = "; ".join(p.expected_vi for p in problems)
    found_vi = "; ".join(p.found_vi for p in problems)
    expected_en = "; ".join(p.expected_en for p in problems)
    found_en = "; ".join(p.found_en for p in problems)
    return Finding(
        rule=rule,
        severity=severity,
        location=where,
        text=_short(text),
        expected=expected_vi,
        found=found_vi,
        message_vi=f"{subject_vi}: cần {expected_vi}, thấy {found_vi}.",
        message_en=f"{subject_en}: expected {expected_en}, found {found_en}.",
    )


def _one(
    rule: str, where: str, text: str, key: str, severity: Severity = "error", **fields: Any
) -> Finding:
    """A finding with a single problem of the catalogue."""
    return _finding(rule, where, text, [_p(key, **fields)], severity)


# ---------------------------------------------------------------------------------------------
# Formatting of a line of text: size, weight, slant, capitals, alignment


def _visible_runs(runs: Sequence[_Run]) -> list[_Run]:
    return [r for r in runs if r.text.strip()]


def _is_caps(line: _Line) -> bool:
    return all(r.caps or r.text == r.text.upper() for r in _visible_runs(line.runs))


def _format_problems(
    runs: Sequence[_Run],
    *,
    size: tuple[float, float] | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
) -> list[_Problem]:
    """What differs from the required size, weight, slant and capitals in these runs."""
    runs = _visible_runs(runs)
    if not runs:
        return []
    problems: list[_Problem] = []
    if size is not None:
        bad = sorted({r.size for r in runs if not size[0] - 0.01 <= r.size <= size[1] + 0.01})
        if bad:
            want = f"{size[0]:g} pt" if size[0] == size[1] else f"{size[0]:g}–{size[1]:g} pt"
            problems.append(_p("size", want=want, found=", ".join(f"{s:g} pt" for s in bad)))
    lettered = [r for r in runs if any(c.isalnum() for c in r.text)] or runs
    for wanted, attr, yes, no in (
        (bold, "bold", "bold", "not_bold"),
        (italic, "italic", "italic", "upright"),
    ):
        if wanted is True and not all(getattr(r, attr) for r in lettered):
            problems.append(_p(yes))
        elif wanted is False and any(getattr(r, attr) for r in lettered):
            problems.append(_p(no))
    if caps is True and not all(r.caps or r.text == r.text.upper() for r in runs):
        problems.append(_p("caps"))
    elif caps is False and any(r.caps for r in runs):
        problems.append(_p("no_caps"))
    return problems


_ALIGN = {
    "center": ("căn giữa", "centred"),
    "both": ("căn đều hai bên", "justified"),
    "distribute": ("căn đều hai bên", "justified"),
    "left": ("căn trái", "left-aligned"),
    "start": ("căn trái", "left-aligned"),
    "right": ("căn phải", "right-aligned"),
    "end": ("căn phải", "right-aligned"),
}


def _align_problem(par: _Par, wanted: str) -> list[_Problem]:
    if par.jc == wanted or (wanted == "both" and par.jc == "distribute"):
        return []
    want_vi, want_en = _ALIGN[wanted]
    found_vi, found_en = _ALIGN.get(par.jc, (par.jc, par.jc))
    return [_p("align", want_vi=want_vi, want_en=want_en, found_vi=found_vi, found_en=found_en)]


def _check_format(
    rule: str, line: _Line, *, align: str | None = "center", **wanted: Any
) -> list[Finding]:
    problems = _format_problems(line.runs, **wanted)
    if align:
        problems += _align_problem(line.par, align)
    return [_finding(rule, line.par.location, line.text, problems)] if problems else []


# ---------------------------------------------------------------------------------------------
# Lines drawn under the motto, the issuing body and the summary


def _text_width_pt(line: _Line) -> float:
    total = 0.0
    for run in line.runs:
        for char in run.text.upper() if run.caps else run.text:
            base = unicodedata.normalize("NFD", char)[0].replace("Đ", "D").replace("đ", "d")
            code = ord(base)
            width = _ADVANCE[run.bold][code - 32] if 32 <= code < 127 else 500
            total += width * run.size / 1000
    return total


def _border_length(par: _Par) -> float | None:
    if par.width is None:
        return None
    return max(par.width - par.ind_left - par.ind_right, 0) / 20


def _line_under(pars: Sequence[_Par], line: _Line) -> tuple[bool, float | None]:
    """Whether a line is drawn under the text line, and its length in pt when measurable."""
    par = line.par
    if par.shapes:
        return True, par.shapes[0]
    if not line.last:
        return False, None
    if par.border_bottom:
        return True, _border_length(par)
    index = next(k for k, p in enumerate(pars) if p is par)
    for nxt in pars[index + 1 :]:
        if nxt.shapes:
            return True, nxt.shapes[0]
        if nxt.empty and (nxt.border_bottom or nxt.border_top):
            return True, _border_length(nxt)
        if not nxt.empty:
            return (True, _border_length(nxt)) if nxt.border_top else (False, None)
    return False, None


_LINE_LENGTHS = {
    "text": ((0.75, 1.3), "dài bằng dòng chữ", "as long as the text"),
    "short": ((0.2, 0.75), "bằng 1/3–1/2 dòng chữ", "1/3–1/2 as long as the text"),
}


def _check_line(
    rule: str, pars: Sequence[_Par], lines: Sequence[_Line], length: str
) -> list[Finding]:
    """A solid line must be drawn under the last of the lines, as long as Decree 30 says."""
    last = lines[-1]
    present, drawn = _line_under(pars, last)
    if not present:
        return [_one(rule, last.par.location, last.text, "no_line")]
    (lo, hi), want_vi, want_en = _LINE_LENGTHS[length]
    text = max(_text_width_pt(x) for x in lines)
    column = max((x.par.width or 0) / 20 for x in lines)
    text = min(text, column) if column else text
    if drawn is None or text <= 0 or lo <= drawn / text <= hi:
        return []
    return [
        _one(
            rule,
            last.par.location,
            last.text,
            "line_length",
            "warning",
            want_vi=want_vi,
            want_en=want_en,
            lo=text * lo,
            hi=text * hi,
            found=drawn,
        )
    ]


# ---------------------------------------------------------------------------------------------
# Page and fonts

_A4 = (11906, 16838)
_MARGIN_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
_SIDE_VI = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


def _check_page(sections: Sequence[_Section]) -> list[Finding]:
    findings: list[Finding] = []
    for section in sections:
        where = f"section {section.index}"
        size = section.el.find(_w("pgSz"))
        width = _int(size.get(_w("w"))) if size is not None else None
        height = _int(size.get(_w("h"))) if size is not None else None
        landscape = bool(width and height and width > height)
        if width is None or height is None:
            findings.append(_one("page.size", where, "", "no_a4"))
        elif any(abs(a - b) > 30 for a, b in zip(sorted((width, height)), _A4, strict=True)) or (
            landscape and section.index == 1  # only a later (table) page may be landscape
        ):
            found = f"{width / 56.7:.0f} × {height / 56.7:.0f} mm"
            findings.append(_one("page.size", where, "", "a4", found=found))
        margins = section.el.find(_w("pgMar"))
        m = {
            side: abs(_int(margins.get(_w(side))) or 0) if margins is not None else 0
            for side in ("top", "bottom", "left", "right")
        }
        problems = _margin_problems(m)
        turned = (  # a wide table page: accept the margins turned either way
            {"top": m["left"], "bottom": m["right"], "left": m["bottom"], "right": m["top"]},
            {"top": m["right"], "bottom": m["left"], "left": m["top"], "right": m["bottom"]},
        )
        if problems and landscape and any(not _margin_problems(t) for t in turned):
            problems = []
        if problems:
            findings.append(_finding("page.margins", where, "", problems))
    return findings


def _margin_problems(values: dict[str, int]) -> list[_Problem]:
    problems = []
    for side, (lo, hi) in _MARGIN_MM.items():
        mm = values[side] / 56.692
        if not lo - 0.3 <= mm <= hi + 0.3:
            problems.append(_p("margin", side=side, side_vi=_SIDE_VI[side], lo=lo, hi=hi, mm=mm))
    return problems


def _check_fonts(pars: Sequence[_Par]) -> list[Finding]:
    findings: list[Finding] = []
    for par in pars:
        runs = _visible_runs(par.runs)
        families = {f.strip() for r in runs for f in r.fonts}
        bad = sorted(f for f in families if f.casefold() != "times new roman")
        if bad:
            findings.append(
                _one("font.family", par.location, par.text, "font", found=", ".join(bad))
            )
        colours = sorted({r.color for r in runs} - {"auto", "000000", "text1", "dark1"})
        if colours:
            findings.append(
                _one(
                    "font.color",
                    par.location,
                    par.text,
                    "colour",
                    "warning",
                    found=", ".join(colours),
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# The header table

_NUMBER_RE = re.compile(r"^Số\s*:(?P<num>[^/]*)/(?P<rest>.*)$")
_SYMBOL_RE = re.compile(r"^(?:\d{4}/)?(?P<sym>[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)+)$")
_DATE_RE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>\S*) ?tháng (?P<m>\S*) ?năm (?P<y>\S*?)(?P<tail>\.?)$"
)


@dataclass
class _Header:
    """What the header table says, as far as the later checks need it."""

    symbol: str | None = None
    vv: bool = False
    date_line: bool = False


def _check_header(table: _Table, kind_hint: str) -> tuple[list[Finding], _Header]:
    info = _Header()
    where = f"bảng {table.index}"
    if table.columns < 2:
        return [_one("header.table", where, table.text(), "columns", found=table.columns)], info
    findings = []
    if table.borders:
        findings.append(_one("header.table", where, table.text(), "borders"))
    first_row = [c for c in table.cells if c.row == 1] or [_Cell(1, 0, True, None, ())]
    left, right = first_row[0].width, first_row[-1].width
    if (
        left
        and right
        and len(first_row) > 1
        and not (5 <= left / 567 <= 8.5 and 8.5 <= right / 567 <= 11.5)
    ):
        findings.append(
            _one(
                "header.table",
                where,
                table.text(),
                "widths",
                "warning",
                left=left / 567,
                right=right / 567,
            )
        )
    findings += _check_header_left(table.column("left"), info)
    findings += _check_header_right(table.column("right"), info, kind_hint)
    return findings, info


def _check_header_left(pars: list[_Par], info: _Header) -> list[Finding]:
    findings: list[Finding] = []
    lines = [x for p in pars for x in p.lines()]
    where = pars[0].location if pars else "bảng 1"
    at = next((k for k, x in enumerate(lines) if _NUMBER_RE.match(x.text)), None)
    if at is None:
        at = next((k for k, x in enumerate(lines) if x.text.startswith("Số")), None)
    names = lines[:at] if at is not None else [x for x in lines if not x.text.startswith("V/v")]
    if not names:
        findings.append(_one("header.body.format", where, "", "no_body_name"))
    else:
        body = names[-1]
        for parent in names[:-1]:  # a parent body (not bold) or the first line of a long name
            findings += _check_format("header.body.format", parent, size=(12, 13), caps=True)
        findings += _check_format("header.body.format", body, size=(12, 13), bold=True, caps=True)
        group = [body]
        for prev in reversed(names[:-1]):
            if not all(r.bold for r in _visible_runs(prev.runs)):
                break
            group.insert(0, prev)
        findings += _check_line("header.body.line", pars, group, "short")
    if at is None:
        findings.append(_one("header.number.pattern", where, "", "no_number"))
    else:
        findings += _check_number(lines[at], info)
        findings += _check_format("header.number.format", lines[at], size=(13, 13), italic=False)
    for line in lines:
        if line.text.startswith("V/v"):
            info.vv = True
            findings += _check_format("cong_van.vv", line, size=(12, 13), bold=False, italic=False)
    return findings


def _check_number(line: _Line, info: _Header) -> list[Finding]:
    match = _NUMBER_RE.match(line.text)
    if match is None:
        return [
            _one("header.number.pattern", line.par.location, line.text, "number", found=line.text)
        ]
    problems: list[_Problem] = []
    raw, rest = match.group("num"), match.group("rest")
    digits = raw.strip()
    if digits and not re.fullmatch(r"[.…_ ]+", digits):  # blank or dotted: a draft, fine
        if not digits.isdigit():
            problems.append(_p("number_digits", found=digits))
        elif raw != raw.rstrip():
            problems.append(_p("number_space", found=digits))
        elif digits != f"{int(digits):02d}" or int(digits) == 0:
            problems.append(_p("number_zero", want=f"{max(int(digits), 1):02d}", found=digits))
    symbol = _SYMBOL_RE.match(rest)
    if symbol is None:
        problems.append(_p("symbol", found=rest))
    else:
        info.symbol = symbol.group("sym")
    return (
        [_finding("header.number.pattern", line.par.location, line.text, problems)]
        if (problems)
        else []
    )


def _check_header_right(pars: list[_Par], info: _Header, kind_hint: str) -> list[Finding]:
    findings: list[Finding] = []
    lines = [x for p in pars for x in p.lines()]
    where = pars[0].location if pars else "bảng 1"
    rest = lines
    if not lines:
        findings.append(_one("header.national_name", where, "", "no_national"))
    elif lines[0].text.upper() not in _NATIONAL_NAMES:
        findings.append(
            _one(
                "header.national_name",
                lines[0].par.location,
                lines[0].text,
                "national",
                found=lines[0].text,
            )
        )
    else:
        findings += _check_format(
            "header.national_name", lines[0], size=(12, 13), bold=True, caps=True
        )
        rest = lines[1:]
    motto = rest[0] if rest and not _DATE_RE.match(rest[0].text) else None
    if motto is None:
        findings.append(_one("header.motto.text", where, "", "no_motto"))
    else:
        findings += _check_motto(pars, motto)
    after = rest[1:] if motto else rest
    date = next((x for x in after if "ngày" in x.text and "tháng" in x.text), None)
    if date is None and after and kind_hint != "bien_ban":
        date = after[0]  # the line where the date belongs, in some other form
    info.date_line = date is not None
    if date is None:
        if kind_hint != "bien_ban":  # minutes have no place/date line in the header
            findings.append(_one("header.date.pattern", where, "", "no_date"))
        return findings
    findings += _check_date(date)
    findings += _check_format("header.date.format", date, size=(13, 14), italic=True, bold=False)
    return findings


def _check_motto(pars: Sequence[_Par], motto: _Line) -> list[Finding]:
    findings: list[Finding] = []
    text = motto.text
    if text != _MOTTO:
        if any(c in text for c in "–—‒−"):
            key = "motto_dash"
        elif re.search(r"\S-|-\S", text):
            key = "motto_unspaced"
        else:
            key = "motto"
        findings.append(_one("header.motto.text", motto.par.location, text, key, found=text))
    findings += _check_format(
        "header.motto.format", motto, size=(13, 14), bold=True, italic=False, caps=False
    )
    return findings + _check_line("header.motto.line", pars, [motto], "text")


def _check_date(line: _Line) -> list[Finding]:
    where, text = line.par.location, line.text
    match = _DATE_RE.match(text)
    if match is None:
        return [_one("header.date.pattern", where, text, "date", found=text)]
    problems: list[_Problem] = []
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    for value, part, part_vi in ((day, "day", "ngày"), (month, "month", "tháng")):
        if not value.isdigit() and not re.fullmatch(r"[.…_]*", value):  # blank: a draft
            problems.append(_p("date_digits", part=part, part_vi=part_vi, found=value))
    if not re.fullmatch(r"\d{4}", year):
        problems.append(_p("year", found=year))
    if match.group("tail"):
        problems.append(_p("date_stop"))
    if not problems and day.isdigit() and month.isdigit():
        d, m = int(day), int(month)
        if not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(int(year), m)[1]:
            problems.append(_p("date_real", day=day, month=month))
    findings = [_finding("header.date.pattern", where, text, problems)] if problems else []
    zero: list[_Problem] = []
    if day.isdigit() and 1 <= int(day) <= 9 and day != f"0{int(day)}":
        zero.append(_p("day_zero", want=f"0{int(day)}", found=day))
    if month.isdigit() and 1 <= int(month) <= 12:
        want = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != want:
            zero.append(_p("month_zero", want=want, found=month))
    if zero:
        findings.append(_finding("header.date.leading_zero", where, text, zero))
    return findings


# ---------------------------------------------------------------------------------------------
# Where the parts are, and which kind of document it is


def _key(text: str) -> str:
    """Upper case without diacritics, to match names however their accents are placed."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text.upper()) if not unicodedata.combining(c)
    )
    return re.sub(r"\s+", " ", stripped.replace("Đ", "D")).strip()


_TYPE_KEYS = {_key(name): name for name in _TYPE_ABBREVIATIONS}
_SIGNER_TITLES = ("CHU TICH", "CHU TOA", "THU KY", "TRUONG", "GIAM DOC", "BI THU")


@dataclass
class _Layout:
    """Where the parts of the document are."""

    blocks: list[_Par | _Table]
    header: _Table | None
    after_header: int
    signer: _Table | None
    signer_at: int
    title: _Line | None = None
    type_name: str | None = None


def _index(blocks: Sequence[_Par | _Table], block: _Par | _Table) -> int:
    """Where a block is, by identity (equal-looking paragraphs are different paragraphs)."""
    return next(k for k, b in enumerate(blocks) if b is block)


def _first_lines(
    blocks: Sequence[_Par | _Table], start: int, end: int, count: int
) -> list[tuple[int, _Line]]:
    """The first text lines from blocks[start:end], up to the first table."""
    found: list[tuple[int, _Line]] = []
    for k in range(start, end):
        block = blocks[k]
        if isinstance(block, _Table):
            break
        found += [(k, line) for line in block.lines()]
        if len(found) >= count:
            break
    return found[:count]


def _is_signer_table(table: _Table) -> bool:
    """A table with «Nơi nhận» on the left, or a signer's capitals in a column."""
    if any(p.text.lstrip().startswith("Nơi nhận") for p in table.column("left")):
        return True
    for p in table.column("left") + table.column("right"):
        for line in p.lines():
            if line.text.split(" ", 1)[0].upper() in _AUTHORITY or (
                _is_caps(line) and any(t in _key(line.text) for t in _SIGNER_TITLES)
            ):
                return True
    return False


def _locate(blocks: list[_Par | _Table]) -> _Layout:
    first = next((b for b in blocks if isinstance(b, _Table) or not b.empty), None)
    header = first if isinstance(first, _Table) else None
    after = _index(blocks, header) + 1 if header is not None else 0
    signer, signer_at = None, len(blocks)
    for k in range(len(blocks) - 1, after - 1, -1):
        block = blocks[k]
        if isinstance(block, _Table) and block.columns <= 3 and _is_signer_table(block):
            signer, signer_at = block, k
            break
    layout = _Layout(blocks, header, after, signer, signer_at)
    lines = _first_lines(blocks, after, signer_at, 1)
    if lines:
        layout.title = lines[0][1]
        layout.type_name = _TYPE_KEYS.get(_key(layout.title.text))
    return layout


def _infer_kind(layout: _Layout, header: _Header) -> str:
    name = layout.type_name
    if name:
        return {"BIÊN BẢN": "bien_ban", "GIẤY MỜI": "giay_moi"}.get(name, "typed")
    opening = _first_lines(layout.blocks, layout.after_header, layout.signer_at, 3)
    if header.vv or any(line.text.startswith("Kính gửi") for _, line in opening):
        return "cong_van"
    prefix = (header.symbol or "").split("-")[0]
    if prefix in ("BB", "GM"):
        return "bien_ban" if prefix == "BB" else "giay_moi"
    if header.symbol and prefix not in _TYPE_ABBREVIATIONS.values():
        return "cong_van"  # BODY-UNIT, such as HĐND-VP
    left = layout.signer.column("left") if layout.signer is not None else []
    return "bien_ban" if "THU KY" in _key(" ".join(p.text for p in left)) else "typed"


# ---------------------------------------------------------------------------------------------
# Title, Kính gửi, body


def _check_title(layout: _Layout, kind: str, header: _Header) -> tuple[list[Finding], int]:
    """Type name, summary and the line under it; also returns where the body starts."""
    blocks, start, title = layout.blocks, layout.after_header, layout.title
    if title is None:
        where = f"sau bảng {layout.header.index}" if layout.header else "đầu văn bản"
        return [_one("title.format", where, "", "no_type_name")], start
    if layout.type_name is None:
        return [
            _one("title.format", title.par.location, title.text, "type_name", found=title.text)
        ], start
    findings = _check_format("title.format", title, size=(13, 14), bold=True, caps=True)
    want = _TYPE_ABBREVIATIONS[layout.type_name]
    if header.symbol and header.symbol.split("-")[0] != want:
        findings.append(
            _one(
                "header.number.symbol",
                title.par.location,
                header.symbol,
                "symbol_type",
                want=want,
                name=layout.type_name,
                found=header.symbol,
            )
        )
    pars = [b for b in blocks if isinstance(b, _Par)]
    body_start = _index(blocks, title.par) + 1
    summary = title.par.lines()[1:]  # the summary may follow a line break in the same paragraph
    if not summary:
        for k, line in _first_lines(blocks, body_start, layout.signer_at, 4):
            underlined = _line_under(pars, line)[0]
            if line.par.jc != "center" and (summary or not underlined):
                break
            summary.append(line)
            body_start = k + 1
            if line.last and underlined:
                break
    if not summary:
        if kind != "giay_moi":
            findings.append(_one("title.summary", title.par.location, title.text, "no_summary"))
        return findings, body_start
    for line in summary:
        findings += _check_format("title.summary", line, size=(13, 14), bold=True)
    return findings + _check_line("title.line", pars, summary, "short"), body_start


def _after_kinh_gui(layout: _Layout, at: int) -> int:
    """Where the body starts after the «Kính gửi» paragraph at `at` and its «- …» lines."""
    k = at + 1
    while k < layout.signer_at:
        block = layout.blocks[k]
        if isinstance(block, _Table) or not (block.empty or block.text.lstrip()[:1] in "-–+"):
            break
        k += 1
    return k


def _find_kinh_gui(layout: _Layout, start: int, count: int) -> int | None:
    opening = _first_lines(layout.blocks, start, layout.signer_at, count)
    return next((k for k, line in opening if line.text.startswith("Kính gửi")), None)


def _check_body(blocks: Sequence[_Par | _Table], start: int, end: int) -> list[Finding]:
    findings: list[Finding] = []
    body = [b for b in blocks[start:end] if isinstance(b, _Par) and not b.empty]
    previous: _Par | None = None
    for block in blocks[start:end]:
        if isinstance(block, _Table) or block.empty:  # a blank line also separates paragraphs
            previous = None
            continue
        findings += _check_body_par(block, previous)
        previous = block
    findings += _check_legal_bases(body)
    if not body:
        return findings + [_one("body.ending", "thân văn bản", "", "no_body")]
    text = body[-1].text.rstrip()
    if not text.endswith("./."):
        findings.append(_one("body.ending", body[-1].location, text, "ending", found=text[-6:]))
    return findings


def _check_body_par(par: _Par, previous: _Par | None) -> list[Finding]:
    findings: list[Finding] = []
    problems = _format_problems(par.runs, size=(13, 14))
    if par.jc == "center":  # a centred heading inside the body: unusual, not forbidden outright
        findings.append(
            _finding("body.format", par.location, par.text, _align_problem(par, "both"), "warning")
        )
    else:
        problems += _align_problem(par, "both")
        first = par.first_line or 0
        if not 567 - 12 <= first <= 720 + 12:  # 1 cm to 1.27 cm, in twips
            problems.append(_p("indent", found=first / 567))
    if previous is not None:
        same = previous.style == par.style  # contextual spacing drops it between equal styles
        after = 0 if previous.contextual and same else previous.after
        before = 0 if par.contextual and same else par.before
        if after + before < 120:
            problems.append(_p("spacing", found=(after + before) / 20))
    problems += _line_spacing(par)
    if problems:
        findings.append(_finding("body.format", par.location, par.text, problems))
    return findings


def _line_spacing(par: _Par) -> list[_Problem]:
    size = max((r.size for r in _visible_runs(par.runs)), default=14.0)
    line, rule = par.line, par.line_rule
    if line is None:
        return []
    if rule == "auto":
        if 236 <= line <= 364:
            return []
        return [
            _p(
                "line_spacing",
                found_vi=f"{line / 240:.2f}".replace(".", ","),
                found_en=f"{line / 240:.2f} lines",
            )
        ]
    points = line / 20  # exactly / at least: from 15 pt up to 1.5 lines of the text
    if points <= 1.5 * 1.15 * size + 0.5 and (rule != "exact" or points >= 14.95):
        return []
    kind_vi = "chính xác" if rule == "exact" else "tối thiểu"
    return [
        _p(
            "line_spacing",
            found_vi=f"{kind_vi} {points:g} pt".replace(".", ","),
            found_en=f"{rule} {points:g} pt",
        )
    ]


def _check_legal_bases(body: Sequence[_Par]) -> list[Finding]:
    """Legal bases (the leading «Căn cứ …;» / «Thực hiện …;» lines) are italic."""
    findings: list[Finding] = []
    for par in body:
        text = par.text.strip()
        if not text.startswith(("Căn cứ", "Thực hiện")) or text[-1:] not in ";.,":
            break
        if any(not r.italic for r in _visible_runs(par.runs) if r.text.strip(" ;.,")):
            findings.append(_one("body.legal_basis", par.location, text, "legal_italic", "warning"))
    return findings


# ---------------------------------------------------------------------------------------------
# Signer, recipients, minutes


def _named_lines(pars: Sequence[_Par]) -> list[_Line]:
    """The lines of a signature column, without notes such as «(Đã ký)»."""
    return [x for p in pars for x in p.lines() if not re.fullmatch(r"\(.*\)", x.text)]


def _check_signer(pars: list[_Par], where: str) -> list[Finding]:
    lines = _named_lines(pars)
    if not lines:
        return [_one("signer.stack", where, "", "no_signer")]
    findings: list[Finding] = []
    name = lines[-1] if not _is_caps(lines[-1]) else None
    titles = lines[:-1] if name else lines
    if name is None:
        findings.append(
            _one("signer.stack", lines[-1].par.location, lines[-1].text, "no_signer_name")
        )
    if not titles:
        findings.append(
            _one("signer.stack", lines[0].par.location, lines[0].text, "no_signer_title")
        )
    for k, line in enumerate(titles):
        head = line.text.split(" ", 1)[0].upper()
        loc = line.par.location
        if head in _AUTHORITY and not _is_caps(line):
            findings.append(_one("signer.stack", loc, line.text, "authority_caps", found=line.text))
        nxt = titles[k + 1] if k + 1 < len(titles) else None
        nxt_head = nxt.text.split(" ", 1)[0].upper() if nxt else ""
        # TM./KT./TL./TUQ. need the signer's own title under them (Q. is itself the title);
        # under KT. that title is the deputy's (PHÓ CHỦ TỊCH), not another authority line.
        if (
            head in _AUTHORITY
            and head != "Q."
            and (nxt is None or (head == "KT." and nxt_head in _AUTHORITY))
        ):
            key, found = ("own_title", nxt.text) if nxt else ("no_own_title", "")
            findings.append(_one("signer.stack", loc, line.text, key, line=line.text, found=found))
        findings += _check_format("signer.format", line, size=(13, 14), bold=True, caps=True)
    if name is not None:
        findings += _check_format("signer.format", name, size=(13, 14), bold=True, caps=False)
        if titles:
            findings += _check_gap(pars, titles[-1], name)
    return findings


def _check_gap(pars: Sequence[_Par], title: _Line, name: _Line) -> list[Finding]:
    start = next(k for k, p in enumerate(pars) if p is title.par)
    end = next(k for k, p in enumerate(pars) if p is name.par)
    if start == end:
        return []
    space = (pars[start].after + name.par.before) / 20
    space += sum(
        max((r.size for r in p.runs), default=13.0) * 1.15 + (p.before + p.after) / 20
        for p in pars[start + 1 : end]
        if p.empty
    )
    if space >= 26:  # two blank lines or their equivalent in spacing
        return []
    return [_one("signer.gap", name.par.location, name.text, "gap", "warning", found=space)]


def _check_recipients(pars: list[_Par], where: str) -> list[Finding]:
    lines = [x for p in pars for x in p.lines()]
    at = next((k for k, x in enumerate(lines) if x.text.startswith("Nơi nhận")), None)
    if at is None:
        return [_one("recipients.heading", where, "", "no_recipients")]
    findings: list[Finding] = []
    heading = lines[at]
    if heading.text != "Nơi nhận:":
        findings.append(
            _one(
                "recipients.heading",
                heading.par.location,
                heading.text,
                "recipients",
                found=heading.text,
            )
        )
    findings += _check_format(
        "recipients.heading", heading, align=None, size=(12, 12), bold=True, italic=True
    )
    items = lines[at + 1 :]
    if not items:
        return findings + [_one("recipients.items", heading.par.location, heading.text, "no_items")]
    for k, item in enumerate(items):
        text = item.text
        problems = _format_problems(item.runs, size=(11, 11), italic=False)
        follows_open_item = k > 0 and items[k - 1].text[-1:] not in ";:."  # a wrapped item
        if text[:1] not in "-–+" and not follows_open_item:
            problems.append(_p("dash", found=text[:12]))
        if k == len(items) - 1:
            if not re.match(r"^[-–]\s*Lưu\s*:\s*VT\b", text):
                problems.append(_p("luu", found=text))
            if not text.endswith("."):
                problems.append(_p("full_stop", found=text[-4:]))
        else:
            nxt = items[k + 1].text
            opens_list = text.endswith(":") and nxt.startswith("+")
            if nxt[:1] in "-–+" and not (text.endswith(";") or opens_list):
                problems.append(_p("semicolon", found=text[-4:]))
        if problems:
            findings.append(_finding("recipients.items", item.par.location, text, problems))
    return findings


def _minutes_table(layout: _Layout) -> tuple[_Table | None, int]:
    """The table with the secretary's and the chair's signatures, and its block index."""
    for k in range(len(layout.blocks) - 1, layout.after_header - 1, -1):
        block = layout.blocks[k]
        if isinstance(block, _Table) and block is not layout.header:
            text = _key(block.text())
            if "THU KY" in text or "CHU TOA" in text:
                return block, k
    return layout.signer, layout.signer_at


def _check_minutes(table: _Table | None, where: str) -> list[Finding]:
    findings: list[Finding] = []
    for side, side_vi, role in (("left", "cột trái", "THƯ KÝ"), ("right", "cột phải", "CHỦ TỌA")):
        lines = _named_lines(table.column(side)) if table is not None else []
        at = next((k for k, x in enumerate(lines) if _key(x.text).endswith(_key(role))), None)
        if at is None:
            findings.append(
                _one(
                    "bien_ban.signatures",
                    where,
                    "",
                    "no_role",
                    role=role,
                    side=side,
                    side_vi=side_vi,
                )
            )
            continue
        role_line = lines[at]
        findings += _check_format("signer.format", role_line, size=(13, 14), bold=True, caps=True)
        names = [x for x in lines[at + 1 :] if not _is_caps(x)]
        if not names:
            findings.append(
                _one(
                    "bien_ban.signatures",
                    role_line.par.location,
                    role_line.text,
                    "no_role_name",
                    role=role,
                )
            )
        else:
            findings += _check_format(
                "signer.format", names[-1], size=(13, 14), bold=True, caps=False
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Page numbers

_PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def _page_field_pars(root: Any) -> list[Any]:
    """The paragraphs of a header or footer part holding a PAGE field."""
    found = []
    for p in root.iter(_w("p")):
        instr = " ".join(str(f.get(_w("instr"), "")) for f in p.iter(_w("fldSimple")))
        instr += " " + " ".join(t.text or "" for t in p.iter(_w("instrText")))
        if _PAGE_FIELD.search(instr.strip()):
            found.append(p)
    return found


def _check_page_numbers(reader: _Reader) -> list[Finding]:
    if not reader.sections:
        return []
    section = reader.sections[0]
    where = f"section {section.index}"
    header = reader.header_part(section, "default")
    fields = _page_field_pars(header) if header is not None else []
    if not fields:
        footer = reader.header_part(section, "default", "footer")
        in_footer = footer is not None and bool(_page_field_pars(footer))
        return [_one("page_numbers", where, "", "page_in_footer" if in_footer else "no_page_field")]
    findings: list[Finding] = []
    for p in fields:
        par = reader.par(p, f"{where}, đầu trang", None, reader.text_width)
        runs = _visible_runs(par.runs) or [  # no cached result: the field code's own size
            _Run("1", (), _field_size(reader, p), False, False, False, "auto")
        ]
        problems = _format_problems(runs, size=(13, 14)) + _align_problem(par, "center")
        if problems:
            findings.append(_finding("page_numbers", par.location, par.text, problems))
    title_pg = section.el.find(_w("titlePg"))
    first = reader.header_part(section, "first")
    if title_pg is None or not _on(title_pg):
        findings.append(_one("page_numbers", where, "", "first_page"))
    elif first is not None and _page_field_pars(first):
        findings.append(_one("page_numbers", where, "", "first_header"))
    if reader.even_odd:
        even = reader.header_part(section, "even")
        if even is None or not _page_field_pars(even):
            findings.append(_one("page_numbers", where, "", "even_pages"))
    return findings


def _field_size(reader: _Reader, p: Any) -> float:
    for r in p.iter(_w("r")):
        if r.find(_w("instrText")) is not None:
            size = _attr(reader.styles.rpr_chain(r, p, None), "sz", "val")
            return (_int(size[1]) or 20) / 2 if size else 10.0
    return 13.0


# ---------------------------------------------------------------------------------------------
# The entry points


def check_docx(source: bytes | str | os.PathLike[str] | IO[bytes], kind: str = "auto") -> Report:
    """Check a DOCX against Decree 30/2020 (DOMAIN.md §3); ValueError if it is not a DOCX."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; use one of {', '.join(KINDS)}")
    with _open_zip(source) as archive:
        reader = _Reader(_Package(archive))
        blocks = reader.blocks()
        pars = [p for b in blocks for p in (b.paragraphs() if isinstance(b, _Table) else [b])]
        findings = _check_page(reader.sections)
        findings += _check_fonts(pars + _header_footer_pars(reader))
        layout = _locate(blocks)
        header = _Header()
        if layout.header is None:
            first = next((p for p in pars if not p.empty), None)
            where, text = (first.location, first.text) if first else ("đầu văn bản", "")
            findings.append(_one("header.table", where, text, "no_header"))
        else:
            hint = "bien_ban" if kind == "bien_ban" or layout.type_name == "BIÊN BẢN" else kind
            header_findings, header = _check_header(layout.header, hint)
            findings += header_findings
        resolved = _infer_kind(layout, header) if kind == "auto" else kind
        findings += _check_kind(layout, resolved, header)
        findings += _check_page_numbers(reader)
    return Report(tuple(findings), resolved)


def _check_kind(layout: _Layout, kind: str, header: _Header) -> list[Finding]:
    """Everything after the header table, by the rules of the document's kind."""
    findings: list[Finding] = []
    if kind == "cong_van":
        if layout.header is not None and not header.vv:
            findings.append(_one("cong_van.vv", f"bảng {layout.header.index}", "", "no_vv"))
        at = _find_kinh_gui(layout, layout.after_header, 3)
        if at is None:
            title = layout.title
            where, text = (title.par.location, title.text) if title else ("đầu văn bản", "")
            findings.append(_one("cong_van.kinh_gui", where, text, "no_kinh_gui"))
        body_start = layout.after_header if at is None else _after_kinh_gui(layout, at)
    else:
        title_findings, body_start = _check_title(layout, kind, header)
        findings += title_findings
        at = _find_kinh_gui(layout, body_start, 1)  # a Tờ trình or a report may have one
        if at is not None and kind != "giay_moi":
            body_start = _after_kinh_gui(layout, at)
    if kind == "giay_moi":
        for block in layout.blocks[layout.after_header : layout.signer_at]:
            if isinstance(block, _Par) and block.text.lstrip().startswith("Kính gửi"):
                findings.append(_one("giay_moi.kinh_gui", block.location, block.text, "kinh_gui"))
    if kind == "bien_ban":
        if header.date_line and layout.header is not None:
            findings.append(
                _one("bien_ban.date", f"bảng {layout.header.index}", "", "minutes_date", "warning")
            )
        table, end = _minutes_table(layout)
        findings += _check_body(layout.blocks, body_start, end)
        where = f"bảng {table.index}" if table else "cuối văn bản"
        return findings + _check_minutes(table, where)
    findings += _check_body(layout.blocks, body_start, layout.signer_at)
    signer = layout.signer
    if signer is None:
        return findings + [_one("signer.stack", "cuối văn bản", "", "no_signer")]
    where = f"bảng {signer.index}"
    if signer.borders:
        findings.append(_one("signer.table", where, signer.text(), "borders"))
    findings += _check_signer(signer.column("right"), where)
    return findings + _check_recipients(signer.column("left"), where)


def _header_footer_pars(reader: _Reader) -> list[_Par]:
    pars: list[_Par] = []
    seen: set[str] = set()
    for section in reader.sections:
        for what, label in (("header", "đầu trang"), ("footer", "chân trang")):
            for kind in ("default", "first", "even"):
                target = reader.header_target(section, kind, what)
                root = reader.package.xml(target) if target and target not in seen else None
                if target and root is not None:
                    seen.add(target)
                    pars += reader.part_pars(root, f"section {section.index}, {label} ({kind})")
    return pars


_LABELS = {
    "vi": (
        "LỖI",
        "CẢNH BÁO",
        "Đạt: không có lỗi; ",
        "{e} lỗi, {w} cảnh báo (loại văn bản: {k})",
        "… và {n} phát hiện [{rule}] khác",
    ),
    "en": (
        "ERROR",
        "WARNING",
        "Passed: no errors; ",
        "{e} error(s), {w} warning(s) (document kind: {k})",
        "… and {n} more [{rule}]",
    ),
}


def format_report(report: Report, lang: str = "vi", *, per_rule: int = 20) -> str:
    """The report as readable lines, in Vietnamese ("vi") or English ("en")."""
    error, warning, passed, summary, more = _LABELS["en" if lang == "en" else "vi"]
    lines = []
    shown: dict[str, int] = {}
    for f in report.findings:
        shown[f.rule] = shown.get(f.rule, 0) + 1
        if shown[f.rule] > per_rule:  # a document in the wrong font fails on every paragraph
            continue
        label = error if f.severity == "error" else warning
        message = f.message_en if lang == "en" else f.message_vi
        lines.append(f"{label} [{f.rule}] {f.location}: {message}")
        if f.text:
            lines.append(f"    «{f.text}»")
    for rule, count in shown.items():
        if count > per_rule:
            lines.append(more.format(n=count - per_rule, rule=rule))
    counts = summary.format(e=len(report.errors), w=len(report.warnings), k=report.kind)
    lines.append((passed if report.ok else "") + counts)
    return "\n".join(lines)
