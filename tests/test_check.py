"""`protocheck check DRAFT`: the issue's own case, the example draft's exact findings, every
check at the line it concerns, suppressions, formats and bad input."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import NWL, ROOT, protocheck_command, subprocess_env
from drafting import draft_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocheck.councils import load_library

EXAMPLE = ROOT / "examples" / "drafts" / "north-west-leicestershire-2025.md"
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json"
REWORDED_73 = (
    "Members may contact officers for information or advice about matters relating to "
    "officers' responsibilities. Members should take care when approaching junior staff, who "
    "may feel intimidated by such approaches. Team Managers are responsible for organising "
    "their staff's workloads and priorities. Members should not ask individual members of staff "
    "below Team Manager level to carry out work or research of a particular nature, which might "
    "involve staff spending time on matters that may not necessarily form part of the "
    "priorities of that particular service. In addition, members must not request individual "
    "members of staff to attend meetings or visit particular sites. All such requests must be "
    "made to the relevant Team Manager who will decide whether or not the work should be "
    "carried out."
)
ANY_OFFICER = "Members may ask any officer to carry out research for them on a ward matter."


def nwl():
    return load_library().find(NWL)


def rows_citing(ref: str) -> list[str]:
    topics = nwl().questionnaires
    return [f"{t.id}/{r.id}" for t in topics for r in t.rows if ref in r.outcome.cites]


def done_when(plain: bool = False):
    """The issue's case: a dangling 'paragraph 9.4 below' (in 2.2, on which no advice rests),
    a number used twice (a new 12.5 beside the old), a reworded 7.3, and a clause letting
    members ask any officer for research."""
    council = nwl()
    dangling = council.paragraph("2.2").text.replace(
        "delegated to them.", "delegated to them (see paragraph 9.4 below)."
    )
    return draft_of(
        council,
        replace={"2.2": dangling, "7.3": REWORDED_73},
        after={
            "7.4": [("7.5", ANY_OFFICER)],
            "12.5": [("12.5", "Members may ask for information through the Member Enquiries "
                              "system.")],
        },
        plain=plain,
    )  # fmt: skip


def line_of(text: str, words: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        if words in line:
            return number, line.index(words) + 1
    raise AssertionError(words)


@pytest.mark.parametrize("plain", [False, True], ids=["markdown", "text"])
def test_the_issues_case_one_finding_each_on_its_line_in_sarif_from_the_installed_command(
    tmp_path, plain
):
    written = done_when(plain)
    draft = tmp_path / ("draft.txt" if plain else "draft.md")
    draft.write_text(written.text, encoding="utf-8")
    result = subprocess.run(
        [*protocheck_command(), "check", str(draft), "--against", NWL, "--format", "sarif"],
        capture_output=True, text=True, env=subprocess_env(), cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    found = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert sorted(found) == ["PC701", "PC711", "PC721", "PC732"]  # one finding each

    def start(rule: str) -> tuple[int, int]:
        region = found[rule]["locations"][0]["physicalLocation"]["region"]
        return region["startLine"], region["startColumn"]

    assert start("PC701") == line_of(written.text, "paragraph 9.4 below")
    assert start("PC711")[0] == written.lines["12.5"]  # the one added: the second 12.5
    assert start("PC721")[0] == written.lines["7.3"]
    assert start("PC732") == line_of(written.text, "Members may ask any officer")
    reworded = found["PC721"]["message"]["text"]
    assert all(row in reworded for row in rows_citing("7.3"))  # whose advice rests on it
    assert found["PC732"]["properties"]["paragraphs"] == ["7.3"]  # the paragraph it conflicts with
    assert "paragraph 7.3 says" in found["PC732"]["message"]["text"]
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {"PC701", "PC711", "PC721", "PC732"} <= rules
    assert all(r["help"]["text"] for r in log["runs"][0]["tool"]["driver"]["rules"])


def test_the_example_draft_has_exactly_its_known_findings(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("check", str(EXAMPLE.relative_to(ROOT)), "-c", NWL, "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    text = EXAMPLE.read_text("utf-8")
    found = [(f["rule"], f["line"]) for f in report["findings"]]
    assert found == [
        ("PC701", line_of(text, "as paragraph 9.4 below")[0]),
        ("PC751", line_of(text, "protocheck-disable PC721 -->")[0]),
        ("PC721", line_of(text, "7.3 Members may contact")[0]),
        ("PC732", line_of(text, "members may ask any officer")[0]),
        ("PC702", line_of(text, "Protocol at Appendix A")[0]),
        ("PC711", line_of(text, "12.5 Any Council information")[0]),
        ("PC722", None),  # 8.1, removed with its section: it has no line in the draft
    ]
    suppressed = [(s["finding"]["rule"], s["finding"]["line"]) for s in report["suppressed"]]
    assert suppressed == [("PC712", line_of(text, "## 9. Officer Decisions")[0])]
    draft = report["drafts"][0]
    assert [s["suppressed"] for s in draft["suppressions"]] == [0, 1]
    changes = {(c["ref"], c["number"], c["change"]) for c in draft["impact"][0]["paragraphs"]}
    assert changes == {("2.2", "2.2", "reworded"), ("7.3", "7.3", "reworded"),
                       ("8.1", None, "removed"), (None, None, "added"), (None, "7.5", "added"),
                       (None, "12.5", "added")}  # fmt: skip
    removed = next(c for c in draft["impact"][0]["paragraphs"] if c["ref"] == "8.1")
    assert removed["scenarios"] and removed["rows"] == rows_citing("8.1")
    advice = draft["impact"][0]["advice"]
    assert [a["new"]["problem"] for a in advice] == [
        "it rests on paragraph 8.1, which the draft removes"
    ] * len(removed["scenarios"])


def test_text_lists_findings_then_what_the_draft_changes(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = cli("check", str(EXAMPLE), "-c", NWL).stdout
    assert re.search(r"north-west-leicestershire-2025\.md:\d+:\d+: error: paragraph 9\.4", out)
    assert "7.3 reworded" in out and "{+should take care+}" in out
    assert "Safeguards: 1 contradicted (research-through-team-manager)" in out
    assert "PC712 at line" in out and "[suppressed 1]" in out
    assert out.rstrip().endswith("in 1 draft(s); 1 suppressed")


def test_a_faithful_draft_is_clean(cli, tmp_path):
    draft = tmp_path / "protocol.md"
    draft.write_text(draft_of(nwl()).text, encoding="utf-8")
    result = cli("check", str(draft), "-c", NWL)
    assert result.exit_code == 0, result.stdout
    assert "no errors, no warnings, no notes" in result.stdout


# Each check ---------------------------------------------------------------------------------


def check_json(cli, tmp_path, text: str, *args: str, name: str = "draft.md") -> dict:
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")
    result = cli("check", str(draft), *args, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def rules_at(report: dict) -> list[tuple[str, int | None, int | None]]:
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


REFERENCES = """\
## 1. Introduction

