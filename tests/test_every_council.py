"""`ask THEME --all-councils`: one situation put to every council, shared facts answered once."""

from __future__ import annotations

import json
import re
import shutil

import pexpect
from conftest import NWL, RULES, protocheck_command, subprocess_env
from test_loader import COUNCIL, PARAGRAPHS, TOPIC, files

THEMED = (
    TOPIC.replace(
        "title: Visiting officers\n", "title: Visiting officers\ntheme: requests-to-officers\n"
    )
    .replace("asks: [kind]", "asks: [role, kind]")
    .replace("    when: {kind: visit}", "    when: {kind: visit, role: [member, officer]}")
)


def with_testshire(tmp_path, monkeypatch):
    """North West Leicestershire, Merton (an extract) and a council of the tests' own."""
    folder = tmp_path / "mine" / "testshire"
    for name, text in files(COUNCIL, PARAGRAPHS, THEMED).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for slug in (NWL, "merton"):
        (folder.parent / slug).symlink_to(RULES / slug, target_is_directory=True)
    monkeypatch.setenv("PROTOCHECK_RULES", str(folder.parent))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    return str(folder.parent)


def test_every_council_answers_in_json_with_shared_and_own_facts(cli, tmp_path, monkeypatch):
    with_testshire(tmp_path, monkeypatch)
    args = ["ask", "requests-to-officers", "--all-councils", "--format", "json"]
    answers = ["--set", "role=member", "--set", "request=information", "--set", "kind=visit",
               "--set", "purpose=see-officer", "--set", "appointment=yes-appointment"]  # fmt: skip
    result = cli(*args, *answers)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["theme"]["id"] == "requests-to-officers"
    by = {(c["council"], c.get("topic")): c for c in data["councils"]}
    assert by[(NWL, "member-requests")]["row"] == "member-information-allowed"
    assert by[(NWL, "visits-and-constituents")]["row"] == "visit-with-appointment"
    assert by[("testshire", "visits")]["row"] == "visit-ok"
    merton = by[("merton", None)]
    assert merton["status"] == "no-topic" and merton["extract"] is True
    assert "extract protocheck holds" in merton["note"]


def test_every_council_says_which_answers_each_council_still_needs(cli, tmp_path, monkeypatch):
    with_testshire(tmp_path, monkeypatch)
    result = cli("ask", "requests-to-officers", "--all-councils", "--set", "role=officer")
    assert result.exit_code == 2
    assert f"  {NWL}: request (" in result.stderr
    assert "  testshire: kind (visit|priority)" in result.stderr
    one = cli("ask", "requests-to-officers", "--all-councils", "--set", "role=officer",
              "--set", "testshire:kind=priority", "--set", "request=information",
              "--set", "purpose=priority", "-f", "markdown")  # fmt: skip
    assert one.exit_code == 0, one.stderr
    assert (
        "| Testshire District Council | Not allowed | 1.2, 1.3 (advice not checked against the "
        "current text of 1.2, 1.3) | Monitoring Officer |" in one.stdout
    )  # testshire has no reviewed.yaml: nothing it cites was checked


def test_every_council_refuses_unknown_facts_themes_and_a_council(cli):
    assert "Did you mean role?" in cli("ask", "press", "--all-councils", "--set", "rloe=x").stderr
    wrong = {  # each answer no council could use, and the one line that says so
        "cambourne:media-matter=publicity": "no council 'cambourne' is installed (in "
        "cambourne:media-matter). Did you mean camborne?",
        "cjc:media-matter=publicity": "cjc asks no question 'media-matter' (in cjc:media-",
        "media-matter=pressrelease": "'pressrelease' is not an answer to 'media-matter'; "
        "choose one of: speaking-to-press, press-release,",
    }
    for answer, said in wrong.items():
        refused = cli("ask", "press", "--all-councils", "--set", answer)
        assert refused.exit_code == 2 and said in refused.stderr, refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    fine = cli("ask", "press", "--all-councils", "--set", "camborne:media-matter=Publicity")
    assert "media-matter" not in fine.stderr.splitlines()[1]  # taken: camborne asks the rest
    unknown = cli("ask", "weather", "--all-councils")
    assert unknown.exit_code == 2 and "no theme or topic 'weather'" in unknown.stderr
    both = cli("ask", "press", "--all-councils", "-c", NWL)
    assert both.exit_code == 2 and "cannot be combined" in both.stderr


