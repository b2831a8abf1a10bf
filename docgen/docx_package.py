"""The one reader of uploaded DOCX packages, bounded by what is actually inflated.

A ZIP's headers say how large each part is, but they can lie: a 1 MB file whose headers
declare a few kilobytes may inflate to gigabytes, and zipfile inflates a part's whole stream
before it cuts it at the declared size. Every DOCX docgen reads from outside (a template upload,
`check`, a conversion input) first passes `read_package`, which inflates each part itself, in
small steps, and stops as soon as a limit of `LIMITS` is passed. A package it accepts is honest:
each part's deflate stream ends exactly at its declared size with the declared CRC, no two
entries overlap or share a name, no name escapes the package. Later readers (python-docx,
docxtpl, zipfile, lxml) then read at most what was counted here.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

# Inflate in steps of this many bytes of output: the most memory one step can take.
_STEP = 256 * 1024
_INPUT_STEP = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_DTD_OVERLAP = max(len(m) for m in _DTD_MARKERS)
_XML_NAME = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
# A part name (OPC, ECMA-376 part 2 §9.1.1): segments of printable characters, no ".." or ".",
# no backslash, no leading slash, no drive letter, no control or format characters.
_BAD_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|%\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one package may hold, counted on the inflated bytes."""

    entries: int  # parts in the ZIP
    total: int  # bytes of every part together, inflated
    part: int  # bytes of one part, inflated
    xml_part: int  # bytes of one XML part (parsed into a tree later: ~5-10x in memory)
    ratio: int = 300  # inflated:compressed of one part above ratio_min_size (bombs reach 1,000)
    ratio_min_size: int = MB


# One table for every door. A template is a few pages; `check` takes any office document up
# to the upload limit (a 2,000-row table is 1.3 MB of document.xml); a conversion input is
# docgen's own output or a checked upload, parsed by LibreOffice in its own process.
LIMITS: dict[str, Limits] = {
    "template": Limits(entries=1000, total=25 * MB, part=10 * MB, xml_part=4 * MB),
    "check": Limits(entries=2000, total=64 * MB, part=32 * MB, xml_part=8 * MB),
    "conversion": Limits(entries=2000, total=200 * MB, part=100 * MB, xml_part=100 * MB),
}


class PackageError(ValueError):
    """The package is not one docgen reads; the message names the part in both languages."""

    def __init__(self, vi: str, en: str, part: str = "") -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en
        self.part = part


@dataclass
class Package:
    """What `read_package` found: every part's inflated size and first bytes, kept parts."""

    names: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    heads: dict[str, bytes] = field(default_factory=dict)  # the first 64 bytes of each part
    parts: dict[str, bytes] = field(default_factory=dict)  # the parts `keep` asked for

    @property
    def total(self) -> int:
        """Bytes of every part, inflated."""
        return sum(self.sizes.values())


def is_xml_name(name: str) -> bool:
    """Parts docgen and LibreOffice parse as XML."""
    return bool(_XML_NAME.search(name)) or name == "[Content_Types].xml"


def check_name(name: str) -> None:
    """Refuse a part name that could escape the package or hide what it is."""
    normalised = posixpath.normpath(name) if name else ""
    segments = name.split("/")
    if (
        not name
        or name.startswith("/")
        or _BAD_NAME_CHARS.search(name)
        or any(s in {"", ".", ".."} for s in segments[:-1])
        or segments[-1] in {".", ".."}
        or normalised != name.rstrip("/")
        or len(name.encode("utf-8")) > 1024
    ):
        shown = name.encode("unicode_escape").decode("ascii")[:120]
        raise PackageError(
            f"tên phần “{shown}” không hợp lệ (có thể trỏ ra ngoài gói)",
            f"the part name {shown!r} is not valid (it could point outside the package)",
            shown,
        )


