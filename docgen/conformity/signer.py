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
from docgen.decree30 import SIGNER_STACKS, SIZES


def named_lines(pars: Sequence[Par]) -> list[Line]:
    """The lines of a signature column, without notes such as «(Đã ký)»."""
    return [x for p in pars for x in p.lines() if not re.fullmatch(r"\(.*\)", x.text)]


# Titles a person holds and deputies' titles (folded), as opposed to a collective «TM.» names.
PERSON_TITLES = tuple(fold(t) + (" " if t.endswith(" ") else "") for t in vn.PERSON_TITLES)
DEPUTY = tuple(fold(t) + (" " if t.endswith(" ") else "") for t in vn.DEPUTY_TITLES)


def _split_authority(line: Line) -> tuple[str | None, str]:
    """The authority prefix of a title line (upper case) and the rest of the line."""
    head, _, rest = line.text.partition(" ")
    if vn.upper(head) in vn.AUTHORITIES:
        return vn.upper(head), rest.strip()
    return None, line.text


def _title_like(line: Line) -> bool:
    prefix, rest = _split_authority(line)
    return prefix is not None or fold(rest).startswith(PERSON_TITLES)


def check_signer(pars: list[Par], where: str) -> list[Hit]:
    """The signer block: authority and titles in capitals, the name under a gap.

    Decree 30 sets the name bold, 13–14 pt; its case is not checked (the decree prints names in
    normal case, and a name in capitals is still the name, not a missing one).
    """
    lines = named_lines(pars)
    if not lines:
        return [one("signer.stack", where, "", "no_signer")]
    findings: list[Hit] = []
    last = lines[-1]
    name = last if len(lines) > 1 or not _title_like(last) else None
    if name is not None and is_caps(name) and _title_like(name):
        name = None  # the block ends on a title: the name is missing
    titles = lines[:-1] if name else lines
    if name is None:
        findings.append(one("signer.stack", last.par.location, last.text, "no_signer_name"))
    if not titles:
        findings.append(
            one("signer.stack", lines[0].par.location, lines[0].text, "no_signer_title")
        )
    for k, line in enumerate(titles):
        prefix, _ = _split_authority(line)
        loc = line.par.location
        if prefix and not line.text.startswith(prefix):
            findings.append(one("signer.stack", loc, line.text, "authority_caps", found=line.text))
        nxt = titles[k + 1] if k + 1 < len(titles) else None
        # TM./KT./TL./TUQ. need the signer's own title under them (Q. is itself the title).
        if prefix in vn.AUTHORITIES and prefix != "Q." and nxt is None:
            findings.append(
                one("signer.stack", loc, line.text, "no_own_title", line=line.text, found="")
            )
        findings += check_format("signer.format", line, size=SIZES["signer"], bold=True, caps=True)
    findings += check_authority(titles)
    if name is not None:
        findings += check_format("signer.format", name, size=SIZES["signer"], bold=True)
        if titles:
            findings += check_gap(pars, titles[-1], name)
    return findings


def check_authority(titles: Sequence[Line]) -> list[Hit]:
    """Which authority prefix fits who signs (Decree 30, Article 13 and Appendix I, part II,
    section 7 on the signer's authority).

    The prefixes from the top line down make one of the stacks the decree allows
    (`decree30.SIGNER_STACKS`: TM.; TM. + KT.; TM. + Q.; KT.; Q.; TL.; TL. + KT.; TL. + Q.; TUQ.);
    TM. names a collective; KT. names the head and is followed by the deputy's own title
    («KT. CHỦ TỊCH» / «PHÓ CHỦ TỊCH»); a deputy never signs without KT.; Q. is the acting head's
    own title and ends the stack; a TUQ. signer passes it to no one (Article 13.3).
    """
    hits: list[Hit] = []
    parsed = [(line, *_split_authority(line)) for line in titles]
    stack = tuple(p for _, p, _ in parsed if p)
    found = " / ".join(stack)
    first = titles[0] if titles else None
    if first is not None and "TUQ." in stack and "KT." in stack[stack.index("TUQ.") :]:
        hits.append(
            one("signer.authority", first.par.location, first.text, "tuq_again", found=found)
        )
    elif first is not None and stack not in SIGNER_STACKS:
        hits.append(
            one("signer.authority", first.par.location, first.text, "authority_order", found=found)
        )
    for k, (line, prefix, rest) in enumerate(parsed):
        key = fold(rest)
        nxt = parsed[k + 1] if k + 1 < len(parsed) else None
        where, text = line.par.location, line.text
        if prefix == "TM." and key.startswith(PERSON_TITLES):
            hits.append(one("signer.authority", where, text, "tm_collective", found=text))
        if prefix in ("KT.", "TL.", "TUQ.", "Q.") and key.startswith(DEPUTY):
            hits.append(
                one("signer.authority", where, text, "head_title", prefix=prefix, found=text)
            )
        if prefix == "KT." and nxt is not None:
            own = fold(nxt[2]) if nxt[1] is None else ""  # another authority is no own title
            of_head = own.startswith("PHO " + key) or (
                own.startswith("THU TRUONG") and key == "BO TRUONG"
            )
            if not of_head:
                hits.append(
                    one(
                        "signer.authority",
                        nxt[0].par.location,
                        nxt[0].text,
                        "kt_deputy",
                        line=text,
                        found=nxt[0].text,
                    )
                )
        above = parsed[k - 1][1] if k > 0 else None
        if prefix is None and key.startswith(DEPUTY) and above == "TUQ.":
            hits.append(
                one("signer.authority", where, text, "tuq_deputy", line=parsed[k - 1][0].text)
            )
        elif prefix is None and key.startswith(DEPUTY) and above != "KT.":
            above = (
                "KT. " + vn.upper(rest.partition(" ")[2])
                if key.startswith("PHO ")
                else "KT. BỘ TRƯỞNG"
            )
            hits.append(
                one("signer.authority", where, text, "deputy_without_kt", want=above, found=text)
            )
        if prefix == "Q." and nxt is not None:
            hits.append(
                one(
                    "signer.authority",
                    nxt[0].par.location,
                    nxt[0].text,
                    "q_last",
                    found=nxt[0].text,
                )
            )
    return hits


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
        names = lines[at + 1 :]  # the name under the role, whatever its case
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
            findings += check_format("signer.format", names[-1], size=SIZES["signer"], bold=True)
    return findings
