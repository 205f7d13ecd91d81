"""`protocheck list`: the councils protocheck knows and the topics each can advise on."""

from __future__ import annotations

from .. import output
from ..library import Entry
from .context import context


def run(council_option: str | None, fmt: str, all_councils: bool) -> None:
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    if ctx.council:
        council = ctx.council
        councils = [(Entry.of(council), tuple((t.id, t.title) for t in council.questionnaires))]
    else:
        councils = ctx.library.outline()  # names and topic titles: no council read in full
    if fmt == "json":
        from ..render.data import to_json
        from ..render.listing import listing_dict

        output.write_text(to_json(listing_dict(councils, ctx.scope)))
        return
    from ..render.listing import listing_blocks

    output.show(listing_blocks(councils, ctx.scope_note), page=True)
