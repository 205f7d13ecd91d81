"""`protocheck test`: scenario files as tests, reported at the line that differs, in every
format, with coverage; and the project's own examples reach every row of every table."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from conftest import EXAMPLES, NWL

from protocheck.councils import load_library

SCENARIOS = sorted(EXAMPLES.glob("*/*.yaml"))
WRONG = f"""\
council: {NWL}
topic: something-else
answers: {{}}
expect:
  verdict: allowed
  cites: ['16.1']
  contact: chief-executive
"""


def test_every_example_passes_and_the_junit_report_has_every_scenario(cli):
    result = cli("test", str(EXAMPLES), "--format", "junit")
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout)
    cases = list(root.iter("testcase"))
    assert len(cases) == len(SCENARIOS) == int(root.get("tests"))
    assert {c.get("name") for c in cases} == {str(p) for p in SCENARIOS}
    assert root.get("failures") == "0" and not list(root.iter("failure"))
    text = cli("test", str(EXAMPLES))
    assert text.stdout.splitlines()[-1] == f"{len(SCENARIOS)} passed, 0 failed"


def test_a_wrong_expectation_is_an_error_annotation_at_the_line_of_its_key(cli, isolated):
    wrong = isolated / "wrong.yaml"
    wrong.write_text(WRONG)
    result = cli("test", str(wrong), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()  # paths relative to the working folder, as CI needs
    assert (
        "::error file=wrong.yaml,line=5,title=PC601 expectation-differs::verdict is refer, "
        "expected allowed" in lines
    )
    assert any(a.startswith("::error file=wrong.yaml,line=7,") and "contact is monitoring-officer"
               in a for a in lines)  # fmt: skip
    assert not any(",line=6," in a for a in lines)  # the cites were right
    text = cli("test", str(wrong))
    assert "FAIL wrong.yaml" in text.stdout and "wrong.yaml:5: error: verdict is refer" in (
        text.stdout
    )
    wrong.write_text(WRONG.replace("allowed", "refer") + "  row: elsewhere\n")
    found = json.loads(cli("test", str(wrong), "-f", "json").stdout)["findings"]
    assert [(f["line"], f["message"]) for f in found if f["rule"] == "PC601"] == [
        (7, "contact is monitoring-officer, expected chief-executive"),
        (8, "row is not-covered, expected elsewhere"),
    ]


def test_a_scenario_that_cannot_be_replayed_fails_alone_at_its_line(cli, isolated):
    (isolated / "ok.yaml").write_text(WRONG.replace("allowed", "refer").replace(
        "chief-executive", "monitoring-officer"))  # fmt: skip
    (isolated / "council.yaml").write_text(WRONG.replace(NWL, "nowhere-at-all"))
    (isolated / "short.yaml").write_text(f"council: {NWL}\ntopic: member-requests\nanswers:\n"
                                         "  role: member\n")  # fmt: skip
    (isolated / "broken.yaml").write_text("council: [unclosed\n")
    result = cli("test", str(isolated), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    by_name = {Path(s["path"]).name: s for s in data["scenarios"]}
    assert by_name["ok.yaml"]["status"] == "passed"
    assert [(f["rule"], f["line"]) for f in by_name["council.yaml"]["findings"]] == [("PC602", 1)]
    assert [(f["rule"], f["line"]) for f in by_name["short.yaml"]["findings"]] == [("PC603", 3)]
    assert "request" in by_name["short.yaml"]["findings"][0]["message"]
    assert by_name["broken.yaml"]["findings"][0]["rule"] == "PC602"
    assert data["summary"] == {"passed": 1, "failed": 3, "ran": 0}


def test_the_examples_reach_every_row_of_every_shipped_council(cli):
    """The project's own bar: 100% of rows, for every council that has topics."""
    result = cli("test", str(EXAMPLES), "--coverage", "--min-coverage", "100", "-f", "json")
    assert result.exit_code == 0, result.stdout[-2000:] + result.stderr
    coverage = json.loads(result.stdout)["coverage"]
    assert coverage["rows"]["percent"] == 100 and coverage["rows"]["missing"] == []
    with_topics = {c.slug for c in load_library().councils if c.questionnaires}
    assert {c["council"] for c in coverage["councils"]} == with_topics
    for council in coverage["councils"]:
        assert council["rows"]["reached"] == council["rows"]["total"] > 0


def test_too_little_coverage_fails_and_names_the_rows_not_reached(cli):
    one = EXAMPLES / NWL / "appointments-appointment-allowed.yaml"
    result = cli("test", str(one), "--coverage", "--min-coverage", "90")
    assert result.exit_code == 1
    assert "Rows reached: 0.7%" in result.stdout
    assert "error: the scenarios reach 0.7% of rows (1 of 139), below --min-coverage 90" in (
        result.stdout
    )
    assert "rows not reached: below-team-manager-not-allowed" in result.stdout
    assert "appointments: rows 1/4 (25%)" in result.stdout
    junit = ET.fromstring(cli("test", str(one), "--min-coverage", "90", "-f", "junit").stdout)
    assert [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None] == [
        "minimum coverage"
    ]
    assert cli("test", str(one), "--min-coverage", "0.5").exit_code == 0


def test_check_given_scenarios_says_to_use_test(cli, isolated):
    moved = cli("check", str(EXAMPLES))
    assert moved.exit_code == 2 and "use 'protocheck test" not in moved.stderr
    assert f"protocheck test {EXAMPLES}" in moved.stderr
    draft = isolated / "draft.md"
    draft.write_text("A draft.\n")
    assert cli("check", str(draft)).exit_code == 0  # a draft is checked (tests/test_check.py)


def test_nothing_to_test_is_exit_2(cli, isolated):
    assert cli("test", str(isolated / "missing.yaml")).exit_code == 2
    assert cli("test", str(isolated)).exit_code == 2  # a folder with no scenarios
    assert cli("test", str(EXAMPLES), "--min-coverage", "101").exit_code == 2