def ask_every_council_at_a_terminal(tmp_path, rules: str, *answers: str) -> pexpect.spawn:
    """`ask requests-to-officers --all-councils` in a pseudo-terminal, 100 columns wide."""
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm",
                         COLUMNS="100", PROTOCHECK_RULES=rules, PAGER="cat",
                         PROTOCHECK_NO_SHIPPED_RULES="1")  # fmt: skip
    return pexpect.spawn(command[0], [*command[1:], "ask", "requests-to-officers",
                         "--all-councils", *answers], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 100))  # fmt: skip


def test_at_a_terminal_shared_facts_are_asked_once_for_every_council(tmp_path, monkeypatch):
    rules = with_testshire(tmp_path, monkeypatch)
    child = ask_every_council_at_a_terminal(tmp_path, rules)
    child.expect_exact("Are you a member (councillor) or an officer?")
    child.send("\r")  # member: asked once, for every council
    child.expect_exact("For North West Leicestershire District Council:")
    child.expect_exact("What is the member asking the officer for?")
    child.send("\r")
    child.expect_exact("What do you want to do?")  # visits-and-constituents
    child.send("\x1b[B\x1b[B\r")  # priority
    child.expect_exact("For Testshire District Council:")
    child.send("\r")  # visit
    child.expect("every council")
    child.expect(pexpect.EOF)
    screen = child.before
    assert screen.count("Are you a member (councillor) or an officer?") == 0  # not asked again
    assert "Testshire District Council" in screen and "Allowed on conditions" in screen


