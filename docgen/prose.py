"""How much of a document's wording stands in its Word template: the share of non-data prose.

The context is rendered with every string it hands the template wrapped in private-use marks, so
each word of the rendered document is known to come either from the template's own text or from
Python. A word is *data* when it contains a digit, belongs to the Decree 30 frame (header, number,
date line, signer, recipients), or — inside a mark — is covered by something the data holds:
one of its strings, a date or number of it as the Vietnamese rules write it, a word of the
domain's vocabulary (levels, unit kinds, fields). Every other word is *prose*: from the template,
or written by Python. Over consecutive word pairs inside a paragraph, the share is

    pairs of two template words / pairs of two prose words

so a sentence written in Python counts against the template, a variable inside a template
sentence does not (its pairs with data are left out).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen import vn, vocab
from docgen.docx_text import text_lines
from docgen.rendering import render_docx

OPEN, CLOSE = "\ue000", "\ue001"  # Python's words
FRAME_OPEN, FRAME_CLOSE = "\ue002", "\ue003"  # the Decree 30 frame: data by definition
FRAME_KEYS = frozenset({"header", "number_line", "date_line", "signer", "recipients"})
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Share:
    """Word pairs of non-data prose, and how many of them stand in the template."""

    template_pairs: int
    prose_pairs: int

    @property
    def share(self) -> float:
        """The template's share of the prose (1.0 when there is no prose)."""
        return self.template_pairs / self.prose_pairs if self.prose_pairs else 1.0

    def __add__(self, other: Share) -> Share:
        return Share(
            self.template_pairs + other.template_pairs, self.prose_pairs + other.prose_pairs
        )


def _wrap(value: Any, open_: str, close: str) -> Any:
    """Every non-empty string inside value between the marks (empty ones stay falsy)."""
    if isinstance(value, str):
        return f"{open_}{value}{close}" if value else value
    if isinstance(value, Mapping):
        return {k: _wrap(v, open_, close) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_wrap(v, open_, close) for v in value]
    return value


def marked(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context with its strings marked: the frame's as data, the rest as Python's."""
    return {
        key: _wrap(value, FRAME_OPEN, FRAME_CLOSE)
        if key in FRAME_KEYS
        else _wrap(value, OPEN, CLOSE)
        for key, value in context.items()
    }


def _leaves(value: Any) -> Iterable[Any]:
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def data_phrases(data: Mapping[str, Any]) -> set[str]:
    """What counts as data in Python's words: the data's strings, its dates and numbers as the
    Vietnamese rules write them, and the domain's vocabulary (casefolded)."""
    phrases: set[str] = set()
    for leaf in _leaves(data):
        if isinstance(leaf, str):
            phrases.add(leaf)
        elif isinstance(leaf, datetime.datetime):
            phrases.update({vn.date_phrase(leaf.date()), vn.weekday_name(leaf.date())})
            phrases.add(f"{leaf.hour} giờ {leaf.minute:02d}")
        elif isinstance(leaf, datetime.date):
            phrases.update({vn.date_phrase(leaf), vn.weekday_name(leaf)})
        elif isinstance(leaf, int) and not isinstance(leaf, bool) and 0 < leaf < 4000:
            phrases.update({vn.roman(leaf), vn.number_words(leaf)})
    for table in (vocab.LEVELS, vocab.COMPETENCE_LEVELS, vocab.PETITION_FIELDS):
        phrases.update(table.values())
    for kinds in vocab.UNIT_KINDS.values():
        phrases.update(kinds)
    return {unicodedata.normalize("NFC", p).casefold() for p in phrases if p.strip()}


def _covered(span: str, phrases: set[str]) -> list[bool]:
    """Which characters of span lie inside an occurrence of some data phrase."""
    folded = span.casefold()
    mask = [False] * len(span)
    if len(folded) != len(span):  # casefolding changed lengths: match without folding
        folded = span
    for phrase in phrases:
        start = folded.find(phrase)
        while start != -1:
            for i in range(start, min(start + len(phrase), len(mask))):
                mask[i] = True
            start = folded.find(phrase, start + 1)
    return mask


def _classify(line: str, phrases: set[str]) -> list[str]:
    """Each word of a rendered line as "T" (template), "P" (Python's prose) or "D" (data)."""
    words: list[str] = []
    state, current = "T", list[str]()
    spans: list[tuple[str, str]] = []  # (state, text)
    for ch in line:
        if ch in (OPEN, FRAME_OPEN, CLOSE, FRAME_CLOSE):
            if current:
                spans.append((state, "".join(current)))
                current = []
            state = {OPEN: "P", FRAME_OPEN: "F"}.get(ch, "T")
            continue
        current.append(ch)
    if current:
        spans.append((state, "".join(current)))
    for span_state, text in spans:
        covered = _covered(text, phrases) if span_state == "P" else [False] * len(text)
        for match in re.finditer(r"\S+", text):
            word = match.group()
            letters = [i for i, c in enumerate(word) if _WORD.match(c)]
            if not letters:
                continue
            if span_state == "F" or any(c.isdigit() for c in word):
                kind = "D"
            elif span_state == "P":
                data = sum(covered[match.start() + i] for i in letters)
                kind = "D" if data * 2 >= len(letters) else "P"
            else:
                kind = "T"
            words.append(kind)
    return words


def share_of(lines: Iterable[str], phrases: set[str]) -> Share:
    """The template's share of the prose pairs in lines rendered from a marked context."""
    template = prose = 0
    for line in lines:
        kinds = _classify(line, phrases)
        for a, b in zip(kinds, kinds[1:], strict=False):
            if "D" in (a, b):
                continue
            prose += 1
            template += a == b == "T"
    return Share(template, prose)


def measure(
    template: Path,
    build_context: Callable[[dict[str, Any]], dict[str, Any]],
    data: dict[str, Any],
) -> Share:
    """Render template from data with a marked context and measure its share of the prose."""
    docx = render_docx(template, marked(build_context(data)))
    return share_of(text_lines(docx), data_phrases(data))
