"""Hostile DOCX packages, crafted byte by byte: bombs whose headers lie, binary parts, traversal.

Shared by the tests (each must be refused with a clear message) and `tools/bench_uploads.py`
(the peak memory and time of refusing each).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "templates_vn" / "ke_hoach_tiep_xuc.docx"
MB = 1024 * 1024


@dataclass
class Entry:
    """One ZIP entry as written: its raw (deflated) bytes and what its headers declare."""

    name: str
    raw: bytes
    declared_size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def honest(name: str, data: bytes) -> Entry:
    return Entry(name, deflate(data), len(data), zlib.crc32(data))


def zeros_stream(size: int) -> bytes:
    """The raw deflate stream of `size` zero bytes, made in steps (never `size` in memory)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = bytes(MB)
    out = [compressor.compress(block) for _ in range(size // MB)]
    out.append(compressor.compress(bytes(size % MB)))
    out.append(compressor.flush())
    return b"".join(out)


def lying(name: str, inflated: int, declared: int = 1000) -> Entry:
    """A part whose headers declare `declared` bytes (with their CRC) but inflate to `inflated`."""
    return Entry(name, zeros_stream(inflated), declared, zlib.crc32(bytes(declared)))


def write_zip(entries: list[Entry], local_names: dict[str, str] | None = None) -> bytes:
    """The archive, its two directories agreeing with each entry's declarations."""
    out = io.BytesIO()
    central = []
    for entry in entries:
        offset = out.tell()
        name = entry.name.encode("utf-8")
        local = (local_names or {}).get(entry.name, entry.name).encode("utf-8")
        out.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\x03\x04",
                20,
                0,
                0x800,
                entry.method,
                0,
                0x21,
                entry.crc,
                len(entry.raw),
                entry.declared_size,
                len(local),
                0,
            )
        )
        out.write(local)
        out.write(entry.raw)
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                0x800,
                entry.method,
                0,
                0x21,
                entry.crc,
                len(entry.raw),
                entry.declared_size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), size, start, 0)
    )
    return out.getvalue()


def plan_entries() -> list[Entry]:
    with zipfile.ZipFile(PLAN) as archive:
        return [honest(info.filename, archive.read(info)) for info in archive.infolist()]


def plan_with(extra: list[Entry], *, types: dict[str, str] | None = None, rels: str = "") -> bytes:
    """The plan template plus entries, content-type overrides and document relationships."""
    entries = []
    for entry in plan_entries():
        data = None
        if entry.name == "[Content_Types].xml" and types:
            data = zlib.decompress(entry.raw, -zlib.MAX_WBITS).decode()
            overrides = "".join(
                f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in types.items()
            )
            data = data.replace("</Types>", overrides + "</Types>")
        if entry.name == "word/_rels/document.xml.rels" and rels:
            data = zlib.decompress(entry.raw, -zlib.MAX_WBITS).decode()
            data = data.replace("</Relationships>", rels + "</Relationships>")
        entries.append(honest(entry.name, data.encode()) if data is not None else entry)
    return write_zip(entries + extra)


def rel(rel_id: str, rel_type: str, target: str) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    full = rel_type if "://" in rel_type else base + rel_type
    return f'<Relationship Id="{rel_id}" Type="{full}" Target="{target}"/>'


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)


def bomb_lying_headers(inflated: int = 1024 * MB) -> bytes:
    """The plan plus a part declared as 1,000 bytes that inflates to `inflated` bytes."""
    return plan_with([lying("word/media/image9.png", inflated)])


def bomb_lying_document(inflated: int = 1024 * MB) -> bytes:
    """word/document.xml itself lies: the part every reader opens."""
    entries = [e for e in plan_entries() if e.name != "word/document.xml"]
    return write_zip([*entries, lying("word/document.xml", inflated)])


def bomb_honest(inflated: int = 200 * MB) -> bytes:
    """A part that declares its true (huge) size."""
    stream = zeros_stream(inflated)
    crc = 0
    block = bytes(MB)
    for _ in range(inflated // MB):
        crc = zlib.crc32(block, crc)
    return plan_with([Entry("word/media/big.bin", stream, inflated, crc)])


def ole_object() -> bytes:
    return plan_with(
        [honest("word/embeddings/oleObject1.bin", OLE)],
        types={
            "word/embeddings/oleObject1.bin": "application/vnd.openxmlformats-officedocument.oleObject"
        },
        rels=rel("rIdOle", "oleObject", "embeddings/oleObject1.bin"),
    )


def activex() -> bytes:
    return plan_with(
        [
            honest(
                "word/activeX/activeX1.xml",
                b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>',
            ),
            honest("word/activeX/activeX1.bin", OLE),
        ],
        types={"word/activeX/activeX1.xml": "application/vnd.ms-office.activeX+xml"},
        rels=rel("rIdAx", "control", "activeX/activeX1.xml"),
    )


def vba_disguised() -> bytes:
    """A VBA project stored as an innocent-looking part with a Word content type."""
    return plan_with(
        [honest("word/glossary.xml", OLE)],
        types={
            "word/glossary.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
        },
        rels=rel(
            "rIdV",
            "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
            "glossary.xml",
        ),
    )


def binary_as_image() -> bytes:
    """An OLE compound file under a picture's name and content type."""
    return plan_with(
        [honest("word/media/image1.png", OLE)],
        types={"word/media/image1.png": "image/png"},
        rels=rel("rIdImg", "image", "media/image1.png"),
    )


def unreferenced_binary() -> bytes:
    """A picture-typed part no relationship reaches (a hidden payload)."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    return plan_with(
        [honest("word/media/hidden.png", png)], types={"word/media/hidden.png": "image/png"}
    )


def embedded_font() -> bytes:
    return plan_with(
        [honest("word/fonts/font1.odttf", bytes(2048))],
        types={
            "word/fonts/font1.odttf": "application/vnd.openxmlformats-officedocument.obfuscatedFont"
        },
        rels=rel("rIdF", "font", "fonts/font1.odttf"),
    )


def traversal_name() -> bytes:
    return plan_with([honest("../../etc/cron.d/x", b"* * * * * root true\n")])


def traversal_target() -> bytes:
    return plan_with([], rels=rel("rIdT", "image", "../../../../etc/passwd"))


def local_name_differs() -> bytes:
    """The central directory says one name, the local header another."""
    return write_zip(plan_entries(), local_names={"word/styles.xml": "word/../../styles.x"})


def duplicate_part() -> bytes:
    entries = plan_entries()
    styles = next(e for e in entries if e.name == "word/styles.xml")
    return write_zip([*entries, styles])


CLASSES = {
    "bomb_lying_headers": bomb_lying_headers,
    "bomb_lying_document": bomb_lying_document,
    "bomb_honest": bomb_honest,
    "ole_object": ole_object,
    "activex": activex,
    "vba_disguised": vba_disguised,
    "binary_as_image": binary_as_image,
    "unreferenced_binary": unreferenced_binary,
    "embedded_font": embedded_font,
    "traversal_name": traversal_name,
    "traversal_target": traversal_target,
    "local_name_differs": local_name_differs,
    "duplicate_part": duplicate_part,
}
