"""`protocheck search`: ranked full-text search across the protocols, and the matching topics."""

from __future__ import annotations

from .. import output
from ..councils import load_search_index
from ..documents import load_thesaurus
from ..index_store import DamagedIndex, Index
from ..refs import short_refs
from ..render.blocks import Block, Bullets, Heading, Line, Match, Prose, paragraph_note
from ..search import Hit, Query, TopicHit, find_topics, fit_to_index, parse_query, search
from ..search import snippet as cut
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

        output.write_text(to_json(_json(ctx, query, topics, hits)))
        return
    blocks = _scope(ctx) + _said(query) + _topic_blocks(topics)
    blocks += _hit_blocks(ctx, index, query, hits)
    output.show(blocks, page=True)


def _found(
    text: str, council: str | None, limit: int, all_councils: bool, rebuild: bool = False
) -> tuple[Context, Index, Query, list[Hit]]:
    library, index = load_search_index(rebuild=rebuild)
    ctx = context(council, default_single=False, all_councils=all_councils, library=library)
    slug = ctx.council.slug if ctx.council else None
    query = parse_query(text, load_thesaurus())
    query = fit_to_index(query, index) if not query.empty else query
    return ctx, index, query, search(library, index, query, slug, limit)


def _json(ctx: Context, query: Query, topics: list[TopicHit], hits: list[Hit]) -> dict:
    return {
        "query": query.text,
        "scope": ctx.scope,
        "also_searched": [
            {
                "for": e.said,
                "words": [t.text for t in e.also],
                "related": [t.text for t in e.related],
            }
            for e in query.expansions
        ],
        "spelling": [{"typed": e.said, "read_as": e.also[0].text} for e in query.corrections],
        "topics": [
            {"council": t.council, "id": t.id, "title": t.title, "ask": _ask(t)} for t in topics
        ],
        "hits": [_hit_dict(h) for h in hits],
    }


def _hit_dict(hit: Hit) -> dict:
    text, _ = cut(hit.paragraph.text, hit.spans)
    data = {
        "council": hit.council.slug,
        "council_name": hit.council.name,
        "extract": hit.council.source.is_extract,
        "ref": hit.paragraph.ref,
        "heading": hit.paragraph.heading,
        "score": hit.score,
        "snippet": text,
        "matches": sorted({hit.paragraph.text[s:e].lower() for s, e in hit.spans}),
    }
    short = short_refs(hit.council).get(hit.paragraph.ref)
    if short:
        data["short_ref"] = short
    if hit.lead is not None:
        data["lead_in"] = {"ref": hit.lead.ref, "text": hit.lead.text}
    return data


def _ask(topic: TopicHit) -> str:
    return f"protocheck ask {topic.id} -c {topic.council}"


def _scope(ctx: Context) -> list[Block]:
    note = ctx.scope_note
    return [Line("Showing", note)] if note else []


def _said(query: Query) -> list[Block]:
    """What was looked for besides the words typed, so no result is a surprise."""
    lines: list[Block] = []
    for fixed in query.corrections:
        lines.append(
            Line("Spelling", f"no protocol has {fixed.said!r}; searched for {fixed.also[0].text!r}")
        )
    for widened in query.expansions:
        same = ", ".join(t.text for t in widened.also)
        related = ", ".join(t.text for t in widened.related)
        words = "; ".join(filter(None, [same, related and f"related words {related}"]))
        lines.append(Line("Also searched for", f"{words} (for {widened.said!r})"))
    return lines


def _topic_blocks(topics: list[TopicHit]) -> list[Block]:
    if not topics:
        return []
    items = tuple(f"{t.title} ({t.council_name}): {_ask(t)}" for t in topics)
    return [Heading("Topics with guided advice", 2), Bullets(items)]


def _hit_blocks(ctx: Context, index: Index, query: Query, hits: list[Hit]) -> list[Block]:
    text = query.text
    if query.empty:
        if text.strip():
            return [Prose(f"{text!r} has only common words, which search ignores; add others.")]
        return [Prose("Nothing to search for: give some words.")]
    if not hits:
        return [Prose(_nothing(ctx, index, query))]
    count = f"{len(hits)} paragraph{'s' if len(hits) != 1 else ''}"
    blocks: list[Block] = [Prose(f"{count} matching {text!r}, best first:")]
    for n, hit in enumerate(hits, 1):
        blocks.append(_match(n, hit))
    return blocks


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


def _match(n: int, hit: Hit) -> Match:
    shown, offset = cut(hit.paragraph.text, hit.spans)
    spans = tuple(
        (s - offset, e - offset)
        for s, e in hit.spans
        if s - offset >= 0 and e - offset <= len(shown)
    )
    short = short_refs(hit.council).get(hit.paragraph.ref)
    ref = f"{hit.paragraph.ref} (or {short})" if short else hit.paragraph.ref
    title = f"{n}. {hit.council.label}, paragraph {ref} ({hit.paragraph.where})"
    lead = hit.lead.text if hit.lead else None
    return Match(title, shown, spans, paragraph_note(hit.paragraph), lead, hit.lead_spans)
