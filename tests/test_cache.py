"""The cache: YAML parsed once, one council decoded at a time, the search index read from disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import NWL, RULES

from protocheck import codec, councils, loader, store


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


def _entry_files(own_cache: Path) -> list[Path]:
    return sorted((own_cache / "councils").glob("*.json"))


@pytest.mark.parametrize("keep_checksum", [False, True], ids=["text-altered", "crc-forged"])
def test_a_council_entry_whose_paragraph_text_was_altered_is_never_quoted(
    cli, own_cache, keep_checksum
):
    import zlib

    first = cli("explain", "7.3", "-c", NWL, "-f", "json").stdout
    quoted = json.loads(first)["paragraphs"][0]["text"]
    for entry in _entry_files(own_cache):
        header, _, body = entry.read_text(encoding="utf-8").partition("\n")
        if quoted not in body:
            continue
        body = body.replace(json.dumps(quoted)[1:-1], "Officers may be pressed by members.")
        if keep_checksum:  # a checksum that matches, over data of the wrong shape
            body = body.replace('"council":[', '"council":[7,')
            head = json.loads(header) | {"crc": zlib.crc32(body.encode())}
            header = json.dumps(head)
        entry.write_text(f"{header}\n{body}", encoding="utf-8")
    again = cli("explain", "7.3", "-c", NWL, "-f", "json")
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout == first
    assert "pressed by members" not in cli("search", "pressed", "-f", "json").stdout


def test_an_edit_that_keeps_size_and_modification_time_is_seen(cli, own_cache, tmp_path):
    import os

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    assert "Undue Pressure" in cli("explain", "7.3", "-c", NWL, env=env).stdout
    paragraphs = rules / NWL / "paragraphs.yaml"
    before = paragraphs.stat()
    text = paragraphs.read_text(encoding="utf-8")
    paragraphs.write_text(text.replace("Undue Pressure", "Undue Pressing"), encoding="utf-8")
    os.utime(paragraphs, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p leaves it
    assert paragraphs.stat().st_size == before.st_size
    assert "Undue Pressing" in cli("explain", "7.3", "-c", NWL, env=env).stdout
    assert "Undue Pressing" in cli("search", "undue pressing", "-f", "json", env=env).stdout


def _damage_rows(db) -> None:
    db.execute("UPDATE paragraph SET body = 'silent copi' WHERE rowid IN "
               "(SELECT rowid FROM paragraph LIMIT 40)")  # fmt: skip


INDEX_DAMAGE = {
    "not-a-database": lambda path: path.write_bytes(b"not a database at all" * 100),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:4096]),
    "empty": lambda path: path.write_bytes(b""),
    "table-dropped": "DROP TABLE word",
    "council-row-deleted": "DELETE FROM council WHERE slug = 'camborne'",
    "rows-deleted": "DELETE FROM paragraph WHERE rowid > 5",
    "spans-wrong": "UPDATE council SET first = first + 3, last = last + 3",
    "refs-wrong": "UPDATE paragraph SET ref = ref || 'x'",
    "stems-wrong": _damage_rows,
    "meta-gone": "DELETE FROM meta",
}


@pytest.mark.parametrize("damage", INDEX_DAMAGE.values(), ids=INDEX_DAMAGE.keys())
def test_each_kind_of_damaged_index_is_rebuilt_and_never_ranks_wrong(cli, own_cache, damage):
    import sqlite3
    from contextlib import closing

    first = cli("search", "silent copies", "-f", "json").stdout
    [index] = own_cache.glob("index-*.sqlite")
    if callable(damage) and damage is not _damage_rows:
        damage(index)
    else:
        with closing(sqlite3.connect(index)) as db:
            damage(db) if callable(damage) else db.execute(damage)
            db.commit()
    again = cli("search", "silent copies", "-f", "json")
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout == first
    assert cli("search", "silent copies", "-f", "json").stdout == first  # and it was repaired


def test_reinstalling_keeps_the_cache_when_the_code_is_the_same(cli, own_cache, counted):
    import os

    from protocheck import store

    cli("explain", "7.3", "-c", NWL)
    counted.update(parsed=0, decoded=0)
    here = Path(store.__file__).parent
    for module in store.CODE:  # a reinstall writes every file again, with new dates
        path = here / f"{module}.py"
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    store._code = None
    assert cli("explain", "7.3", "-c", NWL).exit_code == 0
    assert counted["parsed"] == 0


def test_list_shows_a_council_renamed_since_the_last_run_by_its_new_name(cli, own_cache, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    assert "North West Leicestershire District Council" in cli("list", env=env).stdout
    council = rules / NWL / "council.yaml"
    text = council.read_text(encoding="utf-8")
    council.write_text(text.replace("North West Leicestershire District Council",
                                    "North West Leicestershire Council (renamed)", 1),
                       encoding="utf-8")  # fmt: skip
    first = cli("list", env=env).stdout
    assert "North West Leicestershire Council (renamed)" in first
    assert "North West Leicestershire District Council" not in first
    assert cli("list", env=env).stdout == first


def test_a_councils_stamp_is_the_same_in_every_run_and_changes_with_its_files(tmp_path):
    """Stamps are kept between runs: they must not depend on Python's per-run hash seed."""
    import subprocess
    import sys

    folder = tmp_path / "nwl"
    shutil.copytree(RULES / "north-west-leicestershire", folder)
    probe = (
        "from protocheck.councils import OWN_FILES, _council_stamp;"
        "from protocheck.listings import Listings;"
        f"print(_council_stamp({str(folder)!r}, OWN_FILES,"
        f" Listings().names({str(folder / 'topics')!r})))"
    )

    def stamp(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env
        )
        return done.stdout.strip()

    first = stamp("1")
    assert first == stamp("2") and first.endswith("True)")
    topic = folder / "topics" / "member-requests.yaml"
    topic.write_text(topic.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert stamp("3") != first


def test_every_module_that_reads_rules_is_in_the_caches_code_key():
    """A cached council is believed while the code that made it is unchanged: every module
    the loader imports from protocheck must be in the key, or an upgrade of it is missed."""
    import subprocess
    import sys

    probe = (
        "import sys; import protocheck.loader, protocheck.index_store;"
        "print(' '.join(m.split('.', 1)[1] for m in sys.modules"
        " if m.startswith('protocheck.') and m.count('.') == 1))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    imported = set(done.stdout.split())
    outside = {"errors", "files", "store", "cache_place"}  # messages, file reading, the cache
    assert imported, done.stderr
    missing = imported - set(store.CODE) - outside
    assert not missing, f"add to store.CODE, or say why not: {sorted(missing)}"


@pytest.mark.parametrize(
    "entries",
    [
        [["camborne", "Camborne", [], 0]],  # a folder's number missing
        [["camborne", "Camborne", [], 0, -1]],  # not a folder's number
        [["camborne", "Camborne", [3], 0, 0]],  # an alias that is not a name
        [["camborne", "Camborne", [], True, 0]],
        [[1, "Camborne", [], 0, 0]],
        "camborne",
    ],
)
def test_a_manifest_not_as_written_is_made_again(cli, own_cache, entries):
    """Its checksum holds but its entries are not entries (as a bug, not a disk, would leave)."""
    from protocheck import store

    first = cli("list").stdout
    (manifest,) = own_cache.glob("library-*.json")
    key, data = store.read_keyed(manifest)
    store.write(manifest, key, {**data, "entries": entries})
    assert cli("list").stdout == first


def test_ask_every_council_with_answers_reads_the_index_not_every_council(
    cli, own_cache, monkeypatch
):
    """Which facts are asked, and a topic's theme, come from the index: at hundreds of
    councils, reading each one's cache entry whole to learn them took most of a second."""
    cli("search", "press")  # builds the index
    fetched = []
    fetch = councils._Loader._fetch
    monkeypatch.setattr(
        councils._Loader, "_fetch", lambda self, i: fetched.append(i) or fetch(self, i)
    )
    answers = ["--set", "role=member", "--set", "request=work", "-f", "json"]
    by_theme = cli("ask", "requests-to-officers", "--all-councils", *answers)
    by_topic = cli("ask", "member-requests", "--all-councils", *answers)
    assert by_theme.exit_code == by_topic.exit_code == 2  # other councils ask other facts
    assert '"missing-answers"' in by_theme.stdout and by_theme.stdout == by_topic.stdout
    assert fetched == []
    typo = cli("ask", "requests-to-officers", "--all-councils", "--set", "rol=member")
    assert typo.exit_code == 2 and "no council asks a question 'rol'" in typo.stderr


def test_ask_every_council_with_a_damaged_index_gives_the_same_answer(cli, own_cache):
    import sqlite3
    from contextlib import closing

    args = ("ask", "requests-to-officers", "--all-councils", "--set", "role=member", "-f", "json")
    first = cli(*args)
    [index] = own_cache.glob("index-*.sqlite")
    with closing(sqlite3.connect(index)) as db:
        db.execute("UPDATE about SET facts = x'00'")  # not what was stored: damage
        db.commit()
    again = cli(*args)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert '"missing-answers"' in first.stdout
    assert not list(own_cache.glob("index-*.sqlite"))  # removed, not built again this run


def test_json_writes_every_model_as_the_codec_encodes_it():
    """The cache and the index hand models to `json` as they are (a NamedTuple is an array,
    a Verdict its text), which must be what `codec.encode` makes of them, or decoding fails:
    a field of a kind `encode` turns into something else, or `json` refuses, fails here."""
    for council in councils.load_library([RULES]).councils:
        assert json.dumps(council) == json.dumps(codec.encode(council)), council.slug
        assert codec.decode_council(json.loads(json.dumps(council))) == council


def test_a_council_folder_named_in_no_encoding_is_cached_like_any(
    cli, own_cache, tmp_path, monkeypatch
):
    """A folder name that is not UTF-8 (a lone surrogate once read) is written escaped in the
    cache's JSON, and read back as the same name: no traceback, and the cache serves it."""
    rules = tmp_path / os.fsdecode(b"rules-\xff")
    shutil.copytree(RULES / "merton", rules / "merton")
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    first = cli("explain", "extract.1", "-c", "merton")
    assert first.exit_code == 0, first.stderr
    assert list((own_cache / "councils").glob("*.json"))
    assert cli("explain", "extract.1", "-c", "merton").stdout == first.stdout


def test_an_entry_with_a_name_in_no_encoding_reads_back_as_written(tmp_path):
    name = os.fsdecode(b"/rules/mer\xffton")
    store.write(tmp_path / "entry.json", f"key {name}", {"folder": name, "text": "Café"})
    assert store.read(tmp_path / "entry.json", f"key {name}") == {"folder": name, "text": "Café"}
