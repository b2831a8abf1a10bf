"""The entry point: read the package, run the rules of each region, build the report."""

from __future__ import annotations

import os
from typing import IO

from docgen.conformity.body import (
    after_kinh_gui,
    check_body,
    check_title,
    find_kinh_gui,
    kinh_gui_case,
)
from docgen.conformity.fonts import check_fonts, header_footer_pars
from docgen.conformity.formatting import KINH_GUI_RE
from docgen.conformity.header import Header, check_header
from docgen.conformity.layout import Layout, infer_kind, locate
from docgen.conformity.names import check_issuer_name
from docgen.conformity.package import Package, open_zip
from docgen.conformity.page import check_page, check_page_numbers
from docgen.conformity.reader import Par, Reader, Table
from docgen.conformity.report import KINDS, Hit, Report, merge
from docgen.conformity.signer import check_minutes, check_recipients, check_signer, minutes_table
from docgen.conformity.texts import one


def check_docx(source: bytes | str | os.PathLike[str] | IO[bytes], kind: str = "auto") -> Report:
    """Check a DOCX against Decree 30/2020 (DOMAIN.md §3); ValueError if it is not a DOCX."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; use one of {', '.join(KINDS)}")
    with open_zip(source) as archive:
        reader = Reader(Package(archive))
        blocks = reader.blocks()
        pars = [p for b in blocks for p in (b.paragraphs() if isinstance(b, Table) else [b])]
        findings = check_page(reader.sections)
        findings += check_fonts(pars + header_footer_pars(reader))
        layout = locate(blocks)
        header = Header()
        if layout.header is None:
            first = next((p for p in pars if not p.empty), None)
            where, text = (first.location, first.text) if first else ("đầu văn bản", "")
            findings.append(one("header.table", where, text, "no_header"))
        else:
            hint = "bien_ban" if kind == "bien_ban" or layout.type_name == "BIÊN BẢN" else kind
            header_findings, header = check_header(layout.header, hint)
            findings += header_findings
        resolved = infer_kind(layout, header) if kind == "auto" else kind
        findings += check_kind(layout, resolved, header)
        findings += check_issuer_name(header, layout)
        findings += check_page_numbers(reader)
    return Report(merge(findings), resolved)


def check_kind(layout: Layout, kind: str, header: Header) -> list[Hit]:
    """Everything after the header table, by the rules of the document's kind."""
    findings: list[Hit] = []
    if kind == "cong_van":
        if layout.header is not None and not header.vv:
            findings.append(one("cong_van.vv", f"bảng {layout.header.index}", "", "no_vv"))
        at = find_kinh_gui(layout, layout.after_header, 3)
        if at is None:
            title = layout.title
            where, text = (title.par.location, title.text) if title else ("đầu văn bản", "")
            findings.append(one("cong_van.kinh_gui", where, text, "no_kinh_gui"))
        body_start = layout.after_header if at is None else after_kinh_gui(layout, at)
        findings += kinh_gui_case(layout, at)
    else:
        title_findings, body_start = check_title(layout, kind, header)
        findings += title_findings
        at = find_kinh_gui(layout, body_start, 1)  # a Tờ trình or a report may have one
        if at is not None and kind != "giay_moi":
            body_start = after_kinh_gui(layout, at)
            findings += kinh_gui_case(layout, at)
    if kind == "giay_moi":
        for block in layout.blocks[layout.after_header : layout.signer_at]:
            if isinstance(block, Par) and KINH_GUI_RE.match(block.text.lstrip()):
                findings.append(one("giay_moi.kinh_gui", block.location, block.text, "kinh_gui"))
    if kind == "bien_ban":
        if header.date_line and layout.header is not None:
            findings.append(
                one("bien_ban.date", f"bảng {layout.header.index}", "", "minutes_date", "warning")
            )
        table, end = minutes_table(layout)
        findings += check_body(layout.blocks, body_start, end)
        where = f"bảng {table.index}" if table else "cuối văn bản"
        return findings + check_minutes(table, where)
    findings += check_body(
        layout.blocks, body_start, layout.signer_at, legal_bases=kind != "cong_van"
    )
    signer = layout.signer
    if signer is None:
        return findings + [one("signer.stack", "cuối văn bản", "", "no_signer")]
    where = f"bảng {signer.index}"
    if signer.borders:
        findings.append(one("signer.table", where, signer.text(), "borders"))
    findings += check_signer(signer.column("right"), where)
    return findings + check_recipients(signer.column("left"), where)
