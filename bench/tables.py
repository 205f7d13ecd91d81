#!/usr/bin/env python3
"""How long the decision-table proof takes, beside enumerating every combination.

    python bench/tables.py

Tables of F facts with 5 values each, written as the rules are (rows tell a few cases apart,
one row covers the rest): the proof splits on facts, so its cost follows the rows, while the
combinations grow as 5**F. Not a test: timings belong here, never in a pass/fail test.
"""

from __future__ import annotations

import time
from itertools import product

from protocheck.models import Outcome, Row, Verdict
from protocheck.tables import Proof

OUTCOME = Outcome(Verdict.ALLOWED, "summary", ("1.1",))
VALUES = tuple("abcde")


def table(facts: int) -> tuple[list, list[Row]]:
    domains = [(f"f{i}", VALUES) for i in range(facts)]
    rows = [
        Row(f"r{i}-{v}", (*((f"f{j}", ("a",)) for j in range(i)), (f"f{i}", (v,))), OUTCOME)
        for i in range(facts)
        for v in VALUES[1:]
    ]
    rows.append(Row("all-a", tuple((f, ("a",)) for f, _ in domains), OUTCOME))
    return domains, rows


def enumerate_all(domains: list, rows: list[Row]) -> int:
    """The naive check: every combination against every row."""
    for combination in product(*(values for _, values in domains)):
        answers = dict(zip((f for f, _ in domains), combination, strict=True))
        assert sum(row.admits(answers) for row in rows) == 1
    return 5 ** len(domains)


def main() -> None:
    print(f"{'facts':>5} {'rows':>5} {'combinations':>13} {'proof':>10} {'enumeration':>12}")
    for facts in (4, 6, 8):
        domains, rows = table(facts)
        start = time.perf_counter()
        assert Proof(domains, rows).run() == []
        proof = time.perf_counter() - start
        if facts <= 6:
            start = time.perf_counter()
            enumerate_all(domains, rows)
            naive = f"{(time.perf_counter() - start) * 1000:9.1f} ms"
        else:
            naive = "(not run)"
        print(f"{facts:>5} {len(rows):>5} {5**facts:>13,} {proof * 1000:7.2f} ms {naive:>12}")


if __name__ == "__main__":
    main()
