"""The child process that stats every council's files while the CLI imports (`preload`): what
it says is each council's stamp as the run would make it, a run believes it only for the
manifest it read, and anything amiss leaves the run to stat the files itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_council, protocheck_command, subprocess_env

from protocheck import councils, preload


@pytest.fixture
def fresh_preload(monkeypatch):
    """The preload module as at the start of a run, able to start its child here."""
    monkeypatch.setattr(preload, "_child", None)
    monkeypatch.setattr(preload, "_collected", None)
    monkeypatch.setattr(preload, "_processors_to_spare", lambda: True)
    monkeypatch.delenv("PROTOCHECK_NO_PRELOAD", raising=False)
    yield
    preload._stop()


def loader_of(rules: Path) -> councils._Loader:
    loader = councils._Loader([rules])
    loader.library()
    return loader


def two_councils(tmp_path: Path, monkeypatch) -> Path:
    rules = tmp_path / "rules"
    for slug in ("cjc", "north-west-leicestershire"):
        copy_council(rules, slug, slug)
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    return rules


def hint(own_cache: Path) -> Path:
    own_cache.mkdir(parents=True, exist_ok=True)
    found = own_cache / preload.HINT
    found.write_text("500\n", encoding="utf-8")
    return found


def test_the_child_gives_each_councils_stamp_as_the_run_makes_it(
    tmp_path, monkeypatch, own_cache, fresh_preload
):
    rules = two_councils(tmp_path, monkeypatch)
    loader_of(rules).index()  # the manifest, as an earlier command left it
    hint(own_cache)
    preload.start(["protocheck", "search", "members"])
    assert preload._child is not None
    loader = loader_of(rules)
    found = preload.collected(loader.key)
    assert found is not None
    by_folder = {loader.dirs[p]: loader._stamp_now(loader.dirs[p]) for p in loader.positions}
    assert {folder: tuple(kept) for folder, kept in found.items()} == by_folder
    assert preload.collected("another manifest") is None


def test_a_run_stats_for_itself_whatever_the_child_failed_to_say(
    tmp_path, monkeypatch, own_cache, fresh_preload
):
    rules = two_councils(tmp_path, monkeypatch)
    loader = loader_of(rules)
    loader.index()
    read_end, write_end = os.pipe()
    pid = os.posix_spawn(
        sys.executable,
        [sys.executable, "-c", "import os; os.write(1, b'{not json'); raise SystemExit(3)"],
        os.environ,
        file_actions=[(os.POSIX_SPAWN_DUP2, write_end, 1)],
    )
    os.close(write_end)
    monkeypatch.setattr(preload, "_child", (pid, read_end))
    assert preload.collected(loader.key) is None
    assert preload._child is None  # waited for: no zombie left
    fresh = loader_of(rules)
    fresh._take_preloaded()
    assert fresh.stamps == {}  # nothing taken: every council is stat-ed by the run


def test_the_child_is_started_only_where_many_councils_were_counted(
    tmp_path, monkeypatch, own_cache, fresh_preload
):
    rules = two_councils(tmp_path, monkeypatch)
    monkeypatch.setattr(preload, "PRELOAD_FROM", 2)
    loader_of(rules).index()
    assert (own_cache / preload.HINT).is_file()
    preload.start(["protocheck", "explain", "7.3"])  # may be about one council: no child
    assert preload._child is None
    monkeypatch.setattr(preload, "PRELOAD_FROM", 3)
    loader_of(rules).index()
    assert not (own_cache / preload.HINT).exists()
    preload.start(["protocheck", "search", "members"])
    assert preload._child is None


def test_search_sees_an_edit_saved_just_before_it_with_or_without_the_child(
    tmp_path, monkeypatch, own_cache
):
    rules = two_councils(tmp_path, monkeypatch)
    env = subprocess_env(
        PROTOCHECK_RULES=str(rules),
        PROTOCHECK_NO_SHIPPED_RULES="1",
        PROTOCHECK_CACHE_DIR=str(own_cache),
    )
    search = [*protocheck_command(), "search", "zygomorphic"]
    first = subprocess.run(search, env=env, capture_output=True, text=True, timeout=120)
    assert "No paragraph" in first.stdout
    hint(own_cache)
    paragraphs = rules / "cjc" / "paragraphs.yaml"
    text = paragraphs.read_text(encoding="utf-8")
    assert "relations with one another." in text
    edited = text.replace("relations with one another.", "zygomorphic relations.", 1)
    paragraphs.write_text(edited, encoding="utf-8")
    helped = subprocess.run(search, env=env, capture_output=True, text=True, timeout=120)
    alone = subprocess.run(
        search,
        env={**env, "PROTOCHECK_NO_PRELOAD": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert helped.returncode == alone.returncode == 0, helped.stderr
    assert "*zygomorphic*" in helped.stdout
    assert helped.stdout == alone.stdout
    assert helped.stderr == alone.stderr == ""


def test_the_launcher_imports_nothing_for_it_but_the_standard_library():
    probe = (
        "import sys; before = set(sys.modules); import protocheck.preload;"
        " print(sorted(m for m in set(sys.modules) - before if m.startswith('protocheck')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "['protocheck', 'protocheck.preload']"


def spawned(code: str) -> tuple[int, int]:
    """A child of the tests' own, its stdout a pipe, as `preload` keeps one."""
    read_end, write_end = os.pipe()
    pid = os.posix_spawn(
        sys.executable,
        [sys.executable, "-c", code],
        os.environ,
        file_actions=[(os.POSIX_SPAWN_DUP2, write_end, 1)],
    )
    os.close(write_end)
    return pid, read_end


