"""`protocheck list`: the councils and the topics each can advise on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..library import Entry
from .blocks import Block, Bullets, Heading, Line
from .data import document

Outline = tuple[Entry, tuple[tuple[str, str], ...]]  # a council, and its topics' ids and titles


def listing_dict(councils: Sequence[Outline], scope: dict[str, Any]) -> dict[str, Any]:
    return document({
        "scope": scope,
        "councils": [
            {"slug": e.slug, "name": e.name,
             "topics": [{"id": i, "title": title} for i, title in topics]}
            for e, topics in councils
        ],
    })  # fmt: skip


def listing_blocks(councils: Sequence[Outline], note: str | None) -> list[Block]:
    """Each council, its other names and its topics; topics a council shares with one above
    (most town and parish councils adopt a model's questionnaires) are pointed to, not
    listed again."""
    blocks: list[Block] = [Line("Showing", note)] if note else []
    first: dict[tuple[tuple[str, str], ...], Entry] = {}
    for entry, topics in councils:
        blocks.append(Heading(f"{entry.name} ({entry.slug})"))
        if entry.aliases:
            blocks.append(Line("Also called", ", ".join(entry.aliases)))
        if topics and topics in first:
            above = first[topics]
            said = f"the same {len(topics)} as {above.name} ({above.slug}), listed above"
            blocks.append(Line("Topics", said))
            continue
        first.setdefault(topics, entry)
        lines = tuple(f"{i}: {title}" for i, title in topics)
        blocks.append(Bullets(lines or ("No questionnaires yet: use 'protocheck explain'.",)))
    return blocks
