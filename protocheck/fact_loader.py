"""Facts: the questions rules depend on, defined once and reused by every topic that needs them.

A fact is defined in one of three places: the catalogue (facts every protocol needs, such as
whether you are a member or an officer), a council's `council.yaml` (facts its topics share),
or a topic file (facts only that topic needs). A council may word a catalogue fact in its own
terms, but not change its values, so an answer means the same thing to every council.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RulesError
from .fields import Fields
from .library import CATALOGUE_FACTS
from .models import NOT_SURE, Choice, Fact

MAX_LABEL = 80  # a prompt cuts, not wraps, a longer choice on an 80-column terminal
NOT_SURE_LABEL = "Not sure"
REWORDED = "catalogue, in the council's words"

_catalogue: dict[Path, dict[str, Fact]] = {}


def catalogue_facts(path: Path = CATALOGUE_FACTS) -> dict[str, Fact]:
    """The catalogue's facts by id (read once a process)."""
    if path not in _catalogue:
        from .yamlfile import read_yaml

        top = Fields(path, read_yaml(path), "the facts catalogue", required=("facts",))
        facts: dict[str, Fact] = {}
        for item, line in top.items("facts"):
            fields = Fields(path, item, "a fact", required=("id",), optional=_DEFINITION, line=line)
            _add(facts, define_fact(fields, "catalogue"), fields)
        _catalogue[path] = facts
    return _catalogue[path]


_DEFINITION = ("question", "help", "choices", "not_sure")
_REWORDING = ("question", "help", "labels")


class FactBook:
    """The facts one council can use: the catalogue's, in its words, and its own.

    Ids are unique across the council, so an answer given once (in a session, with `--set`
    or in an answers file) means one thing in every topic that asks it."""

    def __init__(self, catalogue: dict[str, Fact]):
        self.catalogue = catalogue
        self.defined: dict[str, Fact] = {}  # reworded catalogue facts and the council's own
        self.where: dict[str, tuple[Path, int]] = {}

    def read(self, top: Fields, origin: str, *, may_reword: bool, override: bool = False) -> None:
        """Read the `facts:` list of a council.yaml (which may reword) or a topic file.

        `override`: a council's own wording replaces its model's."""
        for item, line in top.items("facts"):
            fields = Fields(top.path, item, "a fact", required=("id",), line=line,
                            optional=tuple(dict.fromkeys(_DEFINITION + _REWORDING)))  # fmt: skip
            fact_id = fields.identifier("id")
            base = self.catalogue.get(fact_id)
            if base is not None and not may_reword:
                raise fields.error(
                    f"{fact_id!r} is a catalogue fact; word it in council.yaml's facts, "
                    "or give this fact another id",
                    "id",
                )
            fact = reword_fact(fields, base) if base else define_fact(fields, origin)
            if override and fact_id in self.defined and base is not None:
                del self.defined[fact_id]
            self._register(fact, fields)

    def _register(self, fact: Fact, fields: Fields) -> None:
        if fact.id in self.defined:
            path, line = self.where[fact.id]
            raise fields.error(f"fact {fact.id!r} is already defined in {path.name}:{line}")
        self.defined[fact.id] = fact
        self.where[fact.id] = (fields.path, fields.line())

    def get(self, fact_id: str) -> Fact | None:
        return self.defined.get(fact_id) or self.catalogue.get(fact_id)

    def known(self) -> list[str]:
        return sorted({*self.catalogue, *self.defined})


def define_fact(fields: Fields, origin: str) -> Fact:
    """A fact with its own question and choices."""
    for key in ("labels",):
        if fields.has(key):
            raise fields.error(f"'{key}' rewords a catalogue fact; this fact has its own choices")
    if not fields.has("question") or not fields.has("choices"):
        raise fields.error("a fact needs a 'question' and its 'choices'")
    choices = [_choice(fields.path, item, line) for item, line in fields.items("choices")]
    if len(choices) < 2:
        raise fields.error("a fact needs at least two choices", "choices")
    choices += _not_sure(fields)
    _unique_values(fields, choices)
    return Fact(
        id=fields.identifier("id"),
        question=fields.text("question"),
        choices=tuple(choices),
        help=fields.optional_text("help"),
        origin=origin,
    )


def reword_fact(fields: Fields, base: Fact) -> Fact:
    """A catalogue fact in the council's own words: question, help and labels, same values."""
    for key in ("choices", "not_sure"):
        if fields.has(key):
            raise fields.error(
                f"{base.id!r} is a catalogue fact: its values are fixed "
                f"({', '.join(base.values)}); reword them with 'labels'",
                key,
            )
    labels = (
        fields.block("labels", "the labels", optional=base.values) if fields.has("labels") else None
    )
    choices = tuple(
        c._replace(label=_label(labels, c.value)) if labels and labels.has(c.value) else c
        for c in base.choices
    )
    return base._replace(
        question=fields.optional_text("question") or base.question,
        help=fields.optional_text("help") or base.help,
        choices=choices,
        origin=REWORDED,
    )


def _label(labels: Fields, value: str) -> str:
    label = labels.text(value)
    if len(label) > MAX_LABEL:
        raise labels.error(_too_long(label), value)
    return label


def _too_long(label: str) -> str:
    return (
        f"label is {len(label)} characters; keep it to {MAX_LABEL} so it fits on one line "
        "of a terminal (put detail in the choice's help)"
    )


def _choice(path: Path, item: object, line: int) -> Choice:
    fields = Fields(path, item, "a choice", required=("value", "label"), optional=("help",),
                    line=line)  # fmt: skip
    value = fields.identifier("value")
    if value == NOT_SURE:
        raise fields.error(f"write 'not_sure' on the fact rather than a choice {NOT_SURE!r}")
    label = fields.text("label")
    if len(label) > MAX_LABEL:
        raise fields.error(_too_long(label), "label")
    return Choice(value, label, fields.optional_text("help"))


def _not_sure(fields: Fields) -> list[Choice]:
    """`not_sure: true` (or the label to show) adds a "Not sure" choice rules must cover."""
    raw = fields.raw("not_sure")
    if raw is None or str(raw).lower() in ("false", "no"):
        return []
    label = NOT_SURE_LABEL if str(raw).lower() in ("true", "yes") else fields.text("not_sure")
    return [Choice(NOT_SURE, label)]


def _unique_values(fields: Fields, choices: list[Choice]) -> None:
    values = [c.value for c in choices]
    for value in values:
        if values.count(value) > 1:
            raise fields.error(f"choice value {value!r} appears twice", "choices")


def _add(facts: dict[str, Fact], fact: Fact, fields: Fields) -> None:
    if fact.id in facts:
        raise RulesError(f"fact {fact.id!r} is defined twice", path=fields.path, line=fields.line())
    facts[fact.id] = fact
