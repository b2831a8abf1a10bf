"""The schedule notice (thong_bao_lich_tiep_xuc): data, context, type, and its part in a round.

A round makes one notice listing every meeting, in time order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import vn
from docgen.context import clock, common_context, council_names, dmy, session_phrases, unique
from docgen.doctypes.base import DocumentType, Draft, council_name, doc_part
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
    """Everything the schedule notice template prints."""
    issuer = data["issuer"]
    names = council_names(issuer)
    context = common_context(data, "TB")
    context.update(names)
    context.update(session_phrases(data["session"], data["timing"], issuer))
    groups = {g["number"]: g for g in data["groups"]}
    several = len(groups) > 1
    context["groups_phrase"] = (
        f"các Tổ đại biểu {names['council']}"
        if several
        else f"Tổ đại biểu {names['council']} số {data['groups'][0]['number']}"
    )
    rows = []
    for number, entry in enumerate(data["entries"], start=1):
        group = groups[entry["group"]]
        present = entry["deputies"] or [d["name"] for d in group["deputies"]]
        leaders = {d["name"] for d in group["deputies"] if d["leader"]}
        rows.append(
            {
                "number": number,
                "group": f"Tổ số {group['number']}",
                "deputies": "\n".join(
                    f"{name} (Tổ trưởng)" if name in leaders else name for name in present
                ),
                "time": f"{vn.weekday_name(entry['start'])}, {dmy(entry['start'])}, "
                f"từ {clock(entry['start'])}",
                "venue": entry["venue"],
                "voters": f"Cử tri {vn.lower(entry['sub_unit_kind'])} {entry['sub_unit']}",
            }
        )
    context["rows"] = rows
    opens = data["session"]["opens"]
    context["intro"] = (
        (f"Thực hiện {data['plan']}, " if data.get("plan") else "")
        + f"Thường trực {names['council']} thông báo lịch tiếp xúc cử tri của "
        f"{context['groups_phrase']} {context['round_full']} (dự kiến khai mạc ngày "
        f"{vn.short_date(opens)}) như sau:"
    )
    context["requests"] = list(data["requests"]) or default_requests(
        issuer, _plural_kinds([e["sub_unit_kind"] for e in data["entries"]])
    )
    context["closing"] = (
        f"Thường trực {names['council']} thông báo để các Tổ đại biểu {names['council']}, "
        "các cơ quan, đơn vị có liên quan biết, phối hợp thực hiện./."
    )
    return context


def default_requests(issuer: dict[str, Any], sub_units: str) -> list[str]:
    """What the notice asks of the places met and of the UBND, by the council's level."""
    names = council_names(issuer)
    if issuer["level"] == "xa":  # thôn and tổ dân phố have no council of their own
        places = (
            f"Ban Thường trực Ủy ban MTTQ {names['unit']} phối hợp với Trưởng các {sub_units} "
            "nơi tổ chức tiếp xúc cử tri"
        )
    else:
        places = (
            f"Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ các {sub_units} nơi tổ chức "
            "tiếp xúc cử tri"
        )
    return [
        f"Đề nghị {places} chuẩn bị địa điểm, thông báo rộng rãi để cử tri biết và tham dự.",
        f"Đề nghị UBND {names['unit']} chỉ đạo các cơ quan chuyên môn, đơn vị có liên quan cử "
        "đại diện lãnh đạo tham dự để tiếp thu, giải trình các ý kiến, kiến nghị của cử tri "
        "thuộc lĩnh vực phụ trách.",
    ]


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


DOCTYPE = DocumentType(
    id="thong_bao_lich_tiep_xuc",
    title="Thông báo lịch tiếp xúc cử tri",
    description="Lịch tiếp xúc cử tri của các Tổ đại biểu: thời gian, địa điểm, cử tri.",
    type_name="Thông báo",
    schema=ScheduleNoticeSchema,
    build_context=schedule_context,
    round_drafts=round_drafts,
    round_section="schedule",
)
