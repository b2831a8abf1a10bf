"""The checks before a template version becomes active: one test per check and per refusal."""

from __future__ import annotations

import re

import pytest
import templatefiles as tf

from docgen.documents import REGISTRY
from docgen.template_checks import ERROR, WARNING, CheckReport, check_template


@pytest.fixture
def check(app):
    """Run every check but the PDF preview (LibreOffice is tested elsewhere)."""
    facts = app.extensions["docgen.templates"].facts(tf.PLAN_TYPE)

    def run(content: bytes, filename: str = "mau.docx") -> CheckReport:
        return check_template(content, facts, filename=filename, to_pdf=None)

    return run


def only(report: CheckReport, check: str, severity: str = ERROR):
    found = [f for f in report.findings if f.check == check and f.severity == severity]
    assert found, report.to_dict()
    return found


def test_the_shipped_template_passes(check):
    report = check(tf.PLAN.read_bytes())
    assert report.ok and not report.warnings, report.to_dict()
    assert report.rendered is not None


@pytest.mark.parametrize("type_id", list(REGISTRY))
def test_every_shipped_template_passes_the_checks_of_an_upload(app, type_id):
    """CI gate: exactly what a staff upload goes through (package, Jinja, names, a test render
    with every fixture, the Decree 30 checker, the PDF preview when LibreOffice is there)."""
    from conftest import ROOT

    admin = app.extensions["docgen.templates"]
    report = admin.check(type_id, (ROOT / "templates_vn" / f"{type_id}.docx").read_bytes())
    assert report.ok and not report.warnings, report.to_dict()
    assert report.rendered is not None
    assert admin.facts(type_id).required  # what the shipped one prints, a new one must keep


def test_a_loop_over_records_knows_their_fields(app):
    from conftest import ROOT

    facts = app.extensions["docgen.templates"].facts("cong_van_chuyen")
    shipped = (ROOT / "templates_vn" / "cong_van_chuyen.docx").read_bytes()
    text = "{% for g in danh_sach %}{{ g.linh_vc }}{% endfor %}"
    report = check_template(tf.append(text, source=shipped), facts)
    (finding,) = only(report, "variable")
    assert "“g.linh_vc” (mỗi phần tử của “danh_sach”)" in finding.message
    assert "“linh_vuc”" in finding.message


def test_a_word_changed_as_word_would_passes(check):
    report = check(tf.replace("thiết thực", "thực chất"))
    assert report.ok and not report.warnings, report.to_dict()


# --- the package
def test_not_a_docx_is_refused(check):
    report = check(b"this is not a zip file")
    (finding,) = only(report, "package")
    assert ".docx" in finding.message


def test_a_docm_name_is_refused(check):
    report = check(tf.PLAN.read_bytes(), filename="ke-hoach.docm")
    only(report, "macro")


def test_a_macro_enabled_package_is_refused(check):
    report = check(tf.macro_enabled())
    found = only(report, "macro")
    assert any("macro" in f.message and f.where == "word/vbaProject.bin" for f in found), found


def test_an_external_relationship_is_refused(check):
    report = check(tf.with_hyperlink("http://attacker.example/x.png"))
    (finding,) = only(report, "external")
    assert "http://attacker.example/x.png" in finding.message


def test_a_zip_bomb_is_refused_before_anything_is_expanded(check):
    report = check(tf.zip_bomb())
    (finding,) = only(report, "package")
    assert "quá lớn" in finding.message
    assert report.rendered is None


def test_too_many_parts_are_refused(check):
    (finding,) = only(check(tf.many_parts()), "package")
    assert "1000 phần" in finding.message


# --- Jinja syntax, named by the paragraph's text
@pytest.mark.parametrize(
    ("broken", "message_part"),
    [
        ("đại biểu {{ council }} thực hiện theo nguyên tắc", "đại biểu {{ council } thực hiện"),
        ("thiết thực và hiệu quả.", "thiết thực và {% if year %} hiệu quả."),
        ("dân chủ, công khai", "dân chủ, {% endfor %} công khai"),
        ("công khai", "công khai {{ council | khong_co_bo_loc }}"),
    ],
    ids=["unclosed-variable", "unclosed-if", "stray-endfor", "unknown-filter"],
)
def test_a_syntax_error_names_the_paragraph(check, broken, message_part):
    report = check(tf.replace(broken, message_part))
    (finding,) = only(report, "syntax")
    assert finding.where.startswith("- Việc tiếp xúc cử tri của đại biểu"), finding
    assert finding.where.endswith("hiệu quả."), finding  # that paragraph, and no other
    assert report.rendered is None


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("Kính gửi {{ council", "“{{ council…”: “{{” chưa được đóng"),
        ("Kính gửi {{ council %}", "phải đóng bằng “}}”"),
        ("Kính gửi {% if year {{ council }}", "“{%” chưa được đóng bằng “%}” trước “{{”"),
    ],
)
def test_a_tag_left_open_in_its_paragraph_is_named_there(check, text, message_part):
    report = check(tf.append(text))
    (finding,) = only(report, "syntax")
    assert finding.where == text
    assert message_part in finding.message


def test_a_syntax_error_in_the_page_header_names_it(check):
    def transform(doc) -> None:
        header = doc.sections[0].header
        header.is_linked_to_previous = False
        header.add_paragraph("Trang {{ page ")

    report = check(tf.edit(transform))
    (finding,) = only(report, "syntax")
    assert finding.where == "Trang {{ page (đầu trang)"


