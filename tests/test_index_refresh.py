"""An edit to a council's words re-indexes only the rows that changed, in their places: the
index then holds exactly what a fresh build over the same files holds."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RULES

from protocheck import councils, index_store

# What each table holds, without the rowids that place it (a council indexed again whole
# goes after the others); the order of each council's own rows is compared apart.
CONTENT = {
    "council": "SELECT slug, version, last - first, topics, stems FROM council",
    "word": "SELECT word, stem, uses FROM word",
    "paragraph": "SELECT council, ref, lead, shown, head, body FROM paragraph",
    "topic": "SELECT council, name, id, title, shown, words FROM topic",
    "about": "SELECT * FROM about",
    "text": "SELECT council, ref, refkey, section, headkey, short, short_section, cited_by,"
    " paragraph, stems, words FROM text",
    "topic_about": "SELECT * FROM topic_about",
}  # the passage table reads from text; its integrity check compares its index with text
ORDER = {
    "paragraph": "SELECT council, ref FROM paragraph ORDER BY rowid",
    "text": "SELECT council, ref FROM text ORDER BY id",
    "topic": "SELECT council, id FROM topic ORDER BY rowid",
    "topic_about": "SELECT council, id FROM topic_about ORDER BY rowid",
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _one_word(rules: Path) -> None:
    _replace(rules / "cjc" / "paragraphs.yaml", "relations with one another.", "relations.")


def _cited_paragraph(rules: Path) -> None:  # cited by topics: their digests change too
    _replace(rules / "cjc" / "paragraphs.yaml", "provide appropriate advice", "provide advice")


def _topic_title(rules: Path) -> None:
    _replace(rules / "cjc" / "topics" / "press-and-media.yaml", "title: Press", "title: The press")


def _council_name(rules: Path) -> None:  # every row of the council shows it
    _replace(rules / "cjc" / "council.yaml", "name: Corporate", "name: The Corporate")


def _topic_theme(rules: Path) -> None:  # only what compare keeps of a topic shows it
    _replace(rules / "cjc" / "topics" / "press-and-media.yaml", "theme: press", "theme: media")


def _numbering(rules: Path) -> None:  # every hit says whose numbers it uses
    _replace(rules / "cjc" / "council.yaml", "numbering: protocheck", "numbering: council")


def _lead_in(rules: Path) -> None:  # its items are found by its words too
    _replace(rules / "tower-hamlets" / "paragraphs.yaml", "we should :", "we shall always:")


def _new_paragraph(rules: Path) -> None:  # the council's rows no longer line up
    _replace(
        rules / "cjc" / "paragraphs.yaml",
        '      - ref: "preamble.2"\n',
        '      - ref: "preamble.1a"\n        text: A paragraph added.\n      - ref: "preamble.2"\n',
    )


EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {
    "one-word": (_one_word, True),
    "cited-paragraph": (_cited_paragraph, True),
    "topic-title": (_topic_title, True),
    "council-name": (_council_name, True),
    "topic-theme": (_topic_theme, True),
    "numbering": (_numbering, True),
    "lead-in": (_lead_in, True),
    "new-paragraph": (_new_paragraph, False),
}


def _index(cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(cache))
    councils.load_search_index([rules])
    (path,) = cache.glob("index-*.sqlite")
    return path


def _held(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        for table in ("paragraph", "topic", "passage"):
            db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        held = {name: sorted(db.execute(query)) for name, query in CONTENT.items()}
        for name, query in ORDER.items():
            order: dict[str, list[str]] = {}
            for council, ref in db.execute(query):
                order.setdefault(council, []).append(ref)
            held[f"{name} order"] = sorted(order.items())
    db.close()
    return held


@pytest.mark.parametrize("edit", EDITS, ids=EDITS)
def test_an_edit_leaves_the_index_as_a_fresh_build_would(edit, tmp_path, monkeypatch):
    change, in_place = EDITS[edit]
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    _index(tmp_path / "kept", rules, monkeypatch)  # the index before the edit
    change(rules)
    refreshed: list[bool] = []
    refresh = index_store._refresh

    def spy(*args):
        refreshed.append(refresh(*args))
        return refreshed[-1]

    monkeypatch.setattr(index_store, "_refresh", spy)
    kept = _held(_index(tmp_path / "kept", rules, monkeypatch))
    fresh = _held(_index(tmp_path / "fresh", rules, monkeypatch))
    assert refreshed == [in_place]  # one council edited, indexed again in place or whole
    assert kept.keys() == fresh.keys()
    for table in kept:
        assert kept[table] == fresh[table], table


def test_a_paragraph_added_and_taken_away_again_leaves_no_word_counted(tmp_path, monkeypatch):
    """Indexed again whole, a council's words are counted by what it gained and lost: a word
    only its added paragraph had is gone again when the paragraph is."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    paragraphs = rules / "cjc" / "paragraphs.yaml"
    original = paragraphs.read_text(encoding="utf-8")
    _index(tmp_path / "kept", rules, monkeypatch)
    _replace(
        paragraphs,
        '      - ref: "preamble.2"\n',
        '      - ref: "preamble.1a"\n        text: Zeppelins moored.\n      - ref: "preamble.2"\n',
    )
    added = _held(_index(tmp_path / "kept", rules, monkeypatch))
    assert [w for w in added["word"] if w[0] in ("zeppelins", "moored")] == [
        ("moored", "moor", 1),
        ("zeppelins", "zeppelin", 1),
    ]
    paragraphs.write_text(original, encoding="utf-8")
    kept = _held(_index(tmp_path / "kept", rules, monkeypatch))
    fresh = _held(_index(tmp_path / "fresh", rules, monkeypatch))
    assert kept == fresh


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE added SET words = x'07' WHERE slug = 'cjc'",
        "UPDATE added SET topics = 'x' WHERE slug = 'cjc'",
        "DELETE FROM topic WHERE council = 'cjc'",
        "UPDATE text SET words = x'07' WHERE council = 'cjc'",
        "DELETE FROM text WHERE council = 'cjc' AND ref = '1.1'",
        "UPDATE text SET stems = 'zzz' WHERE council = 'cjc' AND ref = 'preamble.2'",
    ],
)
def test_an_edit_to_a_council_whose_rows_were_damaged_answers_as_a_fresh_build(
    damage, tmp_path, monkeypatch, cli
):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = _index(tmp_path / "kept", rules, monkeypatch)
    with sqlite3.connect(path) as db:
        db.execute(damage)
    db.close()
    _one_word(rules)
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    # first, a search that a damaged row would miss rather than find (a hit is checked
    # against its paragraph, and a wrong one has the index built again)
    missed = cli("search", "embarrassing", "-c", "cjc", "-f", "json")
    assert missed.exit_code == 0 and missed.stderr == ""
    found = cli("search", "relations", "-c", "cjc", "-f", "json")
    assert found.exit_code == 0 and found.stderr == ""
    assert "relations." in found.stdout and "one another" not in found.stdout
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "fresh"))
    assert missed.stdout == cli("search", "embarrassing", "-c", "cjc", "-f", "json").stdout
