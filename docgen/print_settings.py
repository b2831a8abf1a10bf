"""Document settings every rendered DOCX gets, whatever template it came from.

A justified paragraph with a manual line break (Shift+Enter in Word, or a line break inside a
petition's text, which docxtpl writes as <w:br/>) stretches the line before the break across the
whole width: "Cử  tri  thôn  Đồng  Tâm  đề  nghị". Word's compatibility option
``doNotExpandShiftReturn`` ("Don't expand character spaces on a line ending with Shift+Return")
stops it, and LibreOffice honours it on import (measured: tests/test_print_settings.py). Office
staff editing a template in Word would not know to set it, so it is set on every render.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

# CT_Compat's children that come before doNotExpandShiftReturn (ECMA-376 Part 1, 17.15.3): the
# option goes after any of them that a template already has, and before every other one.
_BEFORE = tuple(
    qn(f"w:{name}")
    for name in (
        "useSingleBorderforContiguousCells",
        "wpJustification",
        "noTabHangInd",
        "noLeading",
        "spaceForUL",
        "noColumnBalance",
        "balanceSingleByteDoubleByteWidth",
        "noExtraLineSpacing",
        "doNotLeaveBackslashAlone",
        "ulTrailSpace",
    )
)
# CT_Settings' children that come after w:compat (17.15.1): a new compat goes before the first.
_AFTER_COMPAT = tuple(
    qn(f"w:{name}")
    for name in (
        "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
        "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    )
)  # fmt: skip


def _child(parent: Any, tag: str, *, before: tuple[str, ...]) -> Any:
    """`parent`'s child `tag`, made (before the first of `before` present) if missing."""
    found = parent.find(tag)
    if found is not None:
        return found
    made = parent.makeelement(tag, {})
    for index, child in enumerate(parent):
        if child.tag in before:
            parent.insert(index, made)
            return made
    parent.append(made)
    return made


def keep_lines_before_breaks(document: Any) -> None:
    """Set doNotExpandShiftReturn in a python-docx Document's settings."""
    settings = document.settings.element
    compat = _child(settings, qn("w:compat"), before=_AFTER_COMPAT)
    tag = qn("w:doNotExpandShiftReturn")
    if compat.find(tag) is not None:
        return
    option = compat.makeelement(tag, {})
    position = 0
    for index, child in enumerate(compat):
        if child.tag in _BEFORE:
            position = index + 1
    compat.insert(position, option)
