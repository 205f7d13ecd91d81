"""Ranking search hits (protocheck/ranking.py): FTS5's BM25 but for a gentler length discount,
and a bonus for concepts typed one after the other that stand together in a paragraph."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocheck import ranking
from protocheck.councils import load_library
from protocheck.documents import load_thesaurus
from protocheck.index_store import memory_index
from protocheck.ranking import NEAR, NEAR_BONUS, Collection, Wanted, paragraph_score, phrase_of
from protocheck.search import expression, fit_to_index, parse_query, search
from protocheck.words import Term, stems


@pytest.fixture(scope="module")
def built():
    library = load_library()
    return library, memory_index(library.each()), load_thesaurus()


@pytest.mark.parametrize(
    "text", ["member enquiries system", "legal proceedings", '"access to information" papers']
)
def test_at_fts5s_length_discount_the_scores_are_fts5s_own(built, monkeypatch, text):
    library, index, thesaurus = built
    monkeypatch.setattr(ranking, "B", 0.75)
    monkeypatch.setattr(ranking, "NEAR_BONUS", 0.0)
    query = fit_to_index(parse_query(text, thesaurus), index)
    assert not any(c.related for c in query.concepts)  # FTS5 has no lighter related words
    theirs = {(r.council, r.ref): r.score for r in index.match(expression(query), None, None)}
    ours = {(h.council.slug, h.paragraph.ref): h.score for h in search(library, index, query)}
    assert theirs and ours == pytest.approx(theirs, abs=1e-3)


def test_a_paragraph_that_explains_outranks_a_list_item_that_names(built):
    library, index, thesaurus = built
    query = fit_to_index(parse_query("member enquiries system", thesaurus), index)
    refs = [h.paragraph.ref for h in search(library, index, query, "tower-hamlets")]
    assert refs.index("7.1") < refs.index("11 b)")  # "Operate within the rules of the ... system"


def nearness(text: str, *typed: str) -> float:
    """What the concepts typed add to a paragraph's score for standing near each other."""
    phrases = tuple(phrase_of(Term.of(w)) for w in typed)
    wanted = Wanted(phrases, (), tuple((p,) for p in phrases), 0.4)
    telling_nothing = Collection(1.0, dict.fromkeys(phrases, 0.0))  # BM25 adds nothing
    return paragraph_score("", " ".join(stems(text)), wanted, telling_nothing)


def test_each_two_concepts_typed_together_that_stand_together_add_the_bonus():
    text = "If a member has a concern about the conduct or capability of an officer"
    assert nearness(text, "concern", "conduct", "officer") == 2 * NEAR_BONUS


def test_concepts_far_apart_add_nothing():
    assert nearness("concern " + "word " * NEAR + "conduct", "concern", "conduct") == 0


def test_only_concepts_next_to_each_other_as_typed_count_a_missing_one_passed_over():
    text = "concern about conduct " + "word " * NEAR + "officer"
    assert nearness(text, "concern", "officer", "conduct") == 0
    assert nearness(text, "concern", "daughter", "conduct") == NEAR_BONUS


@given(st.lists(st.integers(0, 50), min_size=1), st.lists(st.integers(0, 50), min_size=1))
def test_the_gap_is_the_fewest_words_between_two_places(one, other):
    expected = min(abs(a - b) for a in one for b in other)
    assert ranking._gap(sorted(set(one)), sorted(set(other))) == expected
