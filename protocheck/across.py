"""Every council's paragraphs on a ref or a theme, read from the search index's stored text.

With hundreds of councils installed, decoding each one to find its paragraph 7.3 or its
paragraphs on the press costs seconds and a hundred megabytes. The index already holds each
council's text and the keys a ref is looked up by, so these read only the councils that can
match, and settle each match exactly as for one council (`lookup`, `compare`): the index only
narrows the search, never decides it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .compare import CouncilView, Headline, Passage, Theme, passages
from .models import Council, Paragraph
from .stored_text import Stored
from .words import Term

if TYPE_CHECKING:
    from .lookup import Beside

FEW = 200  # councils whose passages are looked for by name (well under SQLite's 999 limit)


def paragraphs_everywhere(
    stored: Stored, query: str
) -> tuple[list[tuple[Council, list[Paragraph]]], Beside]:
    """Each council's paragraphs for `query`, as `explain` finds them in one council; each
    council kept with only those paragraphs (what is shown beside them is in `Beside`), so
    that hundreds found are not held whole."""
    from .lookup import Beside, find_paragraphs, slug_of  # not on compare's way
    from .refs import normalise_ref, short_refs

    ref = normalise_ref(query)
    found, beside = [], Beside({}, {})
    candidates = stored.candidates(ref, slug_of(ref), ref.lower())
    lights = stored.lights(candidates)
    for slug, held in candidates.items():
        if held.by_short:  # only the council's whole text says what a short ref stands for
            text = stored.text(slug)
            council, cited, shorts = text.council, text.cited_by, short_refs(text.council)
            paragraphs = find_paragraphs(council, query)
        else:
            council = lights[slug]._replace(paragraphs=tuple(held.paragraphs))
            cited, shorts = held.cited_by, held.shorts
            paragraphs = find_paragraphs(council, query, short_forms=False)
        for p in paragraphs:
            beside.cited[slug, p.ref] = cited.get(p.ref, ())
            if p.ref in shorts:
                beside.shorts[slug, p.ref] = shorts[p.ref]
        if paragraphs:
            found.append((council._replace(paragraphs=tuple(paragraphs)), paragraphs))
    return found, beside


def compare_everywhere(
    stored: Stored, theme: Theme, remember: bool = False
) -> list[CouncilView] | None:
    """`compare.compare` for every council; None if an anchor has a part the index cannot
    look for (a `word*` with an apostrophe). `remember` keeps each council's passages in
    the index for the next compare of the theme (a catalogue theme or a topic's, not any
    words typed), until that council is indexed again."""
    councils = stored.councils()
    key = "\n".join(theme.anchors)
    known = stored.compared(key) if remember else {}
    missing = [c.slug for c in councils if c.slug not in known]
    if missing or not councils:  # else each council's passages are remembered: none to find
        looked_for = _looked_for(theme)
        if looked_for is None:
            return None
        anchors, wanted = looked_for
        fresh: dict[str, tuple[Passage, ...]] = dict.fromkeys(missing, ())
        few = missing if len(missing) <= FEW else None  # read only theirs (one edited, say)
        for slug, candidates in stored.passages(wanted, few) if missing else ():
            if slug in fresh:
                fresh[slug] += passages(candidates, anchors)
        known.update(fresh)
        if remember:
            stored.remember(key, fresh)
    headlines: dict[str, list[Headline]] = {}
    for topic in stored.topics(theme.topics, theme.id):
        said = [Headline(topic.id, topic.title, v, summary) for v, summary in topic.headlines]
        headlines.setdefault(topic.council, []).extend(said)
    return [CouncilView(c, known[c.slug], tuple(headlines.get(c.slug, ()))) for c in councils]


def topic_theme(stored: Stored) -> Callable[[str], Theme | None]:
    """`compare.topic_theme`, read from the index."""

    def named(topic_id: str) -> Theme | None:
        found = stored.topics([topic_id], None)
        if not found:
            return None
        topic = found[0]
        return Theme.of_topic(topic.id, topic.title, topic.keywords)

    return named


def _looked_for(theme: Theme) -> tuple[list[Term], str] | None:
    """The theme's anchors, and the FTS5 expression that finds every paragraph holding one;
    None if there are none, or one the index cannot look for. Worked out only where some
    council's passages are not remembered: stemming the anchors imports the stemmer."""
    anchors = [Term.of(a) for a in theme.anchors]
    wanted = [_narrowing(a) for a in anchors]
    if not anchors or not all(wanted):
        return None
    return anchors, " OR ".join(f"({w})" for w in wanted)


def _narrowing(anchor: Term) -> str | None:
    """An FTS5 expression every paragraph holding the anchor matches: each stem, and each
    `word*` as a word beginning so (the index splits words at apostrophes, as FTS5 does)."""
    parts = []
    for part in anchor.parts:
        if not part.endswith("*"):
            parts.append(f'stems: "{part}"')
        elif part[:-1].isascii() and part[:-1].isalnum():
            parts.append(f"words: {part}")
        else:
            return None
    return " AND ".join(parts) or None
