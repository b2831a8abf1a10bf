"""Render contexts: validated data → the strings a template prints, written by the vn rules."""

from __future__ import annotations

from typing import Any

from docgen import vn
from docgen.schemas.common import LEVELS

# What the body of a plan says about the bodies above the council, by its level.
UPPER_GROUPS = {
    "tinh": "Đoàn đại biểu Quốc hội",
    "huyen": "Tổ đại biểu HĐND tỉnh, Đoàn đại biểu Quốc hội",
    "xa": "Tổ đại biểu HĐND tỉnh, Đoàn đại biểu Quốc hội",
}
UPPER_CONTACTS = {
    "tinh": "đại biểu Quốc hội",
    "huyen": "HĐND tỉnh, đại biểu Quốc hội",
    "xa": "HĐND tỉnh, đại biểu Quốc hội",
}


def header_top(issuer: dict[str, Any]) -> str:
    """The upper header line: given, or ``HĐND <KIND> <NAME>`` in capitals."""
    top = issuer.get("header_top") or f"HĐND {issuer['unit_kind']} {issuer['unit_name']}"
    return vn.upper(top)


def signer_context(signer: dict[str, Any]) -> dict[str, Any]:
    """The signer block: authority and title lines in capitals, then the name."""
    lines = vn.signer_lines(
        signer["title"],
        collective=signer.get("collective"),
        authority=signer.get("authority") or None,
        head_title=signer.get("head_title"),
    )
    return {"lines": lines, "name": signer["name"]}


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """``- item;`` for each recipient, then ``- Lưu: VT.``."""
    return [f"- {item};" for item in recipients] + [f"- Lưu: {archive}."]


def common_context(data: dict[str, Any], type_abbr: str) -> dict[str, Any]:
    """Header, number, date line, signer and recipients of a typed document."""
    issuer = data["issuer"]
    symbol = vn.document_symbol(issuer["symbol"], type_abbr=type_abbr)
    place = issuer.get("place") or issuer["unit_name"]
    return {
        "header": {"top": header_top(issuer), "name": vn.upper(issuer["header_name"])},
        "number_line": vn.number_line(data.get("number"), symbol),
        "date_line": vn.date_line(place, data["date"]),
        "signer": signer_context(data["signer"]),
        "recipients": recipient_lines(data["recipients"], data["archive"]),
    }


def plan_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the plan template prints."""
    issuer = data["issuer"]
    level = issuer["level"]
    unit = vn.lower(issuer["unit_kind"])
    context = common_context(data, "KH")
    term = data.get("term")
    context.update(
        {
            "year": data["year"],
            "level": LEVELS[level],
            "council": f"HĐND {unit}",
            "unit": unit,
            "unit_name": issuer["unit_name"],
            "term": (
                f"khóa {vn.roman(term['ordinal'])}, nhiệm kỳ {vn.term_years(term['start'], term['end'])}"
                if term
                else ""
            ),
            "sub_units": data["sub_units"],
            # A commune's thôn and tổ dân phố have no council of their own.
            "sub_councils": level != "xa",
            "upper_groups": data.get("upper_groups") or UPPER_GROUPS[level],
            "upper_contacts": data.get("upper_contacts") or UPPER_CONTACTS[level],
            "office": data.get("office") or f"Văn phòng HĐND và UBND {unit}",
            "schedule_days": vn.words_with_digits(data["schedule_days"], "ngày"),
            "report_days": vn.words_with_digits(data["report_days"], "ngày"),
            "legal_bases": list(data["legal_bases"]),
        }
    )
    return context
