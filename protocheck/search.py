"""Ranked full-text search over every council's paragraphs.

An inverted index (term -> paragraphs and counts) is built once per set of rules and kept in
the cache (see index_store), so a search with hundreds of councils installed reads only the
postings of the words asked for and decodes only the councils it shows. Ranking is BM25, the
standard for short documents; a phrase in quotes must appear as written.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from .library import Library
from .models import Council, Paragraph

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is"}
    | {"it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were"}
    | {"will", "with", "which", "who"}
)
K1, B = 1.2, 0.75


def stem(word: str) -> str:
    """A light English stem, enough that 'copies' finds 'copy' and 'officers' finds 'officer'."""
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    normalised = text.lower().replace("\u2019", "'")
    return [stem(w) for w in _WORD.findall(normalised) if w not in STOPWORDS]


class Index(Protocol):
    """What ranking needs: documents are paragraphs, numbered council by council."""

    lengths: Sequence[int]  # each document's number of terms

    def postings(self, term: str) -> Iterable[tuple[int, int]]:
        """(document, count) for every document holding the term."""
        ...

    def doc(self, doc: int) -> tuple[str, str]:
        """The council slug and paragraph ref of a document."""
        ...

    def span(self, slug: str) -> tuple[int, int] | None:
        """The documents of one council, first to last + 1."""
        ...


class MemoryIndex(NamedTuple):
    """The index as built, in memory; index_store keeps it on disk between runs."""

    docs: list[tuple[str, str]]
    lengths: list[int]
    terms: dict[str, list[tuple[int, int]]]
    spans: dict[str, tuple[int, int]]

    def postings(self, term: str) -> list[tuple[int, int]]:
        return self.terms.get(term, [])

    def doc(self, doc: int) -> tuple[str, str]:
        return self.docs[doc]

    def span(self, slug: str) -> tuple[int, int] | None:
        return self.spans.get(slug)


def build_index(library: Library) -> MemoryIndex:
    docs: list[tuple[str, str]] = []
    lengths: list[int] = []
    terms: dict[str, list[tuple[int, int]]] = {}
    spans: dict[str, tuple[int, int]] = {}
    for council in library.councils:
        first = len(docs)
        for paragraph in council.paragraphs:
            words = tokens(f"{paragraph.heading} {paragraph.text}")
            doc = len(docs)
            docs.append((council.slug, paragraph.ref))
            lengths.append(len(words))
            for term, count in Counter(words).items():
                terms.setdefault(term, []).append((doc, count))
        spans[council.slug] = (first, len(docs))
    return MemoryIndex(docs, lengths, terms, spans)


class Query(NamedTuple):
    terms: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.terms


def parse_query(text: str) -> Query:
    """Words, and "phrases in quotes" (which must also appear as written)."""
    phrases = tuple(p.strip() for p in re.findall(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]", text))
    return Query(tuple(dict.fromkeys(tokens(text))), tuple(p for p in phrases if p))


class Hit(NamedTuple):
    council: Council
    paragraph: Paragraph
    score: float
    spans: tuple[tuple[int, int], ...]


def search(
    library: Library,
    index: Index,
    query: Query,
    council: str | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """Paragraphs that match any word (all phrases), best first; at most `limit` of them."""
    if query.empty:
        return []
    scores = _bm25(index, query.terms, council)
    hits: list[Hit] = []
    for doc, score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if limit is not None and len(hits) >= limit:
            break
        slug, ref = index.doc(doc)
        found = library.find(slug)
        paragraph = found.paragraph(ref)
        if paragraph is None or not _has_phrases(paragraph.text, query.phrases):
            continue
        hits.append(Hit(found, paragraph, round(score, 4), match_spans(paragraph.text, query)))
    return hits


def _bm25(index: Index, terms: tuple[str, ...], council: str | None) -> dict[int, float]:
    lengths = index.lengths
    total = len(lengths)
    average = sum(lengths) / total if total else 1.0
    first, end = (0, total) if council is None else (index.span(council) or (0, 0))
    scores: dict[int, float] = {}
    for term in terms:
        postings = list(index.postings(term))
        idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
        for doc, count in postings:
            if first <= doc < end:
                norm = K1 * (1 - B + B * lengths[doc] / average)
                scores[doc] = scores.get(doc, 0.0) + idf * count * (K1 + 1) / (count + norm)
    return scores


def _has_phrases(text: str, phrases: tuple[str, ...]) -> bool:
    flat = " ".join(text.lower().split())
    return all(" ".join(p.lower().split()) in flat for p in phrases)


def match_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Character spans of the words that matched, for highlighting."""
    wanted = set(query.terms)
    spans = [
        (m.start(), m.end())
        for m in _WORD.finditer(text.lower().replace("\u2019", "'"))
        if m.group() not in STOPWORDS and stem(m.group()) in wanted
    ]
    return tuple(spans)


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = 240) -> tuple[str, int]:
    """A window of the text around the first match, and the offset it starts at."""
    flat = text.replace("\n", " ")
    if len(flat) <= width or not spans:
        return flat[:width] + ("…" if len(flat) > width else ""), 0
    start = max(0, spans[0][0] - width // 3)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(flat), start + width)
    prefix = "…" if start else ""
    return prefix + flat[start:end] + ("…" if end < len(flat) else ""), start - len(prefix)
