"""Fast paths give exactly what the slow, general code they stand in front of gives.

Each shortcut (a line that already fits skips textwrap; a file is read in the size it gives) is
checked against the general code: on generated inputs, a few hundred in every run and many more
in the campaign (`-m campaign`), and at its edges."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import NWL, RULES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from protocheck import cli, heads, lock, output, yamlfile
from protocheck.errors import InputError
from protocheck.files import read_bounded
from protocheck.library import Entry
from protocheck.loader import load_council
from protocheck.render import plain

COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
QUICK = settings(max_examples=400, derandomize=True, **COMMON)
CAMPAIGN = settings(max_examples=20_000, **COMMON)

# Lines as rules files give them, and whatever textwrap treats specially: every kind of
# whitespace (tabs expand, others become spaces, Unicode spaces are not split on but are
# dropped at a line's end), long words, and non-ASCII text.
PIECES = [
    "a", "word", "7.3", "Councillor", "é", "“x”", "\U0001f600", " ", "  ", "\t", "\r", "\x0b",
    "\x0c", "\xa0", "\u2003", "\x85", "\x1f", "-", "https://example.org/a/long/path/to/copy",
]  # fmt: skip
SPACED = [p for p in PIECES if p.isprintable()] + ["   ", "x" * 30]  # spaces its only whitespace
WORDS = [p for p in SPACED if p.strip() == p]  # single-spaced prose, as most lines are
LINE = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(SPACED), max_size=60).map("".join),
    st.text(st.characters(exclude_categories=()), max_size=60),
)
TEXT = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
INDENT = st.sampled_from(["", " ", "  ", "    ", "\t"])
FIRST = st.one_of(st.none(), st.sampled_from(["", "  - ", "  12. ", " \xa0"]))
WIDTH = st.integers(min_value=20, max_value=100)


def textwrap_only(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """The renderer's wrapping as it was before its fast path: textwrap for every line."""
    lines: list[str] = []
    for n, raw in enumerate(text.split("\n")):
        if not raw.strip():
            lines.append("")
            continue
        lead = first if (first is not None and n == 0) else indent
        lines.extend(
            textwrap.wrap(
                raw,
                width,
                initial_indent=lead,
                subsequent_indent=indent,
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return lines


def same_wrapping(text: str, width: int, indent: str, first: str | None) -> None:
    assert plain._wrap(text, width, indent, first) == textwrap_only(text, width, indent, first)


_wrap_args = (TEXT, WIDTH, INDENT, FIRST)
test_wrap_as_textwrap = QUICK(given(*_wrap_args)(same_wrapping))
test_wrap_as_textwrap_campaign = pytest.mark.campaign(CAMPAIGN(given(*_wrap_args)(same_wrapping)))


@pytest.mark.parametrize(
    "text",
    [
        "Fits as it is.",
        "Ends in a space ",
        "Ends in\xa0",
        "A\ttab",
        "x" * 120,
        "a " * 50,
        " " * 50 + "after more spaces than a line holds",
        "  starts with spaces " * 5,
    ],
)
def test_wrap_edges(text: str) -> None:
    """The cases the fast path must leave to textwrap, and one it takes."""
    same_wrapping(text, 40, "  ", "  - ")


def test_wrap_at_every_width() -> None:
    """Every width, so that some line is filled to the last column and some word just fails
    to fit; words of every length, runs of spaces, a word longer than any line."""
    words = " ".join("w" * n for n in range(1, 30)) + "  two   spaces " + "x" * 120 + " end"
    single = " ".join("w" * n for n in (*range(1, 30), 120, 3))  # one space between words
    for width in range(20, 101):
        for indent, first in (("", None), ("    ", "    "), ("   ", "  1. ")):
            same_wrapping(words, width, indent, first)
            same_wrapping(single, width, indent, first)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(st.characters(exclude_categories=("Cs",))))  # the YAML reader refuses surrogates
def test_fingerprint_is_hashlibs_sha256(text: str) -> None:
    """The built-in SHA-256 the lock uses gives hashlib's digest, for any text: reviewed.yaml
    files written by either still match."""
    words = " ".join(text.split()).encode("utf-8")
    assert lock.fingerprint(text) == hashlib.sha256(words).hexdigest()[:16]


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 1000])
def test_read_bounded_sizes(tmp_path, size: int) -> None:
    """Read in the size the file gives, the bound holds as when read to the limit at once."""
    path = tmp_path / "file"
    path.write_bytes(b"x" * size)
    if size <= 100:
        assert read_bounded(path, 100, "too large") == b"x" * size
    else:
        with pytest.raises(InputError, match="too large"):
            read_bounded(path, 100, "too large")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_read_bounded_longer_than_it_says() -> None:
    """A file that gives its size as 0 (as /proc's do) is still read whole, and bounded."""
    whole = read_bounded(Path("/proc/self/status"), 1_000_000, "too large")
    assert whole.startswith(b"Name:") and len(whole) > 100
    with pytest.raises(InputError, match="too large"):
        read_bounded(Path("/proc/self/status"), 50, "too large")


