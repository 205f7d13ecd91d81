#!/usr/bin/env python3
"""Which stemmer: Snowball English ("Porter2") in Python, or SQLite FTS5's own Porter?

Search, compare and routing must agree on which words match. Either protocheck stems in
Python and feeds FTS5 the stems (one stemmer), or FTS5 stems with its `porter` tokenizer and
Python copies it with a second implementation of Porter. This measures, over every word of the
shipped protocols:

1. how often a Python Porter (PyStemmer's) agrees with FTS5's: the risk of the second way;
2. which words each stemmer runs together that the other keeps apart;
3. the search set (tests/search_set.yaml) with this engine fed each stemmer's stems.

    python bench/stemmers.py
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import Stemmer
from ruamel.yaml import YAML

from protocheck import words
from protocheck.councils import load_library
from protocheck.index_store import memory_index
from protocheck.search import fit_to_index, parse_query, search
from protocheck.thesaurus import Thesaurus, read_words

ROOT = Path(__file__).resolve().parents[1]


def vocabulary() -> list[str]:
    found: set[str] = set()
    for council in load_library().councils:
        for paragraph in council.paragraphs:
            found.update(
                w for w in words.folded(f"{paragraph.where} {paragraph.text}") if "'" not in w
            )
    return sorted(found)


def fts5_porter(vocab: list[str]) -> dict[str, str]:
    """Each word as FTS5's porter tokenizer stems it (a word may split into several tokens)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter ascii')")
    db.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(vocab, 1))
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    stems: dict[str, list[str]] = defaultdict(list)
    for term, doc in db.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
        stems[vocab[doc - 1]].append(term)
    return {w: " ".join(s) for w, s in stems.items()}


def merged_apart(first: dict[str, str], second: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of words `first` gives one stem and `second` two."""
    groups: dict[str, list[str]] = defaultdict(list)
    for word, stem in first.items():
        groups[stem].append(word)
    pairs = []
    for group in groups.values():
        for n, a in enumerate(group):
            pairs += [(a, b) for b in group[n + 1 :] if second[a] != second[b]]
    return pairs


def quality(algorithm: str) -> tuple[float, float]:
    """The search set's first and top-3 shares with the index fed this algorithm's stems."""
    stemmer = Stemmer.Stemmer(algorithm)
    words._stemmer.cache_clear()
    words.stem.cache_clear()
    original = words._stemmer
    words._stemmer = lambda: stemmer  # type: ignore[assignment]
    try:
        library = load_library()
        index = memory_index(library.each())
        thesaurus = Thesaurus.of(read_words())
        searches = YAML(typ="safe").load((ROOT / "tests" / "search_set.yaml").read_text())
        first = top3 = 0
        for case in searches["searches"]:
            council = library.find(case["council"]).slug if case.get("council") else None
            query = fit_to_index(parse_query(case["query"], thesaurus), index)
            found = [
                f"{h.council.slug} {h.paragraph.ref}"
                for h in search(library, index, query, council, 3)
            ]
            first += found[:1] == [case["expect"]]
            top3 += case["expect"] in found
        total = len(searches["searches"])
        return first / total, top3 / total
    finally:
        words._stemmer = original
        words.stem.cache_clear()


def main() -> None:
    vocab = vocabulary()
    fts5 = fts5_porter(vocab)
    porter = {w: Stemmer.Stemmer("porter").stemWord(w) for w in vocab}
    english = {w: Stemmer.Stemmer("english").stemWord(w) for w in vocab}
    differ = [w for w in vocab if fts5.get(w) != porter[w]]
    print(f"{len(vocab)} distinct words in the shipped protocols")
    examples = ", ".join(f"{w}->{fts5.get(w)}/{porter[w]}" for w in differ[:8])
    share = len(differ) / len(vocab)
    print(f"1. FTS5 porter and PyStemmer porter differ on {len(differ)} ({share:.1%}): {examples}")
    only_porter = merged_apart(porter, english)
    only_english = merged_apart(english, porter)
    print(
        f"2. Porter runs together {len(only_porter)} pairs Porter2 keeps apart, e.g. "
        f"{', '.join('/'.join(p) for p in only_porter[:10])}"
    )
    print(
        f"   Porter2 runs together {len(only_english)} pairs Porter keeps apart, e.g. "
        f"{', '.join('/'.join(p) for p in only_english[:10])}"
    )
    for algorithm in ("english", "porter"):
        first, top3 = quality(algorithm)
        print(f"3. search set with {algorithm:<8} stems: first {first:.0%}, top 3 {top3:.0%}")


if __name__ == "__main__":
    main()
