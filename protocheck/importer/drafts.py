"""Sections and paragraphs while they are being built: mutable, frozen by `parse` at the end.

A paragraph's lines are kept as fragments and joined once, at the end: re-joining a growing
string for every wrapped line made a long paragraph cost the square of its length."""

from __future__ import annotations

from dataclasses import dataclass, field

from .classify import _SENTENCE_END, _is_lead
from .results import Numbering, UnplacedLine


@dataclass
class _Line:
    """One line of a paragraph: the source lines a page break or a wrap split, in order."""

    parts: list[str]
    length: int

    @classmethod
    def of(cls, text: str) -> _Line:
        return cls([text], len(text))

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += 1 + len(text)

    @property
    def end(self) -> str:
        """The last source line: enough to tell whether the sentence has ended."""
        return self.parts[-1]

    def __str__(self) -> str:
        return " ".join(self.parts)


@dataclass
class _Para:
    """A paragraph being built: blocks of lines (a lead-in and its list share a block)."""

    ref: str
    numbering: Numbering
    line: int
    kind: str = "plain"  # plain | lead | sub | roman | group | gsub | item
    group: str = ""
    label: str = ""  # the number or label as printed, when the council gives one
    body: int = 0  # the column a wrapped line of this paragraph starts at, in a PDF's layout
    list_body: int = 0  # ... and of its last list item
    blocks: list[list[_Line]] = field(default_factory=lambda: [[]])
    list_kind: str = ""  # the last block's list: "" none, "plain" unmarked lines, "marked"
    bold_end: bool = False
    subheading: str | None = None

    @property
    def last_line(self) -> str:
        """The end of the last line (its last source line): what continuation tests look at."""
        return self.blocks[-1][-1].end if self.blocks[-1] else ""

    @property
    def last_length(self) -> int:
        return self.blocks[-1][-1].length if self.blocks[-1] else 0

    def join(self, text: str) -> None:
        """Re-join a sentence that a page break or a wrapped line split."""
        if self.blocks[-1]:
            self.blocks[-1][-1].add(text)
        else:
            self.blocks[-1].append(_Line.of(text))

    def new_block(self, text: str) -> None:
        self.blocks.append([_Line.of(text)])
        self.list_kind = ""

    def add_list_line(self, text: str, kind: str, body: int = 0) -> None:
        self.blocks[-1].append(_Line.of(text))
        self.list_kind, self.list_body = kind, body

    def lead_only(self) -> bool:
        return (
            len(self.blocks) == 1 and len(self.blocks[0]) == 1 and _is_lead(self.blocks[0][0].end)
        )

    def takes_plain_item(self, text: str) -> bool:
        """Whether an unmarked line is the next item of this paragraph's list (as in 3.1)."""
        block = self.blocks[-1]
        if self.list_kind == "marked" or text.endswith(":") or not block:
            return False
        if self.list_kind == "plain":
            return len(text) <= 200 and not _SENTENCE_END.search(block[-1].end)
        quotation = text[0] in "\"'“‘"
        return len(block) == 1 and _is_lead(block[0].end) and len(text) <= 160 and not quotation

    def in_list(self) -> bool:
        """Whether the paragraph's last line is an item of a list."""
        return bool(self.list_kind) and len(self.blocks[-1]) > 1

    def text(self) -> str:
        blocks = ("\n".join(str(line) for line in block) for block in self.blocks if block)
        return "\n\n".join(blocks).strip()


@dataclass
class _Sec:
    """A section being built; `pending` is a sub-heading still waiting for its paragraph."""

    number: str | None
    heading: str
    id: str
    lines: list[UnplacedLine]
    listed: bool = False  # in the contents table: kept even with nothing under it
    paragraphs: list[_Para] = field(default_factory=list)
    pending: str | None = None
    pending_lines: list[UnplacedLine] = field(default_factory=list)
    auto: int = 0
    indent: int = 0  # where its heading starts on the line: lists indented under it are its own
