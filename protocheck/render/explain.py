"""`protocheck explain`: paragraphs, under their council where several are shown."""

from __future__ import annotations

from typing import Any

from ..lookup import Beside, topics_citing
from ..models import Council, Paragraph
from ..refs import short_refs
from .blocks import Block, Heading, Line, paragraph_blocks
from .data import document, paragraph_dict

Found = list[tuple[Council, list[Paragraph]]]


def paragraphs_dict(
    found: Found, scope: dict[str, Any], beside: Beside | None = None
) -> dict[str, Any]:
    """Every paragraph found, each naming its council: one shape for one council or many."""
    items = []
    for council, paragraphs in found:
        shorts = _shorts(council, beside)
        for paragraph in paragraphs:
            items.append({"council": council.slug, "council_name": council.name,
                          **paragraph_dict(paragraph, shorts.get(paragraph.ref))})  # fmt: skip
    return document({"scope": scope, "paragraphs": items})


def paragraphs_blocks(
    found: Found, grouped: bool, note: str | None, beside: Beside | None = None
) -> list[Block]:
    """`beside` gives the topics and short refs of each paragraph where the councils shown
    are not held whole (read from the index); else each council's own say."""
    blocks: list[Block] = [Line("Showing", note)] if note else []
    for council, paragraphs in found:
        if grouped or len(paragraphs) > 1 or council.source.is_extract:
            blocks += _council_blocks(council)
        elif not note:  # one paragraph, and nothing yet says whose: name it (-c leicester)
            blocks.append(Line("Council", council.label))
        shorts = _shorts(council, beside)
        for paragraph in paragraphs:
            if beside is None:
                cited_by = topics_citing(council, paragraph.ref)
            else:
                cited_by = beside.cited.get((council.slug, paragraph.ref), ())
            blocks += paragraph_blocks(paragraph, cited_by, shorts.get(paragraph.ref))
    return blocks


def _shorts(council: Council, beside: Beside | None) -> dict[str, str]:
    if beside is None:
        return short_refs(council)
    return {ref: short for (slug, ref), short in beside.shorts.items() if slug == council.slug}


def _council_blocks(council: Council) -> list[Block]:
    blocks: list[Block] = [
        Heading(council.label),
        Line("Source", council.source.title),
        Line("Date", council.source.date),
    ]
    if council.source.note:
        blocks.append(Line("About the source", council.source.note))
    if not council.numbered_by_council:
        numbering = "this protocol has no paragraph numbers; the references are protocheck's"
        blocks.append(Line("Numbering", numbering))
    return blocks
