"""The catalogue's words (catalogue/words.yaml): what else to look for when someone types a word.

A councillor types "refused"; the protocol says "access is denied". Search and compare both
widen what they look for from here, and say which words they added, so nobody is surprised by
a result that does not contain the word they typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .errors import RulesError
from .words import Term, Token

WORDS = Path(__file__).parent / "catalogue" / "words.yaml"


def read_words(path: Path = WORDS) -> dict[str, Any]:
    """The file checked strictly, as plain lists for the cache: {synonyms, related}."""
    from .fields import Fields
    from .yamlfile import read_yaml

    top = Fields(path, read_yaml(path), "the word list", optional=("synonyms", "related"))
    synonyms = []
    for item, line in top.items("synonyms"):
        if not isinstance(item, list) or len(item) < 2 or not all(isinstance(w, str) for w in item):
            raise RulesError("a synonym group must list two or more words", path=path, line=line)
        synonyms.append([w.strip() for w in item])
    related: dict[str, list[str]] = {}
    if top.has("related"):
        block = top.block("related", "related", optional=tuple(top.raw("related")))
        for word in block.map:
            related[word.strip()] = list(block.texts(word))
    return {"synonyms": synonyms, "related": related}


class Expansion(NamedTuple):
    """Words in a search that the catalogue widens, and what it adds for them: words that mean
    the same, and related words (which count for less)."""

    said: str
    also: tuple[Term, ...]
    related: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        return (*self.also, *self.related)


class Thesaurus(NamedTuple):
    """For each word or phrase (as stems), the words that mean the same and related words."""

    same: Mapping[tuple[str, ...], tuple[Term, ...]]
    related: Mapping[tuple[str, ...], tuple[Term, ...]]

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Thesaurus:
        same: dict[tuple[str, ...], list[Term]] = {}
        for group in data.get("synonyms", ()):
            terms = [Term.of(w) for w in group]
            for term in terms:
                same.setdefault(term.parts, []).extend(t for t in terms if t != term)
        related: dict[tuple[str, ...], list[Term]] = {}
        for word, others in data.get("related", {}).items():
            related.setdefault(Term.of(word).parts, []).extend(Term.of(w) for w in others)
        return cls(_unique(same), _unique(related))

    def expand(self, tokens: Sequence[Token]) -> list[Expansion]:
        """The longest entry at each place in the words, left to right."""
        longest = max((len(k) for k in (*self.same, *self.related)), default=0)
        found: list[Expansion] = []
        i = 0
        while i < len(tokens):
            for size in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(t.stem for t in tokens[i : i + size])
                also, related = self.same.get(key, ()), self.related.get(key, ())
                if (also or related) and not (size == 1 and tokens[i].stop):
                    said = " ".join(t.word for t in tokens[i : i + size])
                    found.append(Expansion(said, also, related))
                    i += size
                    break
            else:
                i += 1
        return found


def _unique(entries: dict[tuple[str, ...], list[Term]]) -> dict[tuple[str, ...], tuple[Term, ...]]:
    return {k: tuple(dict.fromkeys(v)) for k, v in entries.items() if k}
