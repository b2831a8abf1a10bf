"""The Decree 30 checker on its evaluation set: detection of each defect and false alarms.

Correct documents: every fixture and round document rendered by the shipped templates, and
variants of them. One-defect documents: each defect Decree 30 names, made in every correct
document it applies to (tests/checker_set.py). Prints one row per defect and the totals
(`make checker-eval`).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from checker_set import DEFECTS, broken, correct  # noqa: E402

from docgen.conformity import check_docx  # noqa: E402


def main() -> int:
    """Print the table; exit 1 when a defect is missed or a correct document has an error."""
    good = correct()
    alarms, warned = [], []
    for sample in good:
        report = check_docx(sample.docx, sample.kind)
        if report.errors:
            alarms.append((sample.name, sorted({f.rule for f in report.errors})))
        if report.warnings:
            warned.append((sample.name, sorted({f.rule for f in report.warnings})))
    print(f"{'defect':44} {'rule':24} {'docs':>4} {'found':>5} {'other errors (docs)'}")
    total = found = collateral = 0
    for defect in DEFECTS:
        made = broken(defect)
        hits = 0
        others: Counter[str] = Counter()
        for item in made:
            errors = {f.rule for f in check_docx(item.docx, item.source.kind).errors}
            hits += defect.rule in errors
            others.update(errors - {defect.rule})
            collateral += bool(errors - {defect.rule})
        total += len(made)
        found += hits
        other = ", ".join(f"{rule} ({n})" for rule, n in others.most_common()) or "-"
        print(f"{defect.name:44} {defect.rule:24} {len(made):>4} {hits:>5} {other}")
    print()
    print(
        f"one-defect documents: {total}; detected by the intended rule: {found}"
        f" ({found / total:.1%}); with another error besides: {collateral}"
    )
    print(f"correct documents: {len(good)}; with an error (false alarm): {len(alarms)}")
    for name, rules in alarms:
        print(f"  false alarm: {name}: {', '.join(rules)}")
    print(f"correct documents with a warning (not an error): {len(warned)}")
    for name, rules in warned:
        print(f"  warning: {name}: {', '.join(rules)}")
    return 0 if found == total and not alarms else 1


if __name__ == "__main__":
    raise SystemExit(main())
