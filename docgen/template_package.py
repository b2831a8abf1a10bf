"""The first check of an uploaded template: is it a real, safe DOCX package?"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from docgen import conversion
from docgen.template_report import ERROR, Finding

# Stricter than conversion's limits: a template is a few pages, never hundreds of megabytes.
MAX_ENTRIES = 1000
MAX_EXPANDED = 50 * 1024 * 1024
_MACRO_PARTS = re.compile(r"(^|/)vba\w*\.(bin|xml)$", re.IGNORECASE)
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_package(content: bytes, filename: str = "") -> list[Finding]:
    """A real DOCX: no macros, no external links, no zip bomb, well-formed parts."""
    if filename.lower().endswith((".docm", ".dotm")):
        return [
            Finding(
                "macro",
                ERROR,
                "Tệp có macro (.docm) không được dùng làm mẫu: hãy lưu lại dạng “Word Document (.docx)”.",
            )
        ]
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        return [
            Finding(
                "package",
                ERROR,
                "Tệp không phải văn bản Word (.docx): hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx.",
            )
        ]
    with archive:
        entries = archive.infolist()
        expanded = sum(e.file_size for e in entries)
        if len(entries) > MAX_ENTRIES or expanded > MAX_EXPANDED:
            return [
                Finding(
                    "package",
                    ERROR,
                    f"Tệp bung ra quá lớn ({len(entries)} phần, {expanded // (1024 * 1024)} MB; giới hạn {MAX_ENTRIES} phần, {MAX_EXPANDED // (1024 * 1024)} MB): đây không phải một mẫu văn bản bình thường.",
                )
            ]
        names = [e.filename for e in entries]
        content_types = _read_small(archive, "[Content_Types].xml")
        rels = {n: _read_small(archive, n) for n in names if n.endswith(".rels")}
    findings: list[Finding] = []
    if any(_MACRO_PARTS.search(n) for n in names) or any(
        m in content_types.lower() for m in (b"macroenabled", b"vbaproject")
    ):
        findings.append(
            Finding(
                "macro",
                ERROR,
                "Tệp có chứa macro (VBA) hoặc phần nhị phân nhúng: mẫu không được có macro. Hãy lưu lại dạng “Word Document (.docx)”, không phải “.docm”.",
            )
        )
    for name, xml in rels.items():
        for target in _external_targets(xml):
            findings.append(
                Finding(
                    "external",
                    ERROR,
                    f"Tệp liên kết ra ngoài tới “{target}” (ảnh liên kết, siêu liên kết hoặc mẫu đính kèm): hãy xoá liên kết hoặc chèn hẳn nội dung vào văn bản.",
                    where=name,
                )
            )
    if findings:
        return findings
    try:
        conversion.validate_docx(content)
    except conversion.InvalidDocx as exc:
        return [
            Finding(
                "package",
                ERROR,
                f"Tệp .docx bị hỏng hoặc không an toàn, không dùng được làm mẫu ({exc.message}).",
            )
        ]
    return []


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    return archive.read(info) if info.file_size <= MAX_EXPANDED else b""


def _external_targets(xml: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    return [
        rel.get("Target", "")
        for rel in root.iter(f"{_RELS_NS}Relationship")
        if (rel.get("TargetMode") or "").lower() == "external"
    ]
