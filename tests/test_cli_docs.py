"""docs/cli.md is the contract, and it is tested: every command has its exit codes there,
every JSON document protocheck prints matches the shape given there, every rule id is listed
with its help, and every --help ends with an example."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable

import pytest
import typer
from conftest import EXAMPLES, NWL, ROOT, RULES, only_council

from protocheck.cli import app
from protocheck.findings import RULES as RULE_IDS

DOC = ROOT / "docs" / "cli.md"
SHAPE = re.compile(r"```yaml\n# shape: (?P<name>\S+)\n(?P<body>.*?)```", re.DOTALL)
COMMANDS = [c.name for c in typer.main.get_command(app).commands.values()]


def shapes() -> dict[str, dict]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    return {m["name"]: yaml.load(m["body"]) for m in SHAPE.finditer(DOC.read_text("utf-8"))}


def validator() -> Callable[[str, str], dict]:
    """Validate a document against a shape, with every block's $defs in reach."""
    jsonschema = pytest.importorskip("jsonschema")
    found = shapes()
    defs = {k: v for shape in found.values() for k, v in shape.get("$defs", {}).items()}

    def check(name: str, text: str) -> dict:
        document = json.loads(text)
        schema = {**found[name], "$defs": defs}
        jsonschema.Draft202012Validator(schema).validate(document)
        return document

    return check


@pytest.fixture(scope="module")
def validate() -> Callable[[str, str], dict]:
    return validator()


