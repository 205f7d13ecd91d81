"""Turn a protocol's extracted text into protocheck's paragraphs format.

Councils publish their Member/Officer protocols as PDFs and web pages. `pdftotext` or a Markdown
export gives text full of page furniture (headers, page numbers, `**` markers, list dashes,
sentences broken by page breaks, a contents table). This package finds the sections and the
paragraphs in that text, strips the noise that docs/rules-format.md says to strip, and writes a
paragraphs.yaml for a person to check by hand. It guesses only where the text is clear: a line it
cannot place is reported in `unplaced`, never silently dropped or forced into a paragraph.

Pure functions: no terminal, no CLI. Bad input raises InputError for the CLI to report.

The way through: `source` reads the file; `units` cleans its lines, using `noise` to drop markup,
a contents table and page furniture; `parse` runs the builder (`sections`, then `paragraphs`,
then `builder`, each layer adding to the one before, over the `drafts` it fills and `classify`'s
tests of what a line looks like) and freezes the drafts into `results`; `dump` writes the YAML.
"""

from __future__ import annotations

from pathlib import Path

from .dump import FOLD_WIDTH, dump_paragraphs_yaml
from .parse import parse_protocol
from .results import ImportedParagraph, ImportedSection, ImportResult, Numbering, UnplacedLine
from .source import _read_source

__all__ = [
    "FOLD_WIDTH",
    "MAX_SOURCE_BYTES",
    "ImportResult",
    "ImportedParagraph",
    "ImportedSection",
    "Numbering",
    "UnplacedLine",
    "dump_paragraphs_yaml",
    "parse_protocol",
    "read_source",
]

MAX_SOURCE_BYTES = 5 * 1024 * 1024


def read_source(path: Path) -> str:
    """The text of an extracted protocol; a PDF or other binary is refused with a hint.

    The limit lives here, read when called, so lowering `protocheck.importer.MAX_SOURCE_BYTES`
    (as the tests do) takes effect."""
    return _read_source(path, MAX_SOURCE_BYTES)
