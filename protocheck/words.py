"""Which words match which: one tokenizer and stemmer for search, compare and routing.

Every part of protocheck that asks "does this text mention that?" splits text here and compares
stems (Snowball's English stemmer, "Porter2", through PyStemmer), so `enquiry` and `enquiries`,
`instruct` and `instructions` are the same word everywhere. The search index is fed these
stems, so it can never disagree with compare about what a word is (bench/stemmers.py has the
measurements that chose this over SQLite's own Porter stemmer).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_ASCII = re.compile(r"[^a-z0-9']+")

# Words too common to search for or to highlight (Snowball's English list, trimmed to what
# could never pick out a paragraph, plus the modal verbs every protocol is full of).
_STOP = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just may me might more most must my myself no nor not of off on once only or other
    ought our ours ourselves out over own same shall she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t
    i'm i've i'd i'll im ive you're you've it's that's there's what's let's we're they're
    don't doesn't didn't can't cannot won't wouldn't shouldn't isn't aren't wasn't haven't
    hasn't
"""
STOPWORDS = frozenset(_STOP.split())


class Token(NamedTuple):
    """A word of a text: as folded (lower case, no accents), its stem, and where it stands."""

    word: str
    stem: str
    start: int
    end: int

    @property
    def stop(self) -> bool:
        return self.word in STOPWORDS


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, accents off, curly apostrophes straight: `Café’s` -> `cafe's`."""
    plain = unicodedata.normalize("NFKD", word.lower().replace("\u2019", "'"))
    return _ASCII.sub("", plain).strip("'")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: Snowball's C stemmers, about 1 ms to import

    return Stemmer.Stemmer("english")


def stemmer_version() -> str:
    """Stems from another version may differ: an index built with one is rebuilt for another."""
    import Stemmer

    return f"snowball-english/{Stemmer.version()}"


def stemmer_stamp() -> str | None:
    """The stamp of the stemmer's module file, found without importing it (tens of
    microseconds); None where it cannot be found so."""
    from importlib.util import find_spec

    from .store import stamp

    try:
        spec = find_spec("Stemmer")
    except (ImportError, ValueError):
        return None
    origin = spec.origin if spec is not None else None
    found = stamp(origin) if isinstance(origin, str) and os.path.isabs(origin) else "-"
    return None if found == "-" else f"{origin}:{found}"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word; an apostrophe never survives (`officer's` -> `offic`)."""
    return _stemmer().stemWord(word).replace("'", "") or word.replace("'", "")


def tokenize(text: str) -> list[Token]:
    """Every word of the text, stop words included (phrases need their places)."""
    tokens = []
    for match in _WORD.finditer(text):
        word = fold(match.group())
        if word:
            tokens.append(Token(word, stem(word), match.start(), match.end()))
    return tokens


def folded(text: str) -> list[str]:
    """Every word, folded, in order; quicker than tokenize where places are not needed."""
    return [word for word in map(fold, _WORD.findall(text)) if word]


def stems(text: str) -> list[str]:
    """Every word's stem, in order: what the search index is fed."""
    return [stem(word) for word in folded(text)]


def content(text: str) -> list[Token]:
    """The words that count: stop words left out."""
    return [t for t in tokenize(text) if not t.stop]


class Term(NamedTuple):
    """A word or phrase to look for: its words' stems in order. A word written with a closing
    `*` matches any word that begins so (`intimidat*`), compared before stemming."""

    text: str
    parts: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Term:
        parts = []
        for match in re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)*\*?", text):
            raw = match.group()
            word = fold(raw.rstrip("*"))
            if word:
                parts.append(f"{word}*" if raw.endswith("*") else stem(word))
        return cls(text.strip(), tuple(parts))

    def _part_matches(self, part: str, token: Token) -> bool:
        return token.word.startswith(part[:-1]) if part.endswith("*") else token.stem == part

    def occurrences(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """Where the term stands in the tokens: (first, last + 1) token positions."""
        size = len(self.parts)
        if not size:
            return []
        first, rest = self.parts[0], tuple(enumerate(self.parts[1:], 1))
        within = tokens[: len(tokens) - size + 1]
        if first.endswith("*"):  # where the first part stands, found at C speed; then the rest
            starts = [i for i, t in enumerate(within) if t.word.startswith(first[:-1])]
        else:
            starts = [i for i, t in enumerate(within) if t.stem == first]
        return [
            (i, i + size)
            for i in starts
            if all(self._part_matches(p, tokens[i + n]) for n, p in rest)
        ]

    def in_tokens(self, tokens: Sequence[Token], stems: frozenset[str] | None = None) -> bool:
        """Whether the term is in the tokens; `stems` (theirs, as a set) settles most
        misses at once."""
        if stems is not None and any(p not in stems for p in self.parts if not p.endswith("*")):
            return False
        return bool(self.occurrences(tokens))


def spans(tokens: Sequence[Token], terms: Iterable[Term]) -> tuple[tuple[int, int], ...]:
    """Character spans of the words the terms match, for highlighting; never a stop word."""
    marked: set[int] = set()
    for term in terms:
        for first, end in term.occurrences(tokens):
            marked.update(range(first, end))
    return tuple((tokens[i].start, tokens[i].end) for i in sorted(marked) if not tokens[i].stop)
