"""The domain, as frozen values: what a council's protocol says and what advice is given from it.

Nothing here knows about YAML or terminals. Models are immutable so that advice can be replayed,
compared and rendered in any format without anyone changing it on the way. They are typed
NamedTuples rather than frozen dataclasses: the same guarantees, but defining a dataclass costs
about 1 ms at import and the CLI's start-up budget is a few tens of milliseconds.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple


class Verdict(StrEnum):
    """Exactly one per piece of advice."""

    ALLOWED = "allowed"
    CONDITIONAL = "conditional"
    NOT_ALLOWED = "not-allowed"
    REFER = "refer"

    @property
    def label(self) -> str:
        """The word shown to people: meaning is never carried by colour alone."""
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.ALLOWED: "Allowed",
    Verdict.CONDITIONAL: "Allowed on conditions",
    Verdict.NOT_ALLOWED: "Not allowed",
    Verdict.REFER: "Refer (someone else decides)",
}


class Paragraph(NamedTuple):
    """One paragraph of a protocol, quoted verbatim under its own number."""

    ref: str
    text: str
    heading: str
    section: str | None = None
    numbered_by_council: bool = True
    subheading: str | None = None
    cut_off: bool = False  # the source held only the start of this paragraph
    line: int = 0  # where it is written in paragraphs.yaml, for findings about it
    commentary: bool = False  # the source's own words about the protocol (a report's), not it

    @property
    def where(self) -> str:
        """The heading to show beside the ref: the section's, and the sub-heading if any."""
        return f"{self.heading}: {self.subheading}" if self.subheading else self.heading


class Role(NamedTuple):
    """A role the protocol names, such as the Monitoring Officer.

    `names` are the other words the protocol uses for the role ("Directors"); with the title,
    they let the loader check that a contact really is named by the paragraphs cited."""

    id: str
    title: str
    names: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.title, *self.names)


class Person(NamedTuple):
    """A real person behind a role, from a council's own `.protocheck.yaml`."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Contact(NamedTuple):
    """Who to go to: a role, and the person in it where the council has said who that is."""

    role: str
    title: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Choice(NamedTuple):
    """One answer to a fact's question: the value rules match on, and the words people see."""

    value: str
    label: str
    help: str | None = None


NOT_SURE = "not-sure"


class Fact(NamedTuple):
    """Something about the situation that the rules depend on, asked as one question.

    Defined once (in the catalogue, the council, or a topic) and answered once per session:
    every topic that needs it reuses the answer. `origin` says where it was defined."""

    id: str
    question: str
    choices: tuple[Choice, ...]
    help: str | None = None
    origin: str = "council"

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def value_of(self, answer: str) -> str | None:
        """The choice an answer names, by its value or else its label (as a prompt shows it),
        whatever the case; None if it names none. A value wins over another choice's label,
        so a value, read again, is itself."""
        wanted = answer.strip().lower()
        for choice in self.choices:
            if wanted == choice.value:
                return choice.value
        return next((c.value for c in self.choices if wanted == c.label.lower()), None)


class Contacts(NamedTuple):
    """Whom the text names for one value of the user's `role` (a member, an officer), where
    it sends each to someone different: the unresolved block's `by_role`."""

    contact: str
    alternatives: tuple[str, ...] = ()  # "or"
    also: tuple[str, ...] = ()  # "and"
    contact_note: str | None = None


ROLE_FACT = "role"  # the catalogue fact whose values `by_role` is keyed by


class Outcome(NamedTuple):
    """What the protocol says for one row: the verdict and everything the advice shows."""

    verdict: Verdict
    summary: str
    cites: tuple[str, ...]
    contact: str | None = None
    conditions: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # people to tell as well as the contact: "and"
    alternatives: tuple[str, ...] = ()  # people the text offers instead: "or"
    contact_note: str | None = None  # why this person, where the text names only a route
    unresolved: bool = False  # the council's advice for what the protocol does not cover
    by_role: tuple[tuple[str, Contacts], ...] = ()  # (role value, whom the text names for it)

    def for_role(self, role: str | None) -> "Outcome":
        """The outcome as given to someone whose role is known: the people the text names for
        that role, where it names them by role; otherwise the outcome as it is."""
        entry = dict(self.by_role).get(role) if role else None
        if entry is None:
            return self
        return self._replace(
            contact=entry.contact,
            alternatives=entry.alternatives,
            also=entry.also,
            contact_note=entry.contact_note,
        )


