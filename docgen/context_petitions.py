"""Render context of the summary report, and petition items written and grouped by field."""

from __future__ import annotations

from typing import Any

from docgen import vn
from docgen.context import common_context
from docgen.context_round import council_names, count, dmy, session_phrases
from docgen.schemas.round import COMPETENCE_LEVELS, LEVEL_RANK, PETITION_FIELDS


def field_heading(field: str) -> str:
    """ "Lĩnh vực đất đai", "Lĩnh vực khác"."""
    return f"Lĩnh vực {vn.lower(PETITION_FIELDS[field])}"


def item_line(item: dict[str, Any], with_body: bool = False) -> str:
    """One item as a bullet: its summary, the places that raised it (and who resolves it)."""
    summary = item["summary"].rstrip(" .;")
    places = ", ".join(item["places"])
    tail = f"; cơ quan giải quyết: {item['body']}" if with_body else ""
    return f"- {summary} (cử tri {places}{tail})."


def by_field(items: list[dict[str, Any]], with_body: bool = False) -> list[dict[str, Any]]:
    """Items grouped by field in the fixed order, each group with its heading and count."""
    groups = []
    for field in PETITION_FIELDS:
        chosen = [i for i in items if i["field"] == field]
        if chosen:
            groups.append(
                {
                    "heading": field_heading(field),
                    "count": count(len(chosen)),
                    "lines": [item_line(i, with_body) for i in chosen],
                    "items": chosen,
                }
            )
    return groups


def attachment_ref(type_name: str, context: dict[str, Any], council: str) -> str:
    """ "(Kèm theo Báo cáo số 125/BC-HĐND ngày 07/12/2026 của Thường trực HĐND xã)"."""
    number = context["number_line"].removeprefix("Số:").strip()
    return (
        f"(Kèm theo {type_name} số {number} ngày {context['short_date']} của Thường trực {council})"
    )


