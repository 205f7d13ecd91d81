"""JSON and Markdown: stable shapes for tools, CI and committee papers.

JSON is deterministic: the same advice always gives byte-identical output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import Advice, Contact, Contacts, Council, Fact, Paragraph, Questionnaire, Step
from . import Json
from .blocks import (
    Block,
    Bullets,
    Heading,
    Line,
    Match,
    Prose,
    Quote,
    VerdictLine,
    advice_blocks,
)
from .plain import marked

if TYPE_CHECKING:
    from datetime import date


def contact_dict(contact: Contact) -> dict[str, str]:
    data = {"role": contact.role, "title": contact.title}
    for key in ("name", "email", "phone"):
        value = getattr(contact, key)
        if value:
            data[key] = value
    return data


def contacts_dict(contacts: Contacts) -> dict[str, Any]:
    """Whom the text names for one role of the user, as role ids."""
    return {
        "contact": contacts.contact,
        "alternatives": list(contacts.alternatives),
        "also": list(contacts.also),
        "contact_note": contacts.contact_note,
    }


def paragraph_dict(paragraph: Paragraph, short: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ref": paragraph.ref,
        "heading": paragraph.heading,
        "text": paragraph.text,
    }
    if short:
        data["short_ref"] = short
    if paragraph.subheading:
        data["subheading"] = paragraph.subheading
    if not paragraph.numbered_by_council:
        data["ref_given_by"] = "protocheck"
    if paragraph.cut_off:
        data["cut_off"] = True
    if paragraph.commentary:
        data["commentary"] = True
    return data


def advice_dict(advice: Advice) -> dict[str, Any]:
    return {
        "council": advice.council,
        "council_name": advice.council_name,
        "topic": advice.topic,
        "topic_title": advice.topic_title,
        "row": advice.row,
        "verdict": advice.verdict.value,
        "summary": advice.summary,
        "conditions": list(advice.conditions),
        "citations": [paragraph_dict(p) for p in advice.citations],
        "contact": contact_dict(advice.contact) if advice.contact else None,
        "also": [contact_dict(c) for c in advice.also],
        "alternatives": [contact_dict(c) for c in advice.alternatives],
        "contact_note": advice.contact_note,
        "answers": advice.answers,
        "path": [_step(s) for s in advice.path],
        "matched": [_step(s) for s in advice.matched],
        "unreviewed": list(advice.unreviewed),
        "extract": advice.extract,
    }


def _step(step: Step) -> dict[str, Any]:
    return {
        "fact": step.fact,
        "question": step.text,
        "answer": step.answer,
        "label": step.label,
        "cites": list(step.cites),
    }


SCHEMA_VERSION = 1  # every JSON document carries it; a change of shape that breaks readers bumps it


def document(fields: dict[str, Any]) -> dict[str, Any]:
    """A JSON document as protocheck writes one: an object whose first key is its schema's
    version (docs/cli.md describes every shape)."""
    return {"schema_version": SCHEMA_VERSION, **fields}


def missing_dict(missing: list[tuple[Council, Questionnaire, Fact]], message: str) -> dict:
    """The error document for answers that stop short of advice: each fact still needed,
    its question and the values it takes, so a script can ask for them."""
    return document({
        "error": "missing-answers",
        "message": message,
        "missing": [
            {"council": council.slug, "topic": topic.id, "id": fact.id,
             "question": fact.question, "values": list(fact.values),
             "choices": [{"value": c.value, "label": c.label} for c in fact.choices]}
            for council, topic, fact in missing
        ],
    })  # fmt: skip


def to_json(data: Any) -> Json:
    from .json_text import indented

    return Json(indented(data) + "\n")


def markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Line):
            out += [f"**{block.label}:** {block.value}", ""]
        elif isinstance(block, VerdictLine):
            out += [f"**Verdict:** {block.verdict.label}", ""]
        elif isinstance(block, Prose):
            out += [block.text, ""]
        elif isinstance(block, Bullets):
            out += [  # an item's later lines indented, so they stay in the item
                (f"{n}. " if block.numbered else "- ") + i.replace("\n", "\n  ")
                for n, i in enumerate(block.items, 1)
            ]
            out.append("")
        elif isinstance(block, Quote):
            also = f" (or {block.short})" if block.short else ""
            out += [f"**Paragraph {block.ref}**{also} ({block.heading}) says:", ""]
            if block.note:
                out += [f"*{block.note}*", ""]
            out += _quoted(block.text.split("\n"))
        elif isinstance(block, Match):
            out += [f"**{block.title}**", ""]
            if block.note:
                out += [f"*{block.note}*", ""]
            if block.lead:
                out += [f"> {marked(block.lead, block.lead_spans, '**')}\\"]
            out += [f"> {marked(block.text, block.spans, '**')}", ""]
    return "\n".join(out).rstrip() + "\n"


def _quoted(lines: list[str]) -> list[str]:
    """A Markdown block quote that keeps the source's line breaks (lists stay lists)."""
    out = []
    for n, line in enumerate(lines):
        follows = n + 1 < len(lines) and bool(lines[n + 1])
        out.append(f"> {line}\\" if line and follows else f"> {line}" if line else ">")
    return [*out, ""]


def advice_markdown(advice: Advice, saved_on: date | None = None) -> str:
    """The advice as Markdown; a record saved to a file says on what day (the advice rests
    on the text as it read that day)."""
    text = markdown(advice_blocks(advice, why=True))
    if saved_on is None:
        return text
    day = f"{saved_on.day} {saved_on:%B %Y}"
    return f"{text.rstrip()}\n\n*Saved by protocheck on {day}.*\n"
