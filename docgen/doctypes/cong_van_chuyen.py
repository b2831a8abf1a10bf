"""The forwarding letter (cong_van_chuyen): data, context, type, and its part in a round.

A round makes one letter per recipient the routing found, numbered on from the round's first.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from docgen import bodies, letter_overrides, routing, vn
from docgen.context import common_context, count, dmy, reference_number, round_words
from docgen.doctypes.base import ROUND_RENAMED, DocumentType, Draft, doc_part
from docgen.doctypes.items import item_data
from docgen.schemas.common import Base, DocumentSchema, Text, label, list_line
from docgen.schemas.round import LetterWordingMixin
from docgen.schemas.round_docs import FieldListMixin, PetitionItemSchema, RoundRefMixin
from docgen.vocab import COMPETENCE_WORDS, PETITION_VERBS, field_table

REPLY_DAYS = 30  # when the round names no reply date: this many days after the letters


class ReportRefSchema(Base):
    """The summary report a letter forwards the petitions of (Báo cáo số …/BC-HĐND ngày …)."""

    number = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=99999),
        metadata=label("Số báo cáo", "Để trống khi báo cáo chưa được cấp số"),
    )
    symbol = Text(
        load_default=None,
        validate=validate.Regexp(r"^[\wĐđ&.-]+$", error="Chỉ gồm chữ, số và dấu gạch nối."),
        metadata=label(
            "Ký hiệu báo cáo",
            "Ví dụ: BC-HĐND; để trống thì là BC- và chữ viết tắt của cơ quan ban hành công văn",
        ),
    )
    date = fields.Date(required=True, metadata=label("Ngày báo cáo", format="date"))


class ForwardingLetterSchema(LetterWordingMixin, FieldListMixin, RoundRefMixin, DocumentSchema):
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
    paragraphs = fields.List(
        Text(),
        load_default=list,
        metadata=label(
            "Nội dung công văn",
            "Để trống thì dùng các đoạn trong mẫu; mỗi đoạn một dòng, thay cho các đoạn đó",
        ),
    )
    report = fields.Nested(
        ReportRefSchema,
        load_default=None,
        allow_none=True,
        metadata=label(
            "Báo cáo tổng hợp được chuyển",
            "Số, ký hiệu, ngày của báo cáo tổng hợp ý kiến cử tri mà công văn dẫn (không bắt buộc)",
        ),
    )

    @validates_schema
    def dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        """The round's dates come together and in order; the reply is due after the letter; the
        report cited is not dated after it."""
        errors: dict[str, Any] = {}
        start, end = data.get("start_date"), data.get("end_date")
        if (start is None) != (end is None):
            errors["end_date" if end is None else "start_date"] = [
                "Ghi cả ngày bắt đầu và ngày kết thúc đợt, hoặc để trống cả hai."
            ]
        elif start and end and end < start:
            errors["end_date"] = ["Phải từ ngày bắt đầu đợt trở đi."]
        if data.get("reply_by") and data.get("date") and data["reply_by"] <= data["date"]:
            errors["reply_by"] = ["Phải sau ngày ban hành công văn."]
        report = data.get("report")
        if report and data.get("date") and report["date"] > data["date"]:
            errors["report"] = {"date": ["Báo cáo được dẫn không thể đề ngày sau ngày công văn."]}
        if errors:
            raise ValidationError(errors)


def letter_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the forwarding letter's template fills its sentences with."""
    issuer, items = data["issuer"], data["items"]
    context = common_context(data, "BC")
    # A công văn has no type: its symbol is BODY-UNIT (HĐND-VP), not the typed one just built.
    symbol = vn.document_symbol(issuer["symbol"], unit=data["unit"])
    context["number_line"] = vn.number_line(data.get("number"), symbol)
    context.update(round_words(issuer, data["session"], data["timing"]))
    groups, number = [], 0
    table = field_table(data.get("petition_fields"))
    for field in table:
        lines = []
        for item in (i for i in items if i["field"] == field):
            number += 1
            summary = item["summary"].rstrip(" .;")
            lines.append(
                {
                    "stt": number,
                    "tom_tat": summary,
                    "trong_cau": in_sentence(summary),  # after "Cử tri xã …": "đề nghị …"
                    "noi": ", ".join(item["places"]),
                    "co_quan": item["body"],  # the competent body, whoever the letter goes to
                    "cap": COMPETENCE_WORDS[item["level"]],  # "tỉnh": the level competent
                }
            )
        if lines:
            groups.append({"linh_vuc": vn.lower(table[field]), "noi_dung": lines})
    start, end = data.get("start_date"), data.get("end_date")
    context.update(
        {
            "kinh_gui": list(data["addressees"]),
            "noi_nhan": ", ".join(data["addressees"]),  # the addressees in one phrase
            "tu_ngay": dmy(start) if start else "",
            "den_ngay": dmy(end) if end else "",
            "so_noi_dung": count(len(items)),
            "han_tra_loi": dmy(data["reply_by"]),
            "so_ky_hieu": reference_number(context["number_line"]),  # "126/HĐND-VP"
            "ngay_ban_hanh": dmy(data["date"]),
            "danh_sach": groups,
            # The letter goes through a channel (not to the bodies competent for its items).
            "chuyen_tiep": not {bodies.body_key(i["body"]) for i in items}
            <= {bodies.body_key(a) for a in data["addressees"]},
            "doan_van": _paragraphs(data.get("paragraphs") or []),
            "bao_cao": _report(data.get("report"), issuer),
            "in_co_quan": data["item_bodies"],
            "ten_co_quan": issuer.get("body_name") or "",  # a merged office's own name
            "ghi_chu": [n.rstrip() for n in data.get("notes") or []],
        }
    )
    return context


