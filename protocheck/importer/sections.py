"""The builder's first layer: where sections start and end, and which one content goes in."""

from __future__ import annotations

from .classify import (
    _SECTION_LETTER,
    _SECTION_NUM,
    _heading_like,
    _heading_name,
    _kebab,
    _norm,
    _same_title,
)
from .drafts import _Para, _Sec
from .noise import _Entry
from .results import UnplacedLine
from .units import _Unit


class _SectionBuilder:
    """Section state: the contents table, the sections so far, title lines awaiting a place."""

    def __init__(self, units: list[_Unit], contents: list[_Entry]):
        self.contents = contents
        self.numbered_contents = any(e.number for e in contents)
        self.unnumbered = {_norm(e.title): e for e in contents if e.number is None}
        self.mode = "contents" if contents else _section_mode(units)
        self.sections: list[_Sec] = []
        self.titles: list[UnplacedLine] = []
        self.unplaced: list[UnplacedLine] = []
        self.ids: set[str] = set()
        self.matched: set[int] = set()  # numbered entries already found in the body
        self.section_no = 0
        self.letter = "@"

    def _section(self, unit: _Unit) -> bool:
        found = self._match_section(unit.text)
        if found is None:
            return False
        self._start_section(found[0], found[1], unit, listed=found[2])
        return True

    def _match_section(self, text: str) -> tuple[str | None, str, bool] | None:
        """A section heading: in the contents table, or next in a numbered/lettered sequence."""
        match = _SECTION_NUM.match(text) or _SECTION_LETTER.match(text)
        if match:
            number, title = match["num"], match["title"].strip()
            entry = self._contents_entry(number, title)
            if entry is not None:
                return number, _heading_name(title, entry.title), True
            if self._in_sequence(number, title):
                return number, _heading_name(title, None), False
        entry = self.unnumbered.pop(_norm(text), None) if len(text) <= 160 else None
        return (None, _heading_name(text, entry.title), True) if entry else None

    def _contents_entry(self, number: str, title: str) -> _Entry | None:
        """The contents entry with this number and (loosely) this title, used once."""
        for index, entry in enumerate(self.contents):
            if index in self.matched or entry.number != number:
                continue
            if _same_title(title, entry.title):
                self.matched.add(index)
                return entry
        return None

    def _in_sequence(self, number: str, title: str) -> bool:
        """Without a contents table, `3. Roles` is a heading only if it follows `2. ...`."""
        if self.numbered_contents or not _heading_like(title, 160) or title.endswith(":"):
            return False
        if number.isdigit():
            return int(number) == self.section_no + 1
        return number == chr(ord(self.letter) + 1)

    def _start_section(
        self, number: str | None, heading: str, unit: _Unit, listed: bool = False
    ) -> None:
        """Close the previous section; title lines that preceded this one are reported."""
        self._close_section()
        self.unplaced.extend(self.titles)
        self.titles = []
        if number and number.isdigit():
            self.section_no = int(number)
        elif number:
            self.letter = number
        section_id = self._unique_id(_kebab(heading))
        lines = [UnplacedLine(unit.no, unit.text)]
        self.sections.append(_Sec(number, heading, section_id, lines, listed))

    def _unique_id(self, base: str) -> str:
        """Ids must be unique; a repeated heading gets `-2`."""
        candidate, count = base, 1
        while candidate in self.ids:
            count += 1
            candidate = f"{base}-{count}"
        self.ids.add(candidate)
        return candidate

    def _close_section(self) -> None:
        """A heading with nothing under it (unless listed in the contents), or a dangling
        sub-heading, is reported."""
        if not self.sections:
            return
        section = self.sections[-1]
        self.unplaced.extend(section.pending_lines)
        section.pending, section.pending_lines = None, []
        if not section.paragraphs and not section.listed:
            self.unplaced.extend(section.lines)
            self.sections.pop()

    def _content_section(self) -> _Sec:
        """The section new content goes in; text before any heading makes a preamble."""
        if not self.sections:
            heading = self.titles.pop().text if self.titles else "Preamble"
            self.unplaced.extend(self.titles)
            self.titles = []
            self.sections.append(_Sec(None, heading, self._unique_id("preamble"), []))
        return self.sections[-1]

    def _current(self) -> _Para | None:
        """The paragraph new lines may join; none after a sub-heading that awaits its own."""
        if not self.sections or self.sections[-1].pending or not self.sections[-1].paragraphs:
            return None
        return self.sections[-1].paragraphs[-1]

    # unnumbered headings

    def _heading(self, unit: _Unit) -> None:
        """An unnumbered heading: a section, a sub-heading, or (before any section) a title."""
        text = unit.text.rstrip(":").rstrip()
        section = self.sections[-1] if self.sections else None
        if self.mode == "unnumbered":
            if section and not section.paragraphs and not unit.blank_before:
                self._continue_heading(section, unit)
            else:
                self._start_section(None, text, unit)
        elif section is None:
            self.titles.append(UnplacedLine(unit.no, unit.text))
        else:
            self._subheading(unit)

    def _continue_heading(self, section: _Sec, unit: _Unit) -> None:
        """A heading the layout broke over two lines."""
        self.ids.discard(section.id)
        section.heading = f"{section.heading} {unit.text.rstrip(':').rstrip()}"
        section.id = self._unique_id(_kebab(section.heading))
        section.lines.append(UnplacedLine(unit.no, unit.text))

    def _subheading(self, unit: _Unit) -> None:
        """Stacked sub-headings (`When things go wrong` / `Procedure for officers`) combine."""
        section = self._content_section()
        text = unit.text.rstrip(":").rstrip()
        section.pending = f"{section.pending}: {text}" if section.pending else text
        section.pending_lines.append(UnplacedLine(unit.no, unit.text))


def _section_mode(units: list[_Unit]) -> str:
    """`numbered` if the text has a `1. Heading` or `A. Heading`; else headings are sections."""
    for unit in units:
        match = _SECTION_NUM.match(unit.text) or _SECTION_LETTER.match(unit.text)
        title = match["title"] if match else ""
        if match and match["num"] in ("1", "A") and _heading_like(title) and title[-1] != ":":
            return "numbered"
    return "unnumbered"
