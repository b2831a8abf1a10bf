"""The round fixtures say what they said before their wording moved into the Word templates.

tests/data/before_wording/<round>.json holds every document of the round fixture as docgen made
it before the move (commit f5de80e, sentences written in Python): its type, the data the round
gave it, and its text, one paragraph a line. The same data is rendered now and compared as
running text (paragraphs joined by spaces: a table cell that now holds one deputy per paragraph
instead of one per line break reads the same). Keeping the data makes the comparison about the
wording alone, whatever later changes to routing do to a round. Where the old wording was wrong,
`_corrected` says how, and the comparison expects the correction.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from docgen import create_app
from docgen.docx_text import text_lines

BEFORE = ROOT / "tests" / "data" / "before_wording"


# Where the old wording was wrong, what it says now instead.
LETTER_ITEM = re.compile(r"^(\d+)\. (.*) \(cử tri (.*)\)\.$")


def _corrected(type_id: str, data: dict, lines: list[str]) -> list[str]:
    """The old text with its known mistakes corrected.

    - A forwarding letter's list named where each item was raised but not who is competent to
      resolve it; DOMAIN.md §5 wants the competent body per item (it differs from the addressee
      when the letter goes through a channel).
    - The minutes had no «Nơi nhận» block; Decree 30 (Appendix III, model 1.9) ends them with
      one, its last line «- Lưu: VT, hồ sơ.» (these minutes' data name no other recipient).
    """
    if type_id == "bien_ban_tiep_xuc":
        return [*lines, "Nơi nhận:", "- Lưu: VT, hồ sơ."]
    if type_id != "cong_van_chuyen":
        return lines
    bodies = {
        (i["summary"].rstrip(" .;"), ", ".join(i["places"])): i["body"] for i in data["items"]
    }
    out = []
    for line in lines:
        match = LETTER_ITEM.match(line)
        if match and (match[2], match[3]) in bodies:
            body = bodies[(match[2], match[3])]
            line = f"{match[1]}. {match[2]} (cử tri {match[3]}; cơ quan có thẩm quyền giải quyết: {body})."
        out.append(line)
    return out


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
        before = _corrected(document["type"], document["data"], document["text"])
        assert _running(now) == _running(before), document["name"]
