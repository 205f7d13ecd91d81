"""`explain` and `list` through the public CLI."""

from __future__ import annotations

import json

import pytest
from conftest import NWL

SEVEN_THREE = "Members may contact officers for information/advice"


@pytest.mark.parametrize("ref", ["7.3", "§7.3", "§ 7.3", "para 7.3", "Paragraph 7.3", "rule 7.3."])
def test_explain_accepts_the_forms_people_type(cli, ref):
    result = cli("explain", ref, "--council", "nwl")
    assert result.exit_code == 0, result.stderr
    assert "Paragraph 7.3 (Undue Pressure)" in result.stdout
    assert SEVEN_THREE in result.stdout
    assert "member-requests" in result.stdout  # the topics that cite it


def test_explain_unknown_ref_suggests_the_near_one(cli):
    result = cli("explain", "7.33", "--council", NWL)
    assert result.exit_code == 2
    assert "no paragraph '7.33'" in result.stderr
    assert "Did you mean 7.3" in result.stderr
    assert result.stdout == ""


def test_explain_keeps_lists_inside_their_paragraph(cli):
    result = cli("explain", "3.1", "--council", NWL, "--format", "json")
    [paragraph] = json.loads(result.stdout)["paragraphs"]
    assert paragraph["ref"] == "3.1"
    assert paragraph["text"].splitlines()[1] == "Council Meetings;"
    assert "Members of Council on Council business." in paragraph["text"]
    assert "Constitution" not in paragraph["text"]  # the page header that interrupts 3.1


def test_explain_all_json_lists_every_paragraph_in_order(cli):
    result = cli("explain", "--all", "--council", NWL, "--format", "json")
    assert result.exit_code == 0
    paragraphs = json.loads(result.stdout)["paragraphs"]
    refs = [p["ref"] for p in paragraphs]
    assert refs[0] == "1.1" and refs[-1] == "17.1" and "12.8" in refs
    assert set(paragraphs[0]) >= {"ref", "heading", "text"}


def test_explain_a_section_number_shows_its_paragraphs(cli):
    result = cli("explain", "7", "--council", NWL)
    assert result.exit_code == 0
    for ref in ("7.1", "7.2", "7.3", "7.4"):
        assert f"Paragraph {ref} " in result.stdout


def test_explain_without_a_council_shows_each_council_that_has_the_ref(cli):
    result = cli("explain", "7.3")
    assert result.exit_code == 0
    assert "North West Leicestershire District Council" in result.stdout
    assert SEVEN_THREE in result.stdout


def test_explain_output_to_a_pipe_has_no_colour_codes(cli):
    result = cli("explain", "7.3", "--council", NWL)
    assert "\x1b[" not in result.stdout


def test_list_json_shape(cli):
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    nwl = next(c for c in data["councils"] if c["slug"] == NWL)
    assert nwl["name"] == "North West Leicestershire District Council"
    ids = [t["id"] for t in nwl["topics"]]
    assert "member-requests" in ids and "something-else" in ids
    assert set(nwl["topics"][0]) == {"id", "title"}


def test_list_text_names_councils_and_topics(cli):
    result = cli("list", "--council", "nwl")
    assert result.exit_code == 0
    assert "North West Leicestershire District Council (north-west-leicestershire)" in result.stdout
    assert "member-requests:" in result.stdout


def test_unknown_council_suggests_near_names(cli):
    result = cli("list", "--council", "north-west-liecestershire")
    assert result.exit_code == 2
    assert "no council called 'north-west-liecestershire'" in result.stderr
    assert "north-west-leicestershire" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "7." * 500, "-c", "nwl"),
        ("explain", "7.3", "-c", "x" * 1000),
        ("ask", "y" * 1000, "-c", "nwl"),
    ],
)
def test_a_very_long_name_is_cut_short_in_the_one_line_error(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 300
    assert "…" in result.stderr


def test_council_from_environment_and_config_file(cli, isolated):
    assert "Paragraph 7.3" in cli("explain", "7.3", env={"PROTOCHECK_COUNCIL": "nwl"}).stdout
    (isolated / ".protocheck.yaml").write_text("council: nwl\n")
    nested = isolated / "papers" / "2026"
    nested.mkdir(parents=True)
    import os

    os.chdir(nested)
    result = cli("explain", "12.7", "--format", "json")
    assert json.loads(result.stdout)["paragraphs"][0]["ref"] == "12.7"


def test_explain_topic_shows_every_row_as_a_reviewer_reads_it(cli):
    from protocheck.councils import load_library

    topic = load_library().find("north-west-leicestershire").questionnaire("member-requests")
    result = cli("explain", "--topic", "member-requests", "-c", "nwl", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    for row in topic.rows:
        assert f"## Row {row.id}" in result.stdout
    assert "- Are you a member (councillor) or an officer? “A member (councillor)”" in result.stdout
    assert "**Then:** Not allowed" in result.stdout
    assert "**Paragraph 7.3** (Undue Pressure) says:" in result.stdout
    data = json.loads(
        cli("explain", "--topic", "member-requests", "-c", "nwl", "-f", "json").stdout
    )
    assert data["hit_policy"] == "unique"
    assert [r["id"] for r in data["rows"]] == [r.id for r in topic.rows]
    assert data["rows"][0]["when"] == {"role": ["member"], "request": ["information"]}


def test_explain_topic_needs_a_council_and_a_known_topic(cli):
    assert "name the council" in cli("explain", "--topic", "member-requests").stderr
    unknown = cli("explain", "--topic", "member-request", "-c", "nwl")
    assert unknown.exit_code == 2 and "Did you mean member-requests?" in unknown.stderr


def test_one_paragraph_of_one_council_names_the_council(cli):
    """'-c leicester' finds North West Leicestershire by a word of its name: the reader must
    see whose paragraph it is, not take it for Leicester City's."""
    text = cli("explain", "7.3", "-c", "leicester").stdout
    assert text.lstrip().startswith("Council: North West Leicestershire District Council")
