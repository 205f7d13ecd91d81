"""Model protocols: topics written once, reused by each council that adopts the model, and
every deviation of a council's text from the model's listed, with its rows flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_loader import COUNCIL, PARAGRAPHS, TOPIC

MODEL = """\
model:
  id: mini
  name: A Model Protocol
  source:
    title: Model Member/Officer Protocol
    date: 2026
  numbering: council
roles:
  - id: monitoring-officer
    title: Monitoring Officer
topics: [visits]
"""
ADOPTER = COUNCIL.replace(
    "  numbering: council\n", "  numbering: council\n  model:\n    id: mini\n"
)
ADOPTER = ADOPTER.replace("  slug: testshire", "  slug: newtown").replace(
    "Testshire District Council", "Newtown Town Council"
)
ADOPTER = ADOPTER.replace("roles:\n  - id: monitoring-officer\n    title: Monitoring Officer\n", "")
ADOPTER = ADOPTER.replace("topics: [visits]\n", "")


@pytest.fixture
def adopted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli):
    """A model `mini` (reviewed) and a council `newtown` adopting it, word for word."""
    rules = tmp_path / "rules"
    write(rules / "models" / "mini", {"model.yaml": MODEL, "paragraphs.yaml": PARAGRAPHS,
                                      "topics/visits.yaml": TOPIC})  # fmt: skip
    write(rules / "newtown", {"council.yaml": ADOPTER, "paragraphs.yaml": PARAGRAPHS})
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    assert cli("lint", "--update-lock", str(rules / "models" / "mini")).exit_code == 0
    return rules


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_a_council_adopting_a_model_lists_and_answers_the_models_topics(cli, adopted):
    listed = json.loads(cli("list", "--format", "json").stdout)
    assert [c["slug"] for c in listed["councils"]] == ["newtown"]  # the model is no council
    assert [t["id"] for t in listed["councils"][0]["topics"]] == ["visits"]
    advice = json.loads(cli("ask", "visits", "-c", "newtown", "--set", "kind=priority",
                            "-f", "json").stdout)  # fmt: skip
    assert advice["council"] == "newtown" and advice["row"] == "priority-no"
    assert advice["unreviewed"] == []  # the model's review stands for words it shares
    assert cli("lint", str(adopted / "newtown")).exit_code == 0


def test_a_changed_paragraph_is_a_deviation_and_flags_the_rows_resting_on_it(cli, adopted):
    folder = adopted / "newtown"
    changed = PARAGRAPHS.replace("must not use their position", "should avoid using their position")
    (folder / "paragraphs.yaml").write_text(changed, encoding="utf-8")
    result = cli("lint", str(folder))
    assert result.exit_code == 1
    line = PARAGRAPHS[: PARAGRAPHS.index('- ref: "1.2"')].count("\n") + 1
    assert (
        f"{folder}/paragraphs.yaml:{line}: note: paragraph 1.2 is worded differently from the "
        "model [PC404]" in result.stdout
    )
    assert result.stdout.count(": note: ") == 1  # exactly the one deviation
    row = adopted / "models" / "mini" / "topics" / "visits.yaml"  # the row is the model's
    assert (
        f"{row}:20: error: row 'priority-no' cites paragraph 1.2, worded differently from the "
        "model" in result.stdout
    )
    assert "visit-ok" not in result.stdout
    advice = json.loads(cli("ask", "visits", "-c", "newtown", "--set", "kind=priority",
                            "-f", "json").stdout)  # fmt: skip
    assert advice["unreviewed"] == ["1.2"]
    assert "should avoid using" in advice["citations"][0]["text"]  # the council's own words
    assert_side_by_side_says_so("newtown", "visits", {"kind": "priority"})
    assert cli("lint", "--update-lock", str(folder)).exit_code == 0  # reviewed for Newtown
    assert cli("lint", str(folder)).exit_code == 0


def test_a_council_may_number_the_models_paragraphs_its_own_way(cli, adopted):
    folder = adopted / "newtown"
    (folder / "paragraphs.yaml").write_text(PARAGRAPHS.replace('"1.2"', '"5.2"'), "utf-8")
    (folder / "council.yaml").write_text(
        ADOPTER.replace("    id: mini\n", '    id: mini\n    paragraphs: {"5.2": "1.2"}\n'), "utf-8"
    )
    advice = json.loads(cli("ask", "visits", "-c", "newtown", "--set", "kind=priority",
                            "-f", "json").stdout)  # fmt: skip
    assert [c["ref"] for c in advice["citations"]] == ["5.2", "1.3"]


def test_a_model_paragraph_the_rules_need_must_be_in_the_council(cli, adopted):
    folder = adopted / "newtown"
    (folder / "paragraphs.yaml").write_text(PARAGRAPHS.replace('"1.2"', '"5.2"'), "utf-8")
    result = cli("lint", str(folder))
    assert result.exit_code == 1
    assert "the model's paragraph '1.2', which its rules cite, has no counterpart" in result.stdout
    assert result.stdout.count("[PC201]") == 1  # once, however many rows cite it
    refused = cli("ask", "visits", "-c", "newtown", "--set", "kind=priority")
    assert refused.exit_code == 2 and "has no counterpart" in refused.stderr


def test_an_unknown_model_is_one_line(cli, adopted):
    folder = adopted / "newtown"
    (folder / "council.yaml").write_text(ADOPTER.replace("id: mini", "id: maxi"), "utf-8")
    result = cli("lint", str(folder))
    assert result.exit_code == 1 and "no model protocol 'maxi'" in result.stdout
    assert "[PC209]" in result.stdout
    refused = cli("list")
    assert refused.exit_code == 2 and "no model protocol 'maxi'" in refused.stderr


def test_a_council_made_from_cambornes_text_with_one_paragraph_changed(cli, tmp_path, monkeypatch):
    """The issue's own test: a second council adopting the national model, its text Camborne's
    with one paragraph changed, gets every topic, that one deviation, and its rows flagged."""
    from conftest import RULES

    folder = tmp_path / "rules" / "newtown"
    folder.mkdir(parents=True)
    council = (RULES / "camborne" / "council.yaml").read_text(encoding="utf-8")
    council = (
        council.replace("slug: camborne", "slug: newtown")
        .replace("Camborne Town Council", "Newtown Town Council")
        .replace("aliases: [camborne-town-council]", "aliases: [newtown-tc]")
    )
    (folder / "council.yaml").write_text(council, encoding="utf-8")
    text = (RULES / "camborne" / "paragraphs.yaml").read_text(encoding="utf-8")
    changed = text.replace("silent copies", "blind copies", 1)
    assert changed != text
    (folder / "paragraphs.yaml").write_text(changed, encoding="utf-8")
    monkeypatch.setenv("PROTOCHECK_RULES", str(folder.parent))
    listed = json.loads(cli("list", "-c", "newtown", "--format", "json").stdout)
    camborne = json.loads(cli("list", "-c", "camborne", "--format", "json").stdout)
    assert listed["councils"][0]["topics"] == camborne["councils"][0]["topics"]
    result = cli("lint", str(folder))
    assert result.exit_code == 1
    notes = [line for line in result.stdout.splitlines() if ": note: " in line]
    assert len(notes) == 1 and "worded differently from the model" in notes[0]
    ref = notes[0].split(": note: paragraph ", 1)[1].split(" ", 1)[0]
    flagged = [line for line in result.stdout.splitlines() if f"cites paragraph {ref}," in line]
    assert flagged and all("worded differently from the model protocol" in f for f in flagged)
    assert cli("lint", str(RULES / "camborne")).exit_code == 0  # Camborne itself is unchanged


def assert_side_by_side_says_so(slug: str, topic_id: str, answers: dict[str, str]) -> None:
    """`ask --all-councils`, in text and Markdown, says a cited paragraph changed too."""
    from protocheck.compare import Theme
    from protocheck.councils import load_library
    from protocheck.engine import advise
    from protocheck.every_council import Result
    from protocheck.render import plain
    from protocheck.render.every import every_blocks, every_markdown

    council = load_library().find(slug)
    topic = council.questionnaire(topic_id)
    results = [Result(council.light(), topic, advise(council, topic, answers))]
    theme = Theme(topic_id, topic.title, ())
    said = "paragraph 1.2 has changed since this advice was last checked"
    assert said in " ".join(plain.render(every_blocks(theme, results), 100).split())
    assert said in every_markdown(theme, results)
