"""The checker on its evaluation set: each one-defect document found by its rule, and by it
alone; every correct document passes (tests/checker_set.py builds both)."""

from __future__ import annotations

import pytest
from checker_set import DEFECTS, Defect, broken, correct, fixture_documents

from docgen.conformity import RULES, check_docx, format_report

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
