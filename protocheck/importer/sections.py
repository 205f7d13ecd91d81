"""The builder's first layer: where sections start and end, and which one content goes in."""

from __future__ import annotations

import re

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

_PROTOCOL = re.compile(r"\bprotocol\b", re.IGNORECASE)
_PROTOCOLS = re.compile(r"protocol", re.IGNORECASE)
ID_WORDS = 7  # a section id (and the refs made from it) keeps its heading's first seven words
_HEADING_LINES = 3  # a heading the layout broke over lines: more than this is not a heading
_PREAMBLE = "Preamble"


class _SectionBuilder:
    """Section state: the contents table, the sections so far, title lines awaiting a place."""

    def __init__(self, units: list[_Unit], contents: list[_Entry], draft: bool = False):
        self.draft = draft  # numbers as the author wrote them, repeats and all (`check`)
        self.following: _Unit | None = None  # the unit after the one being read
        self.contents = contents
        self.numbered_contents = any(e.number for e in contents)
        self.unnumbered = {_norm(e.title): e for e in contents if e.number is None}
        self.mode = "contents" if contents else _section_mode(units)
        self.sections: list[_Sec] = []
        self.titles: list[UnplacedLine] = []
        self.title_lines: list[UnplacedLine] = []  # every title line before the content
        self.repeated: list[UnplacedLine] = []  # the page's title printed again
        self.unplaced: list[UnplacedLine] = []
        self.ids: set[str] = set()
        self.refs: set[str] = set()
        self.matched: set[int] = set()  # numbered entries already found in the body
        self.section_no = 0
        self.letter = "@"
        self.part = 1  # counts up where the numbering starts again (a second document)
        self.restarts: list[UnplacedLine] = []
        self.part_ends: list[_Para] = []  # the last paragraph before each restart
        self.section_indent: int | None = None
        self.first_line = units[0].no if units else 0
        self.kept_as = ""  # what became of the current line's printed number, if it has one

    def _section(self, unit: _Unit) -> bool:
        found = self._match_section(unit)
        if found is None:
            return False
        self._start_section(found[0], found[1], unit, listed=found[2])
        return True

    def _match_section(self, unit: _Unit) -> tuple[str | None, str, bool] | None:
        """A section heading: in the contents table, or next in a numbered/lettered sequence."""
        text = unit.text
        match = _SECTION_NUM.match(text) or _SECTION_LETTER.match(text)
        if match and not self._nested(unit):
            number, title = match["num"], match["title"].strip()
            entry = self._contents_entry(number, title)
            if entry is not None:
                return number, _heading_name(title, entry.title), True
            if self._in_sequence(number, title, unit):
                return number, _heading_name(title, None), False
        entry = self.unnumbered.pop(_norm(text), None) if len(text) <= 160 else None
        return (None, _heading_name(text, entry.title), True) if entry else None

    def _nested(self, unit: _Unit) -> bool:
        """A numbered line indented under the section headings is an item, not a section."""
        return self.section_indent is not None and unit.indent > self.section_indent + 1

    def _contents_entry(self, number: str, title: str) -> _Entry | None:
        """The contents entry with this number and (loosely) this title, used once."""
        for index, entry in enumerate(self.contents):
            if index in self.matched or entry.number != number:
                continue
            if _same_title(title, entry.title):
                self.matched.add(index)
                return entry
        return None

    def _in_sequence(self, number: str, title: str, unit: _Unit) -> bool:
        """Without a contents table, `3. Roles` is a heading only if it follows `2. ...`; a
        `1. Introduction` after later sections starts the numbering again (a second part)."""
        if self.numbered_contents or not _heading_like(title, 160) or title.endswith(":"):
            return False
        again = (number == "1" and self.section_no) or (number == "A" and self.letter != "@")
        if again:
            self._start_part(unit)
            return True
        if number.isdigit():
            return int(number) == self.section_no + 1 or self._authored_section(number, unit)
        return number == chr(ord(self.letter) + 1)

    def _authored_section(self, number: str, unit: _Unit) -> bool:
        """In a draft, `9. Heading` out of sequence is still a section where its own
        paragraphs (`9.1`) follow it."""
        following = self.following
        return (
            self.draft
            and unit.blank_before
            and following is not None
            and following.text.startswith(f"{number}.")
        )

    def _start_part(self, unit: _Unit) -> None:
        """The numbering starts again: refs from here on are made unique with their section."""
        self.part += 1
        self.section_no, self.letter = 0, "@"
        numbered = [p for s in self.sections for p in s.paragraphs if p.numbering == "council"]
        if numbered:
            self.part_ends.append(numbered[-1])
        self.restarts.append(UnplacedLine(unit.no, unit.text))
        self._split_off_title()

    def _split_off_title(self) -> None:
        """Unnumbered paragraphs under a sub-heading since the last council number are the new
        part's opening (its title and introduction): they become a section of their own."""
        if not self.sections:
            return
        section = self.sections[-1]
        paras = section.paragraphs
        start = len(paras)
        while start > 0 and paras[start - 1].numbering == "protocheck":
            start -= 1
        tail = paras[start:]
        if not tail or start == 0 or tail[0].subheading is None:
            return
        del paras[start:]
        heading = tail[0].subheading
        tail[0].subheading = None
        self._close_section()
        moved = _Sec(None, heading, self._unique_id(_kebab(heading, ID_WORDS)), [])
        self.sections.append(moved)
        for count, para in enumerate(tail, 1):
            self.refs.discard(para.ref)
            para.ref = f"{moved.id}.{count}"
            self.refs.add(para.ref)
        moved.paragraphs, moved.auto = tail, len(tail)

    def _start_section(
        self, number: str | None, heading: str, unit: _Unit, listed: bool = False
    ) -> None:
        """Close the previous section; title lines that preceded this one are reported."""
        self._close_section()
        self.unplaced.extend(self.titles)
        self.titles = []
        if number and number.isdigit():
            self.section_no = int(number)
        elif number and len(number) == 1 and number.isalpha():
            self.letter = number
        if number and self.section_indent is None:
            self.section_indent = unit.indent
        if number:
            self.kept_as = "heading"
        section_id = self._unique_id(_kebab(heading, ID_WORDS))
        lines = [UnplacedLine(unit.no, unit.text)]
        self.sections.append(_Sec(number, heading, section_id, lines, listed, indent=unit.indent))

    def missing_sections(self) -> tuple[str, ...]:
        """Sections the contents table lists that the body never reached. Where the contents
        number their sections, an unnumbered entry among them is a label for a group of them
        (`The Protocol` over sections A to I), not a section that can go missing."""
        if self.numbered_contents:
            return tuple(
                f"{e.number} {e.title}"
                for i, e in enumerate(self.contents)
                if e.number and i not in self.matched
            )
        return tuple(e.title for e in self.unnumbered.values())

    def document_title(self) -> UnplacedLine | None:
        """The title line that names the protocol, if any: of the lines above the first
        paragraph, the first that says "protocol" (rather than "Codes and Protocols")."""
        first = min((p.line for s in self.sections for p in s.paragraphs), default=0)
        lines = sorted(
            {*self.title_lines, *(u for u in self.unplaced if u.line_no < first)},
            key=lambda u: u.line_no,
        )
        for pattern in (_PROTOCOL, _PROTOCOLS):
            for line in lines:
                if pattern.search(line.text):
                    return line
        return None

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
            self.ids.discard(section.id)
            self.sections.pop()

    def _content_section(self) -> _Sec:
        """The section new content goes in; text before any heading makes a preamble, headed
        by the title line just above it if there is one."""
        if not self.sections:
            heading = self.titles.pop().text if self.titles else _PREAMBLE
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
        """An unnumbered heading: a section, a sub-heading, or (before any section) a title.

        The page's own title printed again above the protocol is set aside, not repeated."""
        text = unit.text.rstrip(":").rstrip()
        section = self.sections[-1] if self.sections else None
        if self._repeats_title(text):
            self.repeated.append(UnplacedLine(unit.no, unit.text))
        elif self.mode == "unnumbered":
            if section is None:
                self.title_lines.append(UnplacedLine(unit.no, unit.text))
            if section and not section.paragraphs and not unit.blank_before:
                self._continue_heading(section, unit)
            else:
                self._start_section(None, text, unit)
        elif section is None:
            self.titles.append(UnplacedLine(unit.no, unit.text))
            self.title_lines.append(UnplacedLine(unit.no, unit.text))
        elif self.section_indent is None and section.paragraphs and not section.pending:
            self._start_section(None, text, unit)  # `Introduction`, before section 1
        else:
            self._subheading(unit)

    def _repeats_title(self, text: str) -> bool:
        if not self.title_lines or self.title_lines[0].line_no != self.first_line:
            return False  # only the page's own title, its first line, is set aside again
        return _norm(text) == _norm(self.title_lines[0].text)

    def _continue_heading(self, section: _Sec, unit: _Unit) -> None:
        """A heading the layout broke over two lines (a few at most)."""
        if len(section.lines) >= _HEADING_LINES:
            self._start_section(None, unit.text.rstrip(":").rstrip(), unit)
            return
        self.ids.discard(section.id)
        section.heading = f"{section.heading} {unit.text.rstrip(':').rstrip()}"
        section.id = self._unique_id(_kebab(section.heading, ID_WORDS))
        section.lines.append(UnplacedLine(unit.no, unit.text))

    def _subheading(self, unit: _Unit) -> None:
        """Stacked sub-headings (`When things go wrong` / `Procedure for officers`) combine."""
        section = self._content_section()
        text = unit.text.rstrip(":").rstrip()
        if len(section.pending_lines) >= _HEADING_LINES:  # a run of short lines: not headings
            self.unplaced.extend(section.pending_lines)
            section.pending, section.pending_lines = None, []
        section.pending = f"{section.pending}: {text}" if section.pending else text
        section.pending_lines.append(UnplacedLine(unit.no, unit.text))
        self.kept_as = "heading"


def _section_mode(units: list[_Unit]) -> str:
    """`numbered` if the text has a `1. Heading` or `A. Heading`; else headings are sections."""
    for unit in units:
        match = _SECTION_NUM.match(unit.text) or _SECTION_LETTER.match(unit.text)
        title = match["title"] if match else ""
        if match and match["num"] in ("1", "A") and _heading_like(title) and title[-1] != ":":
            return "numbered"
    return "unnumbered"
