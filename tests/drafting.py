"""Drafts for the tests, written from a council's own protocol: as it reads today (a draft that
keeps everything), or with paragraphs reworded, removed or added. Each knows the line every
paragraph starts on, so a test can say where a finding must be."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from protocheck.models import Council, Paragraph


class Written(NamedTuple):
    text: str
    lines: dict[str, int]  # a paragraph's ref (or an added one's number) -> its first line;
    # `heading:<heading>` -> the line of a section's heading


def draft_of(
    council: Council,
    *,
    replace: Mapping[str, str] | None = None,
    after: Mapping[str, Iterable[tuple[str, str]]] | None = None,
    drop: Iterable[str] = (),
    plain: bool = False,
) -> Written:
    """The protocol as a Markdown draft (or, `plain`, a text one): `replace` rewords paragraphs
    (ref -> text), `after` adds paragraphs after one (ref -> [(number, text)], a number of ""
    for none) and `drop` leaves paragraphs out."""
    replace, after, dropped = replace or {}, after or {}, set(drop)
    out: list[str] = [
        f"{'' if plain else '# '}{council.name}: Member/Officer Protocol",
        "",
    ]
    lines: dict[str, int] = {}
    heading = None
    for paragraph in council.paragraphs:
        if paragraph.heading != heading:
            heading = paragraph.heading
            lines.setdefault(f"heading:{heading}", len(out) + 1)
            out += [_heading(council, paragraph, plain), ""]
        if paragraph.ref not in dropped:
            lines[paragraph.ref] = len(out) + 1
            out += _paragraph(
                _number(council, paragraph), replace.get(paragraph.ref, paragraph.text)
            )
        for number, text in after.get(paragraph.ref, ()):
            lines[number or text[:20]] = len(out) + 1
            out += _paragraph(number, text)
    return Written("\n".join(out), lines)


def _number(council: Council, paragraph: Paragraph) -> str:
    """The number a draft prints: the council's, less a word that only labels it (Surrey's
    `protocol 17`, a paragraph of its protocol quoted in a report, is its paragraph 17)."""
    if not (council.numbered_by_council and paragraph.numbered_by_council):
        return ""
    return re.sub(r"^[A-Za-z][A-Za-z-]+\s+(?=\d)", "", paragraph.ref)


def _heading(council: Council, paragraph: Paragraph, plain: bool) -> str:
    section = paragraph.ref.split(".")[0] if "." in paragraph.ref else ""
    shown = f"{section}. " if council.numbered_by_council and section.isdigit() else ""
    return f"{shown}{paragraph.heading.upper()}" if plain else f"## {shown}{paragraph.heading}"


def _paragraph(number: str, text: str) -> list[str]:
    """A paragraph's blocks: its first with its number; a list's items as their own lines."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = []
    for n, block in enumerate(blocks):
        first = f"{number} {block}" if number and n == 0 else block
        out += [*first.split("\n"), ""]
    return out
