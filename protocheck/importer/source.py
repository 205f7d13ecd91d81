"""Reading a protocol as people have it: extracted text, a saved web page, or a PDF.

Each format has its own size bound, read before anything is parsed: a text or its extract may
be no larger than a rules file may be (what it becomes must load again), a saved page carries
markup and scripts besides, and a whole constitution as a PDF runs to many MiB.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..files import read_bounded, read_head

_NOT_TEXT = (
    "is not a text, HTML or PDF file; save the protocol as one of those "
    "(or extract its text, for example with pdftotext)"
)
_OTHER_BINARY = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w-]{1,40})", re.I)
_SNIFF = 1024
MIB = 1024 * 1024


def source_kind(path: Path) -> str:
    """`pdf`, `html` or `text`, from the file's first bytes (and, for a page, its name)."""
    head = read_head(path, _SNIFF)  # a pipe is refused, not waited on
    if b"%PDF-" in head[:_SNIFF]:
        return "pdf"
    if _HTML_START.match(head.lstrip(codecs.BOM_UTF8)) or path.suffix.lower() in _HTML_SUFFIXES:
        return "html"
    return "text"


def _read_text(path: Path, max_bytes: int) -> str:
    """The text of an extracted protocol; a binary file is refused with a hint.
    The caller gives the size limit: see `read_source` in the package."""
    raw = read_bounded(path, max_bytes, _too_large(max_bytes, "a text"))
    if raw.startswith(_OTHER_BINARY):
        raise InputError(_NOT_TEXT, path=path)
    text = _decode(raw)
    if text is None or len(_BAD_CONTROLS.findall(text)) > len(text) // 200:
        raise InputError(_NOT_TEXT, path=path)
    return _not_empty(text, path)


def _read_html(path: Path, max_bytes: int, max_chars: int) -> str:
    """A saved web page's visible text, as a browser would show it."""
    from .htmltext import html_to_text

    raw = read_bounded(path, max_bytes, _too_large(max_bytes, "a saved web page"))
    declared = _CHARSET.search(raw[: 4 * _SNIFF])
    text = _decode(raw, declared[1].decode("ascii") if declared else None)
    if text is None:
        raise InputError(_NOT_TEXT, path=path)
    shown = html_to_text(text)
    if len(shown) > max_chars:
        raise InputError(_too_large(max_chars, "the page's text"), path=path)
    return _not_empty(shown, path)


def _read_pdf(path: Path, max_bytes: int, max_chars: int, pages: str | None) -> str:
    from .pdftext import pdf_text

    raw = read_bounded(path, max_bytes, _too_large(max_bytes, "a PDF"))
    try:
        text = pdf_text(raw, pages, max_chars)
    except InputError as exc:
        raise InputError(exc.message, path=path) from None
    if not text.strip():
        raise InputError(
            "has no text on those pages (a scanned image?); protocheck needs text it can read",
            path=path,
        )
    return text


def _too_large(limit: int, what: str) -> str:
    size = f"{limit // MIB} MiB" if limit >= MIB else f"{limit:,} bytes"
    return (
        f"is larger than {size}, the most protocheck reads from {what}: "
        "keep only the protocol's own part"
    )


def _not_empty(text: str, path: Path) -> str:
    if not text.strip():
        raise InputError("is empty; there is no text to import", path=path)
    return text


def _decode(raw: bytes, declared: str | None = None) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, a page's declared encoding, else
    Windows-1252; None if none fits."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw:
        return None
    else:
        encodings = ("utf-8-sig", *([declared] if declared else []), "cp1252")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None