def test_every_council_takes_a_situation_in_your_own_words(cli, tmp_path, monkeypatch):
    with_testshire(tmp_path, monkeypatch)
    result = cli("ask", "can I ask a junior officer to do research", "--all-councils",
                 "--set", "role=member", "--set", "request=work",
                 "--set", "asked-to=below-team-manager", "--set", "kind=visit",
                 "--set", "merton:outside-procedure=no",
                 "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    nwl = next(c for c in data["councils"] if c["council"] == NWL)
    assert nwl["topic"] == "member-requests" and nwl["verdict"] == "not-allowed"
    assert data["theme"]["title"] == "can I ask a junior officer to do research"


def test_a_verdict_on_conditions_is_shown_with_its_conditions_for_every_council(cli):
    answers = ["nwl:activity=quotation", "role=member", "camborne:media-matter=social-media",
               "camborne:speaker=own-behalf", "cjc:press-question=member-own"]  # fmt: skip
    args = [a for answer in answers for a in ("--set", answer)]
    text = cli("ask", "press", "--all-councils", *args).stdout
    camborne = text[text.index("Camborne Town Council:") : text.index("Corporate Joint")]
    assert "Verdict: Allowed on conditions" in camborne
    assert "Conditions:\n  - Follow the council's Social Media Protocol" in camborne
    markdown = cli("ask", "press", "--all-councils", *args, "-f", "markdown").stdout
    assert "- Follow the council's Social Media Protocol" in markdown


def with_testshire_twins(tmp_path, monkeypatch) -> str:
    """`with_testshire`, and Testshire Two: a copy of Testshire under another slug and name."""
    rules = with_testshire(tmp_path, monkeypatch)
    twin = tmp_path / "mine" / "testshire-two"
    shutil.copytree(tmp_path / "mine" / "testshire", twin)
    council = (twin / "council.yaml").read_text(encoding="utf-8")
    council = council.replace("slug: testshire", "slug: testshire-two")
    (twin / "council.yaml").write_text(council.replace("Testshire", "Testshire Two"), "utf-8")
    return rules


def test_at_a_terminal_councils_with_the_very_same_questions_are_asked_once(tmp_path, monkeypatch):
    """Councils adopting one model ask the same questions: answered once, for all of them."""
    rules = with_testshire_twins(tmp_path, monkeypatch)
    child = ask_every_council_at_a_terminal(tmp_path, rules)
    child.expect_exact("Are you a member (councillor) or an officer?")
    child.send("\r")  # member
    child.expect_exact("What is the member asking the officer for?")
    child.send("\r")
    child.expect_exact("What do you want to do?")
    child.send("\x1b[B\x1b[B\r")  # priority
    child.expect_exact("For Testshire District Council:")
    child.send("\r")  # visit
    said = "For Testshire Two District Council: the same questions as for Testshire District "
    said += "Council, answered alike."
    child.expect(r"\s+".join(map(re.escape, said.split())))  # wrapped to the terminal's width
    assert child.expect([pexpect.EOF, r"\(arrow keys"]) == 0  # no question asked again
    assert "Testshire Two District Council" in child.before  # and advised


def test_answers_for_every_council_from_a_file_or_as_labels(cli, tmp_path):
    """A wrong answer in a file is named at its line; a choice's label, as a prompt shows
    it, is read as its value for every council, whichever words each gives it."""
    case = tmp_path / "case.yaml"
    case.write_text("topic: press\nanswers:\n  speaker: officer\n  media-matter: pressrelease\n")
    wrong = cli("ask", "--all-councils", "--answers", str(case))
    assert wrong.exit_code == 2
    assert f"{case}:4: 'pressrelease' is not an answer to 'media-matter'" in wrong.stderr
    label = cli("ask", "requests-to-officers", "--all-councils", "--set",
                "role=A member (councillor)")  # fmt: skip
    assert label.exit_code == 2 and "answers are missing" in label.stderr
    assert "role (" not in label.stderr  # taken for every council asking it


def test_at_a_terminal_nothing_is_said_of_questions_no_council_asked(tmp_path, monkeypatch):
    rules = with_testshire_twins(tmp_path, monkeypatch)
    answers = ["role=member", "request=information", "kind=visit", "purpose=see-officer",
               "appointment=yes-appointment"]  # fmt: skip
    sets = [arg for answer in answers for arg in ("--set", answer)]
    child = ask_every_council_at_a_terminal(tmp_path, rules, *sets)
    assert child.expect([pexpect.EOF, r"\(arrow keys"]) == 0  # every answer was given
    assert "the same questions" not in child.before and "every council" in child.before


def test_councils_sharing_a_topic_each_get_their_own_advice_from_one_walk():
    """Adopters of one model are given the very same topic and facts; each walk is worked out
    once for them, but each council's advice is its own (its name, its contacts)."""
    from protocheck.councils import load_library
    from protocheck.engine import advise, still_needed
    from protocheck.every_council import Case, ask_every

    nwl = load_library([RULES]).find(NWL)
    topic = nwl.questionnaire("press-releases")
    assert topic is not None
    copy = nwl._replace(slug="copyshire", name="Copyshire District Council")
    cases = [Case(nwl, topic), Case(copy, topic)]
    answered = {"activity": "media-interview"}
    results = ask_every(cases, answered)
    assert [r.advice.council_name for r in results] == [nwl.name, copy.name]
    assert [r.advice for r in results] == [advise(c.council, topic, answered) for c in cases]
    unanswered = ask_every(cases, {})
    assert [r.missing for r in unanswered] == [tuple(still_needed(nwl, topic, {}))] * 2
    assert unanswered[0].missing


def test_a_walk_kept_for_one_council_is_not_given_to_another_that_differs():
    """Councils asked in one run with the same topic but their own facts, or their own
    answers (`slug:fact`), each get the walk their own facts and answers make."""
    from protocheck.councils import load_library
    from protocheck.engine import advise
    from protocheck.every_council import Case, answers_for, ask_every

    nwl = load_library([RULES]).find(NWL)
    topic = nwl.questionnaire("press-releases")
    assert topic is not None
    fewer = tuple(  # the same question, but with only one of its choices
        f._replace(choices=f.choices[-1:]) if f.id == "activity" else f for f in nwl.facts
    )
    other = nwl._replace(slug="othershire", name="Othershire", facts=fewer)
    scoped = nwl._replace(slug="scopeshire", name="Scopeshire")
    cases = [Case(nwl, topic), Case(other, topic), Case(scoped, topic)]
    answers = {"activity": "media-interview", "scopeshire:activity": "issue-release"}
    results = ask_every(cases, answers)
    assert results[0].advice == advise(nwl, topic, answers_for(nwl, answers))
    assert results[1].advice is None and results[1].missing  # 'media-interview' is not its
    assert results[2].advice == advise(scoped, topic, answers_for(scoped, answers))
    assert results[2].advice.row != results[0].advice.row


def test_an_answer_read_again_is_the_same_answer():
    """A value wins over another choice's label, so answers checked twice (as `ask
    --all-councils` and the engine do) are the answers checked once."""
    from protocheck.models import Choice, Fact

    fact = Fact("kind", "Which?", (Choice("x", "Y"), Choice("y", "Why")))
    assert [fact.value_of(c.value) for c in fact.choices] == ["x", "y"]
    assert fact.value_of("why") == "y"
    assert fact.value_of("Y") == "y"  # 'y' is a value: it names that choice, not x's label
