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
    - A schedule notice named its session only by number and its summary left out the term;
      issue 11 wants the session's name when the data gives one ("kỳ họp thường lệ cuối năm
      2020") and the term (nhiệm kỳ) in the summary.
    - The report's overview said twice what the report holds (issue 11); it says it once now,
      with the items sent down, and refers to the appendix.
    - The minutes had no «Nơi nhận» block; Decree 30 (Appendix III, model 1.9) ends them with
      one, its last line «- Lưu: VT, hồ sơ.» (these minutes' data name no other recipient).
    """
    if type_id == "thong_bao_lich_tiep_xuc":
        return [_notice_corrected(data, line) for line in lines]
    if type_id == "bao_cao_tong_hop":
        return _report_corrected(lines)
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


def _notice_corrected(data: dict, line: str) -> str:
    session = data["session"]
    if session.get("name"):
        line = line.replace(f"kỳ họp thứ {session['ordinal']},", f"{session['name']},")
    if line.startswith("Lịch tiếp xúc cử tri của "):
        line += f", nhiệm kỳ {session['term_start']} - {session['term_end']}"
    return line


REPORT_HOLDS = re.compile(
    r"^Sau khi tổng hợp, gộp các ý kiến trùng nội dung, có (\S+) nội dung kiến nghị thuộc thẩm "
    r"quyền giải quyết của UBND (\S+) và các cơ quan cấp trên\.$"
)
REPORT_ONLY = re.compile(
    r"^Báo cáo này chỉ tổng hợp các ý kiến, kiến nghị thuộc thẩm quyền giải quyết của UBND \S+ "
    r"và của các cơ quan cấp trên\.(?: Có (.+) xem xét, giải quyết\.)?$"
)


def _report_corrected(lines: list[str]) -> list[str]:
    """The report's two overview sentences saying the same thing, as the one it says now."""
    out: list[str] = []
    for line in lines:
        held, only = REPORT_HOLDS.match(out[-1]) if out else None, REPORT_ONLY.match(line)
        if held and only:
            down = f"; {only[1]} xem xét, giải quyết" if only[1] else ""
            out[-1] = (
                f"Sau khi gộp các ý kiến trùng nội dung, báo cáo này tổng hợp {held[1]} nội dung "
                f"kiến nghị thuộc thẩm quyền giải quyết của UBND {held[2]} và của các cơ quan cấp "
                f"trên (chi tiết tại Phụ lục kèm theo){down}."
            )
        else:
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
