"""From answers to advice: pure functions, no terminal, no files.

Answers are keyed by question id and the walk is replayed from `start` every time, so "go back
and change an answer", answers files and `--set` all work the same way (GOV.UK Smart Answers
does this). The engine returns the verdict together with the path that led to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .errors import InputError, shown
from .library import suggest
from .models import Advice, Contact, Council, Outcome, Person, Question, Questionnaire, Step


class Walk(NamedTuple):
    """How far the answers go: the steps taken, and either an outcome or the next question."""

    steps: tuple[Step, ...]
    outcome: Outcome | None
    pending: Question | None


class MissingAnswers(InputError):
    """Answers stop short of an outcome; the message lists what is still needed."""

    def __init__(self, topic: Questionnaire, pending: Question):
        self.topic = topic
        self.pending = pending
        self.questions = questions_from(topic, pending)
        lines = [f"answers are missing for topic {topic.id!r}; give them with --set ID=VALUE:"]
        for question in self.questions:
            values = "|".join(c.value for c in question.choices)
            lines.append(f"  {question.id}: {question.text} ({values})")
        if len(self.questions) > 1:
            lines.append(f"Only {pending.id!r} is certain; the others depend on your answers.")
        super().__init__("\n".join(lines))


def questions_from(topic: Questionnaire, first: Question) -> list[Question]:
    """`first` and every question that could follow it, in the order they would be asked."""
    order: list[Question] = []
    queue = [first]
    while queue:
        question = queue.pop(0)
        if question in order:
            continue
        order.append(question)
        queue.extend(q for c in question.choices if (q := topic.question(c.next)) is not None)
    return order


def check_answers(topic: Questionnaire, answers: Mapping[str, str]) -> dict[str, str]:
    """Answers with each id and value checked against the topic; values matched case-blind."""
    checked: dict[str, str] = {}
    for question_id, value in answers.items():
        question = topic.question(question_id)
        if question is None:
            ids = [q.id for q in topic.questions]
            hint = suggest(question_id, ids) or f" Questions: {', '.join(ids) or 'none'}."
            raise InputError(f"topic {topic.id!r} has no question {shown(question_id)}.{hint}")
        checked[question_id] = _choice_value(question, str(value))
    return checked


def _choice_value(question: Question, value: str) -> str:
    wanted = value.strip().lower()
    for choice in question.choices:
        if wanted in (choice.value, choice.label.lower()):
            return choice.value
    allowed = ", ".join(c.value for c in question.choices)
    wrong = shown(value)
    raise InputError(f"{wrong} is not an answer to {question.id!r}; choose one of: {allowed}")


def walk(topic: Questionnaire, answers: Mapping[str, str]) -> Walk:
    """Follow the answers from `start` as far as they go."""
    steps: list[Step] = []
    node = topic.node(topic.start)
    while isinstance(node, Question):
        value = answers.get(node.id)
        choice = node.choice(value) if value is not None else None
        if choice is None:
            return Walk(tuple(steps), None, node)
        steps.append(Step(node.id, node.text, choice.value, choice.label, node.cites))
        node = topic.node(choice.next)
    return Walk(tuple(steps), node, None)


def advise(
    council: Council,
    topic: Questionnaire,
    answers: Mapping[str, str],
    people: Mapping[str, Person] | None = None,
) -> Advice:
    """The advice the protocol gives for these answers, or MissingAnswers."""
    result = walk(topic, check_answers(topic, answers))
    if result.outcome is None:
        assert result.pending is not None
        raise MissingAnswers(topic, result.pending)
    outcome = result.outcome
    people = people or {}
    return Advice(
        council=council.slug,
        council_name=council.name,
        topic=topic.id,
        topic_title=topic.title,
        verdict=outcome.verdict,
        summary=outcome.summary,
        conditions=outcome.conditions,
        citations=tuple(council.paragraph(ref) for ref in outcome.cites),
        contact=contact_for(council, outcome.contact, people),
        others=tuple(contact_for(council, role, people) for role in outcome.others),
        path=result.steps,
    )


def contact_for(council: Council, role_id: str, people: Mapping[str, Person]) -> Contact:
    """The role as the protocol names it, with the real person where the council configured one."""
    role = council.role(role_id)
    assert role is not None, role_id
    person = people.get(role_id) or Person()
    return Contact(role.id, role.title, person.name, person.email, person.phone)
