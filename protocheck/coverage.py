"""How much of each decision table the scenarios reach (`protocheck test --coverage`).

For every topic of every council the scenarios name: the rows reached, the facts asked, the
answer values given, the verdicts reached and the paragraphs the reached rows cite, each
against what the table holds. A table every row of which some scenario reaches has had every
piece of its advice checked by a person who wrote down what to expect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .library import Library
from .models import Council, Questionnaire
from .replay import Replayed


class Measure(NamedTuple):
    """What was reached of what there is, and what was not."""

    reached: int
    total: int
    missing: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.reached / self.total

    @classmethod
    def of(cls, everything: Iterable[str], reached: set[str]) -> Measure:
        items = list(dict.fromkeys(everything))
        missing = tuple(i for i in items if i not in reached)
        return cls(len(items) - len(missing), len(items), missing)

    def __add__(self, other: object) -> Measure:  # type: ignore[override]
        assert isinstance(other, Measure)
        return Measure(self.reached + other.reached, self.total + other.total,
                       self.missing + other.missing)  # fmt: skip


MEASURES = ("rows", "facts", "values", "verdicts", "paragraphs")


class TopicCoverage(NamedTuple):
    topic: str
    rows: Measure
    facts: Measure
    values: Measure
    verdicts: Measure
    paragraphs: Measure


class CouncilCoverage(NamedTuple):
    council: str
    topics: tuple[TopicCoverage, ...]

    def total(self, measure: str) -> Measure:
        return sum((getattr(t, measure) for t in self.topics), Measure(0, 0, ()))


class Coverage(NamedTuple):
    councils: tuple[CouncilCoverage, ...]

    @property
    def rows(self) -> Measure:
        """Every council's rows together: what `--min-coverage` is measured on."""
        found = Measure(0, 0, ())
        for council in self.councils:
            rows = council.total("rows")
            found += rows._replace(missing=tuple(f"{council.council}/{m}" for m in rows.missing))
        return found


def coverage(library: Library, replayed: Sequence[Replayed]) -> Coverage:
    """Coverage of every council the scenarios name, in slug order."""
    slugs = sorted({r.council for r in replayed if r.council})
    councils = tuple(_council(library.find(slug), replayed) for slug in slugs)
    return Coverage(tuple(c for c in councils if c.topics))


def _council(council: Council, replayed: Sequence[Replayed]) -> CouncilCoverage:
    mine = [r.advice for r in replayed if r.council == council.slug and r.advice is not None]
    return CouncilCoverage(
        council.slug,
        tuple(_topic(council, t, [a for a in mine if a.topic == t.id]) for t in
              council.questionnaires),
    )  # fmt: skip


def _topic(council: Council, topic: Questionnaire, advice: list) -> TopicCoverage:
    reached_rows = {a.row for a in advice}
    rows = [r for r in topic.rows if r.id in reached_rows]
    asked = {s.fact for a in advice for s in a.path}
    answered = {f"{s.fact}={s.answer}" for a in advice for s in a.path}
    values = [
        f"{fact_id}={value}"
        for fact_id in topic.asks
        if (fact := council.fact(fact_id)) is not None
        for value in fact.values
    ]
    return TopicCoverage(
        topic.id,
        Measure.of((r.id for r in topic.rows), reached_rows),
        Measure.of(topic.asks, asked),
        Measure.of(values, answered),
        Measure.of((r.outcome.verdict.value for r in topic.rows),
                   {r.outcome.verdict.value for r in rows}),
        Measure.of(topic.cites, {ref for r in rows for ref in r.outcome.cites}),
    )  # fmt: skip
