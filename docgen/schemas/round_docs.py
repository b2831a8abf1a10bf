"""Schema parts the documents of a voter-contact round share.

Each round document's own schema lives in its module under docgen/doctypes/. A clerk can post
any of them on its own (`POST /api/v1/documents/<id>`); round generation builds the same
dictionaries from a whole round (`RoundSchema`) after routing.

`PetitionItemSchema` is one petition item after routing (the same matter raised in several
places merged into one, naming every place); `RoundRefMixin` names the session.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import report_layout
from docgen.schemas.common import Base, Text, label
from docgen.schemas.round import SessionSchema, choice, field_key, petition_fields_field
from docgen.vocab import COMPETENCE_LEVELS, LEVEL_RANK, TIMINGS, field_table


class PetitionItemSchema(Base):
    """One petition item after routing: a summary, every place that raised it, who resolves it.

    Round generation makes one item per distinct matter (petitions sharing a `matter` key are
    merged); `petitions` keeps the ids of the round's petitions it stands for (for the manifest).
    """

    summary = Text(required=True, metadata=label("Nội dung tóm tắt", "Câu ghi vào văn bản"))
    places = fields.List(
        Text(),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một nơi nêu ý kiến."),
        metadata=label(
            "Nơi cử tri nêu",
            "Loại và tên đơn vị, mỗi nơi một dòng, ví dụ: xã Biên Sơn, thị trấn Chũ",
        ),
    )
    field = field_key()
    level = choice(COMPETENCE_LEVELS, "Cấp có thẩm quyền giải quyết", required=True)
    body = Text(
        required=True,
        metadata=label(
            "Cơ quan có thẩm quyền", "Ví dụ: UBND xã Biên Sơn, Sở Xây dựng tỉnh Bắc Ninh"
        ),
    )
    petitions = fields.List(
        Text(),
        load_default=list,
        metadata=label("Mã các ý kiến gốc", "Mã ý kiến trong dữ liệu đợt tiếp xúc (không in ra)"),
    )
    opinions = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata=label(
            "Số lượt ý kiến",
            "Số lần nội dung này được nêu (ở mọi hội nghị); để trống thì bằng số mã ý kiến gốc, "
            "hoặc 1",
        ),
    )


def item_opinions(item: dict[str, Any]) -> int:
    """How many times an item was raised: as given, else its petitions, else once."""
    return int(item.get("opinions") or len(item.get("petitions") or ()) or 1)


class FieldListMixin(Base):
    """A document's items classified by the council's own list of fields (or the default)."""

    petition_fields = petition_fields_field()

    @validates_schema(skip_on_field_errors=False)
    def fields_known(self, data: dict[str, Any], **_: Any) -> None:
        """Every item's field is in the list; the list names each field once."""
        errors: dict[str, Any] = {}
        given = data.get("petition_fields")
        if given and (problems := report_layout.list_errors(given)):
            errors["petition_fields"] = problems
        items = data.get("items")
        if items and (wrong := report_layout.field_errors(items, field_table(given))):
            errors["items"] = wrong
        if errors:
            raise ValidationError(errors)


class RoundRefMixin(Base):
    """The session a round document refers to, and whether the round is before or after it."""

    session = fields.Nested(SessionSchema, required=True, metadata=label("Kỳ họp"))
    timing = choice(TIMINGS, "Tiếp xúc trước hay sau kỳ họp", required=True)


def level_errors(items: list[dict[str, Any]], council_level: str) -> dict[int, Any]:
    """Items whose competence lies below the council's level, by index."""
    rank = LEVEL_RANK[council_level]
    return {
        i: {"level": ["Thuộc thẩm quyền cấp dưới: chuyển cho đơn vị đó, không đưa vào đây."]}
        for i, item in enumerate(items)
        if LEVEL_RANK[item["level"]] > rank
    }


__all__ = [
    "FieldListMixin",
    "PetitionItemSchema",
    "RoundRefMixin",
    "item_opinions",
    "level_errors",
]
