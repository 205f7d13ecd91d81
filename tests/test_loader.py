"""Strict loading: every mistake in a rules folder is one line naming file and line, exit 2."""

from __future__ import annotations

import json
import re

import pytest

COUNCIL = """\
council:
  slug: testshire
  name: Testshire District Council
  source:
    title: Protocol on Member/Officer Relations
    date: 1 April 2026
  numbering: council
roles:
  - id: monitoring-officer
    title: Monitoring Officer
topics: [visits]
"""

PARAGRAPHS = """\
sections:
  - number: "1"
    heading: Visits
    paragraphs:
      - ref: "1.1"
        text: Members should make appointments to speak to officers.
      - ref: "1.2"
        text: Members must not use their position to secure priority treatment.
"""

TOPIC = """\
id: visits
title: Visiting officers
start: kind
questions:
  - id: kind
    text: What do you want to do?
    cites: ["1.1"]
    choices:
      - value: visit
        label: Visit an officer
        next: visit-ok
      - value: priority
        label: Get priority for someone
        next: priority-no
outcomes:
  - id: visit-ok
    verdict: conditional
    summary: You may, by appointment.
    conditions: [Make an appointment first.]
    cites: ["1.1"]
    contact: monitoring-officer
  - id: priority-no
    verdict: not-allowed
    summary: You must not.
    cites: ["1.2"]
    contact: monitoring-officer
"""


def files(council: str = COUNCIL, paragraphs: str = PARAGRAPHS, topic: str = TOPIC) -> dict:
    return {"council.yaml": council, "paragraphs.yaml": paragraphs, "topics/visits.yaml": topic}


