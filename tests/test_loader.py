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
        text: >-
          Members should make appointments to speak to officers, as the Monitoring Officer
          advises.
      - ref: "1.2"
        text: Members must not use their position to secure priority treatment.
      - ref: "1.3"
        text: Any breach shall be reported to the Monitoring Officer.
"""

TOPIC = """\
id: visits
title: Visiting officers
facts:
  - id: kind
    question: What do you want to do?
    choices:
      - value: visit
        label: Visit an officer
      - value: priority
        label: Get priority for someone
asks: [kind]
rows:
  - id: visit-ok
    when: {kind: visit}
    verdict: conditional
    summary: You may, by appointment.
    conditions: [Make an appointment first.]
    cites: ["1.1"]
    contact: monitoring-officer
  - id: priority-no
    when: {kind: priority}
    verdict: not-allowed
    summary: You must not.
    cites: ["1.2", "1.3"]
    contact: monitoring-officer
"""


def files(council: str = COUNCIL, paragraphs: str = PARAGRAPHS, topic: str = TOPIC) -> dict:
    return {"council.yaml": council, "paragraphs.yaml": paragraphs, "topics/visits.yaml": topic}


def test_a_sound_council_passes_lint_once_its_rows_are_reviewed(cli, rules_dir):
    folder = rules_dir(files())
    first = cli("lint", str(folder))
    assert first.exit_code == 1
    reviewed = "visits.yaml:13: error: row 'visit-ok' cites paragraph 1.1, not yet reviewed"
    assert reviewed in first.stdout
    assert "[PC402]" in first.stdout and "--update-lock FOLDER" in first.stdout
    locked = cli("lint", "--update-lock", str(folder))
    assert locked.exit_code == 0, locked.stderr
    assert (folder / "reviewed.yaml").is_file()
    result = cli("lint", str(folder))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "ok   " in result.stdout and "3 paragraphs, 1 topics" in result.stdout


def test_changing_one_word_of_a_cited_paragraph_names_every_row_resting_on_it(cli, rules_dir):
    folder = rules_dir(files())
    assert cli("lint", "--update-lock", str(folder)).exit_code == 0
    text = PARAGRAPHS.replace("must not use their position", "must never use their position")
    (folder / "paragraphs.yaml").write_text(text, encoding="utf-8")
    result = cli("lint", str(folder))
    assert result.exit_code == 1
    topic = folder / "topics" / "visits.yaml"
    line = TOPIC[: TOPIC.index("  - id: priority-no")].count("\n") + 1
    assert f"{topic}:{line}: error: row 'priority-no' cites paragraph 1.2, changed since" in (
        result.stdout
    )
    assert "visit-ok" not in result.stdout
    advice = cli("ask", "visits", "--set", "kind=priority")
    assert "the text of paragraph 1.2 has changed since this advice was last checked" in (
        " ".join(advice.stdout.split())
    )


def test_update_lock_needs_a_folder_named(cli, rules_dir):
    rules_dir(files())
    result = cli("lint", "--update-lock")
    assert result.exit_code == 2
    assert "name the council folder" in result.stderr


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
OTHER_CHOICE = """\
      - value: other
        label: Something else
asks:"""
NOT_COVERED = """\
  - id: not-covered
    when: {kind: other}
    use: unresolved
"""


def with_other(topic: str = TOPIC, row: str = NOT_COVERED) -> str:
    return topic.replace("asks:", OTHER_CHOICE, 1) + row


def test_use_unresolved_gives_the_councils_own_advice_for_what_it_does_not_cover(cli, rules_dir):
    council = COUNCIL.replace("  numbering: council\n", "  numbering: council\n" + UNRESOLVED)
    rules_dir(files(council=council, topic=with_other()))
    result = cli("ask", "visits", "--set", "kind=other", "--format", "json")
    assert result.exit_code == 0, result.stderr
    advice = json.loads(result.stdout)
    assert advice["verdict"] == "refer"
    assert advice["summary"] == "The protocol does not deal with this; ask the Monitoring Officer."
    assert [c["ref"] for c in advice["citations"]] == ["1.1"]
    assert advice["contact"]["title"] == "Monitoring Officer"
    assert advice["row"] == "not-covered"


ROUTE = """\
routes:
  breaches:
    cites: ["1.3"]
    contact: monitoring-officer
    contact_note: Paragraph 1.3 sends breaches to the Monitoring Officer.
