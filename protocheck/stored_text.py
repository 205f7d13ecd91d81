"""Each council's text as the search index keeps it, beside its search tables: what explain,
compare and `ask --all-councils` read of every council without decoding one whole.

Each council has a light record (name, source, routes), its paragraphs with the keys a ref is
looked up by and the topics resting on each, an FTS5 table of their stems and words that
narrows compare, each topic's headlines and whole table, and the passages compare found for a
catalogue theme. Written and removed with the council's search rows (`index_store`); any
damage met in reading is DamagedIndex, and the index is built again.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .codec import (
    decode_council,
    decode_fact,
    decode_paragraph,
    decode_questionnaire,
    decode_roles,
    decode_unresolved,
)
from .compare import Passage
from .models import Council, Fact, Paragraph, Questionnaire, Role, Unresolved, Verdict
from .words import folded, stem

if TYPE_CHECKING:
    from .index_store import Index


class DamagedIndex(Exception):
    """The stored index does not say what the rules say: build it again."""


class Text(NamedTuple):
    """A council as explain and compare show it, read from the index: its name, source and
    routes, the paragraphs asked for (every one, in order, unless said), and the topics
    resting on each."""

    council: Council
    cited_by: dict[str, tuple[str, ...]]


class Candidates(NamedTuple):
    """Some of a council's paragraphs, in order, with what is shown beside each."""

    paragraphs: list[Paragraph]
    cited_by: dict[str, tuple[str, ...]]
    shorts: dict[str, str]
    by_short: bool  # a short ref of the council was asked for: read its whole text


class TopicAbout(NamedTuple):
    council: str
    id: str
    title: str
    theme: str | None
    keywords: tuple[str, ...]
    headlines: tuple[tuple[Verdict, str], ...]  # each row's verdict and summary


