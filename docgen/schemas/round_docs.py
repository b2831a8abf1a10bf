"""The data of each document of a voter-contact round, one schema per document type.

A clerk can post any of these on its own (`POST /api/v1/documents/<id>`); round generation
(`docgen/rounds.py`) builds the same dictionaries from a whole round (`RoundSchema`) after
routing, so every field here is either copied from the round or computed by `docgen/routing.py`.

- `ScheduleNoticeSchema`   → `thong_bao_lich_tiep_xuc` (Thông báo lịch tiếp xúc cử tri, TB)
- `MinutesSchema`          → `bien_ban_tiep_xuc` (Biên bản hội nghị tiếp xúc cử tri, BB)
- `SummaryReportSchema`    → `bao_cao_tong_hop` (Báo cáo tổng hợp ý kiến, kiến nghị, BC)
- `ForwardingLetterSchema` → `cong_van_chuyen` (công văn chuyển ý kiến, kiến nghị, HĐND-VP)

Shared pieces: `PetitionItemSchema` is one petition item after routing (the same matter raised
in several places merged into one, naming every place); `CountsSchema` holds the report's counts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen.schemas.common import (
    Base,
    DocumentSchema,
    IssuerSchema,
    Text,
    label,
    list_line,
    period_errors,
)
from docgen.schemas.round import (
    COMPETENCE_LEVELS,
    LEVEL_RANK,
    PETITION_FIELDS,
    TIMINGS,
    GroupSchema,
    MeetingSchema,
    SessionSchema,
    VoterSchema,
    choice,
)

# ---------------------------------------------------------------------------------------------
# Shared pieces


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
    field = choice(PETITION_FIELDS, "Lĩnh vực", required=True)
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


class CountsSchema(Base):
    """The summary report's counts, computed by routing and printed exactly as given.

    `items`, `by_level` and `by_field` count the distinct items of this report (after merging),
    so they must agree with the report's `items`; the other counts cover the whole round.
    """

    meetings = fields.Integer(
        required=True, validate=validate.Range(min=0), metadata=label("Số hội nghị đã tổ chức")
    )
    voters = fields.Integer(
        required=True, validate=validate.Range(min=0), metadata=label("Số lượt cử tri tham dự")
    )
    opinions = fields.Integer(
        required=True,
        validate=validate.Range(min=0),
        metadata=label("Số ý kiến cử tri nêu", "Tất cả ý kiến tại các hội nghị, trước khi gộp"),
    )
    items = fields.Integer(
        required=True,
        validate=validate.Range(min=0),
        metadata=label("Số nội dung tổng hợp", "Số nội dung khác nhau trong báo cáo, sau khi gộp"),
    )
    answered = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0),
        metadata=label("Số ý kiến đã trả lời tại hội nghị", "Không bắt buộc"),
    )
    forwarded_down = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0),
        metadata=label(
            "Số nội dung chuyển cấp dưới",
            "Nội dung thuộc thẩm quyền đơn vị cấp dưới, đã chuyển riêng (không bắt buộc)",
        ),
    )
    by_level = fields.Dict(
        keys=fields.String(validate=validate.OneOf(list(COMPETENCE_LEVELS))),
        values=fields.Integer(validate=validate.Range(min=0)),
        required=True,
        metadata=label("Số nội dung theo cấp giải quyết", "Số nội dung của từng cấp"),
    )
    by_field = fields.Dict(
        keys=fields.String(validate=validate.OneOf(list(PETITION_FIELDS))),
        values=fields.Integer(validate=validate.Range(min=0)),
        required=True,
        metadata=label("Số nội dung theo lĩnh vực", "Số nội dung của từng lĩnh vực"),
    )


class RoundRefMixin(Base):
    """The session a round document refers to, and whether the round is before or after it."""

    session = fields.Nested(SessionSchema, required=True, metadata=label("Kỳ họp"))
    timing = choice(TIMINGS, "Tiếp xúc trước hay sau kỳ họp", required=True)


def _level_errors(items: list[dict[str, Any]], council_level: str) -> dict[int, Any]:
    """Items whose competence lies below the council's level, by index."""
    rank = LEVEL_RANK[council_level]
    return {
        i: {"level": ["Thuộc thẩm quyền cấp dưới: chuyển cho đơn vị đó, không đưa vào đây."]}
        for i, item in enumerate(items)
        if LEVEL_RANK[item["level"]] > rank
    }


