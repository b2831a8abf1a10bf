"""The voter-contact plan (ke_hoach_tiep_xuc): its data, what its template prints, its type."""

from __future__ import annotations

import datetime
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import vn
from docgen.context import clock, common_context
from docgen.doctypes.base import DocumentType
from docgen.schemas.common import Base, DocumentSchema, Text, label, legal_bases_field
from docgen.vocab import LEVELS, TIMINGS

# The two kinds of plan: the year's plan, and the plan of one session's round.
KINDS = {"yearly": "Kế hoạch năm", "session": "Kế hoạch cho một kỳ họp"}
# A regular session named by its place in the year (Luật Tổ chức chính quyền địa phương 2025).
REGULAR_SESSIONS = {"giua_nam": "giữa năm", "cuoi_nam": "cuối năm"}
# The parts of a session plan's contact, in the order they are numbered (1.1, 1.2…), and the
# parts after it (2., 3.…): a part without data is left out and the next takes its number.
CONTACT_PARTS = ("contents", "time", "places", "groups", "meetings")
LATER_PARTS = ("joint_meetings", "group_meetings", "report")

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


class PlanSessionSchema(Base):
    """The session a plan's round comes before or after: by number, or a regular one by name."""

    ordinal = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=99),
        metadata=label("Kỳ họp thứ", "Số thứ tự của kỳ họp trong nhiệm kỳ; có thể để trống"),
    )
    regular = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(list(REGULAR_SESSIONS)),
        metadata=label(
            "Kỳ họp thường lệ",
            "giua_nam: kỳ họp thường lệ giữa năm; cuoi_nam: kỳ họp thường lệ cuối năm",
            enum_labels={k: f"Kỳ họp thường lệ {v}" for k, v in REGULAR_SESSIONS.items()},
        ),
    )
    year = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1990, max=2200),
        metadata=label("Năm của kỳ họp", "Để trống thì lấy năm của kế hoạch"),
    )

    @validates_schema
    def named(self, data: dict[str, Any], **_: Any) -> None:
        """A session is named by its number or as a regular one."""
        if data.get("ordinal") is None and not data.get("regular"):
            raise ValidationError(
                "Cần số thứ tự của kỳ họp hoặc kỳ họp thường lệ (giữa năm, cuối năm).",
                field_name="ordinal",
            )


class PlanMeetingSchema(Base):
    """One line of a timetable: a day (and hour), who, where."""

    date = fields.Date(required=True, metadata=label("Ngày", format="date"))
    time = fields.Time(
        load_default=None, allow_none=True, metadata=label("Giờ bắt đầu", "Ví dụ: 08:00")
    )
    group = Text(required=True, metadata=label("Tổ đại biểu, đại biểu", "Ví dụ: Tổ đại biểu số 1"))
    place = Text(required=True, metadata=label("Địa điểm", "Ví dụ: Nhà văn hóa thôn Ao Sen"))


class PlanGroupSchema(Base):
    """A group of deputies: its name, its electoral area, its deputies."""

    name = Text(required=True, metadata=label("Tên Tổ đại biểu", "Ví dụ: Tổ đại biểu số 1"))
    area = Text(
        load_default=None,
        metadata=label("Đơn vị bầu cử", "Ví dụ: đơn vị bầu cử số 1, gồm thôn Ao Sen, thôn Chay"),
    )
    deputies = fields.List(
        Text(),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một đại biểu."),
        metadata=label("Các đại biểu", "Mỗi dòng một đại biểu: họ tên, chức vụ"),
    )


def _as_written(title: str, help_vi: str) -> fields.List:
    """A list of lines printed as written after a dash (their own final punctuation)."""
    line = Text(validate=validate.Regexp(r"^(?!-)", error="Không cần gạch đầu dòng."))
    return fields.List(line, load_default=list, metadata=label(title, help_vi))


