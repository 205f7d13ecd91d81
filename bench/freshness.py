#!/usr/bin/env python3
"""What knowing that every council is up to date costs: the floor under every all-council
command (search, compare, `explain REF`, `ask --all-councils`, list).

Each run stats every file each council is made of, so that an edit in place (which leaves the
folder's own times alone) is still seen. This times that check over N councils built as
`bench/scale.py` builds them, against reading the library's manifest, and prints the cost
per council and per file: the part of an all-council command that grows with the councils
installed however the rest is done.

    python bench/freshness.py --councils 500 --runs 7

It times the check both ways a run may make it: listing each council's topics folder (the
first run, or after one changed), and with each folder's listing kept (a stat of the folder
instead: `protocheck/listings.py`).
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
from protocheck.listings import Listings


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
        kept = Listings(suffix=".yaml")
        for folder in folders:
            kept.kept[_topics(folder)] = (_key(_topics(folder)), _listing(folder))
        listing, keeping = [], []
        for _ in range(args.runs):  # side by side, so that a busy machine slows both alike
            start = time.perf_counter()
            for folder in folders:
                _council_stamp(folder, OWN_FILES, Listings().names(_topics(folder)))
            listing.append(time.perf_counter() - start)
            start = time.perf_counter()
            for folder in folders:
                _council_stamp(folder, OWN_FILES, kept.names(_topics(folder)))
            keeping.append(time.perf_counter() - start)
    count = len(folders)
    for said, times in (("listing each topics folder", listing), ("its listing kept", keeping)):
        median = statistics.median(times)
        print(f"{count} councils, {files} files, {said}: every file stat-ed in "
              f"{median * 1000:.1f} ms ({median / count * 1e6:.0f} us a council)")  # fmt: skip


def _listing(folder: str) -> tuple[str, ...]:
    """A council's topic files, as a kept listing holds them."""
    return tuple(sorted(name for name in _files(folder) if name not in OWN_FILES))


def _topics(folder: str) -> str:
    return os.path.join(folder, TOPICS_DIR)


def _key(folder: str) -> tuple[int, int, int, int]:
    """What `Listings` keeps a listing under (as `Listings.names` reads it)."""
    try:
        s = os.stat(folder)
    except OSError:
        return (-1, -1, -1, -1)
    return (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)


if __name__ == "__main__":
    main()
