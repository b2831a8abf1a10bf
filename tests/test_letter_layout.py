"""The forwarding letter's header and «Kính gửi» as printed (PDF text positions, pypdf).

Decree 30 (Appendix I, công văn): the summary «V/v …» stands under the number and symbol, 6 pt
below them; with several addressees «Kính gửi:» is not centred and is followed by one line per
addressee, each starting with «-», the dashes one under another just after the colon; a single
addressee stays on the «Kính gửi:» line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_fixture, require_soffice
from printcheck import Fragment, fragments

from docgen.conversion import convert_many

V_V_GAP = 6.0  # pt between the number line and the V/v line (Decree 30)
LINE = 1.15  # a single-spaced line of Liberation Serif is 1.15 times its size


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Fragment]]:
    """Page 1 of the letter with one addressee and of the one with two, as printed."""
    from docgen import create_app

    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("letter")
    service = create_app({"TESTING": True, "INSTANCE_PATH": str(folder / "instance")}).extensions[
        "docgen"
    ]
    paths = {}
    for name in ("cong_van_chuyen", "cong_van_chuyen.tinh_2026"):
        data = service.validate("cong_van_chuyen", load_fixture(f"{name}.json"))
        path = folder / f"{name.replace('.', '_')}.docx"
        path.write_bytes(service.render_docx("cong_van_chuyen", data))
        paths[path] = name
    out = folder / "pdf"
    out.mkdir()
    done = convert_many(list(paths), out, soffice=soffice, timeout=300)
    return {
        paths[src]: [f for f in fragments(Path(pdf).read_bytes())[0] if f.page == 0]
        for src, pdf in done.items()
    }


def _starting(frags: list[Fragment], text: str) -> list[Fragment]:
    return [f for f in frags if f.text.strip().startswith(text)]


@pytest.mark.parametrize("name", ["cong_van_chuyen", "cong_van_chuyen.tinh_2026"])
def test_the_v_v_line_stands_6_pt_under_the_number(printed, name):
    frags = printed[name]
    (number,) = _starting(frags, "Số:")
    (vv,) = _starting(frags, "V/v")
    step = number.y - vv.y  # baseline to baseline
    extra = step - LINE * vv.size
    assert abs(vv.x - number.x) < 60  # the same column
    assert V_V_GAP - 1 <= extra <= V_V_GAP + 1.5, (step, extra)


def test_two_addressees_stand_as_dashes_under_one_another_after_the_colon(printed):
    frags = printed["cong_van_chuyen.tinh_2026"]
    (head,) = _starting(frags, "Kính gửi:")
    assert head.text.strip() == "Kính gửi:"
    dashes = _starting(frags, "- Thường trực HĐND phường") + _starting(frags, "- UBND phường")
    assert len(dashes) == 2
    first, second = sorted(dashes, key=lambda f: -f.y)
    assert abs(first.x - second.x) < 0.5  # dashes one under another, not centred lines
    # just after the colon: right of «Kính gửi:» (wider than 3.5 em), within a few em of it
    assert head.x + 3.5 * head.size <= first.x <= head.x + 6 * head.size
    assert head.x < (first.x + first.width) / 2  # «Kính gửi:» starts left, not centred
    for upper, lower in ((head, first), (first, second)):  # the next lines, in order
        assert upper.y - lower.y == pytest.approx(LINE * head.size, abs=1.0)


def test_one_addressee_stays_on_the_kinh_gui_line(printed):
    frags = printed["cong_van_chuyen"]
    (line,) = _starting(frags, "Kính gửi:")
    assert line.text.strip() == "Kính gửi: UBND huyện Lục Ngạn"
