"""Every council's advice on one situation: text, Markdown and JSON from the same results."""

from __future__ import annotations

from typing import Any

from ..compare import Theme
from ..every_council import Result
from ..models import Council, Fact
from .blocks import (
    Block,
    Bullets,
    Heading,
    Line,
    Prose,
    VerdictLine,
    cell,
    conditions_label,
    contact_text,
    grouped,
    joined,
    other_councils,
    paragraphs,
    unresolved_people,
    unreviewed_note,
)
from .data import advice_dict, contacts_dict, document, markdown

NO_TOPIC = "No questionnaire on this yet."
MISSING = "answers are missing; give them with --set FACT=VALUE (or SLUG:FACT=VALUE):"


def missing_lines(groups: list[tuple[list[str], tuple[Fact, ...]]]) -> list[str]:
    """The missing-answers message: a line for each group of councils asking the same
    questions, naming a few councils, or the first and how many others."""
    lines = [MISSING]
    for slugs, facts in groups:
        asked = ", ".join(f"{f.id} ({'|'.join(f.values)})" for f in facts)
        lines.append(f"  {_first_and_others(slugs)}: {asked}")
    return lines


def _first_and_others(slugs: list[str], named: int = 3) -> str:
    if len(slugs) <= named:
        return joined(slugs, "and")
    return f"{slugs[0]} and {other_councils(len(slugs) - 1)} asking the same"


def no_topic_text(council: Council) -> str:
    """What a council with no topic for the theme says: its route, or the extract's silence."""
    if council.source.is_extract:
        return (
            "No questionnaire on this for the extract protocheck holds; the full protocol may "
            "deal with it."
        )
    unresolved = council.unresolved
    if unresolved is None:
        return f"{NO_TOPIC} Use 'protocheck compare' or 'search' to read what its protocol says."
    where = paragraphs(list(unresolved.cites))
    return (
        f"{NO_TOPIC} For questions its protocol does not deal with, it names "
        f"{unresolved_people(council, unresolved)} ({where})."
    )


def every_blocks(theme: Theme, results: list[Result]) -> list[Block]:
    blocks: list[Block] = [Heading(f"{theme.title}: every council")]
    for result in results:
        blocks.append(Heading(result.council.label, 2))
        advice = result.advice
        if advice is None:
            blocks.append(Prose(no_topic_text(result.council)))
            continue
        blocks += [Line("Topic", advice.topic_title), VerdictLine(advice.verdict),
                   Prose(advice.summary)]  # fmt: skip
        if advice.conditions:  # a verdict 'on conditions' is never shown without them
            blocks += [Prose(f"{conditions_label(advice.verdict)}:"), Bullets(advice.conditions)]
        blocks.append(Line("Rests on", grouped(advice.citations)))
        if advice.unreviewed:
            blocks.append(Line("Note", unreviewed_note(advice.unreviewed)))
        contact = contact_text(advice.contact) if advice.contact else "none named"
        if advice.alternatives:
            others = joined([contact_text(c) for c in advice.alternatives], "or")
            contact += f"; or, as appropriate, {others}"
        if advice.also:
            contact += f"; and also {joined([contact_text(c) for c in advice.also], 'and')}"
        blocks.append(Line("Contact", contact))
    return blocks


def every_markdown(theme: Theme, results: list[Result]) -> str:
    rows = ["| Council | Verdict | Paragraphs | Contact |", "| --- | --- | --- | --- |"]
    for result in results:
        advice = result.advice
        if advice is None:
            cells = (result.council.label, no_topic_text(result.council), "", "")
        else:
            refs = ", ".join(p.ref for p in advice.citations)
            if advice.unreviewed:  # said in full below the table
                changed = ", ".join(advice.unreviewed)
                refs += f" (advice not checked against the current text of {changed})"
            contact = advice.contact.title if advice.contact else "none named"
            cells = (result.council.label, advice.verdict.label, refs, contact)
        rows.append("| " + " | ".join(cell(c) for c in cells) + " |")
    head = f"## {theme.title}: every council\n\n" + "\n".join(rows) + "\n\n"
    return head + markdown(every_blocks(theme, results)[1:])


def every_dict(theme: Theme, results: list[Result], answers: dict[str, str]) -> dict[str, Any]:
    return document({
        "theme": {"id": theme.id, "title": theme.title},
        "answers": dict(answers),
        "councils": [_result_dict(r) for r in results],
    })  # fmt: skip


def _result_dict(result: Result) -> dict[str, Any]:
    council = result.council
    if result.advice is not None:
        return {"status": "advice", **advice_dict(result.advice)}
    return {
        "status": "no-topic",
        "council": council.slug,
        "council_name": council.label,
        "extract": council.source.is_extract,
        "note": no_topic_text(council),
        "unresolved": None
        if council.unresolved is None
        else {
            "cites": list(council.unresolved.cites),
            "contact": council.unresolved.contact,
            "alternatives": list(council.unresolved.alternatives),
            "by_role": {v: contacts_dict(e) for v, e in council.unresolved.by_role},
        },
    }
