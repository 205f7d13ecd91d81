"""The search index: SQLite's FTS5 (in Python's own sqlite3) over protocheck's own stems.

Paragraphs go in as the stems `words` makes of them, so search finds exactly the words compare
finds, and FTS5 does the rest: postings, phrases and BM25 ranking. A list's lead-in ("As
Members and officers we:") is not a document of its own; its words count, more lightly, for
each of its items. Topics (questionnaires) have a small table of their own. The file is built
beside its place and moved in whole; any problem reading it just means building it again.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import NamedTuple

from .errors import ProtocheckError
from .files import partial_name
from .library import Library
from .models import Council, Questionnaire
from .refs import lead_ins
from .words import STOPWORDS, folded, stem, stemmer_version, stems

FTS = "fts5"  # the SQLite module; a test swaps the name to see a Python without it
FORMAT = "fts5-1"
HEAD_WEIGHT, BODY_WEIGHT = 0.5, 1.0  # a heading or lead-in says less than the paragraph

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE council (slug TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID;
CREATE TABLE word (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE paragraph USING {fts}(
    council UNINDEXED, ref UNINDEXED, lead UNINDEXED, head, body, tokenize = 'ascii');
CREATE VIRTUAL TABLE topic USING {fts}(
    council UNINDEXED, name UNINDEXED, id UNINDEXED, title UNINDEXED, words, tokenize = 'ascii');
CREATE VIRTUAL TABLE topic_terms USING fts5vocab(topic, 'row');
"""


class NoFullTextSearch(ProtocheckError):
    """This Python's SQLite was built without FTS5, which search needs."""

    def __init__(self) -> None:
        super().__init__(
            "search needs SQLite's FTS5, which this Python's sqlite3 lacks; install a Python "
            "from python.org or your system's packages (explain and compare work without it)"
        )


class Row(NamedTuple):
    """A paragraph found: where it is, its list's lead-in if it is an item, and its score."""

    council: str
    ref: str
    lead: str | None
    score: float


class TopicRow(NamedTuple):
    council: str
    council_name: str
    id: str
    title: str
    stems: tuple[str, ...]
    score: float


class Index:
    """An index open for reading; closed with the object, not left to chance."""

    def __init__(self, connection: sqlite3.Connection):
        self._db = connection
        weakref.finalize(self, connection.close)

    def known(self, stems_wanted: Iterable[str]) -> set[str]:
        """Which of these stems some paragraph has."""
        wanted = sorted(set(stems_wanted))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT DISTINCT stem FROM word WHERE stem IN ({marks})", wanted)
        return {stem for (stem,) in rows}

    def near(self, word: str) -> tuple[str, str] | None:
        """The protocols' word closest in spelling to `word`, with its stem, if one is close."""
        import difflib

        if len(word) < 4:
            return None
        rows = self._db.execute(
            "SELECT word, stem FROM word WHERE word >= ? AND word < ? AND length(word) "
            "BETWEEN ? AND ?",
            (word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2),
        ).fetchall()
        stems_of = dict(rows)
        best = difflib.get_close_matches(word, list(stems_of), n=1, cutoff=0.8)
        return (best[0], stems_of[best[0]]) if best else None

    def match(self, expression: str, council: str | None, limit: int | None) -> list[Row]:
        """Paragraphs matching an FTS5 expression, best first."""
        where, args = "paragraph MATCH ?", [expression]
        if council is not None:
            span = self._db.execute(
                "SELECT first, last FROM council WHERE slug = ?", (council,)
            ).fetchone()
            if span is None:
                return []
            where += " AND rowid BETWEEN ? AND ?"
            args += list(span)
        sql = (
            f"SELECT council, ref, lead, bm25(paragraph, 0, 0, 0, {HEAD_WEIGHT}, {BODY_WEIGHT})"
            f" AS score FROM paragraph WHERE {where} ORDER BY score, rowid"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [Row(c, r, lead, -score) for c, r, lead, score in self._db.execute(sql, args)]

    def topics(self, expression: str, council: str | None) -> list[TopicRow]:
        sql = (
            "SELECT council, name, id, title, words, bm25(topic) AS score FROM topic "
            "WHERE topic MATCH ?" + (" AND council = ?" if council else "") + " ORDER BY score"
        )
        args = [expression, council] if council else [expression]
        return [
            TopicRow(c, n, i, t, tuple(w.split()), -s)
            for c, n, i, t, w, s in self._db.execute(sql, args)
        ]

    def topic_counts(self) -> tuple[int, dict[str, int]]:
        """How many topics there are, and how many hold each stem."""
        (total,) = self._db.execute("SELECT count(*) FROM topic").fetchone()
        return total, dict(self._db.execute("SELECT term, doc FROM topic_terms"))


def open_index(path: Path, key: str) -> Index | None:
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
        if rows.get("key") == key and rows.get("format") == _format():
            connection.execute("SELECT rowid FROM paragraph LIMIT 1")  # FTS5 is there to read it
            return Index(connection)
    except sqlite3.Error:
        pass
    connection.close()
    return None


def memory_index(library: Library) -> Index:
    """An index built for this run only (the cache is off or cannot be written)."""
    connection = sqlite3.connect(":memory:")
    _fill(connection, "", library)
    return Index(connection)


def write_index(path: Path, key: str, library: Library) -> Index:
    """Build the file beside its place and move it in whole; on any error, build in memory."""
    temporary = path.with_name(partial_name(path.name))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with closing(sqlite3.connect(temporary)) as db:
            _fill(db, key, library)
            db.commit()
        os.replace(temporary, path)
    except NoFullTextSearch:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error):
        with suppress(OSError):  # the folder itself may be what failed
            temporary.unlink(missing_ok=True)
        return memory_index(library)
    return open_index(path, key) or memory_index(library)


