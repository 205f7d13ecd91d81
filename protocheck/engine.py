"""From answers to advice: pure functions, no terminal, no files.

Answers are keyed by fact id, so "go back and change an answer", answers files and `--set`
all work the same way (GOV.UK Smart Answers does this). A topic is a decision table: the
engine keeps the rows the answers so far still admit and asks only a fact on which those rows
differ, in the topic's order (docassemble's "ask only what still matters"). It returns the
verdict with the row that matched and the answers that met it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .errors import InputError, shown
from .library import suggest
from .models import ROLE_FACT, Advice, Contact, Council, Fact, Person, Questionnaire, Row, Step
from .tables import separating_fact


class Walk(NamedTuple):
    """How far the answers go: the facts asked, and either the row or the next fact."""

    steps: tuple[Step, ...]
    row: Row | None
    pending: Fact | None


class MissingAnswers(InputError):
    """Answers stop short of a row; the message lists what is still needed."""

    def __init__(self, council: Council, topic: Questionnaire, answers: Mapping[str, str]):
        self.council = council
        self.topic = topic
        self.facts = still_needed(council, topic, answers)
        lines = [f"answers are missing for topic {topic.id!r}; give them with --set FACT=VALUE:"]
        for fact in self.facts:
            lines.append(f"  {fact.id}: {fact.question} ({'|'.join(fact.values)})")
        if len(self.facts) > 1:
            lines.append(
                f"Only {self.facts[0].id!r} is certain; the others depend on your answers."
            )
        super().__init__("\n".join(lines))


def rows_left(topic: Questionnaire, answers: Mapping[str, str]) -> list[Row]:
    return [row for row in topic.rows if row.admits(answers)]


def next_fact(council: Council, topic: Questionnaire, answers: Mapping[str, str]) -> Fact | None:
    """The first fact, in the topic's order, that is unanswered and still tells rows apart."""
    left = rows_left(topic, answers)
    if len(left) <= 1:
        return None
    open_facts = [council.fact(f) for f in topic.asks if f not in answers]
    domains = [(f.id, f.values) for f in open_facts if f is not None]
    fact_id = separating_fact(domains, left)
    return council.fact(fact_id) if fact_id else None


def still_needed(council: Council, topic: Questionnaire, answers: Mapping[str, str]) -> list[Fact]:
    """The next fact and every fact a remaining row depends on, in asking order."""
    left = rows_left(topic, answers)
    depended = {fact for row in left for fact, _ in row.when}
    first = next_fact(council, topic, answers)
    found = [first] if first else []
    for fact_id in topic.asks:
        fact = council.fact(fact_id)
        if fact and fact_id in depended and fact_id not in answers and fact not in found:
            found.append(fact)
    return found


def check_answers(council: Council, answers: Mapping[str, str]) -> dict[str, str]:
    """Answers with each fact and value checked; values matched case-blind, or by label.

    A fact this council knows but the topic does not ask is kept (and ignored), so one set
    of answers can be put to several topics and councils."""
    checked: dict[str, str] = {}
    for fact_id, value in answers.items():
        fact = council.fact(fact_id)
        if fact is None:
            ids = [f.id for f in council.facts]
            hint = suggest(fact_id, ids) or f" Facts: {', '.join(ids) or 'none'}."
            raise InputError(f"{council.name} asks no question {shown(fact_id)}.{hint}")
        checked[fact_id] = _choice_value(fact, str(value))
    return checked


def _choice_value(fact: Fact, value: str) -> str:
    found = fact.value_of(value)
    if found is not None:
        return found
    allowed = ", ".join(fact.values)
    raise InputError(f"{shown(value)} is not an answer to {fact.id!r}; choose one of: {allowed}")


def walk(council: Council, topic: Questionnaire, answers: Mapping[str, str]) -> Walk:
    """How far the answers go. Every answer given counts, in any order; the steps are the
    answers that mattered, in the order the topic would have asked them."""
    known = {f: answers[f] for f in topic.asks if f in answers}
    pending = next_fact(council, topic, known)
    left = rows_left(topic, known)
    row = left[0] if pending is None and len(left) == 1 else None
    return Walk(_steps(council, topic, known), row, pending)


