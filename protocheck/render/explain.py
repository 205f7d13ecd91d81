"""`protocheck explain`: paragraphs, under their council where several are shown."""

from __future__ import annotations

from typing import Any

from ..lookup import topics_citing
from ..models import Council, Paragraph
from ..refs import short_refs
from .blocks import Block, Heading, Line, paragraph_blocks
from .data import document, paragraph_dict

Found = list[tuple[Council, list[Paragraph]]]
Cited = dict[tuple[str, str], tuple[str, ...]]  # (council, ref) -> the topics resting on it


def paragraphs_dict(found: Found, scope: dict[str, Any]) -> dict[str, Any]:
    """Every paragraph found, each naming its council: one shape for one council or many."""
    items = []
    for council, paragraphs in found:
        shorts = short_refs(council)
        for paragraph in paragraphs:
            items.append({"council": council.slug, "council_name": council.name,
                          **paragraph_dict(paragraph, shorts.get(paragraph.ref))})  # fmt: skip
    return document({"scope": scope, "paragraphs": items})


def paragraphs_blocks(
    found: Found, grouped: bool, note: str | None, cited: Cited | None = None
) -> list[Block]:
    """`cited` says which topics rest on each paragraph where the councils shown are not
    held whole (read from the index); else each council's own topics say."""
    blocks: list[Block] = [Line("Showing", note)] if note else []
    for council, paragraphs in found:
        if grouped or len(paragraphs) > 1 or council.source.is_extract:
            blocks += _council_blocks(council)
        shorts = short_refs(council)
        for paragraph in paragraphs:
            if cited is None:
                cited_by = topics_citing(council, paragraph.ref)
            else:
                cited_by = cited.get((council.slug, paragraph.ref), ())
            blocks += paragraph_blocks(paragraph, cited_by, shorts.get(paragraph.ref))
    return blocks


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
