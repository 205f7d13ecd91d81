"""Phrase patterns: words in order, with bounded gaps, as rules files write them.

A safeguard says which wording shows that a draft keeps it or contradicts it. Rules files come
from councils, so a pattern is never a regular expression (which could be slow, or wrong in
ways its author cannot see): it is words, matched as search matches them (by stem, so `ask`
finds `asking`; `intimidat*` finds any word beginning so), in order, next to each other; `...`
between two words lets up to eight other words come between them.

Meaning turns on small words, so: a gap never passes over a negative (`not`, `no`, `never`…)
or the end of a sentence, and a match straight after a negative does not count. `members may
ask` does not match "members may not ask", nor `members ... ask` "members must not ask"; a
pattern that means the negative says it (`must not ask`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .words import Token, fold, stem, tokenize

GAP = "..."
MAX_GAP = 8  # words a `...` may stand for
MAX_WORDS = 16
LOOK_BACK = 3  # a negative this many words before a match (in its sentence) voids it
NEGATIVES = frozenset({"not", "no", "never", "nor", "neither", "cannot", "without", "none"})

_PATTERN_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*\*?")
_NOT_WORDS = re.compile(r"[^\w\s'\u2019*/-]|_")  # what a pattern may not hold besides words
_CLAUSE_END = re.compile(r"[.!?;:](?:\s|$)")


class Step(NamedTuple):
    """One word of a pattern: its stem (or `prefix*`), and how many words may come before it."""

    part: str
    gap: int

    def matches(self, token: Token) -> bool:
        if self.part.endswith("*"):
            return token.word.startswith(self.part[:-1])
        return token.stem == self.part


class Pattern(NamedTuple):
    text: str
    steps: tuple[Step, ...]


class PatternError(ValueError):
    """A pattern that is not words and gaps; the message says why, in a rules author's terms."""


def parse_pattern(text: str) -> Pattern:
    """`requests ... relevant team manager` as steps; PatternError if it is not that."""
    chunks = [c.strip() for c in text.replace("\u2026", GAP).split(GAP)]
    if not chunks[0] or not chunks[-1]:
        raise PatternError(f"{text!r} starts or ends with '...': a gap goes between words")
    steps: list[Step] = []
    for number, chunk in enumerate(chunks):
        if not chunk:
            raise PatternError(f"{text!r} has two gaps in a row")
        odd = _NOT_WORDS.search(chunk)
        if odd:
            raise PatternError(
                f"{text!r} holds {odd.group()!r}: a pattern is words (a word may end in *) "
                "and '...' gaps, never a regular expression or punctuation"
            )
        for position, raw in enumerate(_PATTERN_WORD.findall(chunk)):
            steps.append(Step(_part(raw, text), MAX_GAP if number and not position else 0))
    if not steps:
        raise PatternError(f"{text!r} has no words")
    if len(steps) > MAX_WORDS:
        raise PatternError(f"{text!r} has {len(steps)} words; at most {MAX_WORDS}")
    return Pattern(" ".join(text.split()), tuple(steps))


def _part(raw: str, text: str) -> str:
    word = fold(raw.rstrip("*"))
    if raw.endswith("*"):
        if len(word) < 3:
            raise PatternError(f"{text!r}: {raw!r} is too short a beginning; give 3 letters")
        return f"{word}*"
    if not word:
        raise PatternError(f"{text!r}: {raw!r} is not a word")
    return stem(word)


class Prepared(NamedTuple):
    """A text made ready for matching many patterns: its words, where each clause starts, and
    which words are negatives."""

    text: str
    tokens: tuple[Token, ...]
    clause: tuple[int, ...]  # each token's clause number
    negative: tuple[bool, ...]

    @classmethod
    def of(cls, text: str) -> Prepared:
        tokens = tuple(tokenize(text))
        clause, count = [], 0
        for i, token in enumerate(tokens):
            if i and _CLAUSE_END.search(text, tokens[i - 1].end, token.start):
                count += 1
            clause.append(count)
        negative = tuple(t.word in NEGATIVES or t.word.endswith("n't") for t in tokens)
        return cls(text, tokens, tuple(clause), negative)


class Match(NamedTuple):
    """Where a pattern matched: character offsets in the text, first word to last."""

    start: int
    end: int


def find(pattern: Pattern, prepared: Prepared) -> list[Match]:
    """Every place the pattern matches, first word first; at most one match per first word."""
    tokens = prepared.tokens
    first = pattern.steps[0]
    found = []
    for i, token in enumerate(tokens):
        if not first.matches(token) or _negated(prepared, i):
            continue
        end = _rest(pattern.steps[1:], prepared, i)
        if end is not None:
            found.append(Match(token.start, tokens[end].end))
    return found


def matches(pattern: Pattern, prepared: Prepared) -> bool:
    return bool(find(pattern, prepared))


def first_match(patterns: Sequence[Pattern], prepared: Prepared) -> tuple[Pattern, Match] | None:
    """The first of the patterns that matches, and where."""
    for pattern in patterns:
        found = find(pattern, prepared)
        if found:
            return pattern, found[0]
    return None


def _negated(prepared: Prepared, index: int) -> bool:
    """A negative among the few words before this one, in its clause."""
    for j in range(index - 1, max(index - LOOK_BACK, 0) - 1, -1):
        if prepared.clause[j] != prepared.clause[index]:
            return False
        if prepared.negative[j]:
            return True
    return False


def _rest(steps: Sequence[Step], prepared: Prepared, at: int) -> int | None:
    """The index of the last word of the earliest way the steps match after word `at`.

    Every way is followed at once (a set of positions a step can end on), so a word the
    first choice of a gap would take cannot make a later, longer match fail: the cost is
    bounded by the words times the gap."""
    positions = {at}
    for step in steps:
        reached = set()
        for position in positions:
            reached.update(_next(step, prepared, position))
        if not reached:
            return None
        positions = reached
    return min(positions)


def _next(step: Step, prepared: Prepared, position: int) -> list[int]:
    """Where the step's word may stand after `position`: next to it, or within its gap, in the
    same clause and passing no negative."""
    tokens, clause, negative = prepared.tokens, prepared.clause, prepared.negative
    found = []
    last = min(position + 1 + step.gap, len(tokens) - 1)
    for j in range(position + 1, last + 1):
        if clause[j] != clause[position]:
            break
        if step.matches(tokens[j]):
            found.append(j)
        if negative[j]:
            break
    return found
