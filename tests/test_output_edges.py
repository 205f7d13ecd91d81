"""Output that cannot fail: encodings without the characters, readers that leave, control
characters from rules or users, terminals one column wide, bytes that are not UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pexpect
import pytest
from conftest import EXAMPLES, NWL, protocheck_command, subprocess_env

from protocheck import degrade, output

SCENARIO = EXAMPLES / NWL / "appointments-appointment-allowed.yaml"
BUFFERING = [pytest.param({}, id="buffered"), pytest.param({"PYTHONUNBUFFERED": "1"}, id="unbuf")]


def run(args: list[str], cache, **env: str) -> subprocess.CompletedProcess:
    environment = subprocess_env(PROTOCHECK_CACHE_DIR=str(cache), **env)
    environment.pop("PYTHONUNBUFFERED", None)
    environment.update(env)
    return subprocess.run(
        [*protocheck_command(), *args], capture_output=True, env=environment, timeout=60
    )


def into_closed_pipe(args: list[str], cache, **env: str) -> subprocess.CompletedProcess:
    """Run with stdout a pipe whose reader has already gone, as `… | head` soon becomes."""
    read, write = os.pipe()
    os.close(read)
    environment = subprocess_env(PROTOCHECK_CACHE_DIR=str(cache))
    environment.pop("PYTHONUNBUFFERED", None)
    environment.update(env)
    try:
        return subprocess.run(
            [*protocheck_command(), *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=environment,
            timeout=60,
        )
    finally:
        os.close(write)


CLOSED_PIPE_COMMANDS = [
    ["explain", "--all"],
    ["list"],
    ["test", str(SCENARIO)],
    ["--help"],
]


@pytest.mark.parametrize("env", BUFFERING)
@pytest.mark.parametrize("args", CLOSED_PIPE_COMMANDS, ids=lambda a: " ".join(a[:2])[:20])
def test_a_closed_pipe_ends_the_run_quietly_with_141(shared_cache, args, env):
    result = into_closed_pipe(args, shared_cache, **env)
    assert result.stderr == b""
    assert result.returncode == 141  # never 1, which `test` uses for findings


def test_a_reader_that_stops_after_one_line_sees_no_complaint(shared_cache):
    environment = subprocess_env(PROTOCHECK_CACHE_DIR=str(shared_cache))
    environment.pop("PYTHONUNBUFFERED", None)
    child = subprocess.Popen(
        [*protocheck_command(), "explain", "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert child.stdout.readline()
    child.stdout.close()
    stderr = child.stderr.read()
    assert child.wait(timeout=60) in (0, 141)
    assert stderr == b""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["compare", "press"], ': "'),  # the curly quotes around each quoted sentence
        (["search", "press"], "..."),  # the ellipsis that ends a cut snippet
        (["explain", "extract.1", "-c", "epsom-and-ewell"], '"Members should:'),
    ],
    ids=["compare", "search", "explain"],
)
def test_an_output_without_typographic_characters_gets_plain_ones(
    shared_cache, args, plain, encoding
):
    result = run(args, shared_cache, PYTHONIOENCODING=encoding)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = result.stdout.decode(encoding)  # what the output can hold, and nothing else
    assert plain in text


def test_json_in_ascii_is_the_same_json_escaped(shared_cache):
    wide = run(["compare", "press", "-f", "json"], shared_cache)
    narrow = run(["compare", "press", "-f", "json"], shared_cache, PYTHONIOENCODING="ascii")
    assert narrow.returncode == 0
    assert narrow.stdout.isascii() and not wide.stdout.isascii()
    assert json.loads(narrow.stdout) == json.loads(wide.stdout)


@pytest.mark.parametrize(
    ("char", "plain"),
    [("\u201c", '"'), ("\u2019", "'"), ("\u2013", "-"), ("\u2026", "..."), ("\u00e9", "e")],
)
def test_typographic_characters_degrade_to_their_plain_forms(char, plain):
    assert degrade.plain_form(char) == plain
    assert degrade.plain_form("\U0001f600") == "?"  # nothing plain stands for an emoji


def test_the_pager_degrades_what_its_encoding_lacks(monkeypatch):
    import locale

    from rich.pager import SystemPager

    shown = []
    monkeypatch.setattr(locale, "getpreferredencoding", lambda *_: "latin-1")
    monkeypatch.setattr(SystemPager, "_pager", lambda self, content: shown.append(content))
    output.prepare_streams()
    output._pager().show("\u201cQuoted\u201d caf\u00e9")
    assert shown == ['"Quoted" caf\u00e9']


def test_a_users_theme_cannot_send_escape_sequences_to_the_terminal(cli):
    result = cli("compare", "\x1b[31mRED\x07")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\u001b[31mRED\\u0007" in result.stdout


def test_an_error_message_cannot_carry_escape_sequences_either(cli, isolated):
    result = cli("ask", "--answers", str(isolated / "\x1b[2J.yaml"))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\u001b[2J.yaml" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["search", "caf\udce9"],
        ["compare", "caf\udce9"],
        ["explain", "7.\udcff"],
        ["ask", "appointments", "-c", NWL, "--set", "x=\udce9"],
        ["list", "-c", "\udce9"],
    ],
)
def test_bytes_that_are_not_utf8_in_an_argument_are_refused_at_once(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert "\\xe9" in result.stderr or "\\xff" in result.stderr
    assert "is not UTF-8 text" in result.stderr and result.stdout == ""


def test_bytes_that_are_not_utf8_from_a_real_terminal_are_refused(shared_cache):
    result = run(["search", "caf\udce9", "-f", "json"], shared_cache)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"'caf\\xe9' is not UTF-8 text" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_terminal_one_column_wide_still_asks_and_answers(shared_cache):
    env = subprocess_env(
        PROTOCHECK_CACHE_DIR=str(shared_cache), TERM="xterm", COLUMNS="1", PAGER="cat"
    )
    command = protocheck_command()
    child = pexpect.spawn(
        command[0], [*command[1:], "explain", "7.3", "-c", NWL], env=env, timeout=20
    )
    child.expect(pexpect.EOF)
    child.close()
    assert b"Traceback" not in child.before and child.exitstatus == 0
    child = pexpect.spawn(
        command[0], [*command[1:], "ask", "appointments", "-c", NWL], env=env, timeout=20
    )
    child.expect(r"\?")  # the first question is on the screen, however narrow
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert b"Traceback" not in child.before and child.exitstatus == 130
