"""File names a clerk understands, with an ASCII fallback for old clients."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics (đ → d), for ASCII-only places."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def safe_filename(name: str) -> str:
    """A file name without path separators or characters Windows refuses, NFC."""
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name)
    return re.sub(r"\s+", " ", name).strip(" .-") or "van-ban"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987)."""
    fallback = ascii_fold(filename).replace('"', "") or "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
