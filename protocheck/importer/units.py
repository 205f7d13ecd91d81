"""The text as units: cleaned, non-blank lines that keep their line numbers for reports."""

from __future__ import annotations

from dataclasses import dataclass

from .noise import _CONTROL, _Entry, _find_contents, _furniture, _split_lines, _strip_markup
from .results import UnplacedLine


@dataclass(frozen=True)
class _Unit:
    no: int
    text: str
    blank_before: bool
    bold_end: bool


def _units(text: str) -> tuple[list[_Unit], list[_Entry], list[UnplacedLine]]:
    """The text's content lines, its contents entries, and the noise lines taken out."""
    raw = _split_lines(text)
    entries, contents = _find_contents([_CONTROL.sub("", r).replace("**", "") for r in raw])
    clean = [_strip_markup(line) for line in raw]
    drop = set(contents) | _furniture(clean)
    removed = [UnplacedLine(i + 1, clean[i]) for i in sorted(drop) if clean[i]]
    units: list[_Unit] = []
    blank = True
    for index, line in enumerate(clean):
        if index in drop and line:
            continue
        if not line:
            blank = True
            continue
        units.append(_Unit(index + 1, line, blank, raw[index].rstrip().endswith("**")))
        blank = False
    return units, entries, removed
