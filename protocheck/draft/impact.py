"""Impact on advice: what a draft changes in the council's current protocol, and whose advice
rests on what it changes.

Each current paragraph is matched to the draft's: by number, and by its words where the draft
renumbers (or numbers nothing). Then each is kept, reworded (word by word, as `diff` shows
it), renumbered or removed, and each draft paragraph matched to none is added. For every
changed paragraph, the decision rows that cite it and the scenarios whose advice quotes it are
listed, so a committee sees whose advice an amendment touches. Scenarios replayed against the
draft give "the advice that actually changes", in `diff`'s terms: a row citing a paragraph the
draft removes has nothing left to rest on; one citing a renumbered paragraph cites its new
number.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..diff import Advised, ScenarioChange, Word, reworded
from ..findings import Finding, finding
from ..models import Council
from ..refs import ref_key
from ..replay import Replayed
from ..words import STOPWORDS, folded, stem
from .document import Draft, Paragraph

MOVED_FLOOR = 0.5  # words in common for a paragraph elsewhere to be it (in its own place: any)
OWN_PLACE = 0.25  # how much more alike a paragraph in its own place counts
CANDIDATES = 5


class Change(NamedTuple):
    kind: str  # "reworded", "removed", "renumbered" or "added"
    ref: str | None  # the council's paragraph (None for one added)
    number: str | None  # the draft's number for it (None for one removed, or unnumbered)
    line: int | None
    column: int | None
    old: str | None
    new: str | None
    words: tuple[Word, ...] = ()  # for a paragraph reworded (or renumbered and reworded)
    rows: tuple[str, ...] = ()  # `topic/row` of each row citing it
    scenarios: tuple[str, ...] = ()  # scenario files whose advice cites it


class Impact(NamedTuple):
    council: str
    name: str
    changes: tuple[Change, ...]
    advice: tuple[ScenarioChange, ...]
    counterparts: dict[str, Paragraph]  # council ref -> the draft paragraph that is it

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def impact(council: Council, draft: Draft, replayed: Sequence[Replayed]) -> Impact:
    by_number = council.numbered_by_council and draft.numbered
    pairs = match_paragraphs(council, draft.paragraphs, by_number)
    rows = _rows_citing(council)
    quoting = _scenarios_citing(replayed, council.slug)
    changes: list[Change] = []
    for paragraph in council.paragraphs:
        counterpart = pairs.get(paragraph.ref)
        change = _change(paragraph.ref, paragraph.text, counterpart, by_number)
        if change is not None:
            changes.append(
                change._replace(
                    rows=tuple(rows.get(paragraph.ref, ())),
                    scenarios=tuple(quoting.get(paragraph.ref, ())),
                )
            )
    matched = {p.key for p in pairs.values()}
    changes += [
        Change("added", None, p.number, p.line, p.column, None, p.text)
        for p in draft.paragraphs
        if p.key not in matched
    ]
    advice = _advice_changes(replayed, council.slug, {c.ref: c for c in changes if c.ref})
    return Impact(council.slug, council.name, tuple(changes), tuple(advice), pairs)


def _change(ref: str, text: str, counterpart: Paragraph | None, by_number: bool) -> Change | None:
    if counterpart is None:
        return Change("removed", ref, None, None, None, text, None)
    same_words = folded(text) == folded(counterpart.text)
    # a number used twice is a numbering mistake (reported as such), not a renumbering
    repeated = counterpart.key != counterpart.number
    moved = by_number and not repeated and number_key(counterpart.number or "") != number_key(ref)
    if same_words and not moved:
        return None
    words = () if same_words else reworded(text, counterpart.text)
    kind = "renumbered" if moved else "reworded"
    return Change(kind, ref, counterpart.number, counterpart.line, counterpart.column, text,
                  counterpart.text, words)  # fmt: skip


# Matching --------------------------------------------------------------------------------------


def match_paragraphs(
    council: Council, paragraphs: Sequence[Paragraph], by_number: bool
) -> dict[str, Paragraph]:
    """Each current paragraph's counterpart in the draft, if it has one: the pairs most alike
    first (a paragraph in its own place counts as more alike), one to one."""
    words = {p.key: folded(p.text) for p in paragraphs}
    index: dict[str, set[str]] = {}
    for p in paragraphs:
        for word in _content(words[p.key]):
            index.setdefault(word, set()).add(p.key)
    by_key = {p.key: p for p in paragraphs}
    # its own place: under its number; in a draft without numbers, where the draft's made-up
    # ref (its section's heading and a count) is the protocol's
    if by_number:
        places = {number_key(p.number): p for p in reversed(paragraphs) if p.number}
    else:
        places = {(p.key,): p for p in paragraphs if not p.number}
    scored: list[tuple[float, str, str]] = []
    for current in council.paragraphs:
        mine = folded(current.text)
        same = places.get(number_key(current.ref) if by_number else (current.ref,))
        for key in _candidates(mine, index, same.key if same else None):
            own = same is not None and key == same.key
            ratio = _likeness(mine, words[key], 0.0 if own else MOVED_FLOOR)
            if own or ratio >= MOVED_FLOOR:
                scored.append((ratio + (OWN_PLACE if own else 0.0), current.ref, key))
    pairs: dict[str, Paragraph] = {}
    taken: set[str] = set()
    for _, ref, key in sorted(scored, key=lambda s: -s[0]):
        if ref not in pairs and key not in taken:
            pairs[ref] = by_key[key]
            taken.add(key)
    return pairs


def number_key(ref: str) -> tuple[str, ...]:
    """What a number says, as `refs.ref_key` reads it, less words that only label it: a
    council's `protocol 17` (a paragraph of its protocol, quoted in a report) is a draft's
    `17`."""
    label = re.match(r"[A-Za-z][A-Za-z-]+\s+(?=\d)", ref)
    return ref_key(ref[label.end() :] if label else ref)


def _content(words: list[str]) -> set[str]:
    return {stem(w) for w in words if w not in STOPWORDS}


def _candidates(mine: list[str], index: dict[str, set[str]], same: str | None) -> list[str]:
    """The draft paragraphs sharing most of this one's content words (a few at most), and
    the one under its own number."""
    content = _content(mine)
    shared: dict[str, int] = {}
    for word in content:
        for key in index.get(word, ()):
            shared[key] = shared.get(key, 0) + 1
    best = sorted(shared, key=lambda k: -shared[k])[:CANDIDATES]
    floor = 0.3 * len(content)
    found = [k for k in best if shared[k] >= floor]
    if same is not None and same not in found:
        found.append(same)
    return found


def _likeness(a: list[str], b: list[str], floor: float) -> float:
    """The share of words two paragraphs have in common, in order (0 to 1); 0 when it is
    certainly below `floor`, which the quick upper bounds tell without the full count."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


