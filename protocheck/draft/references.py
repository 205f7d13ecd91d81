"""Cross-references: every "paragraph 9.4 below", "see Section 14" and "paragraphs 49 and 50"
must name a number the draft has; "below" and "above" must point the right way; and a document
the draft says it defines or attaches ("the Member Enquiries Protocol (defined in paragraph
2.3)", "Appendix B") must be there.

A reference to another document is not the draft's to resolve: "section 151 of the Local
Government Act 1972", "paragraph 5 of the Code of Conduct", "Part B Section 27", "the Section
151 Officer". "Of this protocol" (or "of the protocol") stays the draft's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from ..findings import Finding, finding
from .document import Draft, Paragraph, locate, parts
from .numbering import Levels, Numbered, numbered_items

_NUMBER = r"\d{1,3}(?:\.\d{1,3}){0,3}(?![\d.]?\w)(?:\s?\((?:[a-z]|[ivxlc]{1,6})\)|\s[a-z]\))?"
_SEPARATOR = r"\s*(?:,\s*(?:and|or)?|and|or|to|-|–)\s*"
REFERENCE = re.compile(
    rf"(?:§§?\s*|\b(?P<kind>paragraphs?|paras?\.?|sections?|clauses?|rules?)\s+)"
    rf"(?P<numbers>{_NUMBER}(?:{_SEPARATOR}{_NUMBER})*)"
    r"(?:\s+(?P<direction>above|below))?",
    re.IGNORECASE,
)
_ONE = re.compile(_NUMBER)
_OWN = re.compile(
    r"\s*,?\s*(?:of|in)\s+(?:this|these|the)\s+(?:protocol|document|policy|procedure|rules)\b",
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(r"\s*,?\s*(?:of|under|in|to)\s+\S|\s+officers?\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\bpart\s+[a-z0-9]{1,3}\s*$", re.IGNORECASE)
_ATTACHED = re.compile(
    r"\b(?P<kind>appendix|annexe?|schedule)\s+(?P<id>[A-Z]|\d{1,2})\b(?!\s*,?\s*(?:of|to)\s+"
    r"(?!this\b|these\b))",
    re.IGNORECASE,
)
_DOCUMENT = (
    r"(?P<name>(?:[A-Z][\w'’-]*\s+){0,6}(?:Protocol|Policy|Code|Procedures?|Scheme|Guidance|"
    r"Rules|Framework|Arrangements|Statement|Charter))"
)
_DEFINED = re.compile(
    rf"{_DOCUMENT}\s*,?\s*\(?\s*(?:as\s+)?(?:defined|set\s+out|described)\s+"
    rf"(?P<where>below|above|in\s+(?:paragraph|section|clause)\s+(?P<number>{_NUMBER})"
    r"|in\s+this\s+(?:protocol|document|policy|code))"
)


class Numbers(NamedTuple):
    """The draft's numbers: each one's first place, for resolving and for above/below."""

    first: dict[Levels, Numbered]

    @classmethod
    def of(cls, items: Iterable[Numbered]) -> Numbers:
        first: dict[Levels, Numbered] = {}
        for item in items:
            first.setdefault(item.parts.levels, item)
        return cls(first)

    def target(self, number: str, paragraphs: dict[str, Paragraph]) -> Numbered | None:
        """Where a referred-to number is: itself, else its first child (`section 14` is
        14.1 onwards), else, for `7.3(a)`, paragraph 7.3 where its text has an `(a)`."""
        found = parts(number)
        if found is None:
            return None
        levels = found.levels
        if levels in self.first:
            return self.first[levels]
        children = [i for lv, i in self.first.items() if lv[: len(levels)] == levels]
        if children:
            return min(children, key=lambda i: i.line)
        parent = self.first.get(found.parent.levels)
        if parent is not None and len(levels) > 1 and levels[-1][1] != "n":
            text = paragraphs.get(parent.number)
            label = number[len(found.parent.shown()) :].strip()
            if text is not None and label and label in text.text:
                return parent
        return None


def reference_findings(draft: Draft) -> list[Finding]:
    """Every cross-reference that does not resolve, points the wrong way, or names a
    document the draft does not include; a draft that numbers nothing is not checked."""
    if not draft.numbered:
        return []
    numbers = Numbers.of(numbered_items(draft))
    by_number = {p.number: p for p in draft.paragraphs if p.number}
    found: list[Finding] = []
    for paragraph in draft.paragraphs:
        found += _references(draft, paragraph, numbers, by_number)
        found += _attachments(draft, paragraph)
        found += _definitions(draft, paragraph, numbers, by_number)
    return found


def _references(
    draft: Draft, paragraph: Paragraph, numbers: Numbers, by_number: dict[str, Paragraph]
) -> list[Finding]:
    found = []
    text = paragraph.text
    for match in REFERENCE.finditer(text):
        if _elsewhere(text, match):
            continue
        where = locate(draft.lines, paragraph, match.group())
        for number in _numbers(match["numbers"]):
            target = numbers.target(number, by_number)
            word = _word(match["kind"], number)
            if target is None:
                message = f"{word} {number}, referred to here, is not in the draft"
                found.append(finding("PC701", message, draft.path, *where,
                                     paragraphs=_own(paragraph)))  # fmt: skip
                continue
            direction = (match["direction"] or "").lower()
            wrong = (direction == "below" and target.line < paragraph.line) or (
                direction == "above" and target.line > paragraph.line
            )
            if wrong:
                really = "above" if direction == "below" else "below"
                message = (f"{word} {number} is {really} this one (line {target.line}), not "
                           f"{direction} it")  # fmt: skip
                found.append(finding("PC703", message, draft.path, *where,
                                     paragraphs=_own(paragraph)))  # fmt: skip
    return found


def _elsewhere(text: str, match: re.Match[str]) -> bool:
    """A reference to another document's paragraph or section, or a statutory officer."""
    after = text[match.end() : match.end() + 60]
    if _OWN.match(after):
        return False
    if _ELSEWHERE.match(after):
        return True
    return bool(_PART_BEFORE.search(text[max(0, match.start() - 20) : match.start()]))