roles:
"""


def test_a_route_adds_its_paragraph_contact_and_reason_to_a_row(cli, rules_dir):
    council = COUNCIL.replace("roles:\n", ROUTE)
    topic = TOPIC.replace(
        '    cites: ["1.2", "1.3"]\n    contact: monitoring-officer',
        '    cites: ["1.2"]\n    route: breaches',
    )
    rules_dir(files(council=council, topic=topic))
    result = cli("ask", "visits", "--set", "kind=priority", "--format", "json")
    assert result.exit_code == 0, result.stderr
    advice = json.loads(result.stdout)
    assert [c["ref"] for c in advice["citations"]] == ["1.2", "1.3"]
    assert advice["contact"]["role"] == "monitoring-officer"
    assert advice["contact_note"] == "Paragraph 1.3 sends breaches to the Monitoring Officer."


SECOND_FACT = """\
  - id: booked
    question: Have you booked?
    choices:
      - value: "yes"
        label: "Yes"
      - value: "no"
        label: "No"
asks: [kind, booked]"""
CATALOGUE_REWORDED = """\
facts:
  - id: role
    question: Are you a councillor or an officer?
    labels:
      member: A councillor
roles:
"""

CASES = [
    # (file, old text, new text, file named in message, text on the line named, words in message)
    (
        "topic",
        "asks: [kind]",
        "asks: [kind]\ncolour: red",
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
        '    cites: ["1.2", "1.3"]',
        '    cites: ["9.9"]',
        "visits.yaml",
        'cites: ["9.9"]',
        "'9.9'",
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
    # the contact must be someone the cited paragraphs name
    (
        "topic",
        '    cites: ["1.2", "1.3"]\n    contact: monitoring-officer',
        '    cites: ["1.2"]\n    contact: monitoring-officer  # named?',
        "visits.yaml",
        "# named?",
        "not named in the paragraphs cited (1.2)",
    ),
    # decision tables: every answer reaches exactly one row
    (
        "topic",
        "    when: {kind: priority}",
        "    when: {kind: visit}",
        "visits.yaml",
        "  - id: priority-no",
        "rows 'visit-ok' (line 13) and 'priority-no' both cover kind = visit",
    ),
    (
        "topic",
        "asks:",
        OTHER_CHOICE,
        "visits.yaml",
        "rows:",
        "no row covers kind = other",
    ),
    (
        "topic",
        "    when: {kind: priority}",
        "    when: {kind: []}",
        "visits.yaml",
        "  - id: priority-no",
        "can never be reached",
    ),
    (
        "topic",
        "    when: {kind: priority}",
        "    when: {kind: priority, colour: red}",
        "visits.yaml",
        "    when: {kind: priority, colour",
        "'colour', which the topic does not ask",
    ),
    (
        "topic",
        "    when: {kind: priority}",
        "    when: {kind: prioirty}",
        "visits.yaml",
        "    when: {kind: prioirty}",
        "'prioirty' is not a value of 'kind'",
    ),
    ("topic", "asks: [kind]", "asks: [kind, knid]", "visits.yaml", "asks: [kind, knid]", "'knid'"),
    ("topic", "asks: [kind]", "asks: [kind, kind]", "visits.yaml", "asks:", "asked twice"),
    ("topic", "asks: [kind]", SECOND_FACT, "visits.yaml", "asks: [kind, booked]", "no row depends"),
    (
        "topic",
        "  - id: priority-no",
        "  - id: visit-ok",
        "visits.yaml",
        "  - id: visit-ok\n    when: {kind: p",
        "used twice",
    ),
    (
        "topic",
        "      - value: priority",
        "      - value: visit",
        "visits.yaml",
        "    choices:",
        "'visit' appears twice",
    ),
    (
        "topic",
        "        label: Get priority for someone",
        "        label: " + "Get priority " * 7,
        "visits.yaml",
        "        label: Get priority Get",
        "keep it to 80",
    ),
    ("topic", "  - id: kind\n", "  - id: role\n", "visits.yaml", "  - id: role", "catalogue fact"),
    (
        "topic",
        '    cites: ["1.2", "1.3"]\n    contact: monitoring-officer',
        '    cites: ["1.2"]\n    route: breaches',
        "visits.yaml",
        "    route: breaches",
        "not one of the council's routes",
    ),
    (
        "topic",
        "  - id: priority-no",
        "  - id: not-covered\n    when: {kind: visit}\n    use: unresolved\n  - id: priority-no",
        "visits.yaml",
        "    use: unresolved",
        "needs an unresolved block with a summary",
    ),
    (
        "topic",
        "  - id: priority-no",
        "  - id: not-covered\n    when: {kind: visit}\n    use: elsewhere\n  - id: priority-no",
        "visits.yaml",
        "    use: elsewhere",
        "can only be 'unresolved'",
    ),
    (
        "council",
        "roles:\n",
        CATALOGUE_REWORDED.replace("      member: A councillor", "      mayor: The Mayor"),
        "council.yaml",
        "      mayor:",
        "unknown key 'mayor'",
    ),
    (
        "council",
        "roles:\n",
        CATALOGUE_REWORDED.replace("    labels:", "    choices: [a, b]\n    labels:"),
        "council.yaml",
        "    choices:",
        "values are fixed",
    ),
    (
        "council",
        "roles:\n",
        "facts:\n  - id: unused\n    question: Unused?\n    choices:\n"
        "      - {value: a, label: A}\n      - {value: b, label: B}\nroles:\n",
        "council.yaml",
        "  - id: unused",
        "no topic asks it",
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
def test_each_mistake_is_found_at_its_file_and_line(
    cli, rules_dir, which, old, new, name, anchor, words
):
    """lint reports it as a finding (exit 1); any other command refuses the council with it,
    on one line (exit 2)."""
    parts = {"council": COUNCIL, "paragraphs": PARAGRAPHS, "topic": TOPIC}
    assert old in parts[which], "the test's own text must match the fixture"
    parts[which] = parts[which].replace(old, new)
    folder = rules_dir(files(parts["council"], parts["paragraphs"], parts["topic"]))
    text = parts[which]
    expected = None if anchor is None else text[: text.index(anchor)].count("\n") + 1
    linted = cli("lint", str(folder), "--format", "json")
    assert linted.exit_code == 1, linted.stdout + linted.stderr
    found = json.loads(linted.stdout)["findings"]
    assert any(
        f["path"].endswith(name)
        and f["line"] is not None
        and words in f["message"]
        and (expected is None or f["line"] == expected)
        and f["severity"] == "error"
        for f in found
    ), found
    refused = cli("explain", "--all")  # a command that reads the council in full
    assert refused.exit_code == 2
    message = refused.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    place = re.search(rf"{re.escape(name)}:(\d+):", message)
    assert place, message


def test_a_huge_file_is_refused_without_reading_it_all(cli, rules_dir):
    big = PARAGRAPHS + "#" + "x" * (1024 * 1024 + 10) + "\n"
    result = cli("lint", str(rules_dir(files(paragraphs=big))))
    assert result.exit_code == 1  # a finding: the other files are still checked
    assert "paragraphs.yaml: error: file is larger than 1024 KiB; split it up [PC100]" in (
        result.stdout
    )
    assert cli("explain", "--all").exit_code == 2


def test_every_command_refuses_a_broken_rules_folder(cli, rules_dir):
    rules_dir(files(topic=TOPIC.replace('cites: ["1.2", "1.3"]', 'cites: ["4.4"]')))
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

    from protocheck.councils import load_library
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
    maybe = cut.replace("cut_off: true", "cut_off: maybe")
    rules_dir(files(paragraphs=maybe))
    result = cli("lint")
    assert result.exit_code == 1
    line = maybe.splitlines().index("        cut_off: maybe") + 1
    assert f"paragraphs.yaml:{line}:9: error: 'cut_off' must be one of false, true" in (
        result.stdout
    )
    assert cli("explain", "1.1").exit_code == 2


REPORT = """\
  - heading: The committee's discussion
    commentary: true
    paragraphs:
      - ref: "2.1"
        text: The committee discussed priority treatment at length.
