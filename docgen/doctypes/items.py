"""Petition items as routing hands them to the summary report and the forwarding letters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docgen.routing import Item


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
