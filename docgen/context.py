"""Render contexts, the parts every document shares: header, number, date, signer, recipients.

Also the pieces a round document's sentences are built around (the council, the session), and
how counts, times and dates are written. Each type's own context lives in docgen/doctypes/.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from docgen import vn
from docgen.vocab import LEVELS

# What each name of the shared frame and of a round's words means, for the staff guide
# (docgen/template_guide.py); "@field" takes a schema field's label.
FRAME_MEANINGS = {
    "header": "Tên cơ quan ở góc trái đầu văn bản",
    "header.top": "Dòng trên của tên cơ quan, viết hoa (HĐND HUYỆN LỤC NGẠN)",
    "header.name": "Tên cơ quan ban hành, viết hoa, in đậm (THƯỜNG TRỰC)",
    "number_line": "Dòng số và ký hiệu văn bản (số để trống khi là dự thảo)",
    "date_line": "Địa danh và ngày tháng năm ban hành",
    "signer": "Người ký",
    "signer.lines": "Các dòng thẩm quyền và chức vụ người ký, viết hoa (TM. …, KT. …)",
    "signer.name": "Họ và tên người ký",
    "recipients": "Các dòng nơi nhận, đã có gạch đầu dòng và dấu câu; dòng cuối là “Lưu”",
    "ban_du_thao": "Đúng khi văn bản là bản dự thảo (chưa cấp số)",
    "legal_bases": "Các căn cứ ban hành, mỗi dòng một căn cứ, chưa có dấu câu cuối "
    "(mẫu thêm “;”); có thể trống",
}
ROUND_MEANINGS = {
    "don_vi": "Loại đơn vị của HĐND, viết thường (tỉnh, xã, phường)",
    "ten_don_vi": "Tên đơn vị của HĐND (Lục Ngạn, Biên Sơn)",
    "cap_tinh": "Đúng khi là HĐND cấp tỉnh",
    "cap_huyen": f"Đúng khi là HĐND cấp {LEVELS['huyen']} (văn bản trước 01/7/2025)",
    "cap_xa": "Đúng khi là HĐND cấp xã (thôn, tổ dân phố không có HĐND riêng)",
    "ky_hop": "@session.ordinal",
    "khoa": "Khóa của HĐND, bằng số La Mã (XIX)",
    "nhiem_ky": "Nhiệm kỳ: năm đầu - năm cuối (2016 - 2021)",
    "truoc_ky_hop": "Đúng khi tiếp xúc trước kỳ họp, sai khi sau kỳ họp",
}


def header_top(issuer: dict[str, Any]) -> str:
    """The upper header line: given, or ``HĐND <KIND> <NAME>`` in capitals."""
    top = issuer.get("header_top") or f"HĐND {issuer['unit_kind']} {issuer['unit_name']}"
    return vn.upper(top)


def signer_context(signer: dict[str, Any]) -> dict[str, Any]:
    """The signer block: authority and title lines in capitals, then the name."""
    lines = vn.signer_lines(
        signer["title"],
        collective=signer.get("collective"),
        authority=signer.get("authority") or None,
        head_title=signer.get("head_title"),
        unit_head_title=signer.get("unit_head_title"),
    )
    return {"lines": lines, "name": signer["name"]}


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """``- item;`` for each recipient, then ``- Lưu: VT.``."""
    return [f"- {item};" for item in recipients] + [f"- Lưu: {archive}."]


def common_context(data: dict[str, Any], type_abbr: str) -> dict[str, Any]:
    """Header, number, date line, signer and recipients of a typed document."""
    issuer = data["issuer"]
    symbol = vn.document_symbol(issuer["symbol"], type_abbr=type_abbr)
    place = issuer.get("place") or issuer["unit_name"]
    return {
        "header": {"top": header_top(issuer), "name": vn.upper(issuer["header_name"])},
        "number_line": vn.number_line(data.get("number"), symbol),
        "date_line": vn.date_line(place, data["date"]),
        "signer": signer_context(data["signer"]),
        "recipients": recipient_lines(data["recipients"], data["archive"]),
    }


# How a number of people or items is written: a leading zero below 10, "." between thousands.


def count(n: int) -> str:
    """Write a count: "05", "12", "1.350"."""
    return vn.pad2(n) if n < 10 else vn.format_number(n)


def clock(moment: datetime.datetime | datetime.time) -> str:
    """Write a time of day as in running text: "7 giờ 30", "14 giờ 00"."""
    return f"{moment.hour} giờ {moment.minute:02d}"


def dmy(day: datetime.date) -> str:
    """Write a date with two-digit day and month, as in tables: "02/12/2020"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def unique(values: Iterable[str]) -> list[str]:
    """The values in first-seen order, without repeats."""
    return list(dict.fromkeys(values))


def round_words(issuer: dict[str, Any], session: dict[str, Any], timing: str) -> dict[str, Any]:
    """The council and the session as a round document's template names them, word by word.

    The sentences are the template's: these are only the pieces that vary, e.g. "trước kỳ họp
    thứ {{ ky_hop }}, HĐND {{ don_vi }} {{ ten_don_vi }} khóa {{ khoa }}, nhiệm kỳ {{ nhiem_ky }}".
    """
    level = issuer["level"]
    return {
        "don_vi": vn.lower(issuer["unit_kind"]),  # "tỉnh", "xã": the council's unit kind
        "ten_don_vi": issuer["unit_name"],  # "Lục Ngạn"
        "cap_tinh": level == "tinh",
        "cap_huyen": level == "huyen",
        "cap_xa": level == "xa",
        "ky_hop": session["ordinal"],  # 11
        "khoa": vn.roman(session["term_ordinal"]),  # "XIX"
        "nhiem_ky": vn.term_years(session["term_start"], session["term_end"]),  # "2016 - 2021"
        "truoc_ky_hop": timing == "truoc",
    }


def reference_number(number_line: str) -> str:
    """The number and symbol as a reference cites them: "125/BC-HĐND" from "Số: 125/BC-HĐND"."""
    return number_line.removeprefix("Số:").strip()
