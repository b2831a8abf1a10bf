"""The first check of an uploaded template: is it a real, safe DOCX package?

Read through docx_package (bounded by what is inflated), then held to an allow-list: every part
must be one a Word document's text, layout or pictures needs, of a content type and reached by a
relationship type from `ALLOWED_PARTS`; anything else (OLE objects, ActiveX controls, VBA under
any name, embedded fonts, glossaries, printer settings) is refused, naming the part.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from xml.etree import ElementTree

from docgen import conversion, docx_package
from docgen.template_report import ERROR, Finding

MAX_ENTRIES = docx_package.LIMITS["template"].entries
MAX_EXPANDED = docx_package.LIMITS["template"].total

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"

# Content type → the relationship types that may point at a part of that type.
ALLOWED_PARTS: dict[str, frozenset[str]] = {
    _WML + "document.main+xml": frozenset({_OFFICE_REL + "officeDocument"}),
    _WML + "styles+xml": frozenset({_OFFICE_REL + "styles"}),
    "application/vnd.ms-word.stylesWithEffects+xml": frozenset(
        {"http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    ),
    _WML + "settings+xml": frozenset({_OFFICE_REL + "settings"}),
    _WML + "webSettings+xml": frozenset({_OFFICE_REL + "webSettings"}),
    _WML + "numbering+xml": frozenset({_OFFICE_REL + "numbering"}),
    _WML + "fontTable+xml": frozenset({_OFFICE_REL + "fontTable"}),
    _WML + "header+xml": frozenset({_OFFICE_REL + "header"}),
    _WML + "footer+xml": frozenset({_OFFICE_REL + "footer"}),
    _WML + "footnotes+xml": frozenset({_OFFICE_REL + "footnotes"}),
    _WML + "endnotes+xml": frozenset({_OFFICE_REL + "endnotes"}),
    _WML + "comments+xml": frozenset({_OFFICE_REL + "comments"}),
    "application/vnd.openxmlformats-officedocument.theme+xml": frozenset({_OFFICE_REL + "theme"}),
    "application/vnd.openxmlformats-package.core-properties+xml": frozenset(
        {_PACKAGE_REL + "metadata/core-properties"}
    ),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": frozenset(
        {_OFFICE_REL + "extended-properties"}
    ),
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": frozenset(
        {_OFFICE_REL + "custom-properties"}
    ),
    **{
        f"image/{kind}": frozenset({_OFFICE_REL + "image", _PACKAGE_REL + "metadata/thumbnail"})
        for kind in ("png", "jpeg", "gif", "bmp", "tiff", "x-emf", "x-wmf")
    },
}
# What each picture format starts with: a binary under a picture's name is refused.
_IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/bmp": (b"BM",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
    "image/x-emf": (b"\x01\x00\x00\x00",),
    "image/x-wmf": (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"),
}
_RESAVE = "hãy mở bằng Word hoặc LibreOffice và lưu lại dạng “Word Document (.docx)”"


def _error(check: str, message: str, where: str = "") -> Finding:
    return Finding(check, ERROR, message, where=where)


def check_package(content: bytes, filename: str = "") -> list[Finding]:
    """A real DOCX: no macros or binary parts, no external links, no zip bomb, well-formed."""
    if filename.lower().endswith((".docm", ".dotm")):
        return [
            _error(
                "macro",
                "Tệp có macro (.docm) không được dùng làm mẫu: hãy lưu lại dạng “Word Document (.docx)”.",
            )
        ]
    try:
        package = docx_package.read_package(
            content,
            docx_package.LIMITS["template"],
            keep=docx_package.is_xml_name,
        )
    except docx_package.PackageError as exc:
        if exc.en == "not a ZIP archive":
            return [
                _error(
                    "package",
                    f"Tệp không phải văn bản Word (.docx): {_RESAVE}.",
                )
            ]
        return [
            _error(
                "package",
                f"Tệp .docx không an toàn hoặc bị hỏng, không dùng được làm mẫu: {exc.vi}. "
                f"Giới hạn của một mẫu: {MAX_ENTRIES} phần, {MAX_EXPANDED // docx_package.MB} MB khi bung ra.",
                exc.part,
            )
        ]
    findings = _check_parts(package)
    if findings:
        return findings
    try:
        conversion.validate_docx(content)
    except conversion.InvalidDocx as exc:
        return [
            _error(
                "package",
                f"Tệp .docx bị hỏng hoặc không an toàn, không dùng được làm mẫu ({exc.message}).",
            )
        ]
    return []


def _content_types(xml: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """[Content_Types].xml → (extension → type, part name → type)."""
    root = ElementTree.fromstring(xml)
    defaults = {
        (d.get("Extension") or "").lower(): (d.get("ContentType") or "").strip()
        for d in root.iter(f"{_CT_NS}Default")
    }
    overrides = {
        (o.get("PartName") or "").lstrip("/").lower(): (o.get("ContentType") or "").strip()
        for o in root.iter(f"{_CT_NS}Override")
    }
    return defaults, overrides


def _source_of(rels_name: str) -> str:
    """word/_rels/document.xml.rels → word/document.xml; _rels/.rels → "" (the package)."""
    folder, base = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    return posixpath.join(parent, base.removesuffix(".rels")) if base != ".rels" else parent


def _check_parts(package: docx_package.Package) -> list[Finding]:
    """The allow-list: each part of an allowed content type, reached by an allowed relationship."""
    xml = package.parts.get("[Content_Types].xml")
    if xml is None:
        return [_error("package", f"Tệp thiếu phần [Content_Types].xml: {_RESAVE}.")]
    try:
        defaults, overrides = _content_types(xml)
        relationships = {
            name: ElementTree.fromstring(package.parts[name])
            for name in package.parts
            if name.endswith(".rels")
        }
    except ElementTree.ParseError as exc:
        return [_error("package", f"Tệp .docx có phần XML bị hỏng ({exc}): {_RESAVE}.")]
    findings: list[Finding] = []
    reached: dict[str, set[str]] = {}
    for rels_name, root in relationships.items():
        source = _source_of(rels_name)
        if source and source not in package.sizes:
            findings.append(
                _error(
                    "package",
                    f"Phần quan hệ {rels_name} không thuộc phần nào: {_RESAVE}.",
                    rels_name,
                )
            )
            continue
        for rel in root.iter(f"{_RELS_NS}Relationship"):
            target = rel.get("Target", "")
            rel_type = rel.get("Type", "")
            if (rel.get("TargetMode") or "").lower() == "external":
                findings.append(
                    Finding(
                        "external",
                        ERROR,
                        f"Tệp liên kết ra ngoài tới “{target}” (ảnh liên kết, siêu liên kết hoặc mẫu đính kèm): hãy xoá liên kết hoặc chèn hẳn nội dung vào văn bản.",
                        where=rels_name,
                    )
                )
                continue
            resolved = posixpath.normpath(
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.join(posixpath.dirname(source), target)
            )
            if resolved.startswith("../") or resolved == ".." or "\\" in target:
                findings.append(
                    _error(
                        "package",
                        f"Quan hệ trong {rels_name} trỏ ra ngoài gói tệp (“{target}”): mẫu không được có.",
                        rels_name,
                    )
                )
                continue
            reached.setdefault(resolved.lower(), set()).add(rel_type)
    for name in package.names:
        lowered = name.lower()
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            if (
                name.endswith(".rels")
                and overrides.get(lowered, defaults.get("rels")) != _RELS_TYPE
            ):
                findings.append(
                    _error(
                        "package",
                        f"Phần {name} không có kiểu nội dung của quan hệ: {_RESAVE}.",
                        name,
                    )
                )
            continue
        extension = posixpath.splitext(lowered)[1].lstrip(".")
        content_type = overrides.get(lowered) or defaults.get(extension, "")
        allowed_rels = ALLOWED_PARTS.get(content_type)
        if allowed_rels is None:
            findings.append(_refused(name, content_type))
            continue
        rel_types = reached.get(lowered, set())
        if not rel_types:
            findings.append(
                _error(
                    "macro",
                    f"Phần {name} không được văn bản dùng tới (phần nhúng thừa): mẫu không được có phần ẩn. {_RESAVE[0].upper()}{_RESAVE[1:]}.",
                    name,
                )
            )
            continue
        if not rel_types <= allowed_rels:
            findings.append(_refused(name, content_type, rel_types))
            continue
        if content_type.endswith("+xml") and not _well_formed(package.parts.get(name)):
            findings.append(
                _error(
                    "package",
                    f"Phần {name} không phải XML hợp lệ: mẫu không được có phần nhị phân nhúng. {_RESAVE[0].upper()}{_RESAVE[1:]}.",
                    name,
                )
            )
            continue
        magic = _IMAGE_MAGIC.get(content_type)
        if magic and not package.heads.get(name, b"").startswith(magic):
            findings.append(
                _error(
                    "macro",
                    f"Phần {name} mang tên ảnh ({content_type}) nhưng không phải ảnh: mẫu không được có phần nhị phân nhúng.",
                    name,
                )
            )
    return findings


def _well_formed(xml: bytes | None) -> bool:
    if xml is None:
        return False
    try:
        ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return False
    return True


def _refused(name: str, content_type: str, rel_types: Iterable[str] = ()) -> Finding:
    """A part of a kind templates may not carry, said in words staff know."""
    lowered = " ".join([name, content_type, *rel_types]).lower()
    if "vba" in lowered or "macro" in lowered:
        what = "macro (VBA); hãy lưu lại dạng “Word Document (.docx)”, không phải “.docm”"
    elif "oleobject" in lowered or "embedding" in lowered or "package" in content_type:
        what = "đối tượng nhúng (OLE: bảng tính, tệp khác); hãy xoá đối tượng hoặc dán dạng ảnh"
    elif "activex" in lowered or "control" in lowered:
        what = "điều khiển ActiveX; hãy xoá nó"
    elif "font" in lowered:
        what = "phông chữ nhúng; hãy bỏ chọn “Nhúng phông chữ vào tệp” (Embed fonts) khi lưu"
    else:
        what = "một thành phần mẫu văn bản không cần tới"
    shown = content_type or "không khai báo kiểu nội dung"
    return _error(
        "macro",
        f"Tệp có phần {name} ({shown}): {what}. Mẫu chỉ được gồm văn bản, kiểu định dạng, đầu/chân trang, chú thích, ghi chú, thuộc tính và ảnh.",
        name,
    )
