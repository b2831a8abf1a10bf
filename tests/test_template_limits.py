"""Templates that would exhaust the server: refused statically where possible, and otherwise
stopped by the limits of the render's child process, refused at upload naming the paragraph."""

from __future__ import annotations

import dataclasses
import json

import pytest
import templatefiles as tf

from docgen import documents, rendering
from docgen.errors import RenderFailed
from docgen.template_checks import ERROR, check_template

NESTED = "(" * 800 + "1" + ")" * 800


@pytest.fixture
def check(app, monkeypatch):
    """Every check but the preview, with a 1-second CPU budget for the test renders."""
    monkeypatch.setattr(
        rendering, "VALIDATION", dataclasses.replace(rendering.VALIDATION, cpu_seconds=1)
    )
    facts = app.extensions["docgen.templates"].facts(tf.PLAN_TYPE)
    return lambda content: check_template(content, facts, filename="mau.docx", to_pdf=None)


@pytest.mark.parametrize(
    ("text", "check_name", "words"),
    [
        pytest.param('Số {{ "%99999999d" % 1 }}', "security", "“%”", id="printf-width"),
        pytest.param('Số {{ ""|center(99999999) }}', "security", "center", id="center"),
        pytest.param('Số {{ "a"|format() }}', "security", "|format", id="format-filter"),
        pytest.param('Số {{ "x"|indent(width) }}', "security", "indent", id="computed-width"),
        pytest.param("Số {{ " + NESTED + " }}", "syntax", "lồng nhau quá sâu", id="800-brackets"),
        pytest.param(
            "Lặp {% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "render",
            "quá",
            id="nested-loops-cpu",
        ),
        pytest.param(
            "Đệ quy {% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
            "render",
            "lồng nhau quá sâu",
            id="recursive-macro",
        ),
        pytest.param(
            "Chữ {% for i in range(1000) %}{% for j in range(1000) %}{{ 'xxxxxxxxxx' }}"
            "{% endfor %}{% endfor %}",
            "render",
            "văn bản quá lớn",
            id="output-size",
        ),
        pytest.param(
            "Nhớ {% set a = range(1000)|list %}" + "{% set a = a + a %}" * 19 + "{{ a|length }}",
            "render",
            "bộ nhớ",
            id="memory",
        ),
    ],
)
def test_an_exhausting_template_is_refused_naming_its_paragraph(check, text, check_name, words):
    report = check(tf.append(text))
    errors = [f for f in report.findings if f.severity == ERROR]
    assert errors, report.to_dict()
    (finding,) = [f for f in errors if f.check == check_name] or [None]
    assert finding is not None, errors
    assert words in finding.message, finding
    assert finding.where.startswith(text.split(" ")[0]), finding  # the paragraph is named
    assert report.rendered is None


def test_production_renders_are_bounded_too(app, monkeypatch):
    """A template that passed its checks but loops over data: stopped at its output limit."""
    monkeypatch.setattr(
        rendering, "PRODUCTION", dataclasses.replace(rendering.PRODUCTION, output_chars=200_000)
    )
    ctx = documents.get(tf.PLAN_TYPE).context(
        app.extensions["docgen"].validate(
            tf.PLAN_TYPE, json.loads((tf.ROOT / "fixtures" / f"{tf.PLAN_TYPE}.json").read_text())
        )
    )
    looping = tf.append(
        "{% for a in range(300) %}{% for b in range(300) %}{{ a }}{% endfor %}{% endfor %}"
    )
    with pytest.raises(RenderFailed) as caught:
        rendering.render_docx(looping, ctx, limits=rendering.PRODUCTION)
    assert "quá lớn" in caught.value.message
    assert rendering.render_docx(tf.PLAN.read_bytes(), ctx)[:2] == b"PK"  # the worker goes on


def test_a_render_that_hangs_is_killed_at_the_deadline(app):
    limits = rendering.RenderLimits(
        cpu_seconds=30, wall_seconds=1.0, memory_bytes=64 << 20, output_chars=1000
    )
    import time

    status, message, _missed, _where = rendering._in_child(lambda: time.sleep(30) or b"", limits)
    assert status == b"E" and "quá lâu" in message.decode()
