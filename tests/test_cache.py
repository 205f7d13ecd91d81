"""The cache: YAML parsed once, one council decoded at a time, the search index read from disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import NWL, RULES

from protocheck import codec, councils, loader


@pytest.fixture
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many councils were parsed from YAML and how many decoded from the cache."""
    calls = {"parsed": 0, "decoded": 0}
    parse, decode = loader.load_council, codec.decode_council

    def parsing(folder):
        calls["parsed"] += 1
        return parse(folder)

    def decoding(data):
        calls["decoded"] += 1
        return decode(data)

    monkeypatch.setattr(loader, "load_council", parsing)
    monkeypatch.setattr(codec, "decode_council", decoding)
    return calls


def test_a_command_about_one_council_decodes_only_that_council(own_cache, counted):
    first = councils.load_library([RULES])  # reads only the top of each council.yaml
    assert counted["parsed"] == 0
    assert first.find("nwl").slug == NWL
    assert counted == {"parsed": 1, "decoded": 0}
    counted.update(parsed=0, decoded=0)
    library = councils.load_library([RULES])
    assert library.find("nwl").slug == NWL
    assert [e.slug for e in library.entries][:2] == ["camborne", "cjc"]
    assert counted == {"parsed": 0, "decoded": 1}


def test_an_edit_to_one_council_reparses_only_that_council(own_cache, counted, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    councils.load_library([rules]).councils  # noqa: B018 (reads every council)
    paragraphs = rules / "cjc" / "paragraphs.yaml"
    paragraphs.write_text(paragraphs.read_text() + "\n# an edit\n")
    counted.update(parsed=0, decoded=0)
    library = councils.load_library([rules])
    assert library.councils[1].slug == "cjc"
    assert counted["parsed"] == 1


def test_search_reads_the_stored_index_and_finds_what_the_built_one_found(cli, own_cache):
    built = cli("search", "exempt information", "-f", "json").stdout  # builds and stores
    assert list(own_cache.glob("index-*.sqlite"))
    stored = cli("search", "exempt information", "-f", "json").stdout
    assert stored == built
    assert json.loads(stored)["hits"]


def test_search_without_a_cache_gives_the_same_hits(cli, own_cache, monkeypatch):
    with_cache = cli("search", "political group", "-c", NWL, "-f", "json").stdout
    monkeypatch.setenv("PROTOCHECK_NO_CACHE", "1")
    assert cli("search", "political group", "-c", NWL, "-f", "json").stdout == with_cache


def test_a_damaged_index_file_is_rebuilt_quietly(cli, own_cache):
    first = cli("search", "silent copies", "-f", "json").stdout
    [index] = own_cache.glob("index-*.sqlite")
    index.write_bytes(b"not a database at all" * 100)
    again = cli("search", "silent copies", "-f", "json")
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout == first


def test_a_damaged_council_file_is_reloaded_from_yaml(cli, own_cache):
    cli("explain", "7.3", "-c", NWL)
    for damaged in (own_cache / "councils").glob("*.json"):
        header = damaged.read_text().split("\n")[0]  # still matches: only the data is bad
        damaged.write_text(header + "\n" + json.dumps({"entry": [1, 2]}))
    result = cli("explain", "7.3", "-c", NWL)
    assert result.exit_code == 0 and "Undue Pressure" in result.stdout


def test_a_cache_folder_that_cannot_be_written_does_not_stop_anyone(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(blocker / "cache"))
    result = cli("search", "silent copies", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["hits"][0]["council"] == "camborne"
    assert cli("explain", "7.3", "-c", NWL).exit_code == 0
