"""Ranked full-text search over every council's paragraphs, and the topics that match.

A query is the words typed (stop words aside), any "phrases in quotes" (which must appear),
the words the catalogue adds for them (refused -> denied), and, for a word no protocol uses,
the protocols' word closest in spelling. Each is a `words.Term`; FTS5 finds the paragraphs,
`ranking` ranks them (BM25, and how near the words typed together stand), and the same terms
mark the words to highlight, so what is highlighted is exactly what matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .index_store import DamagedIndex, Index, Row
from .library import Library
from .models import Council, Paragraph
from .ranking import Collection, Phrase, Wanted, paragraph_score, phrase_of
from .stored_text import body_stems
from .thesaurus import Expansion, Thesaurus
from .words import Term, Token, spans, tokenize

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]")


RELATED_WEIGHT = 0.4  # a related word (daughter -> family) counts for less than the word


class Concept(NamedTuple):
    """One thing asked for: a word or phrase typed, the terms that stand for it, related
    terms that count for less, and where it was typed (its first word's place)."""

    said: str
    terms: tuple[Term, ...]
    related: tuple[Term, ...] = ()
    at: int = 0


class Query(NamedTuple):
    text: str
    concepts: tuple[Concept, ...]  # any of them may match
    phrases: tuple[Term, ...]  # all of them must match
    expansions: tuple[Expansion, ...] = ()  # what the catalogue added
    corrections: tuple[Expansion, ...] = ()  # what a misspelling was read as

    @property
    def empty(self) -> bool:
        return not self.concepts and not self.phrases

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term looked for, related ones included: what highlighting marks."""
        concepts = (t for c in self.concepts for t in (*c.terms, *c.related))
        return (*concepts, *self.phrases)


def parse_query(text: str, thesaurus: Thesaurus | None = None) -> Query:
    """Words, "phrases in quotes", and what the catalogue adds for them."""
    phrases = tuple(
        _term(p) for p in (m.strip() for m in _QUOTED.findall(text)) if any(tokenize(p))
    )
    tokens = tokenize(_QUOTED.sub(" ", text))
    expansions = thesaurus.expand(tokens) if thesaurus else []
    concepts: list[Concept] = []
    covered: set[str] = set()
    words = [t.word for t in tokens]
    for expansion in expansions:
        said, at = _term(expansion.said), _place(expansion.said.split(), words)
        concepts.append(Concept(expansion.said, (said, *expansion.also), expansion.related, at))
        covered.update(said.parts)
    for at, token in enumerate(tokens):
        if not token.stop and token.stem not in covered:
            covered.add(token.stem)
            concepts.append(Concept(token.word, (Term(token.word, (token.stem,)),), (), at))
    return Query(text, tuple(concepts), phrases, tuple(expansions))


def _place(said: list[str], words: list[str]) -> int:
    """Where the words said begin among the words typed."""
    size = len(said)
    return next((i for i in range(len(words)) if words[i : i + size] == said), len(words))


def _term(text: str) -> Term:
    """A term of stems only: what is typed into a search is never a pattern."""
    return Term(text, tuple(t.stem for t in tokenize(text)))


def fit_to_index(query: Query, index: Index) -> Query:
    """Fit the query to the words the protocols use.

    For a word no protocol uses, the catalogue's related words stand in at full weight, as
    they are all there is to go on (daughter -> family, relative); a word the catalogue does
    not know is read as the protocols' word closest in spelling, if one is close (and the
    query says so)."""
    known = index.known(p for c in query.concepts for t in (*c.terms, *c.related) for p in t.parts)
    concepts, corrections = [], []
    for concept in query.concepts:
        if any(known.issuperset(t.parts) for t in concept.terms):
            concepts.append(concept)
            continue
        lone = len(concept.terms) == 1 and not concept.related
        near = index.near(concept.said) if lone else None
        if near is not None:
            fixed = Term(near[0], (near[1],))
            concepts.append(concept._replace(terms=(*concept.terms, fixed)))
            corrections.append(Expansion(concept.said, (fixed,)))
        else:
            concepts.append(concept._replace(terms=(*concept.terms, *concept.related), related=()))
    return query._replace(concepts=tuple(concepts), corrections=tuple(corrections))


def expression(query: Query, *, related: bool = False) -> str:
    """The FTS5 query: any concept's terms (and related terms, if asked), and every phrase."""
    terms = (t for c in query.concepts for t in (*c.terms, *(c.related if related else ())))
    anyof = " OR ".join(dict.fromkeys(_phrase(t) for t in terms if phrase_of(t)))
    parts = [f"({anyof})"] if anyof else []
    parts += [_phrase(p) for p in query.phrases]
    return " AND ".join(parts)


