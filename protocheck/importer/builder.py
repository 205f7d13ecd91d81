"""The builder's top layer: reads each unit and decides what it is and where it belongs."""

from __future__ import annotations

import re

from .classify import (
    _BULLET,
    _DANGLING,
    _ITEM,
    _NUM,
    _URL_END,
    _ends_clause,
    _heading_like,
    _is_lead,
    _is_sentence,
    _kebab,
    _letter,
    _long_heading,
    _lower_start,
    _marked,
    _next_labels,
    _printed_label,
    _roman,
)
from .drafts import _Para, _Sec
from .noise import _Entry
from .paragraphs import _ParagraphBuilder
from .results import Numbering, PrintedNumber
from .units import _Unit

_GROUP_WORD = re.compile(r"\b(members?|officers?|councillors?|employees?)\b", re.I)


class _Builder(_ParagraphBuilder):
    """Reads units in order, keeping just enough state to know where each one belongs."""

    def __init__(self, units: list[_Unit], contents: list[_Entry], draft: bool = False):
        super().__init__(units, contents, draft)
        self.units = units
        self.numbers: list[PrintedNumber] = []

    def build(self) -> list[_Sec]:
        """Every unit placed; title lines never followed by content are reported."""
        for index, unit in enumerate(self.units):
            following = self.units[index + 1] if index + 1 < len(self.units) else None
            self._feed(index, unit, following)
        self._close_section()
        self.unplaced.extend(self.titles)
        return self.sections

    def _feed(self, index: int, unit: _Unit, following: _Unit | None) -> None:
        """Try the strongest readings first: a section, a council number, an item, a bullet."""
        self.kept_as, self.following = "", following
        placed = self._section(unit) or self._numbered(unit, following)
        placed = placed or self._item(index, unit) or self._bullet(unit, following)
        if not placed:
            self._text(unit, following)
        label = _printed_label(unit.text)
        if label:
            self.numbers.append(PrintedNumber(unit.no, label, self.kept_as or "text"))
        if self.sections and self.sections[-1].paragraphs:
            # a line ending in `**` closes bold text: the next line starts afresh
            self.sections[-1].paragraphs[-1].bold_end = unit.bold_end

    # list items

    def _item(self, index: int, unit: _Unit) -> bool:
        """A labelled item (`a)`, `(ii)`, `(1)`): the council's own paragraph when it stands
        under a heading or follows its sibling; else a citable sub-paragraph, or a list line."""
        match = _ITEM.match(unit.text)
        if not match:
            return False
        label, rest = match["label"], match["rest"]
        current = self._current()
        if current is None or (current.kind == "item" and label in _next_labels(current.label)):
            self._item_paragraph(unit, label, rest)
            return True
        sub = self._sub_paragraph(current, label, index)
        if sub is not None:
            ref, numbering, kind, group = sub
            self._add(ref, numbering, rest, unit, kind=kind, group=group, label=label)
        else:
            current.add_list_line(f"{label} {rest}", "marked", unit.body)
            self.kept_as = "list"
        return True

    def _item_paragraph(self, unit: _Unit, label: str, rest: str) -> None:
        """`(a)` under `Introduction`: ref `(a)`; `(1)` in section 1: ref `1(1)`. Made unique
        with the section's id where the label is used already, or a second part restarts."""
        section = self._content_section()
        ref = label
        if section.number:
            ref = (
                f"{section.number}{label}" if label.startswith("(") else f"{section.number} {label}"
            )
        if self.part > 1 or ref in self.refs:
            ref = f"{section.id} {ref}"
        if ref in self.refs:
            self._protocheck(unit, f"{label} {rest}")
            return
        self._add(ref, "council", rest, unit, kind="item", group=ref, label=label)

    def _sub_paragraph(
        self, current: _Para, label: str, index: int
    ) -> tuple[str, Numbering, str, str] | None:
        """Items the source makes citable: `4 a)` under a bare `4`, `7.6(ii)` as paragraphs."""
        found: tuple[str, Numbering, str, str] | None = None
        roman = _roman(label)
        if _letter(label) and current.kind in ("lead", "sub"):
            found = (f"{current.group} {label}", "council", "sub", current.group)
        elif _letter(label) and current.kind in ("group", "gsub"):
            found = (f"{current.group} {label}", "protocheck", "gsub", current.group)
        elif current.kind == "roman" and label.startswith("("):
            found = (f"{current.group}{label}", "council", "roman", current.group)
        elif roman == "i" and self._roman_paragraphs(current, index):
            found = (f"{current.ref}({roman})", "council", "roman", current.ref)
        if found is None or found[0] in self.refs:
            return None
        return found

    def _roman_paragraphs(self, current: _Para, index: int) -> bool:
        """(i), (ii)... under a numbered lead-in are paragraphs when each is whole sentences."""
        if current.numbering != "council" or "." not in current.ref or not current.lead_only():
            return False
        items: list[str] = []
        for unit in self.units[index:]:
            match = _ITEM.match(unit.text)
            if match and _roman(match["label"]):
                items.append(match["rest"])
            elif items and unit.text[:1].islower() and not _ends_clause(items[-1]):
                items[-1] = f"{items[-1]} {unit.text}"
            else:
                break
        return bool(items) and all(_is_sentence(item) for item in items)

    def _bullet(self, unit: _Unit, following: _Unit | None) -> bool:
        """A dashed line: a list item, unless it is a sentence's page-break continuation."""
        match = _BULLET.match(unit.text)
        if not match:
            return False
        rest, current = match["rest"], self._current()
        if current is not None and rest[:1].islower() and self._continues(current):
            current.join(rest)
        elif self._group_lead(rest, current, following):
            self._start_group(rest, unit, current)
        elif current is None:
            self._protocheck(unit, f"- {rest}")
        else:
            current.add_list_line(f"- {rest}", "marked", unit.body)
        return True

    def _continues(self, current: _Para) -> bool:
        return (
            bool(current.last_line)
            and not current.list_kind
            and not _ends_clause(current.last_line)
        )

    def _group_lead(self, text: str, current: _Para | None, following: _Unit | None) -> bool:
        """`As a Member:` after `5 a)`...: a lead-in whose list restarts its letters."""
        if current is None or current.kind not in ("sub", "gsub") or not _is_lead(text):
            return False
        match = _ITEM.match(following.text) if following else None
        return len(text) <= 80 and match is not None and _letter(match["label"])

    def _start_group(self, text: str, unit: _Unit, current: _Para | None) -> None:
        """Refs like `5 Member a)` are protocheck's: the source's own letters would clash."""
        root = (current.group if current else "").split(" ")[0]
        word = _GROUP_WORD.search(text)
        name = word[1].rstrip("s") if word else _kebab(text)
        base, count = f"{root} {name}".strip(), 1
        while base in self.refs:
            count += 1
            base = f"{root} {name} {count}".strip()
        self._add(base, "protocheck", text, unit, kind="group", group=base)

    # plain lines

    def _text(self, unit: _Unit, following: _Unit | None) -> None:
        """An unmarked line: a continuation, a list line, a heading, or prose (in that order)."""
        text, current = unit.text, self._current()
        if current is not None and (_wrapped(current, unit) or self._continued(current, text)):
            current.join(text)
        elif current is not None and current.takes_plain_item(text):
            current.add_list_line(text, "plain")
        elif self._group_lead(text, current, following):
            self._start_group(text, unit, current)
        elif _is_heading(unit, following):
            self._heading(unit)
        elif current is not None and self._page_break(current, text):
            current.join(text)
        elif current is not None and (current.numbering == "council" or current.group):
            current.new_block(text)
        else:
            self._protocheck(unit, text)

    def _continued(self, current: _Para, text: str) -> bool:
        """A lower-case line after an unfinished one: the sentence goes on."""
        return (
            _lower_start(text) and bool(current.last_line) and not _ends_clause(current.last_line)
        )

    def _page_break(self, current: _Para, text: str) -> bool:
        """A capitalised line continues a long sentence that a page break split: only where the
        sentence stops on a word no sentence ends on (`of`, `the`, `that`); a line that merely
        lacks its full stop is followed by a new paragraph."""
        last = current.last_line
        return (
            not current.list_kind
            and not current.bold_end
            and current.last_length >= 60
            and bool(_DANGLING.search(last))
            and not _URL_END.search(last)
            and (len(text) >= 60 or _ends_clause(text))
            and not _heading_like(text)
        )