def test_printable_characters_are_all_ones_yaml_allows() -> None:
    """The quick test (str.isprintable) of the YAML reader and of output passes no character
    that their regexes refuse or escape: checked for every code point there is."""
    refused = re.compile(f"{yamlfile._NOT_PRINTABLE}|{yamlfile._NOT_TEXT}|{output._CONTROL}")
    passed = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable()]
    assert len(passed) > 100_000
    assert not [c for c in passed if refused.match(c)]
    assert yamlfile._printable("tab\tand\r\nlines") and not yamlfile._printable("nbsp\xa0")


def test_heads_as_the_full_load_with_each_file_read_once(tmp_path, monkeypatch) -> None:
    """A council's entry and topics from the tops of its files are what loading it gives; a
    model's topic titles are read once for all the councils that adopt it."""
    shutil.copytree(RULES / "models", tmp_path / "models")
    for name in ("camborne", NWL):
        shutil.copytree(RULES / name, tmp_path / name)
    shutil.copytree(RULES / "camborne", tmp_path / "camborne-2")
    reads: list[Path] = []
    top_text = yamlfile.top_text
    monkeypatch.setattr(
        yamlfile, "top_text", lambda path, key: reads.append(path) or top_text(path, key)
    )
    found = heads.Heads()
    for name in ("camborne", NWL, "camborne-2"):
        council = load_council(tmp_path / name)
        assert found.entry(tmp_path / name) == Entry.of(council)
        assert found.topics(tmp_path / name) == tuple(
            (t.id, t.title) for t in council.questionnaires
        )
    assert len(reads) == len(set(reads)) == 16 + 19  # the model's topics, and NWL's own


COMMANDS = [
    "ask",
    "explain",
    "list",
    "lint",
    "search",
    "compare",
    "test",
    "check",
    "diff",
    "import",
]


@pytest.mark.parametrize("name", COMMANDS)
def test_app_with_only_the_command_named(name: str) -> None:
    """A run builds only the command it names; its help and its usage errors are the same as
    the whole app's."""
    lean = cli._app_for([name, "--help"])
    assert lean is not cli.app and len(lean.registered_commands) == 1
    assert len(cli.app.registered_commands) == len(COMMANDS)
    runner = CliRunner()
    for args in ([name, "--help"], [name, "--no-such-option"]):
        whole, one = runner.invoke(cli.app, args), runner.invoke(lean, args)
        assert (one.exit_code, one.stdout, one.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        )


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["explian", "7.3"], ["LIST"]])
def test_whole_app_when_no_command_is_named(args: list[str]) -> None:
    assert cli._app_for(args) is cli.app


