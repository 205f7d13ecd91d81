#!/usr/bin/env python3
"""Import cost against input size: it must grow in step with the text, never with its square.

Builds texts of the shapes that once made `import` quadratic (long runs of lines without
punctuation: a dot-leader contents table, capitalised lines that look like headings, lower-case
lines that each continue the last) at 1x, 2x and 4x a base size, times the parse of each
(interleaved, median of several runs, so a busy machine slows them alike), and prints the time
per size and the ratio to the 1x time. Linear cost gives ratios near 2 and 4; quadratic, 4 and 16.

    python bench/import_scaling.py [--base 150] [--runs 3]

Not a test: timings belong in a benchmark, never in a pass/fail test. The largest size stays
under the importer's 1 MiB limit on a text.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time

from protocheck.errors import InputError
from protocheck.importer import parse_protocol

NUMBERED = ["1. Introduction", "", "1.1 The protocol applies to members and officers."]
PLAIN = ["Introduction", "", "The protocol applies to members and officers."]
# name: (the text's opening, one line of the run)
SHAPES = {
    "dot-leader contents": (
        PLAIN,
        lambda i: f"Member and Officer Relations Part {i} {'.' * 40} {i % 400 + 1}",
    ),
    "numbered dot leaders": (
        NUMBERED,
        lambda i: f"{i % 90 + 1}.{i % 7 + 1} Member and Officer Relations {'.' * 40} {i % 400}",
    ),
    "heading-like lines": (PLAIN, lambda i: f"Introduction and Purpose of the Protocol {i}"),
    "sub-heading lines": (NUMBERED, lambda i: f"Introduction and Purpose of the Protocol {i}"),
    "continuing lines": (
        NUMBERED,
        lambda i: f"members and officers working together on council business {i}",
    ),
    "numbers alone": (NUMBERED, lambda i: f"{i // 50 + 2}.{i % 50 + 1}" if i % 2 else f"Part {i}"),
}


def text_of(shape: str, size: int) -> str:
    opening, make = SHAPES[shape]
    lines = list(opening)
    total, i = 0, 0
    while total < size:
        i += 1
        line = make(i)
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def timed(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(InputError):  # a text with no paragraphs is refused: still timed
        parse_protocol(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=150, help="base size in KB (default 150)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [args.base * 1000 * k for k in (1, 2, 4)]
    print(f"{'shape':<24}" + "".join(f"{s // 1000:>9} KB" for s in sizes) + "   ratios")
    for shape in SHAPES:
        texts = [text_of(shape, size) for size in sizes]
        samples: list[list[float]] = [[] for _ in sizes]
        for _ in range(args.runs):
            for n, text in enumerate(texts):
                samples[n].append(timed(text))
        medians = [statistics.median(s) for s in samples]
        ratios = " ".join(f"{m / medians[0]:.1f}x" for m in medians)
        print(f"{shape:<24}" + "".join(f"{m:>10.2f}s" for m in medians) + f"   {ratios}")


if __name__ == "__main__":
    main()
