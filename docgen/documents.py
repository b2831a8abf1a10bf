"""The registry: document type id → schema, template, context builder, file name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema

from docgen import vn
from docgen.context import plan_context
from docgen.errors import NotFound
from docgen.schemas.plan import PlanSchema


@dataclass(frozen=True)
class DocumentType:
    """One kind of document docgen writes."""

    id: str
    title: str  # Vietnamese name, as a clerk says it
    description: str  # one line on what it is for
    type_name: str  # Decree 30 type name ("Kế hoạch"), "" for a công văn
    schema: type[Schema]
    build_context: Callable[[dict[str, Any]], dict[str, Any]]
    check_kind: str = "typed"  # what the Decree 30 checker expects

    @property
    def template_file(self) -> str:
        """The template's file name in templates_vn/."""
        return f"{self.id}.docx"

    def file_stem(self, data: dict[str, Any]) -> str:
        """A download name a clerk understands: type, number and symbol, date."""
        abbr = vn.type_abbreviation(self.type_name) if self.type_name else ""
        symbol = vn.document_symbol(data["issuer"]["symbol"], type_abbr=abbr)
        number = vn.pad2(data["number"]) if data.get("number") else "du-thao"
        return f"{self.type_name} {number}-{symbol} ngày {data['date'].strftime('%d-%m-%Y')}"


REGISTRY: dict[str, DocumentType] = {
    doc.id: doc
    for doc in (
        DocumentType(
            id="ke_hoach_tiep_xuc",
            title="Kế hoạch tiếp xúc cử tri",
            description="Kế hoạch năm của Thường trực HĐND về tiếp xúc cử tri của đại biểu.",
            type_name="Kế hoạch",
            schema=PlanSchema,
            build_context=plan_context,
        ),
    )
}


def get(type_id: str) -> DocumentType:
    """The document type with this id, or NotFound naming the known ones."""
    try:
        return REGISTRY[type_id]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise NotFound(f"Không có loại văn bản “{type_id}”. Các loại có: {known}.") from None
