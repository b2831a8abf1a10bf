"""The registry: document type id → schema, template, context builder, file name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema

from docgen import vn
from docgen.context import plan_context
from docgen.context_letter import letter_context
from docgen.context_minutes import minutes_context
from docgen.context_petitions import report_context
from docgen.context_round import schedule_context
from docgen.errors import NotFound
from docgen.schemas.plan import PlanSchema
from docgen.schemas.round_docs import (
    ForwardingLetterSchema,
    MinutesSchema,
    ScheduleNoticeSchema,
    SummaryReportSchema,
)


@dataclass(frozen=True)
class DocumentType:
    """One kind of document docgen writes."""

    id: str
    title: str  # Vietnamese name, as a clerk says it
    description: str  # one line on what it is for
    type_name: str  # Decree 30 type name ("Kế hoạch"), "" for a công văn
    schema: type[Schema]
    build_context: Callable[[dict[str, Any]], dict[str, Any]]
    check_kind: str = "typed"  # what the Decree 30 checker expects
    stem: Callable[[dict[str, Any]], str] | None = None  # a download name other than the default

    def context(self, data: dict[str, Any], *, draft: bool = False) -> dict[str, Any]:
        """What the template prints; `ban_du_thao` is true on a draft (the template marks it)."""
        return {**self.build_context(data), "ban_du_thao": draft}

    @property
    def template_file(self) -> str:
        """The template's file name in templates_vn/."""
        return f"{self.id}.docx"

    def file_stem(self, data: dict[str, Any]) -> str:
        """A download name a clerk understands: type, number and symbol, date."""
        if self.stem is not None:
            return self.stem(data)
        abbr = vn.type_abbreviation(self.type_name) if self.type_name else ""
        symbol = vn.document_symbol(data["issuer"]["symbol"], type_abbr=abbr)
        number = vn.pad2(data["number"]) if data.get("number") else "du-thao"
        return f"{self.type_name} {number}-{symbol} ngày {data['date'].strftime('%d-%m-%Y')}"


def _minutes_stem(data: dict[str, Any]) -> str:
    """ "Biên bản tiếp xúc cử tri xã Biên Sơn ngày 02-12-2020"."""
    meeting = data["meeting"]
    place = f"{vn.lower(data['sub_unit_kind'])} {meeting['sub_unit']}"
    return f"Biên bản tiếp xúc cử tri {place} ngày {meeting['start'].strftime('%d-%m-%Y')}"


def _letter_stem(data: dict[str, Any]) -> str:
    """ "Công văn 125-HĐND-VP ngày 10-12-2026 gửi UBND xã Biên Sơn"."""
    symbol = vn.document_symbol(data["issuer"]["symbol"], unit=data["unit"])
    number = vn.pad2(data["number"]) if data.get("number") else "du-thao"
    to = ", ".join(data["addressees"])
    return f"Công văn {number}-{symbol} ngày {data['date'].strftime('%d-%m-%Y')} gửi {to}"


REGISTRY: dict[str, DocumentType] = {
    doc.id: doc
    for doc in (
        DocumentType(
            id="ke_hoach_tiep_xuc",
            title="Kế hoạch tiếp xúc cử tri",
            description="Kế hoạch năm của Thường trực HĐND về tiếp xúc cử tri của đại biểu.",
            type_name="Kế hoạch",
            schema=PlanSchema,
            build_context=plan_context,
        ),
        DocumentType(
            id="thong_bao_lich_tiep_xuc",
            title="Thông báo lịch tiếp xúc cử tri",
            description="Lịch tiếp xúc cử tri của các Tổ đại biểu: thời gian, địa điểm, cử tri.",
            type_name="Thông báo",
            schema=ScheduleNoticeSchema,
            build_context=schedule_context,
        ),
        DocumentType(
            id="bien_ban_tiep_xuc",
            title="Biên bản hội nghị tiếp xúc cử tri",
            description="Biên bản một hội nghị: thành phần, ý kiến cử tri, trả lời tại chỗ.",
            type_name="Biên bản",
            schema=MinutesSchema,
            build_context=minutes_context,
            check_kind="bien_ban",
            stem=_minutes_stem,
        ),
        DocumentType(
            id="bao_cao_tong_hop",
            title="Báo cáo tổng hợp ý kiến, kiến nghị của cử tri",
            description="Tổng hợp ý kiến, kiến nghị của cử tri sau một đợt tiếp xúc, kèm phụ lục.",
            type_name="Báo cáo",
            schema=SummaryReportSchema,
            build_context=report_context,
        ),
        DocumentType(
            id="cong_van_chuyen",
            title="Công văn chuyển ý kiến, kiến nghị của cử tri",
            description="Chuyển ý kiến, kiến nghị của cử tri đến một cơ quan có thẩm quyền.",
            type_name="",
            schema=ForwardingLetterSchema,
            build_context=letter_context,
            check_kind="cong_van",
            stem=_letter_stem,
        ),
    )
}


def get(type_id: str) -> DocumentType:
    """The document type with this id, or NotFound naming the known ones."""
    try:
        return REGISTRY[type_id]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise NotFound(f"Không có loại văn bản “{type_id}”. Các loại có: {known}.") from None
