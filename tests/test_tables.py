"""The decision-table proof on its own: complete, unique, no dead rows, and cheap to run."""

from __future__ import annotations

from itertools import product

from protocheck.models import Outcome, Row, Verdict
from protocheck.tables import Proof, prove

OUTCOME = Outcome(Verdict.ALLOWED, "summary", ("1.1",))


def row(row_id: str, **when: str | tuple[str, ...]) -> Row:
    conditions = tuple(
        (fact.replace("_", "-"), v if isinstance(v, tuple) else (v,)) for fact, v in when.items()
    )
    return Row(row_id, conditions, OUTCOME)


DOMAINS = [("role", ("member", "officer")), ("kind", ("a", "b", "c"))]


def test_a_complete_unique_table_has_no_problems():
    rows = [row("m", role="member"), row("o-a", role="officer", kind="a"),
            row("o-bc", role="officer", kind=("b", "c"))]  # fmt: skip
    assert prove(DOMAINS, rows) == []


def test_a_missing_combination_is_named():
    rows = [row("m", role="member"), row("o-a", role="officer", kind="a")]
    [problem] = prove(DOMAINS, rows)
    assert problem.kind == "missing"
    assert dict(problem.case.conditions) == {"role": ("officer",), "kind": ("b", "c")}


def test_overlapping_rows_are_both_named():
    rows = [row("m", role="member"), row("a", kind="a"), row("o", role="officer")]
    problems = prove(DOMAINS, rows)
    assert {(p.kind, tuple(r.id for r in p.rows)) for p in problems} == {
        ("overlap", ("m", "a")),
        ("overlap", ("a", "o")),
    }


def test_a_row_with_no_values_is_dead():
    rows = [row("m", role="member"), row("o", role="officer"), row("never", kind=())]
    assert [(p.kind, p.rows[0].id) for p in prove(DOMAINS, rows)] == [("dead", "never")]


def test_eight_facts_of_five_values_are_proved_by_splitting_not_enumerating():
    """390,625 combinations; the proof visits only the cases the rows tell apart."""
    values = tuple("abcde")
    domains = [(f"f{i}", values) for i in range(8)]
    rows = [
        Row(f"r{i}-{v}", (*((f"f{j}", ("a",)) for j in range(i)), (f"f{i}", (v,))), OUTCOME)
        for i in range(8)
        for v in values[1:]
    ]
    rows.append(Row("all-a", tuple((f, ("a",)) for f, _ in domains), OUTCOME))
    proof = Proof(domains, rows)
    assert proof.run() == []
    assert proof.steps < 100  # enumeration would take 390,625
    assert len(list(product(*(v for _, v in domains)))) == 390_625


def test_a_tangled_table_is_refused_rather_than_proved_for_ever():
    values = tuple("ab")
    domains = [(f"f{i}", values) for i in range(30)]
    rows = [Row(f"r{i}", ((f"f{i}", ("a",)),), OUTCOME) for i in range(30)]  # all overlap
    problems = prove(domains, rows)
    assert problems  # overlaps (reported at most a few of each kind) or "too-complex"
    assert len(problems) <= 6
