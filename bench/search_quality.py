#!/usr/bin/env python3
"""Search quality: the search set (tests/search_set.yaml) scored on this tree and another.

Runs every search through the real CLI (`search QUERY [-c COUNCIL] -f json -n 3`) of this
working tree and of a git revision (default `main`), side by side, and prints for each the
share of searches whose expected paragraph comes first and comes in the first three, then the
searches either one misses.

    python bench/search_quality.py [--baseline REV]

The test suite holds this tree to every search in the first three; this script is for the
before-and-after figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "search_set.yaml"


def export(revision: str, into: Path) -> Path:
    """The tree of a git revision, unpacked into a folder, to run as it was."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def ranks(tree: Path, searches: list[dict], cache: Path) -> list[int | None]:
    """For each search, where its expected paragraph came (1, 2, 3) or None."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCHECK_")}
    env.update(PROTOCHECK_CACHE_DIR=str(cache), PYTHONPATH=str(tree))
    found: list[int | None] = []
    for search in searches:
        args = ["search", search["query"], "-f", "json", "-n", "3"]
        if search.get("council"):
            args += ["-c", search["council"]]
        run = subprocess.run(
            [sys.executable, "-m", "protocheck", *args],
            env=env,
            cwd=tree,
            capture_output=True,
            text=True,
        )
        hits = json.loads(run.stdout)["hits"] if run.returncode == 0 else []
        got = [f"{h['council']} {h['ref']}" for h in hits]
        found.append(got.index(search["expect"]) + 1 if search["expect"] in got else None)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    args = parser.parse_args()
    searches = YAML(typ="safe").load(SET.read_text(encoding="utf-8"))["searches"]
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "base"
        base.mkdir()
        export(args.baseline, base)
        results = {
            f"{args.baseline} (before)": ranks(base, searches, Path(work) / "cache-base"),
            "this tree (after)": ranks(ROOT, searches, Path(work) / "cache-tree"),
        }
    total = len(searches)
    print(f"{total} searches")
    print(f"{'version':<22} {'first':>7} {'top 3':>7}")
    for name, found in results.items():
        first = sum(r == 1 for r in found)
        top3 = sum(r is not None for r in found)
        print(f"{name:<22} {first / total:7.0%} {top3 / total:7.0%}")
    for name, found in results.items():
        missed = [s for s, r in zip(searches, found, strict=True) if r is None]
        print(f"\nmissed by {name}: {len(missed)}")
        for search in missed:
            where = f" -c {search['council']}" if search.get("council") else ""
            print(f"  {search['query']!r}{where} -> {search['expect']}")


if __name__ == "__main__":
    main()
