"""One situation put to every council: each council's advice on the same theme, side by side.

Topics name the catalogue theme they answer, so "a member asking a junior officer for
research" finds each council's own topic for it. Catalogue facts (member or officer, the
officer's post, ...) mean the same to every council, so they are answered once; a council's
own facts are answered for that council alone. A council with no topic for the theme gets the
route its protocol names for questions it does not deal with, and an extract says only that
the extract held is silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from .compare import Theme
from .documents import load_facts, load_themes
from .engine import Walk, advise, check_answers, next_fact, still_needed, walk
from .errors import InputError, NotFound, ProtocheckError, shown
from .library import Library, suggest
from .models import Advice, Council, Fact, Questionnaire


class Case(NamedTuple):
    """One council's part in the comparison: a topic to ask, or none."""

    council: Council
    topic: Questionnaire | None


class Result(NamedTuple):
    """One council's answer: advice, or why there is none."""

    council: Council
    topic: Questionnaire | None
    advice: Advice | None
    missing: tuple[Fact, ...] = ()


def find_theme(name: str, library: Library) -> Theme:
    """A catalogue theme by id, title or alias, or the theme of a topic named by its id."""
    from .compare import _key

    key = _key(name)
    catalogue = load_themes()
    for theme in catalogue:
        if key in {_key(theme.id), _key(theme.title), *(_key(a) for a in theme.aliases)}:
            return theme
    for theme_id in _themes_of(library, name.strip()):
        found = next((t for t in catalogue if t.id == theme_id), None)
        if found is not None:
            return found
    known = [t.id for t in catalogue]
    hint = suggest(key.replace(" ", "-"), known) or f" Themes: {', '.join(known)}."
    raise NotFound(f"no theme or topic {shown(name)} to put to every council.{hint}")


def _themes_of(library: Library, topic_id: str) -> list[str]:
    """The themes of the topics with this id, council by council: from the index's stored
    text where it is kept, else from each council with topics."""
    found = library.from_index(lambda stored: stored.themes_of(topic_id))
    if found is not None:
        return found
    topics = (c.questionnaire(topic_id) for c in library.each_with_questionnaires())
    return [t.theme for t in topics if t is not None and t.theme]


def cases(library: Library, theme: Theme) -> list[Case]:
    """Every council, each with its topics for the theme (or none)."""
    return list(each_case(library, theme))


def each_case(library: Library, theme: Theme) -> Iterator[Case]:
    """`cases`, one council at a time: read from the index's stored text where it is kept
    (no council decoded whole), else council by council."""
    stored = library.stored()
    if stored is not None:
        from .stored_text import DamagedIndex

        try:
            found = _cases(_only(c, list(c.questionnaires)) for c in stored.asked(theme.id))
            first = next(found, None)  # a damaged store most often shows itself here
        except DamagedIndex:
            stored.forget()  # read the councils themselves; the next command rebuilds it
        else:
            if first is not None:
                yield first
            try:
                yield from found
            except DamagedIndex:  # met part way, after some councils were answered
                stored.forget()
                raise ProtocheckError(
                    "protocheck's search index was damaged and has been removed; "
                    "run the command again to rebuild it"
                ) from None
            return
    each = library.each()
    yield from _cases(_only(c, [t for t in c.questionnaires if t.theme == theme.id]) for c in each)


def _cases(councils: Iterable[Council]) -> Iterator[Case]:
    for council in councils:
        yield from [Case(council, t) for t in council.questionnaires] or [Case(council, None)]


def _only(council: Council, topics: list[Questionnaire]) -> Council:
    """The council with only the topics put to it and the paragraphs they cite (with none,
    its light record): so that hundreds of councils asked at once are not all held whole.
    Advice quotes and questions point only to the paragraphs their rows cite."""
    if not topics:
        return council.light()
    cited = {ref for topic in topics for ref in topic.cites}
    kept = tuple(p for p in council.paragraphs if p.ref in cited)
    return council._replace(questionnaires=tuple(topics), paragraphs=kept)


def routed_cases(library: Library, text: str) -> tuple[Theme, list[Case]]:
    """A situation in someone's words, put to each council's own best-fitting topic."""
    from .documents import load_thesaurus
    from .routing import Router

    themes, thesaurus = load_themes(), load_thesaurus()
    found: list[Case] = []
    for council in library.each():
        best = Router([council], themes, thesaurus).rank(text, limit=1).candidates
        topics = [best[0].topic] if best else []
        found.append(Case(_only(council, topics), topics[0] if topics else None))
    if not any(case.topic for case in found):
        raise NotFound(f"no council has a topic for {shown(text)}; try 'protocheck search'")
    return Theme("your-words", text.strip(), ()), found


