"""Safeguards against a draft: kept (some `keeps` wording is there), dropped (none is), or
contradicted (a paragraph has `contradicts` wording). A finding quotes the protected paragraph
as the council's protocol has it today, so the committee reads what would be lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..findings import Finding, finding
from ..models import Council
from ..phrases import Prepared, first_match
from ..safeguards import Safeguard
from .document import Draft, Paragraph, locate

QUOTE_WIDTH = 240


class Guarded(NamedTuple):
    """What became of one safeguard in the draft."""

    council: str
    safeguard: Safeguard
    kept_at: Paragraph | None  # the first paragraph with its `keeps` wording
    contradicted_at: tuple[tuple[Paragraph, str, int, int], ...]  # paragraph, words, line, col

    @property
    def status(self) -> str:
        if self.contradicted_at:
            return "contradicted"
        return "kept" if self.kept_at is not None else "dropped"


def check_safeguards(
    council: Council,
    safeguards: Sequence[Safeguard],
    draft: Draft,
    counterparts: dict[str, Paragraph],
) -> tuple[list[Guarded], list[Finding]]:
    prepared = [(p, Prepared.of(p.text)) for p in draft.paragraphs]
    results, found = [], []
    for guard in safeguards:
        kept = next((p for p, text in prepared if first_match(guard.keeps, text)), None)
        against = []
        for paragraph, text in prepared:
            hit = first_match(guard.contradicts, text)
            if hit is not None:
                words = text.text[hit[1].start : hit[1].end]
                line, column = locate(draft.lines, paragraph, words)
                against.append((paragraph, " ".join(words.split()), line, column))
        results.append(Guarded(council.slug, guard, kept, tuple(against)))
        quote = _quote(council, guard)
        for paragraph, words, line, column in against:
            message = (f"{_clause(paragraph)} contradicts a safeguard of {council.name} "
                       f"({guard.id}: {guard.title}): it says {words!r}, "
                       f"where {quote}")  # fmt: skip
            found.append(finding("PC732", message, draft.path, line, column,
                                 paragraphs=guard.cites))  # fmt: skip
        if kept is None:
            place = _dropped_place(council, guard, counterparts, draft)
            message = (f"the draft drops a safeguard of {council.name} ({guard.id}: "
                       f"{guard.title}): none of its wording is left, where {quote}")  # fmt: skip
            found.append(finding("PC731", message, draft.path, *place,
                                 paragraphs=guard.cites))  # fmt: skip
    return results, found


def _clause(paragraph: Paragraph) -> str:
    return f"paragraph {paragraph.number}" if paragraph.number else "this paragraph"


def _dropped_place(
    council: Council, guard: Safeguard, counterparts: dict[str, Paragraph], draft: Draft
) -> tuple[int | None, int | None]:
    """Where the protected paragraph now stands in the draft; else the heading of the section
    it stood in; else nowhere in particular."""
    for ref in guard.cites:
        paragraph = counterparts.get(ref)
        if paragraph is not None:
            return paragraph.line, paragraph.column
    for ref in guard.cites:
        cited = council.paragraph(ref)
        title = " ".join(cited.heading.lower().split()) if cited else None
        for heading in draft.headings:
            if title and " ".join(heading.title.lower().split()) == title:
                return heading.line, heading.column
    return None, None


def _quote(council: Council, guard: Safeguard) -> str:
    """`paragraph 7.3 says: "…"`: the sentence of a cited paragraph that keeps it."""
    for ref in guard.cites:
        paragraph = council.paragraph(ref)
        if paragraph is None:
            continue
        text = " ".join(paragraph.text.split())
        hit = first_match(guard.keeps, Prepared.of(text))
        sentence = _sentence(text, hit[1].start if hit else 0)
        return f"paragraph {ref} says: \u201c{sentence}\u201d"
    return f"paragraph {', '.join(guard.cites)} gives it"


def _sentence(text: str, at: int) -> str:
    starts = [0, *(m.end() for m in re.finditer(r"[.;!?]\s+", text))]
    start = max(s for s in starts if s <= at)
    following = re.search(r"[.;!?](?:\s|$)", text[at:])
    end = at + following.end() if following else len(text)
    sentence = text[start:end].strip()
    if len(sentence) > QUOTE_WIDTH:
        cut = sentence.rfind(" ", 0, QUOTE_WIDTH)
        sentence = sentence[: cut if cut > 0 else QUOTE_WIDTH] + " …"
    return sentence
