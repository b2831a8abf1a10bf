"""Names of bodies: one key for every way of writing the same body.

"Ủy ban nhân dân tỉnh Bắc Ninh", "UBND tỉnh Bắc Ninh", "Uỷ ban nhân dân  tỉnh bắc ninh" are
one recipient. The key expands the abbreviations a council office uses, ignores case, spacing,
punctuation and where the tone mark sits ("ủy"/"uỷ", "hòa"/"hoà"), and keeps everything else
that tells two bodies apart (the other diacritics: "Sơn" is not "Son").
"""

from __future__ import annotations

import re
import unicodedata

from docgen.vocab import DISTRICT_KINDS

# Abbreviations, as whole words (lower case, dots dropped), and what they stand for.
ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "tt": "thường trực",
    "tthđnd": "thường trực hội đồng nhân dân",
    "đbqh": "đại biểu quốc hội",
    "qh": "quốc hội",
    "mttq": "mặt trận tổ quốc",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "tp": "thành phố",
    "vn": "việt nam",
    "bhxh": "bảo hiểm xã hội",
}
# The five tone marks, as combining characters (NFD).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_WORD = re.compile(r"[^\W_]+")


def _syllable_key(word: str) -> str:
    """A word with its tone mark moved to the end: "ủy" and "uỷ" both give "uy\u0309"."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare) + tones


def body_key(name: str) -> str:
    """The key two names of the same body share (case, spacing, abbreviations, tone position)."""
    text = unicodedata.normalize("NFC", name).casefold().replace(".", " ")
    words: list[str] = []
    for word in _WORD.findall(text):
        words.extend(ABBREVIATIONS.get(word, word).split())
    return " ".join(_syllable_key(w) for w in words)


def same_body(a: str, b: str) -> bool:
    """Whether two names designate the same body."""
    return body_key(a) == body_key(b)


# Words that name a district-level unit or body (abolished on 1 July 2025).
_DISTRICT = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(kind) for kind in DISTRICT_KINDS) + r")(?!\w)", re.IGNORECASE
)


def names_district(text: str) -> bool:
    """Whether a name designates a district-level unit or body ("UBND quận X", "thị xã Y")."""
    return bool(_DISTRICT.search(unicodedata.normalize("NFC", text)))
