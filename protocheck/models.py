"""The domain, as frozen values: what a council's protocol says and what advice is given from it.

Nothing here knows about YAML or terminals. Models are immutable so that advice can be replayed,
compared and rendered in any format without anyone changing it on the way. They are typed
NamedTuples rather than frozen dataclasses: the same guarantees, but defining a dataclass costs
about 1 ms at import and the CLI's start-up budget is a few tens of milliseconds.
"""

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

    @property
    def where(self) -> str:
        """The heading to show beside the ref: the section's, and the sub-heading if any."""
        return f"{self.heading}: {self.subheading}" if self.subheading else self.heading


class Role(NamedTuple):
    """A role the protocol names, such as the Monitoring Officer."""

    id: str
    title: str


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
    value: str
    label: str
    next: str


class Question(NamedTuple):
    id: str
    text: str
    choices: tuple[Choice, ...]
    cites: tuple[str, ...] = ()
    help: str | None = None

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


class Outcome(NamedTuple):
    id: str
    verdict: Verdict
    summary: str
    cites: tuple[str, ...]
    contact: str
    conditions: tuple[str, ...] = ()
    others: tuple[str, ...] = ()


class Questionnaire(NamedTuple):
    """A topic: a graph of questions whose paths all end in outcomes."""

    id: str
    title: str
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    description: str | None = None
    keywords: tuple[str, ...] = ()

    def node(self, node_id: str) -> Question | Outcome | None:
        for node in (*self.questions, *self.outcomes):
            if node.id == node_id:
                return node
        return None

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


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
    others: tuple[str, ...] = ()
    summary: str | None = None


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

    @property
    def label(self) -> str:
        """The name to cite it by: an extract says so, so no one takes it for the whole."""
        return f"{self.name} (extract)" if self.source.is_extract else self.name

    def paragraph(self, ref: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.ref == ref), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def questionnaire(self, topic_id: str) -> Questionnaire | None:
        return next((q for q in self.questionnaires if q.id == topic_id), None)


class Step(NamedTuple):
    """One answered question on the way to an outcome: what made it matter, and the answer."""

    question: str
    text: str
    answer: str
    label: str
    cites: tuple[str, ...] = ()


class Advice(NamedTuple):
    """The engine's whole answer: a value to render, save, replay or compare."""

    council: str
    council_name: str
    topic: str
    topic_title: str
    verdict: Verdict
    summary: str
    conditions: tuple[str, ...]
    citations: tuple[Paragraph, ...]
    contact: Contact
    others: tuple[Contact, ...] = ()
    path: tuple[Step, ...] = ()

    @property
    def answers(self) -> dict[str, str]:
        return {step.question: step.answer for step in self.path}
