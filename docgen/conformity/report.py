"""What the checker answers: findings, the report, the rule catalogue, the printed report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]
KINDS = ("auto", "typed", "cong_van", "bien_ban", "giay_moi")


class Problem(NamedTuple):
    """One problem, worded in Vietnamese and English."""

    expected_vi: str
    found_vi: str
    expected_en: str
    found_en: str


class Hit(NamedTuple):
    """One place where a rule is broken, as a rule reports it; the report merges them per rule."""

    rule: str
    severity: Severity
    location: str
    text: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Finding:
    """One rule broken, at one place or more: what was expected and what was found, and where."""

    rule: str
    severity: Severity
    location: str  # the first place
    text: str  # the text at the first place
    expected: str
    found: str
    message_vi: str
    message_en: str
    places: tuple[str, ...] = ()  # every place, in reading order

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready mapping."""
        data = asdict(self)
        data["places"] = list(self.places)
        return data


def _joined(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def merge(hits: list[Hit]) -> tuple[Finding, ...]:
    """One finding per rule and severity, listing every place it is broken, in order of first place."""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.rule, hit.severity), []).append(hit)
    findings = []
    for (rule, _), group in groups.items():
        problems = list(dict.fromkeys(p for hit in group for p in hit.problems))
        places = tuple(dict.fromkeys(hit.location for hit in group))
        expected_vi = _joined([p.expected_vi for p in problems])
        found_vi = _joined([p.found_vi for p in problems])
        expected_en = _joined([p.expected_en for p in problems])
        found_en = _joined([p.found_en for p in problems])
        subject_vi, subject_en = RULES[rule]
        where_vi = f" ({len(places)} chỗ)" if len(places) > 1 else ""
        where_en = f" ({len(places)} places)" if len(places) > 1 else ""
        findings.append(
            Finding(
                rule=rule,
                severity=group[0].severity,
                location=places[0],
                text=group[0].text,
                expected=expected_vi,
                found=found_vi,
                message_vi=f"{subject_vi}: cần {expected_vi}, thấy {found_vi}{where_vi}.",
                message_en=f"{subject_en}: expected {expected_en}, found {found_en}{where_en}.",
                places=places,
            )
        )
    return tuple(findings)


@dataclass(frozen=True)
class Report:
    """Every finding of one check, and the document kind the rules were chosen for."""

    findings: tuple[Finding, ...]
    kind: str

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that break Decree 30."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings worth a look that do not break Decree 30 outright."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------------------------
# Rules and their wording

# Rule id -> (subject in Vietnamese, subject in English); every finding names one of these.
RULES: dict[str, tuple[str, str]] = {
    "page.size": ("Khổ giấy", "Paper size"),
    "page.margins": ("Lề trang", "Page margins"),
    "font.family": ("Phông chữ", "Font"),
    "font.color": ("Màu chữ", "Text colour"),
    "header.table": ("Bảng phần đầu văn bản", "Header table"),
    "header.layout": ("Vị trí các thành phần phần đầu", "Where the header's elements stand"),
    "header.order": ("Thứ tự các thành phần phần đầu", "Order of the header's elements"),
    "header.unexpected": ("Dòng lạ ở phần đầu", "Unexpected line in the header"),
    "header.issuer_name": ("Tên cơ quan ban hành", "Name of the issuing body"),
    "wording.case": ("Chữ viết hoa của từ cố định", "Capitals of a fixed word"),
    "header.national_name": ("Quốc hiệu", "National name"),
    "header.motto.text": ("Tiêu ngữ", "Motto"),
    "header.motto.format": ("Tiêu ngữ", "Motto"),
    "header.motto.line": ("Đường kẻ dưới tiêu ngữ", "Line under the motto"),
    "header.body.format": ("Tên cơ quan", "Issuing (or parent) body"),
    "header.body.line": ("Đường kẻ dưới tên cơ quan ban hành", "Line under the issuing body"),
    "header.number.pattern": ("Số, ký hiệu văn bản", "Number and symbol"),
    "header.number.format": ("Số, ký hiệu văn bản", "Number and symbol"),
    "header.number.symbol": ("Ký hiệu loại văn bản", "Type abbreviation in the symbol"),
    "header.date.pattern": ("Địa danh và thời gian", "Place and date"),
    "header.date.leading_zero": ("Ngày tháng", "Day and month"),
    "header.date.format": ("Địa danh và thời gian", "Place and date"),
    "title.format": ("Tên loại văn bản", "Type name"),
    "title.summary": ("Trích yếu nội dung", "Summary"),
    "title.unexpected": ("Dòng lạ trước tên loại văn bản", "Unexpected line above the type name"),
    "title.line": ("Đường kẻ dưới trích yếu", "Line under the summary"),
    "body.format": ("Đoạn văn nội dung", "Body paragraph"),
    "body.ending": ("Kết thúc nội dung", "End of the body"),
    "body.legal_basis": ("Căn cứ ban hành", "Legal basis"),
    "signer.table": ("Bảng nơi nhận và chữ ký", "Recipients and signer table"),
    "signer.stack": ("Khối chữ ký", "Signer block"),
    "signer.authority": ("Thẩm quyền ký (TM., KT., TL., TUQ., Q.)", "Signing authority"),
    "signer.format": ("Chức vụ, họ tên người ký", "Signer's title or name"),
    "signer.gap": ("Khoảng trống để ký, đóng dấu", "Room for signature and seal"),
    "recipients.heading": ("Chữ «Nơi nhận»", "«Nơi nhận» heading"),
    "recipients.items": ("Nơi nhận", "Recipient item"),
    "page_numbers": ("Số trang", "Page numbers"),
    "bien_ban.signatures": ("Chữ ký biên bản", "Signatures of the minutes"),
    "bien_ban.date": ("Biên bản", "Minutes"),
    "cong_van.vv": ("Trích yếu «V/v»", "«V/v» summary"),
    "cong_van.kinh_gui": ("Công văn", "Official letter"),
    "giay_moi.kinh_gui": ("Giấy mời", "Invitation"),
}

LABELS = {
    "vi": (
        "LỖI",
        "CẢNH BÁO",
        "Đạt: không có lỗi; ",
        "{e} lỗi, {w} cảnh báo (loại văn bản: {k})",
        "tại",
        "… và {n} chỗ khác",
    ),
    "en": (
        "ERROR",
        "WARNING",
        "Passed: no errors; ",
        "{e} error(s), {w} warning(s) (document kind: {k})",
        "at",
        "… and {n} more",
    ),
}


def format_report(report: Report, lang: str = "vi", *, per_rule: int = 20) -> str:
    """The report as readable lines, in Vietnamese ("vi") or English ("en"); per_rule places each."""
    error, warning, passed, summary, at, more = LABELS["en" if lang == "en" else "vi"]
    lines = []
    for f in report.findings:
        label = error if f.severity == "error" else warning
        message = f.message_en if lang == "en" else f.message_vi
        lines.append(f"{label} [{f.rule}] {f.location}: {message}")
        if f.text:
            lines.append(f"    «{f.text}»")
        if len(f.places) > 1:  # a document in the wrong font fails on every paragraph
            shown = ", ".join(f.places[:per_rule])
            rest = len(f.places) - per_rule
            lines.append(f"    {at}: {shown}" + (f" {more.format(n=rest)}" if rest > 0 else ""))
    counts = summary.format(e=len(report.errors), w=len(report.warnings), k=report.kind)
    lines.append((passed if report.ok else "") + counts)
    return "\n".join(lines)
