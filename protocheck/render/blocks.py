"""A small document model between advice and output formats.

Advice and paragraphs are laid out once, as blocks; the plain-text, terminal and Markdown
renderers each draw the same blocks. So every format says the same things in the same order,
and the plain layout (what a screen reader hears) is the reference.
"""

from collections.abc import Callable
from typing import NamedTuple

from ..models import Advice, Contact, Council, Paragraph, Unresolved, Verdict


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
    short: str | None = None  # a shorter form of a long ref that protocheck made

    @property
    def title(self) -> str:
        also = f" (or {self.short})" if self.short else ""
        return f"Paragraph {self.ref}{also} ({self.heading}) says:"


class Match(NamedTuple):
    """A search hit: where it is, and a snippet with the matching words marked by spans; for
    an item of a list, the list's lead-in ("As Members and officers we:") comes first."""

    title: str
    text: str
    spans: tuple[tuple[int, int], ...]
    note: str | None = None
    lead: str | None = None
    lead_spans: tuple[tuple[int, int], ...] = ()


Block = Heading | Line | VerdictLine | Prose | Bullets | Quote | Match

OWN_NUMBERS_NOTE = "reference given by protocheck: the text does not number this paragraph"
CUT_OFF_NOTE = (
    "cut off: the text protocheck holds stops part-way through this paragraph; "
    "the rest of it is missing"
)
COMMENTARY_NOTE = (
    "the source's own words about the protocol (its commentary), not the protocol's: "
    "no advice rests on it"
)


def paragraphs(refs: tuple[str, ...] | list[str]) -> str:
    """'paragraph 7.3', or 'paragraphs 12.1, 12.2 and 12.7': refs as a sentence says them."""
    if len(refs) == 1:
        return f"paragraph {refs[0]}"
    return f"paragraphs {', '.join(refs[:-1])} and {refs[-1]}"


def grouped(citations: tuple[Paragraph, ...]) -> str:
    """'paragraphs 13.1 and 13.2 (Public Relations)': refs grouped under their heading."""
    groups: dict[str, list[str]] = {}
    for paragraph in citations:
        groups.setdefault(paragraph.where, []).append(paragraph.ref)
    return "; ".join(f"{paragraphs(refs)} ({where})" for where, refs in groups.items())


def paragraph_note(paragraph: Paragraph) -> str | None:
    """What a reader must know beside the words: whose reference it is, and whether the words
    stop short of the council's own."""
    notes = [
        note
        for note, applies in (
            (COMMENTARY_NOTE, paragraph.commentary),
            (OWN_NUMBERS_NOTE, not paragraph.numbered_by_council),
            (CUT_OFF_NOTE, paragraph.cut_off),
        )
        if applies
    ]
    return "; ".join(notes) or None


def quote(paragraph: Paragraph, short: str | None = None) -> Quote:
    return Quote(paragraph.ref, paragraph.where, paragraph.text, paragraph_note(paragraph), short)


def role_title(council: Council, role_id: str) -> str:
    """A role as the protocol names it."""
    role = council.role(role_id)
    return role.title if role else role_id


def people_text(
    council: Council,
    contact: str | None,
    alternatives: tuple[str, ...],
    also: tuple[str, ...],
    titled: Callable[[str], str] | None = None,
) -> str:
    """Roles as a sentence: the contact; "or" the alternatives; "and also" the others (each
    as `titled` writes a role, or by its title)."""
    title = titled or (lambda role: role_title(council, role))
    text = title(contact) if contact else "none named"
    if alternatives:
        text += "; or, as appropriate, " + joined([title(r) for r in alternatives], "or")
    if also:
        text += "; and also " + joined([title(r) for r in also], "and")
    return text


def cell(text: str) -> str:
    """Text for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def contact_text(contact: Contact) -> str:
    details = [d for d in (contact.name, contact.email, contact.phone) if d]
    return f"{contact.title} ({', '.join(details)})" if details else contact.title


def conditions_label(verdict: Verdict) -> str:
    """What an outcome's conditions are: conditions of the verdict, or points to note."""
    return "Conditions" if verdict is Verdict.CONDITIONAL else "Points to note"


def advice_blocks(advice: Advice, *, why: bool = False) -> list[Block]:
    blocks: list[Block] = [
        Heading(advice.topic_title),
        Line("Council", advice.council_name),
        VerdictLine(advice.verdict),
        Prose(advice.summary),
    ]
    if advice.conditions:
        blocks += [Heading(conditions_label(advice.verdict), 2), Bullets(advice.conditions)]
    blocks.append(Heading("What the protocol says", 2))
    if advice.extract:
        blocks.append(Prose(EXTRACT_NOTE))
    blocks += [quote(p) for p in advice.citations]
    if advice.unreviewed:
        blocks.append(Line("Note", unreviewed_note(advice.unreviewed)))
    blocks += contact_blocks(advice)
    if why:
        blocks += [Heading("How this advice was reached", 2), *_why(advice)]
    return blocks


