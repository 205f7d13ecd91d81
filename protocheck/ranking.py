"""Ranking what search finds: BM25 with a gentle length discount, and a bonus for words typed
one after the other that stand near each other in a paragraph.

FTS5 finds the paragraphs, but its own bm25() fixes BM25's length discount at b = 0.75, which
suits web pages padded with words; a protocol's longer paragraph is longer because it says
more about its subject, and at 0.75 a list item of eight words ("Operate within the rules of
the Member Enquiries system") outranks the paragraph that explains the system. Here b is 0.15
(k1 stays FTS5's, and a heading counts as `index_store` weighs it), and each two concepts
typed one after the other that a paragraph holds within NEAR words of each other ("concern
about the conduct ... of an officer") add NEAR_BONUS. On the search set (bench/
search_quality.py) this puts 48 of 52 first and all in the first three, against 43 and 50
with FTS5's bm25(); the values are the middle of a range that does as well (b 0.1 to 0.2;
NEAR 5 to 16 at this bonus; a bonus of 0.75 to 2 at this NEAR).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from itertools import pairwise
from typing import NamedTuple

from .index_store import BODY_WEIGHT, HEAD_WEIGHT
from .words import Term

K1, B = 1.2, 0.15  # BM25's saturation of repeated words, and its discount for length
NEAR, NEAR_BONUS = 8, 1.5  # words apart, and what two concepts standing so close add

Phrase = tuple[str, ...]  # a term's stems, as FTS5 reads them


def phrase_of(term: Term) -> Phrase:
    """The stems FTS5 matches for a term (its tokenizer reads `*` as a space)."""
    return tuple(re.findall(r"[^\W_]+", " ".join(term.parts)))


class Collection(NamedTuple):
    """What BM25 needs of all the paragraphs: their mean length, and how telling each phrase
    looked for is (its inverse document frequency, as FTS5 computes it)."""

    mean_length: float
    idf: Mapping[Phrase, float]

    @classmethod
    def of(cls, rows: int, words: int, documents: Mapping[Phrase, int]) -> Collection:
        idf = {p: max(math.log((rows - n + 0.5) / (n + 0.5)), 1e-6) for p, n in documents.items()}
        return cls(words / rows if rows else 1.0, idf)


class Wanted(NamedTuple):
    """What a search looks for, as phrases: the words (and their synonyms and any quoted
    phrase), the related words (which count for `related_weight`), and each concept's
    phrases in the order typed."""

    words: tuple[Phrase, ...]
    related: tuple[Phrase, ...]
    concepts: tuple[tuple[Phrase, ...], ...]
    related_weight: float

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(dict.fromkeys((*self.words, *self.related)))


def paragraph_score(head: str, body: str, wanted: Wanted, collection: Collection) -> float:
    """A paragraph's score (its heading's and its own stems, as indexed): BM25 over the
    words, a lighter BM25 over related words, and how near the concepts stand."""
    head_stems, body_stems = head.split(), body.split()
    heading, own = _places(head_stems, collection.idf), _places(body_stems, collection.idf)
    length = (len(head_stems) + len(body_stems)) / (collection.mean_length or 1.0)
    discount = K1 * (1 - B + B * length)

    def bm25(phrases: Iterable[Phrase]) -> float:
        total = 0.0
        for phrase in phrases:
            found = HEAD_WEIGHT * len(heading[phrase]) + BODY_WEIGHT * len(own[phrase])
            if found:
                total += collection.idf[phrase] * found * (K1 + 1) / (found + discount)
        return total

    near = _nearness([sorted({i for p in c for i in own[p]}) for c in wanted.concepts])
    return bm25(wanted.words) + wanted.related_weight * bm25(wanted.related) + near


def _nearness(places: Sequence[Sequence[int]]) -> float:
    """NEAR_BONUS for each two concepts, next to each other in the order typed (leaving out
    those the paragraph lacks), that stand within NEAR words of each other; `places` gives
    where each concept stands, in that order."""
    held = [p for p in places if p]
    return NEAR_BONUS * sum(1 for one, other in pairwise(held) if _gap(one, other) <= NEAR)


def _places(stems: list[str], phrases: Iterable[Phrase]) -> dict[Phrase, list[int]]:
    """Where each phrase begins among the stems."""
    held = frozenset(stems)
    return {p: _starts(p, stems) if held.issuperset(p) else [] for p in phrases}


def _starts(phrase: Phrase, stems: list[str]) -> list[int]:
    size, found, at = len(phrase), [], -1
    with suppress(ValueError):  # list.index raises when there is no more
        while True:
            at = stems.index(phrase[0], at + 1)
            if size == 1 or tuple(stems[at : at + size]) == phrase:
                found.append(at)
    return found


def _gap(one: list[int], other: list[int]) -> int:
    """The fewest words between a place in one sorted list and a place in the other."""
    i = j = 0
    best = abs(one[0] - other[0])
    while i < len(one) and j < len(other):
        best = min(best, abs(one[i] - other[j]))
        if one[i] < other[j]:
            i += 1
        else:
            j += 1
    return best
