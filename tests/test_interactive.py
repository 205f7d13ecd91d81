"""The guided questionnaire in a real pseudo-terminal, driven as a person would drive it."""

from __future__ import annotations

import re
import subprocess
import sys

import pexpect
import pytest
from conftest import NWL, protocheck_command, subprocess_env

from protocheck.cache import load_library
from protocheck.engine import advise, walk

COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m")  # a foreground colour, as opposed to bold
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def spawn(args: list[str], tmp_path) -> pexpect.spawn:
    command = protocheck_command()
    env = subprocess_env(PROTOCHECK_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm", COLUMNS="100")
    child = pexpect.spawn(
        command[0], command[1:] + args, env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )
    return child


def plan():
    """A topic whose first choice leads to another question, so 'go back' can be tried."""
    council = load_library().find(NWL)
    for index, topic in enumerate(council.questionnaires):
        first = topic.node(topic.start)
        if first is None or not hasattr(first, "choices") or len(first.choices) < 2:
            continue
        if topic.question(first.choices[0].next) is not None:
            return council, index, topic
    pytest.fail("no topic has a follow-up question")


def finish(child: pexpect.spawn) -> None:
    """Keep taking the first choice until the advice appears."""
    while child.expect(["Verdict:", r"\(arrow keys"]) == 1:
        child.send(ENTER)


def test_choose_a_topic_answer_go_back_change_and_see_the_verdict(tmp_path):
    council, index, topic = plan()
    first = topic.node(topic.start)
    second = topic.question(first.choices[0].next)
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send(DOWN * index + ENTER)
    child.expect_exact(first.text)
    child.send(ENTER)  # first choice
    child.expect_exact(second.text)
    child.expect("Go back to the previous question")
    child.send(UP + ENTER)  # the last option: go back
    child.expect_exact(first.text)
    child.send(DOWN + ENTER)  # change the answer to the second choice
    answers = {first.id: first.choices[1].value}
    while (pending := walk(topic, answers).pending) is not None:
        answers[pending.id] = pending.choices[0].value
    expected = advise(council, topic, answers)
    finish(child)
    child.expect_exact(expected.verdict.label)
    child.expect("Who to contact")
    child.expect_exact(expected.contact.title)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_help_shows_the_paragraph_a_question_comes_from(tmp_path):
    _, _, topic = plan()
    first = topic.node(topic.start)
    child = spawn(["ask", topic.id, "--council", NWL], tmp_path)
    child.expect_exact(f"From paragraph {first.cites[0]}")
    child.expect_exact(first.text)
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()


def test_typing_a_keyword_finds_the_topic_that_lists_it(tmp_path):
    council = load_library().find(NWL)
    documents = next(t for t in council.questionnaires if "part ii" in t.keywords)
    assert "part ii" not in documents.title.lower()  # found by keyword, not by title
    child = spawn(["ask", "--council", NWL], tmp_path)
    child.expect("What is your question about?")
    child.send("part ii")
    child.expect(r"/ (\x1b\[[0-9;]*m)?part ii")  # the filter, perhaps coloured
    child.send(ENTER)
    child.expect_exact(documents.node(documents.start).text)
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


def test_a_new_user_with_no_council_goes_to_the_one_with_questionnaires(tmp_path):
    child = spawn(["ask"], tmp_path)
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