def _phrase(term: Term) -> str:
    return _quoted(phrase_of(term))


def _quoted(phrase: Phrase) -> str:
    return '"' + " ".join(phrase) + '"'  # stems are [a-z0-9]: nothing to escape


class Hit(NamedTuple):
    council: Council  # its light record: name, source, routes (not its text)
    paragraph: Paragraph
    score: float
    spans: tuple[tuple[int, int], ...]
    lead: Paragraph | None = None  # the list's lead-in, when the paragraph is an item
    lead_spans: tuple[tuple[int, int], ...] = ()
    short: str | None = None  # the shorter ref protocheck gives a long one, if any
    others: tuple[str, ...] = ()  # other councils (slugs) where it reads the same


def search(
    library: Library,
    index: Index,
    query: Query,
    council: str | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """Paragraphs matching any concept (and every phrase), best first: each read from the
    index with its lead-in, never its council's whole text."""
    if query.empty:
        return []
    rows = _ranked(index, query, council, limit)
    for row in rows:
        if row.council not in library:
            raise DamagedIndex(f"{row.council} is not a council")
    lights = index.stored.lights(r.council for r in rows)
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.council, set()).update(r for r in (row.ref, row.lead) if r)
    held = {slug: index.stored.held(slug, refs) for slug, refs in wanted.items()}
    return [_hit(row, lights[row.council], held[row.council], query) for row in rows]


def _hit(row: Row, light: Council, held: dict[str, tuple[Paragraph, str]], query: Query) -> Hit:
    """A ranked row as shown, checked against the stored text it was indexed from."""
    paragraph, short = held.get(row.ref, (None, ""))
    if paragraph is None or body_stems(paragraph.text) != row.body:
        raise DamagedIndex(f"{row.council} {row.ref} is not indexed as its text reads")
    lead = held[row.lead][0] if row.lead in held else None
    if row.lead and lead is None:
        raise DamagedIndex(f"{row.council} {row.lead} is not a paragraph")
    lead_spans = match_spans(lead.text, query) if lead else ()
    spans = match_spans(paragraph.text, query)
    score = round(row.score, 4)
    return Hit(light, paragraph, score, spans, lead, lead_spans, short or None, row.others)


def _ranked(index: Index, query: Query, council: str | None, limit: int | None) -> list[Row]:
    """What FTS5 finds, ranked (`ranking.paragraph_score`)."""
    found = index.matching(expression(query, related=True), council)
    if not found:
        return []
    wanted = Wanted(
        _phrases((*(t for c in query.concepts for t in c.terms), *query.phrases)),
        _phrases(t for c in query.concepts for t in c.related),
        tuple(_phrases((*c.terms, *c.related)) for c in sorted(query.concepts, key=lambda c: c.at)),
        RELATED_WEIGHT,
    )
    rows_in_all, words, counts = index.statistics([_quoted(p) for p in wanted.phrases])
    collection = Collection.of(rows_in_all, words, dict(zip(wanted.phrases, counts, strict=True)))
    scores: dict[tuple[str, str], float] = {}  # a model's paragraph, in many councils: once
    order = []
    for place, (*_, body, head) in enumerate(found):
        score = scores.get((head, body))
        if score is None:
            score = scores[head, body] = paragraph_score(head, body, wanted, collection)
        order.append((-score, place))
    order.sort()  # best first; in the index's order where scores are equal
    return _alike_rows(found, order, limit)


def _alike_rows(found: list, order: list[tuple[float, int]], limit: int | None) -> list[Row]:
    """The best `limit` distinct paragraphs, each with the other councils whose hit would
    read the same but for their name (`index_store._shown`: the words, lead-in, refs, and
    whether each is an extract): a model's paragraph, held by hundreds of councils, is one
    hit naming them rather than a page of copies."""
    groups: dict[tuple, list] = {}
    for negative, place in order:
        council, ref, lead, shown, body, head = found[place]
        same = groups.get((ref, lead, shown, body, head))
        if same is not None:
            same.append(council)
        elif limit is None or len(groups) < limit:
            groups[ref, lead, shown, body, head] = [(council, -negative)]
    return [
        Row(council, ref, lead, score, body, head, tuple(others))
        for (ref, lead, _, body, head), ((council, score), *others) in groups.items()
    ]


