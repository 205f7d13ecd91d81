"""The search index: SQLite's FTS5 (in Python's own sqlite3) over protocheck's own stems.

Paragraphs go in as the stems `words` makes of them, so search finds exactly the words compare
finds, and FTS5 does the rest: postings, phrases and BM25 ranking. A list's lead-in ("As
Members and officers we:") is not a document of its own; its words count, more lightly, for
each of its items. Topics (questionnaires) have a small table of their own. The file is built
beside its place and moved in whole; any problem reading it just means building it again.
Each council's text is kept beside its search rows, written and removed with them: see
`stored_text`, which reads it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, suppress
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ProtocheckError
from .files import partial_name
from .models import Council, Questionnaire
from .store import digest
from .stored_text import (
    DamagedIndex,
    HeldText,
    Stored,
    add_text,
    held_text,
    refresh_text,
    remove_text,
    words_and_stems,
)
from .words import STOPWORDS, folded, stem, stemmer_stamp, stemmer_version, stems

FTS = "fts5"  # the SQLite module; a test swaps the name to see a Python without it
FORMAT = "fts5-14"
STEMMER_FILE = "stemmer-file"  # meta's row for the stamp of the stemmer's module file
HEAD_WEIGHT, BODY_WEIGHT = 0.5, 1.0  # a heading or lead-in says less than the paragraph

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE council (slug TEXT PRIMARY KEY, version TEXT NOT NULL, first INTEGER NOT NULL,
    last INTEGER NOT NULL, topics INTEGER NOT NULL, stems INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE added (slug TEXT PRIMARY KEY, topics TEXT NOT NULL, words TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE word (word TEXT PRIMARY KEY, stem TEXT NOT NULL, uses INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE VIRTUAL TABLE paragraph USING {fts}(
    council UNINDEXED, ref UNINDEXED, lead UNINDEXED, shown UNINDEXED, head, body,
    tokenize = 'ascii');
CREATE VIRTUAL TABLE topic USING {fts}(
    council UNINDEXED, name UNINDEXED, id UNINDEXED, title UNINDEXED, shown UNINDEXED, words,
    tokenize = 'ascii');
CREATE VIRTUAL TABLE topic_terms USING fts5vocab(topic, 'row');
CREATE TABLE about (slug TEXT PRIMARY KEY, council TEXT NOT NULL, roles TEXT NOT NULL,
    unresolved TEXT NOT NULL, paragraphs TEXT NOT NULL, cited TEXT NOT NULL, facts BLOB NOT NULL)
    WITHOUT ROWID;
CREATE TABLE text (id INTEGER PRIMARY KEY, council TEXT NOT NULL, ref TEXT NOT NULL,
    refkey TEXT NOT NULL, section TEXT NOT NULL, headkey TEXT NOT NULL, short TEXT NOT NULL,
    short_section TEXT NOT NULL, cited_by TEXT NOT NULL, paragraph TEXT NOT NULL,
    stems TEXT NOT NULL, words TEXT NOT NULL);
CREATE INDEX text_council ON text (council, id);
CREATE INDEX text_refkey ON text (refkey);
CREATE INDEX text_section ON text (section);
CREATE INDEX text_headkey ON text (headkey);
CREATE INDEX text_short ON text (short);
CREATE INDEX text_short_section ON text (short_section);
CREATE VIRTUAL TABLE passage USING {fts}(stems, words, content = 'text', content_rowid = 'id',
    detail = 'column', tokenize = 'ascii');
CREATE TABLE topic_about (council TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL,
    theme TEXT, keywords TEXT NOT NULL, headlines TEXT NOT NULL, topic BLOB NOT NULL);
CREATE TABLE compared (theme TEXT NOT NULL, council TEXT NOT NULL, passages TEXT NOT NULL,
    PRIMARY KEY (theme, council)) WITHOUT ROWID;
CREATE INDEX topic_about_id ON topic_about (id);
CREATE INDEX topic_about_theme ON topic_about (theme);
CREATE INDEX topic_about_council ON topic_about (council);
CREATE INDEX compared_council ON compared (council);
CREATE INDEX about_slug ON about (slug);
CREATE INDEX added_slug ON added (slug);
"""
# about_slug and added_slug hold the slugs alone: `_sound` counts those tables' rows on every
# run, and without them would read every council's text to do it (0.4 ms at 500 councils).