def _steps(council: Council, topic: Questionnaire, known: Mapping[str, str]) -> tuple[Step, ...]:
    """Replay the answers in asking order, keeping those some row still in play depended on."""
    prefix: dict[str, str] = {}
    steps = []
    for fact_id in topic.asks:
        fact = council.fact(fact_id)
        if fact is None or fact_id not in known:
            continue
        left = rows_left(topic, prefix)
        if any(row.condition(fact_id) is not None for row in left):
            steps.append(_step(fact, known[fact_id], left))
            prefix[fact_id] = known[fact_id]
    return tuple(steps)


def why_asked(topic: Questionnaire, fact: Fact, answers: Mapping[str, str]) -> tuple[str, ...]:
    """The paragraphs of the rows still in play that depend on this fact."""
    return _cites_depending(rows_left(topic, answers), fact.id)


def _cites_depending(rows: list[Row], fact_id: str) -> tuple[str, ...]:
    refs = (ref for row in rows if row.condition(fact_id) is not None for ref in row.outcome.cites)
    return tuple(dict.fromkeys(refs))


def _step(fact: Fact, value: str, rows: list[Row]) -> Step:
    """An answer, with the paragraphs of the rows that depend on it: why it was asked."""
    choice = fact.choice(value)
    label = choice.label if choice else value
    return Step(fact.id, fact.question, value, label, _cites_depending(rows, fact.id))


def advise(
    council: Council,
    topic: Questionnaire,
    answers: Mapping[str, str],
    people: Mapping[str, Person] | None = None,
    walked: Walk | None = None,
) -> Advice:
    """The advice the protocol gives for these answers, or MissingAnswers. `walked` is the
    walk for these answers if the caller has it (`walk` depends on the topic and the
    council's facts alone: councils adopting one model share it)."""
    checked = check_answers(council, answers)
    result = walked if walked is not None else walk(council, topic, checked)
    if result.row is None:
        raise MissingAnswers(council, topic, checked)
    row, people = result.row, people or {}
    role = _role_for_contacts(topic, row, checked)
    outcome = row.outcome.for_role(role)
    changed = {ref for ref, _ in council.unreviewed}
    return Advice(
        council=council.slug,
        council_name=council.label,
        topic=topic.id,
        topic_title=topic.title,
        row=row.id,
        verdict=outcome.verdict,
        summary=outcome.summary,
        conditions=outcome.conditions,
        citations=tuple(p for ref in outcome.cites if (p := council.paragraph(ref))),
        contact=contact_for(council, outcome.contact, people) if outcome.contact else None,
        also=tuple(contact_for(council, r, people) for r in outcome.also),
        alternatives=tuple(contact_for(council, r, people) for r in outcome.alternatives),
        contact_note=outcome.contact_note,
        path=result.steps,
        matched=_matched(council, row, checked, role),
        unreviewed=tuple(ref for ref in outcome.cites if ref in changed),
        extract=council.source.is_extract,
    )


def _role_for_contacts(topic: Questionnaire, row: Row, answers: Mapping[str, str]) -> str | None:
    """The user's role, where the row names people by role and the topic asked it (an answer
    the topic did not ask is not part of this advice, so it chooses nothing)."""
    role = answers.get(ROLE_FACT) if ROLE_FACT in topic.asks else None
    return role if role in dict(row.outcome.by_role) else None


def _matched(
    council: Council, row: Row, answers: Mapping[str, str], role: str | None
) -> tuple[Step, ...]:
    """The row's conditions, each with the answer that met it; and the user's role, where it
    chose whom the text sends them to though the row holds for every role."""
    steps = []
    facts = [fact_id for fact_id, _ in row.when]
    if role is not None and ROLE_FACT not in facts:
        facts.append(ROLE_FACT)
    for fact_id in facts:
        fact = council.fact(fact_id)
        if fact is not None and fact_id in answers:
            steps.append(_step(fact, answers[fact_id], [row]))
    return tuple(steps)


def contact_for(council: Council, role_id: str, people: Mapping[str, Person]) -> Contact:
    """The role as the protocol names it, with the real person where the council configured one."""
    role = council.role(role_id)
    assert role is not None, role_id
    person = people.get(role_id) or Person()
    return Contact(role.id, role.title, person.name, person.email, person.phone)
