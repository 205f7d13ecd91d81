"""From a situation in someone's own words to the topic that answers it.

A councillor types "can I get my daughter a job here" or "officer was rude to me at
committee"; the router ranks the council's topics by the words they share with that, using
the same stems as search and compare (`words`), the catalogue's synonyms and related words
(`thesaurus`), and a topic's title, keywords, theme, description and questions, each counting
for more or less. A word no topic uses is read as the topic word closest in spelling
("dauhgter" -> "daughter"), and said so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .compare import Theme
from .models import Council, Questionnaire
from .search import RELATED_WEIGHT, Concept, parse_query
from .thesaurus import Thesaurus
from .words import Token, content, tokenize

TITLE, KEYWORDS, THEME, DESCRIPTION, QUESTIONS = 3.0, 3.0, 2.0, 1.0, 0.5
RELATED_IN = (
    2.0  # related words count only in fields at least this telling (title, keywords, theme)
)
# Everyday verbs and fillers that say little about which topic a situation belongs to, however
# rare they are among topics ("made", "want"): they count for a quarter.
_WEAK = """
    make made get got want wants wanted need needs feel thing things something anything
    everything go going went do doing done know say said see saw use using used like put take
    took come came give gave keep kept let think able happen happened one two
"""
WEAK = frozenset(_WEAK.split())
WEAK_WEIGHT = 0.25
CATALOGUED = 1.5  # a word the catalogue lists (daughter, newspaper, sued) is a telling sign
CLEAR_LEAD = 1.4  # the best must score this many times the next to be chosen without asking


class Candidate(NamedTuple):
    council: Council
    topic: Questionnaire
    score: float
    matched: tuple[str, ...]  # the words that matched, as typed


class Field(NamedTuple):
    weight: float
    tokens: tuple[Token, ...]


class Routing(NamedTuple):
    """The ranked topics, and how the words were read."""

    candidates: tuple[Candidate, ...]
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, read as)

    @property
    def clear(self) -> Candidate | None:
        """The best, if it leads the next clearly enough to be taken without asking."""
        if not self.candidates:
            return None
        if len(self.candidates) == 1:
            return self.candidates[0]
        first, second = self.candidates[0], self.candidates[1]
        return first if first.score >= CLEAR_LEAD * second.score else None


def topic_fields(topic: Questionnaire, council: Council, themes: dict[str, Theme]) -> list[Field]:
    """What a topic says about itself, each part weighted by how telling it is."""
    theme = themes.get(topic.theme or "")
    theme_text = " ".join((theme.title, *theme.aliases, *theme.anchors)) if theme else ""
    facts = [council.fact(f) for f in topic.asks]
    questions = " ".join(
        f"{f.question} {' '.join(c.label for c in f.choices)}" for f in facts if f is not None
    )
    parts = [
        (TITLE, topic.title),
        (KEYWORDS, " ; ".join(topic.keywords)),
        (THEME, theme_text),
        (DESCRIPTION, topic.description or ""),
        (QUESTIONS, questions),
    ]
    return [Field(weight, tuple(tokenize(text))) for weight, text in parts if text]


class Router:
    """The topics of some councils, ready to rank against any number of situations."""

    def __init__(self, councils: Iterable[Council], themes: Sequence[Theme], thesaurus: Thesaurus):
        by_id = {t.id: t for t in themes}
        self.thesaurus = thesaurus
        self.topics = [
            (council, topic, topic_fields(topic, council, by_id))
            for council in councils
            for topic in council.questionnaires
        ]
        words = [t for *_, fields in self.topics for f in fields for t in f.tokens if not t.stop]
        self.vocabulary = sorted({t.word for t in words})
        self.stems = {t.stem for t in words}

    def rank(self, text: str, limit: int = 5) -> Routing:
        text, corrections = self._spelled(text)
        query = parse_query(text, self.thesaurus)
        concepts = [c for c in query.concepts if c.terms]
        if not concepts or not self.topics:
            return Routing((), corrections)
        weights = [self._idf(c) * _salience(c) for c in concepts]
        direct = [any(_best(c, f, related=0.0) for *_, f in self.topics) for c in concepts]
        scored = []
        for council, topic, fields in self.topics:
            score, matched = 0.0, []
            for concept, idf, found in zip(concepts, weights, direct, strict=True):
                # a word no topic uses counts through its related words in full
                best = _best(concept, fields, related=RELATED_WEIGHT if found else 1.0)
                if best:
                    score += best * idf
                    matched.append(concept.said)
            if score > 0:
                scored.append(Candidate(council, topic, round(score, 4), tuple(matched)))
        scored.sort(key=lambda c: (-c.score, c.council.slug, c.topic.id))
        return Routing(tuple(scored[:limit]), corrections)

    def _idf(self, concept: Concept) -> float:
        """A word most topics share ('officer') tells less than a rare one ('daughter')."""
        holding = sum(1 for *_, fields in self.topics if _best(concept, fields))
        total = len(self.topics)
        return math.log(1 + (total - holding + 0.5) / (holding + 0.5))  # BM25's idf

    def _spelled(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Words no topic and no catalogue entry knows, read as the nearest topic word."""
        import difflib

        corrections = []
        for token in content(text):
            if token.stem in self.stems or self._in_thesaurus(token) or len(token.word) < 4:
                continue
            near = difflib.get_close_matches(token.word, self.vocabulary, n=1, cutoff=0.85)
            if near and near[0][0] == token.word[0]:
                corrections.append((token.word, near[0]))
        for typed, read in corrections:
            text = _replace_word(text, typed, read)
        return text, tuple(corrections)

    def _in_thesaurus(self, token: Token) -> bool:
        key = (token.stem,)
        return key in self.thesaurus.same or key in self.thesaurus.related


def _salience(concept: Concept) -> float:
    """How much a word says about the topic, beyond how rare it is among topics."""
    if len(concept.terms) > 1 or concept.related:
        return CATALOGUED
    if all(w in WEAK for w in concept.said.split()):
        return WEAK_WEIGHT
    return 1.0


def _best(concept: Concept, fields: list[Field], related: float = RELATED_WEIGHT) -> float:
    """The weight of the most telling field holding the concept (related words count less)."""
    best = 0.0
    for field in fields:
        if any(t.in_tokens(field.tokens) for t in concept.terms):
            best = max(best, field.weight)
        elif (
            related
            and field.weight >= RELATED_IN
            and any(t.in_tokens(field.tokens) for t in concept.related)
        ):
            best = max(best, field.weight * related)
    return best


def _replace_word(text: str, typed: str, read: str) -> str:
    words = []
    for token in tokenize(text):
        words.append(read if token.word == typed else text[token.start : token.end])
    return " ".join(words)
