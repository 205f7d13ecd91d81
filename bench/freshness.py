#!/usr/bin/env python3
"""What knowing that every council is up to date costs: the floor under every all-council
command (search, compare, `explain REF`, `ask --all-councils`, list).

Each run stats every file each council is made of, so that an edit in place (which leaves the
folder's own times alone) is still seen. This times that check over N councils built as
`bench/scale.py` builds them, against reading the library's manifest, and prints the cost
per council and per file: the part of an all-council command that grows with the councils
installed however the rest is done.

    python bench/freshness.py --councils 500 --runs 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale

from protocheck.councils import OWN_FILES, _council_stamp
from protocheck.library import TOPICS_DIR, council_dirs


def _files(folder: str) -> list[str]:
    """The files `_council_stamp` stats for a council: its own (there or not), its topics."""
    own = list(OWN_FILES)
    topics = os.path.join(folder, TOPICS_DIR)
    listed = os.listdir(topics) if os.path.isdir(topics) else []
    return own + [name for name in listed if name.endswith(".yaml")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "rules"
        scale.build(root, args.councils)
        folders = [os.path.abspath(d) for d in council_dirs([root])]
        files = sum(len(_files(folder)) for folder in folders)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for folder in folders:
                _council_stamp(folder)
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{len(folders)} councils, {files} files: every file stat-ed in {median * 1000:.1f} ms")
    print(f"  {median / len(folders) * 1e6:.0f} us a council, {median / files * 1e6:.2f} us a file")


if __name__ == "__main__":
    main()
