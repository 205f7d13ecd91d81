"""`lint` reports every mistake in a rules folder, at its file and line, in every format CI
reads: text, JSON, JUnit XML, GitHub annotations and SARIF 2.1.0 (validated against its schema).
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import ROOT
from test_loader import COUNCIL, PARAGRAPHS, TOPIC, files

from protocheck.findings import RULES, Severity, finding
from protocheck.render import findings as formats

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json"

# Three different mistakes in three files: (file, old, new, rule, text on the line named)
MISTAKES = [
    ("council.yaml", "  numbering: council", "  numbering: council\n  colour: red", "PC101",
     "  colour: red"),
    ("paragraphs.yaml", '      - ref: "1.2"', '      - ref: "1.1"', "PC105", '- ref: "1.1"\n'
     "        text: Members must not"),
    ("topics/visits.yaml", "    verdict: not-allowed", "    verdict: maybe", "PC103",
     "verdict: maybe"),
]  # fmt: skip


@pytest.fixture
def broken(rules_dir, cli) -> tuple[Path, list[tuple[str, int, str]]]:
    """A sound, reviewed council, then the three mistakes; with the place of each."""
    folder = rules_dir(files())
    assert cli("lint", "--update-lock", str(folder)).exit_code == 0
    texts = {"council.yaml": COUNCIL, "paragraphs.yaml": PARAGRAPHS, "topics/visits.yaml": TOPIC}
    places = []
    for name, old, new, rule, anchor in MISTAKES:
        text = texts[name].replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
        places.append((name, text[: text.index(anchor)].count("\n") + 1, rule))
    return folder, places


def lint(cli, folder: Path, fmt: str):
    result = cli("lint", str(folder), "--format", fmt)
    assert result.exit_code == 1, result.stdout + result.stderr
    return result.stdout


def test_text_names_each_mistake_at_its_file_and_line(cli, broken):
    folder, places = broken
    out = lint(cli, folder, "text")
    for name, line, rule in places:
        assert f"{folder / name}:{line}:" in out and f"[{rule}]" in out, (name, out)
    assert f"FAIL {folder}" in out and "3 errors" in out


def test_json_gives_each_finding_with_rule_severity_and_place(cli, broken):
    folder, places = broken
    data = json.loads(lint(cli, folder, "json"))
    assert data["schema_version"] == 1 and data["summary"]["error"] == 3
    got = {(Path(f["path"]).relative_to(folder).as_posix(), f["line"], f["rule"])
           for f in data["findings"]}  # fmt: skip
    assert got == set(places)
    assert all(f["severity"] == "error" and f["name"] == RULES[f["rule"]].name
               for f in data["findings"])  # fmt: skip


def test_junit_fails_a_case_for_each_broken_file(cli, broken):
    folder, places = broken
    root = ET.fromstring(lint(cli, folder, "junit"))
    assert root.tag == "testsuites" and root.get("failures") == "3"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    for name, line, rule in places:
        failure = cases[str(folder / name)].find("failure")
        assert failure is not None and failure.get("type") == rule
        assert f"{folder / name}:{line}:" in failure.text
    assert cases[str(folder / "reviewed.yaml")].find("failure") is None  # a clean file passes


def test_github_annotates_each_mistake_at_its_line(cli, broken):
    folder, places = broken
    lines = lint(cli, folder, "github").splitlines()
    for name, line, rule in places:
        path = str(folder / name).replace(":", "%3A").replace(",", "%2C")
        assert any(
            a.startswith(f"::error file={path},line={line},") and f"title={rule} " in a
            for a in lines
        ), (name, lines)


def test_sarif_is_valid_sarif_2_1_0_with_a_rule_for_every_id(cli, broken):
    jsonschema = pytest.importorskip("jsonschema")
    folder, places = broken
    log = json.loads(lint(cli, folder, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES) and all(r["help"]["text"] for r in rules)
    got = set()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        path = Path(location["artifactLocation"]["uri"].removeprefix("file://"))
        got.add((path.relative_to(folder).as_posix(), location["region"]["startLine"],
                 result["ruleId"]))  # fmt: skip
    assert got == set(places)


def test_sarif_of_the_shipped_rules_is_valid_and_relative_to_the_working_folder(cli, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(ROOT)
    log = json.loads(cli("lint", "rules", "--format", "sarif").stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}  # fmt: skip
    assert uris and all(u.startswith("rules/") for u in uris)  # what code scanning needs


def test_github_escapes_what_would_end_a_property_or_the_message():
    item = finding("PC101", "50% done\r\nnext: line", "a,b:c.yaml", 3, 7)
    line = formats.github([item])
    assert line == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=PC101 unknown-key"
        "::50%25 done%0D%0Anext: line\n"
    )
    note = formats.github([finding("PC404", "n", "x.yaml")])
    assert note.startswith("::notice file=x.yaml,title=PC404 model-deviation::")


def test_warnings_fail_only_when_asked(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert cli("lint", "rules").exit_code == 0  # the shipped rules have warnings only
    strict = cli("lint", "rules", "--fail-level", "warning")
    assert strict.exit_code == 1 and "[PC501]" in strict.stdout
    assert Severity("warning").rank > Severity("note").rank


def test_nothing_to_read_is_exit_2(cli, tmp_path):
    assert cli("lint", str(tmp_path / "missing")).exit_code == 2
    assert cli("lint", str(tmp_path)).exit_code == 2  # a folder with no council in it


def test_junit_keeps_control_characters_out_of_the_xml():
    check = formats.Check("x.yaml", "rules/x", (finding("PC103", "bad \x01 value", "x.yaml", 1),))
    report = formats.junit("t", [check], Severity.ERROR)
    assert "\\x01" in ET.fromstring(report).find(".//failure").text
