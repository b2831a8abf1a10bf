"""Opening a DOCX package safely: size limits, parts, relationships."""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from typing import IO, Any

from lxml import etree

from docgen import docx_package
from docgen.conformity.ooxml import PKG_R_NS

# Limits against zip bombs and absurd inputs: a council document is a few hundred kilobytes.
MAX_ENTRIES = 10_000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Reading the package


def unusable(reason_vi: str, reason_en: str) -> str:
    """The message for a file that is not a usable DOCX, in Vietnamese and English."""
    return f"Tệp không phải DOCX dùng được: {reason_vi} (not a usable DOCX file: {reason_en})."


def open_zip(source: bytes | str | os.PathLike[str] | IO[bytes]) -> zipfile.ZipFile:
    """The DOCX as a zip archive, within the size limits; ValueError otherwise."""
    try:
        if isinstance(source, bytes | bytearray):
            if len(source) > MAX_FILE_BYTES:
                raise ValueError(unusable("tệp quá lớn", "the file is too large"))
            return _honest_zip(bytes(source))
        if isinstance(source, str | os.PathLike):
            with open(source, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        else:
            data = source.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(unusable("tệp quá lớn", "the file is too large"))
        return _honest_zip(data)
    except zipfile.BadZipFile as exc:
        raise ValueError(unusable("không phải tệp ZIP", "not a ZIP archive")) from exc
    except OSError as exc:
        raise ValueError(
            f"Không đọc được tệp (cannot read the file): {exc.strerror or exc}"
        ) from exc


def _honest_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, once every part has inflated within docx_package's limits for `check`."""
    try:
        docx_package.read_package(data, docx_package.LIMITS["check"])
    except docx_package.PackageError as exc:
        raise ValueError(unusable(exc.vi, exc.en)) from exc
    return zipfile.ZipFile(io.BytesIO(data))


class Package:
    """The parts of a WordprocessingML package, read lazily with safe limits."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ValueError(unusable("quá nhiều mục trong tệp nén", "too many entries"))
        self._archive = archive
        self._sizes = {info.filename: info.file_size for info in infos}
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        self._cache: dict[str, Any] = {}
        main = self._main_part()
        if main is None or main not in self._sizes:
            raise ValueError(unusable("không có phần văn bản Word", "no word/document.xml part"))
        self.main = main

    def _main_part(self) -> str | None:
        for rel_type, target, _ in self.rels("").values():
            if rel_type.endswith("/officeDocument"):
                return target
        return "word/document.xml" if "word/document.xml" in self._sizes else None

    def xml(self, name: str) -> Any | None:
        """The parsed root element of a part, or None when the part is missing."""
        if name not in self._sizes:
            return None
        if name not in self._cache:
            if self._sizes[name] > MAX_PART_BYTES:
                raise ValueError(unusable(f"phần {name} quá lớn", f"part {name} is too large"))
            try:
                self._cache[name] = etree.fromstring(self._archive.read(name), self._parser)
            except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ValueError(
                    unusable(f"phần {name} bị hỏng", f"part {name} is unreadable")
                ) from exc
        return self._cache[name]

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """The relationships of a part: id -> (type, target part name, is external)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        result: dict[str, tuple[str, str, bool]] = {}
        if root is None:
            return result
        for rel in root.iter(f"{{{PKG_R_NS}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                target = posixpath.normpath(joined)
            result[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
        return result