def _timetable_field(title: str, help_vi: str) -> fields.List:
    """A timetable: one line per meeting, in order of day and hour when printed."""
    return fields.List(
        fields.Nested(PlanMeetingSchema), load_default=list, metadata=label(title, help_vi)
    )


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
    kind = fields.String(
        load_default="yearly",
        validate=validate.OneOf(list(KINDS)),
        metadata=label(
            "Loại kế hoạch",
            "yearly: kế hoạch năm; session: kế hoạch tiếp xúc cử tri trước hoặc sau một kỳ họp",
            enum_labels=KINDS,
        ),
    )
    session = fields.Nested(
        PlanSessionSchema,
        load_default=None,
        allow_none=True,
        metadata=label("Kỳ họp", "Bắt buộc với kế hoạch cho một kỳ họp"),
    )
    timing = fields.String(
        load_default="truoc",
        validate=validate.OneOf(list(TIMINGS)),
        metadata=label("Trước hay sau kỳ họp", "truoc: trước kỳ họp; sau: sau kỳ họp"),
    )
    bases_lead = fields.Boolean(
        load_default=False,
        metadata=label(
            "Có dòng dẫn trước các căn cứ",
            "Đúng thì in “Hội đồng nhân dân … căn cứ:” rồi mỗi căn cứ một dòng gạch đầu dòng",
        ),
    )
    agreed_with = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Đã thống nhất với",
            "Các cơ quan Thường trực HĐND đã thống nhất trước khi xây dựng kế hoạch; có thể trống",
        ),
    )
    contents = _as_written(
        "Nội dung tiếp xúc cử tri", "Mỗi dòng một nội dung, kể cả dấu câu cuối dòng"
    )
    contact_from = fields.Date(
        load_default=None, allow_none=True, metadata=label("Tiếp xúc cử tri từ ngày", format="date")
    )
    contact_by = fields.Date(
        load_default=None,
        allow_none=True,
        metadata=label("Tiếp xúc cử tri xong trước ngày", format="date"),
    )
    places = _as_written("Địa điểm tiếp xúc cử tri", "Mỗi dòng một địa điểm hoặc cách bố trí")
    groups = fields.List(
        fields.Nested(PlanGroupSchema),
        load_default=list,
        metadata=label("Các Tổ đại biểu", "Tổ, đơn vị bầu cử và các đại biểu của Tổ"),
    )
    meetings = _timetable_field("Lịch tiếp xúc cử tri", "Mỗi buổi tiếp xúc một dòng")
    joint_meetings = _timetable_field(
        "Tiếp xúc cử tri cùng đại biểu Quốc hội", "Các buổi tiếp xúc chung; có thể trống"
    )
    with_group_meetings = fields.Boolean(
        load_default=False,
        metadata=label(
            "Có họp Tổ đại biểu",
            "Đúng khi kế hoạch gồm cả việc họp Tổ đại biểu trước kỳ họp (đúng khi có lịch họp)",
        ),
    )
    group_meetings = _timetable_field(
        "Lịch họp Tổ đại biểu", "Các buổi họp Tổ đại biểu trước kỳ họp; có thể trống"
    )

    @validates_schema
    def session_plan(self, data: dict[str, Any], **_: Any) -> None:
        """A plan for one session names its session, and its round ends after it starts."""
        if data.get("kind") == "session" and not data.get("session"):
            raise ValidationError("Kế hoạch cho một kỳ họp cần nêu kỳ họp.", field_name="session")
        start, end = data.get("contact_from"), data.get("contact_by")
        if start and end and end < start:
            raise ValidationError("Phải từ ngày bắt đầu trở đi.", field_name="contact_by")


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
            "term_roman": vn.roman(term["ordinal"]) if term else "",
            "term_start": term["start"] if term else "",
            "term_end": term["end"] if term else "",
            "bases_lead": data.get("bases_lead", False),
            "agreed_with": list(data.get("agreed_with") or []),
            **session_context(data),
        }
    )
    return context