# ---------------------------------------------------------------------------------------------
# thong_bao_lich_tiep_xuc


class ScheduleEntrySchema(Base):
    """One line of the schedule: which group meets the voters of which sub-unit, when, where."""

    group = fields.Integer(
        required=True, validate=validate.Range(min=1, max=999), metadata=label("Tổ đại biểu số")
    )
    sub_unit = Text(required=True, metadata=label("Cử tri của đơn vị", "Tên, ví dụ Biên Sơn"))
    sub_unit_kind = Text(
        required=True, metadata=label("Loại đơn vị", "Ví dụ: xã, thị trấn, thôn, tổ dân phố")
    )
    venue = Text(required=True, metadata=label("Địa điểm", "Ví dụ: Hội trường UBND xã Biên Sơn"))
    start = fields.DateTime(
        required=True, format="iso", metadata=label("Bắt đầu", format="date-time")
    )
    deputies = fields.List(
        Text(),
        load_default=list,
        metadata=label("Đại biểu tham dự", "Họ tên; để trống thì là tất cả đại biểu của Tổ"),
    )


class ScheduleNoticeSchema(RoundRefMixin, DocumentSchema):
    """Thông báo lịch tiếp xúc cử tri của các Tổ đại biểu (TB-HĐND)."""

    plan = Text(
        load_default=None,
        metadata=label(
            "Văn bản thực hiện",
            "Ví dụ: Kế hoạch số 02/KH-HĐND ngày 28/12/2025 của Thường trực HĐND xã",
        ),
    )
    groups = fields.List(
        fields.Nested(GroupSchema),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một Tổ đại biểu."),
        metadata=label("Các Tổ đại biểu"),
    )
    entries = fields.List(
        fields.Nested(ScheduleEntrySchema),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một buổi tiếp xúc."),
        metadata=label("Lịch tiếp xúc", "Mỗi buổi tiếp xúc một dòng, theo thứ tự thời gian"),
    )
    requests = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Đề nghị phối hợp",
            "Mỗi đoạn một đề nghị; để trống thì dùng đoạn mặc định theo cấp hội đồng",
        ),
    )

    @validates_schema
    def entries_name_known_groups(self, data: dict[str, Any], **_: Any) -> None:
        """Every entry names a group of the notice, and only that group's deputies."""
        groups = {g["number"]: g for g in data.get("groups", [])}
        errors: dict[int, Any] = {}
        for i, entry in enumerate(data.get("entries", [])):
            group = groups.get(entry["group"])
            if group is None:
                errors[i] = {"group": [f"Không có Tổ đại biểu số {entry['group']}."]}
                continue
            names = {d["name"] for d in group["deputies"]}
            strangers = [n for n in entry["deputies"] if n not in names]
            if strangers:
                errors[i] = {
                    "deputies": [
                        f"Không thuộc Tổ đại biểu số {entry['group']}: {', '.join(strangers)}."
                    ]
                }
        if errors:
            raise ValidationError({"entries": errors})


# ---------------------------------------------------------------------------------------------
# bien_ban_tiep_xuc


class MinutesMeetingSchema(MeetingSchema):
    """The meeting the minutes record (as in the round; the id is optional here)."""

    id = Text(load_default=None, metadata=label("Mã hội nghị", "Không bắt buộc"))


class MinutesOpinionSchema(Base):
    """One voter's opinion as said at the meeting, and the answer given on the spot, if any."""

    voters = fields.List(
        fields.Nested(VoterSchema),
        required=True,
        validate=validate.Length(min=1, error="Cần tên cử tri nêu ý kiến."),
        metadata=label("Cử tri nêu ý kiến"),
    )
    content = Text(required=True, metadata=label("Nội dung ý kiến"))
    answer = Text(load_default=None, metadata=label("Trả lời tại hội nghị", "Nếu có"))
    answered_by = Text(
        load_default=None,
        metadata=label("Người trả lời", "Ví dụ: ông Nguyễn Văn A, Chủ tịch UBND xã"),
    )


class MinutesAnswerSchema(Base):
    """A general answer given at the meeting by a deputy or an official."""

    speaker = Text(required=True, metadata=label("Người trả lời", "Họ tên"))
    title = Text(load_default=None, metadata=label("Chức vụ người trả lời"))
    content = Text(required=True, metadata=label("Nội dung trả lời, giải trình"))


