#!/usr/bin/env python3
"""Start-up benchmark: whole processes, as a user runs them.

Times `protocheck explain 7.3` and `protocheck ask --answers <example>` against a bare
`python -c "import typer"`, interleaving the three so that a busy machine slows them alike, and
prints medians and ratios. The goal: explain within 1.3x a bare `import typer`.

    python bench/startup.py [--runs 30]

Not a test: timings belong in a benchmark, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ratios import print_ratios

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = (
    ROOT
    / "examples"
    / "scenarios"
    / "north-west-leicestershire"
    / "member-requests-member-work-junior-not-allowed.yaml"
)


def protocheck() -> list[str]:
    script = Path(sys.executable).with_name("protocheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("protocheck")
    return [found] if found else [sys.executable, "-m", "protocheck"]


def once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    scenario = SCENARIO if SCENARIO.exists() else next(ROOT.glob("examples/scenarios/*/*.yaml"))
    commands = {
        "python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "protocheck explain 7.3": [*protocheck(), "explain", "7.3", "--council", "nwl"],
        f"protocheck ask --answers {scenario.name}": [
            *protocheck(),
            "ask",
            "--answers",
            str(scenario),
        ],
    }
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PROTOCHECK_CACHE_DIR": cache}
        for command in commands.values():  # warm the cache and the OS file cache
            once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(once(command, env))
    print_ratios(times, "python -c 'import typer'", "command")


if __name__ == "__main__":
    main()
