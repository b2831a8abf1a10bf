"""The Decree 30/2020 layout checker for any DOCX (DOMAIN.md §3)."""

from docgen.conformity.reader import (
    KINDS,
    RULES,
    Finding,
    Report,
    check_docx,
    format_report,
)

__all__ = ["KINDS", "RULES", "Finding", "Report", "check_docx", "format_report"]
