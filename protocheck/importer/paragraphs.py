"""The builder's second layer: new paragraphs and their refs, the council's or protocheck's.

A ref keeps the council's number as printed. Where the numbering starts again, the ref is made
unique with its section: `2.1` for paragraph 1 of section 2 when each section counts from 1,
`introduction 1.1` when a second document (or part) starts again at 1.1."""

from __future__ import annotations

from .classify import _NUM, _heading_like, _heading_name, _is_lead
from .drafts import _Para
from .noise import _Entry
from .results import Numbering
from .sections import _SectionBuilder
from .units import _Unit

_MAX_GAP = 3


class _ParagraphBuilder(_SectionBuilder):
    """Adds paragraphs, keeping the refs used so far and the last council number seen."""

    def __init__(self, units: list[_Unit], contents: list[_Entry], draft: bool = False):
        super().__init__(units, contents, draft)
        self.last: tuple[int, ...] | None = None
        self.per_section = False  # bare numbers count from 1 again in each section

    def _add(self, ref: str, numbering: Numbering, first: str, unit: _Unit, **kw: str) -> _Para:
        """A new paragraph; a waiting sub-heading goes on it."""
        section = self._content_section()
        para = _Para(ref, numbering, unit.no, **kw)
        para.blocks = [[]]
        if first:
            para.join(first)
        para.bold_end = unit.bold_end
        para.body = unit.body
        para.subheading, section.pending, section.pending_lines = section.pending, None, []
        section.paragraphs.append(para)
        self.refs.add(ref)
        if numbering == "council" or kw.get("kind") == "gsub":
            self.kept_as = "ref"  # `5 Member a)` keeps the council's letter in protocheck's ref
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
        found = self._council_number(unit)
        if found is None:
            return False
        number, ref, parts, rest, label = found
        if ref == number and _heading_like(rest) and _numbered_under(following, number):
            self._numbered_heading(number, rest, unit)  # `12 POLITICAL ASSISTANTS` above 12.1
            return True
        if ref != number:
            kind = "roman" if "(" in ref else "sub"
        else:
            kind = "lead" if len(parts) == 1 and _is_lead(rest) else "plain"
        group = self._qualify(number, parts, unit)
        ref = group + ref[len(number) :]
        if ref in self.refs:
            if not self._authored(unit):
                return False
            ref = self._again(ref)
        self._add(ref, "council", rest, unit, kind=kind, group=group, label=label)
        self.last = parts
        return True

    def _numbered_heading(self, number: str, rest: str, unit: _Unit) -> None:
        """A numbered heading over its own paragraphs: a section, unless the contents table
        names the sections (then it is a sub-heading within one of them)."""
        if self.contents or self._nested(unit) or "." in number:
            self._subheading(unit)  # `2.3 Site visits` over 2.3.1 is within section 2
        else:
            self._start_section(number, _heading_name(rest, None), unit)

    def _council_number(self, unit: _Unit) -> tuple[str, str, tuple[int, ...], str, str] | None:
        """Number, ref, number parts, text and printed label of a numbered line that fits."""
        match = _NUM.match(unit.text)
        if not match:
            return None
        rest, sub, letter = match["rest"] or "", match["sub"] or "", match["letter"] or ""
        if rest[:1].islower() and not (sub or letter):
            return None
        parts = tuple(int(p) for p in match["num"].split("."))
        ref = match["num"] + sub + (f" {letter}" if letter else "")
        first = self.last is None and len(parts) > 1 and not _heading_like(rest)
        fits = first or self._plausible(parts, unit) or (bool(sub or letter) and parts == self.last)
        fits = fits or self._authored(unit)
        label = unit.text[: len(unit.text) - len(rest)].strip().lstrip("-–•").strip()
        return (match["num"], ref, parts, rest, label) if fits else None

    def _authored(self, unit: _Unit) -> bool:
        """In a draft, a number starting a block is the author's, whatever came before it."""
        return self.draft and unit.blank_before

    def _again(self, ref: str) -> str:
        """A draft's repeated number, made unique for the importer: `7.3~2`."""
        count = 2
        while f"{ref}~{count}" in self.refs:
            count += 1
        return f"{ref}~{count}"

    def _plausible(self, parts: tuple[int, ...], unit: _Unit) -> bool:
        """Whether a number fits the numbering so far; a quoted `17` or a date does not.
        Small gaps are allowed: one paragraph lost in extraction must not derail the rest."""
        last, section = self.last, self._section_number()
        if len(parts) == 1:
            return self._plausible_integer(parts[0], unit)
        top = parts[0]
        if section is not None:
            if top != section and not (top == section + 1 and parts[1] == 1):
                return False  # 3.1 after 2.2 may come without its section's heading
        elif last is None:
            return parts[1] == 1
        elif not 0 <= top - last[0] <= _MAX_GAP:
            return False
        if last is not None and top == last[0]:
            previous = last[1] if len(last) > 1 else 0
            return parts > last and parts[1] - previous <= 5
        return parts[1] <= 2

    def _plausible_integer(self, value: int, unit: _Unit) -> bool:
        """`4` after `3`; or `1` again at the start of a section (numbers that restart)."""
        last = self.last
        if self._restarts_here(value, unit):
            return True
        if last is None:
            return value <= 2
        return 0 < value - last[0] <= _MAX_GAP

    def _restarts_here(self, value: int, unit: _Unit) -> bool:
        """Whether bare numbers count from 1 in each section: the list is indented under the
        section's heading, or section 2 (or later) starts again at 1."""
        section = self.sections[-1] if self.sections else None
        if section is None or not section.number or value != 1:
            return False
        numbered_here = any(p.numbering == "council" for p in section.paragraphs)
        if numbered_here:
            return False
        if unit.indent > section.indent or (self.last is not None and len(self.last) == 1):
            self._count_per_section()
            return True
        return False

    def _count_per_section(self) -> None:
        """From now on a bare number is made unique with its section: `2.1`; the bare numbers
        already given are renamed the same way."""
        if self.per_section:
            return
        self.per_section = True
        for section in self.sections:
            for para in section.paragraphs:
                if para.numbering == "council" and para.group.isdigit() and section.number:
                    self.refs.discard(para.ref)
                    para.ref = f"{section.number}.{para.ref}"
                    para.group = f"{section.number}.{para.group}"
                    self.refs.add(para.ref)

    def _qualify(self, number: str, parts: tuple[int, ...], unit: _Unit) -> str:
        """The number as a ref: with its section where bare numbers restart in each section,
        with its section's id where a second part starts the numbering again."""
        section = self.sections[-1] if self.sections else None
        if section is None:
            return number
        if len(parts) == 1 and self.per_section and section.number:
            if self.part > 1:
                return f"{section.id} {section.number}.{number}"
            return f"{section.number}.{number}"
        return f"{section.id} {number}" if self.part > 1 else number

    def _section_number(self) -> int | None:
        if not self.sections or not (self.sections[-1].number or "").isdigit():
            return None
        return int(self.sections[-1].number or "0")


def _numbered_under(unit: _Unit | None, number: str) -> bool:
    """Whether `unit` is paragraph `<number>.1`-style, making `12 POLITICAL ...` a heading."""
    match = _NUM.match(unit.text) if unit else None
    return match is not None and match["num"].startswith(f"{number}.")
