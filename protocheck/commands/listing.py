"""`protocheck list`: the councils protocheck knows and the topics each can advise on."""

from __future__ import annotations

from .. import output
from .context import context


def run(council_option: str | None, fmt: str, all_councils: bool) -> None:
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    councils = [ctx.council] if ctx.council else list(ctx.library.councils)
    if fmt == "json":
        from ..render.data import to_json
        from ..render.listing import listing_dict

        output.write_text(to_json(listing_dict(councils, ctx.scope)))
        return
    from ..render.listing import listing_blocks

    output.show(listing_blocks(councils, ctx.scope_note), page=True)
