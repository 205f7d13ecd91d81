"""A topic laid out as a lawyer reviews it: each row as "When ... then ...", its advice, and
the paragraphs it rests on quoted beside it (`explain --topic`)."""

from __future__ import annotations

from typing import Any

from ..models import ROLE_FACT, Council, Fact, Questionnaire, Row
from .blocks import (
    Block,
    Bullets,
    Heading,
    Line,
    Prose,
    conditions_label,
    joined,
    paragraphs,
    people_text,
    quote,
)
from .data import contacts_dict


def topic_blocks(council: Council, topic: Questionnaire) -> list[Block]:
    blocks: list[Block] = [
        Heading(topic.title),
        Line("Council", council.label),
        Line("Topic", f"{topic.id} ({len(topic.rows)} rows; every answer meets exactly one)"),
    ]
    if topic.description:
        blocks.append(Prose(topic.description))
    facts = [f for f in (council.fact(i) for i in topic.asks) if f is not None]
    if facts:
        blocks += [Heading("Questions, in the order they are asked", 2),
                   Bullets(tuple(_fact_line(f) for f in facts), numbered=True)]  # fmt: skip
    changed = {ref for ref, _ in council.unreviewed}
    for row in topic.rows:
        blocks += _row_blocks(council, topic, row, changed)
    return blocks


def _fact_line(fact: Fact) -> str:
    choices = "; ".join(f"{c.label} ({c.value})" for c in fact.choices)
    return f"{fact.question} [{fact.id}: {choices}]"


def conditions(council: Council, row: Row) -> tuple[str, ...]:
    """Each condition of a row in words: the question, then the answers that meet it."""
    parts = []
    for fact_id, values in row.when:
        fact = council.fact(fact_id)
        labels = [f"“{_label(fact, v)}”" for v in values]
        question = fact.question if fact else fact_id
        parts.append(f"{question} {joined(labels, 'or')}")
    return tuple(parts)


def _label(fact: Fact | None, value: str) -> str:
    choice = fact.choice(value) if fact else None
    return choice.label if choice else value


def _row_blocks(council: Council, topic: Questionnaire, row: Row, changed: set[str]) -> list[Block]:
    outcome = row.outcome
    when = conditions(council, row)
    blocks: list[Block] = [
        Heading(f"Row {row.id}", 2),
        Prose("When all of these hold:" if when else "Always: this topic needs no answers."),
    ]
    if when:
        blocks.append(Bullets(when))
    blocks += [Line("Then", outcome.verdict.label), Prose(outcome.summary)]
    if outcome.unresolved:
        blocks.append(
            Line("Advice", "the council's own words for what the protocol does not cover")
        )
    if outcome.conditions:
        blocks += [Prose(f"{conditions_label(outcome.verdict)}:"), Bullets(outcome.conditions)]
    blocks += _contact_blocks(council, row, ROLE_FACT in topic.asks)
    stale = [ref for ref in outcome.cites if ref in changed]
    if stale:
        blocks.append(Line("Review", f"{paragraphs(stale)} changed since this row was reviewed"))
    blocks += [quote(p) for ref in outcome.cites if (p := council.paragraph(ref))]
    return blocks


def _contact_blocks(council: Council, row: Row, asks_role: bool) -> list[Block]:
    """Who the row sends people to, as the user would be told: where the text names people by
    role (and the topic asks it), the people for each role the row can meet; the general
    contacts only where the role may not be known."""
    outcome = row.outcome
    possible = row.condition(ROLE_FACT)
    by_role = outcome.by_role if asks_role else ()
    entries = [(v, e) for v, e in by_role if possible is None or v in possible]
    known = dict(entries)
    blocks: list[Block] = []
    general = possible is None or any(v not in known for v in possible)
    if general:
        people = people_text(council, outcome.contact, outcome.alternatives, outcome.also)
        unknown = " (when the role is not known)" if entries else ""
        blocks.append(Line("Contact", people + unknown))
        if outcome.contact_note:
            blocks.append(Line("Why this contact", outcome.contact_note))
    role = council.fact(ROLE_FACT)
    for value, entry in entries:  # one role the row always meets: simply its contact
        whom = (
            "Contact"
            if not general and len(entries) == 1
            else f"Contact if “{_label(role, value)}”"
        )
        blocks.append(
            Line(whom, people_text(council, entry.contact, entry.alternatives, entry.also))
        )
        if entry.contact_note:
            blocks.append(Line("Why this contact", entry.contact_note))
    return blocks


def topic_dict(council: Council, topic: Questionnaire) -> dict[str, Any]:
    facts = [f for f in (council.fact(i) for i in topic.asks) if f is not None]
    return {
        "council": council.slug,
        "topic": topic.id,
        "title": topic.title,
        "theme": topic.theme,
        "hit_policy": "unique",
        "asks": [
            {
                "fact": f.id,
                "question": f.question,
                "choices": [{"value": c.value, "label": c.label} for c in f.choices],
            }
            for f in facts
        ],
        "rows": [_row_dict(row) for row in topic.rows],
    }


def _row_dict(row: Row) -> dict[str, Any]:
    outcome = row.outcome
    return {
        "id": row.id,
        "when": {fact: list(values) for fact, values in row.when},
        "verdict": outcome.verdict.value,
        "summary": outcome.summary,
        "conditions": list(outcome.conditions),
        "cites": list(outcome.cites),
        "contact": outcome.contact,
        "alternatives": list(outcome.alternatives),
        "also": list(outcome.also),
        "contact_note": outcome.contact_note,
        "unresolved": outcome.unresolved,
        "by_role": {value: contacts_dict(entry) for value, entry in outcome.by_role},
    }
