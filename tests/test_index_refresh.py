"""An edit to a council's words re-indexes only the rows that changed, in their places: the
index then holds exactly what a fresh build over the same files holds."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RULES

from protocheck import councils, index_store, words

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


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        held = dict(db.execute("SELECT name, value FROM meta WHERE name != 'versions'"))
    db.close()
    return held


def _set_meta(path: Path, name: str, value: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE name = ?", (value, name))
    db.close()


def test_the_index_knows_its_stemmer_by_its_files_stamp_and_else_by_its_version(
    tmp_path, monkeypatch
):
    """While the stemmer's file is as it was, the index is believed without importing the
    stemmer; where the file changed (a reinstall) its version decides, and where that is the
    same the index is kept, with the new stamp; another version builds the index afresh."""
    path = _index(tmp_path / "cache", RULES, monkeypatch)
    built = _meta(path)
    assert built["stemmer-file"] == words.stemmer_stamp() and "Stemmer" in built["stemmer-file"]
    assert built["format"] == f"{index_store.FORMAT}/{words.stemmer_version()}"
    versions: list[str] = []
    monkeypatch.setattr(index_store, "stemmer_version", lambda: versions.append("") or "x")
    assert index_store.open_index(path, _meta(path)["key"]) is not None
    assert versions == []  # the stamp alone settled it

    monkeypatch.undo()
    _set_meta(path, "stemmer-file", "a file replaced since")
    assert index_store.open_index(path, built["key"]) is not None
    assert _meta(path) == built  # the same version: kept, and the stamp made current

    _set_meta(path, "stemmer-file", "a file replaced since")
    _set_meta(path, "format", f"{index_store.FORMAT}/snowball-english/0.0.1")
    assert index_store.open_index(path, built["key"]) is None
    _index(tmp_path / "cache", RULES, monkeypatch)
    assert _meta(path) == built  # built afresh with this stemmer


def test_a_compare_of_a_theme_remembered_for_every_council_stems_nothing(tmp_path):
    """Every council's passages on a catalogue theme are kept in the index once found, so
    the next compare of it needs no stems, and never imports the stemmer."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv = ['protocheck', 'compare', 'press'];"
        "from protocheck.cli import main\ntry: main()\nexcept SystemExit: pass\n"
        "print('Stemmer' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "PROTOCHECK_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)]
    runs.append(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    )
    assert [r.stderr.splitlines()[-1] for r in runs] == ["True", "False"], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and "press" in runs[0].stdout.lower()
