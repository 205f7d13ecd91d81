"""What an amendment changes: paragraphs, decision rows, and the advice scenarios get.

Given two versions of a rules folder (two folders, or a git revision and the working tree),
say which paragraphs were added, removed or reworded (word by word), which rows were added,
removed or changed (a row's id is its identity), and which scenarios' advice changes, so a
council reviewing an amendment sees its effect before adopting it (OpenFisca's reforms do
this for tax rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import ProtocheckError
from .library import Library, council_dirs, merge
from .models import Advice, Council, Questionnaire, Row


class Word(NamedTuple):
    """A run of words in a reworded paragraph: kept, removed or added."""

    op: str  # "same", "removed" or "added"
    text: str


class ParagraphChange(NamedTuple):
    ref: str
    kind: str  # "added", "removed" or "reworded"
    old: str | None
    new: str | None
    words: tuple[Word, ...] = ()


class FieldChange(NamedTuple):
    field: str
    old: str
    new: str


class RowChange(NamedTuple):
    topic: str
    row: str
    kind: str  # "added", "removed" or "changed"
    fields: tuple[FieldChange, ...] = ()


class CouncilDiff(NamedTuple):
    council: str
    name: str
    kind: str  # "added", "removed" or "changed"
    paragraphs: tuple[ParagraphChange, ...] = ()
    topics_added: tuple[str, ...] = ()
    topics_removed: tuple[str, ...] = ()
    rows: tuple[RowChange, ...] = ()


class Advised(NamedTuple):
    """The advice a scenario gets on one side, in the words a reviewer compares; or why none."""

    verdict: str | None = None
    row: str | None = None
    cites: tuple[str, ...] = ()
    contact: str | None = None
    summary: str | None = None
    problem: str | None = None

    @classmethod
    def of(cls, advice: Advice) -> Advised:
        contact = advice.contact.role if advice.contact else None
        return cls(advice.verdict.value, advice.row, tuple(p.ref for p in advice.citations),
                   contact, advice.summary)  # fmt: skip


class ScenarioChange(NamedTuple):
    path: str
    council: str | None
    topic: str | None
    old: Advised
    new: Advised


class RulesDiff(NamedTuple):
    old: str  # what was compared, as the user named it
    new: str
    councils: tuple[CouncilDiff, ...]
    scenarios: tuple[ScenarioChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.councils or self.scenarios)


# Loading each side ---------------------------------------------------------------------------


def load_rules(root: Path) -> Library:
    """Every council under `root` (a council folder, or a folder of them), checked; a broken
    council is refused at its first error, as every command but lint refuses it."""
    from .loader import load_council

    return merge(load_council(folder) for folder in council_dirs([root]))


# Comparing -----------------------------------------------------------------------------------


def compare_rules(old: Library, new: Library) -> list[CouncilDiff]:
    slugs_old = {e.slug for e in old.entries}
    slugs_new = {e.slug for e in new.entries}
    found = []
    for slug in sorted(slugs_old | slugs_new):
        if slug not in slugs_new:
            found.append(CouncilDiff(slug, old.find(slug).name, "removed"))
        elif slug not in slugs_old:
            found.append(CouncilDiff(slug, new.find(slug).name, "added"))
        else:
            changed = compare_council(old.find(slug), new.find(slug))
            if changed is not None:
                found.append(changed)
    return found


def compare_council(old: Council, new: Council) -> CouncilDiff | None:
    paragraphs = tuple(_paragraphs(old, new))
    old_topics = {t.id: t for t in old.questionnaires}
    new_topics = {t.id: t for t in new.questionnaires}
    added = tuple(t for t in new_topics if t not in old_topics)
    removed = tuple(t for t in old_topics if t not in new_topics)
    rows = tuple(
        change
        for topic_id, topic in new_topics.items()
        if topic_id in old_topics
        for change in _rows(old, old_topics[topic_id], new, topic)
    )
    if not (paragraphs or added or removed or rows):
        return None
    return CouncilDiff(new.slug, new.name, "changed", paragraphs, added, removed, rows)


def _paragraphs(old: Council, new: Council) -> Iterable[ParagraphChange]:
    before = {p.ref: p.text for p in old.paragraphs}
    after = {p.ref: p.text for p in new.paragraphs}
    for ref, text in before.items():
        if ref not in after:
            yield ParagraphChange(ref, "removed", text, None)
        elif _words(after[ref]) != _words(text):
            yield ParagraphChange(ref, "reworded", text, after[ref], reworded(text, after[ref]))
    for ref, text in after.items():
        if ref not in before:
            yield ParagraphChange(ref, "added", None, text)


def _words(text: str) -> list[str]:
    return text.split()


def reworded(old: str, new: str) -> tuple[Word, ...]:
    """The words of two texts, kept, removed and added, in order (spacing ignored)."""
    import difflib

    a, b = _words(old), _words(new)
    found: list[Word] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            found.append(Word("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            found.append(Word("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            found.append(Word("added", " ".join(b[j1:j2])))
    return tuple(found)


def _rows(
    old: Council, old_topic: Questionnaire, new: Council, new_topic: Questionnaire
) -> Iterable[RowChange]:
    before = {r.id: r for r in old_topic.rows}
    after = {r.id: r for r in new_topic.rows}
    for row_id in before:
        if row_id not in after:
            yield RowChange(new_topic.id, row_id, "removed")
    for row_id, row in after.items():
        if row_id not in before:
            yield RowChange(new_topic.id, row_id, "added")
            continue
        fields = tuple(
            FieldChange(name, was, now)
            for name, was, now in zip(
                _FIELDS, _described(before[row_id]), _described(row), strict=True
            )
            if was != now
        )
        if fields:
            yield RowChange(new_topic.id, row_id, "changed", fields)


_FIELDS = ("when", "verdict", "summary", "conditions", "cites", "contact", "also", "alternatives")


def _described(row: Row) -> tuple[str, ...]:
    """A row's parts as a reviewer reads them, field by field, for comparison and display."""
    outcome = row.outcome
    when = "; ".join(f"{fact} = {' or '.join(values)}" for fact, values in row.when)
    return (
        when or "always",
        outcome.verdict.value,
        " ".join(outcome.summary.split()),
        " | ".join(outcome.conditions),
        ", ".join(outcome.cites),
        outcome.contact or "none",
        ", ".join(outcome.also),
        ", ".join(outcome.alternatives),
    )


