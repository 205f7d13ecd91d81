"""`protocheck search`: ranked full-text search across every council's protocol."""

from __future__ import annotations

from .. import output
from ..cache import load_search_index
from ..config import council_name, read_config
from ..render.blocks import Block, Match, Prose, paragraph_note
from ..search import Hit, parse_query, search, snippet
from .context import bounded


def run(text: str, council_option: str | None, limit: int, fmt: str) -> None:
    text = bounded(text, "the search")
    library, index = load_search_index()
    name = council_name(council_option, read_config())
    council = library.find(name).slug if name else None
    query = parse_query(text)
    hits = search(library, index, query, council, limit)
    if fmt == "json":
        from ..render.data import to_json

        output.write_text(to_json({"query": text, "hits": [_hit_dict(h) for h in hits]}))
        return
    output.show(_blocks(text, query.empty, hits), page=True)


def _hit_dict(hit: Hit) -> dict:
    text, _ = snippet(hit.paragraph.text, hit.spans)
    return {
        "council": hit.council.slug,
        "council_name": hit.council.name,
        "extract": hit.council.source.is_extract,
        "ref": hit.paragraph.ref,
        "heading": hit.paragraph.heading,
        "score": hit.score,
        "snippet": text,
        "matches": sorted({hit.paragraph.text[s:e].lower() for s, e in hit.spans}),
    }


def _blocks(text: str, empty: bool, hits: list[Hit]) -> list[Block]:
    if empty:
        if text.strip():
            return [Prose(f"{text!r} has only common words, which search ignores; add others.")]
        return [Prose("Nothing to search for: give some words.")]
    if not hits:
        return [Prose(f"No paragraph in any protocol matches {text!r}.")]
    count = f"{len(hits)} paragraph{'s' if len(hits) != 1 else ''}"
    blocks: list[Block] = [Prose(f"{count} matching {text!r}, best first:")]
    for n, hit in enumerate(hits, 1):
        shown, offset = snippet(hit.paragraph.text, hit.spans)
        spans = tuple(
            (s - offset, e - offset)
            for s, e in hit.spans
            if s - offset >= 0 and e - offset <= len(shown)
        )
        title = f"{n}. {hit.council.label}, paragraph {hit.paragraph.ref} ({hit.paragraph.where})"
        blocks.append(Match(title, shown, spans, paragraph_note(hit.paragraph)))
    return blocks
