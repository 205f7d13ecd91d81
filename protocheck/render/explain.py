"""`protocheck explain`: paragraphs, under their council where several are shown."""

from __future__ import annotations

from typing import Any

from ..lookup import Beside, topics_citing
from ..models import Council, Paragraph
from ..refs import short_refs
from .blocks import Block, Line, paragraph_blocks, same_words_heading
from .data import document, paragraph_dict

Found = list[tuple[Council, list[Paragraph]]]


def paragraphs_dict(
    found: Found, scope: dict[str, Any], beside: Beside | None = None
) -> dict[str, Any]:
    """Every paragraph found, each naming its council: one shape for one council or many."""
    items = []
    by_council = _shorts_by_council(beside)
    for council, paragraphs in found:
        shorts = _shorts(council, beside, by_council)
        for paragraph in paragraphs:
            items.append({"council": council.slug, "council_name": council.name,
                          **paragraph_dict(paragraph, shorts.get(paragraph.ref))})  # fmt: skip
    return document({"scope": scope, "paragraphs": items})


def paragraphs_blocks(
    found: Found, grouped: bool, note: str | None, beside: Beside | None = None
) -> list[Block]:
    """`beside` gives the topics and short refs of each paragraph where the councils shown
    are not held whole (read from the index); else each council's own say. Councils whose
    paragraphs, source and all read the same (adopters of one model) are shown once."""
    blocks: list[Block] = [Line("Showing", note)] if note else []
    by_council = _shorts_by_council(beside)
    shown: dict[tuple, list[Council]] = {}  # each distinct say, and the councils saying it
    parts: list[tuple | list[Block]] = []  # in the order found
    for council, paragraphs in found:
        shorts = _shorts(council, beside, by_council)
        said: list[Block] = []
        for paragraph in paragraphs:
            if beside is None:
                cited_by = topics_citing(council, paragraph.ref)
            else:
                cited_by = beside.cited.get((council.slug, paragraph.ref), ())
            said += paragraph_blocks(paragraph, cited_by, shorts.get(paragraph.ref))
        if grouped or len(paragraphs) > 1 or council.source.is_extract:
            key = (*_source_blocks(council), *said)
            if key not in shown:
                parts.append(key)
            shown.setdefault(key, []).append(council)
        elif not note:  # one paragraph, and nothing yet says whose: name it (-c leicester)
            parts.append([Line("Council", council.label), *said])
        else:
            parts.append(said)
    for part in parts:
        if isinstance(part, tuple):
            blocks += [*same_words_heading([c.label for c in shown[part]]), *part]
        else:
            blocks += part
    return blocks


def _shorts(
    council: Council, beside: Beside | None, by_council: dict[str, dict[str, str]]
) -> dict[str, str]:
    """A council's short refs: its own, or as `beside` holds them."""
    return short_refs(council) if beside is None else by_council.get(council.slug, {})


def _shorts_by_council(beside: Beside | None) -> dict[str, dict[str, str]]:
    """The short refs `beside` holds, council by council (read once, not once a council)."""
    found: dict[str, dict[str, str]] = {}
    for (slug, ref), short in beside.shorts.items() if beside else ():
        found.setdefault(slug, {})[ref] = short
    return found


def _source_blocks(council: Council) -> list[Block]:
    blocks: list[Block] = [
        Line("Source", council.source.title),
        Line("Date", council.source.date),
    ]
    if council.source.note:
        blocks.append(Line("About the source", council.source.note))
    if not council.numbered_by_council:
        numbering = "this protocol has no paragraph numbers; the references are protocheck's"
        blocks.append(Line("Numbering", numbering))
    return blocks
