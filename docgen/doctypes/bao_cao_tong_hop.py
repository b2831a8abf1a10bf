"""The summary report (bao_cao_tong_hop): data, context, type, and its part in a round.

A round makes one report of the items within the competence of the council's own UBND and of
bodies above it, with the round's counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import report_layout, routing, vn
from docgen.context import common_context, count, dmy, reference_number, round_words
from docgen.doctypes.base import ROUND_RENAMED, DocumentType, Draft, council_name, doc_part
from docgen.doctypes.items import item_data
from docgen.schemas.common import Base, DocumentSchema, Text, label, notes_field, period_errors
from docgen.schemas.round import ReportStyleMixin
from docgen.schemas.round_docs import (
    FieldListMixin,
    PetitionItemSchema,
    RoundRefMixin,
    item_opinions,
    level_errors,
)
from docgen.vocab import COMPETENCE_LEVELS, field_table

FIELD_KEY = validate.Regexp(r"^[a-z0-9_]+$", error="Mã lĩnh vực: chữ thường không dấu, số, _.")


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
    resolved = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0),
        metadata=label(
            "Số ý kiến đã giải quyết xong tại hội nghị",
            "Cử tri không còn kiến nghị sau khi được trả lời: không chuyển đi (không bắt buộc)",
        ),
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
        keys=fields.String(validate=FIELD_KEY),
        values=fields.Integer(validate=validate.Range(min=0)),
        required=True,
        metadata=label("Số nội dung theo lĩnh vực", "Số nội dung của từng lĩnh vực"),
    )


class SummaryReportSchema(FieldListMixin, ReportStyleMixin, RoundRefMixin, DocumentSchema):
    """Báo cáo tổng hợp ý kiến, kiến nghị của cử tri (BC-HĐND), with its appendix table.

    Only items within the competence of the council's own UBND or of bodies above it belong
    here (`items[].level` at the issuer's level or higher); the counts are printed as given
    (counted by "lượt ý kiến", the groups' figures are the items' `opinions`). The council's own
    list of fields (`petition_fields`), section order and details (`section_order`, `details`)
    are optional: the default twelve fields, its own level first, items in body and appendix.
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
    notes = notes_field("In dưới bảng phụ lục")

    @validates_schema
    def consistent(self, data: dict[str, Any], **_: Any) -> None:
        """Dates in order; items at the council's level or above; counts agree with the items."""
        errors: dict[str, Any] = {}
        errors.update(period_errors(data))
        items, issuer, counts = data.get("items"), data.get("issuer"), data.get("counts")
        if items is not None and issuer and (wrong := level_errors(items, issuer["level"])):
            errors["items"] = wrong
        if items is not None and counts:
            errors.update(_count_errors(items, counts))
        if issuer and (
            order_wrong := report_layout.section_order_errors(
                data.get("section_order"), issuer["level"]
            )
        ):
            errors["section_order"] = order_wrong
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
    elif sum(item_opinions(i) for i in items) > counts["opinions"]:
        problems["opinions"] = ["Số ý kiến không thể ít hơn tổng số lượt ý kiến của các nội dung."]
    if (counts.get("resolved") or 0) > (counts.get("answered") or 0):
        problems["resolved"] = ["Ý kiến giải quyết xong tại hội nghị phải là ý kiến đã trả lời."]
    return {"counts": problems} if problems else {}


def _tally(items: Sequence[Mapping[str, Any]], by_times: bool) -> int:
    """What a group's figure counts: its items, or every time they were raised."""
    return sum(item_opinions(dict(i)) for i in items) if by_times else len(items)


def _items(
    items: list[dict[str, Any]], table: Mapping[str, str], by_times: bool
) -> list[dict[str, Any]]:
    """Items grouped by field in the council's order: the field's name, the count, the items."""
    return [
        {
            "linh_vuc": vn.lower(table[field]),  # "đất đai"
            "so": count(_tally(chosen, by_times)),
            "noi_dung": [
                {
                    "tom_tat": i["summary"].rstrip(" .;"),
                    "noi": ", ".join(i["places"]),  # "xã Biên Sơn, thị trấn Chũ"
                    "co_quan": i["body"],
                }
                for i in chosen
            ],
        }
        for field in table
        if (chosen := [i for i in items if i["field"] == field])
    ]


def report_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the summary report's template fills its sentences with."""
    issuer, counts, items = data["issuer"], data["counts"], data["items"]
    table = field_table(data.get("petition_fields"))
    by_times = data.get("count_by") == "luot_y_kien"
    context = common_context(data, "BC")
    context.update(round_words(issuer, data["session"], data["timing"]))
    own_level = issuer["level"]
    order = report_layout.section_order(data.get("section_order"), own_level)
    own = [i for i in items if i["level"] == own_level]
    upward_levels = [lv for lv in order if lv != own_level]
    upward = [
        {
            "cap": vn.lower(COMPETENCE_LEVELS[lv]),  # "cấp tỉnh", "trung ương"
            "so": count(_tally(chosen, by_times)),
            "linh_vuc": _items(chosen, table, by_times),
        }
        for lv in upward_levels
        if (chosen := [i for i in items if i["level"] == lv])
    ]
    # The sections after I, in the council's order, numbered on only when they have items.
    kinds = ["cap_minh", "cap_tren"] if order[0] == own_level else ["cap_tren", "cap_minh"]
    present = {"cap_minh": bool(own), "cap_tren": bool(upward)}
    blocks = [
        {"loai": kind, "so": vn.roman(n)}
        for n, kind in enumerate((k for k in kinds if present[k]), start=2)
    ]
    numerals = {b["loai"]: b["so"] for b in blocks}
    by_level = {
        "cap_minh": [own_level],
        "cap_tren": upward_levels,
    }
    ordered = [
        i
        for kind in kinds
        for lv in by_level[kind]
        for f in table
        for i in items
        if i["level"] == lv and i["field"] == f
    ]
    if by_times:
        theo_cap = [
            {"cap": vn.lower(COMPETENCE_LEVELS[lv]), "so": count(_tally(chosen, True))}
            for lv in order
            if (chosen := [i for i in items if i["level"] == lv])
        ]
        theo_linh_vuc = [
            {"linh_vuc": vn.lower(table[f]), "so": count(_tally(chosen, True))}
            for f in table
            if (chosen := [i for i in items if i["field"] == f])
        ]
    else:
        theo_cap = [
            {"cap": vn.lower(COMPETENCE_LEVELS[lv]), "so": count(counts["by_level"][lv])}
            for lv in order
            if counts["by_level"].get(lv)
        ]
        theo_linh_vuc = [
            {"linh_vuc": vn.lower(table[f]), "so": count(counts["by_field"][f])}
            for f in table
            if counts["by_field"].get(f)
        ]
    context.update(
        {
            "ke_hoach": data.get("plan") or "",
            "tu_ngay": dmy(data["start_date"]),
            "den_ngay": dmy(data["end_date"]),
            "cac_noi": data["sub_units"],  # "xã, thị trấn"
            "so_hoi_nghi": count(counts["meetings"]),
            "so_luot_cu_tri": count(counts["voters"]),
            "so_y_kien": count(counts["opinions"]),
            "so_tra_loi": count(counts["answered"]) if counts.get("answered") else "",
            "so_giai_quyet": count(counts["resolved"]) if counts.get("resolved") else "",
            "so_noi_dung": count(counts["items"]),
            "so_luot_y_kien": count(_tally(items, True)),
            "dem_luot": by_times,
            "chi_tiet_phu_luc": data.get("details") == "phu_luc",
            "so_chuyen_cap_duoi": (
                count(counts["forwarded_down"]) if counts.get("forwarded_down") else ""
            ),
            "theo_cap": theo_cap,
            "theo_linh_vuc": theo_linh_vuc,
            "cac_muc": blocks,
            "muc_cap_minh": numerals.get("cap_minh", ""),
            "muc_cap_tren": numerals.get("cap_tren", ""),
            "muc_de_xuat": vn.roman(len(blocks) + 2),
            "cap_minh": _items(own, table, by_times),
            "cap_tren": upward,
            "de_xuat": list(data["proposals"]),
            "ghi_chu": list(data.get("notes") or []),
            "so_ky_hieu": reference_number(context["number_line"]),  # "125/BC-HĐND"
            "ngay_ban_hanh": dmy(data["date"]),
            "phu_luc": [
                {
                    "stt": n,
                    "tom_tat": i["summary"],
                    "noi": ", ".join(i["places"]),
                    "linh_vuc": table[i["field"]],  # "Đất đai"
                    "co_quan": i["body"],
                    "cap": vn.lower(COMPETENCE_LEVELS[i["level"]]),
                    "so_luot": count(item_opinions(i)),
                    "nhieu_lan": item_opinions(i) > 1,  # raised more than once
                }
                for n, i in enumerate(ordered, start=1)
            ],
        }
    )
    return context


def _kinds_phrase(sub_units: Sequence[Mapping[str, Any]]) -> str:
    """The kinds of the round's places, as a report names them: "xã, thị trấn"."""
    # The most frequent kind first ("xã, thị trấn"), ties in the order first listed.
    kinds = Counter(vn.lower(u["kind"]) for u in sub_units)
    return ", ".join(kind for kind, _ in kinds.most_common())


def counts_data(counts: routing.Counts) -> dict[str, Any]:
    """The report's counts: the round's figures, and the report's items by level and field."""
    return {
        "meetings": counts.meetings,
        "voters": counts.voters,
        "opinions": counts.opinions,
        "items": counts.report_items,
        "answered": counts.answered,
        "resolved": counts.resolved,
        "forwarded_down": counts.lower_items,
        "by_level": {t.key: t.items for t in counts.report_by_level},
        "by_field": {t.key: t.items for t in counts.report_by_field},
    }


def report_data(round_: Mapping[str, Any], result: routing.Routing) -> dict[str, Any]:
    """The summary report's data: the report's items and the computed counts."""
    places = {u["name"]: routing.place_name(u) for u in round_["sub_units"]}
    part = round_["report"]
    return {
        **doc_part(round_, "report"),
        "legal_bases": list(part.get("legal_bases") or []),
        "notes": list(part.get("notes") or []),
        "petition_fields": round_.get("petition_fields"),
        **{key: part.get(key) for key in report_layout.STYLE_DEFAULTS},
        "plan": round_.get("plan"),
        "start_date": round_["start_date"],
        "end_date": round_["end_date"],
        "sub_units": _kinds_phrase(round_["sub_units"]),
        "counts": counts_data(result.counts),
        "items": [item_data(item, places) for item in result.report_items],
    }


def round_drafts(round_: Mapping[str, Any], result: routing.Routing) -> list[Draft]:
    """The round's one summary report."""
    return [
        Draft(
            DOCTYPE.id,
            report_data(round_, result),
            "Báo cáo tổng hợp ý kiến cử tri",
            "; ".join(round_["report"]["recipients"]) or council_name(round_),
            tuple(pid for item in result.report_items for pid in item.petition_ids),
        )
    ]


# What each name of the data means, for the staff guide (docgen/template_guide.py).
GUIDE = {
    "so_giai_quyet": "@counts.resolved (có thể trống)",
    "ke_hoach": "@plan (có thể trống)",
    "tu_ngay": "@start_date",
    "den_ngay": "@end_date",
    "cac_noi": "@sub_units",
    "so_hoi_nghi": "@counts.meetings",
    "so_luot_cu_tri": "@counts.voters",
    "so_y_kien": "@counts.opinions",
    "so_tra_loi": "@counts.answered (có thể trống)",
    "so_noi_dung": "@counts.items",
    "so_luot_y_kien": "Số lượt ý kiến của các nội dung trong báo cáo (mỗi lần nêu một lượt)",
    "dem_luot": "Đúng khi hội đồng đếm theo lượt ý kiến (@count_by)",
    "chi_tiet_phu_luc": "Đúng khi từng nội dung chỉ nêu trong phụ lục (@details)",
    "cac_muc": "Các mục sau mục I, theo thứ tự của hội đồng (@section_order)",
    "cac_muc[].loai": "Loại mục: cap_minh (thẩm quyền UBND cùng cấp) hoặc cap_tren",
    "cac_muc[].so": "Số La Mã của mục",
    "ghi_chu": "@notes (có thể trống)",
    "phu_luc[].so_luot": "Số lượt ý kiến của nội dung",
    "phu_luc[].nhieu_lan": "Đúng khi nội dung được nêu nhiều lần (nhiều lượt ý kiến)",
    "so_chuyen_cap_duoi": "@counts.forwarded_down (có thể trống)",
    "theo_cap": "Số nội dung (hoặc lượt ý kiến) theo cấp giải quyết, theo thứ tự các mục",
    "theo_cap[].cap": "Cấp giải quyết (cấp tỉnh, trung ương)",
    "theo_cap[].so": "Số nội dung của cấp",
    "theo_linh_vuc": "Số nội dung theo lĩnh vực",
    "theo_linh_vuc[].linh_vuc": "Lĩnh vực, viết thường",
    "theo_linh_vuc[].so": "Số nội dung của lĩnh vực",
    "muc_cap_minh": "Số La Mã của mục “thuộc thẩm quyền của UBND” (có thể trống)",
    "muc_cap_tren": "Số La Mã của mục “thuộc thẩm quyền của cơ quan cấp trên” (có thể trống)",
    "muc_de_xuat": "Số La Mã của mục “đề xuất, kiến nghị”",
    "cap_minh": "Nội dung thuộc thẩm quyền UBND cùng cấp, theo lĩnh vực (có thể trống)",
    "cap_minh[].linh_vuc": "Lĩnh vực, viết thường",
    "cap_minh[].so": "Số nội dung của lĩnh vực",
    "cap_minh[].noi_dung": "Các nội dung của lĩnh vực",
    "cap_minh[].noi_dung[].tom_tat": "Nội dung tóm tắt, không có dấu chấm cuối",
    "cap_minh[].noi_dung[].noi": "Nơi cử tri nêu, cách nhau dấu phẩy",
    "cap_minh[].noi_dung[].co_quan": "@items.body",
    "cap_tren": "Nội dung thuộc thẩm quyền cấp trên, theo cấp (có thể trống)",
    "cap_tren[].cap": "Cấp giải quyết (cấp tỉnh, trung ương)",
    "cap_tren[].so": "Số nội dung của cấp",
    "cap_tren[].linh_vuc": "Các lĩnh vực của cấp",
    "cap_tren[].linh_vuc[].linh_vuc": "Lĩnh vực, viết thường",
    "cap_tren[].linh_vuc[].so": "Số nội dung của lĩnh vực",
    "cap_tren[].linh_vuc[].noi_dung": "Các nội dung của lĩnh vực",
    "cap_tren[].linh_vuc[].noi_dung[].tom_tat": "Nội dung tóm tắt, không có dấu chấm cuối",
    "cap_tren[].linh_vuc[].noi_dung[].noi": "Nơi cử tri nêu, cách nhau dấu phẩy",
    "cap_tren[].linh_vuc[].noi_dung[].co_quan": "@items.body",
    "de_xuat": "@proposals (có thể trống)",
    "so_ky_hieu": "Số và ký hiệu của báo cáo (125/BC-HĐND)",
    "ngay_ban_hanh": "Ngày ban hành (08/12/2020)",
    "phu_luc": "Các dòng của bảng phụ lục, theo thứ tự trong báo cáo",
    "phu_luc[].stt": "Số thứ tự",
    "phu_luc[].tom_tat": "@items.summary",
    "phu_luc[].noi": "Nơi cử tri nêu, cách nhau dấu phẩy",
    "phu_luc[].linh_vuc": "Lĩnh vực (Đất đai)",
    "phu_luc[].co_quan": "@items.body",
    "phu_luc[].cap": "Cấp giải quyết, viết thường",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="bao_cao_tong_hop",
    title="Báo cáo tổng hợp ý kiến, kiến nghị của cử tri",
    description="Tổng hợp ý kiến, kiến nghị của cử tri sau một đợt tiếp xúc, kèm phụ lục.",
    type_name="Báo cáo",
    schema=SummaryReportSchema,
    build_context=report_context,
    round_drafts=round_drafts,
    renamed={
        **ROUND_RENAMED,
        **{
            "own": "cap_minh",
            "upward": "cap_tren",
            "proposals": "de_xuat",
            "appendix": "phu_luc",
            "short_date": "ngay_ban_hanh",
            "intro": "",
            "overview": "",
            "own_heading": "",
            "upward_heading": "",
            "proposals_heading": "",
            "closing": "",
            "appendix_title": "",
            "appendix_ref": "",
        },
    },
    round_section="report",
)
