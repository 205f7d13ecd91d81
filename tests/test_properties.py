"""Property-based tests over every input that comes from other people: YAML (rules and
answers files), queries, themes, paragraph references and `--set` values. Whatever comes in,
the only failure is protocheck's own one-line error (exit 2), and the output holds no raw
control characters.

Each property runs twice: a few dozen fixed examples in every run, and thousands of random
ones in the campaign (`pytest -m campaign`), deselected by default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import suppress

import pytest
from conftest import NWL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocheck.errors import ProtocheckError
from protocheck.scenario import read_scenario
from protocheck.yamlfile import parse_yaml, read_yaml

COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
QUICK = settings(max_examples=40, derandomize=True, **COMMON)
CAMPAIGN = settings(max_examples=2000, **COMMON)

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Pieces of YAML syntax, plus what breaks things: escapes that make surrogates and control
# characters, tags, anchors, merge keys, tabs, stray quotes.
PIECES = [
    "a", "b", "7.3", "yes", "null", "~", "é", "“x”", "\U0001f600", ":", ": ", " ", "  ", "\n",
    "\n  ", "- ", "-", "[", "]", "{", "}", ", ", "'", '"', "\\", "\\ud83d", "\\ude00", "\\e",
    "\\x07", "\\u0000", "&x ", "*x", "!!python/object ", "!x ", "? ", "# c", "|", ">-", "---",
    "...", "%YAML 1.2\n", "\t", "<<: ", "\x07", "\x85", "\ufeff", "council: ", "topic: ",
    "answers:", "expect:", "verdict: ", "cites: ",
]  # fmt: skip
YAML_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)
ANSWERS_TEXT = YAML_TEXT.map(lambda rest: f"council: {NWL}\ntopic: appointments\n{rest}")
# Any character at all, lone surrogates included (as a terminal not set to UTF-8 sends them).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)
WORDS = st.lists(st.sampled_from(["press", "member", "7.3", "§7", '"', "*", "-", " "])).map("".join)
QUERY = st.one_of(ANY_TEXT, WORDS)


def both(*strategies: st.SearchStrategy) -> Callable:
    """The property as two tests: QUICK in every run, CAMPAIGN under `-m campaign`."""

    def make(check: Callable) -> tuple[Callable, Callable]:
        quick = QUICK(given(*strategies)(check))
        campaign = pytest.mark.campaign(CAMPAIGN(given(*strategies)(check)))
        return quick, campaign

    return make


def only_our_errors(result, *args: str) -> None:
    assert result.exit_code in (0, 2), (args, result.stderr)
    if result.exit_code == 2:
        assert result.stderr.startswith("protocheck: ") or "Error:" in result.stderr
    assert not RAW_CONTROL.search(result.stdout), args
    if result.exit_code == 0 and "json" in args:
        json.loads(result.stdout)


def yaml_reader(text: str) -> None:
    with suppress(ProtocheckError):
        parse_yaml(text, "generated.yaml")


def yaml_file_reader(isolated, raw: bytes) -> None:
    path = isolated / "generated.yaml"
    path.write_bytes(raw)
    with suppress(ProtocheckError):
        read_yaml(path)


def answers_file(isolated, text: str) -> None:
    path = isolated / "answers.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with suppress(ProtocheckError):
        read_scenario(path)


def replayed_answers(cli, isolated, text: str) -> None:
    path = isolated / "answers.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = ("ask", "--answers", str(path), "-f", "json")
    only_our_errors(cli(*args), *args)


def search_query(cli, text: str) -> None:
    for args in (("search", text), ("search", text, "-f", "json")):
        only_our_errors(cli(*args), *args)


def compare_theme(cli, text: str) -> None:
    for args in (("compare", text, "-c", NWL), ("compare", text, "-f", "json", "-c", NWL)):
        only_our_errors(cli(*args), *args)


def explain_ref(cli, text: str) -> None:
    for args in (("explain", text, "-c", NWL), ("explain", text, "-f", "json")):
        only_our_errors(cli(*args), *args)


def set_value(cli, key: str, value: str) -> None:
    for item in (f"{key}={value}", value):
        args = ("ask", "appointments", "-c", NWL, "--set", item, "-f", "json")
        only_our_errors(cli(*args), *args)


KEYS = st.one_of(st.sampled_from(["appointment-type", "role", "x"]), ANY_TEXT)

test_yaml_reader, test_yaml_reader_campaign = both(YAML_TEXT)(yaml_reader)
test_yaml_bytes, test_yaml_bytes_campaign = both(st.binary(max_size=300))(yaml_file_reader)
test_answers_file, test_answers_file_campaign = both(ANSWERS_TEXT)(answers_file)
test_replayed_answers, test_replayed_answers_campaign = both(ANSWERS_TEXT)(replayed_answers)
test_search, test_search_campaign = both(QUERY)(search_query)
test_compare, test_compare_campaign = both(QUERY)(compare_theme)
test_explain, test_explain_campaign = both(QUERY)(explain_ref)
test_set, test_set_campaign = both(KEYS, QUERY)(set_value)
