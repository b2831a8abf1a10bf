"""The schedule notice (thong_bao_lich_tiep_xuc): data, context, type, and its part in a round.

A round makes one notice listing every meeting, in time order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import vn
from docgen.context import clock, common_context, dmy, round_words, unique
from docgen.doctypes.base import ROUND_RENAMED, DocumentType, Draft, council_name, doc_part
from docgen.routing import Routing
from docgen.schemas.common import Base, DocumentSchema, Text, label
from docgen.schemas.round import GroupSchema
from docgen.schemas.round_docs import RoundRefMixin


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


def _plural_kinds(kinds: list[str]) -> str:
    """ "xã, thị trấn" from the kinds of the places met, in order."""
    return ", ".join(unique(vn.lower(k) for k in kinds))


def schedule_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the schedule notice's template fills its sentences with."""
    context = common_context(data, "TB")
    context.update(round_words(data["issuer"], data["session"], data["timing"]))
    groups = {g["number"]: g for g in data["groups"]}
    rows = []
    for number, entry in enumerate(data["entries"], start=1):
        group = groups[entry["group"]]
        present = entry["deputies"] or [d["name"] for d in group["deputies"]]
        leaders = {d["name"] for d in group["deputies"] if d["leader"]}
        start = entry["start"]
        rows.append(
            {
                "stt": number,
                "to_so": group["number"],
                "dai_bieu": [{"ten": name, "to_truong": name in leaders} for name in present],
                "thu": vn.weekday_name(start),  # "Thứ Ba"
                "ngay": dmy(start),  # "01/12/2020"
                "gio": clock(start),  # "7 giờ 30"
                "dia_diem": entry["venue"],
                "noi": f"{vn.lower(entry['sub_unit_kind'])} {entry['sub_unit']}",  # "xã Biên Sơn"
            }
        )
    context.update(
        {
            "nhieu_to": len(groups) > 1,
            "to_so": data["groups"][0]["number"],
            "ke_hoach": data.get("plan") or "",
            "ngay_khai_mac": vn.short_date(data["session"]["opens"]),  # "21/12/2020"
            "lich": rows,
            "cac_noi": _plural_kinds([e["sub_unit_kind"] for e in data["entries"]]),
            "de_nghi": list(data["requests"]),
        }
    )
    return context


def schedule_data(round_: Mapping[str, Any]) -> dict[str, Any]:
    """The schedule notice's data: every meeting, in time order."""
    kinds = {u["name"]: u["kind"] for u in round_["sub_units"]}
    entries = [
        {
            "group": m["group"],
            "sub_unit": m["sub_unit"],
            "sub_unit_kind": kinds[m["sub_unit"]],
            "venue": m["venue"],
            "start": m["start"],
            "deputies": m["deputies_present"],
        }
        for m in sorted(round_["meetings"], key=lambda m: m["start"])
    ]
    return {
        **doc_part(round_, "schedule"),
        "plan": round_.get("plan"),
        "groups": round_["groups"],
        "entries": entries,
    }


def round_drafts(round_: Mapping[str, Any], _routing: Routing) -> list[Draft]:
    """One notice for the round's meetings, when the round has a schedule section and meetings."""
    if not (round_.get("schedule") and round_["meetings"]):
        return []
    return [
        Draft(
            DOCTYPE.id,
            schedule_data(round_),
            "Thông báo lịch tiếp xúc cử tri",
            f"Các Tổ đại biểu {council_name(round_)} và cử tri",
        )
    ]


# What each name of the data means, for the staff guide (docgen/template_guide.py).
GUIDE = {
    "nhieu_to": "Đúng khi lịch có từ hai Tổ đại biểu trở lên",
    "to_so": "Số của Tổ đại biểu (khi lịch chỉ có một Tổ)",
    "ke_hoach": "@plan (có thể trống)",
    "ngay_khai_mac": "Ngày dự kiến khai mạc kỳ họp (21/12/2020)",
    "lich": "Các buổi tiếp xúc, theo thứ tự thời gian",
    "lich[].stt": "Số thứ tự",
    "lich[].to_so": "Số của Tổ đại biểu",
    "lich[].dai_bieu": "Các đại biểu dự buổi tiếp xúc",
    "lich[].dai_bieu[].ten": "Họ và tên đại biểu",
    "lich[].dai_bieu[].to_truong": "Đúng khi là Tổ trưởng",
    "lich[].thu": "Thứ trong tuần (Thứ Ba)",
    "lich[].ngay": "Ngày (01/12/2020)",
    "lich[].gio": "Giờ bắt đầu (7 giờ 30)",
    "lich[].dia_diem": "@entries.venue",
    "lich[].noi": "Nơi có cử tri: loại và tên đơn vị (xã Biên Sơn)",
    "cac_noi": "Các loại đơn vị nơi tiếp xúc (xã, thị trấn)",
    "de_nghi": "@requests (có thể trống)",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="thong_bao_lich_tiep_xuc",
    title="Thông báo lịch tiếp xúc cử tri",
    description="Lịch tiếp xúc cử tri của các Tổ đại biểu: thời gian, địa điểm, cử tri.",
    type_name="Thông báo",
    schema=ScheduleNoticeSchema,
    build_context=schedule_context,
    round_drafts=round_drafts,
    renamed={
        **ROUND_RENAMED,
        **{"rows": "lich", "requests": "de_nghi", "groups_phrase": "", "intro": "", "closing": ""},
    },
    round_section="schedule",
)