def read_package(
    data: bytes,
    limits: Limits,
    keep: Callable[[str], bool] = lambda _name: False,
) -> Package:
    """Inflate every part within the limits; keep the bytes of the parts `keep` names."""
    try:
        archive = zipfile.ZipFile(_Bytes(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise PackageError("không phải tệp ZIP", "not a ZIP archive") from exc
    with archive:
        entries = archive.infolist()
    if len(entries) > limits.entries:
        raise PackageError(
            f"quá nhiều phần ({len(entries)}; giới hạn {limits.entries})",
            f"too many parts ({len(entries)}; limit {limits.entries})",
        )
    package = Package()
    seen: set[str] = set()
    spans: list[tuple[int, int, str]] = []
    for entry in entries:
        name = entry.filename
        if name.endswith("/") and entry.file_size == 0:
            continue  # a folder entry some zip tools write
        check_name(name)
        if name.lower() in seen:
            raise PackageError(f"phần {name} xuất hiện hai lần", f"part {name} appears twice", name)
        seen.add(name.lower())
        start, end = _data_span(data, entry)
        spans.append((entry.header_offset, end, name))
        content = _inflate(memoryview(data)[start:end], entry, limits, package, keep(name))
        package.names.append(name)
        if content is not None:
            package.parts[name] = content
    spans.sort()
    for (_s1, end1, name1), (start2, _e2, name2) in zip(spans, spans[1:], strict=False):
        if start2 < end1:
            raise PackageError(
                f"phần {name1} và {name2} chồng lên nhau (tệp nén bị làm giả)",
                f"parts {name1} and {name2} overlap (a forged archive)",
                name2,
            )
    return package


class _Bytes:
    """A minimal seekable reader over bytes without copying them (zipfile reads the directory)."""

    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._pos = 0

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        self._pos = max(base + offset, 0)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else self._pos + size
        chunk = bytes(self._view[self._pos : end])
        self._pos += len(chunk)
        return chunk

    def seekable(self) -> bool:
        return True


def _data_span(data: bytes, entry: zipfile.ZipInfo) -> tuple[int, int]:
    """Where the entry's compressed bytes are, from its local header (which must agree)."""
    name = entry.filename
    offset = entry.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise PackageError(f"phần {name} bị cắt cụt", f"part {name} is truncated", name)
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise PackageError(f"phần {name} bị hỏng", f"part {name} is damaged", name)
    name_length, extra_length = fields[10], fields[11]
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    local_name = data[offset + _LOCAL_HEADER.size : offset + _LOCAL_HEADER.size + name_length]
    if local_name not in (name.encode("utf-8"), name.encode("cp437", "replace")):
        raise PackageError(
            f"tên phần {name} không khớp giữa hai mục lục của tệp nén",
            f"part {name} has a different name in its local header",
            name,
        )
    end = start + entry.compress_size
    if end > len(data):
        raise PackageError(f"phần {name} bị cắt cụt", f"part {name} is truncated", name)
    return start, end


def _inflate(
    raw: bytes | memoryview, entry: zipfile.ZipInfo, limits: Limits, package: Package, keep: bool
) -> bytes | None:
    """Inflate one part step by step, counting; check its size, CRC and DTD-free XML."""
    name = entry.filename
    if entry.flag_bits & 0x1:
        raise PackageError(f"phần {name} được mã hoá", f"part {name} is encrypted", name)
    limit = min(limits.part, limits.xml_part if is_xml_name(name) else limits.part)
    remaining_total = limits.total - package.total
    xml = is_xml_name(name)
    pieces: list[bytes] = []
    size = 0
    crc = 0
    tail = b""
    head = b""

    def take(out: bytes) -> None:
        nonlocal size, crc, tail, head
        size += len(out)
        if size > entry.file_size:
            raise PackageError(
                f"phần {name} bung ra lớn hơn kích thước khai báo (tệp nén bị làm giả)",
                f"part {name} inflates beyond its declared size (a forged archive)",
                name,
            )
        if size > limit:
            kind = "phần XML" if xml else "phần"
            raise PackageError(
                f"{kind} {name} bung ra quá lớn (hơn {limit // MB} MB)",
                f"part {name} is too large when unpacked (over {limit // MB} MB)",
                name,
            )
        if size > remaining_total:
            raise PackageError(
                f"tệp bung ra quá lớn (hơn {limits.total // MB} MB)",
                f"the file is too large when unpacked (over {limits.total // MB} MB)",
                name,
            )
        if size > limits.ratio_min_size and size > limits.ratio * max(entry.compress_size, 1):
            raise PackageError(
                f"phần {name} bị nén bất thường (hơn {limits.ratio}:1, dấu hiệu bom nén)",
                f"part {name} is suspiciously compressed (over {limits.ratio}:1)",
                name,
            )
        crc = zlib.crc32(out, crc)
        if len(head) < 64:
            head = (head + out[:64])[:64]
        if xml:
            window = tail + out[:_DTD_OVERLAP]
            if any(m in window for m in _DTD_MARKERS) or any(m in out for m in _DTD_MARKERS):
                raise PackageError(
                    f"phần {name} có khai báo DOCTYPE hoặc ENTITY",
                    f"part {name} contains a DOCTYPE or ENTITY declaration",
                    name,
                )
            tail = out[-_DTD_OVERLAP:]
        if keep:
            pieces.append(out)

    if entry.compress_type == zipfile.ZIP_STORED:
        for start in range(0, len(raw), _STEP):
            take(bytes(raw[start : start + _STEP]))
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        position = 0
        try:
            while not inflater.eof:
                if inflater.unconsumed_tail:
                    chunk = inflater.unconsumed_tail
                elif position < len(raw):
                    chunk = bytes(raw[position : position + _INPUT_STEP])
                    position += _INPUT_STEP
                else:
                    break
                take(inflater.decompress(chunk, _STEP))
        except zlib.error as exc:
            raise PackageError(f"phần {name} bị hỏng", f"part {name} is damaged", name) from exc
        if not inflater.eof or inflater.unused_data or position < len(raw):
            raise PackageError(f"phần {name} bị hỏng", f"part {name} is damaged", name)
    else:
        raise PackageError(
            f"phần {name} dùng kiểu nén không hỗ trợ",
            f"part {name} uses an unsupported compression method",
            name,
        )
    if size != entry.file_size or crc != entry.CRC:
        raise PackageError(
            f"phần {name} bị hỏng (kích thước hoặc mã kiểm tra không khớp khai báo)",
            f"part {name} is damaged (its size or CRC differs from its header)",
            name,
        )
    package.sizes[name] = size
    package.heads[name] = head
    return b"".join(pieces) if keep else None
