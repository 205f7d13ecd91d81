"""Which topic files each council has, kept between runs while its topics folder is unchanged.

Knowing that every council is up to date means listing each one's topics folder on every
run (a topic file added is a change, even one its council.yaml does not list). A listing
costs several system calls where a stat costs one, so each folder's listing is kept beside
its stat (size, modification and change times, inode), and used again while they are
the same. A folder's times change when a file is added, removed or renamed in it, but
a file system that keeps times coarsely (a second, or two on some) could miss a second
change made in the same tick; so a listing is kept only once the folder has been still
for longer than that (`files.settled`, Git's "racily clean" rule for its index, though Git
compares with the index file's own time, where this compares with the clock: a network file
server whose clock is more than three seconds behind this machine's could still hide such a
change).
"""

from __future__ import annotations

import os
import time
from typing import Any

from .files import settled

Key = tuple[int, int, int, int]


class Listings:
    """Each folder's files ending in `suffix` (each topics folder's `.yaml` files; each
    rules folder's everything), sorted, listed afresh only when the folder changed;
    `changed` says whether one newly kept should be saved."""

    def __init__(
        self, kept: dict[str, tuple[Key, tuple[str, ...]]] | None = None, suffix: str = ".yaml"
    ):
        self.kept = kept or {}
        self.suffix = suffix
        self.changed = False
        self._now: int | None = None

    def names(self, folder: str) -> tuple[str, ...]:
        """The folder's files ending in the suffix, sorted; none if it is not there."""
        try:
            s = os.stat(folder)
        except OSError:
            return ()
        key = (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)
        found = self.kept.get(folder)
        if found is not None and found[0] == key:
            return found[1]
        names = _listed_now(folder, self.suffix)
        if names is None:
            return ()  # not kept: an error that passes must not outlast this run
        if self._now is None:
            self._now = time.time_ns()  # once a run: thousands of folders may be listed
        if settled(s, self._now):
            self.kept[folder] = (key, names)
            self.changed = True
        elif found is not None:
            del self.kept[folder]
            self.changed = True
        return names

    def data(self, folders: list[str]) -> dict[str, Any]:
        """The listings of these folders as kept, in their order (null where none is):
        each distinct list of names once, as councils copied from one share theirs."""
        lists: dict[tuple[str, ...], int] = {}
        rows: list[list[int] | None] = []
        for folder in folders:
            found = self.kept.get(folder)
            if found is None:
                rows.append(None)
            else:
                rows.append([*found[0], lists.setdefault(found[1], len(lists))])
        return {"names": [list(names) for names in lists], "folders": rows}


def read_listings(data: Any, folders: list[str], suffix: str = ".yaml") -> Listings:
    """Listings as saved by `Listings.data` for these folders; none kept if in any doubt."""
    try:
        lists = [_names(names) for names in data["names"]]
        rows = data["folders"]
        if not isinstance(rows, list) or len(rows) != len(folders):
            raise ValueError("not the folders' listings")
        kept = {}
        for folder, row in zip(folders, rows, strict=True):
            if row is not None:
                kept[folder] = _listing(row, lists)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return Listings(suffix=suffix)
    return Listings(kept, suffix)


def _listing(row: Any, lists: list[tuple[str, ...]]) -> tuple[Key, tuple[str, ...]]:
    size, modified, changed, inode, number = row
    if not type(size) is type(modified) is type(changed) is type(inode) is type(number) is int:
        raise ValueError("not a listing")
    if not 0 <= number < len(lists):
        raise ValueError("not a list's number")
    return (size, modified, changed, inode), lists[number]


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise ValueError("not a list of names")
    return tuple(value)


def _listed_now(folder: str, suffix: str) -> tuple[str, ...] | None:
    try:
        return tuple(sorted(n for n in os.listdir(folder) if n.endswith(suffix)))
    except OSError:
        return None
