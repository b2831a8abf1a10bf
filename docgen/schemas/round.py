"""A round of voter contact (đợt tiếp xúc cử tri): session, groups, sub-units, meetings, petitions.

These are the entities every round document draws on. The per-document schemas (schedule
notice, minutes, summary report, forwarding letter) reuse them; the round schema holds them all.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen.schemas.common import (
    Base,
    DocumentSchema,
    IssuerSchema,
    SignerSchema,
    Text,
    label,
    period_errors,
    recipient_line,
)
from docgen.vocab import COMPETENCE_LEVELS, PETITION_FIELDS, TIMINGS


def choice(mapping: dict[str, str], vi: str, help_vi: str = "", **kwargs: Any) -> fields.String:
    """A string field restricted to the keys of mapping, with their Vietnamese labels."""
    return fields.String(
        validate=validate.OneOf(list(mapping)),
        metadata=label(vi, help_vi, enum_labels=dict(mapping)),
        **kwargs,
    )


class SessionSchema(Base):
    """The council session the round precedes or follows."""

    ordinal = fields.Integer(
        required=True, validate=validate.Range(min=1, max=99), metadata=label("Kỳ họp thứ")
    )
    term_ordinal = fields.Integer(
        required=True, validate=validate.Range(min=1, max=50), metadata=label("Khóa (số)")
    )
    term_start = fields.Integer(
        required=True,
        validate=validate.Range(min=1946, max=2200),
        metadata=label("Nhiệm kỳ từ năm"),
    )
    term_end = fields.Integer(
        required=True,
        validate=validate.Range(min=1946, max=2200),
        metadata=label("Nhiệm kỳ đến năm"),
    )
    opens = fields.Date(required=True, metadata=label("Ngày khai mạc kỳ họp", format="date"))
    name = Text(
        load_default=None,
        metadata=label("Tên kỳ họp", "Ví dụ: kỳ họp thường lệ cuối năm 2021 (không bắt buộc)"),
    )


class DeputySchema(Base):
    """A deputy of a group."""

    name = Text(required=True, metadata=label("Họ và tên đại biểu"))
    role = Text(
        load_default=None, metadata=label("Chức vụ, nơi công tác", "Ví dụ: Phó Chủ tịch UBND xã")
    )
    leader = fields.Boolean(load_default=False, metadata=label("Tổ trưởng"))


class GroupSchema(Base):
    """A delegate group (Tổ đại biểu số …) and its electoral area."""

    number = fields.Integer(
        required=True, validate=validate.Range(min=1, max=999), metadata=label("Tổ đại biểu số")
    )
    area = Text(
        required=True,
        metadata=label("Đơn vị bầu cử", "Ví dụ: Đơn vị bầu cử số 1 gồm các xã Biên Sơn, Biên Động"),
    )
    deputies = fields.List(
        fields.Nested(DeputySchema),
        required=True,
        validate=validate.Length(min=1, error="Tổ cần ít nhất một đại biểu."),
        metadata=label("Các đại biểu trong tổ"),
    )


class SubUnitSchema(Base):
    """A place where voters are met: a commune (district council) or thôn/tổ dân phố (commune)."""

    name = Text(required=True, metadata=label("Tên đơn vị", "Ví dụ: Biên Sơn"))
    kind = Text(
        required=True, metadata=label("Loại đơn vị", "Ví dụ: xã, thị trấn, thôn, tổ dân phố")
    )
    group = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=999),
        metadata=label("Tổ đại biểu ứng cử tại đây", "Số của Tổ đại biểu"),
    )


class MeetingSchema(Base):
    """One meeting with the voters of a sub-unit."""

    id = Text(required=True, metadata=label("Mã hội nghị", "Mã ngắn, dùng để gắn ý kiến cử tri"))
    group = fields.Integer(required=True, metadata=label("Tổ đại biểu số"))
    sub_unit = Text(
        required=True, metadata=label("Cử tri của đơn vị", "Tên đơn vị, ví dụ Biên Sơn")
    )
    venue = Text(required=True, metadata=label("Địa điểm", "Ví dụ: Hội trường UBND xã Biên Sơn"))
    start = fields.DateTime(
        required=True, format="iso", metadata=label("Bắt đầu", format="date-time")
    )
    end = fields.DateTime(
        required=True, format="iso", metadata=label("Kết thúc", format="date-time")
    )
    chair = Text(required=True, metadata=label("Chủ tọa", "Thường là đại diện Ủy ban MTTQ"))
    chair_title = Text(load_default=None, metadata=label("Chức vụ chủ tọa"))
    secretary = Text(required=True, metadata=label("Thư ký"))
    voters = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=100000),
        metadata=label("Số cử tri tham dự"),
    )
    deputies_present = fields.List(
        Text(), load_default=list, metadata=label("Đại biểu dự", "Họ tên các đại biểu có mặt")
    )
    invited = fields.List(
        Text(), load_default=list, metadata=label("Khách mời", "Đại diện các cơ quan được mời")
    )

    @validates_schema
    def ends_after_start(self, data: dict[str, Any], **_: Any) -> None:
        """A meeting ends after it starts, on the same day."""
        start, end = data.get("start"), data.get("end")
        if start and end and (end <= start or end.date() != start.date()):
            raise ValidationError("Phải sau giờ bắt đầu, trong cùng ngày.", field_name="end")


class VoterSchema(Base):
    """A voter who raised a petition, and where they live."""

    name = Text(required=True, metadata=label("Họ tên cử tri"))
    address = Text(load_default=None, metadata=label("Nơi ở", "Ví dụ: thôn Ao Sen, xã Biên Sơn"))


class PetitionSchema(Base):
    """One opinion or petition (ý kiến, kiến nghị) raised at a meeting."""

    id = Text(required=True, metadata=label("Mã ý kiến"))
    meeting = Text(required=True, metadata=label("Mã hội nghị nơi nêu ý kiến"))
    voters = fields.List(
        fields.Nested(VoterSchema),
        required=True,
        validate=validate.Length(min=1, error="Cần tên cử tri nêu ý kiến (để ghi biên bản)."),
        metadata=label("Cử tri nêu ý kiến"),
    )
    content = Text(required=True, metadata=label("Nội dung cử tri nêu"))
    summary = Text(required=True, metadata=label("Nội dung tóm tắt", "Câu ghi vào báo cáo"))
    field = choice(PETITION_FIELDS, "Lĩnh vực", required=True)
    level = choice(COMPETENCE_LEVELS, "Cấp có thẩm quyền giải quyết", required=True)
    body = Text(
        required=True,
        metadata=label("Cơ quan có thẩm quyền", "Ví dụ: Sở Giao thông vận tải, UBND xã Biên Sơn"),
    )
    matter = Text(
        load_default=None,
        metadata=label("Mã vấn đề chung", "Cùng mã = cùng một vấn đề nêu ở nhiều nơi"),
    )
    answer = Text(load_default=None, metadata=label("Đã trả lời tại hội nghị", "Nếu có"))


class RoundDocumentSchema(Base):
    """Number, date, signer and recipients of one document of the round."""

    number = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=99999),
        metadata=label("Số văn bản", "Để trống khi là dự thảo"),
    )
    date = fields.Date(required=True, metadata=label("Ngày ban hành", format="date"))
    signer = fields.Nested(SignerSchema, required=True, metadata=label("Người ký"))
    recipients = fields.List(
        recipient_line(),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một nơi nhận."),
        metadata=label(
            "Nơi nhận",
            "Mỗi dòng một nơi nhận; không ghi “Lưu: VT” ở đây (ghi ở ô Lưu)",
        ),
    )
    archive = Text(load_default="VT", metadata=label("Lưu"))


class RoundSchema(Base):
    """Everything one round of voter contact produces its documents from."""

    issuer = fields.Nested(IssuerSchema, required=True, metadata=label("Cơ quan ban hành"))
    session = fields.Nested(SessionSchema, required=True, metadata=label("Kỳ họp"))
    timing = choice(TIMINGS, "Tiếp xúc trước hay sau kỳ họp", required=True)
    start_date = fields.Date(required=True, metadata=label("Đợt tiếp xúc từ ngày", format="date"))
    end_date = fields.Date(required=True, metadata=label("Đến ngày", format="date"))
    groups = fields.List(
        fields.Nested(GroupSchema), required=True, metadata=label("Các Tổ đại biểu")
    )
    sub_units = fields.List(
        fields.Nested(SubUnitSchema), required=True, metadata=label("Các đơn vị nơi tiếp xúc")
    )
    meetings = fields.List(
        fields.Nested(MeetingSchema), load_default=list, metadata=label("Các hội nghị")
    )
    petitions = fields.List(
        fields.Nested(PetitionSchema),
        load_default=list,
        metadata=label("Ý kiến, kiến nghị của cử tri"),
    )
    schedule = fields.Nested(
        RoundDocumentSchema, load_default=None, allow_none=True, metadata=label("Thông báo lịch")
    )
    report = fields.Nested(RoundDocumentSchema, required=True, metadata=label("Báo cáo tổng hợp"))
    letters = fields.Nested(
        RoundDocumentSchema,
        required=True,
        metadata=label(
            "Công văn chuyển ý kiến",
            "Số của công văn đầu tiên; các công văn sau (mỗi nơi nhận một công văn) lấy số tiếp theo",
        ),
    )
    letter_unit = Text(
        load_default="VP", metadata=label("Đơn vị soạn công văn", "Trong ký hiệu HĐND-VP")
    )
    plan = Text(
        load_default=None,
        metadata=label(
            "Văn bản thực hiện",
            "Ví dụ: Kế hoạch số 01/KH-HĐND ngày 06/01/2021 của Thường trực HĐND huyện",
        ),
    )
    reply_by = fields.Date(
        load_default=None,
        allow_none=True,
        metadata=label(
            "Cơ quan trả lời trước ngày",
            "Ghi trong công văn chuyển; để trống thì là 30 ngày sau ngày công văn",
            format="date",
        ),
    )
    schedule_days = fields.Integer(
        load_default=15,
        validate=validate.Range(min=1, max=90),
        metadata=label("Lịch thông báo trước kỳ họp ít nhất (ngày)", "Theo kế hoạch, thường 15"),
    )
    report_days = fields.Integer(
        load_default=5,
        validate=validate.Range(min=1, max=90),
        metadata=label("Hạn báo cáo sau hội nghị cuối (ngày)", "Theo kế hoạch, thường 5"),
    )

    @validates_schema
    def references_resolve(self, data: dict[str, Any], **_: Any) -> None:
        """Meetings name known groups and sub-units; petitions name known meetings; ids unique."""
        errors: dict[str, Any] = {}
        errors.update(period_errors(data))
        members = {g["number"]: {d["name"] for d in g["deputies"]} for g in data.get("groups", [])}
        groups = set(members)
        units = {u["name"] for u in data.get("sub_units", [])}
        for i, unit in enumerate(data.get("sub_units", [])):
            if unit["group"] not in groups:
                errors.setdefault("sub_units", {}).setdefault(i, {})["group"] = [
                    f"Không có Tổ đại biểu số {unit['group']}."
                ]
        meeting_ids: set[str] = set()
        for i, meeting in enumerate(data.get("meetings", [])):
            problems = {}
            if meeting["id"] in meeting_ids:
                problems["id"] = ["Mã hội nghị bị trùng."]
            meeting_ids.add(meeting["id"])
            if meeting["group"] not in groups:
                problems["group"] = [f"Không có Tổ đại biểu số {meeting['group']}."]
            strangers = [
                n
                for n in meeting["deputies_present"]
                if n not in members.get(meeting["group"], {n})
            ]
            if strangers:
                problems["deputies_present"] = [
                    f"Không thuộc Tổ đại biểu số {meeting['group']}: {', '.join(strangers)}."
                ]
            if meeting["sub_unit"] not in units:
                problems["sub_unit"] = [f"Không có đơn vị “{meeting['sub_unit']}” trong danh sách."]
            if problems:
                errors.setdefault("meetings", {})[i] = problems
        petition_ids: set[str] = set()
        for i, petition in enumerate(data.get("petitions", [])):
            problems = {}
            if petition["id"] in petition_ids:
                problems["id"] = ["Mã ý kiến bị trùng."]
            petition_ids.add(petition["id"])
            if petition["meeting"] not in meeting_ids:
                problems["meeting"] = [f"Không có hội nghị mã “{petition['meeting']}”."]
            if problems:
                errors.setdefault("petitions", {})[i] = problems
        if errors:
            raise ValidationError(errors)


__all__ = [
    "DocumentSchema",
    "GroupSchema",
    "MeetingSchema",
    "PetitionSchema",
    "RoundSchema",
    "SessionSchema",
    "SubUnitSchema",
]