# Whose advice ------------------------------------------------------------------------------------


def _rows_citing(council: Council) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for topic in council.questionnaires:
        for row in topic.rows:
            for ref in row.outcome.cites:
                found.setdefault(ref, []).append(f"{topic.id}/{row.id}")
    return found


def _scenarios_citing(replayed: Sequence[Replayed], slug: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for result in replayed:
        if result.council != slug or result.advice is None:
            continue
        for paragraph in result.advice.citations:
            found.setdefault(paragraph.ref, []).append(str(result.path))
    return found


def _advice_changes(
    replayed: Sequence[Replayed], slug: str, changes: dict[str, Change]
) -> list[ScenarioChange]:
    """Each scenario whose advice, given by today's rows over the draft, differs: a cited
    paragraph removed leaves it resting on nothing; one renumbered is cited by its new number."""
    found = []
    for result in replayed:
        advice = result.advice
        if result.council != slug or advice is None:
            continue
        before = Advised.of(advice)
        cites, removed = [], []
        for ref in before.cites:
            change = changes.get(ref)
            if change is not None and change.kind == "removed":
                removed.append(ref)
            elif change is not None and change.kind == "renumbered" and change.number:
                cites.append(change.number)
            else:
                cites.append(ref)
        if removed:
            gone = ", ".join(removed)
            after = Advised(problem=f"it rests on paragraph {gone}, which the draft removes")
        else:
            after = before._replace(cites=tuple(cites))
        if after != before:
            found.append(ScenarioChange(str(result.path), slug, result.topic, before, after))
    return found


def impact_findings(result: Impact, draft: Draft) -> list[Finding]:
    """A warning for each paragraph that advice rests on, changed: the rows and scenarios."""
    found = []
    for change in result.changes:
        if not change.rows or change.kind == "added":
            continue
        rule = {"reworded": "PC721", "removed": "PC722", "renumbered": "PC723"}[change.kind]
        found.append(finding(rule, _message(change, result), draft.path, change.line,
                             change.column, paragraphs=(change.ref or "",)))  # fmt: skip
    return found


def _message(change: Change, result: Impact) -> str:
    what = {
        "reworded": f"paragraph {change.ref} of {result.name} is reworded",
        "removed": f"paragraph {change.ref} of {result.name} is not in the draft",
        "renumbered": f"paragraph {change.ref} of {result.name} is here {change.number}"
        + (", reworded" if change.words else ""),
    }[change.kind]
    rows = ", ".join(change.rows)
    scenarios = ""
    if change.scenarios:
        names = [s.rsplit("/", 1)[-1] for s in change.scenarios]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        scenarios = f"; {len(names)} scenario(s) get advice resting on it: {shown}"
    return f"{what}; advice rests on it in {len(change.rows)} row(s): {rows}{scenarios}"
