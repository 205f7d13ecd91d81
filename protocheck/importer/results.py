"""What the importer hands back: frozen sections, paragraphs and the lines it set aside."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .webpage import Metadata

Numbering = Literal["council", "protocheck"]


@dataclass(frozen=True)
class ImportedParagraph:
    ref: str
    text: str
    numbering: Numbering
    subheading: str | None = None
    label: str = ""  # the council's number or label as printed (`8.63`, `(a)`, `1.`), if any
    cut_off: bool = False  # the text stops part-way through this paragraph
    line: int = 0  # the line of the text it starts on


@dataclass(frozen=True)
class ImportedSection:
    number: str | None
    heading: str
    id: str
    paragraphs: tuple[ImportedParagraph, ...]
    line: int = 0  # its heading's line; 0 for a preamble, which has none


@dataclass(frozen=True)
class UnplacedLine:
    line_no: int
    text: str


@dataclass(frozen=True)
class PrintedNumber:
    """A number or label the text prints at the start of a line, and what became of it:
    `ref` (a paragraph's ref), `heading` (a section's or sub-heading's number), `list` (an item
    kept with its label in its paragraph's list), or `text` (not kept: left in the words)."""

    line_no: int
    label: str
    kept_as: str


@dataclass(frozen=True)
class Gaps:
    """What the text is missing, so that the import is marked as an extract."""

    ends_mid_sentence: bool = False
    cut_off: tuple[str, ...] = ()  # refs of paragraphs cut off (at the end or mid-text)
    missing_sections: tuple[str, ...] = ()  # contents entries never found in the body

    @property
    def any(self) -> bool:
        return bool(self.ends_mid_sentence or self.cut_off or self.missing_sections)


@dataclass(frozen=True)
class ImportResult:
    """What the importer made of a text. `removed` lists the noise it stripped, for checking;
    `restarts` the lines where the numbering starts again (refs there are made unique)."""

    sections: tuple[ImportedSection, ...]
    unplaced: tuple[UnplacedLine, ...]
    numbering: Numbering
    removed: tuple[UnplacedLine, ...] = ()
    title: str | None = None  # the document's own title line, for the source
    metadata: Metadata = field(default_factory=Metadata)
    gaps: Gaps = field(default_factory=Gaps)
    restarts: tuple[UnplacedLine, ...] = ()
    per_section: bool = False  # bare numbers restart in each section: refs are `2.1`
    numbers: tuple[PrintedNumber, ...] = ()

    @property
    def paragraphs(self) -> tuple[ImportedParagraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    @property
    def extract(self) -> bool:
        """Only part of a protocol: the text ends short, or lacks sections its contents list."""
        return self.gaps.any