def _format() -> str:
    return f"{FORMAT}/{stemmer_version()}"


def _fill(db: sqlite3.Connection, key: str, library: Library) -> None:
    try:
        db.executescript(_SCHEMA.format(fts=FTS))
    except sqlite3.OperationalError as exc:
        if "no such module" in str(exc):
            raise NoFullTextSearch() from None
        raise
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("key", key), ("format", _format())])
    words: dict[str, str] = {}
    for council in library.councils:
        (first,) = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM paragraph").fetchone()
        db.executemany(
            "INSERT INTO paragraph (council, ref, lead, head, body) VALUES (?, ?, ?, ?, ?)",
            _paragraph_rows(council, words),
        )
        (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM paragraph").fetchone()
        db.execute("INSERT INTO council VALUES (?, ?, ?)", (council.slug, first, last))
        for topic in council.questionnaires:
            _vocabulary(words, topic.title, *topic.keywords)
            db.execute(
                "INSERT INTO topic (council, name, id, title, words) VALUES (?, ?, ?, ?, ?)",
                (council.slug, council.name, topic.id, topic.title, _topic_stems(topic)),
            )
    db.executemany("INSERT INTO word VALUES (?, ?)", words.items())


def _paragraph_rows(council: Council, words: dict[str, str]) -> Iterator[tuple]:
    leads = lead_ins(council)
    heads = set(leads.values())
    for paragraph in council.paragraphs:
        _vocabulary(words, paragraph.where, paragraph.text)
        if paragraph.ref in heads:
            continue  # a lead-in counts for its items, never on its own
        lead = leads.get(paragraph.ref)
        lead_text = council.paragraph(lead).text if lead else ""
        head = _joined(paragraph.where, lead_text)
        yield council.slug, paragraph.ref, lead, head, _joined(paragraph.text)


def _vocabulary(words: dict[str, str], *texts: str) -> None:
    """The words a misspelling may be corrected to: real words, not numbers or initials."""
    for text in texts:
        for word in folded(text):
            if len(word) > 2 and word not in words and word.isalpha() and word not in STOPWORDS:
                words[word] = stem(word)


def _topic_stems(topic: Questionnaire) -> str:
    """Title and keywords, each kept apart so that no phrase runs from one into the next."""
    return " | ".join(_joined(text) for text in (topic.title, *topic.keywords))


def _joined(*texts: str) -> str:
    return " ".join(s for text in texts for s in stems(text))
