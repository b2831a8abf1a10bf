"""The issuing body's unit name, cross-checked against the place line and the body.

A council names its unit three times: in the header («HĐND XÃ BIÊN SƠN»), in the place line
(«Biên Sơn, ngày …», the unit where it sits) and in the body («HĐND xã Biên Sơn»). The spelling
most of them agree on is taken as right; a spelling one or two letters away from it is a typo,
reported where it stands. Different units with different names are not compared.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from docgen import vn, vocab
from docgen.conformity.header import DATE_RE, Header
from docgen.conformity.layout import Layout
from docgen.conformity.reader import Par, Table
from docgen.conformity.report import Hit
from docgen.conformity.texts import one

# Kinds of administrative unit, longest first so «thị xã» is not read as «xã».
UNIT_KINDS = tuple(
    sorted({k for kinds in vocab.UNIT_KINDS.values() for k in kinds}, key=lambda k: (-len(k), k))
)
_MAX_NAME_WORDS = 4
_PUNCTUATION = ",.;:()«»\"'"


@dataclass(frozen=True)
class Mention:
    """A unit named somewhere: its kind (lower case), its name as written, and where."""

    kind: str
    name: str
    location: str
    text: str
    source: str  # "header", "place" or "body"


def unit_mentions(text: str) -> list[tuple[str, str]]:
    """Every «<kind> <Proper Name>» in a text, as (kind, name); a kind with no name is skipped."""
    words = text.split()
    lowered = [vn.lower(w.strip(_PUNCTUATION)) for w in words]
    found: list[tuple[str, str]] = []
    k = 0
    while k < len(words):
        kind = next((u for u in UNIT_KINDS if lowered[k : k + len(u.split())] == u.split()), None)
        if kind is None:
            k += 1
            continue
        k += len(kind.split())
        if words[k - 1][-1:] in _PUNCTUATION:  # «các xã, thị trấn;»: a kind with no name
            continue
        name: list[str] = []
        while k < len(words) and len(name) < _MAX_NAME_WORDS:
            word = words[k].strip(_PUNCTUATION)
            if not word or not (word[0].isupper() or word[0].isdigit()):
                break
            name.append(word)
            k += 1
            if words[k - 1][-1:] in _PUNCTUATION:
                break
        if name:
            found.append((kind, " ".join(name)))
    return found


def _key(name: str) -> str:
    """A name for comparison: case and old/new tone placement («Hoà», «Hòa») do not count."""
    words = []
    for word in unicodedata.normalize("NFD", name.casefold()).split():
        base = "".join(c for c in word if not unicodedata.combining(c))
        marks = "".join(sorted(c for c in word if unicodedata.combining(c)))
        words.append(base + marks)
    return " ".join(words)


def _distance(a: str, b: str) -> int:
    """Letters to change, add or drop to turn a into b (Levenshtein), on NFC text."""
    a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _typo(a: str, b: str) -> bool:
    """Whether two names look like one name misspelt: one or two letters apart, not numbers."""
    if _key(a) == _key(b) or any(c.isdigit() for c in a + b):
        return False
    x, y = vn.lower(a), vn.lower(b)
    allowed = 1 if max(len(x), len(y)) < 8 else 2  # «Chũ»/«Chu»: one; «Biên Sơn»: two
    return min(len(x), len(y)) >= 3 and _distance(x, y) <= allowed


def _header_unit(header: Header) -> Mention | None:
    for line in reversed(header.names):  # the unit nearest the issuing body's own name
        units = unit_mentions(line.text)
        if units:
            kind, name = units[-1]
            return Mention(kind, name, line.par.location, line.text, "header")
    return None


def _place(header: Header, kind: str) -> Mention | None:
    date = header.date
    match = DATE_RE.match(date.text) if date is not None else None
    if date is None or match is None:
        return None
    place = match.group("place").strip()
    for unit in UNIT_KINDS:  # «Thành phố Hồ Chí Minh», «Phường 12»: the name without its kind
        if vn.lower(place).startswith(unit + " "):
            place = place[len(unit) + 1 :]
            break
    return Mention(kind, place, date.par.location, date.text, "place")


def _body_mentions(layout: Layout, kind: str) -> list[Mention]:
    pars: list[Par] = []
    for block in layout.blocks[layout.after_header : layout.signer_at]:
        pars += block.paragraphs() if isinstance(block, Table) else [block]
    found = []
    for par in pars:
        for line in par.lines():
            found += [
                Mention(k, n, par.location, line.text, "body")
                for k, n in unit_mentions(line.text)
                if k == kind
            ]
    return found


def check_issuer_name(header: Header, layout: Layout) -> list[Hit]:
    """The unit's name spelt alike in the header, the place line and the body."""
    unit = _header_unit(header)
    if unit is None:
        return []
    place = _place(header, unit.kind)
    mentions = [unit] + ([place] if place else []) + _body_mentions(layout, unit.kind)
    related = [m for m in mentions if _key(m.name) == _key(unit.name) or _typo(m.name, unit.name)]
    votes: dict[str, list[Mention]] = {}
    for m in related:
        votes.setdefault(_key(m.name), []).append(m)
    # The spelling most places agree on; on a tie, the header's (it is what the body is checked by).
    right = max(votes.values(), key=lambda ms: (len(ms), ms[0].source == "header"))[0]
    hits = [
        _hit(m, right)
        for m in related
        if _key(m.name) != _key(right.name) and _typo(m.name, right.name)
    ]
    if place is not None and place not in related:
        hits.append(
            one(
                "header.issuer_name",
                place.location,
                place.text,
                "name_place_far",
                "warning",
                want=unit.name.title() if unit.name.isupper() else unit.name,
                found=place.name,
            )
        )
    return hits


_WHERE = {
    "header": ("phần đầu", "the header"),
    "place": ("dòng địa danh", "the place line"),
    "body": ("nội dung", "the body"),
}


def _hit(wrong: Mention, right: Mention) -> Hit:
    where_vi, where_en = _WHERE[right.source]
    return one(
        "header.issuer_name",
        wrong.location,
        wrong.text,
        "name_place",
        want=right.name,
        found=wrong.name,
        where_vi=where_vi,
        where_en=where_en,
    )
