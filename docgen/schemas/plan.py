"""The voter-contact plan (ke_hoach_tiep_xuc): what differs between one plan and the next."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen.schemas.common import Base, DocumentSchema, Text, label


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
    legal_bases = fields.List(
        Text(
            validate=validate.Regexp(
                r"^(?!.*[;.]$)", error="Không ghi dấu câu ở cuối căn cứ; mẫu tự thêm dấu “;”."
            )
        ),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một căn cứ."),
        metadata=label(
            "Căn cứ ban hành", "Mỗi dòng một căn cứ, bắt đầu bằng “Căn cứ” hoặc “Thực hiện”"
        ),
    )
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
