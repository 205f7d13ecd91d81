"""Ranked full-text search over every council's paragraphs.

An inverted index (term -> paragraphs and counts) is built once per set of rules and cached
beside the library, so a search with hundreds of councils installed reads one JSON file and
touches only the postings of the words asked for. Ranking is BM25, the standard for short
documents; a phrase in quotes must appear as written.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import NamedTuple

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


class Index(NamedTuple):
    """Postings by term; documents are (council slug, paragraph ref) with their lengths."""

    docs: list[tuple[str, str]]
    lengths: list[int]
    postings: dict[str, list[tuple[int, int]]]

    def to_json(self) -> dict:
        return {"docs": self.docs, "lengths": self.lengths, "postings": self.postings}

    @classmethod
    def from_json(cls, data: dict) -> Index:
        return cls(
            [tuple(d) for d in data["docs"]],
            data["lengths"],
            {t: [tuple(p) for p in ps] for t, ps in data["postings"].items()},
        )


def build_index(library: Library) -> Index:
    docs: list[tuple[str, str]] = []
    lengths: list[int] = []
    postings: dict[str, list[tuple[int, int]]] = {}
    for council in library.councils:
        for paragraph in council.paragraphs:
            terms = tokens(f"{paragraph.heading} {paragraph.text}")
            doc = len(docs)
            docs.append((council.slug, paragraph.ref))
            lengths.append(len(terms))
            for term, count in Counter(terms).items():
                postings.setdefault(term, []).append((doc, count))
    return Index(docs, lengths, postings)


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


def search(library: Library, index: Index, query: Query, council: str | None = None) -> list[Hit]:
    """Paragraphs that match any word (all phrases), best first."""
    if query.empty:
        return []
    scores = _bm25(index, query.terms, council)
    by_slug = {c.slug: c for c in library.councils}
    hits: list[Hit] = []
    for doc, score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        slug, ref = index.docs[doc]
        found = by_slug[slug]
        paragraph = found.paragraph(ref)
        if paragraph is None or not _has_phrases(paragraph.text, query.phrases):
            continue
        hits.append(Hit(found, paragraph, round(score, 4), match_spans(paragraph.text, query)))
    return hits


def _bm25(index: Index, terms: tuple[str, ...], council: str | None) -> dict[int, float]:
    total = len(index.docs)
    average = sum(index.lengths) / total if total else 1.0
    scores: dict[int, float] = {}
    for term in terms:
        postings = index.postings.get(term, [])
        idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
        for doc, count in postings:
            if council is not None and index.docs[doc][0] != council:
                continue
            norm = K1 * (1 - B + B * index.lengths[doc] / average)
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
