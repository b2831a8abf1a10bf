"""The minutes of one meeting (bien_ban_tiep_xuc): data, context, type, and its part in a round.

A round makes one set of minutes per meeting held, drawn up by the Front committee of the place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import routing, vn
from docgen.context import clock, count, header_top, recipient_lines, round_words
from docgen.doctypes.base import ROUND_RENAMED, DocumentType, Draft, council_name
from docgen.schemas.common import (
    Base,
    IssuerSchema,
    Text,
    label,
    legal_bases_field,
    recipient_line,
)
from docgen.schemas.round import GroupSchema, MeetingSchema, VoterSchema
from docgen.schemas.round_docs import RoundRefMixin
from docgen.vocab import level_of_unit_kind


class MinutesMeetingSchema(MeetingSchema):
    """The meeting the minutes record (as in the round; the id is optional here).

    A joint meeting's other places, its general answers and who draws up the minutes are the
    minutes' own fields (`joint_places`, `answers`, `issuer`), not the meeting's.
    """

    class Meta(MeetingSchema.Meta):
        exclude = ("joint_sub_units", "answers", "minutes_issuer")

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
    place = Text(
        load_default=None,
        metadata=label(
            "Cử tri thuộc đơn vị",
            "Ở hội nghị chung: đơn vị của cử tri, ví dụ tổ dân phố Khả Lễ (không bắt buộc)",
        ),
    )
    resolved = fields.Boolean(
        load_default=False,
        metadata=label(
            "Đã giải quyết xong tại hội nghị", "Cử tri không còn kiến nghị sau khi được trả lời"
        ),
    )

    @validates_schema
    def resolved_needs_answer(self, data: dict[str, Any], **_: Any) -> None:
        """An opinion settled at the meeting carries the answer that settled it."""
        if data.get("resolved") and not data.get("answer"):
            raise ValidationError(
                "Ý kiến đã giải quyết xong tại hội nghị cần nội dung trả lời.", field_name="answer"
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
    joint_places = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Cùng tiếp xúc cử tri",
            "Hội nghị chung: các đơn vị khác có cử tri dự, ví dụ tổ dân phố Khả Lễ",
        ),
    )
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
    legal_bases = legal_bases_field()
    recipients = fields.List(
        recipient_line(),
        load_default=list,
        metadata=label(
            "Nơi nhận",
            "Mỗi dòng một nơi nhận, ví dụ: Thường trực HĐND xã; mẫu tự in dòng “- Lưu: …” cuối",
        ),
    )
    archive = Text(
        load_default="VT, hồ sơ",
        metadata=label("Lưu", "Nơi lưu, như Mẫu 1.9 Nghị định 30: VT, hồ sơ"),
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
        "noi_chung": list(data["joint_places"]),  # a joint meeting's other places
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
        "recipients": recipient_lines(data["recipients"], data["archive"]),
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


def _opinion(opinion: dict[str, Any]) -> dict[str, Any]:
    voters = ", ".join(
        f"{v['name']} ({v['address']})" if v.get("address") else v["name"]
        for v in opinion["voters"]
    )
    place = opinion.get("place") or ""
    # The voters' own place at a joint meeting, unless every address already says it.
    if place and all(
        vn.lower(place) in vn.lower(v.get("address") or "") for v in opinion["voters"]
    ):
        place = ""
    return {
        "cu_tri": voters,  # "Dương Văn Hải (thôn Ao Sen), Lâm Thị Hoa (thôn Nà Hem)"
        "noi": place,  # "thôn Khả": a joint meeting's voters from another place
        "noi_dung": _sentence(opinion["content"]),
        "tra_loi": _sentence(opinion["answer"]) if opinion.get("answer") else "",
        "nguoi_tra_loi": opinion.get("answered_by") or "",
        "da_giai_quyet": bool(opinion.get("resolved")),  # settled: forwarded nowhere
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
    """The minutes of one meeting: its people, the voters' opinions in the order raised (each
    with its own place at a joint meeting, and the answer given), the general answers.

    Drawn up by the meeting's `minutes_issuer`, else the round's, else the Front of the place.
    """
    units = {u["name"]: u for u in round_["sub_units"]}
    unit = units[meeting["sub_unit"]]
    group = next(g for g in round_["groups"] if g["number"] == meeting["group"])
    joint = meeting.get("joint_sub_units") or []
    opinions = [
        {
            "voters": p["voters"],
            "content": p["content"],
            "answer": p.get("answer"),
            "answered_by": p.get("answered_by"),
            "resolved": bool(p.get("resolved_at_meeting")),
            "place": routing.place_name(units[routing.own_place(p, round_)]) if joint else None,
        }
        for p in round_["petitions"]
        if p["meeting"] == meeting["id"]
    ]
    own = {
        k: v
        for k, v in meeting.items()
        if k not in ("joint_sub_units", "answers", "minutes_issuer")
    }
    issuer = meeting.get("minutes_issuer") or round_.get("minutes_issuer")
    return {
        "issuer": issuer or front_issuer(round_, unit),
        "council": round_["issuer"],
        "number": None,
        "session": round_["session"],
        "timing": round_["timing"],
        "group": group,
        "sub_unit_kind": unit["kind"],
        "meeting": own,
        "joint_places": [routing.place_name(units[name]) for name in joint],
        "opinions": opinions,
        "answers": list(meeting.get("answers") or []),
        # The minutes go to the council whose deputies met the voters (Decree 30, model 1.9).
        "recipients": [f"Thường trực {council_name(round_)}"],
    }


def meeting_places(round_: Mapping[str, Any], meeting: Mapping[str, Any]) -> str:
    """ "tổ dân phố Hòa Đình, tổ dân phố Khả Lễ": every place a (joint) meeting covers."""
    units = {u["name"]: u for u in round_["sub_units"]}
    names = [meeting["sub_unit"], *(meeting.get("joint_sub_units") or [])]
    return ", ".join(routing.place_name(units[name]) for name in names)


def _held(meeting: Mapping[str, Any], round_: Mapping[str, Any]) -> bool:
    """A meeting with voters counted or opinions recorded has minutes; one only planned has not."""
    return meeting.get("voters") is not None or any(
        p["meeting"] == meeting["id"] for p in round_["petitions"]
    )


def round_drafts(round_: Mapping[str, Any], _routing: routing.Routing) -> list[Draft]:
    """The minutes of every meeting held, in time order."""
    drafts = []
    for meeting in sorted(round_["meetings"], key=lambda m: m["start"]):
        if not _held(meeting, round_):
            continue
        pids = tuple(p["id"] for p in round_["petitions"] if p["meeting"] == meeting["id"])
        place = meeting_places(round_, meeting)
        name = f"Biên bản {place} {meeting['start'].date().isoformat()}"
        drafts.append(Draft(DOCTYPE.id, minutes_data(round_, meeting), name, place, pids))
    return drafts


# What each name of the data means, for the staff guide (docgen/template_guide.py).
GUIDE = {
    "noi_chung": "Hội nghị chung: các đơn vị khác có cử tri dự (có thể trống)",
    "y_kien[].noi": "Hội nghị chung: đơn vị của cử tri nêu ý kiến (có thể trống)",
    "y_kien[].da_giai_quyet": "Đúng khi ý kiến đã được giải quyết xong tại hội nghị",
    "noi": "Nơi tiếp xúc: loại và tên đơn vị (xã Biên Sơn)",
    "to_so": "@group.number",
    "mat_tran": "@front (có thể trống)",
    "gio_bat_dau": "Giờ bắt đầu (7 giờ 30)",
    "thu": "Thứ trong tuần (Thứ Ba)",
    "ngay": "Ngày họp, viết đủ (ngày 01 tháng 12 năm 2020)",
    "dia_diem": "@meeting.venue",
    "dai_bieu": "Các đại biểu dự hội nghị",
    "dai_bieu[].ten": "Họ và tên đại biểu",
    "dai_bieu[].chuc_vu": "@group.deputies.role (có thể trống)",
    "dai_bieu[].to_truong": "Đúng khi là Tổ trưởng Tổ đại biểu",
    "chu_toa": "@meeting.chair",
    "chuc_vu_chu_toa": "@meeting.chair_title (có thể trống)",
    "thu_ky": "@meeting.secretary",
    "khach_moi": "@meeting.invited (có thể trống)",
    "so_cu_tri": "Số cử tri tham dự (có thể trống)",
    "bao_cao": "Đại biểu báo cáo tại hội nghị (mặc định là Tổ trưởng)",
    "bao_cao.ten": "Họ và tên đại biểu báo cáo",
    "bao_cao.chuc_vu": "Chức vụ của đại biểu báo cáo (có thể trống)",
    "bao_cao.to_truong": "Đúng khi đại biểu báo cáo là Tổ trưởng",
    "noi_dung_bao_cao": "@report (có thể trống)",
    "so_y_kien": "Số ý kiến cử tri phát biểu (04)",
    "y_kien": "Các ý kiến của cử tri, theo thứ tự phát biểu",
    "y_kien[].cu_tri": "Cử tri nêu ý kiến: họ tên (nơi ở), cách nhau dấu phẩy",
    "y_kien[].noi_dung": "Nội dung ý kiến, có dấu chấm cuối",
    "y_kien[].tra_loi": "Trả lời tại hội nghị (có thể trống)",
    "y_kien[].nguoi_tra_loi": "@opinions.answered_by (có thể trống)",
    "tra_loi": "@answers (có thể trống)",
    "tra_loi[].nguoi": "@answers.speaker",
    "tra_loi[].chuc_vu": "@answers.title (có thể trống)",
    "tra_loi[].noi_dung": "@answers.content",
    "ket_luan": "@closing (có thể trống)",
    "gio_ket_thuc": "Giờ kết thúc (10 giờ 45)",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="bien_ban_tiep_xuc",
    title="Biên bản hội nghị tiếp xúc cử tri",
    description="Biên bản một hội nghị: thành phần, ý kiến cử tri, trả lời tại chỗ.",
    type_name="Biên bản",
    schema=MinutesSchema,
    build_context=minutes_context,
    check_kind="bien_ban",
    stem=_minutes_stem,
    round_drafts=round_drafts,
    renamed={
        **ROUND_RENAMED,
        **{
            "secretary": "thu_ky",
            "chair_name": "chu_toa",
            "invited": "khach_moi",
            "deputies": "dai_bieu",
            "opinions": "y_kien",
            "answers": "tra_loi",
            "chair": "",
            "summary": "",
            "opening": "",
            "voters": "",
            "agenda_open": "",
            "agenda_report": "",
            "opinions_intro": "",
            "closing": "",
            "ending": "",
        },
    },
    round_section="meetings",
)
