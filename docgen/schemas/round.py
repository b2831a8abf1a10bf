"""A round of voter contact (đợt tiếp xúc cử tri): session, groups, sub-units, meetings, petitions.

These are the entities every round document draws on. The per-document schemas (schedule
notice, minutes, summary report, forwarding letter) reuse them; the round schema holds them all.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import bodies, report_layout, round_dates
from docgen.schemas.common import (
    Base,
    DocumentSchema,
    IssuerSchema,
    SignerSchema,
    Text,
    label,
    legal_bases_field,
    notes_field,
    period_errors,
    recipient_line,
)
from docgen.vocab import (
    COMPETENCE_LEVELS,
    COUNT_UNITS,
    PETITION_FIELDS,
    REPORT_DETAILS,
    TIMINGS,
    field_table,
)


def choice(mapping: dict[str, str], vi: str, help_vi: str = "", **kwargs: Any) -> fields.String:
    """A string field restricted to the keys of mapping, with their Vietnamese labels."""
    return fields.String(
        validate=validate.OneOf(list(mapping)),
        metadata=label(vi, help_vi, enum_labels=dict(mapping)),
        **kwargs,
    )


def field_key() -> fields.String:
    """A petition's field: a key of the council's list of fields (by default the twelve)."""
    return fields.String(
        required=True,
        validate=validate.Regexp(
            r"^[a-z0-9_]+$", error="Mã lĩnh vực: chữ thường không dấu, số, _."
        ),
        metadata=label(
            "Lĩnh vực",
            "Mã một lĩnh vực trong danh sách lĩnh vực của hội đồng (mặc định: "
            + ", ".join(PETITION_FIELDS)
            + ")",
            enum_labels=dict(PETITION_FIELDS),
            open_choices=True,
        ),
    )


class PetitionFieldSchema(Base):
    """One field (lĩnh vực) of a council's own list, e.g. one of its committees' areas."""

    key = fields.String(
        required=True,
        validate=validate.Regexp(r"^[a-z0-9_]+$", error="Chữ thường không dấu, số và dấu _."),
        metadata=label("Mã lĩnh vực", "Ví dụ: kinh_te_ngan_sach"),
    )
    label = Text(required=True, metadata=label("Tên lĩnh vực", "Ví dụ: Kinh tế - ngân sách"))


def petition_fields_field() -> fields.List:
    """A council's own list of fields, in the order its report presents them (optional)."""
    return fields.List(
        fields.Nested(PetitionFieldSchema),
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, error="Cần ít nhất một lĩnh vực."),
        metadata=label(
            "Danh sách lĩnh vực của hội đồng",
            "Theo thứ tự trình bày trong báo cáo, ví dụ theo các Ban: kinh tế - ngân sách, "
            "pháp chế, văn hóa - xã hội, dân tộc; để trống thì theo hồ sơ hội đồng đã lưu, "
            "rồi theo 12 lĩnh vực mặc định",
        ),
    )