_WORDS = "length({0}) - length(replace({0}, ' ', '')) + ({0} != '')"  # stems in a column
_SIZE = f"sum({_WORDS.format('head')} + {_WORDS.format('body')})"


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
    body: str = ""  # the stems indexed, which a hit's paragraph must still give
    head: str = ""  # the stems of its heading and lead-in
    others: tuple[str, ...] = ()  # other councils where the same ref reads the same


# council, ref, lead, what a hit shows (`_shown`), body stems, head stems
Found = tuple[str, str, str | None, str, str, str]
# council, name, id, title, what its advice rests on (`_shown`), stems, BM25
TopicFound = tuple[str, str, str, str, str, str, float]


class Index:
    """An index open for reading; closed with the object, not left to chance."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None):
        self._db = connection
        self.path = path  # where it is kept; None for one held in memory for this run
        self.forgotten = False  # found damaged, closed and removed
        weakref.finalize(self, connection.close)

    def forget(self) -> None:
        """Close and remove a stored index found damaged: the next command builds it anew."""
        self.forgotten = True
        self._db.close()
        if self.path is not None:
            with suppress(OSError):
                self.path.unlink()

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
        """Paragraphs matching an FTS5 expression, best first by FTS5's BM25."""
        score = f"bm25(paragraph, 0, 0, 0, 0, {HEAD_WEIGHT}, {BODY_WEIGHT})"
        found = self._matching(expression, council, limit, score, "score, rowid")
        return [Row(c, r, lead, -score, body, head) for c, r, lead, score, body, head, _ in found]

    def matching(self, expression: str, council: str | None) -> list[Found]:
        """Paragraphs matching an FTS5 expression, in the index's order, unscored: for a
        caller that ranks them itself (and, at hundreds of councils, each text once)."""
        found = self._matching(expression, council, None, "0", "rowid")
        return [(c, r, lead, shown, body, head) for c, r, lead, _, body, head, shown in found]

    def _matching(
        self, expression: str, council: str | None, limit: int | None, score: str, order: str
    ) -> list[tuple]:
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
            f"SELECT council, ref, lead, {score} AS score, body, head, shown FROM paragraph"
            f" WHERE {where} ORDER BY {order}"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5: syntax error" in str(exc):
                raise
            raise DamagedIndex(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise DamagedIndex(str(exc)) from None

    def statistics(self, expressions: Sequence[str]) -> tuple[int, int, list[int]]:
        """BM25's figures: how many paragraphs there are, how many words (stems) they hold
        in all, and how many match each FTS5 expression."""
        count = "SELECT count(*) FROM paragraph WHERE paragraph MATCH ?"
        try:  # each council's counts are kept as it is indexed: no paragraph is read here
            rows, total = self._db.execute(
                "SELECT coalesce(sum(last - first + 1), 0), sum(stems) FROM council"
            ).fetchone()
            found = [self._db.execute(count, (e,)).fetchone()[0] for e in expressions]
        except sqlite3.DatabaseError as exc:
            raise DamagedIndex(str(exc)) from None
        return rows, total or 0, found

    def topics(self, expression: str, council: str | None) -> list[TopicFound]:
        """Topics matching an FTS5 expression, best first: their stems as one string (for a
        caller to weigh each distinct list once) and FTS5's BM25 score, lower the better."""
        sql = (
            "SELECT council, name, id, title, shown, words, bm25(topic) AS score FROM topic "
            "WHERE topic MATCH ?" + (" AND council = ?" if council else "") + " ORDER BY score"
        )
        args = [expression, council] if council else [expression]
        return self._db.execute(sql, args).fetchall()

    @property
    def stored(self) -> Stored:
        """The councils' text, as explain and compare read it."""
        return Stored(self)

    def topic_counts(self, stems: Iterable[str]) -> tuple[int, dict[str, int]]:
        """How many topics there are, and how many hold each of these stems (looked up one by
        one: the whole vocabulary grows with the councils installed)."""
        (total,) = self._db.execute("SELECT count(*) FROM topic_docsize").fetchone()
        counts = {}
        for stem_ in sorted(set(stems)):
            found = self._db.execute("SELECT doc FROM topic_terms WHERE term = ?", (stem_,))
            counts[stem_] = next((doc for (doc,) in found), 0)
        return total, counts


def open_index(path: Path, key: str) -> Index | None:
    """The stored index if it was built by this code and can be read, else None."""
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
        if rows.get("key") == key and _same_format(connection, rows):
            _sound(connection)
            return Index(connection, path)
    except (sqlite3.Error, ValueError, TypeError):
        pass
    connection.close()
    return None


def _sound(db: sqlite3.Connection) -> None:
    """Cheap checks that every table is there and the councils' rows are where they say:
    any damage a reader could meet raises here, not later."""
    tables = ("council", "added", "word", "paragraph", "topic", "topic_terms",
              "about", "text", "passage", "topic_about", "compared")  # fmt: skip
    for table in tables:
        db.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()
    (councils,), (about,), (words,) = (
        db.execute(f"SELECT count(*) FROM {table}").fetchone()
        for table in ("council", "about", "added")
    )
    if not councils == about == words:
        raise ValueError("a council's text is missing")
    rows, topics = (
        db.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0]
        for table in ("paragraph", "topic")
    )
    said = db.execute(
        "SELECT coalesce(sum(last - first + 1), 0), coalesce(sum(topics), 0) FROM council"
    ).fetchone()
    (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM paragraph").fetchone()
    (end,) = db.execute("SELECT coalesce(max(last), 0) FROM council").fetchone()
    if (rows, topics) != said or last != end:
        raise ValueError("the rows are not where the councils say")


def update_index(
    path: Path, key: str, versions: dict[str, str], council: Callable[[str], Council]
) -> Index:
    """The stored index, with each council whose rules changed indexed again and each gone
    removed; built afresh if it is missing or damaged, in memory if it cannot be written."""
    index = open_index(path, key)
    if index is not None:
        try:
            _update(index._db, versions, council)
            return index
        except (sqlite3.Error, ValueError, TypeError):  # rows not as written
            index._db.close()
    return write_index(path, key, versions, council)


def _update(db: sqlite3.Connection, versions: dict[str, str], council: Callable) -> None:
    """Index again each council whose version changed: at a glance, by the digest of every
    council's version, where none did (as on most runs)."""
    digest = versions_digest(versions)
    if db.execute("SELECT value FROM meta WHERE name = 'versions'").fetchone() == (digest,):
        return
    held = dict(db.execute("SELECT slug, version FROM council"))
    gone = [slug for slug in held if slug not in versions]
    changed = [slug for slug, version in versions.items() if held.get(slug) != version]
    with db:
        for slug in gone:
            _remove(db, slug)
        for slug in changed:
            if slug not in held:
                _add(db, council(slug), versions[slug])
            elif not _refresh(db, fresh := council(slug), versions[slug]):
                _add(db, fresh, versions[slug], _remove(db, slug, recount=False))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('versions', ?)", (digest,))


def versions_digest(versions: dict[str, str]) -> str:
    """What the index was brought up to date from, in 16 hex digits (also `reread`'s note's)."""
    return digest("\n".join(f"{slug} {version}" for slug, version in sorted(versions.items())))


def memory_index(councils: Iterable[Council]) -> Index:
    """An index built for this run only (the cache is off or cannot be written)."""
    connection = sqlite3.connect(":memory:")
    _create(connection, "")
    for council in councils:
        _add(connection, council, "")
    return Index(connection)


def write_index(
    path: Path, key: str, versions: dict[str, str], council: Callable[[str], Council]
) -> Index:
    """Build the file beside its place, one council at a time, and move it in whole; on any
    error, build in memory."""
    temporary = path.with_name(partial_name(path.name))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with closing(sqlite3.connect(temporary)) as db:
            _create(db, key)
            for slug, version in versions.items():
                _add(db, council(slug), version)
            db.execute("INSERT INTO meta VALUES ('versions', ?)", (versions_digest(versions),))
            db.commit()
        os.replace(temporary, path)
    except NoFullTextSearch:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error):
        with suppress(OSError):  # the folder itself may be what failed
            temporary.unlink(missing_ok=True)
        return memory_index(council(slug) for slug in versions)
    return open_index(path, key) or memory_index(council(slug) for slug in versions)