def section(name: str) -> str:
    text = DOC.read_text("utf-8")
    start = text.index(f"## protocheck {name}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_its_exit_codes_and_an_example_in_docs(name):
    text = section(name)
    assert "| code | meaning |" in text
    assert re.search(r"^    protocheck \w", text, re.MULTILINE), "an example to copy"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_ends_with_an_example(cli, name):
    result = cli(name, "--help")
    assert result.exit_code == 0
    last = result.stdout.rstrip().splitlines()[-1].strip()
    assert last.startswith("Example: protocheck "), last


def test_every_rule_id_is_documented_with_its_name_severity_and_help():
    table = re.findall(r"^\| (PC\d{3}) \| (.+?) \| (\w+) \| (.+?) \| (.+?) \|$",
                       DOC.read_text("utf-8"), re.MULTILINE)  # fmt: skip
    documented = {rule: (name, severity, summary, help_) for rule, name, severity, summary, help_
                  in table}  # fmt: skip
    assert set(documented) == set(RULE_IDS)
    for rule in RULE_IDS.values():
        assert documented[rule.id] == (rule.name, rule.severity.value, rule.summary, rule.help)


def test_the_readme_points_to_the_contract():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/cli.md" in readme


# Every shape against real output ------------------------------------------------------------

ANSWERS = ("--set", "role=member", "--set", "request=work", "--set", "asked-to=below-team-manager")
EVERY = ("ask", "requests-to-officers", "--all-councils", "--set", "role=member", "--set",
         "request=information", "--set", "purpose=priority", "-f", "json")  # fmt: skip


def test_advice_and_its_errors_match_their_shapes(cli, validate, tmp_path):
    advice = validate("advice", cli("ask", "member-requests", "-c", NWL, *ANSWERS, "-f",
                                    "json").stdout)  # fmt: skip
    assert advice["verdict"] == "not-allowed"
    validate("advice", cli("ask", "something-else", "-c", NWL, "-f", "json").stdout)
    every = validate("ask-every", cli(*EVERY, env=only_council(tmp_path, NWL)).stdout)
    assert {c["status"] for c in every["councils"]} == {"advice", "no-topic"}
    missing = cli("ask", "member-requests", "-c", NWL, "--set", "role=member", "-f", "json")
    assert missing.exit_code == 2
    validate("missing-answers", missing.stdout)


def test_explain_list_search_and_compare_match_their_shapes(cli, validate):
    for args in (("explain", "7.3"), ("explain", "--all", "-c", "camborne"),
                 ("explain", "7.6", "-c", "lbth")):  # fmt: skip
        assert validate("explain", cli(*args, "-f", "json").stdout)["paragraphs"]
    validate("topic", cli("explain", "--topic", "member-requests", "-c", NWL, "-f", "json").stdout)
    validate("list", cli("list", "-f", "json").stdout)
    found = [validate("search", cli("search", words, "-f", "json").stdout)
             for words in ("silent copies", "refused", "harrassment", "freedom of information",
                           "bullying")]  # fmt: skip
    hits = [h for data in found for h in data["hits"]]
    assert any("lead_in" in h for h in hits) and any("short_ref" in h for h in hits)
    assert any(data["spelling"] for data in found) and any(d["also_searched"] for d in found)
    for theme in ("press", "zebra crossings"):
        validate("compare", cli("compare", theme, "-f", "json").stdout)
    scoped = cli("compare", "press", "-f", "json", env={"PROTOCHECK_COUNCIL": "nwl"})
    assert validate("compare", scoped.stdout)["scope"]["set_by"] == "PROTOCHECK_COUNCIL"


def test_lint_test_and_diff_match_their_shapes(cli, validate, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    clean = validate("lint", cli("lint", "rules", "-f", "json").stdout)
    assert clean["summary"]["warning"] > 0
    broken = tmp_path / NWL
    shutil.copytree(RULES / NWL, broken)
    topic = broken / "topics" / "member-requests.yaml"
    topic.write_text(topic.read_text("utf-8") + "colour: red\n", "utf-8")
    failing = validate("lint", cli("lint", str(broken), "-f", "json").stdout)
    assert failing["folders"][0]["status"] == "fail"
    tested = validate("test", cli("test", str(EXAMPLES), "--coverage", "-f", "json").stdout)
    assert tested["coverage"]["rows"]["percent"] == 100
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(f"council: {NWL}\ntopic: something-else\nexpect:\n  verdict: allowed\n")
    validate("test", cli("test", str(wrong), str(EXAMPLES / NWL), "-f", "json").stdout)
    paragraphs = broken / "paragraphs.yaml"
    paragraphs.write_text(paragraphs.read_text("utf-8").replace("exercise caution", "take care"))
    topic.write_text(topic.read_text("utf-8").replace("colour: red\n", ""), "utf-8")
    changed = cli("diff", str(RULES / NWL), str(broken), "-f", "json")
    assert validate("diff", changed.stdout)["councils"][0]["paragraphs"]
    validate("diff", cli("diff", str(RULES / NWL), str(RULES / NWL), "-f", "json").stdout)


def test_check_matches_its_shape(cli, validate, monkeypatch):
    monkeypatch.chdir(ROOT)
    draft = ROOT / "examples" / "drafts" / "north-west-leicestershire-2025.md"
    checked = validate("check", cli("check", str(draft), "-c", NWL, "-f", "json").stdout)
    report = checked["drafts"][0]
    assert report["impact"][0]["advice"] and checked["suppressed"]
    assert {s["status"] for s in report["safeguards"]} == {"kept", "contradicted"}
    plain = validate("check", cli("check", str(draft), "-f", "json").stdout)  # no council
    assert plain["drafts"][0]["themes"][0]["against"]["council"] is None


def test_every_documented_shape_is_checked_above():
    checked = {"advice", "ask-every", "missing-answers", "explain", "topic", "list", "search",
               "compare", "lint", "test", "diff", "check"}  # fmt: skip
    assert set(shapes()) == checked | {"definitions"}


def test_the_documented_documents_carry_their_schema_version():
    for name, shape in shapes().items():
        if name != "definitions":
            assert shape["properties"]["schema_version"] == {"const": 1}, name
            assert "schema_version" in shape["required"], name


def test_every_json_output_is_an_object(cli):
    """No command prints a bare list: each has room for its schema_version."""
    for args in (("explain", "7.3"), ("list",), ("search", "press"), ("compare", "press")):
        assert next(iter(json.loads(cli(*args, "-f", "json").stdout))) == "schema_version"


def test_every_help_example_that_needs_no_file_of_yours_runs(cli):
    """The last line of each --help is a command to copy: it must work as it stands."""
    import shlex

    source = (ROOT / "protocheck" / "cli.py").read_text(encoding="utf-8")
    examples = re.findall(r'_example\(\s*"(protocheck [^"]+)"', source)
    assert len(examples) >= 7
    ran = 0
    for example in examples:
        words = shlex.split(example)[1:]
        if ">" in words or any("/" in w and not (ROOT / w).exists() for w in words):
            continue  # a file of the reader's own (rules/my-council, drafts/...)
        args = [str(ROOT / w) if "/" in w else w for w in words]
        result = cli(*args)
        assert result.exit_code == 0, (example, result.stderr)
        ran += 1
    assert ran >= 4
