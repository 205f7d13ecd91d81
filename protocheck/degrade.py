"""Stand-ins for characters an output cannot encode (an ASCII or Latin-1 locale, say).

Imported only when a character could not be encoded, so a UTF-8 run never pays for it.
"""

from __future__ import annotations

import re

# The typographic characters protocols use, as plain ASCII: a degraded quote still reads right.
_PLAIN_FORMS = {
    "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u00a7": "para ", "\u00b6": "para ",
    "\u2022": "*", "\u25aa": "*", "\u25cf": "*", "\u25e6": "*", "\u2023": "*", "\u00b7": ".",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u200b": "", "\u00ad": "", "\ufeff": "",
    "\u00a3": "GBP ", "\u20ac": "EUR ", "\u00a9": "(c)", "\u00d7": "x", "\u2192": "->",
}  # fmt: skip


def degrade(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the encoding lacks becomes its plain form."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(plain_form(c) for c in exc.object[exc.start : exc.end]), exc.end


def plain_form(char: str) -> str:
    """An ASCII stand-in: the typographic table, else the letter without its accent, else '?'."""
    known = _PLAIN_FORMS.get(char)
    if known is not None:
        return known
    import unicodedata

    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if bare and bare.isascii() else "?"


def json_escaped(text: str) -> str:
    """JSON text with every non-ASCII character as a \\u escape: the same JSON value."""
    return re.sub("[^\x00-\x7f]", lambda m: _json_escape(m.group()), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
