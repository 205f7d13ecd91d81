"""Noise that docs/rules-format.md says to strip: markup, a contents table, page furniture.

The contents table is kept as entries: it names the sections the body should have."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from .classify import _marked

# --- line cleaning ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff]")
_MARKUP = (  # (a character the syntax needs, the pattern whose group 1 is the text to keep)
    ("#", re.compile(r"^\s*#{1,6}\s+()")),
    ("](", re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\((?:[^()\s\\]|\\.)*\)")),
    ("<", re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")),
    ("\\", re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")),
    ("*", re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")),
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them; odd separators become spaces so numbers stay true."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return re.sub(r"[\x0b\x85\u2028\u2029]", " ", text).split("\n")


def _strip_markup(line: str) -> str:
    """One line without control characters, `**` markers and Markdown link/escape syntax."""
    line = _CONTROL.sub("", line).replace("**", "").replace("\xa0", " ").replace("\t", " ")
    for trigger, pattern in _MARKUP:  # the trigger test keeps long, plain files fast
        if trigger in line:
            line = pattern.sub(r"\1", line)
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    return line.strip()


# --- contents tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    number: str | None
    title: str


_CONTENTS_START = re.compile(r"^\s*(?:table of\s+)?contents\s*:?\s*$", re.I)
_CONTENTS_HEAD = re.compile(
    r"^\s*(?:rule|section|paragraph|para\.?|no\.?|number|item|part)\s*\t+\s*"
    r"(?:subject|title|heading|contents?|description)\s*$",
    re.I,
)
_ENTRY_PATTERNS = (
    re.compile(r"^\s*(?P<num>\d{1,3}|[A-Z])\s*[:.]?\s*\t+\s*(?P<title>[^\t]+?)(?:\t+\d{1,4})?\s*$"),
    re.compile(r"^\s*(?P<num>\d{1,3})\s*:\s*(?P<title>\S[^\t]{0,120}?)\s*$"),
    re.compile(r"^\t+(?P<title>[^\t]+?)(?:\t+\d{1,4})?\s*$"),
    re.compile(r"^(?P<title>[^\t]{1,120}?)(?:\t+|\s*\.{3,}\s*)\d{1,4}\s*$"),
)
_CONTENTS_SEARCH_LINES = 80


def _find_contents(lines: list[str]) -> tuple[list[_Entry], range]:
    """A contents table near the top: its entries and the lines it occupies (to drop)."""
    for start, line in enumerate(lines[:_CONTENTS_SEARCH_LINES]):
        if _CONTENTS_START.match(line) or _CONTENTS_HEAD.match(line):
            entries, end = _read_entries(lines, start + 1)
            if len(entries) >= 2:
                return entries, range(start, end)
    return [], range(0)


def _read_entries(lines: list[str], start: int) -> tuple[list[_Entry], int]:
    """Entries from `start` until the first line that is not one (blank lines allowed)."""
    entries: list[_Entry] = []
    end = start
    for index in range(start, len(lines)):
        line = lines[index].rstrip()
        if not line.strip() or _CONTENTS_HEAD.match(line):
            continue
        entry = _entry(line)
        if entry is None:
            break
        entries.append(entry)
        end = index + 1
    return entries, end


_NUMBERED_TITLE = re.compile(
    r"^(?:(?P<num>\d{1,2})(?:[.:)]\s*|\s+)|(?P<letter>[A-Z])[.:)]\s+)(?P<title>\S.*)$"
)


def _entry(line: str) -> _Entry | None:
    """One contents line as a number (or none) and a title; `3. Roles ....... 4` is
    section 3, whatever separates its title from its page number."""
    for pattern in _ENTRY_PATTERNS:
        match = pattern.match(line)
        if match:
            number, title = match.groupdict().get("num"), _strip_markup(match["title"])
            split = None if number else _NUMBERED_TITLE.match(title)
            if split:  # `A Guide to ...` is a title; `A. Respect` is section A
                number, title = split["num"] or split["letter"], split["title"]
            return _Entry(number, title)
    return None


# --- page furniture -----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,4}\s*\|\s*page$",
    re.I,
)
_CONSTITUTION_HEADER = re.compile(
    r"^(?=.*\b(?:Council|Borough|County|District|Authority)\b)"
    r"(?:(?:[A-Z][\w'’&.,-]*|of|and|the|for)\s+){1,10}Constitution\b"
    r"(?:\s*[-–—:|,]?\s*(?:Part|Page|Section|Version)?\s*[\w.]+){0,2}$"
)
_FURNITURE_REPEATS = 3


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of page headers, footers and page numbers: lines a reader never sees as text."""
    counts = Counter(line for line in lines if _could_repeat(line))
    repeated = {line for line, count in counts.items() if count >= _FURNITURE_REPEATS}
    return {
        index
        for index, line in enumerate(lines)
        if line in repeated or _PAGE_NUMBER.match(line) or _CONSTITUTION_HEADER.match(line)
    }


def _could_repeat(line: str) -> bool:
    """Whether a recurring line may be a header: list items and lead-ins recur legitimately."""
    return 0 < len(line) <= 100 and not line.endswith((":", ";", ",")) and not _marked(line)