def gone_for_good(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # reaped already: no zombie
    return False


def test_a_silent_child_is_stopped_and_the_run_goes_on(monkeypatch, fresh_preload):
    monkeypatch.setattr(preload, "WAIT_S", 0.05)
    child = spawned("import time; time.sleep(60)")
    monkeypatch.setattr(preload, "_child", child)
    assert preload.collected("a key") is None
    assert preload._child is None
    assert gone_for_good(child[0])


def test_a_child_the_run_did_not_need_is_ended_at_exit(monkeypatch, fresh_preload):
    child = spawned("import time; time.sleep(60)")
    monkeypatch.setattr(preload, "_child", child)
    preload._stop()
    assert gone_for_good(child[0])
    preload._stop()  # a second call sends nothing to a pid that may be another's by now


def test_a_child_that_encodes_file_names_otherwise_is_not_believed(monkeypatch, fresh_preload):
    said = {"key": "k", "stamps": {"/rules/cjc": ["stamp", True]}, "names": ["ascii", "strict"]}
    monkeypatch.setattr(preload, "_names_encoded", lambda: ["utf-8", "surrogateescape"])
    monkeypatch.setattr(preload, "_collected", said)
    assert preload.collected("k") is None
    monkeypatch.setattr(preload, "_names_encoded", lambda: ["ascii", "strict"])
    assert preload.collected("k") == {"/rules/cjc": ["stamp", True]}


def test_the_run_keeps_its_own_stamps_and_takes_the_childs_gone_councils(
    tmp_path, monkeypatch, own_cache, fresh_preload
):
    rules = two_councils(tmp_path, monkeypatch)
    loader = loader_of(rules)
    cjc, nwl = (
        loader.dirs.index(str(rules / slug)) for slug in ("cjc", "north-west-leicestershire")
    )
    loader.stamps.clear()  # as if only CJC had been stat-ed in the run so far
    loader.stamps[cjc] = "the run's own"
    said = {
        str(rules / "cjc"): ["the child's", True],
        str(rules / "north-west-leicestershire"): ["x", False],
    }
    monkeypatch.setattr(preload, "collected", lambda key: said if key == loader.key else None)
    monkeypatch.setattr(councils, "collected", preload.collected)
    loader._take_preloaded()
    assert loader.stamps == {cjc: "the run's own", nwl: "x"}
    assert loader.gone == {nwl}
