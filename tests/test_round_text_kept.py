"""The round fixtures say what they said before their wording moved into the Word templates.

tests/data/before_wording/<round>.json holds every document of the round fixture as docgen made
it before the move (commit f5de80e, sentences written in Python): its type, the data the round
gave it, and its text, one paragraph a line. The same data is rendered now and compared as
running text (paragraphs joined by spaces: a table cell that now holds one deputy per paragraph
instead of one per line break reads the same). Keeping the data makes the comparison about the
wording alone, whatever later changes to routing do to a round.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from docgen import create_app
from docgen.docx_text import text_lines

BEFORE = ROOT / "tests" / "data" / "before_wording"


def _running(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("fixture", ["round_luc_ngan", "round_xa_2026"])
def test_the_round_renders_the_text_it_rendered_before(tmp_path, fixture):
    service = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)}).extensions["docgen"]
    documents = json.loads((BEFORE / f"{fixture}.json").read_text(encoding="utf-8"))
    assert {d["type"] for d in documents} >= {"bien_ban_tiep_xuc", "cong_van_chuyen"}
    for document in documents:
        data = service.validate(document["type"], document["data"])
        now = text_lines(service.render_docx(document["type"], data))
        assert _running(now) == _running(document["text"]), document["name"]