def _phrases(terms: Iterable[Term]) -> tuple[Phrase, ...]:
    return tuple(p for p in dict.fromkeys(map(phrase_of, terms)) if p)


def match_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Character spans of the words that matched, for highlighting (never a stop word)."""
    return spans(tokenize(text), query.terms)


class TopicHit(NamedTuple):
    council: str
    council_name: str
    id: str
    title: str
    others: tuple[str, ...] = ()  # other councils holding the very same topic (by slug)


def find_topics(index: Index, query: Query, council: str | None, limit: int = 5) -> list[TopicHit]:
    """Topics whose title or keywords hold what was asked for.

    A word that most topics hold ("officer") picks none out, so a topic must match at least
    one concept that is not in more than a quarter of them; the most concepts matched first."""
    if not query.concepts:
        return []
    rows = index.topics(expression(query._replace(phrases=()), related=True), council)
    if not rows:
        return []
    wanted = {t.parts[0] for c in query.concepts for t in (*c.terms, *c.related) if t.parts}
    total, counts = index.topic_counts(wanted)
    common = max(2, total // 4)
    seen: dict[str, tuple[int, bool]] = {}  # a model's topic, in many councils: weighed once
    order = []
    for place, (*_, words, score) in enumerate(rows):
        if words not in seen:
            seen[words] = _matching(query, words.split(), counts, common)
        matched, telling = seen[words]
        if telling:
            order.append((-matched, score, place))
    order.sort()  # the most concepts matched, then FTS5's best, then as FTS5 gave them
    return _alike_topics([rows[place] for *_, place in order], limit)


def _alike_topics(rows: list, limit: int) -> list[TopicHit]:
    """The first `limit` distinct topics, each with the other councils whose topic would give
    the same advice (`index_store._topic_shown`: its table, the words it cites, the people it
    may name), so that a model's topic, adopted by many, does not crowd the others out."""
    groups: dict[tuple[str, str, str], list] = {}
    for row in rows:
        same = groups.get((row[2], row[3], row[4]))  # id, title, and what its advice rests on
        if same is not None:
            same.append(row[0])
        elif len(groups) < limit:
            groups[row[2], row[3], row[4]] = [row]
    return [TopicHit(*first[:4], tuple(others)) for first, *others in groups.values()]


def _matching(
    query: Query, stems: Sequence[str], counts: dict[str, int], common: int
) -> tuple[int, bool]:
    """How many concepts a topic's words match, and whether one of them picks it out."""
    tokens = _stem_tokens(stems)
    matched = [
        c for c in query.concepts if any(t.in_tokens(tokens) for t in (*c.terms, *c.related))
    ]
    return len(matched), any(not _common(c, counts, common) for c in matched)


def _common(concept: Concept, counts: dict[str, int], common: int) -> bool:
    """Every term of the concept is a single word that many topics hold."""
    terms = (*concept.terms, *concept.related)
    return all(len(t.parts) == 1 and counts.get(t.parts[0], 0) > common for t in terms)


def _stem_tokens(stems: Sequence[str]) -> list[Token]:
    return [Token(s, s, 0, 0) for s in stems]


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = 240) -> tuple[str, int]:
    """A window of the text where the most different matching words are, and its offset."""
    flat = text.replace("\n", " ")
    if len(flat) <= width or not spans:
        return flat[:width] + ("…" if len(flat) > width else ""), 0
    start = max(0, _densest(flat, spans, width) - width // 4)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(flat), start + width)
    prefix = "…" if start else ""
    return prefix + flat[start:end] + ("…" if end < len(flat) else ""), start - len(prefix)


def _densest(text: str, spans: tuple[tuple[int, int], ...], width: int) -> int:
    """Where the window that holds the most different matching words begins (first wins)."""
    reach = width * 3 // 4

    def variety(first: int) -> int:
        return len({text[s:e].lower() for s, e in spans if first <= s and e <= first + reach})

    return max((s for s, _ in spans), key=lambda s: (variety(s), -s))
