"""`protocheck list`: the councils protocheck knows and the topics each can advise on."""

from __future__ import annotations

from .. import output
from ..render.blocks import Block, Bullets, Heading, Line
from ..render.data import to_json
from .context import context


def run(council_option: str | None, fmt: str, all_councils: bool) -> None:
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    councils = [ctx.council] if ctx.council else list(ctx.library.councils)
    if fmt == "json":
        data = {
            "scope": ctx.scope,
            "councils": [
                {
                    "slug": c.slug,
                    "name": c.name,
                    "topics": [{"id": t.id, "title": t.title} for t in c.questionnaires],
                }
                for c in councils
            ],
        }
        output.write_text(to_json(data))
        return
    blocks: list[Block] = [Line("Showing", ctx.scope_note)] if ctx.scope_note else []
    for council in councils:
        blocks.append(Heading(f"{council.name} ({council.slug})"))
        if council.aliases:
            blocks.append(Line("Also called", ", ".join(council.aliases)))
        topics = tuple(f"{t.id}: {t.title}" for t in council.questionnaires)
        blocks.append(Bullets(topics or ("No questionnaires yet: use 'protocheck explain'.",)))
    output.show(blocks, page=True)
