"""What the importer hands back: frozen sections, paragraphs and the lines it set aside."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Numbering = Literal["council", "protocheck"]


@dataclass(frozen=True)
class ImportedParagraph:
    ref: str
    text: str
    numbering: Numbering
    subheading: str | None = None


@dataclass(frozen=True)
class ImportedSection:
    number: str | None
    heading: str
    id: str
    paragraphs: tuple[ImportedParagraph, ...]


@dataclass(frozen=True)
class UnplacedLine:
    line_no: int
    text: str


@dataclass(frozen=True)
class ImportResult:
    """What the importer made of a text. `removed` lists the noise it stripped, for checking."""

    sections: tuple[ImportedSection, ...]
    unplaced: tuple[UnplacedLine, ...]
    numbering: Numbering
    removed: tuple[UnplacedLine, ...] = ()

    @property
    def paragraphs(self) -> tuple[ImportedParagraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)
