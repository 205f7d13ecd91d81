"""`protocheck ask`: from a topic and answers (typed, replayed or prompted) to advice."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import output
from ..cache import load_scenario
from ..engine import advise, check_answers, walk
from ..errors import InputError
from ..files import save_atomically
from ..library import Library
from ..lookup import find_topic
from ..models import Advice, Council, Questionnaire
from ..render.blocks import advice_blocks
from ..render.data import advice_dict, advice_markdown, to_json
from ..scenario import Scenario, parse_set
from .context import context


def can_prompt() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(
    topic_name: str | None,
    council_option: str | None,
    answers_file: Path | None,
    set_values: list[str],
    fmt: str,
    why: bool,
    save: Path | None,
) -> None:
    scenario = load_scenario(answers_file) if answers_file else Scenario(None, None, None, {})
    ctx = context(council_option or scenario.council)
    council = ctx.council
    interactive = can_prompt() and fmt == "text"
    if council is None:
        council = _choose_council(ctx.library, interactive)
    topic_name = topic_name or scenario.topic
    answers = check_answers(council, {**scenario.answers, **parse_set(set_values)})
    if topic_name is None and not interactive:
        ids = ", ".join(t.id for t in council.questionnaires)
        raise InputError(f"name a topic: protocheck ask TOPIC (topics: {ids})")
    topic, answers = _topic_and_answers(council, topic_name, answers, interactive)
    advice = advise(council, topic, answers, ctx.people)
    _emit(advice, fmt, why)
    if save is not None:
        save_atomically(save, advice_markdown(advice))
        print(f"Saved to {save}", file=sys.stderr)


def _topic_and_answers(
    council: Council, topic_name: str | None, answers: dict[str, str], interactive: bool
) -> tuple[Questionnaire, dict[str, str]]:
    """The topic named, or chosen from the list; then the answers, asked for at a terminal
    until they reach a row. Going back from a chosen topic's first question offers the list
    again."""
    while True:
        chosen = topic_name is None
        if chosen:
            from ..interactive import choose_topic

            topic = find_topic(council, choose_topic(council))
        else:
            topic = find_topic(council, topic_name or "")
        if walk(council, topic, answers).row is not None or not interactive:
            return topic, answers
        from ..interactive import BackToTopics, run_questionnaire

        try:
            return topic, run_questionnaire(council, topic, answers, _say, can_leave=chosen)
        except BackToTopics:
            continue


def _choose_council(library: Library, interactive: bool) -> Council:
    """The council with questionnaires if there is only one; else offer them, or ask for one."""
    with_topics = [e.slug for e in library.entries if e.questionnaires]
    if len(with_topics) == 1:
        council = library.find(with_topics[0])
        if interactive:
            _say(f"{council.name} (the only council with questionnaires so far).")
        return council
    if not interactive or not with_topics:
        slugs = ", ".join(with_topics) or "none has questionnaires yet"
        raise InputError(f"choose a council with --council SLUG (one of: {slugs})")
    from ..interactive import choose_council

    councils = library.with_questionnaires()
    slug = choose_council(councils)
    return next(c for c in councils if c.slug == slug)


def _say(text: str) -> None:
    """A line of help before a question, wrapped to the terminal rather than cut mid-word."""
    import textwrap

    print("\n".join(textwrap.wrap(text, output.width() - 1)) if text else "")


def _emit(advice: Advice, fmt: str, why: bool) -> None:
    if fmt == "json":
        output.write_text(to_json(advice_dict(advice)))
    elif fmt == "markdown":
        output.write_text(advice_markdown(advice))
    else:
        output.show(advice_blocks(advice, why=why))