class MinutesSchema(RoundRefMixin, Base):
    """Biên bản hội nghị tiếp xúc cử tri: one meeting, with no place-and-date line in the header.

    `issuer` is whoever draws up the minutes (the commune's Front committee, or the council's
    deputy group); `council` is the council whose deputies meet the voters (the round's issuer).
    """

    issuer = fields.Nested(IssuerSchema, required=True, metadata=label("Cơ quan lập biên bản"))
    council = fields.Nested(
        IssuerSchema, required=True, metadata=label("HĐND có đại biểu tiếp xúc cử tri")
    )
    number = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=99999),
        metadata=label("Số biên bản", "Để trống khi chưa cấp số"),
    )
    group = fields.Nested(GroupSchema, required=True, metadata=label("Tổ đại biểu"))
    sub_unit_kind = Text(
        required=True, metadata=label("Loại đơn vị nơi tiếp xúc", "Ví dụ: xã, thị trấn, thôn")
    )
    meeting = fields.Nested(MinutesMeetingSchema, required=True, metadata=label("Hội nghị"))
    front = Text(
        load_default=None,
        metadata=label(
            "Tổ chức Mặt trận phối hợp",
            "Để trống thì dùng “Ủy ban MTTQ Việt Nam <đơn vị>” (HĐND xã: Ban Công tác Mặt trận)",
        ),
    )
    reporter = Text(
        load_default=None,
        metadata=label("Đại biểu báo cáo", "Họ tên; để trống thì là Tổ trưởng"),
    )
    report = Text(
        load_default=None,
        metadata=label(
            "Nội dung đại biểu báo cáo", "Để trống thì dùng nội dung mặc định trước/sau kỳ họp"
        ),
    )
    opinions = fields.List(
        fields.Nested(MinutesOpinionSchema),
        load_default=list,
        metadata=label("Ý kiến của cử tri", "Theo thứ tự phát biểu"),
    )
    answers = fields.List(
        fields.Nested(MinutesAnswerSchema),
        load_default=list,
        metadata=label("Trả lời, giải trình tại hội nghị"),
    )
    closing = Text(
        load_default=None,
        metadata=label("Kết luận của chủ tọa", "Để trống thì dùng câu mặc định"),
    )

    @validates_schema
    def people_fit(self, data: dict[str, Any], **_: Any) -> None:
        """The meeting is the group's; its deputies and reporter are members of the group."""
        group, meeting = data.get("group"), data.get("meeting")
        if not group or not meeting:
            return
        names = {d["name"] for d in group["deputies"]}
        errors: dict[str, Any] = {}
        if meeting["group"] != group["number"]:
            errors["meeting"] = {"group": [f"Khác số Tổ đại biểu ({group['number']})."]}
        strangers = [n for n in meeting["deputies_present"] if n not in names]
        if strangers:
            errors.setdefault("meeting", {})["deputies_present"] = [
                f"Không thuộc Tổ đại biểu số {group['number']}: {', '.join(strangers)}."
            ]
        if data.get("reporter") and data["reporter"] not in names:
            errors["reporter"] = [f"Không thuộc Tổ đại biểu số {group['number']}."]
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# bao_cao_tong_hop


class SummaryReportSchema(RoundRefMixin, DocumentSchema):
    """Báo cáo tổng hợp ý kiến, kiến nghị của cử tri (BC-HĐND), with its appendix table.

    Only items within the competence of the council's own UBND or of bodies above it belong
    here (`items[].level` at the issuer's level or higher); the counts are printed as given.
    """

    plan = Text(
        load_default=None,
        metadata=label(
            "Văn bản thực hiện",
            "Ví dụ: Kế hoạch số 02/KH-HĐND ngày 28/12/2025 của Thường trực HĐND xã",
        ),
    )
    start_date = fields.Date(required=True, metadata=label("Đợt tiếp xúc từ ngày", format="date"))
    end_date = fields.Date(required=True, metadata=label("Đến ngày", format="date"))
    sub_units = Text(
        required=True,
        metadata=label("Các đơn vị nơi tiếp xúc", "Ví dụ: xã, thị trấn; thôn, tổ dân phố"),
    )
    counts = fields.Nested(CountsSchema, required=True, metadata=label("Số liệu tổng hợp"))
    items = fields.List(
        fields.Nested(PetitionItemSchema),
        required=True,
        metadata=label("Các nội dung kiến nghị", "Đã gộp; mỗi nội dung một lần"),
    )
    proposals = fields.List(
        Text(),
        load_default=list,
        metadata=label("Đề xuất, kiến nghị", "Mỗi đoạn một đề xuất; để trống thì dùng mặc định"),
    )

    @validates_schema
    def consistent(self, data: dict[str, Any], **_: Any) -> None:
        """Dates in order; items at the council's level or above; counts agree with the items."""
        errors: dict[str, Any] = {}
        errors.update(period_errors(data))
        items, issuer, counts = data.get("items"), data.get("issuer"), data.get("counts")
        if items is not None and issuer and (wrong := _level_errors(items, issuer["level"])):
            errors["items"] = wrong
        if items is not None and counts:
            errors.update(_count_errors(items, counts))
        if errors:
            raise ValidationError(errors)


