"""Finding the topic from a situation in someone's own words: the routing set, and `ask`."""

from __future__ import annotations

import json

import pytest
from conftest import NWL, ROOT

from protocheck.yamlfile import read_yaml

SET = ROOT / "tests" / "data" / "routing_set.yaml"


def situations() -> list[tuple[str, str, str]]:
    data = read_yaml(SET)
    return [(slug, text, topic) for slug, items in data.items() for text, topic in items]


@pytest.fixture(scope="module")
def ranked():
    from protocheck.compare import load_catalogue
    from protocheck.councils import load_library
    from protocheck.documents import load_thesaurus
    from protocheck.routing import Router

    library, themes, thesaurus = load_library(), load_catalogue(), load_thesaurus()
    routers = {}
    results = {}
    for slug, text, _ in situations():
        if slug not in routers:
            routers[slug] = Router([library.find(slug)], themes, thesaurus)
        results[(slug, text)] = [c.topic.id for c in routers[slug].rank(text, limit=3).candidates]
    return results


def test_the_routing_set_has_enough_situations_over_several_councils():
    found = situations()
    assert len(found) >= 60
    assert len({slug for slug, *_ in found}) >= 5


def test_at_least_nine_in_ten_situations_reach_their_topic_first(ranked):
    found = situations()
    first = [text for slug, text, topic in found if ranked[(slug, text)][:1] == [topic]]
    missed = [(t, ranked[(s, t)][:1], want) for s, t, want in found if t not in first]
    assert len(first) >= 0.9 * len(found), missed


@pytest.mark.parametrize(("slug", "text", "topic"), situations(), ids=lambda v: str(v)[:40])
def test_every_situation_reaches_its_topic_in_the_first_three(ranked, slug, text, topic):
    assert topic in ranked[(slug, text)], ranked[(slug, text)]


def test_ask_in_your_own_words_names_the_topic_it_chose(cli):
    result = cli("ask", "a councillor shouted at me in front of the public", "-c", NWL,
                 "--set", "role=officer", "--set", "officer-concern=member-conduct",
                 "--set", "raised-already=not-yet", "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["topic"] == "criticism-and-complaints"
    assert "Topic: Criticism and complaints" in result.stderr


def test_ask_in_your_own_words_lists_close_topics_rather_than_guess(cli):
    result = cli("ask", "about an officer", "-c", NWL)
    assert result.exit_code == 2
    assert "could be any of these topics" in result.stderr


def test_a_misspelling_is_read_as_the_nearest_topic_word_and_said_so(cli):
    result = cli("ask", "dauhgter", "-c", NWL, "-f", "json", "--set", "relationship=no")
    assert result.exit_code == 0, result.stderr
    assert "Read 'dauhgter' as 'daughter'" in result.stderr
    assert json.loads(result.stdout)["topic"] == "personal-relationships"
