"""A council edited since it was last read, read again by a child process while the CLI
imports (`reread`): the run then takes its cache entry and parses nothing, answers as it would
have, and says what is wrong with a mistaken edit as it would have."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_council, subprocess_env

from protocheck import councils, reread

WORDS = "relations with one another."

# The run, through the launcher, saying on stderr (last) which rules files it parsed itself
# and whether it started the child.
PROBE = (
    "import atexit, sys; from protocheck import launcher, output, reread, yamlfile;"
    "parsed = []; parse = yamlfile.parse_yaml;"
    "yamlfile.parse_yaml = lambda text, path: parsed.append(str(path)) or parse(text, path);"
    "start = reread.start; started = [];"
    "reread.start = lambda argv: started.append(start(argv)) or started[-1];"
    "flushed = output.flushed;"
    "output.flushed = lambda: atexit.register("
    "lambda: print(started, parsed, file=sys.stderr)) and flushed();"
    "sys.argv = ['protocheck', *sys.argv[1:]]; launcher.main()"
)


@pytest.fixture(autouse=True)
def rules_as_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings `run` gives its command, here too: they name the note (`note_path`)."""
    monkeypatch.setenv("PROTOCHECK_RULES", str(tmp_path / "rules"))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")


def run(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess:
    settings = subprocess_env(
        PROTOCHECK_RULES=str(tmp_path / "rules"),
        PROTOCHECK_NO_SHIPPED_RULES="1",
        PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"),
        **env,
    )
    command = [sys.executable, "-c", PROBE, *argv]
    return subprocess.run(command, capture_output=True, text=True, env=settings)


def edit(paragraphs: Path, words: str) -> None:
    text = paragraphs.read_text(encoding="utf-8")
    paragraphs.write_text(text.replace(WORDS, words, 1), encoding="utf-8")


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    """Two councils, the cache and the index made, so that the note lists both; returns
    CJC's paragraphs file."""
    if not reread_possible():
        pytest.skip("no second processor, or no fork")
    for slug in ("cjc", "north-west-leicestershire"):
        copy_council(tmp_path / "rules", slug, slug)
    assert run(tmp_path, "search", "members").returncode == 0
    made_from, noted = reread.read_note(str(tmp_path / "cache"))
    assert made_from and sorted(Path(f).name for f in noted) == ["cjc", "north-west-leicestershire"]
    return tmp_path / "rules" / "cjc" / "paragraphs.yaml"


def reread_possible() -> bool:
    from protocheck import preload

    return hasattr(os, "fork") and preload.can_spawn()


def test_an_edited_council_is_read_by_the_child_and_the_run_parses_nothing(tmp_path, watched):
    edit(watched, "relations with one another (first edit).")
    done = run(tmp_path, "search", "relations with one another")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[True] []"  # a child, and nothing parsed here
    assert "first edit" in done.stdout
    alone = run(tmp_path, "search", "relations with one another", PROTOCHECK_NO_PRELOAD="1")
    assert alone.stdout == done.stdout
    assert alone.stderr.splitlines()[-1] == "[False] []"  # the cache was up to date
    text = watched.read_text(encoding="utf-8")
    watched.write_text(text.replace("(first edit)", "(second edit)"), encoding="utf-8")
    again = run(tmp_path, "explain", "7.3")
    assert again.returncode == 0 and again.stderr.splitlines()[-1] == "[True] []"
    assert "second edit" in run(tmp_path, "search", "relations with one another").stdout


def test_a_mistake_in_the_edit_is_said_by_the_run_as_without_the_child(tmp_path, watched):
    watched.write_text("paragraphs: [unclosed\n", encoding="utf-8")
    done = run(tmp_path, "explain", "7.3")
    alone = run(tmp_path, "explain", "7.3", PROTOCHECK_NO_PRELOAD="1")
    assert done.returncode == alone.returncode != 0
    assert done.stderr.splitlines()[:-1] == alone.stderr.splitlines()[:-1]
    assert "paragraphs.yaml" in done.stderr and "not valid YAML" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("[True]")


def test_no_child_for_a_command_that_does_not_read_councils_text(tmp_path, watched):
    edit(watched, "relations with one another (listed).")
    assert run(tmp_path, "list").stderr.splitlines()[-1].startswith("[False]")


@pytest.mark.parametrize(
    "note",
    [
        b"made from\nrelative/folder\t1234",
        b"made from\n/no/stamp\t",
        b"made from\n/no/tab 1234",
        b"made from" + b"".join(b"\n/folder-%d\t1234" % n for n in range(40)),
        b"made from\n/" + b"x" * 70000 + b"\t1234",
    ],
    ids=["relative", "no-stamp", "no-tab", "too-many", "too-long"],
)
def test_a_note_that_is_not_one_starts_nothing(tmp_path, monkeypatch, note):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PROTOCHECK_NO_PRELOAD", raising=False)
    Path(reread.note_path(str(tmp_path))).write_bytes(note)
    assert reread.read_note(str(tmp_path)) == ("", {})
    assert reread._changed_folders(["protocheck", "search", "members"]) == []


def test_where_not_every_council_is_watched_the_note_keeps_the_latest_edited(tmp_path):
    cache = str(tmp_path)
    for n in range(reread.WATCH_MOST + 3):
        reread.note(cache, {f"/rules/council-{n}": f"{n:04x}"})
    reread.note(cache, {"/rules/council-3": "beef"})  # read again: now the latest
    made_from, noted = reread.read_note(cache)
    assert made_from == "" and len(noted) == reread.WATCH_MOST
    assert list(noted)[-2:] == ["/rules/council-10", "/rules/council-3"]
    assert noted["/rules/council-3"] == "beef"
    reread.note(cache, {"/rules/a": "1", "/rules/b": "2"}, made_from="versions")
    assert reread.read_note(cache) == ("versions", {"/rules/a": "1", "/rules/b": "2"})


def test_a_folders_stamp_changes_with_any_save_and_only_then(tmp_path):
    folder = copy_council(tmp_path / "rules", "cjc", "cjc")
    before = reread.folder_stamp(str(folder))
    assert reread.folder_stamp(str(folder)) == before
    topic = next((folder / "topics").iterdir())
    status = topic.stat()
    topic.write_bytes(topic.read_bytes())  # the same words, size and (below) date
    os.utime(topic, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert reread.folder_stamp(str(folder)) != before  # its change time moved


def test_where_few_are_installed_the_first_run_notes_them_all(tmp_path):
    """Where no more than WATCH_ALL councils are installed, a first run about one council
    notes them all, so that the first edit to another is read ahead too: its cache entry,
    never made before, is made by the child."""
    if not reread_possible():
        pytest.skip("no second processor, or no fork")
    for slug in ("cjc", "north-west-leicestershire"):
        copy_council(tmp_path / "rules", slug, slug)
    assert run(tmp_path, "explain", "7.3", "-c", "nwl").returncode == 0
    made_from, noted = reread.read_note(str(tmp_path / "cache"))
    assert made_from == councils.UNINDEXED and len(noted) == 2
    edit(tmp_path / "rules" / "cjc" / "paragraphs.yaml", "relations with one another (new).")
    done = run(tmp_path, "search", "relations with one another")
    started, parsed = done.stderr.splitlines()[-1].split(" ", 1)
    assert started == "[True]" and str(tmp_path / "rules") not in parsed  # (the catalogue's)
    assert "(new)" in done.stdout
    assert reread.read_note(str(tmp_path / "cache"))[0] not in ("", councils.UNINDEXED)


def test_the_stamp_covers_the_files_a_council_is_made_of_and_no_others(tmp_path):
    """An editor's swap file beside the rules changes nothing (else every run would start
    a child for nothing); and the files named are the ones `councils` reads."""
    assert reread.OWN_FILES == councils.OWN_FILES
    folder = copy_council(tmp_path / "rules", "cjc", "cjc")
    before = reread.folder_stamp(str(folder))
    (folder / ".paragraphs.yaml.swp").write_bytes(b"swap")
    (folder / "topics" / "notes.txt").write_text("mine")
    assert reread.folder_stamp(str(folder)) == before
    (folder / "topics" / "new.yaml").write_text("title: New\n")
    assert reread.folder_stamp(str(folder)) != before


def test_a_noted_folder_that_is_no_councils_now_is_dropped_by_the_child(tmp_path, watched):
    cache = str(tmp_path / "cache")
    made_from, noted = reread.read_note(cache)
    gone = str(tmp_path / "rules" / "somewhere-else")
    reread.note(cache, {gone: "1234"})
    assert gone in reread.read_note(cache)[1]
    done = run(tmp_path, "explain", "7.3")
    assert done.stderr.splitlines()[-1].startswith("[True]")
    assert reread.read_note(cache) == (made_from, noted)  # dropped, the rest as they were
    assert run(tmp_path, "explain", "7.3").stderr.splitlines()[-1].startswith("[False]")


def test_no_child_where_the_cache_folder_cannot_be_written(tmp_path, monkeypatch):
    """The child could not write the entry it reads, so the run would read the council twice."""
    folder = copy_council(tmp_path / "rules", "cjc", "cjc")
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PROTOCHECK_NO_PRELOAD", raising=False)
    (tmp_path / "cache").mkdir()
    reread.note(str(tmp_path / "cache"), {str(folder): "0badc0de"})
    assert reread._changed_folders(["protocheck", "search", "members"]) == [str(folder)]
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert reread._changed_folders(["protocheck", "search", "members"]) == []


def test_each_set_of_rules_folders_keeps_its_own_note(tmp_path, monkeypatch):
    """Two sets of rules sharing a cache folder (another PROTOCHECK_RULES, say) keep a note
    each, so that neither rewrites the other's in turn."""
    cache = str(tmp_path)
    monkeypatch.setenv("PROTOCHECK_RULES", "/rules/one")
    reread.note(cache, {"/rules/one/cjc": "1"}, made_from="one")
    monkeypatch.setenv("PROTOCHECK_RULES", "/rules/two")
    assert reread.read_note(cache) == ("", {})
    reread.note(cache, {"/rules/two/cjc": "2"}, made_from="two")
    monkeypatch.setenv("PROTOCHECK_RULES", "/rules/one")
    assert reread.read_note(cache) == ("one", {"/rules/one/cjc": "1"})