def _numbers(listed: str) -> list[str]:
    """The numbers a reference names; a range names its two ends."""
    found = [m.group().strip() for m in _ONE.finditer(listed)]
    return [re.sub(r"\s+\(", "(", n) for n in found]


def _word(kind: str | None, number: str) -> str:
    if kind and kind.lower().startswith("section"):
        return "section"
    if kind and kind.lower().startswith("rule"):
        return "rule"
    if kind and kind.lower().startswith("clause"):
        return "clause"
    return "paragraph"


def _own(paragraph: Paragraph) -> tuple[str, ...]:
    return (paragraph.number,) if paragraph.number else ()


def _attachments(draft: Draft, paragraph: Paragraph) -> list[Finding]:
    """An appendix, annex or schedule of the draft's own must be in it: a line starting with
    its name (a heading, or its title line)."""
    found = []
    for match in _ATTACHED.finditer(paragraph.text):
        name = f"{match['kind']} {match['id']}"
        start = re.compile(rf"^\W*{re.escape(name)}\b", re.IGNORECASE)
        own = range(paragraph.line, paragraph.end + 1)
        present = any(start.match(line) for n, line in enumerate(draft.lines, 1) if n not in own)
        if not present:
            where = locate(draft.lines, paragraph, match.group())
            message = f"refers to {name.title()} as part of the draft, but the draft has none"
            found.append(finding("PC702", message, draft.path, *where,
                                 paragraphs=_own(paragraph)))  # fmt: skip
    return found


def _definitions(
    draft: Draft, paragraph: Paragraph, numbers: Numbers, by_number: dict[str, Paragraph]
) -> list[Finding]:
    """A document the draft says it defines: `the X Policy (defined in paragraph 2.3)` needs
    2.3 to name it; `(defined below)`, some paragraph below (or a heading)."""
    found = []
    for match in _DEFINED.finditer(paragraph.text):
        name = re.sub(r"^The\s+", "", " ".join(match["name"].split()))
        where = match["where"].lower()
        if match["number"]:
            target = numbers.target(match["number"], by_number)
            if target is None:
                continue  # the reference itself is reported as broken
            defining = [p for p in draft.paragraphs if p.line == target.line]
        else:
            defining = [
                p for p in draft.paragraphs if p is not paragraph and _direction_fits(where, p,
                                                                                     paragraph)
            ]  # fmt: skip
        said = any(_names(p.text, name) for p in defining) or (
            not match["number"] and any(_names(h.title, name) for h in draft.headings)
        )
        if not said:
            place = locate(draft.lines, paragraph, match.group())
            if match["number"]:
                lacks = f"paragraph {match['number']} does not name it"
            else:
                lacks = f"no paragraph {where if where in ('below', 'above') else 'of it'} does"
            message = f"says the {name} is defined {where}, but {lacks}"
            found.append(finding("PC702", message, draft.path, *place,
                                 paragraphs=_own(paragraph)))  # fmt: skip
    return found


def _direction_fits(where: str, candidate: Paragraph, paragraph: Paragraph) -> bool:
    if where == "below":
        return candidate.line > paragraph.line
    if where == "above":
        return candidate.line < paragraph.line
    return True


def _names(text: str, name: str) -> bool:
    return " ".join(name.lower().split()) in " ".join(text.lower().split())