def _wrapped(current: _Para, unit: _Unit) -> bool:
    """In a PDF's layout, a line starting where the words after the paragraph's number (or
    its last list item's label) start, with no blank line between, is that text wrapped,
    capital letter or not."""
    if unit.blank_before:
        return False
    column = current.list_body if current.in_list() else current.body
    return column > 0 and unit.indent == column


def _is_heading(unit: _Unit, following: _Unit | None) -> bool:
    """A short capitalised line (or a long one in title case standing alone) with content
    after it; never a line whose sentence runs on into the next line."""
    if following is not None and _runs_on(following):
        return False
    text = unit.text
    alone = unit.blank_before and (following is None or following.blank_before)
    numbered_next = following is not None and bool(_NUM.match(following.text))
    looks = (
        _heading_like(text)
        or (alone and _long_heading(text))
        or (alone and numbered_next and _heading_like(text, 200))  # over its paragraphs
    )
    return looks and _heading_ahead(text, following)


def _runs_on(following: _Unit) -> bool:
    """Whether the next line continues this one: no blank between, and a lower-case start."""
    return not following.blank_before and following.text[:1].islower()


def _heading_ahead(text: str, following: _Unit | None) -> bool:
    """A heading needs content after it; a colon-ended one must not be a list's lead-in."""
    if following is None:
        return False
    if not _is_lead(text):
        return True
    if _NUM.match(following.text):
        return True
    long_prose = len(following.text) >= 100 and _is_sentence(following.text)
    return long_prose and not _marked(following.text)
