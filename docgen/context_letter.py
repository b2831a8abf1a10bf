"""Render context of the forwarding letter (công văn) and its attached list of petitions."""

from __future__ import annotations

from typing import Any

from docgen import vn
from docgen.context import common_context
from docgen.context_petitions import attachment_ref, by_field, item_line
from docgen.context_round import council_names, count, dmy, session_phrases


def letter_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the forwarding letter template prints."""
    issuer, items = data["issuer"], data["items"]
    names = council_names(issuer)
    phrases = session_phrases(data["session"], data["timing"], issuer)
    context = common_context(data, "BC")
    # A công văn has no type: its symbol is BODY-UNIT (HĐND-VP), not the typed one just built.
    symbol = vn.document_symbol(issuer["symbol"], unit=data["unit"])
    context["number_line"] = vn.number_line(data.get("number"), symbol)
    context.update(names)
    context.update(phrases)
    context["short_date"] = dmy(data["date"])
    council = names["council"]
    context["vv"] = f"V/v chuyển ý kiến, kiến nghị của cử tri {phrases['round']}"
    addressees = list(data["addressees"])
    context["addressees"] = (
        [f"- {a}{'.' if i == len(addressees) - 1 else ';'}" for i, a in enumerate(addressees)]
        if len(addressees) > 1
        else []
    )
    context["addressee"] = addressees[0] if len(addressees) == 1 else ""
    when = (
        f"Từ ngày {dmy(data['start_date'])} đến ngày {dmy(data['end_date'])}, các Tổ đại biểu "
        f"{council} đã tổ chức tiếp xúc cử tri {phrases['round_full']}. Qua tiếp xúc, cử tri"
        if data.get("start_date")
        else f"Qua tiếp xúc cử tri {phrases['round_full']}, cử tri"
    )
    to = ", ".join(addressees)
    context["body"] = [
        f"{when} đã nêu {count(len(items))} nội dung ý kiến, kiến nghị thuộc thẩm quyền giải "
        f"quyết của {to}."
    ]
    context["closing"] = (
        f"Thường trực {council} chuyển các ý kiến, kiến nghị của cử tri (có danh sách kèm theo) "
        f"đến {to}, đề nghị xem xét, giải quyết và trả lời bằng văn bản gửi về Thường trực "
        f"{council} trước ngày {dmy(data['reply_by'])} để thông báo đến cử tri./."
    )
    context["recipients"] = ["- Như trên;", *context["recipients"]]
    context["list_title"] = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI"
    context["list_ref"] = attachment_ref("Công văn", context, council)
    groups = by_field(items)
    number = 0
    for group in groups:
        numbered = []
        for item in group["items"]:
            number += 1
            numbered.append(f"{number}. {item_line(item)[2:]}")
        group["lines"] = numbered
    context["groups"] = groups
    return context
