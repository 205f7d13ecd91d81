"""A small document model between advice and output formats.

Advice and paragraphs are laid out once, as blocks; the plain-text, terminal and Markdown
renderers each draw the same blocks. So every format says the same things in the same order,
and the plain layout (what a screen reader hears) is the reference.
"""

from typing import NamedTuple

from ..models import Advice, Contact, Paragraph, Verdict


class Heading(NamedTuple):
    text: str
    level: int = 1


class Line(NamedTuple):
    label: str
    value: str


class VerdictLine(NamedTuple):
    verdict: Verdict


class Prose(NamedTuple):
    text: str


class Bullets(NamedTuple):
    items: tuple[str, ...]
    numbered: bool = False


class Quote(NamedTuple):
    """A paragraph of the protocol, quoted in full under its reference."""

    ref: str
    heading: str
    text: str
    note: str | None = None


class Match(NamedTuple):
    """A search hit: where it is, and a snippet with the matching words marked by spans."""

    title: str
    text: str
    spans: tuple[tuple[int, int], ...]
    note: str | None = None


Block = Heading | Line | VerdictLine | Prose | Bullets | Quote | Match

OWN_NUMBERS_NOTE = "reference given by protocheck: the protocol does not number this paragraph"
CUT_OFF_NOTE = (
    "cut off: the text protocheck holds stops part-way through this paragraph; "
    "the rest of it is missing"
)


def paragraphs(refs: tuple[str, ...] | list[str]) -> str:
    """'paragraph 7.3', or 'paragraphs 12.1, 12.2 and 12.7': refs as a sentence says them."""
    if len(refs) == 1:
        return f"paragraph {refs[0]}"
    return f"paragraphs {', '.join(refs[:-1])} and {refs[-1]}"


def paragraph_note(paragraph: Paragraph) -> str | None:
    """What a reader must know beside the words: whose reference it is, and whether the words
    stop short of the council's own."""
    notes = [
        note
        for note, applies in (
            (OWN_NUMBERS_NOTE, not paragraph.numbered_by_council),
            (CUT_OFF_NOTE, paragraph.cut_off),
        )
        if applies
    ]
    return "; ".join(notes) or None


def quote(paragraph: Paragraph) -> Quote:
    return Quote(paragraph.ref, paragraph.where, paragraph.text, paragraph_note(paragraph))


def contact_text(contact: Contact) -> str:
    details = [d for d in (contact.name, contact.email, contact.phone) if d]
    return f"{contact.title} ({', '.join(details)})" if details else contact.title


def advice_blocks(advice: Advice, *, why: bool = False) -> list[Block]:
    blocks: list[Block] = [
        Heading(advice.topic_title),
        Line("Council", advice.council_name),
        VerdictLine(advice.verdict),
        Prose(advice.summary),
    ]
    if advice.conditions:
        label = "Conditions" if advice.verdict is Verdict.CONDITIONAL else "Points to note"
        blocks += [Heading(label, 2), Bullets(advice.conditions)]
    blocks.append(Heading("What the protocol says", 2))
    blocks += [quote(p) for p in advice.citations]
    blocks.append(Heading("Who to contact", 2))
    blocks.append(Prose(contact_text(advice.contact)))
    if advice.others:
        blocks.append(Line("Or", "; ".join(contact_text(c) for c in advice.others)))
    if why:
        blocks += [Heading("How this advice was reached", 2), Bullets(_path(advice), numbered=True)]
    return blocks


def _path(advice: Advice) -> tuple[str, ...]:
    steps = []
    for step in advice.path:
        source = f" (asked because of {paragraphs(step.cites)})" if step.cites else ""
        steps.append(f"{step.text} You answered: {step.label}.{source}")
    return tuple(steps) or ("No questions were needed.",)


def paragraph_blocks(paragraph: Paragraph, cited_by: tuple[str, ...] = ()) -> list[Block]:
    blocks: list[Block] = [quote(paragraph)]
    if cited_by:
        blocks.append(Line("Cited by topics", ", ".join(cited_by)))
    return blocks
