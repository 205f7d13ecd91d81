"""safeguards.yaml: read strictly, each mistake at its line under a stable rule id, and each
safeguard proved to rest on the paragraph it cites; phrase patterns match as documented."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import NWL, RULES
from hypothesis import given, settings
from hypothesis import strategies as st

from protocheck.loader import load_council
from protocheck.phrases import PatternError, Prepared, find, matches, parse_pattern
from protocheck.safeguards import SAFEGUARDS_FILE, council_safeguards

GOOD = """\
safeguards:
  - id: research-through-team-manager
    title: Research by junior staff goes through the Team Manager
    cites: ["7.3"]
    keeps:
      - requests must be made to the relevant team manager
"""


@pytest.fixture
def nwl_copy(tmp_path):
    folder = tmp_path / NWL
    shutil.copytree(RULES / NWL, folder)
    return folder


def lint(cli, folder) -> list[tuple[str, int | None, str]]:
    data = json.loads(cli("lint", str(folder), "-f", "json").stdout)
    return [(f["rule"], f["line"], f["message"]) for f in data["findings"]
            if f["path"].endswith(SAFEGUARDS_FILE)]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "rule", "line", "says"),
    [
        (("    keeps:", "    colour: red\n    keeps:"), "PC101", 5, "unknown key 'colour'"),
        (('cites: ["7.3"]', 'cites: ["7.9"]'), "PC201", 4, "'7.9', which is not in"),
        (("team manager\n", "team (manager|officer)\n"), "PC103", 5, "never a regular expression"),
        (("      - requests", "      - ... requests"), "PC103", 5, "a gap goes between words"),
        (("must be made to the relevant", "may go to any"), "PC211", 2, "none of its 'keeps'"),
        (("team manager\n", "team manager\n    contradicts: [members may contact officers]\n"),
         "PC212", 2, "matches paragraph 7.3"),
    ],
    ids=["unknown-key", "unknown-paragraph", "regex", "gap-first", "unfounded",
         "self-contradicted"],
)  # fmt: skip
def test_each_mistake_is_a_finding_at_its_line(cli, nwl_copy, change, rule, line, says):
    old, new = change
    assert old in GOOD
    (nwl_copy / SAFEGUARDS_FILE).write_text(GOOD.replace(old, new), encoding="utf-8")
    found = lint(cli, nwl_copy)
    assert [(r, n) for r, n, _ in found] == [(rule, line)], found
    assert says in found[0][2]


def test_a_safeguard_listed_twice_and_a_file_that_is_not_yaml(cli, nwl_copy):
    item = GOOD.split("safeguards:\n")[1]
    (nwl_copy / SAFEGUARDS_FILE).write_text(GOOD + item, encoding="utf-8")
    assert [r for r, _, _ in lint(cli, nwl_copy)] == ["PC105"]
    (nwl_copy / SAFEGUARDS_FILE).write_text("safeguards: [\n", encoding="utf-8")
    assert [r for r, _, _ in lint(cli, nwl_copy)] == ["PC106"]


def test_a_models_safeguards_cite_an_adopting_councils_own_numbers(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(RULES / "camborne", root / "camborne")
    shutil.copytree(RULES / "models", root / "models")
    paragraphs = root / "camborne" / "paragraphs.yaml"
    paragraphs.write_text(paragraphs.read_text("utf-8").replace(
        'ref: "some-general-principles.3"', 'ref: "general.3"'), encoding="utf-8")  # fmt: skip
    council_yaml = root / "camborne" / "council.yaml"
    adopts = "    id: model-councillor-officer-protocol\n"
    mapped = adopts + '    paragraphs: {"general.3": "some-general-principles.3"}\n'
    council_yaml.write_text(council_yaml.read_text("utf-8").replace(adopts, mapped), "utf-8")
    council = load_council(root / "camborne")
    guards = {g.id: g for g in council_safeguards(council, root / "camborne")}
    assert guards["instructions-through-proper-officer"].cites == ("general.3",)


# Phrase patterns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("ask any officer", "Members may be asking any officers for help.", True),
        ("members may ask", "Members may not ask officers.", False),
        ("members ... ask", "Members must not ask officers.", False),
        ("members ... ask", "Members may, if they wish, ask officers.", True),
        ("members ... ask", "Members may. Then ask officers.", False),
        ("not ask ... staff", "Members should not ask individual members of staff.", True),
        ("ask ... staff", "Members should not ask individual members of staff.", False),
        ("intimidat*", "who may feel intimidated", True),
        ("relevant team manager", "the relevant Team-Manager", True),
        ("a ... b", "a 1 2 3 4 5 6 7 8 b", True),
        ("a ... b", "a 1 2 3 4 5 6 7 8 9 b", False),
    ],
)
def test_patterns_match_words_in_order_with_bounded_gaps(pattern, text, found):
    assert matches(parse_pattern(pattern), Prepared.of(text)) is found


@pytest.mark.parametrize(
    "bad", ["", "...", "a ... ... b", "a.*b", "(ask|request)", "x*", " ... a", "w " * 17]
)
def test_what_is_not_a_pattern_is_refused_with_a_reason(bad):
    with pytest.raises(PatternError):
        parse_pattern(bad)


VOCABULARY = ["members", "may", "ask", "any", "officer", "staff", "the", "research", "team",
              "manager", "not", "."]  # fmt: skip
WORDS = st.lists(st.sampled_from(VOCABULARY), max_size=60)


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS)
def test_a_pattern_never_matches_across_a_negative_it_does_not_name(before, after):
    text = " ".join([*before, "members", "not", "ask", *after])
    pattern = parse_pattern("members ... ask")
    for match in find(pattern, Prepared.of(text)):
        assert " not " not in f" {text[match.start : match.end]} "


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.text(min_size=1, max_size=60))
def test_matching_any_text_with_any_words_is_total(text, words):
    try:
        pattern = parse_pattern(words)
    except PatternError:
        return
    for match in find(pattern, Prepared.of(text)):
        assert 0 <= match.start < match.end <= len(text)
