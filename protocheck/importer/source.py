"""Reading a protocol's extracted text: bounded in size, decoded, binary files refused."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..files import read_bounded

_NOT_TEXT = "is not a text file; extract its text first (for example with pdftotext)"
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def _read_source(path: Path, max_bytes: int) -> str:
    """The text of an extracted protocol; a PDF or other binary is refused with a hint.
    The caller gives the size limit: see `read_source` in the package."""
    too_large = f"is larger than {max_bytes // (1024 * 1024)} MiB, far more than any protocol"
    raw = read_bounded(path, max_bytes, too_large)
    if raw.startswith(_BINARY_MAGIC):
        raise InputError(_NOT_TEXT, path=path)
    text = _decode(raw)
    if text is None or len(_BAD_CONTROLS.findall(text)) > len(text) // 200:
        raise InputError(_NOT_TEXT, path=path)
    if not text.strip():
        raise InputError("is empty; there is no text to import", path=path)
    return text


def _decode(raw: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; None if none fits."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw:
        return None
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
