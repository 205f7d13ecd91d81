"""The text as units: cleaned, non-blank lines that keep their line numbers for reports.

A unit also keeps where its text starts on the line (`indent`) and, for a numbered line, where
the words after the number start (`body`): in a PDF's layout, a line indented to `body` is the
same paragraph wrapped, and a list indented under a heading belongs to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .layout import alone, numbered_integers, split_run_on
from .noise import _CONTROL, _Entry, _find_contents, _furniture, _split_lines, _strip_markup
from .results import UnplacedLine
from .webpage import Metadata, web_furniture

_LABEL = re.compile(
    r"^(?:[-–•·*]\s*)?(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|\((?:[ivxlc]{1,6}|[a-zA-Z]|\d{1,2})\)"
    r"|(?:[a-z]|\d{1,2})[.)])\s+(?=\S)"
)


@dataclass(frozen=True)
class _Unit:
    no: int
    text: str
    blank_before: bool
    bold_end: bool
    indent: int = 0
    body: int = 0  # the column where the words after a leading number start


@dataclass(frozen=True)
class _Cleaned:
    """What the cleaning stage hands the builder."""

    units: list[_Unit]
    contents: list[_Entry]
    removed: list[UnplacedLine]
    metadata: Metadata


def _units(text: str) -> _Cleaned:
    """The text's content lines, its contents entries, the noise taken out, and its metadata."""
    raw = _split_lines(text)
    entries, contents = _find_contents([_CONTROL.sub("", r).replace("**", "") for r in raw])
    clean = [_strip_markup(line) for line in raw]
    web, metadata = web_furniture(clean)
    drop = set(contents) | (_furniture(clean) - numbered_integers(clean)) | web
    removed = [UnplacedLine(i + 1, clean[i]) for i in sorted(drop) if clean[i]]
    if metadata.text:
        drop.add(metadata.line_no - 1)
    units: list[_Unit] = []
    blank = True
    for index, line in enumerate(clean):
        if index in drop and line:
            continue
        if not line:
            blank = True
            continue
        units.extend(_line_units(index, line, raw[index], blank))
        blank = False
    return _Cleaned(_join_alone_numbers(units), entries, removed, metadata)


def _line_units(index: int, line: str, raw: str, blank: bool) -> list[_Unit]:
    """One line's unit, or two when a numbered paragraph runs on into the next."""
    spaced = _CONTROL.sub("", raw).replace("**", "").expandtabs(8)
    indent = len(spaced) - len(spaced.lstrip())
    bold_end = raw.rstrip().endswith("**")
    parts = split_run_on(line)
    return [
        _Unit(index + 1, part, blank and n == 0, bold_end, indent, _body(spaced, indent))
        for n, part in enumerate(parts)
    ]


def _body(spaced: str, indent: int) -> int:
    label = _LABEL.match(spaced[indent:])
    return indent + label.end() if label else indent


def _join_alone_numbers(units: list[_Unit]) -> list[_Unit]:
    """`8.63` on a line of its own, then the paragraph: one numbered unit."""
    joined: list[_Unit] = []
    index = 0
    while index < len(units):
        unit = units[index]
        following = units[index + 1] if index + 1 < len(units) else None
        if following is not None and alone(unit.text) and not alone(following.text):
            joined.append(
                replace(
                    unit,
                    text=f"{unit.text} {following.text}",
                    bold_end=following.bold_end,
                    body=following.indent,
                )
            )
            index += 2
            continue
        joined.append(unit)
        index += 1
    return joined