def test_an_unclosed_block_names_where_it_opens_not_the_end(check):
    report = check(
        tf.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, {% for x in recipients %}YÊU CẦU")
    )
    (finding,) = only(report, "syntax")
    assert "MỤC ĐÍCH" in finding.where
    assert "endfor" in finding.message


# --- variables the context does not provide
@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("Ngày họp: {{ ngay_hop }}", "ngay_hop", ""),
        ("Người ký: {{ signer.nam }}", "signer.nam", "name"),
        ("Trên: {{ header.topp }}", "header.topp", "top"),
        ("{% for x in recipients %}{{ x.foo }}{% endfor %}", "x.foo", ""),
        ("{% for line in signer.lines %}{{ line.bold }}{% endfor %}", "line.bold", ""),
        ("{{ signer['ten'] }}", "signer['ten']", ""),
    ],
    ids=["name", "nested", "nested-header", "loop-variable", "nested-loop", "subscript"],
)
def test_unknown_variables_are_refused_with_the_paragraph(check, text, name, hint):
    report = check(tf.append(text))
    (finding,) = only(report, "variable")
    assert f"“{name}”" in finding.message
    assert hint in finding.message
    assert finding.where == text
    assert report.rendered is None


def test_a_loop_variable_names_the_list_it_walks(check):
    (finding,) = only(
        check(tf.append("{% for x in recipients %}{{ x.foo }}{% endfor %}")), "variable"
    )
    assert "recipients" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "{% for x in legal_bases %}{{ x }}{% if loop.last %}.{% endif %}{% endfor %}",
        "{{ signer.lines[0] }} {{ signer.lines | first }} {{ header.top | lower_vn }}",
        "{% set n = recipients | length %}{{ n }} {{ council.upper() }}",
        "{% if term is defined and term %}{{ term }}{% endif %} {{ unit_name }}",
    ],
    ids=["loop", "index-and-filters", "set-and-method", "optional"],
)
def test_what_the_context_provides_is_accepted(check, text):
    report = check(tf.append(text))
    assert not [f for f in report.findings if f.check in {"variable", "syntax", "security"}], (
        report.to_dict()
    )


# --- Python internals
@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__ }}",
        "{{ council.__class__.__mro__ }}",
        "{{ signer | attr('__class__') }}",
        "{{ cycler.__init__.__globals__ }}",
        "{% set ns = namespace(x=1) %}{{ ns.x }}",
        "{{ joiner() }}",
        "{{ self }}",
        "{{ council.format(1) }}",
        "{% include 'other.xml' %}",
        "{% import 'x' as y %}",
        "{{ signer['__dict__'] }}",
        "{{ lipsum() }}",
    ],
)
def test_reaching_for_python_internals_is_refused(check, text):
    report = check(tf.append(text))
    findings = only(report, "security")
    assert "bị cấm" in findings[0].message
    assert report.rendered is None


@pytest.mark.parametrize(
    "text",
    [
        "{{ 10 ** 10 ** 9 }}",
        "{{ 'a' * 1000000000 }}",
        "{{ 'a' * 1000 * 1000 * 1000 }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
        "{% for i in range(year) %}.{% endfor %}",
        "{% set l = [0] %}{% for i in l %}{{ l.append(i) }}{% endfor %}",
    ],
    ids=["power", "big-product", "chained-product", "big-range", "data-range", "growing-list"],
)
def test_what_could_stall_the_server_is_refused_without_being_compiled(check, text):
    report = check(tf.append(text))  # returns at once: nothing is folded or rendered
    (finding,) = only(report, "security")
    assert "treo máy chủ" in finding.message
    assert finding.where == text


@pytest.mark.parametrize("text", ["{{ '-' * 20 }}", "{% for i in range(3) %}{{ i }}{% endfor %}"])
def test_small_arithmetic_is_fine(check, text):
    assert not [f for f in check(tf.append(text)).findings if f.check == "security"]


# --- required data never used: a warning, not an error
def test_dropping_the_signer_name_is_a_warning(check):
    report = check(tf.replace("{{ signer.name }}", "Nguyễn Thu Hường"))
    assert report.ok
    (finding,) = only(report, "unused", WARNING)
    assert "signer.name" in finding.message
    assert report.to_dict()["needs_confirmation"] is True


# --- the test render
def test_a_template_that_fails_on_the_sample_data_is_refused(check):
    report = check(tf.append("{{ year + council }}"))
    (finding,) = only(report, "render")
    assert "Điền thử" in finding.message


# --- Decree 30 on the test render: errors refuse, warnings need confirming
def test_a_template_in_arial_is_refused_by_decree_30(check):
    report = check(tf.set_font_everywhere("Arial"))
    findings = only(report, "decree30")
    assert {f.rule for f in findings} == {"font.family"}
    assert "Times New Roman" in findings[0].message and "Arial" in findings[0].message
    assert findings[0].where == "HĐND HUYỆN LỤC NGẠN"
    assert len(findings) == 1 and re.search(r"\(\d{2,} chỗ\)", findings[0].message)


def test_one_paragraph_in_arial_is_refused_and_named(check):
    (finding,) = only(check(tf.append("Đoạn gõ thêm", font="Arial")), "decree30")
    assert finding.rule == "font.family" and finding.where == "Đoạn gõ thêm"


def test_a_coloured_word_is_a_decree_30_warning(check):
    report = check(tf.recolour("thiết thực"))
    assert report.ok
    (finding,) = only(report, "decree30", WARNING)
    assert finding.rule == "font.color"
    assert finding.where.startswith("- Việc tiếp xúc cử tri của đại biểu HĐND huyện")
    assert report.to_dict()["needs_confirmation"] is True