class ReportStyleMixin(Base):
    """How a council lays out its summary report: section order, details, what counts count."""

    section_order = fields.List(
        fields.String(validate=validate.OneOf(list(COMPETENCE_LEVELS))),
        load_default=None,
        allow_none=True,
        metadata=label(
            "Thứ tự các mục theo cấp giải quyết",
            "Ví dụ: trung_uong, tinh, xa; để trống thì cấp của hội đồng trước, rồi các cấp "
            "trên từ gần đến xa",
            enum_labels=dict(COMPETENCE_LEVELS),
        ),
    )
    details = choice(
        REPORT_DETAILS,
        "Cách nêu từng nội dung",
        "Để trống thì nêu trong báo cáo và trong phụ lục",
        load_default=None,
        allow_none=True,
    )
    count_by = choice(
        COUNT_UNITS,
        "Cách đếm",
        "Lượt ý kiến: một vấn đề nêu ở nhiều hội nghị được đếm mỗi lần nêu; để trống thì đếm "
        "nội dung",
        load_default=None,
        allow_none=True,
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


class MeetingAnswerSchema(Base):
    """A general answer given at the meeting by a deputy or an official."""

    speaker = Text(required=True, metadata=label("Người trả lời", "Họ tên"))
    title = Text(load_default=None, metadata=label("Chức vụ người trả lời"))
    content = Text(required=True, metadata=label("Nội dung trả lời, giải trình"))


class MeetingSchema(Base):
    """One meeting with the voters of a sub-unit (or, jointly, of several)."""

    id = Text(required=True, metadata=label("Mã hội nghị", "Mã ngắn, dùng để gắn ý kiến cử tri"))
    group = fields.Integer(required=True, metadata=label("Tổ đại biểu số"))
    sub_unit = Text(
        required=True, metadata=label("Cử tri của đơn vị", "Tên đơn vị, ví dụ Biên Sơn")
    )
    joint_sub_units = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Cùng tiếp xúc cử tri các đơn vị",
            "Hội nghị chung: tên các đơn vị khác có cử tri dự, ví dụ Khả (mỗi đơn vị một dòng)",
        ),
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
    answers = fields.List(
        fields.Nested(MeetingAnswerSchema),
        load_default=list,
        metadata=label(
            "Trả lời, giải trình chung tại hội nghị", "Ghi vào mục trả lời của biên bản"
        ),
    )
    minutes_issuer = fields.Nested(
        IssuerSchema,
        load_default=None,
        allow_none=True,
        metadata=label(
            "Cơ quan lập biên bản",
            "Để trống thì dùng cơ quan lập biên bản của đợt (mặc định Ủy ban MTTQ nơi tiếp xúc)",
        ),
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
    field = field_key()
    level = choice(COMPETENCE_LEVELS, "Cấp có thẩm quyền giải quyết", required=True)
    body = Text(
        required=True,
        metadata=label("Cơ quan có thẩm quyền", "Ví dụ: Sở Giao thông vận tải, UBND xã Biên Sơn"),
    )
    matter = Text(
        load_default=None,
        metadata=label("Mã vấn đề chung", "Cùng mã = cùng một vấn đề nêu ở nhiều nơi"),
    )
    sub_unit = Text(
        load_default=None,
        metadata=label(
            "Cử tri thuộc đơn vị",
            "Ở hội nghị chung: đơn vị của cử tri nêu ý kiến; để trống thì là đơn vị chủ trì",
        ),
    )
    answer = Text(load_default=None, metadata=label("Đã trả lời tại hội nghị", "Nếu có"))
    answered_by = Text(
        load_default=None,
        metadata=label("Người trả lời tại hội nghị", "Ví dụ: ông Lý Văn A, Chủ tịch UBND xã"),
    )
    resolved_at_meeting = fields.Boolean(
        load_default=False,
        metadata=label(
            "Đã giải quyết xong tại hội nghị",
            "Cử tri không còn kiến nghị sau khi được trả lời: ghi biên bản, không chuyển đi",
        ),
    )

    @validates_schema
    def resolved_needs_answer(self, data: dict[str, Any], **_: Any) -> None:
        """A petition settled at the meeting carries the answer that settled it."""
        if data.get("resolved_at_meeting") and not data.get("answer"):
            raise ValidationError(
                "Ý kiến đã giải quyết xong tại hội nghị cần nội dung trả lời.", field_name="answer"
            )


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


class LetterWordingMixin(Base):
    """What a forwarding letter may add around its items, typed alone or for a whole round."""

    item_bodies = fields.Boolean(
        load_default=True,
        metadata=label(
            "Ghi cơ quan có thẩm quyền ở từng nội dung",
            "Bỏ chọn khi mọi nội dung thuộc thẩm quyền của chính nơi nhận công văn",
        ),
    )
    notes = notes_field("In sau danh sách kèm theo")


class RoundLettersSchema(LetterWordingMixin, RoundDocumentSchema):
    """The round's forwarding letters: the first number, date, signer, recipients, and what every
    letter of the round cites and adds (legal bases, notes, the competent body per item)."""

    legal_bases = legal_bases_field()


class RoundReportSchema(ReportStyleMixin, RoundDocumentSchema):
    """The round's summary report: number, date, signer, recipients, and its own structures."""

    legal_bases = legal_bases_field()
    notes = notes_field("In dưới bảng phụ lục")


# How the schedule notice sets out its meetings: a table, or one numbered entry per meeting.
SCHEDULE_LAYOUTS = {"bang": "Bảng", "liet_ke": "Liệt kê từng buổi (đoạn văn)"}


class ScheduleWordingMixin(Base):
    """What a schedule notice may add around its meetings: contents, layout, places, requests."""

    places = Text(
        load_default=None,
        metadata=label(
            "Nơi tiếp xúc ghi ở trích yếu",
            "Ví dụ: các đơn vị bầu cử trên địa bàn xã Kon Đào; để trống thì trích yếu không ghi",
        ),
    )
    layout = choice(
        SCHEDULE_LAYOUTS,
        "Cách trình bày lịch",
        "Bảng, hoặc mỗi buổi một mục (Tổ, đại biểu; Thời gian; Địa điểm)",
        load_default="bang",
    )
    contents = fields.List(
        Text(validate=validate.Regexp(r"^(?!-)", error="Không ghi gạch đầu dòng; mẫu tự thêm.")),
        load_default=list,
        metadata=label(
            "Nội dung tiếp xúc cử tri",
            "Mỗi dòng một nội dung, ghi cả dấu câu cuối dòng; để trống thì thông báo "
            "không có phần nội dung",
        ),
    )
    requests = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Đề nghị phối hợp",
            "Mỗi đoạn một đề nghị; để trống thì dùng đoạn mặc định theo cấp hội đồng",
        ),
    )