def report_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the summary report template prints."""
    issuer, counts, items = data["issuer"], data["counts"], data["items"]
    names = council_names(issuer)
    phrases = session_phrases(data["session"], data["timing"], issuer)
    context = common_context(data, "BC")
    context.update(names)
    context.update(phrases)
    context["short_date"] = dmy(data["date"])
    council, unit = names["council"], names["unit"]
    own_rank = LEVEL_RANK[issuer["level"]]
    own = [i for i in items if LEVEL_RANK[i["level"]] == own_rank]
    upward = [i for i in items if LEVEL_RANK[i["level"]] < own_rank]
    levels_up = [lv for lv in reversed(COMPETENCE_LEVELS) if LEVEL_RANK[lv] <= own_rank]
    context["intro"] = (
        (f"Thực hiện {data['plan']}, từ ngày" if data.get("plan") else "Từ ngày")
        + f" {dmy(data['start_date'])} đến ngày {dmy(data['end_date'])}, các Tổ đại biểu "
        f"{council} đã tổ chức tiếp xúc cử tri {phrases['round_full']} tại các "
        f"{data['sub_units']}. Thường trực {council} tổng hợp ý kiến, kiến nghị của cử tri như sau:"
    )
    answered = (
        f", trong đó {count(counts['answered'])} ý kiến đã được trả lời trực tiếp tại hội nghị"
        if counts.get("answered")
        else ""
    )
    context["overview"] = [
        f"Các Tổ đại biểu {council} đã tổ chức {count(counts['meetings'])} hội nghị tiếp xúc cử "
        f"tri với {count(counts['voters'])} lượt cử tri tham dự; cử tri nêu "
        f"{count(counts['opinions'])} ý kiến, kiến nghị{answered}.",
        f"Sau khi tổng hợp, gộp các ý kiến trùng nội dung, có {count(counts['items'])} nội dung "
        f"kiến nghị thuộc thẩm quyền giải quyết của UBND {unit} và các cơ quan cấp trên.",
        f"Báo cáo này chỉ tổng hợp các ý kiến, kiến nghị thuộc thẩm quyền giải quyết của UBND "
        f"{unit} và của các cơ quan cấp trên."
        + (
            f" Có {count(counts['forwarded_down'])} nội dung thuộc thẩm quyền giải quyết của các "
            f"{data['sub_units']} đã được chuyển đến Thường trực HĐND, UBND các "
            f"{data['sub_units']} xem xét, giải quyết."
            if counts.get("forwarded_down") and issuer["level"] != "xa"
            else ""
        ),
    ]
    by_level = [
        f"{vn.lower(COMPETENCE_LEVELS[lv])} {count(counts['by_level'][lv])} nội dung"
        for lv in levels_up
        if counts["by_level"].get(lv)
    ]
    fields = [
        f"{vn.lower(PETITION_FIELDS[f])} {count(counts['by_field'][f])} nội dung"
        for f in PETITION_FIELDS
        if counts["by_field"].get(f)
    ]
    if by_level:
        context["overview"].append(f"Phân theo cấp giải quyết: {'; '.join(by_level)}.")
    if fields:
        context["overview"].append(f"Phân theo lĩnh vực: {'; '.join(fields)}.")
    headings = iter(vn.roman(n) for n in range(2, 5))
    context["own_heading"] = (
        f"{next(headings)}. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA UBND {vn.upper(unit)}"
        if own
        else ""
    )
    context["upward_heading"] = (
        f"{next(headings)}. Ý KIẾN, KIẾN NGHỊ THUỘC THẨM QUYỀN CỦA CƠ QUAN CẤP TRÊN"
        if upward
        else ""
    )
    context["proposals_heading"] = f"{next(headings)}. ĐỀ XUẤT, KIẾN NGHỊ"
    context["own"] = by_field(own)
    context["upward"] = [
        {
            "heading": f"{n}. Thuộc thẩm quyền {vn.lower(COMPETENCE_LEVELS[lv])} "
            f"({count(len(chosen))} nội dung)",
            "fields": by_field(chosen, with_body=True),
        }
        for n, (lv, chosen) in enumerate(
            (
                (lv, [i for i in upward if i["level"] == lv])
                for lv in levels_up
                if any(i["level"] == lv for i in upward)
            ),
            start=1,
        )
    ]
    context["proposals"] = list(data["proposals"]) or _default_proposals(
        names, phrases, data["timing"], bool(upward)
    )
    context["closing"] = (
        f"Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của cử tri {phrases['round']} của "
        f"Thường trực {council}./."
    )
    context["appendix_title"] = vn.upper(
        f"Danh mục ý kiến, kiến nghị của cử tri {phrases['round']}"
    )
    context["appendix_ref"] = attachment_ref("Báo cáo", context, council)
    ordered = [i for g in context["own"] for i in g["items"]] + [
        i for lv in context["upward"] for g in lv["fields"] for i in g["items"]
    ]
    context["appendix"] = [
        {
            "number": n,
            "summary": i["summary"],
            "places": ", ".join(i["places"]),
            "field": PETITION_FIELDS[i["field"]],
            "body": f"{i['body']} ({vn.lower(COMPETENCE_LEVELS[i['level']])})",
        }
        for n, i in enumerate(ordered, start=1)
    ]
    return context


def _default_proposals(
    names: dict[str, str], phrases: dict[str, str], timing: str, upward: bool
) -> list[str]:
    when = f"tại {phrases['session']}" if timing == "truoc" else "tại kỳ họp thường lệ tiếp theo"
    proposals = [
        f"Đề nghị UBND {names['unit']} chỉ đạo các cơ quan chuyên môn, đơn vị có liên quan xem "
        f"xét, giải quyết các ý kiến, kiến nghị của cử tri thuộc thẩm quyền; báo cáo kết quả "
        f"giải quyết {when}."
    ]
    if upward:
        proposals.append(
            f"Thường trực {names['council']} chuyển các ý kiến, kiến nghị thuộc thẩm quyền của "
            "cơ quan cấp trên đến cơ quan có thẩm quyền xem xét, giải quyết theo quy định."
        )
    return proposals