"""


def test_the_sources_commentary_is_marked_left_out_of_compare_and_never_cited(cli, rules_dir):
    """A report about a protocol holds its own discussion beside the protocol's words: shown
    for what it is, never compared as the protocol's, never a row's ground."""
    rules_dir(files(paragraphs=PARAGRAPHS + REPORT))
    explained = " ".join(cli("explain", "2.1").stdout.split())
    assert "[the source's own words about the protocol (its commentary), not the protocol's" in (
        explained
    )
    assert "commentary" not in cli("explain", "1.2").stdout
    found = json.loads(cli("search", "priority treatment", "-f", "json").stdout)["hits"]
    assert {h["ref"]: h.get("commentary") for h in found} == {"2.1": True, "1.2": None}
    compared = json.loads(cli("compare", "priority", "-f", "json").stdout)["councils"][0]
    assert [p["ref"] for p in compared["paragraphs"]] == ["1.2"]
    linted = cli("lint", "--format", "json").stdout
    assert '"paragraph 2.1 is cited by no row"' not in linted  # none may cite it: no warning

    citing = TOPIC.replace('cites: ["1.2", "1.3"]', 'cites: ["1.2", "2.1"]')
    rules_dir(files(paragraphs=PARAGRAPHS + REPORT, topic=citing))
    result = cli("lint")
    line = citing[: citing.index('cites: ["1.2", "2.1"]')].count("\n") + 1
    assert f"visits.yaml:{line}:" in result.stdout
    assert "cites paragraph '2.1', which is the source's commentary on the protocol" in (
        result.stdout
    )
    assert "[PC213]" in result.stdout
    refused = cli("explain", "--all")
    assert refused.exit_code == 2 and "\n" not in refused.stderr.strip()

    rules_dir(files(paragraphs=PARAGRAPHS + REPORT.replace("true", "perhaps")))
    assert "'commentary' must be one of false, true" in cli("lint").stdout
