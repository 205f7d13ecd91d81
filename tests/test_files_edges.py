"""Every path a user gives: one line and exit 2 whatever the system says about it, a pipe
never read, saved files that keep their mode, and no partial files left behind for ever."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, NWL, RULES, protocheck_command, subprocess_env

from protocheck.errors import InputError

SCENARIO = EXAMPLES / NWL / "appointments-appointment-allowed.yaml"
LONG = "a" * 300
SOURCE = "1. Members and officers\n\n1.1 Officers serve the council as a whole.\n"


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("protocheck: ") and result.stderr.count("\n") == 1
    return result.stderr


@pytest.fixture
def someone_else() -> list[str]:
    """A prefix that runs a command as an ordinary user, whom file permissions apply to:
    nothing when the tests run as one; `setpriv` to 'nobody' when they run as root."""
    if not hasattr(os, "geteuid"):
        pytest.skip("no POSIX users here")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and setpriv is not installed to run as an ordinary user")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, *protocheck_command(), "--version"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root, and the user 'nobody' cannot run this protocheck")
    return prefix


@pytest.fixture
def open_folder():
    """A folder anyone may enter (pytest's own are private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="protocheck-"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def run_as(
    prefix: list[str], args: list[str], cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess:
    if cwd is not None:  # the other user's own data folder, not the test runner's
        env.setdefault("PROTOCHECK_DATA_DIR", str(cwd / "data"))
    return subprocess.run(
        [*prefix, *protocheck_command(), *args],
        capture_output=True,
        text=True,
        env=subprocess_env(**env),
        cwd=cwd,
        timeout=60,
    )


def test_an_unreadable_folder_among_the_rules_is_named_not_a_traceback(someone_else, open_folder):
    rules = open_folder / "rules"
    shutil.copytree(RULES / "surrey", rules / "surrey")
    (rules / "locked").mkdir()
    (rules / "locked").chmod(0)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_CACHE_DIR": str(open_folder / "cache")}
    result = run_as(someone_else, ["list"], cwd=open_folder, **env)
    assert result.returncode == 2
    assert result.stderr == f"protocheck: {rules / 'locked' / 'council.yaml'}: Permission denied\n"


def test_a_run_from_a_folder_the_user_cannot_enter_still_works(someone_else, open_folder, isolated):
    isolated.chmod(0o700)  # as after `sudo -u someone protocheck` from one's own folder
    cache = str(open_folder / "cache")
    data = str(open_folder / "data")
    result = run_as(someone_else, ["explain", "7.3", "-c", NWL], PROTOCHECK_CACHE_DIR=cache,
                    PROTOCHECK_DATA_DIR=data)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "7.3" in result.stdout


def test_import_into_a_folder_that_cannot_be_written_is_one_line(someone_else, open_folder):
    (open_folder / "protocol.txt").write_text(SOURCE, encoding="utf-8")
    shut = open_folder / "shut"
    shut.mkdir(mode=0o555)
    shut.chmod(0o555)
    args = ["import", str(open_folder / "protocol.txt"), "-c", "x", "--name", "X"]
    result = run_as(someone_else, [*args, "--rules-dir", str(shut)],
                    PROTOCHECK_DATA_DIR=str(open_folder / "data"))  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Permission denied" in result.stderr
    assert str(shut) in result.stderr


def test_import_with_a_rules_dir_that_is_a_file_says_so(cli, isolated):
    source = isolated / "protocol.txt"
    source.write_text(SOURCE, encoding="utf-8")
    result = cli("import", str(source), "-c", "x", "--name", "X", "--rules-dir", str(source))
    assert one_line_error(result).startswith(f"protocheck: {source}: is not a folder")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["ask", "--answers", str(SCENARIO), "--save", f"{LONG}.md"], {}),
        (["ask", "--answers", f"{LONG}.yaml"], {}),
        (["check", f"{LONG}.yaml"], {}),
        (["lint", LONG], {}),
        (["list"], {"PROTOCHECK_RULES": LONG}),
        (["search", "press"], {"PROTOCHECK_CACHE_DIR": LONG}),
        (["import", "protocol.txt", "-c", LONG, "--name", "X"], {}),
        (["import", LONG, "-c", "x", "--name", "X"], {}),
    ],
    ids=["save", "answers", "check", "lint", "rules-env", "cache-env", "slug", "source"],
)
def test_a_name_longer_than_the_system_allows_is_one_line(cli, isolated, monkeypatch, args, env):
    (isolated / "protocol.txt").write_text(SOURCE, encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    said = one_line_error(cli(*args))
    if args[0] == "import" and args[3] == LONG:  # a slug is refused before any path is made
        assert "--council" in said
    else:
        assert "too long" in said


def test_a_folder_where_a_topic_file_should_be_is_named(cli, tmp_path, own_cache):
    """A folder opens like a file on some systems; it was then refused by Python, without
    its name ('protocheck: Is a directory')."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "cjc", rules / "cjc")
    topic = rules / "cjc" / "topics" / "correspondence.yaml"
    topic.unlink()
    topic.mkdir()
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    linted = cli("lint", str(rules / "cjc"), env=env)
    assert linted.exit_code == 1
    assert "correspondence.yaml: error: is a folder, not a file [PC100]" in linted.stdout
    explained = cli("explain", "1.1", "-c", "cjc", env=env)
    assert explained.exit_code == 2
    assert explained.stderr.strip().endswith("correspondence.yaml: is a folder, not a file")


def test_a_folder_the_system_will_not_open_is_named_a_folder(tmp_path, monkeypatch):
    """Windows refuses to open a folder ("Permission denied"): it is still named a folder."""
    from protocheck import files

    def refuse(path, flags, *args):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(InputError) as refused:
        files.read_bounded(tmp_path, 100, "too large")
    assert str(refused.value) == f"{tmp_path}: is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_where_a_rules_file_should_be_is_refused_not_waited_on(tmp_path):
    council = tmp_path / "rules" / "surrey"
    shutil.copytree(RULES / "surrey", council)
    (council / "paragraphs.yaml").unlink()
    os.mkfifo(council / "paragraphs.yaml")
    answers = tmp_path / "answers.yaml"
    os.mkfifo(answers)
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"))
    linted = run_as([], ["lint", str(council)], **env)  # a timeout here is the bug
    assert linted.returncode == 1  # a finding: lint goes on to name every other one
    assert "paragraphs.yaml: error: is not a regular file" in linted.stdout
    result = run_as([], ["ask", "--answers", str(answers)], **env)
    assert result.returncode == 2
    assert "is not a regular file" in result.stderr and result.stderr.count("\n") == 1
    data = str(tmp_path / "data")  # import looks at a file's first bytes before reading it
    args = ["import", str(answers), "-c", "piped", "--name", "Piped"]
    imported = run_as([], args, **{**env, "PROTOCHECK_DATA_DIR": data})
    assert imported.returncode == 2
    said = f"{answers}: is not a regular file (a pipe, device or socket?); give a file"
    assert imported.stderr == f"protocheck: {said}\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_saved_record_gets_the_umasks_mode(cli, isolated, umask, mode):
    old = os.umask(umask)
    try:
        assert cli("ask", "--answers", str(SCENARIO), "--save", "advice.md").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((isolated / "advice.md").stat().st_mode) == mode


def test_an_overwritten_record_keeps_its_mode(cli, isolated):
    target = isolated / "advice.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o664)  # shared with the group, more open than the umask
    assert cli("ask", "--answers", str(SCENARIO), "--save", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_imported_rules_get_the_umasks_mode(cli, isolated):
    (isolated / "protocol.txt").write_text(SOURCE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        result = cli("import", "protocol.txt", "-c", "x", "--name", "X", "--rules-dir", "rules")
        assert result.exit_code == 0, result.stderr
    finally:
        os.umask(old)
    for name in ("paragraphs.yaml", "council.yaml"):
        assert stat.S_IMODE((isolated / "rules" / "x" / name).stat().st_mode) == 0o644


def test_users_files_are_synced_to_disk_and_the_cache_is_not(cli, isolated, monkeypatch, tmp_path):
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if sys.platform == "linux" else "?")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "fresh-cache"))
    assert cli("ask", "--answers", str(SCENARIO), "--save", "advice.md").exit_code == 0
    assert synced  # the record, before its rename (and its folder, after)
    assert not any("fresh-cache" in path for path in synced)


@pytest.mark.parametrize("where", ["reports/", "existing"])
def test_save_to_a_folder_never_writes_a_file_named_like_it(cli, isolated, where):
    (isolated / "existing").mkdir()
    result = cli("ask", "--answers", str(SCENARIO), "--save", where)
    assert result.exit_code == 2
    assert "folder" in result.stderr and "give a file name" in result.stderr
    assert not (isolated / "reports").exists() and (isolated / "existing").is_dir()


def test_a_save_that_fails_leaves_no_partial_file(cli, isolated, monkeypatch):
    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = cli("ask", "--answers", str(SCENARIO), "--save", "advice.md")
    assert "cannot save: No space left on device" in one_line_error(result)
    assert [p.name for p in isolated.iterdir()] == []


def test_partial_files_left_by_killed_cache_writes_are_tidied_later(cli, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (cache / "councils").mkdir(parents=True)
    old = [
        cache / ".protocheck-partial-4242-0badcafe-library-1234abcd.json",
        cache / "councils" / ".protocheck-partial-77-deadbeef-0123abcd.json",
        cache / ".library-1234abcd.json.k2j3h4_x",  # mkstemp's, from earlier versions
        cache / ".tmp-4242-index-1234abcd.sqlite",  # the index's own, from earlier versions
    ]
    young = cache / ".protocheck-partial-99-00c0ffee-library-1234abcd.json"
    unrelated = cache / ".keep-me"
    for path in [*old, young, unrelated]:
        path.write_text("{", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    for path in [*old, unrelated]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(cache))
    assert cli("explain", "7.3", "-c", NWL).exit_code == 0  # a run that fills the cache
    assert not any(path.exists() for path in old)
    assert young.exists() and unrelated.exists()  # another run may be writing that one
