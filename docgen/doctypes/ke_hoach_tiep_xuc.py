"""The voter-contact plan (ke_hoach_tiep_xuc): its data, what its template prints, its type."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import vn
from docgen.context import common_context
from docgen.doctypes.base import DocumentType
from docgen.schemas.common import Base, DocumentSchema, Text, label, legal_bases_field
from docgen.vocab import LEVELS

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


class TermSchema(Base):
    """The council's term: khóa XIX, nhiệm kỳ 2016 - 2021."""

    ordinal = fields.Integer(
        required=True, validate=validate.Range(min=1, max=50), metadata=label("Khóa (số)")
    )
    start = fields.Integer(
        required=True, validate=validate.Range(min=1946, max=2200), metadata=label("Năm bắt đầu")
    )
    end = fields.Integer(
        required=True, validate=validate.Range(min=1946, max=2200), metadata=label("Năm kết thúc")
    )

    @validates_schema
    def ordered(self, data: dict[str, Any], **_: Any) -> None:
        """A term ends after it starts."""
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise ValidationError("Năm kết thúc phải sau năm bắt đầu.", field_name="end")


class PlanSchema(DocumentSchema):
    """Kế hoạch tiếp xúc cử tri của đại biểu HĐND."""

    year = fields.Integer(
        required=True,
        validate=validate.Range(min=1990, max=2200),
        metadata=label("Năm của kế hoạch"),
    )
    term = fields.Nested(TermSchema, load_default=None, allow_none=True, metadata=label("Nhiệm kỳ"))
    legal_bases = legal_bases_field(required=True)
    sub_units = Text(
        required=True,
        metadata=label(
            "Các đơn vị nơi tiếp xúc",
            "Ví dụ: xã, thị trấn; thôn, tổ dân phố (HĐND xã)",
        ),
    )
    upper_groups = Text(
        load_default=None,
        metadata=label(
            "Các tổ, đoàn đại biểu cấp trên",
            "Để trống thì dùng mặc định theo cấp: Tổ đại biểu HĐND tỉnh, Đoàn đại biểu Quốc hội",
        ),
    )
    upper_contacts = Text(
        load_default=None,
        metadata=label(
            "Cơ quan cấp trên để trao đổi lồng ghép",
            "Để trống thì dùng mặc định theo cấp: HĐND tỉnh, đại biểu Quốc hội",
        ),
    )
    office = Text(
        load_default=None,
        metadata=label(
            "Cơ quan tham mưu, phục vụ",
            "Để trống thì dùng “Văn phòng HĐND và UBND <loại đơn vị>”",
        ),
    )
    schedule_days = fields.Integer(
        load_default=15,
        validate=validate.Range(min=1, max=90),
        metadata=label(
            "Số ngày xây dựng lịch trước kỳ họp", "Chậm nhất bao nhiêu ngày trước khai mạc"
        ),
    )
    report_days = fields.Integer(
        load_default=5,
        validate=validate.Range(min=1, max=60),
        metadata=label("Số ngày báo cáo sau đợt tiếp xúc", "Thời hạn gửi báo cáo tổng hợp"),
    )


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


# What each name of the data means, for the staff guide (docgen/template_guide.py).
GUIDE = {
    "year": "@year",
    "level": "Cấp của HĐND, viết thường (tỉnh, xã)",
    "council": "HĐND và loại đơn vị (HĐND tỉnh, HĐND xã)",
    "unit": "@issuer.unit_kind (viết thường)",
    "unit_name": "@issuer.unit_name",
    "term": "Khóa và nhiệm kỳ (khóa XIX, nhiệm kỳ 2016 - 2021) (có thể trống)",
    "sub_units": "@sub_units",
    "sub_councils": "Đúng khi các đơn vị nơi tiếp xúc có HĐND riêng (mọi cấp trừ cấp xã)",
    "upper_groups": "@upper_groups",
    "upper_contacts": "@upper_contacts",
    "office": "@office",
    "schedule_days": "Số ngày xây dựng lịch, bằng chữ và số (mười lăm (15) ngày)",
    "report_days": "Số ngày gửi báo cáo, bằng chữ và số (năm (05) ngày)",
    "legal_bases": "@legal_bases",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="ke_hoach_tiep_xuc",
    title="Kế hoạch tiếp xúc cử tri",
    description="Kế hoạch năm của Thường trực HĐND về tiếp xúc cử tri của đại biểu.",
    type_name="Kế hoạch",
    schema=PlanSchema,
    build_context=plan_context,
)