class ScheduleSectionSchema(ScheduleWordingMixin, RoundDocumentSchema):
    """The round's schedule notice: number, date, signer, recipients, and its own wording data."""

    legal_bases = legal_bases_field()


class ChannelsSchema(Base):
    """To whom the council sends the petitions of each level (the competent body stays printed).

    Empty levels keep their default: a commune council sends its own items to its UBND and the
    rest to the province's Thường trực HĐND; a provincial council sends its own items to the UBND
    of the province and central ones to the province's National Assembly delegation.
    """

    trung_uong = Text(
        metadata=label(
            "Gửi ý kiến thuộc thẩm quyền Trung ương đến",
            "Ví dụ: Thường trực HĐND tỉnh Bắc Ninh, Đoàn đại biểu Quốc hội tỉnh Bắc Ninh",
        )
    )
    tinh = Text(
        metadata=label(
            "Gửi ý kiến thuộc thẩm quyền cấp tỉnh đến",
            "Ví dụ: Thường trực HĐND tỉnh Bắc Ninh hoặc UBND tỉnh Bắc Ninh",
        )
    )
    huyen = Text(
        metadata=label(
            "Gửi ý kiến thuộc thẩm quyền cấp huyện đến", "Chỉ cho văn bản trước 01/7/2025"
        )
    )
    xa = Text(metadata=label("Gửi ý kiến thuộc thẩm quyền cấp xã đến", "Ví dụ: UBND xã Biên Sơn"))
    direct = fields.List(
        fields.String(validate=validate.OneOf(list(COMPETENCE_LEVELS))),
        load_default=list,
        metadata=label(
            "Cấp gửi thẳng cơ quan có thẩm quyền",
            "Ý kiến của các cấp này gửi thẳng cơ quan giải quyết ghi ở từng ý kiến, ví dụ xa",
            enum_labels=dict(COMPETENCE_LEVELS),
        ),
    )


