"""What the template checks found: findings a staff member can act on, and their report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Finding:
    """One result of a check, in words a staff member can act on."""

    check: str  # package, macro, external, syntax, security, variable, unused, render, decree30, preview
    severity: str  # error, warning, info
    message: str  # Vietnamese
    where: str = ""  # the paragraph's text, or the part
    rule: str = ""  # the Decree 30 rule id, for decree30 findings

    def to_dict(self) -> dict[str, str]:
        """The JSON form."""
        return {k: v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CheckReport:
    """Every finding about one uploaded template, and what the test render produced."""

    type_id: str
    sha256: str
    findings: tuple[Finding, ...]
    rendered: bytes | None = field(default=None, repr=False)
    preview: bytes | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Finding]:
        """Findings that refuse the template."""
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that need the staff member's confirmation."""
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        """No error: the template may become active (after confirmation if there are warnings)."""
        return not self.errors

    def summary(self) -> str:
        """One line in Vietnamese."""
        if self.errors:
            return f"Mẫu bị từ chối: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo."
        if self.warnings:
            return f"Mẫu dùng được, nhưng có {len(self.warnings)} cảnh báo cần xác nhận."
        return "Mẫu đạt mọi kiểm tra."

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (without the rendered files)."""
        return {
            "type_id": self.type_id,
            "sha256": self.sha256,
            "ok": self.ok,
            "needs_confirmation": self.ok and bool(self.warnings),
            "summary": self.summary(),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "has_preview": self.preview is not None,
            "findings": [f.to_dict() for f in self.findings],
        }

    def by_check(self, severity: str) -> dict[str, list[str]]:
        """Messages of one severity grouped by check, for the error shape's `fields`."""
        out: dict[str, list[str]] = {}
        for f in self.findings:
            if f.severity == severity:
                text = f"{f.message} (tại: “{f.where}”)" if f.where else f.message
                out.setdefault(f.check, []).append(text)
        return out
