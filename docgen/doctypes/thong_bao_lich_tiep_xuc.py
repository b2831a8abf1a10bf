"""The schedule notice (thong_bao_lich_tiep_xuc): data, context, type, and its part in a round.

A round makes one notice listing every meeting, in time order. The notice may cite legal bases,
add a contents part, name the places in its summary and set out its meetings as a table or as
numbered entries: each is data, the sentences around them are the template's.
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
from docgen.schemas.round import GroupSchema, ScheduleWordingMixin
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


class ScheduleNoticeSchema(RoundRefMixin, ScheduleWordingMixin, DocumentSchema):
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


# A time or a weekday is one unit on paper: its words never part at a line's end (a narrow table
# cell would otherwise print "từ 7" over "giờ 30"). Text comparisons treat it as a space.
NO_BREAK = "\u00a0"


def _unbroken(text: str) -> str:
    return text.replace(" ", NO_BREAK)


def _mid_sentence(weekday: str) -> str:
    """ "thứ Ba", "chủ nhật": a weekday as written inside a sentence."""
    return weekday[:1].lower() + weekday[1:]


def _row(number: int, entry: dict[str, Any], group: dict[str, Any]) -> dict[str, Any]:
    """One meeting of the schedule, as the template's table row or numbered entry prints it."""
    present = entry["deputies"] or [d["name"] for d in group["deputies"]]
    by_name = {d["name"]: d for d in group["deputies"]}
    start = entry["start"]
    weekday = vn.weekday_name(start)
    return {
        "stt": number,
        "to_so": group["number"],
        "don_vi_bau_cu": group["area"],
        "dai_bieu": [
            {
                "ten": name,
                "to_truong": by_name[name]["leader"],
                "chuc_vu": by_name[name].get("role") or "",
            }
            for name in present
        ],
        "thu": _unbroken(weekday),  # "Thứ Ba", at the start of a cell or sentence
        "thu_trong_cau": _unbroken(_mid_sentence(weekday)),  # "thứ Ba"
        "ngay": dmy(start),  # "01/12/2020"
        "ngay_ngan": vn.short_date(start),  # "1/12/2020"
        "gio": _unbroken(clock(start)),  # "7 giờ 30"
        "gio_tat": f"{start.hour}h{start.minute:02d}",  # "7h30"
        "dia_diem": entry["venue"],
        "noi": f"{vn.lower(entry['sub_unit_kind'])} {entry['sub_unit']}",  # "xã Biên Sơn"
    }


def schedule_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the schedule notice's template fills its sentences with."""
    context = common_context(data, "TB")
    context.update(round_words(data["issuer"], data["session"], data["timing"]))
    groups = {g["number"]: g for g in data["groups"]}
    rows = [
        _row(number, entry, groups[entry["group"]])
        for number, entry in enumerate(data["entries"], start=1)
    ]
    days = sorted(entry["start"].date() for entry in data["entries"])
    opens = data["session"]["opens"]
    context.update(
        {
            "nhieu_to": len(groups) > 1,
            "to_so": data["groups"][0]["number"],
            "ke_hoach": data.get("plan") or "",
            "ten_co_quan": data["issuer"].get("body_name") or "",
            "ten_ky_hop": data["session"].get("name") or "",
            "khoa_so": data["session"]["term_ordinal"],
            "noi_tiep_xuc": data.get("places") or "",
            "ngay_khai_mac": dmy(opens),  # "21/12/2020"
            "ngay_khai_mac_ngan": vn.short_date(opens),  # "21/12/2020", "8/12/2026"
            "tu_ngay": dmy(days[0]),
            "den_ngay": dmy(days[-1]),
            "tu_ngay_ngan": vn.short_date(days[0]),
            "den_ngay_ngan": vn.short_date(days[-1]),
            "dang_bang": data.get("layout", "bang") == "bang",
            "lich": rows,
            "cac_noi": _plural_kinds([e["sub_unit_kind"] for e in data["entries"]]),
            "noi_dung": list(data.get("contents") or []),
            "de_nghi": list(data.get("requests") or []),
        }
    )
    return context


def schedule_data(round_: Mapping[str, Any]) -> dict[str, Any]:
    """The schedule notice's data: every meeting, in time order, and the notice's own wording."""
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
    section = round_["schedule"]
    return {
        **doc_part(round_, "schedule"),
        "legal_bases": list(section.get("legal_bases") or []),
        "plan": round_.get("plan"),
        "places": section.get("places"),
        "layout": section.get("layout") or "bang",
        "contents": list(section.get("contents") or []),
        "requests": list(section.get("requests") or []),
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
    "ten_co_quan": "Tên cơ quan khi văn bản tự nhắc đến mình, ví dụ Văn phòng Đoàn ĐBQH và "
    "HĐND tỉnh (có thể trống: khi đó mẫu viết “Thường trực HĐND …”)",
    "ten_ky_hop": "Tên kỳ họp, ví dụ kỳ họp thường lệ cuối năm 2025 (có thể trống)",
    "khoa_so": "Khóa của HĐND, bằng số (19)",
    "noi_tiep_xuc": "@places (có thể trống)",
    "ngay_khai_mac": "Ngày dự kiến khai mạc kỳ họp (08/12/2026)",
    "ngay_khai_mac_ngan": "Ngày dự kiến khai mạc kỳ họp, không thêm số 0 (8/12/2026)",
    "tu_ngay": "Ngày của buổi tiếp xúc đầu tiên (01/12/2020)",
    "den_ngay": "Ngày của buổi tiếp xúc cuối cùng (04/12/2020)",
    "tu_ngay_ngan": "Ngày của buổi tiếp xúc đầu tiên, không thêm số 0 (1/12/2020)",
    "den_ngay_ngan": "Ngày của buổi tiếp xúc cuối cùng, không thêm số 0 (4/12/2020)",
    "dang_bang": "Đúng khi lịch trình bày thành bảng; sai khi liệt kê từng buổi",
    "lich": "Các buổi tiếp xúc, theo thứ tự thời gian",
    "lich[].stt": "Số thứ tự",
    "lich[].to_so": "Số của Tổ đại biểu",
    "lich[].don_vi_bau_cu": "Đơn vị bầu cử của Tổ đại biểu",
    "lich[].dai_bieu": "Các đại biểu dự buổi tiếp xúc",
    "lich[].dai_bieu[].ten": "Họ và tên đại biểu",
    "lich[].dai_bieu[].to_truong": "Đúng khi là Tổ trưởng",
    "lich[].dai_bieu[].chuc_vu": "Chức vụ, nơi công tác của đại biểu (có thể trống)",
    "lich[].thu": "Thứ trong tuần, ở đầu câu hay đầu ô (Thứ Ba)",
    "lich[].thu_trong_cau": "Thứ trong tuần, ở giữa câu (thứ Ba)",
    "lich[].ngay": "Ngày (01/12/2020)",
    "lich[].ngay_ngan": "Ngày, không thêm số 0 (1/12/2020)",
    "lich[].gio": "Giờ bắt đầu (7 giờ 30), không bị tách xuống dòng",
    "lich[].gio_tat": "Giờ bắt đầu viết tắt (7h30)",
    "lich[].dia_diem": "@entries.venue",
    "lich[].noi": "Nơi có cử tri: loại và tên đơn vị (xã Biên Sơn)",
    "cac_noi": "Các loại đơn vị nơi tiếp xúc (xã, thị trấn)",
    "noi_dung": "@contents (có thể trống)",
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
