"""`explain REF` and `compare` across every council read the index's stored text: the result
must be exactly what reading every council whole gives, for every ref and theme."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocheck.across import compare_everywhere, paragraphs_everywhere
from protocheck.compare import compare
from protocheck.councils import load_library
from protocheck.documents import load_themes
from protocheck.lookup import find_paragraphs
from protocheck.refs import short_refs

LIBRARY = load_library()
REFS = sorted({p.ref for c in LIBRARY.each() for p in c.paragraphs})
SHORTS = sorted({s for c in LIBRARY.each() for s in short_refs(c).values()})
HEADINGS = sorted({p.heading for c in LIBRARY.each() for p in c.paragraphs})


def _read_whole(query: str) -> list[tuple[str, list[str]]]:
    return [
        (c.slug, [p.ref for p in ps]) for c in LIBRARY.each() if (ps := find_paragraphs(c, query))
    ]


def _stored(query: str) -> list[tuple[str, list[str]]]:
    stored = load_library().stored()
    assert stored is not None
    found, _ = paragraphs_everywhere(stored, query)
    return [(council.slug, [p.ref for p in ps]) for council, ps in found]


def _variants(ref: str) -> list[str]:
    return [ref, ref.upper(), ref.replace(" ", ""), ref.replace("(", " ("), f"para {ref}"]


@pytest.mark.parametrize("ref", REFS[::3] + SHORTS[::4] + HEADINGS[::5])
def test_every_ref_is_found_in_the_same_councils_as_reading_each_whole(ref):
    for query in _variants(ref):
        assert _stored(query) == _read_whole(query), query


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789.()abcivx -§", max_size=10))
def test_any_typed_ref_finds_what_reading_each_council_whole_finds(query):
    assert _stored(query) == _read_whole(query)


def _views(views) -> list:
    return [(v.council.slug, list(v.passages), v.headlines) for v in views]


@pytest.mark.parametrize("theme", load_themes(), ids=lambda t: t.id)
def test_every_theme_compares_as_reading_each_council_whole(theme):
    stored = load_library().stored()
    assert stored is not None
    assert _views(compare_everywhere(stored, theme)) == _views(compare(LIBRARY, theme))


def test_explain_and_compare_say_the_same_with_or_without_an_index(cli, monkeypatch):
    said = [
        cli("explain", "7.3", "-f", "json").stdout,
        cli("compare", "press", "-f", "json").stdout,
    ]
    monkeypatch.setenv("PROTOCHECK_NO_CACHE", "1")
    assert [
        cli("explain", "7.3", "-f", "json").stdout,
        cli("compare", "press", "-f", "json").stdout,
    ] == said
    assert [p["council"] for p in json.loads(said[0])["paragraphs"]] == [
        "north-west-leicestershire",
        "tower-hamlets",
    ]


def test_a_damaged_stored_text_falls_back_to_reading_the_councils(cli, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    before = cli("explain", "7.3").stdout
    for index in (tmp_path / "cache").glob("index-*.sqlite"):
        with sqlite3.connect(index) as db:
            db.execute("UPDATE about SET council = 'not json'")
    result = cli("explain", "7.3")
    assert (result.exit_code, result.stdout) == (0, before)
    assert "Cited by topics: member-requests" in result.stdout
    assert not list((tmp_path / "cache").glob("index-*.sqlite"))  # removed, to be rebuilt
    assert cli("explain", "7.3").stdout == before
    assert list((tmp_path / "cache").glob("index-*.sqlite"))


def test_a_council_damaged_part_way_through_ask_every_council_is_one_line(
    cli, monkeypatch, tmp_path: Path
):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    args = ("ask", "press", "--all-councils", "-f", "json", "--set", "role=member")
    before = cli(*args)
    for index in (tmp_path / "cache").glob("index-*.sqlite"):
        with sqlite3.connect(index) as db:  # the first council reads well, a later one not
            db.execute(
                "UPDATE about SET paragraphs = '[1' WHERE slug = 'north-west-leicestershire'"
            )
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "index was damaged" in result.stderr
    assert not list((tmp_path / "cache").glob("index-*.sqlite"))
    again = cli(*args)
    assert (again.exit_code, again.stdout) == (before.exit_code, before.stdout)


@pytest.mark.parametrize("theme", load_themes(), ids=lambda t: t.id)
def test_every_council_is_put_a_theme_as_reading_each_whole(theme, monkeypatch):
    from protocheck.every_council import cases

    stored = cases(load_library(), theme)
    monkeypatch.setenv("PROTOCHECK_NO_CACHE", "1")
    assert load_library().stored() is None
    assert stored == cases(load_library(), theme)
    assert any(case.topic for case in stored) == any(
        t.theme == theme.id for c in LIBRARY.each() for t in c.questionnaires
    )


def test_ask_every_council_says_the_same_with_or_without_an_index(cli, monkeypatch):
    args = ("ask", "requests-to-officers", "--all-councils", "-f", "json", "--set", "role=member")
    said = cli(*args)
    monkeypatch.setenv("PROTOCHECK_NO_CACHE", "1")
    again = cli(*args)
    assert (again.exit_code, again.stdout, again.stderr) == (
        said.exit_code,
        said.stdout,
        said.stderr,
    )
    assert said.exit_code == 2  # each council's own questions are still to answer, and say so
    assert "  tower-hamlets: " in said.stderr and "  north-west-leicestershire: " in said.stderr


def _naive_occurrences(term, tokens) -> list[tuple[int, int]]:
    """Term.occurrences as first written: every position, every part."""
    size = len(term.parts)
    return [
        (i, i + size)
        for i in range(len(tokens) - size + 1)
        if size and all(term._part_matches(p, tokens[i + n]) for n, p in enumerate(term.parts))
    ]


WORDS = st.sampled_from(["officer", "officers", "member", "press", "the", "a", "release", "media"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(WORDS, max_size=30),
    st.lists(st.one_of(WORDS, st.sampled_from(["offic*", "pre*", "m*"])), max_size=3),
)
def test_a_term_is_found_where_checking_every_position_finds_it(text, anchor):
    from protocheck.words import Term, tokenize

    tokens = tokenize(" ".join(text))
    term = Term.of(" ".join(anchor))
    assert term.occurrences(tokens) == _naive_occurrences(term, tokens)


@pytest.mark.parametrize("theme", load_themes()[:6], ids=lambda t: t.id)
def test_a_remembered_comparison_is_the_comparison(theme, monkeypatch):
    from protocheck.stored_text import Stored

    first = compare_everywhere(load_library().stored(), theme, remember=True)
    assert load_library().stored().compared("\n".join(theme.anchors)), "nothing remembered"

    def unread(*_args, **_kwargs):
        raise AssertionError("the second compare searched again instead of remembering")

    monkeypatch.setattr(Stored, "passages", unread)
    again = compare_everywhere(load_library().stored(), theme, remember=True)
    assert _views(again) == _views(first) == _views(compare(LIBRARY, theme))


def test_a_council_indexed_again_forgets_what_compare_remembered(tmp_path, monkeypatch):
    import shutil

    from conftest import RULES

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    theme = next(t for t in load_themes() if t.id == "press")
    before = compare_everywhere(load_library().stored(), theme, remember=True)
    paragraphs = rules / "north-west-leicestershire" / "paragraphs.yaml"
    text = paragraphs.read_text(encoding="utf-8")
    paragraphs.write_text(text.replace("Press releases are written", "Press notices are written"))
    after = compare_everywhere(load_library().stored(), theme, remember=True)
    nwl = {v.council.slug: v for v in after}["north-west-leicestershire"]
    quotes = [p.quote for p in nwl.passages]
    assert any("Press notices are written" in q for q in quotes), quotes
    assert _views(after) != _views(before)


def test_an_index_missing_a_councils_text_is_built_again(cli, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    before = cli("explain", "7.3").stdout
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    with sqlite3.connect(index) as db:
        db.execute("DELETE FROM about WHERE slug = 'tower-hamlets'")
    result = cli("explain", "7.3")
    assert (result.exit_code, result.stdout) == (0, before)
    with sqlite3.connect(index) as db:  # rebuilt whole, with every council's text
        assert db.execute("SELECT count(*) FROM about").fetchone()[0] == len(LIBRARY.entries)


@pytest.mark.parametrize("column", ["council", "roles", "unresolved"])
def test_compare_with_a_damaged_light_record_falls_back_to_reading_the_councils(
    cli, monkeypatch, tmp_path: Path, column: str
):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    before = cli("compare", "press").stdout
    for index in (tmp_path / "cache").glob("index-*.sqlite"):
        with sqlite3.connect(index) as db:
            db.execute(f"UPDATE about SET {column} = 'not json'")
    result = cli("compare", "press")
    assert (result.exit_code, result.stdout) == (0, before)
    assert not list((tmp_path / "cache").glob("index-*.sqlite"))  # removed, to be rebuilt
