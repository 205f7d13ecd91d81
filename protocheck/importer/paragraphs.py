"""The builder's second layer: new paragraphs and their refs, the council's or protocheck's."""

from __future__ import annotations

from .classify import _NUM, _heading_like, _is_lead
from .drafts import _Para
from .noise import _Entry
from .results import Numbering
from .sections import _SectionBuilder
from .units import _Unit

_MAX_GAP = 3


class _ParagraphBuilder(_SectionBuilder):
    """Adds paragraphs, keeping the refs used so far and the last council number seen."""

    def __init__(self, units: list[_Unit], contents: list[_Entry]):
        super().__init__(units, contents)
        self.refs: set[str] = set()
        self.last: tuple[int, ...] | None = None

    def _add(self, ref: str, numbering: Numbering, first: str, unit: _Unit, **kw: str) -> _Para:
        """A new paragraph; a waiting sub-heading goes on it."""
        section = self._content_section()
        para = _Para(ref, numbering, unit.no, **kw)
        para.blocks = [[first]] if first else [[]]
        para.bold_end = unit.bold_end
        para.subheading, section.pending, section.pending_lines = section.pending, None, []
        section.paragraphs.append(para)
        self.refs.add(ref)
        return para

    def _protocheck(self, unit: _Unit, text: str) -> None:
        """A paragraph the source does not number: `<section-id>.<count>`."""
        section = self._content_section()
        ref = ""
        while not ref or ref in self.refs:
            section.auto += 1
            ref = f"{section.id}.{section.auto}"
        self._add(ref, "protocheck", text, unit)

    def _numbered(self, unit: _Unit, following: _Unit | None) -> bool:
        """A paragraph with the council's own number (`7.3`, `- 7.3`, `7.6 (ii)`, `4 a)`)."""
        found = self._council_number(unit.text)
        if found is None:
            return False
        number, ref, parts, rest = found
        if ref == number and _heading_like(rest) and _numbered_under(following, number):
            self._subheading(unit)  # `12 POLITICAL ASSISTANTS` above 12.1
            return True
        if ref != number:
            kind = "roman" if "(" in ref else "sub"
        else:
            kind = "lead" if len(parts) == 1 and _is_lead(rest) else "plain"
        self._add(ref, "council", rest, unit, kind=kind, group=number)
        self.last = parts
        return True

    def _council_number(self, text: str) -> tuple[str, str, tuple[int, ...], str] | None:
        """Number, ref, number parts and text of a numbered line that fits the numbering."""
        match = _NUM.match(text)
        if not match:
            return None
        rest, sub, letter = match["rest"] or "", match["sub"] or "", match["letter"] or ""
        if rest[:1].islower() and not (sub or letter):
            return None
        parts = tuple(int(p) for p in match["num"].split("."))
        ref = match["num"] + sub + (f" {letter}" if letter else "")
        fits = self._plausible(parts) or (bool(sub or letter) and parts == self.last)
        return (match["num"], ref, parts, rest) if fits and ref not in self.refs else None

    def _plausible(self, parts: tuple[int, ...]) -> bool:
        """Whether a number fits the numbering so far; a quoted `17` or a date does not.
        Small gaps are allowed: one paragraph lost in extraction must not derail the rest."""
        last, section = self.last, self._section_number()
        if len(parts) == 1:
            return parts[0] <= 2 if last is None else 0 < parts[0] - last[0] <= _MAX_GAP
        top = parts[0]
        if section is not None:
            if top != section:
                return False
        elif last is None:
            return parts[1] == 1
        elif not 0 <= top - last[0] <= _MAX_GAP:
            return False
        if last is not None and top == last[0]:
            previous = last[1] if len(last) > 1 else 0
            return parts > last and parts[1] - previous <= 5
        return parts[1] <= 2

    def _section_number(self) -> int | None:
        if not self.sections or not (self.sections[-1].number or "").isdigit():
            return None
        return int(self.sections[-1].number or "0")


def _numbered_under(unit: _Unit | None, number: str) -> bool:
    """Whether `unit` is paragraph `<number>.1`-style, making `12 POLITICAL ...` a heading."""
    match = _NUM.match(unit.text) if unit else None
    return match is not None and match["num"].startswith(f"{number}.")
