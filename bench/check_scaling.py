#!/usr/bin/env python3
"""`check` cost against a draft's size: it must grow in step with the draft, never its square.

Builds drafts of the shapes a draft can take at 1x, 2x and 4x a base size (a protocol written
out again and again, with every paragraph renumbered so that none is where the council has
it; the same unnumbered, matched only by words; a run of cross-references, half of them
dangling; numbers in every order), times reading and checking each against North West
Leicestershire's rules (interleaved, median of several runs, so a busy machine slows them
alike), and prints the time per size and the ratio to the 1x time. Linear cost gives ratios
near 2 and 4; quadratic, 4 and 16.

    python bench/check_scaling.py [--base 120] [--runs 3]

Not a test: timings belong in a benchmark, never in a pass/fail test. The largest size stays
under the 1 MiB a draft may be.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from protocheck.councils import load_library
from protocheck.draft.check import Against, check_draft
from protocheck.draft.document import read_draft
from protocheck.safeguards import council_folder, council_safeguards


def protocol(numbered: bool, renumber: int) -> list[str]:
    council = load_library().find("north-west-leicestershire")
    out = []
    for n, paragraph in enumerate(council.paragraphs):
        number = f"{n // 9 + 1 + renumber}.{n % 9 + 1} " if numbered else ""
        out += [f"{number}{' '.join(paragraph.text.split())}", ""]
    return out


def references(i: int) -> list[str]:
    return [f"{i}.{k + 1} See paragraphs {i}.{k} and {i + 7}.{k} below." for k in range(40)]


def disorder(i: int) -> list[str]:
    return [f"{(i * 7919) % 97}.{k % 13} Text." for k in range(40)]


SHAPES = {
    "protocol, renumbered": lambda i: protocol(True, i),
    "protocol, unnumbered": lambda i: protocol(False, 0),
    "references": lambda i: [*references(i), ""],
    "numbers in every order": lambda i: [*disorder(i), ""],
}


def text_of(shape: str, size: int) -> str:
    lines: list[str] = ["# A draft", ""]
    total, i = 0, 0
    while total < size:
        i += 1
        more = SHAPES[shape](i)
        lines += more
        total += sum(len(line) + 1 for line in more)
    return "\n".join(lines) + "\n"


def timed(path: Path, target: Against) -> float:
    start = time.perf_counter()
    check_draft(read_draft(path), [target])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=120, help="base size in KB (default 120)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    council = load_library().find("north-west-leicestershire")
    folder = council_folder(council.slug)
    assert folder is not None
    target = Against(council, council_safeguards(council, folder), ())
    sizes = [args.base * 1000 * k for k in (1, 2, 4)]
    print(f"{'shape':<26}" + "".join(f"{s // 1000:>9} KB" for s in sizes) + "   ratios")
    with tempfile.TemporaryDirectory() as temporary:
        for shape in SHAPES:
            paths = []
            for size in sizes:
                path = Path(temporary) / f"{len(paths)}.md"
                path.write_text(text_of(shape, size), encoding="utf-8")
                paths.append(path)
            samples: list[list[float]] = [[] for _ in sizes]
            for _ in range(args.runs):
                for n, path in enumerate(paths):
                    samples[n].append(timed(path, target))
            medians = [statistics.median(s) for s in samples]
            ratios = " ".join(f"{m / medians[0]:.1f}" for m in medians)
            times = "".join(f"{m * 1000:>9.0f} ms" for m in medians)
            print(f"{shape:<26}{times}   {ratios}")


if __name__ == "__main__":
    main()