def in_sentence(summary: str) -> str:
    """The summary as it reads after "Cử tri <nơi>": a leading verb loses its capital."""
    lowered = vn.lower(summary)
    if any(lowered == v or lowered.startswith(v + " ") for v in PETITION_VERBS):
        return lowered[:1] + summary[1:]
    return summary


def _report(report: Mapping[str, Any] | None, issuer: Mapping[str, Any]) -> dict[str, str] | None:
    """The report cited: its number and symbol as a reference writes them, and its date."""
    if not report:
        return None
    symbol = report.get("symbol") or vn.document_symbol(issuer["symbol"], type_abbr="BC")
    return {
        "so_ky_hieu": reference_number(vn.number_line(report.get("number"), symbol)),
        "ngay": dmy(report["date"]),
    }


def _paragraphs(given: list[str]) -> list[str]:
    """The letter's own paragraphs, the last ending the body as Decree 30 does ("./.")."""
    if not given:
        return []
    last = given[-1].rstrip()
    if not last.endswith("./."):
        last = last.rstrip(" .;") + "./."
    return [*given[:-1], last]


def _letter_stem(data: dict[str, Any]) -> str:
    """ "Công văn 125-HĐND-VP ngày 10-12-2026 gửi UBND xã Biên Sơn"."""
    symbol = vn.document_symbol(data["issuer"]["symbol"], unit=data["unit"])
    number = vn.pad2(data["number"]) if data.get("number") else "du-thao"
    to = ", ".join(data["addressees"])
    return f"Công văn {number}-{symbol} ngày {data['date'].strftime('%d-%m-%Y')} gửi {to}"