def _format() -> str:
    return f"{FORMAT}/{stemmer_version()}"


def _same_format(db: sqlite3.Connection, rows: dict[str, Any]) -> bool:
    """Whether the index was built in this FORMAT with this stemmer's version. Learning the
    version means importing the stemmer (0.6 to 1.5 ms, which `compare` and `explain` never
    otherwise pay), so the index also keeps the stamp of the stemmer's file: while that is
    the same, so is the version. Where the file changed but not the version (a reinstall),
    the new stamp is kept."""
    held = rows.get("format")
    if not isinstance(held, str) or held.partition("/")[0] != FORMAT:
        return False
    stamp = stemmer_stamp()
    if stamp is not None and rows.get(STEMMER_FILE) == stamp:
        return True
    if held != _format():
        return False
    if stamp is not None:
        with suppress(sqlite3.Error), db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (STEMMER_FILE, stamp))
    return True


def _create(db: sqlite3.Connection, key: str) -> None:
    try:
        db.executescript(_SCHEMA.format(fts=FTS))
    except sqlite3.OperationalError as exc:
        if "no such module" in str(exc):
            raise NoFullTextSearch() from None
        raise
    held = [("key", key), ("format", _format()), (STEMMER_FILE, stemmer_stamp())]
    db.executemany("INSERT INTO meta VALUES (?, ?)", held)


