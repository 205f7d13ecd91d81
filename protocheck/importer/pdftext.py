"""A PDF's text, page by page, laid out as on the page: through pypdf, an optional extra.

Councils publish their protocols inside whole constitutions of hundreds of pages, so a page
range picks the protocol out (`--pages 112-118`). pypdf (pure Python, maintained by the py-pdf
project) reads the pages in its layout mode, which keeps the indents and blank lines the
importer uses to tell a wrapped line from a new paragraph. It is imported only here, only for
a PDF, so every other command and every text import starts without it.
"""

from __future__ import annotations

import io
import logging
import re

from ..errors import InputError

PDF_EXTRA = "reading a PDF needs the pdf extra: pip install 'protocheck[pdf]'"
_RANGE = re.compile(r"^\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5})\s*)?$")


def parse_pages(spec: str) -> list[tuple[int, int]]:
    """`12-18`, `12`, or `3,5-7`: inclusive page ranges, counted from 1 as a reader counts."""
    ranges = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if not match:
            raise InputError(f"--pages {spec[:40]!r}: give pages as 12-18, 12 or 3,5-7")
        first = int(match[1])
        last = int(match[2] or first)
        if first < 1 or last < first:
            raise InputError(f"--pages {spec[:40]!r}: a range runs from a page to a later one")
        ranges.append((first, last))
    return ranges


def pdf_text(raw: bytes, pages: str | None, max_chars: int) -> str:
    """The chosen pages' text, pages separated by a blank line; refused past `max_chars`."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise InputError(f"{PDF_EXTRA} (or extract its text first with pdftotext)") from None
    _quiet(logging.getLogger("pypdf"))
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is encrypted; save an unprotected copy or its text")
        count = len(reader.pages)
        chosen = _chosen(pages, count)
        texts: list[str] = []
        size = 0
        for number in chosen:
            text = reader.pages[number - 1].extract_text(extraction_mode="layout")
            size += len(text)
            if size > max_chars:
                raise InputError(_too_much(number, chosen[0], max_chars))
            texts.append(text)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file: all mean the same
        raise InputError(f"cannot read this PDF ({type(exc).__name__}: {exc})"[:200]) from None
    return "\n\n".join(texts)


def _quiet(logger: logging.Logger) -> None:
    """pypdf logs what it repairs in a damaged file; a user sees only our one-line errors."""
    logger.addHandler(logging.NullHandler())
    logger.propagate = False


def _chosen(pages: str | None, count: int) -> list[int]:
    if pages is None:
        return list(range(1, count + 1))
    chosen: list[int] = []
    for first, last in parse_pages(pages):
        if last > count:
            raise InputError(f"--pages {pages[:40]}: the PDF has {count} pages")
        chosen.extend(n for n in range(first, last + 1) if n not in chosen)
    return chosen


def _too_much(page: int, first: int, max_chars: int) -> str:
    limit = f"{max_chars // (1024 * 1024)} MiB"
    return (
        f"the text of pages {first}-{page} is over {limit}, more than one protocol; "
        "choose the protocol's pages with --pages (for example --pages 112-118)"
    )
