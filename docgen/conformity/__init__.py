"""The Decree 30/2020 layout checker for any DOCX (DOMAIN.md §3).

The package reads a DOCX (`package`, `ooxml`, `reader`), runs the rules of each region of the
document (`page`, `fonts`, `header`, `body`, `signer`, located by `layout`) and answers a report
(`report`, worded by `texts`); `check.check_docx` ties them together.
"""

from docgen.conformity.check import check_docx
from docgen.conformity.report import KINDS, RULES, Finding, Report, format_report

__all__ = ["KINDS", "RULES", "Finding", "Report", "check_docx", "format_report"]
