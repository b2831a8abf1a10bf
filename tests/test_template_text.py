"""The shipped DOCX is the source: its text dump is kept in step, and a new type starts from a frame."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, load_fixture
from test_wording import edit_one_run

from docgen import conformity, documents
from docgen.context import common_context
from docgen.doctypes.ke_hoach_tiep_xuc import PlanSchema
from docgen.docx_text import text_lines
from docgen.rendering import render_docx
from docgen.template_text import template_text, text_diff

TEMPLATES = ROOT / "templates_vn"


def test_every_template_has_its_text_and_every_text_its_template():
    docx = {p.stem for p in TEMPLATES.glob("*.docx")}
    assert docx == {p.stem for p in TEMPLATES.glob("*.txt")}
    assert docx == set(documents.REGISTRY)


@pytest.mark.parametrize("type_id", list(documents.REGISTRY))
def test_the_text_dump_is_in_step_with_its_template(type_id):
    committed = (TEMPLATES / f"{type_id}.txt").read_text(encoding="utf-8")
    assert template_text((TEMPLATES / f"{type_id}.docx").read_bytes()) == committed, (
        "run `make template-text` and commit templates_vn/*.txt"
    )


def test_a_sentence_changed_in_word_is_one_changed_line_of_the_dump():
    shipped = (TEMPLATES / "bien_ban_tiep_xuc.docx").read_bytes()
    edited = edit_one_run(
        shipped, "Biên bản đã được thông qua", "Biên bản đã được đọc lại, thông qua"
    )
    diff = text_diff(template_text(shipped), template_text(edited))
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2
    assert changed[0].startswith("-[") and "Biên bản đã được thông qua" in changed[0]
    assert changed[1].startswith("+[") and "Biên bản đã được đọc lại, thông qua" in changed[1]


def test_lines_say_where_and_in_which_style():
    lines = (TEMPLATES / "ke_hoach_tiep_xuc.txt").read_text(encoding="utf-8").splitlines()
    assert "| [Normal] {{ header.top }}" in lines  # the header table
    assert any(line.startswith("[VN Basis] ") for line in lines)  # the legal bases' style


def test_a_new_types_scaffold_has_the_decree_30_frame(tmp_path):
    target = tmp_path / "to_trinh.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "scaffold_template.py"), "to_trinh",
         "--type-name", "Tờ trình", "--title", "Đề nghị thông qua kế hoạch", "-o", str(target)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = PlanSchema().load(load_fixture("ke_hoach_tiep_xuc.json"))
    rendered = render_docx(target, common_context(data, "TTr"))  # the frame's variables only
    assert "TỜ TRÌNH" in text_lines(rendered)
    report = conformity.check_docx(rendered, kind="typed")
    assert not report.errors, [e.message_vi for e in report.errors]
    again = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "scaffold_template.py"), "to_trinh", "-o", str(target)],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 1  # never over a template already being edited in Word
