"""`ask` without a person: answers files, --set, formats, errors. And every example scenario,
replayed through the engine and the CLI, reaches the outcome it expects (`protocheck test` and
its coverage are tested in test_scenario_tests.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, NWL, RULES, copy_council, only_council

from protocheck.councils import load_library
from protocheck.engine import advise, walk
from protocheck.scenario import read_scenario as load_scenario

SCENARIOS = sorted(EXAMPLES.glob("*/*.yaml"))


def nwl():
    return load_library().find(NWL)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_scenario_gives_the_advice_it_expects(path: Path):
    scenario = load_scenario(path)
    council = load_library().find(scenario.council)
    topic = council.questionnaire(scenario.topic)
    advice = advise(council, topic, scenario.answers)
    assert scenario.expect is not None, "every example says what it expects"
    assert advice.verdict == scenario.expect.verdict
    assert [p.ref for p in advice.citations] == list(scenario.expect.cites)
    assert (advice.contact.role if advice.contact else "none") == scenario.expect.contact
    assert advice.row == scenario.expect.row


@pytest.mark.parametrize("path", SCENARIOS[:40], ids=lambda p: p.stem)
def test_the_cli_replays_examples_as_json(cli, path: Path):
    scenario = load_scenario(path)
    result = cli("ask", "--answers", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == scenario.expect.verdict.value
    assert [c["ref"] for c in data["citations"]] == list(scenario.expect.cites)
    assert (data["contact"] or {"role": "none"})["role"] == scenario.expect.contact
    assert data["row"] == scenario.expect.row
    assert all(c["text"] for c in data["citations"])


def first_answers():
    """Answers that take member-requests to a row by always taking the first choice."""
    council = nwl()
    topic = council.questionnaire("member-requests")
    answers: dict[str, str] = {}
    while (fact := walk(council, topic, answers).pending) is not None:
        answers[fact.id] = fact.choices[0].value
    return topic, answers


def sets(answers: dict[str, str]) -> list[str]:
    return [arg for k, v in answers.items() for arg in ("--set", f"{k}={v}")]


def test_json_has_the_documented_shape_and_is_deterministic(cli):
    _, answers = first_answers()
    args = ("ask", "member-requests", "--council", NWL, *sets(answers), "--format", "json")
    first, second = cli(*args), cli(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    for key in ("council", "topic", "row", "verdict", "summary", "conditions", "citations"):
        assert key in data
    for key in ("contact", "also", "alternatives", "contact_note", "matched", "unreviewed"):
        assert key in data
    assert data["answers"] == answers
    assert [step["fact"] for step in data["path"]] == list(answers)
    assert [step["fact"] for step in data["matched"]] == list(answers)
    assert data["contact"] is None  # 7.3 names no one for a request for information
    assert set(data["citations"][0]) >= {"ref", "heading", "text"}
    junior = cli("ask", "member-requests", "-c", NWL, "--set", "role=member", "--set",
                 "request=work", "--set", "asked-to=below-team-manager", "-f", "json")  # fmt: skip
    assert set(json.loads(junior.stdout)["contact"]) >= {"role", "title"}


def test_text_advice_spells_out_the_verdict_quotes_and_names_the_contact(cli):
    _, answers = first_answers()
    result = cli("ask", "member-requests", "-c", NWL, *sets(answers), "--why")
    assert result.exit_code == 0, result.stderr
    assert "Verdict: " in result.stdout
    assert "What the protocol says:" in result.stdout
    assert "Who to contact:" in result.stdout
    assert "How this advice was reached:" in result.stdout
    assert "Are you a member (councillor) or an officer? You answered: A member" in " ".join(
        result.stdout.split()
    )
    assert "\x1b[" not in result.stdout


def test_why_shows_the_row_each_condition_and_answer_and_its_paragraphs(cli):
    answers = {
        "document-type": "exempt",
        "interest": "no-interest",
        "body-member": "not-member-of-body",
        "sensitivity": "sensitive",
    }
    result = cli("ask", "access-to-documents", "-c", NWL, *sets(answers), "--why")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "(access-to-documents, row exempt-chief-executive-decides) holds when:" in flat
    assert "1. What do you want to see? You answered: Papers for a confidential" in flat
    assert "4. Are the papers of particular sensitivity? You answered: Yes" in flat
    assert "It rests on paragraphs 12.1, 12.2 and 12.3." in flat


def test_markdown_and_save_write_the_same_record(cli, isolated):
    _, answers = first_answers()
    out = isolated / "advice.md"
    result = cli(
        "ask", "member-requests", "-c", NWL, *sets(answers), "-f", "markdown", "--save", str(out)
    )
    assert result.exit_code == 0, result.stderr
    from datetime import date

    today = date.today()
    dated = f"\n\n*Saved by protocheck on {today.day} {today:%B %Y}.*\n"  # a record's day
    assert out.read_text() == result.stdout.rstrip() + dated
    assert result.stdout.startswith("# ")
    assert "**Verdict:**" in result.stdout and "> " in result.stdout
    assert [p.name for p in isolated.iterdir()] == ["advice.md"]  # no temporary file left


def test_save_into_a_missing_folder_fails_cleanly(cli, isolated):
    _, answers = first_answers()
    result = cli("ask", "member-requests", "-c", NWL, *sets(answers), "--save", "no/such/dir/a.md")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_missing_answers_without_a_terminal_list_ids_texts_and_values(cli):
    council = nwl()
    first = council.fact("role")
    result = cli("ask", "member-requests", "--council", NWL)
    assert result.exit_code == 2
    assert f"{first.id}: {first.question}" in result.stderr
    assert "|".join(first.values) in result.stderr
    assert "request: What is the member asking the officer for?" in result.stderr
    assert "--set" in result.stderr


def test_only_questions_that_still_matter_are_asked(cli):
    """Something else leads to the same row for members and officers, so once it is the
    answer, whether you are a member no longer matters and is not asked."""
    result = cli("ask", "member-requests", "-c", NWL, "--set", "request=something-else",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["row"] == "not-covered"
    missing = cli("ask", "member-requests", "-c", NWL, "--set", "request=information")
    assert missing.exit_code == 2
    assert "role: " in missing.stderr and "asked-to" not in missing.stderr


def test_a_fact_answered_once_serves_every_topic_that_asks_it(cli, isolated):
    answers = isolated / "mine.yaml"
    answers.write_text(f"council: {NWL}\nanswers:\n  role: officer\n  business: council\n")
    for topic, row in (("party-or-private-matters", "officer-council-allowed"),
                       ("political-group-meetings", None)):  # fmt: skip
        result = cli("ask", topic, "--answers", str(answers), "--format", "json")
        if row is None:  # role is known; the topic's own question is still missing
            assert result.exit_code == 2
            assert "group-meeting-question" in result.stderr and "role:" not in result.stderr
        else:
            assert json.loads(result.stdout)["row"] == row


def test_a_value_that_is_not_a_choice_is_refused_with_the_choices(cli):
    result = cli("ask", "member-requests", "-c", NWL, "--set", "role=banana")
    assert result.exit_code == 2
    assert "'banana' is not an answer to 'role'; choose one of: member, officer" in result.stderr


def test_an_answer_may_be_given_by_its_label(cli):
    result = cli("ask", "member-requests", "-c", NWL, "--set", "role=An officer (an employee of "
                 "the council)", "--set", "request=information", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["role"] == "officer"


def test_an_unknown_fact_is_refused_with_a_suggestion(cli):
    result = cli("ask", "member-requests", "-c", NWL, "--set", "rol=member")
    assert result.exit_code == 2
    assert "asks no question 'rol'. Did you mean role?" in result.stderr


def test_malformed_set_says_how_to_write_it(cli):
    result = cli("ask", "member-requests", "-c", NWL, "--set", "justaword")
    assert result.exit_code == 2
    assert "FACT=VALUE" in result.stderr


def test_unknown_topic_suggests_near_ones(cli):
    result = cli("ask", "member-request", "-c", NWL)
    assert result.exit_code == 2
    assert "no topic 'member-request'" in result.stderr
    assert "member-requests" in result.stderr


def test_a_bad_answers_file_names_file_and_line(cli, isolated):
    bad = isolated / "bad.yaml"
    bad.write_text(f"council: {NWL}\ntopic: member-requests\nanswer:\n  x: y\n")
    result = cli("ask", "--answers", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:3:" in result.stderr and "unknown key 'answer'" in result.stderr
    missing = cli("ask", "--answers", str(isolated / "nope.yaml"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_the_protocol_is_silent_topic_gives_16_1_and_its_contacts(cli):
    result = cli("ask", "something-else", "-c", NWL, "--format", "json")
    data = json.loads(result.stdout)
    assert data["verdict"] == "refer"
    assert [c["ref"] for c in data["citations"]] == ["16.1"]
    assert data["contact"]["title"] == "Monitoring Officer"
    assert {c["title"] for c in data["alternatives"]} >= {"Chief Executive"}
    text = cli("ask", "something-else", "-c", NWL).stdout
    assert "Or, as appropriate: Chief Executive, Director of Services or Director of" in text


def test_contacts_from_the_council_config_fill_in_names(cli, isolated):
    (isolated / ".protocheck.yaml").write_text(
        "council: north-west-leicestershire\n"
        "contacts:\n  monitoring-officer:\n    name: Pat Example\n    email: mo@example.gov.uk\n"
    )
    result = cli("ask", "something-else", "--format", "json")
    contact = json.loads(result.stdout)["contact"]
    assert contact == {
        "role": "monitoring-officer",
        "title": "Monitoring Officer",
        "name": "Pat Example",
        "email": "mo@example.gov.uk",
    }
    text = cli("ask", "something-else").stdout
    assert "Monitoring Officer (Pat Example, mo@example.gov.uk)" in text


def test_a_config_naming_an_unknown_role_is_an_error(cli, isolated):
    (isolated / ".protocheck.yaml").write_text("council: nwl\ncontacts:\n  mayor:\n    name: X\n")
    result = cli("ask", "something-else")
    assert result.exit_code == 2
    assert "'mayor' is not a role" in result.stderr


def test_narrow_terminals_still_get_every_word(cli):
    result = cli("ask", "something-else", "-c", NWL, env={"COLUMNS": "30"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 30
    assert "Monitoring Officer" in result.stdout


def test_a_replayed_answers_file_is_read_once_and_then_from_the_cache(isolated):
    from protocheck import documents

    path = isolated / "s.yaml"
    path.write_text(
        f"council: {NWL}\ntopic: appointments\nanswers: {{}}\n"
        "expect:\n  verdict: refer\n  cites: ['6.1']\n  contact: monitoring-officer\n"
        "  row: connected-not-allowed\n"
    )
    first = documents.load_scenario(path)
    second = documents.load_scenario(path)  # from the cache
    assert first._replace(path=None) == second._replace(path=None)
    assert second.expect.cites == ("6.1",)
    assert second.expect.row == "connected-not-allowed"
    path.write_text(path.read_text().replace("appointments", "press-releases") + "\n")
    assert documents.load_scenario(path).topic == "press-releases"


def test_without_a_council_the_only_one_with_questionnaires_is_used_even_in_a_script(
    cli, tmp_path, monkeypatch
):
    for name, value in only_council(tmp_path, NWL).items():
        monkeypatch.setenv(name, value)
    result = cli("ask", "member-requests", "--set", "role=member", "--set", "request=work",
                 "--set", "asked-to=below-team-manager", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["council"] == NWL
    missing = cli("ask", "member-requests")
    assert missing.exit_code == 2 and "answers are missing" in missing.stderr


def test_fail_on_gates_ci_on_the_verdict_and_still_gives_the_advice(cli, tmp_path):
    args = ("ask", "something-else", "-c", NWL, "-f", "json")
    gated = cli(*args, "--fail-on", "not-allowed,refer")
    assert gated.exit_code == 1
    assert json.loads(gated.stdout)["verdict"] == "refer"
    assert "--fail-on" in gated.stderr and "Refer" in gated.stderr
    assert cli(*args, "--fail-on", "not-allowed").exit_code == 0
    wrong = cli(*args, "--fail-on", "forbidden")
    assert wrong.exit_code == 2 and "not-allowed" in wrong.stderr
    every = ["ask", "requests-to-officers", "--all-councils", "--set", "role=member", "--set",
             "request=information", "--set", "purpose=priority", "-f", "json"]  # fmt: skip
    env = only_council(tmp_path, NWL)
    assert cli(*every, "--fail-on", "refer", env=env).exit_code == 0
    gated = cli(*every, "--fail-on", "not-allowed", env=env)  # priority treatment is not
    assert gated.exit_code == 1 and "Not allowed" in gated.stderr
    assert json.loads(gated.stdout)["councils"]


def test_missing_answers_in_json_are_a_json_error_document(cli, tmp_path):
    result = cli("ask", "member-requests", "-c", NWL, "--set", "role=member", "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["error"] == "missing-answers"
    first = data["missing"][0]
    assert (first["council"], first["topic"], first["id"]) == (NWL, "member-requests", "request")
    assert first["question"] and "work" in first["values"]
    assert [c["value"] for c in first["choices"]] == first["values"]
    assert "answers are missing" in result.stderr
    every = cli("ask", "requests-to-officers", "--all-councils", "--set", "role=member", "-f",
                "json", env=only_council(tmp_path, NWL))  # fmt: skip
    assert every.exit_code == 2
    assert {m["id"] for m in json.loads(every.stdout)["missing"]} >= {"request", "purpose"}


def test_with_several_councils_with_questionnaires_a_script_must_name_one(cli):
    result = cli("ask", "member-requests", "--set", "role=member")
    assert result.exit_code == 2
    assert NWL in result.stderr and "tower-hamlets" in result.stderr


@pytest.mark.parametrize(
    ("answer", "says"),
    [("  role: memebr\n", "'memebr' is not an answer to 'role'"),
     ("  requst: work\n", "asks no question 'requst'")],
)  # fmt: skip
def test_a_wrong_answer_in_an_answers_file_is_named_at_its_line(cli, tmp_path, answer, says):
    path = tmp_path / "answers.yaml"
    text = "council: nwl\ntopic: member-requests\nanswers:\n  request: work\n" + answer
    path.write_text(text, encoding="utf-8")
    result = cli("ask", "--answers", str(path))
    assert result.exit_code == 2
    assert f"{path}:5: " in result.stderr and says in result.stderr


def test_a_situation_no_topic_fits_says_where_to_read_the_protocol(cli):
    result = cli("ask", "can I accept a bottle of wine from a developer", "-c", "nwl")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "none of North West Leicestershire District Council's topics fits" in said
    assert "protocheck search 'can I accept a bottle of wine from a developer' -c" in said
    assert "(or: protocheck ask something-else -c north-west-leicestershire)" in said


def test_councils_asking_the_same_missing_questions_share_one_line(cli, tmp_path):
    """Hundreds of councils adopting one model would otherwise each repeat the same line."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(RULES / "camborne", rules / "camborne")
    shutil.copytree(RULES / "models", rules / "models")
    copy_council(rules, "camborne", "penwith")
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    missing = cli("ask", "press", "--all-councils", env=env)
    assert missing.exit_code == 2
    assert "  camborne and penwith: media-matter (" in missing.stderr
    assert missing.stderr.count("media-matter") == 1


def test_a_council_with_two_topics_missing_the_same_answers_is_named_once(cli):
    answers = ["business=council", "officer-approached=proper-officer", "own-level=junior",
               "councillor-action=operational", "express-approval=approved",
               "lawful-authority=authorised", "authorised-by-cjc=yes"]  # fmt: skip
    sets = [arg for answer in answers for arg in ("--set", answer)]
    missing = cli("ask", "member-requests", "--all-councils", *sets)
    assert missing.exit_code == 2
    assert "  camborne, cjc and staffordshire: role (member|officer)\n" in missing.stderr
