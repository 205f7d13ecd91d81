#!/usr/bin/env python3
"""YAML bounds benchmark: what a hostile or mistaken file costs before it is refused.

Reads generated files of tiny values (the shapes that cost the pure-Python parser most, 20 to
35 µs a value) at growing sizes, and the largest shipped rules file as the yardstick, all in
one run, and prints the median time of each and its ratio to the yardstick. Files over the
marks bound are refused by a C-speed pre-scan, so their cost stays flat (milliseconds) however
big they grow towards the 1 MiB size cap; the worst that is parsed is a file just inside it.

    python bench/yaml_bounds.py [--runs 5]

Not a test: timings belong in a benchmark, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ratios import print_ratios

from protocheck.yamlfile import MAX_MARKS, YamlError, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
KIB = 1024


def shapes(size: int) -> dict[str, str]:
    return {
        f"block list, {size // KIB} KiB": "- a\n" * (size // 4),
        f"flow list, {size // KIB} KiB": "[" + "a," * (size // 2 - 1) + "a]",
        f"mapping, {size // KIB} KiB": "".join(f"k{i}: v\n" for i in range(size // 8)),
    }


def inside_the_bound() -> dict[str, str]:
    """The costliest files that are still parsed: just under MAX_MARKS marks."""
    return {
        f"flow list, {MAX_MARKS - 1:,} marks": "[" + "a," * (MAX_MARKS - 2) + "a]",
        f"block list, {MAX_MARKS - 1:,} marks": "- a\n" * ((MAX_MARKS - 1) // 2),
    }


def cost(text: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        parse_yaml(text, "bench.yaml")
        outcome = "parsed"
    except YamlError:
        outcome = "refused"
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    biggest = max(ROOT.glob("rules/**/*.yaml"), key=lambda p: p.stat().st_size)
    cases = {f"yardstick: {biggest.relative_to(ROOT)}": biggest.read_text(encoding="utf-8")}
    for size in (64 * KIB, 256 * KIB, 1024 * KIB):
        cases.update(shapes(size))
    cases.update(inside_the_bound())
    times: dict[str, list[float]] = {name: [] for name in cases}
    outcomes: dict[str, str] = {}
    for _ in range(args.runs):  # interleaved, so a busy machine slows them alike
        for name, text in cases.items():
            seconds, outcomes[name] = cost(text)
            times[name].append(seconds)
    print_ratios(times, next(iter(times)), "file", outcomes)


if __name__ == "__main__":
    main()
