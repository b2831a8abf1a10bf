"""File names a clerk understands, with an ASCII fallback for old clients."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from docgen import vn


def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics (đ → d), for ASCII-only places."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


# A file name is at most 255 bytes on every common file system; a stem leaves room for the
# extension and for " (2)" when batch output repeats a name.
MAX_NAME_BYTES = 255
MAX_STEM_BYTES = 200


def shorten(text: str, max_bytes: int) -> str:
    """The text cut to at most max_bytes of UTF-8, at a character (not inside one), with "…"."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    budget = max_bytes - len("…".encode())
    cut = text.encode("utf-8")[:budget].decode("utf-8", "ignore")
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]  # never leave a tone mark without its letter
    return cut.rstrip(" .-") + "…"


def safe_filename(name: str) -> str:
    """A file name without path separators, characters Windows refuses or invisible format
    controls, NFC, at most MAX_STEM_BYTES bytes of UTF-8."""
    name = vn.nfc_clean(name)
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-")
    return shorten(name, MAX_STEM_BYTES) or "van-ban"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987), each at
    most MAX_NAME_BYTES bytes, the extension kept."""
    filename = vn.nfc_clean(filename)
    stem, dot, extension = filename.rpartition(".")
    if not dot or len(extension) > 8:
        stem, extension = filename, ""
    suffix = f".{extension}" if extension else ""
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    filename = shorten(stem, room) + suffix
    fallback = (
        shorten(ascii_fold(stem).replace('"', "").replace("\\", ""), room).replace("…", "...")
        + suffix
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
