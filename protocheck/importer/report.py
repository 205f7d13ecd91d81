"""What an import did, for the structure report printed after it (and `--strict`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .results import ImportResult, PrintedNumber


@dataclass(frozen=True)
class ImportReport:
    source: str  # the file as the user named it
    folder: Path
    written: tuple[Path, ...]
    kept_council: bool  # an existing council.yaml was left as it was
    scope_to_set: bool  # ... and it does not yet say the protocol is an extract
    visible: bool  # the folder is one every command reads
    result: ImportResult
    words_kept: float  # 0 to 1: see `coverage`

    @property
    def not_kept(self) -> tuple[PrintedNumber, ...]:
        """Numbers the text prints that are neither a ref, a heading's nor a list item's."""
        return tuple(n for n in self.result.numbers if n.kept_as == "text")

    @property
    def strict_problems(self) -> int:
        """What `--strict` fails on: a printed number not kept, a line not placed."""
        return len(self.not_kept) + len(self.result.unplaced)
