"""A draft as the checks see it: numbered paragraphs and headings that know their lines.

Drafts come from other people, so reading is bounded (1 MiB, read without blocking) and every
way a file can be the wrong thing (binary, a Word document, empty, not UTF-8) is one line that
says what to do. UTF-16 with a byte-order mark (Word's "Unicode text") is read as such.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError
from ..files import read_bounded
from ..importer.classify import _roman_value, _to_roman

MAX_DRAFT_BYTES = 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_WORD_FILES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")
_SAVE_AS = "save the draft as Markdown (.md) or plain text (.txt), in UTF-8"


class Heading(NamedTuple):
    """A section heading: its number as printed (`7`), if any, and its title."""

    number: str | None
    title: str
    line: int
    column: int


class Paragraph(NamedTuple):
    """A paragraph of the draft, numbered as the draft numbers it (None where it does not),
    with its text as a reader sees it and the lines it spans."""

    key: str  # unique in the draft: its number, `7.3~2` for a number used again, or made
    number: str | None
    text: str
    line: int
    end: int
    column: int
    section: str | None  # the number of the section it stands in, if numbered
    heading: str


class Suppression(NamedTuple):
    """A `protocheck-disable` comment: the rules it names, why, and where it stands."""

    rules: tuple[str, ...]
    reason: str
    line: int
    column: int
    whole_file: bool
    text: str  # as written, for messages


class Draft(NamedTuple):
    path: str
    format: str  # "markdown" or "text"
    lines: tuple[str, ...]  # the source, for placing findings on lines and columns
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    suppressions: tuple[Suppression, ...]

    @property
    def numbered(self) -> bool:
        return any(p.number for p in self.paragraphs)


def read_draft(path: Path) -> Draft:
    """The draft at `path`, parsed by its kind: Markdown by its suffix, else plain text."""
    text = read_text(path)
    from .suppress import blank_out, find_suppressions

    suppressions = find_suppressions(text)
    body = blank_out(text, suppressions)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from .markdown import parse_markdown

        headings, paragraphs, fmt = *parse_markdown(body), "markdown"
    else:
        from .plain import parse_plain

        headings, paragraphs, fmt = *parse_plain(body), "text"
    return Draft(str(path), fmt, tuple(text.splitlines()), headings, paragraphs, suppressions)


def read_text(path: Path) -> str:
    """The draft's text, or InputError saying what the file is instead and what to do."""
    raw = read_bounded(
        path,
        MAX_DRAFT_BYTES,
        "is larger than 1 MiB, the most protocheck reads from a draft: is it a policy draft?",
    )
    if raw.startswith(_WORD_FILES):
        raise InputError(f"is a Word or other office document, not text: {_SAVE_AS}", path=path)
    if raw.startswith(b"%PDF-"):
        raise InputError(f"is a PDF, not text: {_SAVE_AS}", path=path)
    text = _decode(raw, path)
    if not text.strip():
        raise InputError("is empty: there is no draft to check", path=path)
    return text


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"is not readable text: {_SAVE_AS}", path=path) from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"is not a text file (it holds binary data): {_SAVE_AS}", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise InputError(
            f"is not UTF-8 text (byte 0x{byte:02x} on line {line}): {_SAVE_AS}", path=path
        ) from None


# Numbers ---------------------------------------------------------------------------------------

# `7.3`, `12`, `7.6(ii)`, `7.6 (ii)`, `4 a)`, then the text: a paragraph's number as printed.
LEADING_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})"
    r"(?:\s*(?P<sub>\((?:[ivxlc]{1,6}|[a-z])\))|\s+(?P<letter>[a-z]\)))?"
    r"\.?(?:\s+|$)(?=\S|$)"
)


def leading_number(text: str) -> tuple[str, str] | None:
    """The number a paragraph starts with, normalised (`7.6(ii)`, `4 a)`), and the rest; None
    where it starts with none, or with a count in running text (`10 members attended`)."""
    match = LEADING_NUMBER.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    sub, letter = match["sub"], match["letter"]
    if rest[:1].islower() and not (sub or letter):
        return None
    number = match["num"] + (sub or "") + (f" {letter}" if letter else "")
    return number, rest


class Parts(NamedTuple):
    """A number as levels: `7.6(ii)` is ((7, "n"), (6, "n"), (2, "i")); `4 a)` is
    ((4, "n"), (1, "a"))."""

    levels: tuple[tuple[int, str], ...]

    @property
    def parent(self) -> Parts:
        return Parts(self.levels[:-1])

    @property
    def value(self) -> int:
        return self.levels[-1][0]

    @property
    def style(self) -> str:
        return self.levels[-1][1]

    def shown(self) -> str:
        """As the draft would print it: 7.6(ii), 4 a), 9."""
        out = ""
        for value, style in self.levels:
            if style == "n":
                out += f".{value}" if out else str(value)
            elif style == "a":
                out += f" {chr(ord('a') + value - 1)})"
            else:
                out += f"({_to_roman(value)})"
        return out


def parts(number: str, roman: bool = False) -> Parts | None:
    """A draft's number as levels, or None if it is not one this reads. A letter in brackets
    is a letter, but `(i)` (and `(v)`, `(x)`… where `roman`: after roman numerals) is roman."""
    match = re.fullmatch(
        r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})\s*(?:\((?P<sub>[ivxlc]{1,6}|[a-z])\)"
        r"|(?P<letter>[a-z])\))?",
        number.strip(),
    )
    if match is None:
        return None
    levels = [(int(p), "n") for p in match["num"].split(".")]
    sub = match["sub"] or ""
    if len(sub) > 1 or sub == "i" or (roman and sub in ("v", "x", "l", "c")):
        levels.append((_roman_value(sub) or 0, "i"))
    elif sub:
        levels.append((ord(sub) - ord("a") + 1, "a"))
    if match["letter"]:
        levels.append((ord(match["letter"]) - ord("a") + 1, "a"))
    return Parts(tuple(levels))


# Places ----------------------------------------------------------------------------------------


def locate(draft_lines: tuple[str, ...], paragraph: Paragraph, phrase: str) -> tuple[int, int]:
    """The line and column where `phrase` (words of the paragraph's text) is written in the
    source, between the paragraph's first and last lines: markup, line breaks and spacing
    between its words are allowed for. The paragraph's own start where it cannot be found."""
    words = re.findall(r"[^\W_]+", phrase)
    if not words:
        return paragraph.line, paragraph.column
    first, last = paragraph.line, max(paragraph.end, paragraph.line)
    block = "\n".join(draft_lines[first - 1 : last])
    pattern = r"[\W_]+".join(re.escape(w) for w in words)
    found = re.search(pattern, block, re.IGNORECASE)
    if found is None:
        return paragraph.line, paragraph.column
    before = block[: found.start()]
    line = first + before.count("\n")
    column = found.start() - (before.rfind("\n") + 1) + 1
    return line, column
