"""The minutes of one meeting (bien_ban_tiep_xuc): data, context, type, and its part in a round.

A round makes one set of minutes per meeting held, drawn up by the Front committee of the place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import routing, vn
from docgen.context import clock, count, header_top, round_words
from docgen.doctypes.base import DocumentType, Draft
from docgen.schemas.common import Base, IssuerSchema, Text, label
from docgen.schemas.round import GroupSchema, MeetingSchema, VoterSchema
from docgen.schemas.round_docs import RoundRefMixin
from docgen.vocab import level_of_unit_kind


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


def minutes_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the minutes' template fills its sentences with."""
    issuer, council, meeting, group = (
        data["issuer"],
        data["council"],
        data["meeting"],
        data["group"],
    )
    symbol = vn.document_symbol(issuer["symbol"], type_abbr="BB")
    roles = {d["name"]: d for d in group["deputies"]}
    present = meeting["deputies_present"] or list(roles)
    leader = next((d["name"] for d in group["deputies"] if d["leader"]), present[0])
    start, voters = meeting["start"], meeting.get("voters")
    return {
        "header": {"top": header_top(issuer), "name": vn.upper(issuer["header_name"])},
        "number_line": vn.number_line(data.get("number"), symbol),
        **round_words(council, data["session"], data["timing"]),
        "noi": f"{vn.lower(data['sub_unit_kind'])} {meeting['sub_unit']}",  # "xã Biên Sơn"
        "to_so": group["number"],
        "mat_tran": data.get("front") or "",
        "gio_bat_dau": clock(start),  # "7 giờ 30"
        "thu": vn.weekday_name(start),  # "Thứ Ba"
        "ngay": vn.date_phrase(start),  # "ngày 01 tháng 12 năm 2020"
        "dia_diem": meeting["venue"],
        "dai_bieu": [_deputy(roles[name]) for name in present if name in roles],
        "chu_toa": meeting["chair"],
        "chuc_vu_chu_toa": meeting.get("chair_title") or "",
        "thu_ky": meeting["secretary"],
        "khach_moi": list(meeting["invited"]),
        "so_cu_tri": count(voters) if voters is not None else "",
        "bao_cao": _deputy(roles[data.get("reporter") or leader]),
        "noi_dung_bao_cao": (data.get("report") or "").rstrip(" ."),
        "so_y_kien": count(len(data["opinions"])),
        "y_kien": [_opinion(o) for o in data["opinions"]],
        "tra_loi": [
            {
                "nguoi": a["speaker"],
                "chuc_vu": a.get("title") or "",
                "noi_dung": _sentence(a["content"]),
            }
            for a in data["answers"]
        ],
        "ket_luan": (data.get("closing") or "").rstrip(" ."),
        "gio_ket_thuc": clock(meeting["end"]),
    }


def _deputy(deputy: dict[str, Any]) -> dict[str, Any]:
    return {
        "ten": deputy["name"],
        "chuc_vu": deputy.get("role") or "",
        "to_truong": deputy["leader"],
    }


def _sentence(text: str) -> str:
    """Text ending with one full stop."""
    return text if text[-1:] in ".!?…" else text + "."


def _opinion(opinion: dict[str, Any]) -> dict[str, str]:
    voters = ", ".join(
        f"{v['name']} ({v['address']})" if v.get("address") else v["name"]
        for v in opinion["voters"]
    )
    return {
        "cu_tri": voters,  # "Dương Văn Hải (thôn Ao Sen), Lâm Thị Hoa (thôn Nà Hem)"
        "noi_dung": _sentence(opinion["content"]),
        "tra_loi": _sentence(opinion["answer"]) if opinion.get("answer") else "",
        "nguoi_tra_loi": opinion.get("answered_by") or "",
    }


def _minutes_stem(data: dict[str, Any]) -> str:
    """ "Biên bản tiếp xúc cử tri xã Biên Sơn ngày 02-12-2020"."""
    meeting = data["meeting"]
    place = f"{vn.lower(data['sub_unit_kind'])} {meeting['sub_unit']}"
    return f"Biên bản tiếp xúc cử tri {place} ngày {meeting['start'].strftime('%d-%m-%Y')}"


def front_issuer(round_: Mapping[str, Any], sub_unit: Mapping[str, Any]) -> dict[str, Any]:
    """Who draws up a meeting's minutes: the Front committee of the place (or of the commune)."""
    kind = vn.lower(sub_unit["kind"])
    level = level_of_unit_kind(kind)
    if level is None:  # a thôn or tổ dân phố: the commune's own Front
        issuer = round_["issuer"]
        level, kind, name = issuer["level"], vn.lower(issuer["unit_kind"]), issuer["unit_name"]
    else:
        name = sub_unit["name"]
    return {
        "level": level,
        "unit_kind": kind,
        "unit_name": name,
        "header_top": f"Ủy ban MTTQ Việt Nam {kind} {name}",
        "header_name": "Ban Thường trực",
        "symbol": "MTTQ",
    }


def minutes_data(round_: Mapping[str, Any], meeting: Mapping[str, Any]) -> dict[str, Any]:
    """The minutes of one meeting: its people and the voters' opinions, in the order raised."""
    unit = next(u for u in round_["sub_units"] if u["name"] == meeting["sub_unit"])
    group = next(g for g in round_["groups"] if g["number"] == meeting["group"])
    opinions = [
        {"voters": p["voters"], "content": p["content"], "answer": p.get("answer")}
        for p in round_["petitions"]
        if p["meeting"] == meeting["id"]
    ]
    return {
        "issuer": front_issuer(round_, unit),
        "council": round_["issuer"],
        "number": None,
        "session": round_["session"],
        "timing": round_["timing"],
        "group": group,
        "sub_unit_kind": unit["kind"],
        "meeting": meeting,
        "opinions": opinions,
    }


def _held(meeting: Mapping[str, Any], round_: Mapping[str, Any]) -> bool:
    """A meeting with voters counted or opinions recorded has minutes; one only planned has not."""
    return meeting.get("voters") is not None or any(
        p["meeting"] == meeting["id"] for p in round_["petitions"]
    )


def round_drafts(round_: Mapping[str, Any], _routing: routing.Routing) -> list[Draft]:
    """The minutes of every meeting held, in time order."""
    units = {u["name"]: u for u in round_["sub_units"]}
    drafts = []
    for meeting in sorted(round_["meetings"], key=lambda m: m["start"]):
        if not _held(meeting, round_):
            continue
        pids = tuple(p["id"] for p in round_["petitions"] if p["meeting"] == meeting["id"])
        place = routing.place_name(units[meeting["sub_unit"]])
        name = f"Biên bản {place} {meeting['start'].date().isoformat()}"
        drafts.append(Draft(DOCTYPE.id, minutes_data(round_, meeting), name, place, pids))
    return drafts


DOCTYPE = DocumentType(
    id="bien_ban_tiep_xuc",
    title="Biên bản hội nghị tiếp xúc cử tri",
    description="Biên bản một hội nghị: thành phần, ý kiến cử tri, trả lời tại chỗ.",
    type_name="Biên bản",
    schema=MinutesSchema,
    build_context=minutes_context,
    check_kind="bien_ban",
    stem=_minutes_stem,
    round_drafts=round_drafts,
    round_section="meetings",
)
