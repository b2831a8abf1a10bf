"""The checker on its evaluation set: each one-defect document found by its rule, and by it
alone; every correct document passes (tests/checker_set.py builds both)."""

from __future__ import annotations

import pytest
from checker_set import (
    DEFECTS,
    VALID_STACKS,
    Defect,
    broken,
    correct,
    fixture_documents,
    merged_office_documents,
)

from docgen import vn
from docgen.conformity import RULES, check_docx, format_report
from docgen.decree30 import SIGNER_STACKS

CORRECT = correct()


@pytest.mark.parametrize("sample", CORRECT, ids=[s.name for s in CORRECT])
def test_a_correct_document_has_no_error(sample) -> None:
    report = check_docx(sample.docx, sample.kind)
    assert report.ok, format_report(report, "en")
    assert check_docx(sample.docx).kind == sample.kind  # recognised as what it is


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_each_defect_is_found_by_its_rule_alone(defect: Defect) -> None:
    assert defect.rule in RULES
    made = broken(defect, fixture_documents())
    assert made, "the defect applies to no fixture"
    for item in made:
        report = check_docx(item.docx, item.source.kind)
        assert {f.rule for f in report.errors} == {defect.rule}, (
            item.source.name,
            format_report(report, "en"),
        )


def test_the_set_names_each_rule_family_of_issue_11() -> None:
    rules = {d.rule for d in DEFECTS}
    assert {
        "header.issuer_name",
        "signer.authority",
        "header.layout",
        "header.order",
        "wording.case",
    } <= rules
    assert len(DEFECTS) >= 40


def test_the_set_signs_with_every_stack_of_decree_30() -> None:
    """Correct documents signed with each stack the decree allows, and the merged office's
    letters (symbol with «&»), are among the correct documents."""
    stacks = {
        tuple(line.split(" ", 1)[0] for line in lines if line.split(" ", 1)[0] in vn.AUTHORITIES)
        for lines in VALID_STACKS
    }
    assert stacks == set(SIGNER_STACKS)
    names = {s.name for s in CORRECT}
    assert {s.name for s in merged_office_documents()} <= names
    for lines in VALID_STACKS:
        assert any(name.endswith(f"({' / '.join(lines)})") for name in names), lines
    stack_rules = [d for d in DEFECTS if d.rule == "signer.authority"]
    assert {"TUQ. giao lại cho cấp phó ký thay", "TL. dưới TM."} <= {d.name for d in stack_rules}
