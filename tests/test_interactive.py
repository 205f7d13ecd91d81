"""The guided questionnaire in a real pseudo-terminal, driven as a person would drive it."""

from __future__ import annotations

import re
import subprocess
import sys

import pexpect
import pytest
from conftest import NWL, only_council, protocheck_command, subprocess_env

from protocheck.councils import load_library
from protocheck.engine import advise

COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m")  # a foreground colour, as opposed to bold
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def spawn(args: list[str], tmp_path, **extra: str) -> pexpect.spawn:
    command = protocheck_command()
    env = subprocess_env(
        PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm", COLUMNS="100", **extra
    )
    child = pexpect.spawn(
        command[0], command[1:] + args, env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )
    return child


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen(child: pexpect.spawn) -> str:
    """What the terminal showed before the last match, without escape sequences."""
    return ANSI.sub("", child.before or "")


def finish(child: pexpect.spawn) -> None:
    """Keep taking the first choice until the advice appears."""
    while child.expect(["Verdict:", r"\(arrow keys"]) == 1:
        child.send(ENTER)


def test_choose_a_topic_answer_go_back_change_and_see_the_verdict(tmp_path):
    council = load_library().find(NWL)
    role, request = council.fact("role"), council.fact("request")
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect_exact(f"Council: {council.label}")  # named before any question
    child.expect("What is your question about?")
    child.send(ENTER)  # the first topic: member-requests
    child.expect_exact(role.question)
    child.send(ENTER)  # a member
    child.expect_exact(request.question)
    child.expect("Go back to the previous question")
    child.send(UP + ENTER)  # the last option: go back
    child.expect_exact(role.question)
    child.send(DOWN + ENTER)  # change the answer: an officer
    child.expect_exact(request.question)
    child.send(ENTER)  # information
    expected = advise(council, council.questionnaire("member-requests"),
                      {"role": "officer", "request": "information"})  # fmt: skip
    child.expect_exact(expected.verdict.label)
    child.expect("Who to contact")
    assert expected.contact is None
    child.expect_exact("The protocol names no one to contact about this.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_going_back_keeps_the_earlier_answer_selected(tmp_path):
    council = load_library().find(NWL)
    child = spawn(["ask", "member-requests", "--council", NWL], tmp_path)
    child.expect_exact(council.fact("role").question)
    child.send(DOWN + ENTER)  # an officer
    child.expect("Go back to the previous question")
    child.send(UP + ENTER)  # go back: "an officer" is still selected
    child.expect_exact(council.fact("role").question)
    child.send(ENTER)  # keep it
    child.expect_exact(council.fact("request").question)
    child.send(ENTER)  # information
    child.expect("Verdict:")
    child.expect(pexpect.EOF)
    assert "Members may contact you for information" in " ".join(screen(child).split())


def test_going_back_from_the_first_question_offers_the_topics_again(tmp_path):
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send(ENTER)
    child.expect("Go back to the list of topics")
    child.send(UP + ENTER)
    child.expect("What is your question about?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_a_long_question_wraps_between_words_on_a_narrow_terminal(tmp_path):
    council = load_library().find(NWL)
    question = council.fact("relationship").question
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm", COLUMNS="40")
    child = pexpect.spawn(command[0], [*command[1:], "ask", "personal-relationships", "-c", NWL],
                          env=env, encoding="utf-8", timeout=20, dimensions=(40, 40))  # fmt: skip
    child.expect(r"\(arrow keys")
    shown = screen(child)
    lines = [line.strip().removeprefix("? ") for line in shown.splitlines()]
    words = set(" ".join(lines).split())
    for word in question.split():
        assert word in words, f"{word!r} was split across lines: {shown!r}"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_help_shows_the_paragraphs_a_question_comes_from(tmp_path):
    council = load_library().find(NWL)
    child = spawn(["ask", "access-to-documents", "--council", NWL], tmp_path)
    child.expect_exact("From paragraph")
    child.expect_exact(council.fact("document-type").question)
    said = " ".join((child.before or "").split())
    assert said.index("12.1,") < said.index("12.4,") < said.index("12.8")  # the protocol's order
    assert said.count("(Members' Access to Information") == 1  # each heading read out once
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()


def test_typing_a_keyword_finds_the_topic_that_lists_it(tmp_path):
    council = load_library().find(NWL)
    documents = next(t for t in council.questionnaires if "part ii" in map(str.lower, t.keywords))
    assert "part ii" not in documents.title.lower()  # found by keyword, not by title
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send("part ii")
    child.expect(r"/ (\x1b\[[0-9;]*m)?part ii")  # the filter, perhaps coloured
    child.send(ENTER)
    child.expect_exact(council.fact(documents.asks[0]).question)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_a_filter_that_matches_nothing_says_so_in_words(tmp_path):
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send("zzzz")
    child.expect_exact("no topic matches: showing all")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_ctrl_c_says_cancelled_and_exits_130_without_a_traceback(tmp_path):
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send(CTRL_C)
    child.expect("Cancelled")
    child.expect(pexpect.EOF)
    assert "Traceback" not in (child.before or "")
    child.close()
    assert child.exitstatus == 130


def test_without_a_terminal_ask_stops_at_once_and_says_what_is_missing(tmp_path):
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"))

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [*protocheck_command(), *args]
        options = {"stdin": subprocess.DEVNULL, "capture_output": True, "text": True}
        return subprocess.run(command, env=env, timeout=30, **options)

    result = run("ask", "member-requests", "--council", NWL)
    assert result.returncode == 2
    assert "answers are missing" in result.stderr
    assert "Traceback" not in result.stderr
    no_topic = run("ask", "--council", NWL)
    assert no_topic.returncode == 2
    assert "name a topic" in no_topic.stderr


def second_council(tmp_path) -> str:
    """A second council with a questionnaire beside the shipped ones (PROTOCHECK_RULES)."""
    from test_loader import files

    folder = tmp_path / "mine" / "testshire"
    for name, text in files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder.parent)


def test_with_several_councils_ask_asks_which_then_filters_topics(tmp_path):
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm",
                         COLUMNS="100", PROTOCHECK_RULES=second_council(tmp_path))  # fmt: skip
    child = pexpect.spawn(command[0], [*command[1:], "ask"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 100))  # fmt: skip
    child.expect("Which council's protocol?")
    child.send("leic")  # part of a name
    child.expect("leic")
    child.send(ENTER)
    child.expect("What is your question about?")
    child.send("zzzz")
    child.expect_exact("no topic matches: showing all")  # the topic list's own noun
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child = pexpect.spawn(command[0], [*command[1:], "ask"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 100))  # fmt: skip
    child.expect("Which council's protocol?")
    child.send("nwl")  # an alias finds it too
    child.send(ENTER)
    child.expect("What is your question about?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    result = subprocess.run([*command, "ask"], env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 2
    assert "--council SLUG (one of: " in result.stderr
    assert "north-west-leicestershire" in result.stderr and "testshire" in result.stderr


def test_a_new_user_with_no_council_goes_to_the_one_with_questionnaires(tmp_path):
    child = spawn(["ask"], tmp_path, **only_council(tmp_path, NWL))
    child.expect("North West Leicestershire District Council \\(the only council")
    child.expect("What is your question about?")
    child.send("something else")  # type to filter
    child.send(ENTER)
    child.expect("Verdict:")
    child.expect_exact("Monitoring Officer")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_colour_adds_to_the_verdict_word_and_no_color_removes_it(tmp_path):
    child = spawn(["ask", "something-else", "-c", NWL], tmp_path)
    child.expect(pexpect.EOF)
    coloured = child.before
    assert "Refer (someone else decides)" in coloured
    assert COLOUR.search(coloured)  # cyan for refer, beside the word
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm", NO_COLOR="1")
    plain = pexpect.spawn(
        command[0], [*command[1:], "ask", "something-else", "-c", NWL], env=env, encoding="utf-8"
    )
    plain.expect(pexpect.EOF)
    assert "Refer (someone else decides)" in plain.before
    assert not COLOUR.search(plain.before)


def _many_councils(tmp_path, count: int) -> str:
    """`count` copies of North West Leicestershire, each with its own slug, name and alias."""
    import shutil

    from conftest import RULES

    root = tmp_path / "many"
    shutil.copytree(RULES / "models", root / "models")
    for n in range(1, count + 1):
        folder = root / f"copy-{n}"
        shutil.copytree(RULES / NWL, folder)
        council = folder / "council.yaml"
        text = council.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^(  slug: )\S+", rf"\g<1>copy-{n}", text, count=1)
        text = re.sub(r'(?m)^(  name: "?)([^"\n]+)', rf"\g<1>Copyshire Council {n}", text, count=1)
        text = re.sub(r"(?m)^(  aliases: )\[[^\]]*\]", rf"\g<1>[cs{n}]", text, count=1)
        council.write_text(text, encoding="utf-8")
    return str(root)


def test_hundreds_of_councils_show_a_first_few_and_say_to_type(tmp_path):
    child = spawn(["ask"], tmp_path, PROTOCHECK_RULES=_many_councils(tmp_path, 45),
                  PROTOCHECK_NO_SHIPPED_RULES="1")  # fmt: skip
    child.expect("Which council's protocol?")
    child.expect("45 councils, the first 40 shown: type part of a name to find yours")
    child.send("council 9")  # the last in slug order: not among the first 40
    child.expect("Copyshire Council 9")
    child.send(ENTER)
    child.expect("What is your question about?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_enter_chooses_nothing_while_the_filter_matches_nothing(tmp_path):
    """'leicester city' + Enter used to choose the first council shown: it now stays put,
    and the filter can still be changed."""
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send("zzzz")
    child.expect_exact("Backspace to change, then Enter")
    child.send(ENTER)
    child.send("\x7f")  # had Enter chosen a topic, there would be no filter to shorten
    child.expect(r"/ (\x1b\[[0-9;]*m)?zzz(?!z)")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_the_council_picker_says_how_many_councils_it_leaves_out(tmp_path):
    from conftest import BARE_COUNCIL, BARE_PARAGRAPHS, RULES

    bare = tmp_path / "rules" / "bareshire"
    bare.mkdir(parents=True)
    (bare / "council.yaml").write_text(BARE_COUNCIL, encoding="utf-8")
    (bare / "paragraphs.yaml").write_text(BARE_PARAGRAPHS, encoding="utf-8")
    for slug in (NWL, "cjc"):  # two with questionnaires, so that the picker is shown
        (bare.parent / slug).symlink_to(RULES / slug, target_is_directory=True)
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm",
                         COLUMNS="100", PROTOCHECK_RULES=str(bare.parent),
                         PROTOCHECK_NO_SHIPPED_RULES="1")  # fmt: skip
    child = pexpect.spawn(command[0], [*command[1:], "ask"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 100))  # fmt: skip
    child.expect_exact("Not listed: 1 council has no questionnaires yet")
    child.expect("Which council's protocol?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_a_council_is_named_first_only_where_a_question_follows(tmp_path):
    """With every answer given, the advice names the council; no 'Council:' line before it."""
    answers = [
        "--set",
        "role=member",
        "--set",
        "request=work",
        "--set",
        "asked-to=below-team-manager",
    ]
    child = spawn(["ask", "member-requests", "--council", NWL, *answers], tmp_path)
    child.expect(pexpect.EOF)
    screen = ANSI.sub("", child.before)
    assert "Verdict:" in screen
    assert screen.count("Council: North West Leicestershire District Council") == 1  # the advice's
