"""`protocheck search`: ranked full-text search across the protocols, and the matching topics."""

from __future__ import annotations

from .. import output
from ..councils import load_search_index
from ..documents import load_thesaurus
from ..index_store import DamagedIndex, Index
from ..search import Hit, Query, find_topics, fit_to_index, parse_query, search
from .context import Context, bounded, context


def run(text: str, council_option: str | None, limit: int, fmt: str, all_councils: bool) -> None:
    text = bounded(text, "the search")
    try:
        ctx, index, query, hits = _found(text, council_option, limit, all_councils)
    except DamagedIndex:  # the stored index no longer says what the rules say: build it again
        ctx, index, query, hits = _found(text, council_option, limit, all_councils, True)
    slug = ctx.council.slug if ctx.council else None
    topics = find_topics(index, query, slug)
    if fmt == "json":
        from ..render.data import to_json
        from ..render.search import search_dict

        output.write_text(to_json(search_dict(ctx.scope, query, topics, hits)))
        return
    from ..render.search import search_blocks

    nothing = _nothing(ctx, index, query) if not hits and not query.empty else ""
    output.show(search_blocks(ctx.scope_note, query, topics, hits, nothing), page=True)


def _found(
    text: str, council: str | None, limit: int, all_councils: bool, rebuild: bool = False
) -> tuple[Context, Index, Query, list[Hit]]:
    library, index = load_search_index(rebuild=rebuild)
    ctx = context(council, default_single=False, all_councils=all_councils, library=library)
    slug = ctx.council.slug if ctx.council else None
    query = parse_query(text, load_thesaurus())
    query = fit_to_index(query, index) if not query.empty else query
    return ctx, index, query, search(library, index, query, slug, limit)


def _nothing(ctx: Context, index: Index, query: Query) -> str:
    """No result, naming the scope searched, and saying if a wider search would find some."""
    from ..search import expression

    if ctx.council is None:
        return f"No paragraph in any protocol matches {query.text!r}."
    said = f"No paragraph of {ctx.council.name}'s protocol matches {query.text!r}."
    elsewhere = len(index.match(expression(query), None, 100))
    if not elsewhere:
        return said + " Nor does any other protocol's."
    widen = "search without --council" if ctx.set_by == "--council" else "add --all-councils"
    more = "100 or more" if elsewhere == 100 else str(elsewhere)
    return f"{said} Other protocols have {more} that do: {widen} to see them."
