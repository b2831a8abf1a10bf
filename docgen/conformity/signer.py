"""The signer block, the recipients and the signatures of minutes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docgen import vn
from docgen.conformity.formatting import (
    NOI_NHAN_RE,
    check_format,
    fixed_word,
    format_problems,
    is_caps,
)
from docgen.conformity.layout import Layout
from docgen.conformity.reader import Line, Par, Table, fold
from docgen.conformity.report import Hit
from docgen.conformity.texts import finding, one, problem
from docgen.decree30 import SIZES


def named_lines(pars: Sequence[Par]) -> list[Line]:
    """The lines of a signature column, without notes such as «(Đã ký)»."""
    return [x for p in pars for x in p.lines() if not re.fullmatch(r"\(.*\)", x.text)]


def check_signer(pars: list[Par], where: str) -> list[Hit]:
    """The signer block: authority and titles in capitals, the name, the gap."""
    lines = named_lines(pars)
    if not lines:
        return [one("signer.stack", where, "", "no_signer")]
    findings: list[Hit] = []
    name = lines[-1] if not is_caps(lines[-1]) else None
    titles = lines[:-1] if name else lines
    if name is None:
        findings.append(
            one("signer.stack", lines[-1].par.location, lines[-1].text, "no_signer_name")
        )
    if not titles:
        findings.append(
            one("signer.stack", lines[0].par.location, lines[0].text, "no_signer_title")
        )
    for k, line in enumerate(titles):
        head = line.text.split(" ", 1)[0].upper()
        loc = line.par.location
        if head in vn.AUTHORITIES and not is_caps(line):
            findings.append(one("signer.stack", loc, line.text, "authority_caps", found=line.text))
        nxt = titles[k + 1] if k + 1 < len(titles) else None
        nxt_head = nxt.text.split(" ", 1)[0].upper() if nxt else ""
        # TM./KT./TL./TUQ. need the signer's own title under them (Q. is itself the title);
        # under KT. that title is the deputy's (PHÓ CHỦ TỊCH), not another authority line.
        if (
            head in vn.AUTHORITIES
            and head != "Q."
            and (nxt is None or (head == "KT." and nxt_head in vn.AUTHORITIES))
        ):
            key, found = ("own_title", nxt.text) if nxt else ("no_own_title", "")
            findings.append(one("signer.stack", loc, line.text, key, line=line.text, found=found))
        findings += check_format("signer.format", line, size=SIZES["signer"], bold=True, caps=True)
    if name is not None:
        findings += check_format("signer.format", name, size=SIZES["signer"], bold=True, caps=False)
        if titles:
            findings += check_gap(pars, titles[-1], name)
    return findings


def check_gap(pars: Sequence[Par], title: Line, name: Line) -> list[Hit]:
    """Room for the signature and seal between the last title and the name."""
    start = next(k for k, p in enumerate(pars) if p is title.par)
    end = next(k for k, p in enumerate(pars) if p is name.par)
    if start == end:
        return []
    space = (pars[start].after + name.par.before) / 20
    space += sum(
        max((r.size for r in p.runs), default=13.0) * 1.15 + (p.before + p.after) / 20
        for p in pars[start + 1 : end]
        if p.empty
    )
    if space >= 26:  # two blank lines or their equivalent in spacing
        return []
    return [one("signer.gap", name.par.location, name.text, "gap", "warning", found=space)]


def check_recipients(pars: list[Par], where: str) -> list[Hit]:
    """The «Nơi nhận:» heading and its items, the last «- Lưu: VT, …»."""
    lines = [x for p in pars for x in p.lines()]
    at = next((k for k, x in enumerate(lines) if NOI_NHAN_RE.match(x.text)), None)
    if at is None:
        return [one("recipients.heading", where, "", "no_recipients")]
    findings: list[Hit] = []
    heading = lines[at]
    findings += fixed_word(heading, NOI_NHAN_RE, "Nơi nhận")
    if vn.lower(heading.text) != "nơi nhận:":
        findings.append(
            one(
                "recipients.heading",
                heading.par.location,
                heading.text,
                "recipients",
                found=heading.text,
            )
        )
    findings += check_format(
        "recipients.heading",
        heading,
        align=None,
        size=SIZES["recipients_heading"],
        bold=True,
        italic=True,
    )
    items = lines[at + 1 :]
    if not items:
        return findings + [one("recipients.items", heading.par.location, heading.text, "no_items")]
    for k, item in enumerate(items):
        text = item.text
        problems = format_problems(item.runs, size=SIZES["recipients_items"], italic=False)
        follows_open_item = k > 0 and items[k - 1].text[-1:] not in ";:."  # a wrapped item
        if text[:1] not in "-–+" and not follows_open_item:
            problems.append(problem("dash", found=text[:12]))
        if k == len(items) - 1:
            if not re.match(r"^[-–]\s*Lưu\s*:\s*VT\b", text):
                problems.append(problem("luu", found=text))
            if not text.endswith("."):
                problems.append(problem("full_stop", found=text[-4:]))
        else:
            nxt = items[k + 1].text
            opens_list = text.endswith(":") and nxt.startswith("+")
            if nxt[:1] in "-–+" and not (text.endswith(";") or opens_list):
                problems.append(problem("semicolon", found=text[-4:]))
        if problems:
            findings.append(finding("recipients.items", item.par.location, text, problems))
    return findings


def minutes_table(layout: Layout) -> tuple[Table | None, int]:
    """The table with the secretary's and the chair's signatures, and its block index."""
    for k in range(len(layout.blocks) - 1, layout.after_header - 1, -1):
        block = layout.blocks[k]
        if isinstance(block, Table) and block is not layout.header:
            text = fold(block.text())
            if "THU KY" in text or "CHU TOA" in text:
                return block, k
    return layout.signer, layout.signer_at


def check_minutes(table: Table | None, where: str) -> list[Hit]:
    """The two signature columns of minutes: THƯ KÝ left, CHỦ TỌA right."""
    findings: list[Hit] = []
    for side, side_vi, role in (("left", "cột trái", "THƯ KÝ"), ("right", "cột phải", "CHỦ TỌA")):
        lines = named_lines(table.column(side)) if table is not None else []
        at = next((k for k, x in enumerate(lines) if fold(x.text).endswith(fold(role))), None)
        if at is None:
            findings.append(
                one(
                    "bien_ban.signatures",
                    where,
                    "",
                    "no_role",
                    role=role,
                    side=side,
                    side_vi=side_vi,
                )
            )
            continue
        role_line = lines[at]
        findings += check_format(
            "signer.format", role_line, size=SIZES["signer"], bold=True, caps=True
        )
        names = [x for x in lines[at + 1 :] if not is_caps(x)]
        if not names:
            findings.append(
                one(
                    "bien_ban.signatures",
                    role_line.par.location,
                    role_line.text,
                    "no_role_name",
                    role=role,
                )
            )
        else:
            findings += check_format(
                "signer.format", names[-1], size=SIZES["signer"], bold=True, caps=False
            )
    return findings
