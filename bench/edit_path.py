#!/usr/bin/env python3
"""Where the time goes when a command follows an edit to one council (goal 3 of issue 14).

An edit to a council's paragraphs means the next search reads that council from YAML again
and writes its index rows afresh. This edits a word of CJC's first paragraph before each run
(as `bench/scale.py` does), runs `search` in a child process with the steps timed from
inside, and prints the median of each step beside the same search with nothing edited:

    python bench/edit_path.py --runs 9

The steps: importing ruamel's C parser, importing protocheck's loaders, parsing the
council's files, building the council (less the parsing), writing its cache entry, and
indexing it again (`index_store._refresh` or remove and add) with the commit. What is left
of the difference is first-use costs and the exit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITED, WORDS = "cjc", "relations with one another."

# The child: the CLI as the launcher runs it, with each step wrapped in a timer.
CHILD = r"""
import json, sys, time
T = time.perf_counter
spent = {}
def timed(owner, name, label):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = T()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0) + T() - start
    setattr(owner, name, wrapper)
from protocheck.launcher import _imported
main = _imported()
from protocheck import councils, index_store, store
read_again = councils._Loader._load
def load(self, position):
    start = T()
    import ruamel.yaml.cyaml
    spent["ruamel import"] = T() - start
    start = T()
    import protocheck.loader, protocheck.lock
    from protocheck import yamlfile
    spent["loader imports"] = T() - start
    timed(yamlfile, "parse_yaml", "parse")
    councils._Loader._load = read_again  # time only the first council read again
    start = T()
    try:
        return read_again(self, position)
    finally:
        spent["read again"] = T() - start
councils._Loader._load = load
timed(store, "write", "cache entry")
timed(index_store, "_update", "update")
sys.argv = ["protocheck", "search", "silent copies"]
start = T()
try:
    main()
except SystemExit:
    pass
spent["whole command"] = T() - start
sys.stderr.write(json.dumps(spent) + "\n")
"""


def child(env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return json.loads(done.stderr.decode().strip().splitlines()[-1])


def steps(spent: dict[str, float]) -> dict[str, float]:
    """The child's timers as the steps this prints."""
    if "read again" not in spent:
        return {"whole command": spent["whole command"]}
    parse, entry = spent.get("parse", 0), spent.get("cache entry", 0)
    imports = spent["ruamel import"] + spent["loader imports"]
    return {
        "ruamel import": spent["ruamel import"],
        "loader imports": spent["loader imports"],
        "parse the council's files": parse,
        "build the council and encode it": spent["read again"] - parse - entry,
        "write its cache entry": entry,
        "index it again, and commit": spent["update"] - imports - spent["read again"],
        "whole command": spent["whole command"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rules, cache = Path(folder) / "rules", Path(folder) / "cache"
        shutil.copytree(ROOT / "rules", rules)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCHECK_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run compiled modules
        env.update(
            PROTOCHECK_RULES=str(rules),
            PROTOCHECK_NO_SHIPPED_RULES="1",
            PROTOCHECK_CACHE_DIR=str(cache),
            PYTHONPATH=str(ROOT),
        )
        paragraphs = rules / EDITED / "paragraphs.yaml"
        original = paragraphs.read_text(encoding="utf-8")
        if WORDS not in original:
            raise SystemExit(f"bench: {paragraphs} no longer holds {WORDS!r} to edit")
        time.sleep(3.1)  # as settled as a user's files (`files.SETTLED_NS`)
        child(env)  # build the cache and the index
        warm, edited = [], []
        for run in range(args.runs):
            warm.append(steps(child(env)))
            paragraphs.write_text(original.replace(WORDS, f"{WORDS[:-1]} ({run}).", 1))
            edited.append(steps(child(env)))
    report(warm, edited)


def report(warm: list[dict[str, float]], edited: list[dict[str, float]]) -> None:
    def median(runs: list[dict[str, float]], step: str) -> float:
        return statistics.median(r.get(step, 0) for r in runs) * 1000

    print(f"{'step (after an edit to one word of CJC)':<42} {'median':>9}")
    for step in edited[0]:
        print(f"{step:<42} {median(edited, step):6.1f} ms")
    whole = median(warm, "whole command")
    print(f"{'the same search, nothing edited':<42} {whole:6.1f} ms")
    print(f"{'difference':<42} {median(edited, 'whole command') - whole:6.1f} ms")


if __name__ == "__main__":
    main()