class Stored:
    """Reading a council's text from the index; any damage met is DamagedIndex."""

    def __init__(self, index: Index):
        self._index = index  # kept: the connection closes with it
        self._db = index._db
        self._shared: dict[tuple[str, str], tuple[tuple[Role, ...], Unresolved | None]] = {}

    def _light(self, council: str, roles: str, unresolved: str) -> Council:
        """A council's light record. Its roles and route for unresolved questions are kept
        apart and each distinct pair decoded once: councils adopting a model share them, and
        compare shows hundreds of councils at once."""
        key = (roles, unresolved)
        shared = self._shared.get(key)
        if shared is None:
            shared = (_decoded(decode_roles, roles), _decoded(decode_unresolved, unresolved))
            self._shared[key] = shared
        light = _decoded(decode_council, council)
        return light._replace(roles=shared[0], unresolved=shared[1])

    def forget(self) -> None:
        """Remove the index this was read from (found damaged): the next command rebuilds it."""
        self._index.forget()

    @property
    def forgotten(self) -> bool:
        return self._index.forgotten

    def _rows(self, sql: str, args: Iterable = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, tuple(args)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DamagedIndex(str(exc)) from None

    def councils(self) -> list[Council]:
        """Every council indexed, without its text, in slug order."""
        rows = self._rows("SELECT council, roles, unresolved FROM about ORDER BY slug")
        return [self._light(*row) for row in rows]

    def candidates(self, ref: str, section: str, short: str) -> dict[str, Candidates]:
        """Each council's paragraphs whose ref, section or heading could be `ref` (what
        `lookup.find_paragraphs` then settles), in slug order: every one that query could
        find or weigh, unless `short` is one of the council's short refs (`by_short`)."""
        from .refs import ref_key  # (refs and lookup: not on compare's way)

        key = " ".join(ref_key(ref))
        rows = self._rows(
            "SELECT council, paragraph, cited_by, short, (short = ?3 OR short_section = ?3)"
            " FROM text WHERE refkey = ?1 OR (refkey > ?1 || ' ' AND refkey < ?1 || '!') OR"
            " section = ?2 OR headkey = ?2 OR short = ?3 OR short_section = ?3"
            " ORDER BY council, id",
            (key, section, short),
        )
        found: dict[str, Candidates] = {}
        for slug, paragraph, cited_by, short_ref, by_short in rows:
            held = found.setdefault(slug, Candidates([], {}, {}, False))
            made = _decoded(decode_paragraph, paragraph)
            held.paragraphs.append(made)
            held.cited_by[made.ref] = tuple(cited_by.split())
            if short_ref:
                held.shorts[made.ref] = short_ref
            if by_short:
                found[slug] = held._replace(by_short=True)
        return found

    def lights(self, slugs: Iterable[str]) -> dict[str, Council]:
        """These councils' light records (name, source, routes)."""
        wanted = sorted(set(slugs))
        found: dict[str, Council] = {}
        for at in range(0, len(wanted), 500):  # well under SQLite's limit on parameters
            chunk = wanted[at : at + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT slug, council, roles, unresolved FROM about WHERE slug IN ({marks})",
                chunk,
            )
            found.update((slug, self._light(*light)) for slug, *light in rows)
        if len(found) != len(wanted):
            raise DamagedIndex("a council's record is missing")
        return found

    def held(self, slug: str, refs: Iterable[str]) -> dict[str, tuple[Paragraph, str]]:
        """These paragraphs of a council, each with the short ref protocheck gives it ('' if
        none): what a search hit shows, without decoding the council's whole text."""
        wanted = sorted(set(refs))
        marks = ",".join("?" * len(wanted))
        rows = self._rows(
            f"SELECT paragraph, short FROM text WHERE council = ? AND ref IN ({marks})",
            [slug, *wanted],
        )
        found = {}
        for paragraph, short in rows:
            made = _decoded(decode_paragraph, paragraph)
            found[made.ref] = (made, short)
        return found

    def facts(self) -> dict[str, tuple[Fact, ...]]:
        """Each council's facts (what its topics ask), by slug: each distinct set decoded
        once (councils adopting one model share theirs)."""
        decoded: dict[bytes, tuple[Fact, ...]] = {}
        found = {}
        for slug, facts in self._rows("SELECT slug, facts FROM about"):
            if facts not in decoded:
                decoded[facts] = tuple(_decoded(decode_fact, f) for f in _listed(_unpacked(facts)))
            found[slug] = decoded[facts]
        return found

    def themes_of(self, topic_id: str) -> list[str]:
        """The themes of the topics with this id, council by council in slug order."""
        rows = self._rows(
            "SELECT theme FROM topic_about WHERE id = ? AND theme IS NOT NULL"
            " ORDER BY council, rowid",
            (topic_id,),
        )
        return [theme for (theme,) in rows]

    def text(self, slug: str) -> Text:
        """A council with every paragraph of its protocol, in order."""
        about = self._rows(
            "SELECT council, roles, unresolved, paragraphs, cited FROM about WHERE slug = ?",
            (slug,),
        )
        if not about:
            raise DamagedIndex(f"{slug} is not indexed")
        *light, paragraphs, cited = about[0]
        return _text(self._light(*light), paragraphs, cited)

    def asked(self, theme: str) -> Iterator[Council]:
        """Every council, in slug order, as `ask --all-councils` puts a theme to it: with its
        topics on the theme, its facts and its text; or, with none, its light record."""
        topics: dict[str, list[Questionnaire]] = {}
        rows = self._rows(
            "SELECT council, topic FROM topic_about WHERE theme = ? ORDER BY rowid", (theme,)
        )
        read: dict[bytes, Questionnaire] = {}  # a model's topic, adopted by many: read once
        for slug, topic in rows:
            if topic not in read:
                read[topic] = _decoded(decode_questionnaire, _unpacked(topic))
            topics.setdefault(slug, []).append(read[topic])
        texts: dict[tuple, tuple] = {}  # the text and facts many adopters hold word for word
        try:
            cursor = self._db.execute(  # the text only of councils with topics on the theme
                f"SELECT slug, council, roles, unresolved, {_IF_ASKED.format('paragraphs')},"
                f" {_IF_ASKED.format('cited')}, {_IF_ASKED.format('facts')} FROM about"
                " ORDER BY slug",
                (theme,) * 3,
            )
            for slug, light, roles, unresolved, paragraphs, cited, facts in cursor:  # in turn
                council = self._light(light, roles, unresolved)
                yield _asked(council, paragraphs, cited, facts, topics.get(slug), texts)
        except sqlite3.DatabaseError as exc:
            raise DamagedIndex(str(exc)) from None

    def passages(
        self, expression: str, only: list[str] | None = None
    ) -> Iterator[tuple[str, list[Paragraph]]]:
        """Paragraphs matching an FTS5 expression over their `stems` and their (folded)
        `words`, in order, a council's at a time (so that thousands are never held at once);
        a council's rows are one run, since it is indexed whole. `only` these councils, if
        named (a few, such as those edited since a theme was last compared)."""
        within = f" AND council IN ({','.join('?' * len(only))})" if only is not None else ""
        try:
            cursor = self._db.execute(
                "SELECT council, paragraph FROM text WHERE id IN (SELECT rowid FROM passage"
                f" WHERE passage MATCH ?){within} ORDER BY id",
                (expression, *(only or ())),
            )
            slug, group = None, []
            for council, paragraph in cursor:
                if council != slug and group:
                    yield slug, group
                    group = []
                slug = council
                group.append(_decoded(decode_paragraph, paragraph))
        except sqlite3.DatabaseError as exc:
            raise DamagedIndex(str(exc)) from None
        if group:
            yield slug, group

    def compared(self, theme: str) -> dict[str, tuple[Passage, ...]]:
        """What compare found in each council for a theme before: kept until that council
        is indexed again."""
        rows = self._rows("SELECT council, passages FROM compared WHERE theme = ?", (theme,))
        read: dict[str, tuple[Passage, ...]] = {}  # councils adopting a model say the same
        try:
            for _, kept in rows:
                if kept not in read:
                    read[kept] = tuple(_passage(p) for p in json.loads(kept))
        except (ValueError, TypeError) as exc:
            raise DamagedIndex(str(exc)) from None
        return {slug: read[kept] for slug, kept in rows}

    def remember(self, theme: str, found: dict[str, tuple[Passage, ...]]) -> None:
        """Keep what compare found, if the index can be written; else it is found again."""
        rows = [(theme, slug, _json(kept)) for slug, kept in found.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO compared VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def topics(self, ids: Iterable[str], theme: str | None) -> list[TopicAbout]:
        """Topics with one of these ids or on this theme, council by council."""
        wanted = sorted(set(ids))
        marks = ",".join("?" * len(wanted))
        where = f"id IN ({marks})" + (" OR theme = ?" if theme else "")
        rows = self._rows(
            f"SELECT council, id, title, theme, keywords, headlines FROM topic_about WHERE"
            f" {where} ORDER BY council, rowid",
            [*wanted, *([theme] if theme else [])],
        )
        said: dict[tuple[str, str], tuple] = {}  # a model's topic, in many councils: read once
        found = []
        for council, *about in rows:
            key = (about[3], about[4])  # its keywords and headlines, as stored
            if key not in said:
                said[key] = _topic_words(*key)
            found.append(TopicAbout(council, about[0], about[1], about[2], *said[key]))
        return found


_IF_ASKED = (  # a column of `about`, only for a council with topics on the theme
    "CASE WHEN slug IN (SELECT council FROM topic_about WHERE theme = ?) THEN {} ELSE '' END"
)


def _asked(
    council: Council,
    paragraphs: str,
    cited: str,
    facts: bytes,
    topics: list[Questionnaire] | None,
    texts: dict[tuple, tuple],
) -> Council:
    """A council as `asked` gives it; `texts` keeps what was decoded for an earlier council
    with the very same stored text and facts (councils adopting one model word for word)."""
    if not topics:
        return council
    key = (paragraphs, cited, facts)
    if key not in texts:
        decoded = tuple(_decoded(decode_fact, f) for f in _listed(_unpacked(facts)))
        texts[key] = (_text(council, paragraphs, cited).council.paragraphs, decoded)
    text, decoded = texts[key]
    return council._replace(paragraphs=text, facts=decoded, questionnaires=tuple(topics))


def _text(light: Council, paragraphs: str, cited: str) -> Text:
    """The council with its paragraphs: one JSON array each, quick to read whole."""
    try:
        made = tuple(Paragraph._make(item) for item in json.loads(paragraphs))
        topics = json.loads(cited)
        by_ref = {p.ref: tuple(map(str, c)) for p, c in zip(made, topics, strict=True)}
    except (ValueError, TypeError) as exc:
        raise DamagedIndex(str(exc)) from None
    if any(len(p) != len(Paragraph._fields) or not isinstance(p.text, str) for p in made):
        raise DamagedIndex("a stored paragraph is not a paragraph")
    return Text(light._replace(paragraphs=made), by_ref)


def _passage(item: list) -> Passage:
    ref, heading, cut_off, quote, anchors, whole = item
    if not (isinstance(ref, str) and isinstance(quote, str) and isinstance(anchors, list)):
        raise TypeError("a remembered passage is not a passage")
    return Passage(ref, str(heading), bool(cut_off), quote, tuple(map(str, anchors)), str(whole))


def _listed(data: str) -> list:
    try:
        found = json.loads(data)
    except ValueError as exc:
        raise DamagedIndex(str(exc)) from None
    if not isinstance(found, list):
        raise DamagedIndex("a stored list is not a list")
    return found


def _topic_words(keywords: str, headlines: str) -> tuple[tuple, tuple]:
    """A topic's keywords and its rows' verdicts and summaries, as stored."""
    try:
        said = tuple((Verdict(v), str(s)) for v, s in json.loads(headlines))
        return tuple(json.loads(keywords)), said
    except (ValueError, TypeError) as exc:
        raise DamagedIndex(str(exc)) from None


def _decoded(decode: Callable[[Any], Any], data: Any) -> Any:
    try:
        return decode(json.loads(data) if isinstance(data, str) else data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise DamagedIndex(str(exc)) from None


def add_text(
    db: sqlite3.Connection, council: Council, indexed: Mapping[str, tuple[list[str], str]]
) -> None:
    """What explain and compare read of a council without decoding it whole: its name and
    routes, each paragraph with the keys a ref is looked up by, and each topic's headlines.
    `indexed` holds each paragraph's words and stems, as the search index was given them."""
    each = [_json(p) for p in council.paragraphs]
    db.execute("INSERT INTO about VALUES (?, ?, ?, ?, ?, ?, ?)", _about_row(council, each))
    db.executemany(
        f"INSERT INTO text ({_TEXT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _text_rows(council, indexed, each),
    )
    db.execute(
        "INSERT INTO passage (rowid, stems, words) SELECT id, stems, words FROM text"
        " WHERE council = ?",
        (council.slug,),
    )
    db.executemany(
        "INSERT INTO topic_about VALUES (?, ?, ?, ?, ?, ?, ?)",
        (_topic_about_row(council, t) for t in council.questionnaires),
    )


class HeldText(NamedTuple):
    """A council's text as the index holds it, beside its paragraphs as they read now."""

    rows: list[tuple]  # the text rows: id, then _TEXT_COLUMNS, in order
    topics: list[tuple]  # the topic_about rows' rowid and id, in order
    each: list[str]  # each paragraph now, as JSON

    def lines_up(self, council: Council) -> bool:
        """Whether the council has the same paragraphs and topics, in the same order."""
        return [row[2] for row in self.rows] == [p.ref for p in council.paragraphs] and [
            row[1] for row in self.topics
        ] == [t.id for t in council.questionnaires]

    def indexed(self, position: int) -> tuple[list[str], str] | None:
        """The words and stems held for the paragraph at `position`, if it reads as it did."""
        row = self.rows[position]  # id, then _TEXT_COLUMNS: ... paragraph, stems, words
        paragraph, stemmed, words = row[-3:]
        if paragraph != self.each[position] or not isinstance(words, str):
            return None
        return words.split(), stemmed


def held_text(db: sqlite3.Connection, council: Council) -> HeldText:
    """What the index holds of a council's text, to be written again where it changed."""
    rows = db.execute(
        f"SELECT id, {_TEXT_COLUMNS} FROM text WHERE council = ? ORDER BY id", (council.slug,)
    ).fetchall()
    topics = db.execute(
        "SELECT rowid, id FROM topic_about WHERE council = ? ORDER BY rowid", (council.slug,)
    ).fetchall()
    return HeldText(rows, topics, [_json(p) for p in council.paragraphs])


def refresh_text(
    db: sqlite3.Connection,
    council: Council,
    indexed: Mapping[str, tuple[list[str], str]],
    held: HeldText,
    changed_topics: set[str],
) -> None:
    """`add_text` for a council `held` whose paragraphs and topics line up (an edit to their
    words): only the rows that changed are written, each in its place. `changed_topics`
    names the topics whose table changed."""
    db.execute("REPLACE INTO about VALUES (?, ?, ?, ?, ?, ?, ?)", _about_row(council, held.each))
    for old, new in zip(held.rows, _text_rows(council, indexed, held.each), strict=True):
        if tuple(old[1:]) != new:
            _replace_text(db, old, new)
    for (rowid, _), topic in zip(held.topics, council.questionnaires, strict=True):
        if topic.id in changed_topics:
            db.execute(
                "REPLACE INTO topic_about (rowid, council, id, title, theme, keywords,"
                " headlines, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rowid, *_topic_about_row(council, topic)),
            )
    db.execute("DELETE FROM compared WHERE council = ?", (council.slug,))


def _replace_text(db: sqlite3.Connection, old: Sequence[Any], new: tuple) -> None:
    """One paragraph's row, and its words in the passage table, written again in place."""
    rowid, stems_words = old[0], old[-2:]
    db.execute(
        "INSERT INTO passage (passage, rowid, stems, words) VALUES ('delete', ?, ?, ?)",
        (rowid, *stems_words),
    )
    db.execute(
        f"REPLACE INTO text (id, {_TEXT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rowid, *new),
    )
    db.execute("INSERT INTO passage (rowid, stems, words) VALUES (?, ?, ?)", (rowid, *new[-2:]))


_TEXT_COLUMNS = (
    "council, ref, refkey, section, headkey, short, short_section, cited_by, paragraph, stems,"
    " words"
)


def _about_row(council: Council, each: list[str]) -> tuple:
    """The council's light record, its routes, its paragraphs (`each`, as JSON), which topics
    cite each, and its facts."""
    from .lookup import citing

    cited_by = citing(council)
    light = council.light()
    return (
        council.slug,
        _json(light._replace(roles=(), unresolved=None)),
        _json(light.roles),
        _json(light.unresolved),
        f"[{','.join(each)}]",
        _json([list(cited_by.get(p.ref, ())) for p in council.paragraphs]),
        _packed(council.facts),
    )


def _text_rows(
    council: Council, indexed: Mapping[str, tuple[list[str], str]], each: list[str]
) -> Iterator[tuple]:
    """Each paragraph with the keys a ref is looked up by, the topics citing it, and its stems
    and words (`indexed`)."""
    from .lookup import citing, slug_of
    from .refs import ref_key, short_refs

    cited_by = citing(council)
    shorts = short_refs(council)
    for p, paragraph in zip(council.paragraphs, each, strict=True):
        short = shorts.get(p.ref, "")
        words, body = indexed[p.ref]
        yield (
            council.slug,
            p.ref,
            " ".join(ref_key(p.ref)),
            p.section or "",
            slug_of(p.heading),
            short,
            short.rpartition(".")[0],
            " ".join(cited_by.get(p.ref, ())),
            paragraph,
            body,
            " ".join(words),
        )


def _topic_about_row(council: Council, t: Questionnaire) -> tuple:
    """A topic's title, theme, keywords and headlines, and its whole table (packed)."""
    return (
        council.slug,
        t.id,
        t.title,
        t.theme,
        _json(list(t.keywords)),
        _json([[r.outcome.verdict.value, r.outcome.summary] for r in t.rows]),
        _packed(t),
    )


def remove_text(db: sqlite3.Connection, slug: str) -> None:
    db.execute(
        "INSERT INTO passage (passage, rowid, stems, words) SELECT 'delete', id, stems, words"
        " FROM text WHERE council = ?",
        (slug,),
    )
    for table in ("text", "topic_about", "compared"):
        db.execute(f"DELETE FROM {table} WHERE council = ?", (slug,))
    db.execute("DELETE FROM about WHERE slug = ?", (slug,))


def _packed(value: object) -> bytes:
    """JSON, compressed: for what only `ask --all-councils` reads (every topic whole, every
    fact), a fifth of the size; thousands of councils' topics would fill a disk otherwise."""
    return zlib.compress(_json(value).encode("utf-8"), 1)


def _unpacked(data: object) -> str:
    try:
        return zlib.decompress(data).decode("utf-8")  # type: ignore[arg-type]
    except (zlib.error, TypeError, UnicodeDecodeError) as exc:
        raise DamagedIndex(str(exc)) from None


def _json(value: object) -> str:
    """Compact JSON; a model as `codec.encode` writes it (a NamedTuple is an array to `json`,
    and a Verdict its text), without building the lists first."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def body_stems(text: str) -> str:
    """What a paragraph's text is indexed as."""
    return words_and_stems(text)[1]


def words_and_stems(text: str) -> tuple[list[str], str]:
    """A paragraph's words, folded, and the stems it is indexed as: worked out here alone,
    so that what search checks a hit against is what the index was given."""
    words = folded(text)
    return words, " ".join(map(stem, words))
