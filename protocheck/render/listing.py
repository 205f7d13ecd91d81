"""`protocheck list`: the councils and the topics each can advise on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Council
from .blocks import Block, Bullets, Heading, Line
from .data import document


def listing_dict(councils: Sequence[Council], scope: dict[str, Any]) -> dict[str, Any]:
    return document({
        "scope": scope,
        "councils": [
            {"slug": c.slug, "name": c.name,
             "topics": [{"id": t.id, "title": t.title} for t in c.questionnaires]}
            for c in councils
        ],
    })  # fmt: skip


def listing_blocks(councils: Sequence[Council], note: str | None) -> list[Block]:
    blocks: list[Block] = [Line("Showing", note)] if note else []
    for council in councils:
        blocks.append(Heading(f"{council.name} ({council.slug})"))
        if council.aliases:
            blocks.append(Line("Also called", ", ".join(council.aliases)))
        topics = tuple(f"{t.id}: {t.title}" for t in council.questionnaires)
        blocks.append(Bullets(topics or ("No questionnaires yet: use 'protocheck explain'.",)))
    return blocks