def answers_for(council: Council, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers this council can use: catalogue facts, and its own facts by `slug:fact`
    or by a plain `fact` whose value is one of its choices (councils may each have a fact
    called `request`, with different choices)."""
    shared = load_facts()
    mine: dict[str, str] = {}
    for key, value in answers.items():
        slug, sep, fact_id = key.rpartition(":")
        if sep and slug not in (council.slug, *council.aliases):
            continue
        fact = council.fact(fact_id)
        if fact is None:
            continue
        if sep or fact_id in shared or _fits(fact, value):
            mine[fact_id] = value
    return check_answers(council, mine)


def _fits(fact: Fact, value: str) -> bool:
    return fact.value_of(value) is not None


def ask_every(all_cases: Iterable[Case], answers: Mapping[str, str]) -> list[Result]:
    """Each council's advice, or the answers it still needs; each result keeps the council's
    light record and the topic's name, not their text and tables, so that every council
    may be asked at once in little memory."""
    walks = _Walks()
    return [_result(case, answers, walks) for case in all_cases]


def _result(case: Case, answers: Mapping[str, str], walks: _Walks) -> Result:
    council = case.council.light()
    if case.topic is None:
        return Result(council, None, None)
    named = case.topic._replace(asks=(), rows=())
    mine = answers_for(case.council, answers)
    walked, needed = walks.of(case.council, case.topic, mine)
    if walked.row is None:
        return Result(council, named, None, needed)
    return Result(council, named, advise(case.council, case.topic, mine, walked=walked))


class _Walks:
    """Each walk, and what it still needs, worked out once for a topic, a set of facts and
    the answers: councils adopting a model are given the very same topic and facts (the
    index's stored text decodes each once), and hundreds may be asked at once. What is kept
    holds the topic and facts, so their ids stay theirs; no more than LIMIT are kept."""

    LIMIT = 256

    def __init__(self) -> None:
        self._kept: dict[tuple, tuple[Questionnaire, tuple[Fact, ...], Walk, tuple]] = {}

    def of(
        self, council: Council, topic: Questionnaire, answers: Mapping[str, str]
    ) -> tuple[Walk, tuple[Fact, ...]]:
        key = (id(topic), id(council.facts), tuple(answers.items()))
        found = self._kept.get(key)
        if found is None or found[0] is not topic or found[1] is not council.facts:
            walked = walk(council, topic, answers)
            needed = tuple(still_needed(council, topic, answers)) if walked.row is None else ()
            if len(self._kept) >= self.LIMIT:
                self._kept.clear()
            found = self._kept[key] = (topic, council.facts, walked, needed)
        return found[2], found[3]


def missing_groups(missing: Iterable[Result]) -> list[tuple[list[str], tuple[Fact, ...]]]:
    """Each council's unanswered questions; councils that ask the very same ones (as
    adopters of one model do) together, in the order first met."""
    councils: dict[tuple, tuple[dict[str, None], tuple[Fact, ...]]] = {}
    for result in missing:
        key = tuple((f.id, f.values) for f in result.missing)
        slugs, _ = councils.setdefault(key, ({}, result.missing))
        slugs[result.council.slug] = None  # a council with two topics is one council
    return [(list(slugs), facts) for slugs, facts in councils.values()]


def next_shared(all_cases: list[Case], answers: Mapping[str, str]) -> Fact | None:
    """The first catalogue fact some council still needs: asked once, for all of them."""
    shared = load_facts()
    for case in all_cases:
        if case.topic is None:
            continue
        fact = next_fact(case.council, case.topic, answers_for(case.council, answers))
        if fact is not None and fact.id in shared:
            return shared[fact.id]
    return None


def check_known(
    library: Library,
    answers: Mapping[str, str],
    path: Path | None = None,
    lines: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """The answers, each choice's label read as its value; refused, before any council is
    asked, if no council can use one: a fact no council asks (a typo, most likely), a council
    named that is not installed or does not ask it, or a value that is none of the choices of
    any council asking the fact. Answers from a file are named by its `path` and `lines`."""
    if not answers:
        return {}
    asked = _facts_asked(library)
    by_id: dict[str, list[Fact]] = {}
    for facts in asked.values():
        for fact in facts:
            by_id.setdefault(fact.id, []).append(fact)
    checked = {}
    for key, value in answers.items():
        try:
            checked[key] = _checked(library, asked, by_id, key, value)
        except InputError as exc:
            line = (lines or {}).get(f"answers.{key}")
            raise InputError(exc.message, path=path, line=line) from None
    return checked


def _checked(
    library: Library,
    asked: Mapping[str, tuple[Fact, ...]],
    by_id: Mapping[str, list[Fact]],
    key: str,
    value: str,
) -> str:
    slug, sep, fact_id = key.rpartition(":")
    if fact_id not in by_id:
        hint = suggest(fact_id, sorted(by_id)) or ""
        raise InputError(f"no council asks a question {shown(fact_id)}.{hint}")
    if sep:
        _check_council(library, asked, slug, fact_id)
        return value
    for fact in by_id[fact_id]:
        found = fact.value_of(value)  # a label, as a prompt shows it, read as its value
        if found is not None:
            return found
    choices = ", ".join(dict.fromkeys(v for fact in by_id[fact_id] for v in fact.values))
    raise InputError(f"{shown(value)} is not an answer to {fact_id!r}; choose one of: {choices}")


def _check_council(
    library: Library, asked: Mapping[str, tuple[Fact, ...]], name: str, fact_id: str
) -> None:
    """A `SLUG:FACT` answer names an installed council (by slug or alias) that asks FACT."""
    entry = next((e for e in library.entries if name in (e.slug, *e.aliases)), None)
    if entry is None:
        hint = suggest(name, [e.slug for e in library.entries])
        hint = hint or " Run 'protocheck list' to see the councils installed."
        raise InputError(f"no council {shown(name)} is installed (in {name}:{fact_id}).{hint}")
    if all(f.id != fact_id for f in asked.get(entry.slug, ())):
        raise InputError(
            f"{entry.slug} asks no question {shown(fact_id)} (in {name}:{fact_id}); "
            f"without '{name}:' the answer goes to every council that asks it"
        )


def _facts_asked(library: Library) -> dict[str, tuple[Fact, ...]]:
    """Each council's facts by slug: from the index where it is kept (each council's facts
    stored beside its text), else from each council with topics."""
    found = library.from_index(lambda stored: stored.facts())
    if found is not None:
        return found
    return {c.slug: c.facts for c in library.each_with_questionnaires()}