def test_a_sound_council_passes_lint(cli, rules_dir):
    folder = rules_dir(files())
    result = cli("lint", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "2 paragraphs, 1 topics" in result.stdout


def test_a_sound_council_gives_advice(cli, rules_dir):
    rules_dir(files())
    result = cli("ask", "visits", "--set", "kind=priority", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"verdict": "not-allowed"' in result.stdout


UNRESOLVED = """\
  unresolved:
    cites: ["1.1"]
    contact: monitoring-officer
    summary: The protocol does not deal with this; ask the Monitoring Officer.
"""
NOT_COVERED = """\
      - value: other
        label: Something else
        next: not-covered
outcomes:
  - id: not-covered
    use: unresolved
"""


def test_use_unresolved_gives_the_councils_own_advice_for_what_it_does_not_cover(cli, rules_dir):
    council = COUNCIL.replace("  numbering: council\n", "  numbering: council\n" + UNRESOLVED)
    topic = TOPIC.replace("outcomes:\n", NOT_COVERED)
    rules_dir(files(council=council, topic=topic))
    result = cli("ask", "visits", "--set", "kind=other", "--format", "json")
    assert result.exit_code == 0, result.stderr
    advice = json.loads(result.stdout)
    assert advice["verdict"] == "refer"
    assert advice["summary"] == "The protocol does not deal with this; ask the Monitoring Officer."
    assert [c["ref"] for c in advice["citations"]] == ["1.1"]
    assert advice["contact"]["title"] == "Monitoring Officer"


CASES = [
    # (file, old text, new text, file named in message, text on the line named, words in message)
    (
        "topic",
        "outcomes:\n",
        NOT_COVERED,
        "visits.yaml",
        "    use: unresolved",
        "needs an unresolved block with a summary",
    ),
    (
        "topic",
        "outcomes:\n",
        NOT_COVERED.replace("use: unresolved", "use: elsewhere"),
        "visits.yaml",
        "    use: elsewhere",
        "can only be 'unresolved'",
    ),
    (
        "topic",
        "outcomes:\n",
        NOT_COVERED + "    verdict: allowed\n",
        "visits.yaml",
        "    verdict: allowed",
        "verdict",
    ),
    ("topic", '    cites: ["1.2"]', '    cites: ["9.9"]', "visits.yaml", 'cites: ["9.9"]', "'9.9'"),
    (
        "topic",
        "        next: priority-no",
        "        next: nowhere",
        "visits.yaml",
        "  - id: kind",
        "'nowhere'",
    ),
    (
        "topic",
        "  - id: priority-no",
        "  - id: orphan",
        "visits.yaml",
        "  - id: kind",
        "'priority-no'",
    ),
    (
        "topic",
        "title: Visiting officers\n",
        "title: Visiting officers\ncolour: red\n",
        "visits.yaml",
        "colour",
        "unknown key 'colour'",
    ),
    (
        "topic",
        "    verdict: not-allowed",
        "    verdict: maybe",
        "visits.yaml",
        "verdict: maybe",
        "maybe",
    ),
    (
        "topic",
        "    contact: monitoring-officer\n  - id: priority-no",
        "    contact: mayor\n  - id: priority-no",
        "visits.yaml",
        "contact: mayor",
        "'mayor' is not a role",
    ),
    (
        "topic",
        "    conditions: [Make an appointment first.]\n",
        "",
        "visits.yaml",
        "verdict: conditional",
        "conditions",
    ),
    (
        "paragraphs",
        "        text: Members must not use their position to secure priority treatment.\n",
        "",
        "paragraphs.yaml",
        '- ref: "1.2"',
        "text",
    ),
    (
        "paragraphs",
        '      - ref: "1.2"',
        '      - ref: "1.1"  # again',
        "paragraphs.yaml",
        "# again",
        "twice",
    ),
    (
        "council",
        "  numbering: council",
        "  numbering: sometimes",
        "council.yaml",
        "numbering:",
        "numbering",
    ),
    (
        "council",
        "    date: 1 April 2026\n",
        "    date: 1 April 2026\n    scope: partial\n",
        "council.yaml",
        "scope:",
        "whole, extract",
    ),
    ("council", "topics: [visits]", "topics: [visits, press]", "council.yaml", "topics:", "press"),
    ("council", "  slug: testshire", "  slug: Test Shire", "council.yaml", "slug:", "lower case"),
    (
        "council",
        "roles:\n",
        "roles:\n  - &mo {id: x, title: X}\n  - *mo\n",
        "council.yaml",
        "  - &mo",
        "aliases",
    ),
    (
        "council",
        "  name: Testshire District Council",
        "  name: !!python/object:os.system rm",
        "council.yaml",
        "  name:",
        "not allowed",
    ),
    (
        "council",
        "  name: Testshire District Council",
        "  name: Testshire\n  name: Again",
        "council.yaml",
        "  name: Again",
        "twice",
    ),
    (
        "council",
        "  name: Testshire District Council",
        "  name: [unclosed",
        "council.yaml",
        None,
        "not valid YAML",
    ),
]


@pytest.mark.parametrize(("which", "old", "new", "name", "anchor", "words"), CASES)
def test_each_mistake_is_one_line_with_file_and_line(
    cli, rules_dir, which, old, new, name, anchor, words
):
    parts = {"council": COUNCIL, "paragraphs": PARAGRAPHS, "topic": TOPIC}
    assert old in parts[which], "the test's own text must match the fixture"
    parts[which] = parts[which].replace(old, new)
    folder = rules_dir(files(parts["council"], parts["paragraphs"], parts["topic"]))
    result = cli("lint", str(folder))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    place = re.search(rf"{re.escape(name)}:(\d+):", message)
    assert place, message
    if anchor is not None:
        text = parts[which]
        expected = text[: text.index(anchor)].count("\n") + 1
        assert int(place.group(1)) == expected, message
    assert words in message


def test_a_loop_in_the_questions_is_reported(cli, rules_dir):
    topic = TOPIC.replace("        next: visit-ok", "        next: kind")
    topic = topic.replace("  - id: visit-ok", "  - id: visit-ok-unused")
    result = cli("lint", str(rules_dir(files(topic=topic))))
    assert result.exit_code == 2
    assert "loop" in result.stderr and "kind -> kind" in result.stderr


def test_a_huge_file_is_refused_without_reading_it_all(cli, rules_dir):
    big = PARAGRAPHS + "#" + "x" * (1024 * 1024 + 10) + "\n"
    result = cli("lint", str(rules_dir(files(paragraphs=big))))
    assert result.exit_code == 2
    assert "paragraphs.yaml" in result.stderr and "larger than" in result.stderr


def test_every_command_refuses_a_broken_rules_folder(cli, rules_dir):
    rules_dir(files(topic=TOPIC.replace('cites: ["1.2"]', 'cites: ["4.4"]')))
    result = cli("explain", "1.1")
    assert result.exit_code == 2
    assert "visits.yaml:" in result.stderr and "'4.4'" in result.stderr


def test_the_cache_notices_an_edit(cli, rules_dir):
    folder = rules_dir(files())
    assert cli("explain", "1.1").exit_code == 0
    text = (folder / "paragraphs.yaml").read_text().replace("make appointments", "book meetings")
    (folder / "paragraphs.yaml").write_text(text + "\n")
    result = cli("explain", "1.1")
    assert "book meetings" in result.stdout


def test_the_cache_gives_back_exactly_what_the_loader_made(monkeypatch, tmp_path):
    from conftest import RULES

    from protocheck.cache import load_library
    from protocheck.library import council_dirs, merge
    from protocheck.loader import load_council

    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "fresh-cache"))
    fresh = merge(load_council(d) for d in council_dirs([RULES]))
    first = load_library([RULES])  # parses the YAML and writes the cache
    second = load_library([RULES])  # reads the cache
    assert list((tmp_path / "fresh-cache").glob("library-*.json"))
    assert first.councils == fresh.councils == second.councils


def test_cut_off_is_true_or_false_and_explain_says_so(cli, rules_dir):
    cut = PARAGRAPHS.replace('      - ref: "1.2"\n', '      - ref: "1.2"\n        cut_off: true\n')
    rules_dir(files(paragraphs=cut))
    explained = " ".join(cli("explain", "1.2").stdout.split())
    assert "[cut off: the text protocheck holds stops part-way through this paragraph" in explained
    assert "cut off" not in cli("explain", "1.1").stdout
    rules_dir(files(paragraphs=cut.replace("cut_off: true", "cut_off: maybe")))
    result = cli("lint")
    assert result.exit_code == 2
    assert "paragraphs.yaml:8: 'cut_off' must be one of false, true" in result.stderr