def test_list_reads_again_what_it_shows_and_not_the_paragraphs(cli, tmp_path, monkeypatch) -> None:
    """`list` checks each council's council.yaml and topics, which it shows, and not its
    paragraphs: an edit to a title is listed at once; one to the paragraphs alone leaves the
    kept outline as it was."""
    rules, cache = tmp_path / "rules", tmp_path / "cache"
    shutil.copytree(RULES / "epsom-and-ewell", rules / "epsom-and-ewell")
    for name, value in (
        ("RULES", str(rules)),
        ("NO_SHIPPED_RULES", "1"),
        ("CACHE_DIR", str(cache)),
    ):
        monkeypatch.setenv(f"PROTOCHECK_{name}", value)
    folder = rules / "epsom-and-ewell"
    before = cli("list").stdout
    assert "Criticising officers, and personal attacks" in before
    (outline,) = cache.glob("outline-*.json")
    kept = outline.stat().st_mtime_ns
    with (folder / "paragraphs.yaml").open("a", encoding="utf-8") as paragraphs:
        paragraphs.write("# an edit to the paragraphs\n")
    assert cli("list").stdout == before and outline.stat().st_mtime_ns == kept
    topic = folder / "topics" / "criticism-of-officers.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("personal attacks", "insults"))
    assert "Criticising officers, and insults" in cli("list").stdout


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab \n", max_size=6), max_size=30))
def test_plain_text_written_in_pieces_is_the_text_joined_whole(lines):
    from protocheck.render.plain import joined

    pieces: list[str] = []
    joined(([line] for line in "\n".join(lines).split("\n")), pieces.append)
    assert "".join(pieces) == "\n".join(lines).strip("\n") + "\n"


def test_plain_text_of_thousands_of_lines_comes_in_several_pieces_and_joins_whole():
    from protocheck.render.plain import joined

    lines = ["", *(f"line {n}" if n % 7 else "" for n in range(7000)), "", ""]
    pieces: list[str] = []
    joined([lines], pieces.append)
    assert len(pieces) > 2
    assert "".join(pieces) == "\n".join(lines).strip("\n") + "\n"


def test_the_launcher_freezes_what_the_cli_imported_and_collects_again_after() -> None:
    """The collector is paused only while the CLI is imported: a long `ask` still collects."""
    import subprocess

    probe = (
        "import gc; from protocheck import launcher; launcher._imported();"
        "print(gc.isenabled(), gc.get_freeze_count() > 10000, 'typer' in __import__('sys').modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True", "True"], done.stderr


def test_the_launcher_ends_the_process_after_every_exit_callback_with_the_clis_status(
    tmp_path,
) -> None:
    """The launcher leaves without Python's teardown, last of all: a callback registered
    during the run still runs, what the run wrote is whole (the cache's files, the output),
    and the exit status is the CLI's, for a command that worked and one that did not."""
    import subprocess

    def run(*argv: str) -> subprocess.CompletedProcess:
        probe = (
            "import atexit, sys; from protocheck import launcher, output;"
            "flushed = output.flushed;"
            "output.flushed = lambda: atexit.register(print, 'late callback', file=sys.stderr)"
            f" and flushed(); sys.argv = ['protocheck', *{list(argv)!r}]; launcher.main()"
        )
        env = {**os.environ, "PROTOCHECK_CACHE_DIR": str(tmp_path)}
        command = [sys.executable, "-c", probe]
        return subprocess.run(command, capture_output=True, text=True, env=env)

    done = run("search", "exempt information")
    assert done.returncode == 0 and done.stderr.strip() == "late callback", done.stderr
    assert "xempt" in done.stdout
    assert run("search", "exempt information").stdout == done.stdout
    missing = run("explain", "99.99", "-c", "nwl")
    assert missing.returncode not in (0, 1), missing.stderr
    assert missing.stderr.splitlines()[-1] == "late callback"
    assert len(missing.stderr.splitlines()) == 2  # the error's one line, then the callback


@pytest.mark.parametrize("frozen", [False, True], ids=["a-library-caller", "the-launcher"])
def test_reading_a_council_freezes_only_where_the_launcher_runs(frozen) -> None:
    """The launcher freezes what it keeps, and a council read under it is frozen too; a
    program using protocheck as a library keeps its collector as it was, nothing frozen
    (freezing would take its garbage cycles with it)."""
    import subprocess

    probe = (
        "import gc; from protocheck import councils, launcher;"
        f"{'launcher._imported();' if frozen else ''} before = gc.get_freeze_count();"
        "councils.load_library().find('cjc').paragraphs;"
        "print(gc.isenabled(), gc.get_freeze_count() > before)"
    )
    env = {**os.environ, "PROTOCHECK_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["True", str(frozen)], done.stderr