class LetterOverrideSchema(Base):
    """What one forwarding letter does differently from the round's `letters`: given, it wins."""

    to = Text(
        required=True,
        metadata=label(
            "Công văn gửi",
            "Nơi nhận như đợt tiếp xúc tìm ra, ví dụ UBND phường Kinh Bắc hoặc "
            "Thường trực HĐND và UBND xã Biên Sơn (viết đầy đủ hay tắt đều được)",
        ),
    )
    number = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=99999),
        metadata=label("Số công văn", "Để trống thì lấy số tiếp theo"),
    )
    date = fields.Date(metadata=label("Ngày ban hành", format="date"))
    signer = fields.Nested(SignerSchema, metadata=label("Người ký"))
    recipients = fields.List(
        recipient_line(),
        metadata=label(
            "Nơi nhận của công văn này", "Để trống thì dùng nơi nhận chung của các công văn"
        ),
    )
    archive = Text(metadata=label("Lưu"))
    reply_by = fields.Date(metadata=label("Trả lời trước ngày", format="date"))
    paragraphs = fields.List(
        Text(),
        metadata=label("Nội dung công văn", "Các đoạn thay cho đoạn trong mẫu, mỗi đoạn một dòng"),
    )


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
        ScheduleSectionSchema, load_default=None, allow_none=True, metadata=label("Thông báo lịch")
    )
    report = fields.Nested(RoundReportSchema, required=True, metadata=label("Báo cáo tổng hợp"))
    petition_fields = petition_fields_field()
    letters = fields.Nested(
        RoundLettersSchema,
        required=True,
        metadata=label(
            "Công văn chuyển ý kiến",
            "Số của công văn đầu tiên; các công văn sau (mỗi nơi nhận một công văn) lấy số tiếp theo",
        ),
    )
    letter_overrides = fields.List(
        fields.Nested(LetterOverrideSchema),
        load_default=list,
        metadata=label(
            "Công văn riêng",
            "Số, ngày, người ký, nơi nhận riêng của từng công văn chuyển (theo nơi nhận)",
        ),
    )
    letter_unit = Text(
        load_default="VP", metadata=label("Đơn vị soạn công văn", "Trong ký hiệu HĐND-VP")
    )
    province = Text(
        load_default=None,
        metadata=label(
            "Tỉnh, thành phố của hội đồng",
            "Ví dụ: tỉnh Bắc Ninh; để gửi ý kiến cấp trên qua Thường trực HĐND tỉnh "
            "(để trống thì lấy theo hồ sơ hội đồng đã lưu)",
        ),
    )
    channels = fields.Nested(
        ChannelsSchema,
        load_default=None,
        allow_none=True,
        metadata=label(
            "Nơi nhận công văn chuyển theo cấp",
            "Để trống thì theo hồ sơ hội đồng đã lưu, rồi theo mặc định của cấp hội đồng",
        ),
    )
    minutes_issuer = fields.Nested(
        IssuerSchema,
        load_default=None,
        allow_none=True,
        metadata=label(
            "Cơ quan lập biên bản",
            "Để trống thì là Ban Thường trực Ủy ban MTTQ nơi tiếp xúc (hoặc của xã)",
        ),
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
        metadata=label("Hạn báo cáo sau khi kết thúc đợt (ngày)", "Theo kế hoạch, thường 5"),
    )
    notice_days = fields.Integer(
        load_default=5,
        validate=validate.Range(min=0, max=90),
        metadata=label(
            "Lịch thông báo trước hội nghị đầu tiên ít nhất (ngày)",
            "Thời hạn thông báo của hội đồng, theo kế hoạch",
        ),
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
            joint = meeting["joint_sub_units"]
            unknown = [u for u in joint if u not in units]
            if unknown:
                problems["joint_sub_units"] = [
                    f"Không có đơn vị trong danh sách: {', '.join(unknown)}."
                ]
            elif meeting["sub_unit"] in joint or len(set(joint)) < len(joint):
                problems["joint_sub_units"] = [
                    "Mỗi đơn vị chỉ ghi một lần, không ghi lại đơn vị chủ trì."
                ]
            if problems:
                errors.setdefault("meetings", {})[i] = problems
        met_at = {m["id"]: [m["sub_unit"], *m["joint_sub_units"]] for m in data.get("meetings", [])}
        petition_ids: set[str] = set()
        for i, petition in enumerate(data.get("petitions", [])):
            problems = {}
            if petition["id"] in petition_ids:
                problems["id"] = ["Mã ý kiến bị trùng."]
            petition_ids.add(petition["id"])
            if petition["meeting"] not in meeting_ids:
                problems["meeting"] = [f"Không có hội nghị mã “{petition['meeting']}”."]
            elif (
                petition.get("sub_unit") and petition["sub_unit"] not in met_at[petition["meeting"]]
            ):
                problems["sub_unit"] = [
                    f"Hội nghị “{petition['meeting']}” không có cử tri đơn vị này "
                    f"(có: {', '.join(met_at[petition['meeting']])})."
                ]
            if problems:
                errors.setdefault("petitions", {})[i] = problems
        _merge(errors, layout_errors(data))
        seen: dict[str, int] = {}
        for i, override in enumerate(data.get("letter_overrides", [])):
            key = bodies.body_key(override["to"])
            if key in seen:
                errors.setdefault("letter_overrides", {})[i] = {
                    "to": [f"Trùng với công văn riêng số {seen[key] + 1} (cùng nơi nhận)."]
                }
            seen.setdefault(key, i)
        if not errors:
            errors = round_dates.date_errors(data)
            _merge(errors, round_dates.district_errors(data))
        if errors:
            raise ValidationError(errors)


def layout_errors(data: dict[str, Any]) -> dict[str, Any]:
    """A round's own list of fields and report layout: petitions' fields in the list, a section
    order the council can use. (Without its own list, fields are checked once the council's
    saved profile is known: docgen.rounds.plan_round.)"""
    errors: dict[str, Any] = {}
    given = data.get("petition_fields")
    if given:
        if problems := report_layout.list_errors(given):
            errors["petition_fields"] = problems
        if wrong := report_layout.field_errors(data.get("petitions", []), field_table(given)):
            errors["petitions"] = wrong
    report, issuer = data.get("report") or {}, data.get("issuer")
    if issuer and (
        problems := report_layout.section_order_errors(report.get("section_order"), issuer["level"])
    ):
        errors["report"] = {"section_order": problems}
    return errors


def _merge(into: dict[str, Any], more: dict[str, Any]) -> None:
    """Nested error dictionaries merged (lists of messages appended)."""
    for key, value in more.items():
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value)
        else:
            into.setdefault(key, []).extend(value)


__all__ = [
    "DocumentSchema",
    "PetitionFieldSchema",
    "ReportStyleMixin",
    "GroupSchema",
    "MeetingSchema",
    "PetitionSchema",
    "RoundSchema",
    "SessionSchema",
    "SubUnitSchema",
]