EXTRACT_NOTE = (
    "protocheck holds only an extract of this protocol: other paragraphs of it may also bear "
    "on your question."
)


def unreviewed_note(refs: tuple[str, ...]) -> str:
    return (
        f"the text of {paragraphs(refs)} has changed since this advice was last checked against "
        "it: read the paragraph itself before you rely on the advice."
    )


def contact_blocks(advice: Advice) -> list[Block]:
    """Who to go to; everyone the protocol says to tell as well ("and"); and any alternative
    it offers ("or"), never mixing the two."""
    blocks: list[Block] = [Heading("Who to contact", 2)]
    if advice.contact is None:
        whose = "The extract protocheck holds" if advice.extract else "The protocol"
        blocks.append(Prose(f"{whose} names no one to contact about this."))
    else:
        blocks.append(Prose(contact_text(advice.contact)))
    if advice.alternatives:
        names = joined([contact_text(c) for c in advice.alternatives], "or")
        blocks.append(Line("Or, as appropriate", names))
    if advice.also:
        blocks.append(Line("And also", joined([contact_text(c) for c in advice.also], "and")))
    if advice.contact_note:
        blocks.append(Line("Why", advice.contact_note))
    return blocks


def other_councils(count: int) -> str:
    """'1 other council', '3 other councils': how grouped output counts the rest."""
    return f"{count} other council{'s' if count != 1 else ''}"


def same_words_heading(labels: list[str], level: int = 1) -> list[Block]:
    """A heading for councils whose text reads the same: the first named in it, and the
    others on a line of their own."""
    if len(labels) == 1:
        return [Heading(labels[0], level)]
    others = labels[1:]
    return [
        Heading(f"{labels[0]}, and {other_councils(len(others))} in the same words", level),
        Line("The same words in", ", ".join(others)),
    ]


def joined(items: list[str], word: str) -> str:
    """'A', 'A and B', 'A, B and C': a list as a sentence says it ('A, B; and C' when an
    item has commas of its own)."""
    if len(items) <= 1:
        return "".join(items)
    if any("," in item for item in items):
        return f"{'; '.join(items[:-1])}; {word} {items[-1]}"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _why(advice: Advice) -> list[Block]:
    """The row that matched: each condition with the answer that met it, and its paragraphs."""
    conditions = tuple(f"{s.text} You answered: {s.label}." for s in advice.matched)
    blocks: list[Block] = [
        Prose(f"The rule that applies ({advice.topic}, row {advice.row}) holds when:"),
        Bullets(conditions or ("always: it needs no answers.",), numbered=True),
    ]
    refs = [p.ref for p in advice.citations]
    if refs:
        blocks.append(Prose(f"It rests on {paragraphs(refs)}."))
    asked = {s.fact for s in advice.matched}
    other = tuple(f"{s.text} You answered: {s.label}." for s in advice.path if s.fact not in asked)
    if other:
        blocks += [Prose("Also asked on the way:"), Bullets(other)]
    return blocks


def paragraph_blocks(
    paragraph: Paragraph, cited_by: tuple[str, ...] = (), short: str | None = None
) -> list[Block]:
    blocks: list[Block] = [quote(paragraph, short)]
    if cited_by:
        blocks.append(Line("Cited by topics", ", ".join(cited_by)))
    return blocks


def unresolved_people(council: Council, unresolved: Unresolved) -> str:
    """Who the protocol names for what it does not cover: for each role, where it names
    different people for members and officers, never one list for everyone."""

    def titled(role: str) -> str:
        return in_a_sentence(role_title(council, role))

    if not unresolved.by_role:
        return joined([titled(r) for r in (unresolved.contact, *unresolved.alternatives)], "or")
    parts = [
        f"{people_text(council, e.contact, e.alternatives, e.also, titled)} for {_a(value)} {value}"
        for value, e in unresolved.by_role
    ]
    return joined(parts, "and")


def in_a_sentence(title: str) -> str:
    """A role's title as it reads mid-sentence: 'the Monitoring Officer', 'your line manager'
    (titles are written to stand alone, as a contact's heading)."""
    first = title.split(" ", 1)[0]
    if first.lower() in ("your", "the", "a", "an", "any", "each", "every", "their"):
        return first.lower() + title[len(first) :]
    return f"the {title}"


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