class Row(NamedTuple):
    """One rule of a decision table: when every condition holds, this outcome applies.

    A condition names a fact and the values that meet it; a fact a row does not name may
    have any value."""

    id: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    outcome: Outcome
    line: int = 0

    def condition(self, fact_id: str) -> tuple[str, ...] | None:
        for fact, values in self.when:
            if fact == fact_id:
                return values
        return None

    def admits(self, answers: Mapping[str, str]) -> bool:
        """No answer given so far rules this row out. (Loops, not generators, here and in
        `Council.fact`: `ask --all-councils` calls them thousands of times.)"""
        for fact, values in self.when:
            if fact in answers and answers[fact] not in values:
                return False
        return True


class Questionnaire(NamedTuple):
    """A topic: a decision table over facts, asked in the order `asks` gives.

    Hit policy: unique. Every combination of answers matches exactly one row; the loader
    proves it before anyone is asked a question."""

    id: str
    title: str
    asks: tuple[str, ...]
    rows: tuple[Row, ...]
    description: str | None = None
    keywords: tuple[str, ...] = ()
    theme: str | None = None

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    @property
    def cites(self) -> tuple[str, ...]:
        """Every paragraph the topic rests on, in order of first citation."""
        return tuple(dict.fromkeys(ref for r in self.rows for ref in r.outcome.cites))


class Source(NamedTuple):
    """The document a council's paragraphs come from, and whether we hold all of it."""

    title: str
    date: str
    note: str | None = None
    scope: str = "whole"  # or "extract": only some paragraphs, so silence proves nothing

    @property
    def is_extract(self) -> bool:
        return self.scope == "extract"


class Unresolved(NamedTuple):
    """Where a protocol sends the questions it does not answer, and the advice to give then."""

    cites: tuple[str, ...]
    contact: str
    alternatives: tuple[str, ...] = ()
    summary: str | None = None
    contact_note: str | None = None
    by_role: tuple[tuple[str, Contacts], ...] = ()  # (role value, whom the text names for it)


class Council(NamedTuple):
    slug: str
    name: str
    source: Source
    paragraphs: tuple[Paragraph, ...]
    roles: tuple[Role, ...]
    questionnaires: tuple[Questionnaire, ...]
    aliases: tuple[str, ...] = ()
    version: str | None = None
    adopted: str | None = None
    numbered_by_council: bool = True
    unresolved: Unresolved | None = None
    facts: tuple[Fact, ...] = ()
    unreviewed: tuple[tuple[str, str], ...] = ()  # (ref, why): cited text not yet reviewed
    model: str | None = None  # the model protocol it adopts, whose topics it uses
    deviations: tuple[tuple[str, str, str], ...] = ()  # (its ref, model's ref, how it differs)

    @property
    def label(self) -> str:
        """The name to cite it by: an extract says so, so no one takes it for the whole."""
        return f"{self.name} (extract)" if self.source.is_extract else self.name

    def paragraph(self, ref: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.ref == ref), None)

    def light(self) -> "Council":
        """The council without its text and tables: what every council must hold, when
        hundreds are shown at once, to name them and say where they send questions."""
        return self._replace(paragraphs=(), questionnaires=(), facts=())

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def questionnaire(self, topic_id: str) -> Questionnaire | None:
        return next((q for q in self.questionnaires if q.id == topic_id), None)

    def fact(self, fact_id: str) -> Fact | None:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        return None


class Step(NamedTuple):
    """One answered fact: the question as asked, the answer, and the paragraphs behind it."""

    fact: str
    text: str
    answer: str
    label: str
    cites: tuple[str, ...] = ()


class Advice(NamedTuple):
    """The engine's whole answer: a value to render, save, replay or compare.

    `path` is every question asked, in order; `matched` is the row's conditions with the
    answers that met them, which is what `--why` shows."""

    council: str
    council_name: str
    topic: str
    topic_title: str
    row: str
    verdict: Verdict
    summary: str
    conditions: tuple[str, ...]
    citations: tuple[Paragraph, ...]
    contact: Contact | None
    also: tuple[Contact, ...] = ()
    alternatives: tuple[Contact, ...] = ()
    contact_note: str | None = None
    path: tuple[Step, ...] = ()
    matched: tuple[Step, ...] = ()
    unreviewed: tuple[str, ...] = ()  # cited paragraphs changed since the rules were reviewed
    extract: bool = False

    @property
    def answers(self) -> dict[str, str]:
        return {step.fact: step.answer for step in self.path}