1.1 Read with paragraphs 1.2 and 2.1, section 151 of the Local Government Act 1972, the
Section 151 Officer, Part B Section 27 and paragraph 5 of the Code of Conduct. See Section 2.

1.2 Requests follow the Member Enquiries Protocol (defined in paragraph 2.1), the Gifts
Policy as defined below, and Appendix B. See paragraph 1.1 below and paragraphs 2.1 to 2.3.

## 2. More

2.1 The Member Enquiries Protocol sets out how members ask; paragraph 7.3 of this protocol.
"""


def test_references_that_do_not_resolve_point_the_wrong_way_or_name_what_is_not_there(
    cli, tmp_path
):
    report = check_json(cli, tmp_path, REFERENCES, "--fail-level", "error")
    found = [(rule, line) for rule, line, _ in rules_at(report) if rule.startswith("PC70")]
    assert found == [("PC702", 6), ("PC702", 7), ("PC703", 7), ("PC701", 7), ("PC701", 11)]
    messages = " | ".join(f["message"] for f in report["findings"])
    assert "Gifts Policy is defined below" in messages and "Appendix B" in messages
    assert "paragraph 2.3, referred to here" in messages and "paragraph 7.3" in messages
    assert "151" not in messages and "27" not in messages and "paragraph 5" not in messages


NUMBERING = """\
## 1. Introduction

