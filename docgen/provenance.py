"""Which template version and which data produced a document, kept in its core properties."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_KEYWORDS = re.compile(
    r"docgen type=(?P<type>\S+) template_version=(?P<version>\d+) "
    r"template_sha256=(?P<template>[0-9a-f]{64}) data_sha256=(?P<data>[0-9a-f]{64})"
)


def data_sha256(data: Any) -> str:
    """The sha256 of the data as canonical JSON (sorted keys, no spaces, dates as ISO text)."""
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Provenance:
    """What produced a document."""

    type_id: str
    template_version: int
    template_sha256: str
    data_sha256: str

    def properties(self) -> dict[str, str]:
        """Core properties recording it: machine-readable keywords, an identifier, a comment."""
        return {
            "keywords": (
                f"docgen type={self.type_id} template_version={self.template_version} "
                f"template_sha256={self.template_sha256} data_sha256={self.data_sha256}"
            ),
            "identifier": f"sha256:{self.data_sha256}",
            "version": str(self.template_version),
            "comments": (
                f"Tạo bởi docgen từ mẫu “{self.type_id}” phiên bản {self.template_version} "
                f"(sha256 {self.template_sha256[:12]}…) và dữ liệu sha256 {self.data_sha256[:12]}…"
            ),
        }


def read(docx: bytes) -> Provenance | None:
    """The provenance recorded in a DOCX docgen produced, or None."""
    from docx import Document

    match = _KEYWORDS.search(Document(io.BytesIO(docx)).core_properties.keywords or "")
    if match is None:
        return None
    return Provenance(match["type"], int(match["version"]), match["template"], match["data"])
