"""The search index on disk, in SQLite (Python's own), so a search reads only what it needs.

One row a term holds that term's postings as two packed arrays (documents and counts): with
hundreds of councils installed, a search reads a handful of rows instead of parsing an index
of every word. The file is built beside the cache's other files and moved into place whole;
any problem reading it just means building the index again.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from array import array
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path

from .files import partial_name
from .search import MemoryIndex

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE doc (id INTEGER PRIMARY KEY, council TEXT NOT NULL, ref TEXT NOT NULL);
CREATE TABLE council (slug TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID;
CREATE TABLE posting (term TEXT PRIMARY KEY, docs BLOB, counts BLOB) WITHOUT ROWID;
"""
_MAX_COUNT = 0xFFFF  # counts are packed as 16-bit; no paragraph repeats a word that often


class StoredIndex:
    """An index read from disk a term at a time; see search.Index for what each method means."""

    def __init__(self, connection: sqlite3.Connection, lengths: array):
        self._db = connection
        self.lengths = lengths
        weakref.finalize(self, connection.close)  # closed with the index, not left to chance

    def postings(self, term: str) -> Iterator[tuple[int, int]]:
        row = self._db.execute(
            "SELECT docs, counts FROM posting WHERE term = ?", (term,)
        ).fetchone()
        if row is None:
            return iter(())
        docs, counts = array("I"), array("H")
        docs.frombytes(row[0])
        counts.frombytes(row[1])
        return zip(docs, counts, strict=True)

    def doc(self, doc: int) -> tuple[str, str]:
        council, ref = self._db.execute(
            "SELECT council, ref FROM doc WHERE id = ?", (doc,)
        ).fetchone()
        return council, ref

    def span(self, slug: str) -> tuple[int, int] | None:
        row = self._db.execute("SELECT first, last FROM council WHERE slug = ?", (slug,)).fetchone()
        return None if row is None else (row[0], row[1])


def open_index(path: Path, key: str) -> StoredIndex | None:
    """The stored index if it was built from exactly these rules files, else None."""
    try:
        if not path.is_file():
            return None
    except OSError:  # a cache folder the system will not look in: build the index afresh
        return None
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error:
        return None
    try:
        rows = dict(connection.execute("SELECT name, value FROM meta"))
        if rows.get("key") == key and rows.get("byteorder") == _byteorder():
            lengths = array("I")
            lengths.frombytes(rows["lengths"])
            return StoredIndex(connection, lengths)
    except (sqlite3.Error, KeyError, TypeError, ValueError):
        pass
    connection.close()
    return None


def write_index(path: Path, key: str, index: MemoryIndex) -> None:
    """Build the file beside its place and move it in whole; quietly give up on any error."""
    temporary = path.with_name(partial_name(path.name))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with closing(sqlite3.connect(temporary)) as db:
            _fill(db, key, index)
            db.commit()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error, OverflowError):
        with suppress(OSError):  # the folder itself may be what failed
            temporary.unlink(missing_ok=True)


def _fill(db: sqlite3.Connection, key: str, index: MemoryIndex) -> None:
    db.executescript(_SCHEMA)
    meta = {"key": key, "byteorder": _byteorder(), "lengths": array("I", index.lengths).tobytes()}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.executemany(
        "INSERT INTO doc VALUES (?, ?, ?)",
        ((n, slug, ref) for n, (slug, ref) in enumerate(index.docs)),
    )
    db.executemany(
        "INSERT INTO council VALUES (?, ?, ?)", ((s, *r) for s, r in index.spans.items())
    )
    db.executemany(
        "INSERT INTO posting VALUES (?, ?, ?)",
        (
            (
                term,
                array("I", (doc for doc, _ in postings)).tobytes(),
                array("H", (min(count, _MAX_COUNT) for _, count in postings)).tobytes(),
            )
            for term, postings in index.terms.items()
        ),
    )


def _byteorder() -> str:
    """Arrays are stored in this machine's byte order; a cache copied elsewhere is rebuilt."""
    import sys

    return f"{sys.byteorder}/{array('I').itemsize}/{array('H').itemsize}"