1.1 Text.

## 2. Undue pressure

2.1 One.

2.3 Three, after a gap.

2.3 Three again.

2.2 Two, out of order.

3.1 Under section 2, with no section 3 anywhere.
"""


def test_numbering_repeats_gaps_order_and_parents(cli, tmp_path):
    report = check_json(cli, tmp_path, NUMBERING)
    found = [(rule, line) for rule, line, _ in rules_at(report) if rule.startswith("PC71")]
    assert found == [("PC711", 11), ("PC713", 13), ("PC713", 15), ("PC714", 15)]
    messages = [f["message"] for f in report["findings"]]
    assert "2.3 is used again" in messages[0] and "comes after 2.3" in messages[1]
    assert "stands in section 2" in messages[2] and "has no 3 above it" in messages[3]
    gap = check_json(cli, tmp_path, "## 1. A\n\n1.1 One.\n\n1.4 Four.\n", name="gap.md")
    assert [(f["rule"], f["line"], f["message"]) for f in gap["findings"][:1]] == [
        ("PC712", 5, "paragraph 1.4 follows a gap: 1.2 and 1.3 are missing")
    ]


def test_a_draft_without_numbers_is_a_stated_best_effort(cli, tmp_path):
    camborne = load_library().find("camborne")
    report = check_json(cli, tmp_path, draft_of(camborne).text, "-c", "camborne")
    rules = [f["rule"] for f in report["findings"]]
    assert "PC715" in rules
    assert not [r for r in rules if r.startswith(("PC70", "PC71")) and r != "PC715"]
    assert {g["status"] for g in report["drafts"][0]["safeguards"]} == {"kept"}
    assert report["drafts"][0]["numbered"] is False


def test_without_a_council_it_says_what_it_did_not_check_and_measures_against_the_model(
    cli, tmp_path
):
    report = check_json(cli, tmp_path, NUMBERING)
    notes = [f for f in report["findings"] if f["rule"] == "PC720"]
    assert len(notes) == 1 and notes[0]["line"] is None
    themes = report["drafts"][0]["themes"][0]
    assert themes["against"]["council"] is None and "model" in themes["against"]["name"]
    assert themes["addressed"] == []  # a heading alone ("Undue pressure") addresses nothing
    missing = {m["theme"] for m in themes["missing"]}
    assert "complaints-about-officers" in missing
    warnings = [f for f in report["findings"] if f["rule"] == "PC741"]
    assert len(warnings) == len(missing) and all(w["line"] is None for w in warnings)


def test_the_configured_council_is_the_default(cli, tmp_path):
    draft = tmp_path / "protocol.md"
    draft.write_text(draft_of(nwl()).text, encoding="utf-8")
    result = cli("check", str(draft), "-f", "json", env={"PROTOCHECK_COUNCIL": "nwl"})
    assert json.loads(result.stdout)["drafts"][0]["councils"] == [NWL]


def test_a_theme_dropped_is_a_warning_naming_the_paragraphs_that_address_it(cli, tmp_path):
    from protocheck.compare import compare, load_catalogue

    council = nwl()
    theme = next(t for t in load_catalogue() if t.id == "personal-relationships")
    view = compare(load_library(), theme, (council,))[0]
    refs = [p.ref for p in view.passages]
    report = check_json(cli, tmp_path, draft_of(council, drop=refs).text, "-c", NWL)
    themes = [f for f in report["findings"] if f["rule"] == "PC741"]
    assert len(themes) == 1 and "(personal-relationships)" in themes[0]["message"]
    assert themes[0]["paragraphs"] == refs and themes[0]["line"] is None


def test_a_renumbered_paragraph_is_found_by_its_words(cli, tmp_path):
    council = nwl()
    moved = draft_of(council, drop=["7.4"], after={"7.2": [("7.3", council.paragraph(
        "7.4").text)]}, replace={"7.3": council.paragraph("7.3").text})  # fmt: skip
    text = moved.text.replace("\n7.3 Members may contact", "\n7.4 Members may contact")
    report = check_json(cli, tmp_path, text, "-c", NWL)
    changes = {(c["ref"], c["number"], c["change"])
               for c in report["drafts"][0]["impact"][0]["paragraphs"]}  # fmt: skip
    assert changes == {("7.4", "7.3", "renumbered"), ("7.3", "7.4", "renumbered")}
    assert [f["rule"] for f in report["findings"]].count("PC723") == 2


# Suppressions -------------------------------------------------------------------------------


SUPPRESSED = """\
## 1. Introduction