def _add(
    db: sqlite3.Connection, council: Council, version: str, counted: set[str] | None = None
) -> None:
    """One council's paragraphs and topics, after every row already there (so each council's
    rows are one span), and its words counted once more; or, for a council just removed
    whose words are still counted (`counted`), changed by what it gained and lost."""
    words: dict[str, str] = {}
    indexed = {p.ref: words_and_stems(p.text) for p in council.paragraphs}
    (first,) = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM paragraph").fetchone()
    db.executemany(
        "INSERT INTO paragraph (council, ref, lead, shown, head, body) VALUES (?, ?, ?, ?, ?, ?)",
        _paragraph_rows(council, words, indexed),
    )
    (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM paragraph").fetchone()
    topics = []
    for topic in council.questionnaires:
        cursor = db.execute(
            "INSERT INTO topic (council, name, id, title, shown, words) VALUES (?, ?, ?, ?, ?, ?)",
            _topic_row(council, topic, words),
        )
        topics.append(str(cursor.lastrowid))
    add_text(db, council, indexed)
    _count_words(db, counted or set(), words)
    (stems,) = db.execute(
        f"SELECT coalesce({_SIZE}, 0) FROM paragraph WHERE rowid BETWEEN ? AND ?", (first, last)
    ).fetchone()
    db.execute(
        "INSERT INTO council VALUES (?, ?, ?, ?, ?, ?)",
        (council.slug, version, first, last, len(topics), stems),
    )
    db.execute(
        "INSERT INTO added VALUES (?, ?, ?)", (council.slug, " ".join(topics), " ".join(words))
    )


def _refresh(db: sqlite3.Connection, council: Council, version: str) -> bool:
    """Index again a council already held whose paragraphs and topics are the same ones in the
    same order (as after an edit to their words), writing only the rows that changed, each in
    its place: an edit to one paragraph costs one paragraph. False, having written nothing,
    where paragraphs or topics were added, removed or moved: `_remove` and `_add` do that."""
    held, text = _held_rows(db, council.slug), held_text(db, council)
    if not text.lines_up(council):
        return False
    indexed = _words_kept(council, text, held)
    words: dict[str, str] = {}
    rows = list(_paragraph_rows(council, words, indexed))
    topics = [_topic_row(council, topic, words) for topic in council.questionnaires]
    if not held.lines_up(rows, topics):
        return False
    # A topic's row holds a digest of its whole table (`_topic_shown`): where the row is as
    # held, so is everything `refresh_text` keeps of the topic.
    changed = {t[2] for old, t in zip(held.topics, topics, strict=True) if tuple(old[1:]) != t}
    refresh_text(db, council, indexed, text, changed)
    _replace_changed(
        db, "paragraph (rowid, council, ref, lead, shown, head, body)", held.paragraphs, rows
    )
    _replace_changed(
        db, "topic (rowid, council, name, id, title, shown, words)", held.topics, topics
    )
    _count_words(db, held.words, words)
    (stems,) = db.execute(
        f"SELECT coalesce({_SIZE}, 0) FROM paragraph WHERE rowid BETWEEN ? AND ?",
        (held.first, held.last),
    ).fetchone()
    db.execute(
        "UPDATE council SET version = ?, stems = ? WHERE slug = ?", (version, stems, council.slug)
    )
    db.execute("UPDATE added SET words = ? WHERE slug = ?", (" ".join(words), council.slug))
    return True


def _words_kept(
    council: Council, text: HeldText, held: _HeldRows
) -> dict[str, tuple[list[str], str]]:
    """Each paragraph's words and stems: as held, where it reads as it did and both tables
    hold the same stems for it (so that damage to one is never copied), else afresh."""
    bodies = {row[2]: row[6] for row in held.paragraphs}  # a lead-in has none: afresh
    indexed = {}
    for position, paragraph in enumerate(council.paragraphs):
        kept = text.indexed(position)
        same = kept is not None and kept[1] == bodies.get(paragraph.ref)
        indexed[paragraph.ref] = kept if same else words_and_stems(paragraph.text)
    return indexed


class _HeldRows(NamedTuple):
    """A council's search rows as the index holds them: each with its rowid first."""

    first: int
    last: int
    paragraphs: list[tuple]
    topics: list[tuple]
    words: set[str]  # the words it counted a use of

    def lines_up(self, paragraphs: list[tuple], topics: list[tuple]) -> bool:
        """Whether these rows are for the same paragraphs and topics, in the same order."""
        return [row[2] for row in self.paragraphs] == [row[1] for row in paragraphs] and [
            row[3] for row in self.topics
        ] == [topic[2] for topic in topics]


def _held_rows(db: sqlite3.Connection, slug: str) -> _HeldRows:
    """A council's search rows, its topics' rows and the words it counted, as held."""
    first, last = db.execute("SELECT first, last FROM council WHERE slug = ?", (slug,)).fetchone()
    topics, words = map(_listed, _added(db, slug))
    paragraphs = db.execute(
        "SELECT rowid, council, ref, lead, shown, head, body FROM paragraph"
        " WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
        (first, last),
    ).fetchall()
    ids = [int(rowid) for rowid in topics]
    rows = db.execute(
        "SELECT rowid, council, name, id, title, shown, words FROM topic"
        " WHERE rowid BETWEEN ? AND ?",  # a council's topics are added together, in one span
        (min(ids, default=0), max(ids, default=-1)),
    )
    by_id = {row[0]: row for row in rows}
    held_topics = [by_id.get(i, (None,) * 7) for i in ids]  # a row gone lines up with nothing
    return _HeldRows(first, last, paragraphs, held_topics, set(words))


def _added(db: sqlite3.Connection, slug: str) -> tuple[object, object]:
    """The rowids of a council's topics, and the words it counted a use of, as stored."""
    return db.execute("SELECT topics, words FROM added WHERE slug = ?", (slug,)).fetchone()


def _listed(stored: object) -> list[str]:
    """A list stored as words joined by spaces; anything else is damage (ValueError)."""
    if not isinstance(stored, str):
        raise ValueError("a stored list is not text")
    return stored.split()


def _replace_changed(
    db: sqlite3.Connection, table: str, held: list[tuple], rows: list[tuple]
) -> None:
    """Each row that differs from the one held, written in its place (its rowid)."""
    marks = ", ".join("?" * (len(rows[0]) + 1)) if rows else ""
    for old, row in zip(held, rows, strict=True):
        if tuple(old[1:]) != row:
            db.execute(f"REPLACE INTO {table} VALUES ({marks})", (old[0], *row))


def _count_words(db: sqlite3.Connection, held: set[str], words: dict[str, str]) -> None:
    """One use less of each word the council no longer has, one more of each it now has."""
    gone = [(word,) for word in held if word not in words]
    db.executemany("UPDATE word SET uses = uses - 1 WHERE word = ?", gone)
    if gone:
        db.execute("DELETE FROM word WHERE uses <= 0")
    db.executemany(
        "INSERT INTO word VALUES (?, ?, 1) ON CONFLICT (word) DO UPDATE SET uses = uses + 1",
        [(word, stem) for word, stem in words.items() if word not in held],
    )


def _remove(db: sqlite3.Connection, slug: str, recount: bool = True) -> set[str]:
    """A council's rows gone, and its words counted once less; or, not `recount`ed, left
    counted for `_add` to change by what the council gained and lost (a word table of
    thousands written twice over was most of what indexing a council again cost). The
    words it counted."""
    first, last = db.execute("SELECT first, last FROM council WHERE slug = ?", (slug,)).fetchone()
    topics, words = map(_listed, _added(db, slug))
    db.execute("DELETE FROM paragraph WHERE rowid BETWEEN ? AND ?", (first, last))
    db.executemany("DELETE FROM topic WHERE rowid = ?", [(int(t),) for t in topics])
    if recount:
        _count_words(db, set(words), {})
    db.execute("DELETE FROM council WHERE slug = ?", (slug,))
    db.execute("DELETE FROM added WHERE slug = ?", (slug,))
    remove_text(db, slug)
    return set(words)


def _paragraph_rows(
    council: Council, words: dict[str, str], indexed: dict[str, tuple[list[str], str]]
) -> Iterator[tuple]:
    from .refs import lead_ins, short_refs  # when indexing: not on compare's way

    leads = lead_ins(council)
    heads = set(leads.values())
    by_ref = {p.ref: p for p in council.paragraphs}
    shorts = short_refs(council)
    where_stems: dict[str, str] = {}  # each heading, worked out once for all its paragraphs
    for paragraph in council.paragraphs:
        folded_words, body = indexed[paragraph.ref]
        where = paragraph.where
        if where not in where_stems:
            _vocabulary(words, where)
            where_stems[where] = _joined(where)
        _add_words(words, folded_words, body)
        if paragraph.ref in heads:
            continue  # a lead-in counts for its items, never on its own
        lead = leads.get(paragraph.ref)
        head = " ".join(s for s in (where_stems[where], indexed[lead][1] if lead else "") if s)
        shown = _shown(
            council, paragraph, by_ref[lead] if lead else None, shorts.get(paragraph.ref)
        )
        yield council.slug, paragraph.ref, lead, shown, head, body


def _topic_row(council: Council, topic: Questionnaire, words: dict[str, str]) -> tuple:
    """A topic's search row; its title's and keywords' words are added to `words`."""
    _vocabulary(words, topic.title, *topic.keywords)
    shown = _topic_shown(council, topic)
    return council.slug, council.name, topic.id, topic.title, shown, _topic_stems(topic)


def _shown(council: Council, *parts: object) -> str:
    """A digest of everything a council's hit or topic shows but its name (the words, the
    lead-in, the short ref; whether the text is an extract and whose numbers it uses): hits
    and topics with the same one read the same, and are shown once for all their councils."""
    flags = (council.source.is_extract, council.numbered_by_council)
    return digest(json.dumps([*parts, *flags], ensure_ascii=False))  # as `codec.encode` writes


def _topic_shown(council: Council, topic: Questionnaire) -> str:
    """`_shown` for a topic: its table, the words of the paragraphs it cites, and the people
    its advice may name (the council's roles and its route for unresolved questions)."""
    cited = [council.paragraph(ref) for ref in topic.cites]
    return _shown(council, topic, cited, council.roles, council.unresolved)


def _vocabulary(words: dict[str, str], *texts: str) -> None:
    """The words a misspelling may be corrected to: real words, not numbers or initials."""
    for text in texts:
        _add_words(words, folded(text))


def _add_words(words: dict[str, str], folded_words: list[str], stemmed: str = "") -> None:
    """Add the real words among these; `stemmed`, where given, holds their stems in order (a
    paragraph's body), so that none is worked out again."""
    stems_known = stemmed.split()
    if len(stems_known) != len(folded_words):
        stems_known = []
    for place, word in enumerate(folded_words):
        if len(word) > 2 and word not in words and word.isalpha() and word not in STOPWORDS:
            words[word] = stems_known[place] if stems_known else stem(word)


def _topic_stems(topic: Questionnaire) -> str:
    """Title and keywords, each kept apart so that no phrase runs from one into the next."""
    return " | ".join(_joined(text) for text in (topic.title, *topic.keywords))


def _joined(*texts: str) -> str:
    return " ".join(s for text in texts for s in stems(text))