# Scenarios -----------------------------------------------------------------------------------


def scenario_changes(files: Sequence[Path], old: Library, new: Library) -> list[ScenarioChange]:
    """Every scenario whose advice differs between the two versions."""
    from .documents import load_scenario

    found = []
    for path in files:
        try:
            scenario = load_scenario(path)
        except ProtocheckError:
            continue  # not a scenario file: `protocheck test` reports it
        before = _outcome(old, scenario.council, scenario.topic, scenario.answers)
        after = _outcome(new, scenario.council, scenario.topic, scenario.answers)
        if before != after:
            found.append(ScenarioChange(str(path), scenario.council, scenario.topic,
                                        before, after))  # fmt: skip
    return found


def _outcome(
    library: Library, council: str | None, topic: str | None, answers: dict[str, str]
) -> Advised:
    from .engine import advise
    from .lookup import find_topic

    if council is None or topic is None:
        return Advised(problem="the scenario names no council or topic")
    try:
        found = library.find(council)
        return Advised.of(advise(found, find_topic(found, topic), answers))
    except ProtocheckError as exc:
        return Advised(problem=exc.message.splitlines()[0])


def scenario_files(folders: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        elif folder.is_dir():
            files += sorted(p for p in folder.rglob("*.yaml") if p.is_file())
    return files


def default_scenario_folders(
    slugs: Iterable[str], root: Path = Path("examples/scenarios")
) -> list[Path]:
    """The councils' own folders under examples/scenarios/, where there are any."""
    return [root / slug for slug in sorted(set(slugs)) if (root / slug).is_dir()]
