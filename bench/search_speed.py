#!/usr/bin/env python3
"""Search speed: `protocheck search "silent copies"` on this tree against a git revision.

Whole processes, as a user runs them, interleaved so that a busy machine slows both alike:

- warm: the cache holds the councils and the search index;
- new index: the councils are cached but the index is not (the first search after a rules
  change, or after upgrading protocheck);
- cold: an empty cache folder (the first command after installing).

Prints medians side by side and this tree's time as a ratio of the revision's.

    python bench/search_speed.py [--baseline main] [--runs 15]

Not a test: timings belong in a benchmark, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_quality import export

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["search", "silent copies"]


def once(tree: Path, cache: Path, mode: str) -> float:
    """One search in a fresh process, after readying the cache as the mode says."""
    if mode == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    elif mode == "new index":
        for index in cache.glob("index-*.sqlite"):
            index.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCHECK_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run compiled modules, so time those
    env.update(PROTOCHECK_CACHE_DIR=str(cache), PYTHONPATH=str(tree))
    command = [sys.executable, "-m", "protocheck", *ARGS]
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=tree, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    modes = ("warm", "new index", "cold")
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "base"
        base.mkdir()
        trees = {f"{args.baseline} (before)": export(args.baseline, base), "this tree": ROOT}
        caches = {name: Path(work) / f"cache-{n}" for n, name in enumerate(trees)}
        times = {(name, mode): [] for name in trees for mode in modes}
        for name, tree in trees.items():  # warm the OS file cache and the protocheck cache
            once(tree, caches[name], "cold")
        for _ in range(args.runs):
            for mode in modes:
                for name, tree in trees.items():
                    times[name, mode].append(once(tree, caches[name], mode))
    before, after = trees
    print(f'protocheck {" ".join(ARGS[:1])} "{ARGS[1]}", median of {args.runs} runs')
    print(f"{'cache':<10} {before:>16} {after:>12} {'ratio':>7}")
    for mode in modes:
        old = statistics.median(times[before, mode])
        new = statistics.median(times[after, mode])
        print(f"{mode:<10} {old * 1000:13.1f} ms {new * 1000:9.1f} ms {new / old:6.2f}x")


if __name__ == "__main__":
    main()