1.1 Text.

<!-- protocheck-disable PC712: 1.2 was deleted -->
1.3 After a gap.

<!-- protocheck-disable PC999: why -->
1.4 Text.

<!-- protocheck-disable PC713 -->
1.4 Again.

<!-- protocheck-disable-file PC741, PC720: a partial draft -->
protocheck-disable PC711: plain form, and nothing of that rule here to suppress
"""


def test_suppressions_are_counted_listed_and_checked(cli, tmp_path):
    report = check_json(cli, tmp_path, SUPPRESSED)
    found = [(f["rule"], f["line"]) for f in report["findings"]]
    assert found == [("PC752", 8), ("PC751", 11), ("PC711", 12), ("PC753", 15)]
    used = {tuple(s["rules"]): s["suppressed"] for s in report["drafts"][0]["suppressions"]}
    assert used[("PC712",)] == 1 and used[("PC741", "PC720")] >= 2 and used[("PC711",)] == 0
    assert len(report["suppressed"]) == sum(used.values())
    assert report["suppressed"][0]["suppression"] == {"line": 5, "reason": "1.2 was deleted"}


def test_a_suppression_in_plain_text_and_a_suppressed_finding_in_sarif(cli, tmp_path):
    text = "1. INTRODUCTION\n\nprotocheck-disable PC712: numbered as adopted\n1.2 Text.\n"
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    log = json.loads(cli("check", str(draft), "-f", "sarif").stdout)
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["PC712"]
    assert suppressed[0]["suppressions"] == [{"kind": "inSource",
                                               "justification": "numbered as adopted"}]  # fmt: skip


# Formats -------------------------------------------------------------------------------------


def test_junit_has_a_case_for_each_area_and_github_an_annotation_for_each_finding(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    junit = cli("check", str(EXAMPLE.relative_to(ROOT)), "-c", NWL, "-f", "junit").stdout
    from xml.etree import ElementTree as ET

    cases = ET.fromstring(junit).findall(".//testcase")
    names = [c.get("name").split(": ")[-1] for c in cases]
    assert names == ["references", "numbering", "impact on advice", "safeguards", "themes",
                     "suppressions"]  # fmt: skip
    failed = [c.get("name").split(": ")[-1] for c in cases if c.find("failure") is not None]
    assert failed == ["references", "numbering", "safeguards", "suppressions"]
    github = cli("check", str(EXAMPLE.relative_to(ROOT)), "-c", NWL, "-f", "github").stdout
    assert github.count("::error ") == 5 and github.count("::warning ") == 2
    assert "::error file=examples/drafts/north-west-leicestershire-2025.md,line=" in github


def test_warnings_fail_only_when_asked(cli, tmp_path):
    text = "## 7. Undue pressure\n\n7.1 One.\n\n7.3 Three.\n"
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    assert cli("check", str(draft)).exit_code == 0
    assert cli("check", str(draft), "--fail-level", "warning").exit_code == 1


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"7.3 caf\xe9 au lait\n", "is not UTF-8 text (byte 0xe9 on line 1)"),
        (b"\x00\x01binary\x00", "binary data"),
        (b"PK\x03\x04 a docx", "Word or other office document"),
        (b"%PDF-1.7 a pdf", "is a PDF"),
        (b"x" * (1024 * 1024 + 1), "larger than 1 MiB"),
    ],
    ids=["empty", "blank", "latin-1", "binary", "docx", "pdf", "huge"],
)
def test_a_file_that_is_not_a_draft_is_one_line_and_exit_2(cli, tmp_path, content, says):
    draft = tmp_path / "draft.md"
    draft.write_bytes(content)
    result = cli("check", str(draft))
    assert result.exit_code == 2
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert str(draft) in result.stderr and not result.stdout


def test_utf16_with_a_byte_order_mark_is_read(cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes("1. INTRODUCTION\n\n1.1 Café.\n".encode("utf-16"))
    assert cli("check", str(draft)).exit_code == 0


def test_missing_files_folders_and_scenarios(cli, tmp_path):
    missing = cli("check", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2 and "nope.md" in missing.stderr
    folder = cli("check", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    scenario = ROOT / "examples" / "scenarios" / NWL / "something-else-not-covered.yaml"
    moved = cli("check", str(scenario))
    assert moved.exit_code == 2 and "protocheck test" in moved.stderr
    unknown = cli("check", str(EXAMPLE), "-c", "nowhere")
    assert unknown.exit_code == 2 and "no council called 'nowhere'" in unknown.stderr


def test_markdown_built_to_be_hard_is_read_in_bounded_time(cli, tmp_path):
    """Deep nesting, long runs of brackets and emphasis, and a megabyte of numbers: markdown-it
    stops nesting at its limit, and every check is linear in the draft."""
    nested = "> " * 200 + "- " * 200 + "7.3 deep\n"
    brackets = "[" * 20000 + "a" + "]" * 20000 + "\n\n"
    stars = "*a " * 20000 + "\n\n"
    numbers = "".join(f"{n // 50}.{n % 50} See paragraph {n}.{n} below.\n\n" for n in range(9000))
    draft = tmp_path / "hard.md"
    draft.write_text(nested + brackets + stars + numbers, encoding="utf-8")
    assert draft.stat().st_size < 1024 * 1024
    result = cli("check", str(draft), "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["error"] > 500


LINES = st.sampled_from([
    "", "## 7. Undue pressure", "7. Undue pressure", "7.3 Members may ask any officer.",
    "- 7.2 Text", "(a) item;", "1. first", "see paragraph 9.4 below", "Appendix B",
    "<!-- protocheck-disable PC712: reason -->", "protocheck-disable", "> quote", "```",
    "| a | b |", "the Gifts Policy (defined in paragraph 2.1)", "**7.4** bold", "12 Members",
])  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=40), st.booleans())
def test_any_text_is_checked_without_failing(tmp_path, lines, plain):
    """Whatever a draft holds, every check runs to the end: findings, never an exception."""
    from protocheck.draft.check import check_draft
    from protocheck.draft.document import read_draft
    from protocheck.errors import InputError

    draft = tmp_path / ("draft.txt" if plain else "draft.md")
    draft.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        read = read_draft(draft)
    except InputError as exc:
        assert "is empty" in exc.message or "not UTF-8" in exc.message or "binary" in exc.message
        return
    result = check_draft(read, [])
    for item in result.findings:
        assert item.line is None or 1 <= item.line <= max(len(read.lines), 1)


def test_scenarios_named_are_replayed_against_the_draft(cli, tmp_path):
    scenario = (ROOT / "examples" / "scenarios" / NWL
                / "officer-decisions-and-cabinet-report-accountable-conditional.yaml")  # fmt: skip
    text = draft_of(nwl(), drop=["8.1"]).text
    report = check_json(cli, tmp_path, text, "-c", NWL, "--scenarios", str(scenario))
    advice = report["drafts"][0]["impact"][0]["advice"]
    assert [(a["path"], a["old"]["cites"], a["new"]["problem"]) for a in advice] == [
        (str(scenario), ["8.1"], "it rests on paragraph 8.1, which the draft removes")
    ]
    removed = cli("check", str(tmp_path / "draft.md"), "-c", NWL, "--scenarios",
                  str(tmp_path / "none"))  # fmt: skip
    assert removed.exit_code == 2 and "no such file or folder" in removed.stderr