def letter_data(
    round_: Mapping[str, Any],
    letter: routing.Letter,
    number: int | None,
    override: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One forwarding letter's data: its addressees and their items (and its own settings)."""
    override = override or {}
    places = {u["name"]: routing.place_name(u) for u in round_["sub_units"]}
    part = letter_overrides.apply(round_["letters"], override)
    reply_by = override.get("reply_by") or round_.get("reply_by")
    # The round's report, cited when it is issued by the letter's date (a later one cannot be).
    report = round_["report"]
    cited = report["date"] <= part["date"]
    return {
        **doc_part({**round_, "letters": part}, "letters"),
        "number": number,
        "unit": round_["letter_unit"],
        "addressees": list(letter.addressees),
        "start_date": round_["start_date"],
        "end_date": round_["end_date"],
        "reply_by": reply_by or part["date"] + datetime.timedelta(days=REPLY_DAYS),
        "items": [item_data(item, places) for item in letter.items],
        "paragraphs": list(override.get("paragraphs") or []),
        "petition_fields": round_.get("petition_fields"),
        "report": {"number": report.get("number"), "date": report["date"]} if cited else None,
        "legal_bases": list(part.get("legal_bases") or []),
        "notes": list(part.get("notes") or []),
        "item_bodies": part.get("item_bodies", True),
    }


def _short_recipient(letter: routing.Letter) -> str:
    if letter.kind == routing.LOWER:
        return letter.recipient.replace("Thường trực HĐND", "TT HĐND", 1)
    return letter.recipient


def round_drafts(round_: Mapping[str, Any], result: routing.Routing) -> list[Draft]:
    """One letter per recipient, numbered on from the round's first (or given its own number)."""
    chosen = letter_overrides.matched(round_, result.letters)
    numbers = letter_overrides.numbers(round_, chosen)
    return [
        Draft(
            DOCTYPE.id,
            letter_data(round_, letter, number, override),
            f"Công văn chuyển {_short_recipient(letter)}",
            letter.recipient,
            letter.petition_ids,
        )
        for letter, number, override in zip(result.letters, numbers, chosen, strict=True)
    ]


# What each name of the data means, for the staff guide (docgen/template_guide.py).
GUIDE = {
    "danh_sach[].noi_dung[].co_quan": "@items.body",
    "chuyen_tiep": "Đúng khi công văn gửi qua kênh (nơi nhận không phải cơ quan có thẩm quyền giải quyết)",
    "doan_van": "@paragraphs (có thể trống)",
    "kinh_gui": "@addressees",
    "noi_nhan": "Các cơ quan nhận trong một câu, cách nhau dấu phẩy",
    "tu_ngay": "@start_date (có thể trống)",
    "den_ngay": "@end_date (có thể trống)",
    "so_noi_dung": "Số nội dung chuyển (15)",
    "han_tra_loi": "@reply_by",
    "so_ky_hieu": "Số và ký hiệu của công văn (126/HĐND-VP)",
    "ngay_ban_hanh": "Ngày ban hành (09/12/2020)",
    "danh_sach": "Các nội dung chuyển, theo lĩnh vực",
    "danh_sach[].linh_vuc": "Lĩnh vực, viết thường",
    "danh_sach[].noi_dung": "Các nội dung của lĩnh vực",
    "danh_sach[].noi_dung[].stt": "Số thứ tự trong danh sách",
    "danh_sach[].noi_dung[].tom_tat": "Nội dung tóm tắt, không có dấu chấm cuối",
    "danh_sach[].noi_dung[].noi": "Nơi cử tri nêu, cách nhau dấu phẩy",
    "danh_sach[].noi_dung[].trong_cau": "Nội dung tóm tắt viết liền sau “Cử tri <nơi>”: "
    "động từ đầu câu viết thường (đề nghị …), không có dấu chấm cuối",
    "danh_sach[].noi_dung[].cap": "Cấp có thẩm quyền giải quyết, như câu văn gọi (tỉnh, "
    "Trung ương, xã)",
    "bao_cao": "@report (có thể trống)",
    "bao_cao.so_ky_hieu": "Số và ký hiệu của báo cáo được dẫn (125/BC-HĐND)",
    "bao_cao.ngay": "Ngày của báo cáo được dẫn (10/12/2020)",
    "in_co_quan": "@item_bodies",
    "ten_co_quan": "@issuer.body_name (có thể trống: mẫu dùng “Thường trực HĐND …”)",
    "ghi_chu": "@notes (có thể trống)",
}


DOCTYPE = DocumentType(
    guide=GUIDE,
    id="cong_van_chuyen",
    title="Công văn chuyển ý kiến, kiến nghị của cử tri",
    description="Chuyển ý kiến, kiến nghị của cử tri đến một cơ quan có thẩm quyền.",
    type_name="",
    schema=ForwardingLetterSchema,
    build_context=letter_context,
    check_kind="cong_van",
    stem=_letter_stem,
    round_drafts=round_drafts,
    renamed={
        **ROUND_RENAMED,
        **{
            "addressees": "kinh_gui",
            "addressee": "kinh_gui",
            "groups": "danh_sach",
            "short_date": "ngay_ban_hanh",
            "vv": "",
            "body": "",
            "closing": "",
            "list_title": "",
            "list_ref": "",
        },
    },
    round_section="letters",
)
