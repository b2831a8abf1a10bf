"""Petition items as the summary report and the forwarding letter both carry them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docgen import vn
from docgen.context import count
from docgen.routing import Item
from docgen.vocab import PETITION_FIELDS


def field_heading(field: str) -> str:
    """ "Lĩnh vực đất đai", "Lĩnh vực khác"."""
    return f"Lĩnh vực {vn.lower(PETITION_FIELDS[field])}"


def item_line(item: dict[str, Any], with_body: bool = False) -> str:
    """One item as a bullet: its summary, the places that raised it (and who resolves it)."""
    summary = item["summary"].rstrip(" .;")
    places = ", ".join(item["places"])
    tail = f"; cơ quan giải quyết: {item['body']}" if with_body else ""
    return f"- {summary} (cử tri {places}{tail})."


def by_field(items: list[dict[str, Any]], with_body: bool = False) -> list[dict[str, Any]]:
    """Items grouped by field in the fixed order, each group with its heading and count."""
    groups = []
    for field in PETITION_FIELDS:
        chosen = [i for i in items if i["field"] == field]
        if chosen:
            groups.append(
                {
                    "heading": field_heading(field),
                    "count": count(len(chosen)),
                    "lines": [item_line(i, with_body) for i in chosen],
                    "items": chosen,
                }
            )
    return groups


def attachment_ref(type_name: str, context: dict[str, Any], council: str) -> str:
    """ "(Kèm theo Báo cáo số 125/BC-HĐND ngày 07/12/2026 của Thường trực HĐND xã)"."""
    number = context["number_line"].removeprefix("Số:").strip()
    return (
        f"(Kèm theo {type_name} số {number} ngày {context['short_date']} của Thường trực {council})"
    )


def item_data(item: Item, places: Mapping[str, str]) -> dict[str, Any]:
    """A routed item as the report's and the letters' schemas take it."""
    return {
        "summary": item.summary,
        "places": [places[name] for name in item.places],
        "field": item.field,
        "level": item.level,
        "body": item.body,
        "petitions": list(item.petition_ids),
    }
