"""`protocheck ask`: from a topic and answers (typed, replayed or prompted) to advice."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import output
from ..documents import load_scenario
from ..engine import MissingAnswers, advise, check_answers, walk
from ..errors import ExitCode, InputError, NotFound, ProtocheckError, shown
from ..files import save_atomically
from ..library import Library
from ..lookup import find_topic
from ..models import Advice, Council, Questionnaire, Verdict
from ..render.blocks import advice_blocks
from ..render.data import advice_dict, advice_markdown, document, missing_dict, to_json
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
    all_councils: bool = False,
    fail_on: str | None = None,
) -> None:
    gate = verdicts(fail_on)
    if all_councils:
        from . import ask_every

        if council_option or why or save:
            raise InputError("--all-councils cannot be combined with --council, --why or --save")
        interactive = can_prompt() and fmt == "text"
        ask_every.run(topic_name, answers_file, set_values, fmt, interactive, gate)
        return
    scenario = load_scenario(answers_file) if answers_file else Scenario(None, None, None, {})
    ctx = context(council_option or scenario.council)
    council = ctx.council
    interactive = can_prompt() and fmt == "text"
    named = council is not None
    if council is None:
        council = _choose_council(ctx.library, interactive)
    if not council.questionnaires:
        raise no_questionnaires(council)
    topic_name = topic_name or scenario.topic
    answers = check_answers(council, {**_from_file(council, scenario), **parse_set(set_values)})
    if named and interactive and not _answered(council, topic_name, answers):
        _say(f"Council: {council.label}")  # named by --council or a config file: say which
    if topic_name is None and not interactive:
        ids = ", ".join(t.id for t in council.questionnaires)
        raise InputError(f"name a topic: protocheck ask TOPIC (topics: {ids})")
    topic, answers = _topic_and_answers(council, topic_name, answers, interactive)
    try:
        advice = advise(council, topic, answers, ctx.people)
    except MissingAnswers as exc:
        if fmt == "json":
            missing = [(exc.council, exc.topic, fact) for fact in exc.facts]
            output.write_text(to_json(missing_dict(missing, exc.message)))
        raise
    _emit(advice, fmt, why)
    if save is not None:
        from datetime import date

        save_atomically(save, advice_markdown(advice, saved_on=date.today()))
        print(f"Saved to {save}", file=sys.stderr)
    refuse_verdicts([advice], gate)


def _answered(council: Council, topic_name: str | None, answers: dict[str, str]) -> bool:
    """Whether the topic named is one whose answers already reach a row: no question to ask."""
    if topic_name is None:
        return False
    try:
        return walk(council, find_topic(council, topic_name), answers).row is not None
    except NotFound:
        return False


def _from_file(council: Council, scenario: Scenario) -> dict[str, str]:
    """The answers file's answers, checked one by one so that a wrong one is named at its
    file and line."""
    for fact_id, value in scenario.answers.items():
        try:
            check_answers(council, {fact_id: value})
        except InputError as exc:
            line = scenario.lines.get(f"answers.{fact_id}")
            raise InputError(exc.message, path=scenario.path, line=line) from None
    return dict(scenario.answers)


class Gated(ProtocheckError):
    """A verdict `--fail-on` names: the advice is given, and the exit code says so."""

    exit_code = ExitCode.FINDINGS


def verdicts(names: str | None) -> frozenset[Verdict]:
    """`--fail-on not-allowed,refer` as verdicts; an unknown name says which there are."""
    if not names:
        return frozenset()
    known = [v.value for v in Verdict]
    chosen = set()
    for name in (n.strip() for n in names.split(",") if n.strip()):
        if name not in known:
            raise InputError(f"--fail-on {shown(name)} is not a verdict; use: {', '.join(known)}")
        chosen.add(Verdict(name))
    return frozenset(chosen)


def refuse_verdicts(given: list[Advice], gate: frozenset[Verdict]) -> None:
    hit = [a for a in given if a.verdict in gate]
    if hit:
        said = "; ".join(f"{a.council_name}: {a.verdict.label}" for a in hit)
        raise Gated(f"the verdict is one --fail-on names ({said})")


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

            topic = find_topic(council, choose_topic(council, lambda: router(council)))
        else:
            topic = _named_or_described(council, topic_name or "", interactive)
        if walk(council, topic, answers).row is not None or not interactive:
            return topic, answers
        from ..interactive import BackToTopics, run_questionnaire

        try:
            return topic, run_questionnaire(council, topic, answers, _say, can_leave=chosen)
        except BackToTopics:
            continue


def no_questionnaires(council: Council) -> InputError:
    """What to do instead, for a council whose protocol has no questionnaires yet."""
    return InputError(
        f"{council.label} has no questionnaires yet. Find what its protocol says with "
        f"'protocheck search \"research\" -c {council.slug}' or "
        f"'protocheck compare \"exempt information\" -c {council.slug}', then read a "
        f"paragraph with 'protocheck explain REF -c {council.slug}'."
    )


def router(council: Council):
    """The council's topics, ready to rank against a situation in someone's own words."""
    from ..documents import load_themes, load_thesaurus
    from ..routing import Router

    return Router([council], load_themes(), load_thesaurus())


def _named_or_described(council: Council, text: str, interactive: bool) -> Questionnaire:
    """A topic by its id or title; else the topic whose words best fit the situation
    described, asking which when two are close (or, in a script, naming them)."""
    try:
        return find_topic(council, text)
    except NotFound as not_found:
        if " " not in text.strip() and "Did you mean" in not_found.message:
            raise  # a mistyped topic id, not a situation in words
        routing = router(council).rank(text, limit=3)
        if not routing.candidates:
            if " " not in text.strip():
                raise not_found from None
            raise _no_topic_fits(council, text) from None
    for typed, read in routing.corrections:
        _say(f"(Read {typed!r} as {read!r}.)", err=True)
    best = routing.clear
    if best is not None:
        _say(f"Topic: {best.topic.title} ({best.topic.id}), chosen from your words.", err=True)
        return best.topic
    if not interactive:
        close = "; ".join(f"{c.topic.id} ({c.topic.title})" for c in routing.candidates)
        raise InputError(f"{shown(text)} could be any of these topics: {close}. Name one.")
    from ..interactive import choose_topic, closest_topic

    closest = closest_topic([c.topic for c in routing.candidates])
    return find_topic(council, closest or choose_topic(council, lambda: router(council)))


def _no_topic_fits(council: Council, text: str) -> NotFound:
    """A situation in words that no topic fits: where to read what the protocol says."""
    import shlex

    where = f"protocheck search {shlex.quote(text.strip())} -c {council.slug}"
    other = council.questionnaire("something-else")
    also = f" (or: protocheck ask {other.id} -c {council.slug})" if other else ""
    return NotFound(
        f"none of {council.name}'s topics fits {shown(text)}. To read what its protocol "
        f"says, try: {where}{also}"
    )


def _choose_council(library: Library, interactive: bool) -> Council:
    """Ask which council at a terminal (never pick one silently); in a script, say which."""
    offered = [e for e in library.entries if e.questionnaires]
    if not offered:
        raise InputError("no council has questionnaires yet; try 'protocheck search'")
    if len(offered) == 1:
        council = library.find(offered[0].slug)
        _say(f"{council.name} (the only council with questionnaires).", err=not interactive)
        return council
    if not interactive:
        slugs = ", ".join(e.slug for e in offered)
        raise InputError(f"choose a council with --council SLUG (one of: {slugs})")
    from ..interactive import choose_council

    unlisted = len(library.entries) - len(offered)
    if unlisted:  # never leave a council out without saying so
        some = "1 council has" if unlisted == 1 else f"{unlisted} councils have"
        _say(f"Not listed: {some} no questionnaires yet (read their protocols with "
             "'protocheck explain', 'search' and 'compare').")  # fmt: skip
    by_name = sorted(offered, key=lambda e: e.name)
    return library.find(choose_council([(e.slug, e.name, e.aliases) for e in by_name]))


def _say(text: str, *, err: bool = False) -> None:
    """A line of help before a question, wrapped to the terminal rather than cut mid-word;
    on stderr in a script, so that JSON on stdout stays JSON."""
    import textwrap

    width = max(output.width() - 1, 20)
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    line = "\n".join(lines) if text else ""
    print(line, file=sys.stderr if err else sys.stdout)


def _emit(advice: Advice, fmt: str, why: bool) -> None:
    if fmt == "json":
        output.write_text(to_json(document(advice_dict(advice))))
    elif fmt == "markdown":
        output.write_text(advice_markdown(advice))
    else:
        output.show(advice_blocks(advice, why=why))
