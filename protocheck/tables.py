"""Prove a decision table sound: every combination of answers meets exactly one row.

The hit policy is unique (DMN's default): a table is complete (no combination of answers
falls through) and has no overlap (no combination meets two rows), so each row can be read on
its own, as a lawyer reads a rule. Rather than try every combination (8 facts of 5 values
are 390,625), the proof splits on one fact at a time and groups together the values that no
remaining row tells apart, so a table costs about as many steps as it has distinct cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from .models import Row

MAX_STEPS = 50_000  # a table that needs more is too tangled for anyone to review
MAX_REPORTS = 5  # the first few say what is wrong; a thousand would not


class Case(NamedTuple):
    """A set of combinations: for each fact, the values it covers (all of them if absent)."""

    conditions: tuple[tuple[str, tuple[str, ...]], ...]


class Problem(NamedTuple):
    kind: str  # "missing", "overlap", "dead" or "too-complex"
    rows: tuple[Row, ...]
    case: Case | None = None


class Proof:
    """Walks the table once, collecting its problems."""

    def __init__(self, domains: Sequence[tuple[str, tuple[str, ...]]], rows: Sequence[Row]):
        self.domains = list(domains)
        self.rows = list(rows)
        self.problems: list[Problem] = []
        self.reached: set[int] = set()
        self.seen_pairs: set[tuple[int, int]] = set()
        self.steps = 0
        self.counts = {"missing": 0, "overlap": 0}

    def run(self) -> list[Problem]:
        dead = [r for r in self.rows if any(not values for _, values in r.when)]
        self.problems += [Problem("dead", (r,)) for r in dead]
        live = [i for i, r in enumerate(self.rows) if r not in dead]
        # An explicit stack rather than recursion: a hostile table cannot overflow Python's.
        stack: list[tuple[int, list[int], tuple]] = [(0, live, ())]
        while stack:
            self.steps += 1
            if self.steps > MAX_STEPS:
                self.problems.append(Problem("too-complex", ()))
                return self.problems
            position, candidates, case = stack.pop()
            stack.extend(reversed(self._split(position, candidates, case)))
            if sum(self.counts.values()) >= MAX_REPORTS:
                return self.problems  # enough to act on; unreached rows are not yet dead
        self.problems += [
            Problem("dead", (row,))
            for i, row in enumerate(self.rows)
            if i in live and i not in self.reached
        ]
        return self.problems

    def _split(self, position: int, candidates: list[int], case: tuple) -> list:
        if not candidates:
            self._report("missing", (), case)
            return []
        position = self._next_separating(position, candidates)
        if position == len(self.domains):
            self._leaf(candidates, case)
            return []
        fact, values = self.domains[position]
        groups: dict[tuple[int, ...], list[str]] = {}
        for value in values:
            admitting = tuple(i for i in candidates if _admits(self.rows[i], fact, value))
            groups.setdefault(admitting, []).append(value)
        return [
            (position + 1, list(admitting), (*case, (fact, tuple(group))))
            for admitting, group in groups.items()
        ]

    def _next_separating(self, position: int, candidates: list[int]) -> int:
        """Skip facts on which every remaining row accepts every value."""
        while position < len(self.domains):
            fact, values = self.domains[position]
            if any(_constrains(self.rows[i], fact, values) for i in candidates):
                return position
            position += 1
        return position

    def _leaf(self, candidates: list[int], case: tuple) -> None:
        self.reached.update(candidates)
        for a, b in pairwise(candidates):
            if (a, b) not in self.seen_pairs:
                self.seen_pairs.add((a, b))
                self._report("overlap", (self.rows[a], self.rows[b]), case)

    def _report(self, kind: str, rows: tuple[Row, ...], case: tuple) -> None:
        self.counts[kind] += 1
        if sum(self.counts.values()) <= MAX_REPORTS:
            self.problems.append(Problem(kind, rows, Case(case)))


def _admits(row: Row, fact: str, value: str) -> bool:
    values = row.condition(fact)
    return values is None or value in values


def _constrains(row: Row, fact: str, values: tuple[str, ...]) -> bool:
    condition = row.condition(fact)
    return condition is not None and not set(values) <= set(condition)


def prove(domains: Sequence[tuple[str, tuple[str, ...]]], rows: Sequence[Row]) -> list[Problem]:
    """Every way the table fails its hit policy; empty when it is sound."""
    return Proof(domains, rows).run()


def separating_fact(
    domains: Sequence[tuple[str, tuple[str, ...]]], rows: Sequence[Row]
) -> str | None:
    """The first fact, in asking order, on which the remaining rows still differ."""
    for fact, values in domains:
        if any(_constrains(row, fact, values) for row in rows):
            return fact
    return None
