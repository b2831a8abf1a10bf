"""WordprocessingML names and the effective formatting of runs and paragraphs (style chains)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML tag."""
    return f"{{{W_NS}}}{tag}"


W_RPR, W_PPR = w("rPr"), w("pPr")


# ---------------------------------------------------------------------------------------------
# Effective formatting: run -> character style -> paragraph style -> table style -> defaults


def on(el: Any) -> bool:
    """Whether a toggle property (w:b, w:i…) is switched on."""
    return str(el.get(w("val"), "true")).lower() not in ("0", "false", "off", "none")


def to_int(value: str | None) -> int | None:
    """An attribute value as an int, None when absent or not a number."""
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


class Styles:
    """Style, numbering and theme lookups of one document."""

    def __init__(self, styles: Any | None, numbering: Any | None, theme: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults: dict[str, str] = {}
        self.ppr_default = self.rpr_default = None
        if styles is not None:
            for style in styles.iter(w("style")):
                sid = style.get(w("styleId"))
                if sid:
                    self.by_id[sid] = style
                    if on_attr(style.get(w("default"))):
                        self.defaults.setdefault(style.get(w("type"), ""), sid)
            self.ppr_default = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
            self.rpr_default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.numbering = numbering
        self.theme_fonts: dict[str, str] = {}
        if theme is not None:
            for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
                for script, suffix in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                    el = theme.find(f".//{{{A_NS}}}{scheme}/{{{A_NS}}}{script}")
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
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return result

    def para_style(self, p: Any) -> str | None:
        """The paragraph's style id, or the default paragraph style."""
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        return ps.get(w("val")) if ps is not None else self.defaults.get("paragraph")

    def _numbering_ppr(self, chain: list[Any]) -> list[Any]:
        if self.numbering is None:
            return []
        for ppr in chain:
            num_pr = ppr.find(w("numPr"))
            if num_pr is None:
                continue
            num_id = num_pr.find(w("numId"))
            ilvl = num_pr.find(w("ilvl"))
            nid = num_id.get(w("val")) if num_id is not None else None
            lvl = ilvl.get(w("val")) if ilvl is not None else "0"
            for num in self.numbering.iter(w("num")):
                if num.get(w("numId")) != nid:
                    continue
                abstract = num.find(w("abstractNumId"))
                aid = abstract.get(w("val")) if abstract is not None else None
                for absnum in self.numbering.iter(w("abstractNum")):
                    if absnum.get(w("abstractNumId")) == aid:
                        for level in absnum.iter(w("lvl")):
                            if level.get(w("ilvl")) == lvl and level.find(w("pPr")) is not None:
                                return [level.find(w("pPr"))]
            return []
        return []

    def ppr_chain(self, p: Any, table_style: str | None) -> list[Any]:
        """Paragraph properties that apply to p, strongest first."""
        direct = p.find(w("pPr"))
        chain = [direct] if direct is not None else []
        styled = [s.find(w("pPr")) for s in self.chain(self.para_style(p))]
        chain_styles = [x for x in styled if x is not None]
        chain += self._numbering_ppr(chain + chain_styles)
        chain += chain_styles
        chain += [s.find(w("pPr")) for s in self.chain(table_style)]
        chain.append(self.ppr_default)
        return [x for x in chain if x is not None]

    def rpr_chain(self, r: Any, p: Any, table_style: str | None) -> list[Any]:
        """Run properties that apply to r in p, strongest first."""
        direct = r.find(w("rPr"))
        chain = [direct]
        rs = direct.find(w("rStyle")) if direct is not None else None
        char_style = rs.get(w("val")) if rs is not None else self.defaults.get("character")
        chain += [s.find(w("rPr")) for s in self.chain(char_style)]
        chain += [s.find(w("rPr")) for s in self.chain(self.para_style(p))]
        chain += [s.find(w("rPr")) for s in self.chain(table_style)]
        chain.append(self.rpr_default)
        return [x for x in chain if x is not None]

    def font(self, chain: list[Any], slot: str) -> str:
        """The font family of one rFonts slot (ascii, hAnsi, eastAsia, cs)."""
        theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
        for rpr in chain:
            fonts = rpr.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w(theme_attr))
            if theme:
                return self.theme_fonts.get(theme, f"({theme})")
            if fonts.get(w(slot)):
                return str(fonts.get(w(slot)))
        return "Times New Roman"  # Word's built-in default when nothing names a font


def on_attr(value: str | None) -> bool:
    """Whether an attribute value says true."""
    return value is not None and value.lower() in ("1", "true", "on")


def find_prop(chain: Sequence[Any], tag: str) -> Any | None:
    """The first element with the tag along a property chain."""
    for props in chain:
        el = props.find(w(tag))
        if el is not None:
            return el
    return None


def attr_of(chain: Sequence[Any], tag: str, *names: str) -> tuple[str, str] | None:
    """The first (name, value) among names on the tag, walking the chain."""
    for props in chain:
        el = props.find(w(tag))
        if el is None:
            continue
        for name in names:
            value = el.get(w(name))
            if value is not None:
                return name, value
    return None


def toggle(chain: Sequence[Any], tag: str) -> bool:
    """Whether a toggle property is on, walking the chain."""
    el = find_prop(chain, tag)
    return el is not None and on(el)


def twips(chain: Sequence[Any], tag: str, *names: str) -> int | None:
    """The first of the named attributes of the tag along the chain, in twips."""
    got = attr_of(chain, tag, *names)
    return to_int(got[1]) if got else None


def visible(border: Any | None) -> bool:
    """Whether a border element draws a line."""
    if border is None:
        return False
    if border.get(w("val"), "none") in ("nil", "none"):
        return False
    size = to_int(border.get(w("sz")))
    return size is None or size > 0


def iter_blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a container, through content controls."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from iter_blocks(content)
        elif child.tag == w("customXml"):
            yield from iter_blocks(child)