def _timetable(meetings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Timetable lines: the weekday, the date, the hour (may be empty), who, where."""
    return [
        {
            "weekday": vn.weekday_name(m["date"]),
            "date": vn.short_date(m["date"]),
            "time": clock(m["time"]) if m.get("time") else "",
            "group": m["group"],
            "place": m["place"],
        }
        for m in sorted(meetings, key=lambda m: (m["date"], m.get("time") or datetime.time()))
    ]


def numbering(present: dict[str, bool]) -> dict[str, str]:
    """The number of each part of a session plan: "1", "1.1"… ("" for a part left out)."""
    numbers = {"contact": "1"}
    sub = 0
    for part in CONTACT_PARTS:
        if present.get(part):
            sub += 1
            numbers[part] = f"1.{sub}"
        else:
            numbers[part] = ""
    top = 1
    for part in LATER_PARTS:
        if present.get(part):
            top += 1
            numbers[part] = str(top)
        else:
            numbers[part] = ""
    return numbers


def session_context(data: dict[str, Any]) -> dict[str, Any]:
    """What a plan for one session's round prints besides the yearly plan's names."""
    session = data.get("session") or {}
    contact_from, contact_by = data.get("contact_from"), data.get("contact_by")
    parts = {
        "kind": data.get("kind", "yearly"),
        "council_session": {
            "ordinal": session.get("ordinal") or "",
            "regular": REGULAR_SESSIONS.get(session.get("regular") or "", ""),
            "year": session.get("year") or data["year"],
        },
        "before_session": data.get("timing", "truoc") == "truoc",
        "contents": list(data.get("contents") or []),
        "contact_from": vn.short_date(contact_from) if contact_from else "",
        "contact_by": vn.short_date(contact_by) if contact_by else "",
        "places": list(data.get("places") or []),
        "groups": [
            {"name": g["name"], "area": g.get("area") or "", "deputies": list(g["deputies"])}
            for g in data.get("groups") or []
        ],
        "meetings": _timetable(data.get("meetings") or []),
        "joint_meetings": _timetable(data.get("joint_meetings") or []),
        "group_meetings": _timetable(data.get("group_meetings") or []),
        "with_group_meetings": bool(data.get("with_group_meetings") or data.get("group_meetings")),
    }
    present = {
        "contents": bool(parts["contents"]),
        "time": bool(contact_from or contact_by),
        "places": bool(parts["places"]),
        "groups": bool(parts["groups"]),
        "meetings": bool(parts["meetings"]),
        "joint_meetings": bool(parts["joint_meetings"]),
        "group_meetings": parts["with_group_meetings"],
        "report": True,
    }
    parts["numbers"] = numbering(present)
    return parts


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
    "term_roman": "Khóa của HĐND, bằng số La Mã (XIX) (có thể trống)",
    "term_start": "Năm đầu nhiệm kỳ (2021) (có thể trống)",
    "term_end": "Năm cuối nhiệm kỳ (2026) (có thể trống)",
    "bases_lead": "@bases_lead",
    "agreed_with": "@agreed_with",
    "kind": "@kind",
    "council_session": "@session",
    "council_session.ordinal": "@session.ordinal",
    "council_session.regular": "Kỳ họp thường lệ: “giữa năm” hoặc “cuối năm” (có thể trống)",
    "council_session.year": "Năm của kỳ họp (mặc định là năm của kế hoạch)",
    "before_session": "Đúng khi tiếp xúc trước kỳ họp, sai khi sau kỳ họp",
    "contents": "@contents",
    "contact_from": "@contact_from",
    "contact_by": "@contact_by",
    "places": "@places",
    "groups": "@groups",
    "groups[].name": "@groups.name",
    "groups[].area": "@groups.area",
    "groups[].deputies": "@groups.deputies",
    "meetings": "@meetings",
    "meetings[].weekday": "Thứ trong tuần (Thứ Hai … Chủ nhật)",
    "meetings[].date": "Ngày, viết ngắn (24/11/2026)",
    "meetings[].time": "Giờ bắt đầu (8 giờ 00) (có thể trống)",
    "meetings[].group": "@meetings.group",
    "meetings[].place": "@meetings.place",
    "joint_meetings": "@joint_meetings",
    "joint_meetings[].weekday": "Thứ trong tuần (Thứ Hai … Chủ nhật)",
    "joint_meetings[].date": "Ngày, viết ngắn (24/11/2026)",
    "joint_meetings[].time": "Giờ bắt đầu (8 giờ 00) (có thể trống)",
    "joint_meetings[].group": "@joint_meetings.group",
    "joint_meetings[].place": "@joint_meetings.place",
    "group_meetings": "@group_meetings",
    "with_group_meetings": "@with_group_meetings",
    "group_meetings[].weekday": "Thứ trong tuần (Thứ Hai … Chủ nhật)",
    "group_meetings[].date": "Ngày, viết ngắn (24/11/2026)",
    "group_meetings[].time": "Giờ bắt đầu (8 giờ 00) (có thể trống)",
    "group_meetings[].group": "@group_meetings.group",
    "group_meetings[].place": "@group_meetings.place",
    "numbers": "Số thứ tự các phần của kế hoạch cho một kỳ họp, chưa có dấu chấm cuối",
    "numbers.contact": "Số của phần tiếp xúc cử tri theo thường lệ (1)",
    "numbers.contents": "Số của phần nội dung (1.1) (có thể trống)",
    "numbers.time": "Số của phần thời gian (1.2) (có thể trống)",
    "numbers.places": "Số của phần địa điểm (có thể trống)",
    "numbers.groups": "Số của phần các Tổ đại biểu (có thể trống)",
    "numbers.meetings": "Số của phần lịch tiếp xúc cử tri (có thể trống)",
    "numbers.joint_meetings": "Số của phần tiếp xúc cùng đại biểu Quốc hội (có thể trống)",
    "numbers.group_meetings": "Số của phần họp Tổ đại biểu (có thể trống)",
    "numbers.report": "Số của phần tổng hợp, báo cáo kết quả",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="ke_hoach_tiep_xuc",
    title="Kế hoạch tiếp xúc cử tri",
    description=(
        "Kế hoạch của Thường trực HĐND về tiếp xúc cử tri của đại biểu: kế hoạch năm, "
        "hoặc kế hoạch trước, sau một kỳ họp."
    ),
    type_name="Kế hoạch",
    schema=PlanSchema,
    build_context=plan_context,
)
