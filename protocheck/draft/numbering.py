"""Numbering: every number used once, in order, none skipped, each under its parent.

Sections and paragraphs share one set of numbers (a reference to `7` must mean one thing).
A number's siblings are the numbers with the same parent and style: 7.1, 7.2 and 7.3 under 7;
(a), (b) under 7.3. Gaps and missing parents are warnings (a council may keep a gap where a
paragraph was deleted, on purpose); repeats and numbers out of order are errors, since a
reference to them is ambiguous or misleading.
"""

from __future__ import annotations

from typing import NamedTuple

from ..findings import Finding, finding
from .document import Draft, Parts, parts

Levels = tuple[tuple[int, str], ...]


class Numbered(NamedTuple):
    number: str
    parts: Parts
    line: int
    column: int
    kind: str  # "section" or "paragraph"
    section: str | None  # for a paragraph, the number of the section it stands in


def numbered_items(draft: Draft) -> list[Numbered]:
    """Every numbered heading and paragraph, in the draft's order."""
    raw = [(h.line, h.column, h.number, "section", None) for h in draft.headings if h.number]
    raw += [(p.line, p.column, p.number, "paragraph", p.section) for p in draft.paragraphs
            if p.number]  # fmt: skip
    items: list[Numbered] = []
    roman_after: set[Levels] = set()  # parents whose items are roman numerals
    for line, column, number, kind, section in sorted(raw, key=lambda r: (r[0], r[1])):
        found = parts(number)
        if found is not None and found.parent.levels in roman_after:
            found = parts(number, roman=True)
        if found is None:
            continue
        if found.style == "i":
            roman_after.add(found.parent.levels)
        items.append(Numbered(number, found, line, column, kind, section))
    return items


def numbering_findings(draft: Draft) -> list[Finding]:
    items = numbered_items(draft)
    found = _repeats_and_order(items, draft.path)
    found += _missing_parents(items, draft.path)
    found += _gaps(items, draft.path)
    return sorted(found, key=lambda f: (f.line or 0, f.column or 0))


def _repeats_and_order(items: list[Numbered], path: str) -> list[Finding]:
    found = []
    first: dict[Levels, Numbered] = {}
    last: dict[tuple[Levels, str], Numbered] = {}
    for item in items:
        levels = item.parts.levels
        earlier = first.get(levels)
        if earlier is not None:
            found.append(finding("PC711", f"{_what(item)} {item.number} is used again: "
                                 f"{_what(earlier)} {earlier.number} is at line {earlier.line}",
                                 path, item.line, item.column))  # fmt: skip
            continue
        first[levels] = item
        siblings = (item.parts.parent.levels, item.parts.style)
        before = last.get(siblings)
        if before is not None and item.parts.value < before.parts.value:
            found.append(finding("PC713", f"{_what(item)} {item.number} comes after "
                                 f"{before.number} (line {before.line})", path, item.line,
                                 item.column))  # fmt: skip
        elif _out_of_section(item):
            found.append(finding("PC713", f"paragraph {item.number} stands in section "
                                 f"{item.section}", path, item.line, item.column))  # fmt: skip
        last[siblings] = item
    return found


def _out_of_section(item: Numbered) -> bool:
    """Paragraph 7.5 under section 9's heading: numbered for another section."""
    levels = item.parts.levels
    if item.kind != "paragraph" or len(levels) != 2 or item.parts.style != "n":
        return False
    if not (item.section or "").isdigit():
        return False
    return levels[0][0] != int(item.section or 0)


def _what(item: Numbered) -> str:
    return "section" if item.kind == "section" else "paragraph"


def _missing_parents(items: list[Numbered], path: str) -> list[Finding]:
    """9.1 with no 9, where the draft numbers that level elsewhere (sections 1 to 8, say):
    a draft whose headings have no numbers may number its paragraphs 1.1, 2.1 under them."""
    present = {i.parts.levels for i in items}
    # a draft numbers sections if any heading has a number; deeper levels, if anything has
    depths = {
        (len(i.parts.levels), i.parts.style)
        for i in items
        if i.kind == "section" or len(i.parts.levels) > 1
    }
    found, reported = [], set()
    for item in items:
        parent = item.parts.parent
        if not parent.levels or parent.levels in present or parent.levels in reported:
            continue
        if (len(parent.levels), parent.style) not in depths:
            continue  # the draft does not number that level at all
        reported.add(parent.levels)
        found.append(finding("PC714", f"{_what(item)} {item.number} has no {parent.shown()} "
                             "above it", path, item.line, item.column))  # fmt: skip
    return found


def _gaps(items: list[Numbered], path: str) -> list[Finding]:
    """Each run of numbers skipped among siblings, reported at the number after it. A number
    whose own items are there (3.1 without a numbered 3) is not skipped."""
    groups: dict[tuple[Levels, str], list[Numbered]] = {}
    implied: dict[Levels, Numbered] = {}  # a number implied by its items: the first of them
    for item in items:
        groups.setdefault((item.parts.parent.levels, item.parts.style), []).append(item)
        levels = item.parts.levels
        for n in range(1, len(levels)):
            implied.setdefault(levels[:n], item)
    found = []
    for (parent, style), members in groups.items():
        by_value: dict[int, Numbered] = {}
        for member in members:
            by_value.setdefault(member.parts.value, member)
        for level, first in implied.items():
            if level[:-1] == parent and level[-1][1] == style:
                by_value.setdefault(level[-1][0], first)
        expected = 1
        for value in sorted(by_value):
            if value > expected:
                item = by_value[value]
                missing = _range(Parts(parent), style, expected, value - 1)
                found.append(finding("PC712", f"{_what(item)} {item.number} follows a gap: "
                                     f"{missing} missing", path, item.line,
                                     item.column))  # fmt: skip
            expected = value + 1
    return found


def _range(parent: Parts, style: str, first: int, last: int) -> str:
    def shown(value: int) -> str:
        return Parts((*parent.levels, (value, style))).shown()

    if first == last:
        return f"{shown(first)} is"
    joiner = " and " if last == first + 1 else " to "
    return f"{shown(first)}{joiner}{shown(last)} are"