def _count_errors(items: list[dict[str, Any]], counts: dict[str, Any]) -> dict[str, Any]:
    """Where the given counts disagree with the items they count."""
    problems: dict[str, Any] = {}
    if counts["items"] != len(items):
        problems["items"] = [f"Báo cáo có {len(items)} nội dung, không phải {counts['items']}."]
    for key, attribute in (("by_level", "level"), ("by_field", "field")):
        actual = Counter(item[attribute] for item in items)
        given = {k: v for k, v in counts[key].items() if v}
        if given != dict(actual):
            problems[key] = ["Không khớp với số nội dung trong báo cáo."]
    if counts["items"] > counts["opinions"]:
        problems["opinions"] = ["Số ý kiến không thể ít hơn số nội dung tổng hợp."]
    return {"counts": problems} if problems else {}


# ---------------------------------------------------------------------------------------------
# cong_van_chuyen


class ForwardingLetterSchema(RoundRefMixin, DocumentSchema):
    """Công văn chuyển ý kiến, kiến nghị của cử tri đến một cơ quan (ký hiệu HĐND-VP).

    One letter per recipient body: `addressees` is the «Kính gửi» (one body, or the Thường trực
    HĐND and the UBND of a lower unit), `items` that body's petition items.
    """

    unit = Text(
        load_default="VP",
        validate=validate.Regexp(r"^[\wĐđ]+$", error="Chỉ gồm chữ cái, không dấu cách."),
        metadata=label("Đơn vị soạn thảo", "Trong ký hiệu HĐND-VP"),
    )
    addressees = fields.List(
        list_line("Ghi tên cơ quan không có gạch đầu dòng và dấu câu cuối; mẫu tự thêm."),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một cơ quan nhận."),
        metadata=label("Kính gửi", "Ví dụ: UBND xã Biên Sơn; mỗi cơ quan một dòng"),
    )
    start_date = fields.Date(
        load_default=None, allow_none=True, metadata=label("Đợt tiếp xúc từ ngày", format="date")
    )
    end_date = fields.Date(
        load_default=None, allow_none=True, metadata=label("Đến ngày", format="date")
    )
    reply_by = fields.Date(
        required=True, metadata=label("Trả lời bằng văn bản trước ngày", format="date")
    )
    items = fields.List(
        fields.Nested(PetitionItemSchema),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một nội dung để chuyển."),
        metadata=label("Các nội dung chuyển", "Danh sách kèm theo công văn"),
    )

    @validates_schema
    def dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        """The round's dates come together and in order; the reply is due after the letter."""
        errors: dict[str, list[str]] = {}
        start, end = data.get("start_date"), data.get("end_date")
        if (start is None) != (end is None):
            errors["end_date" if end is None else "start_date"] = [
                "Ghi cả ngày bắt đầu và ngày kết thúc đợt, hoặc để trống cả hai."
            ]
        elif start and end and end < start:
            errors["end_date"] = ["Phải từ ngày bắt đầu đợt trở đi."]
        if data.get("reply_by") and data.get("date") and data["reply_by"] <= data["date"]:
            errors["reply_by"] = ["Phải sau ngày ban hành công văn."]
        if errors:
            raise ValidationError(errors)


__all__ = [
    "CountsSchema",
    "ForwardingLetterSchema",
    "MinutesAnswerSchema",
    "MinutesMeetingSchema",
    "MinutesOpinionSchema",
    "MinutesSchema",
    "PetitionItemSchema",
    "ScheduleEntrySchema",
    "ScheduleNoticeSchema",
    "SummaryReportSchema",
]
