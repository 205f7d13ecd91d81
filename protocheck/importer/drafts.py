"""Sections and paragraphs while they are being built: mutable, frozen by `parse` at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from .classify import _SENTENCE_END, _is_lead
from .results import Numbering, UnplacedLine


@dataclass
class _Para:
    """A paragraph being built: blocks of lines (a lead-in and its list share a block)."""

    ref: str
    numbering: Numbering
    line: int
    kind: str = "plain"  # plain | lead | sub | roman | group | gsub
    group: str = ""
    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    list_kind: str = ""  # the last block's list: "" none, "plain" unmarked lines, "marked"
    bold_end: bool = False
    subheading: str | None = None

    @property
    def last_line(self) -> str:
        return self.blocks[-1][-1] if self.blocks[-1] else ""

    def join(self, text: str) -> None:
        """Re-join a sentence that a page break split."""
        self.blocks[-1][-1] = f"{self.blocks[-1][-1]} {text}"

    def new_block(self, text: str) -> None:
        self.blocks.append([text])
        self.list_kind = ""

    def add_list_line(self, text: str, kind: str) -> None:
        self.blocks[-1].append(text)
        self.list_kind = kind

    def lead_only(self) -> bool:
        return len(self.blocks) == 1 and len(self.blocks[0]) == 1 and _is_lead(self.blocks[0][0])

    def takes_plain_item(self, text: str) -> bool:
        """Whether an unmarked line is the next item of this paragraph's list (as in 3.1)."""
        block = self.blocks[-1]
        if self.list_kind == "marked" or text.endswith(":"):
            return False
        if self.list_kind == "plain":
            return len(text) <= 200 and not _SENTENCE_END.search(block[-1])
        quotation = text[0] in "\"'“‘"
        return len(block) == 1 and _is_lead(block[0]) and len(text) <= 160 and not quotation

    def text(self) -> str:
        return "\n\n".join("\n".join(block) for block in self.blocks if block).strip()


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
