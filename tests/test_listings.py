"""Topic folders' listings, kept between runs while the folder is unchanged (`listings`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import RULES, copy_council
from hypothesis import given
from hypothesis import strategies as st

from protocheck import files
from protocheck.listings import Listings, read_listings

NWL = "north-west-leicestershire"


@pytest.fixture
def topics(tmp_path: Path) -> Path:
    folder = tmp_path / "topics"
    folder.mkdir()
    for name in ("b.yaml", "a.yaml", "notes.txt"):
        (folder / name).write_text("x\n", encoding="utf-8")
    return folder


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SETTLED_NS", -(10**12))


def _no_listing(folder: str) -> list[str]:
    raise AssertionError(f"{folder} was listed again")


def test_a_settled_folders_listing_is_used_again_while_it_is_unchanged(
    topics, settled_at_once, monkeypatch
):
    kept = Listings()
    assert kept.names(str(topics)) == ("a.yaml", "b.yaml") and kept.changed
    again = read_listings(kept.data([str(topics)]), [str(topics)])
    monkeypatch.setattr(os, "listdir", _no_listing)
    assert again.names(str(topics)) == ("a.yaml", "b.yaml") and not again.changed


def test_a_file_added_is_seen(topics, settled_at_once):
    kept = Listings()
    kept.names(str(topics))
    (topics / "c.yaml").write_text("x\n", encoding="utf-8")
    assert kept.names(str(topics)) == ("a.yaml", "b.yaml", "c.yaml")


def test_a_folder_changed_just_now_is_listed_every_time_until_it_settles(topics, monkeypatch):
    """A coarse file system could give a second change in the same tick the same times."""
    kept = Listings()
    assert kept.names(str(topics)) == ("a.yaml", "b.yaml")
    assert not kept.changed and kept.kept == {}
    calls = []
    monkeypatch.setattr(os, "listdir", lambda f: calls.append(f) or ["a.yaml"])
    assert kept.names(str(topics)) == ("a.yaml",) and calls == [str(topics)]


def test_a_missing_folder_has_no_topics(tmp_path):
    assert Listings().names(str(tmp_path / "topics")) == ()


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"names": [["a.yaml"]], "folders": [[1, 2, 3, 4, 1]]},  # no list 1
        {"names": [["a.yaml"]], "folders": [[1, 2, 3, 4, -1]]},  # not a list's number
        {"names": [["a.yaml"]], "folders": [[1, 2, 3, 0]]},  # a time missing
        {"names": [["a.yaml"]], "folders": [[1, 2, "3", 4, 0]]},
        {"names": [[1]], "folders": [[1, 2, 3, 4, 0]]},
        {"names": [["a.yaml"]], "folders": [[1, 2, 3, 4, 0], None]},  # not one a folder
        {"names": "a.yaml", "folders": [None]},
    ],
)
def test_a_saved_listing_in_any_doubt_is_not_used(data):
    assert read_listings(data, ["/rules/x/topics"]).kept == {}


@given(st.recursive(st.none() | st.integers() | st.text(max_size=5), st.lists, max_leaves=12))
def test_reading_any_saved_data_never_fails(data):
    read_listings({"names": data, "folders": data}, ["/a", "/b"])


def test_a_topic_file_added_after_a_listing_was_kept_is_seen(
    cli, own_cache, tmp_path, settled_at_once
):
    """Through the CLI: `list` keeps the listing; a stray topic file then is still reported."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    assert cli("list", env=env).exit_code == 0
    (manifest,) = own_cache.glob("library-*.json")
    assert '"listings":{"names":[[' in manifest.read_text(encoding="utf-8")  # kept, so used
    assert cli("explain", "7.3", "-c", NWL, env=env).exit_code == 0
    stray = rules / NWL / "topics" / "stray.yaml"
    shutil.copy(rules / NWL / "topics" / "member-requests.yaml", stray)
    found = cli("explain", "7.3", "-c", NWL, env=env)
    assert found.exit_code != 0 and "stray.yaml" in found.stderr


def test_a_council_folder_added_after_the_rules_folder_was_kept_is_seen(
    cli, own_cache, tmp_path, settled_at_once
):
    """End to end: the rules folder's own stat is in the manifest's key as well, so a kept
    listing of it is never what decides this; the test keeps that so."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    assert "penwith" not in cli("list", env=env).stdout
    (manifest,) = own_cache.glob("library-*.json")
    assert '"roots":{"names":[[' in manifest.read_text(encoding="utf-8")  # kept, so used
    copy_council(rules, "camborne", "penwith")
    assert "penwith" in cli("list", env=env).stdout


def test_a_council_added_while_a_command_runs_is_seen_by_the_next(
    cli, own_cache, tmp_path, settled_at_once, monkeypatch
):
    """A listing kept part way through a run is saved under the key checked at its start:
    under a key made later, a council added in between would be missed for good."""
    from protocheck import councils

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    assert cli("list").exit_code == 0
    (rules / NWL / "topics" / "notes.txt").write_text("x\n", encoding="utf-8")  # relisted
    loader = councils._Loader([rules])
    loader.library()
    copy_council(rules, "camborne", "penwith")
    loader.outline()  # keeps the new listing, so saves the manifest
    assert "penwith" in cli("list").stdout


def test_a_folder_that_could_not_be_listed_is_listed_again_next_time(
    topics, settled_at_once, monkeypatch
):
    """An error that passes (too many open files, a network hiccup) must not be kept."""
    kept = Listings()

    def failing(folder: str) -> list[str]:
        raise OSError(24, "Too many open files")

    with monkeypatch.context() as patch:
        patch.setattr(os, "listdir", failing)
        assert kept.names(str(topics)) == ()
    assert kept.kept == {}
    assert kept.names(str(topics)) == ("a.yaml", "b.yaml")
