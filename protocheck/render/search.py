"""`protocheck search`: what was searched for, the matching topics, and the ranked hits."""

from __future__ import annotations

from typing import Any

from ..search import Hit, Query, TopicHit
from ..search import snippet as cut
from .blocks import (
    Block,
    Bullets,
    Heading,
    Line,
    Match,
    Prose,
    other_councils,
    paragraph_note,
)
from .data import document


def search_dict(
    scope: dict[str, Any], query: Query, topics: list[TopicHit], hits: list[Hit]
) -> dict[str, Any]:
    return document({
        "query": query.text,
        "scope": scope,
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
            {"council": t.council, "id": t.id, "title": t.title, "ask": _ask(t),
             "same_in": list(t.others)}
            for t in topics
        ],
        "hits": [_hit_dict(h) for h in hits],
    })  # fmt: skip


def search_blocks(
    note: str | None, query: Query, topics: list[TopicHit], hits: list[Hit], nothing: str
) -> list[Block]:
    """What was searched for besides the words typed, the topics, then the hits (or
    `nothing`: what to say when there are none)."""
    blocks: list[Block] = [Line("Showing", note)] if note else []
    return blocks + _said(query) + _topic_blocks(topics) + _hit_blocks(query, hits, nothing)


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
    data["same_in"] = list(hit.others)
    if hit.short:
        data["short_ref"] = hit.short
    if hit.paragraph.commentary:
        data["commentary"] = True
    if hit.lead is not None:
        data["lead_in"] = {"ref": hit.lead.ref, "text": hit.lead.text}
    return data


def _ask(topic: TopicHit) -> str:
    return f"protocheck ask {topic.id} -c {topic.council}"


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
    # the command on a line of its own: never broken across two, so it can be copied whole
    items = tuple(f"{t.title} ({t.council_name}{_also(t)}):\n{_ask(t)}" for t in topics)
    return [Heading("Topics with guided advice", 2), Bullets(items)]


def _also(topic: TopicHit) -> str:
    count = len(topic.others)
    if not count:
        return ""
    return f", and {other_councils(count)} with the same topic"


def _hit_blocks(query: Query, hits: list[Hit], nothing: str) -> list[Block]:
    text = query.text
    if query.empty:
        if text.strip():
            return [Prose(f"{text!r} has only common words, which search ignores; add others.")]
        return [Prose("Nothing to search for: give some words.")]
    if not hits:
        return [Prose(nothing)]
    count = f"{len(hits)} paragraph{'s' if len(hits) != 1 else ''}"
    blocks: list[Block] = [Prose(f"{count} matching {text!r}, best first:")]
    for n, hit in enumerate(hits, 1):
        blocks.append(_match(n, hit))
    return blocks


def _match(n: int, hit: Hit) -> Match:
    shown, offset = cut(hit.paragraph.text, hit.spans)
    spans = tuple(
        (s - offset, e - offset)
        for s, e in hit.spans
        if s - offset >= 0 and e - offset <= len(shown)
    )
    ref = f"{hit.paragraph.ref} (or {hit.short})" if hit.short else hit.paragraph.ref
    others = len(hit.others)
    alike = f", and {other_councils(others)} in the same words"
    title = f"{n}. {hit.council.label}{alike if others else ''}, paragraph {ref}"
    title += f" ({hit.paragraph.where})"
    lead = hit.lead.text if hit.lead else None
    return Match(title, shown, spans, paragraph_note(hit.paragraph), lead, hit.lead_spans)
