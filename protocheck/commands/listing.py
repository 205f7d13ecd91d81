"""`protocheck list`: the councils protocheck knows and the topics each can advise on."""

from __future__ import annotations

from .. import output
from ..library import Entry
from ..render.blocks import Block, Bullets, Heading, Line
from ..render.data import to_json
from .context import context


def run(council_option: str | None, fmt: str, all_councils: bool) -> None:
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    if ctx.council:
        council = ctx.council
        entry = Entry.of(council)
        councils = [(entry, tuple((t.id, t.title) for t in council.questionnaires))]
    else:
        councils = ctx.library.outline()  # names and topic titles: no council read in full
    if fmt == "json":
        data = {
            "scope": ctx.scope,
            "councils": [
                {
                    "slug": e.slug,
                    "name": e.name,
                    "topics": [{"id": i, "title": title} for i, title in topics],
                }
                for e, topics in councils
            ],
        }
        output.write_text(to_json(data))
        return
    blocks: list[Block] = [Line("Showing", ctx.scope_note)] if ctx.scope_note else []
    for entry, topics in councils:
        blocks.append(Heading(f"{entry.name} ({entry.slug})"))
        if entry.aliases:
            blocks.append(Line("Also called", ", ".join(entry.aliases)))
        lines = tuple(f"{i}: {title}" for i, title in topics)
        blocks.append(Bullets(lines or ("No questionnaires yet: use 'protocheck explain'.",)))
    output.show(blocks, page=True)
