"""Turn a protocol's text (extracted text, a saved web page, or a PDF) into protocheck's
paragraphs format.

Councils publish their Member/Officer protocols as PDFs and web pages. `pdftotext`, a saved page
or a Markdown export gives text full of page furniture (headers, page numbers, `**` markers,
list dashes, sentences broken by page breaks, a contents table, site navigation). This package
finds the sections and the paragraphs in that text, keeping the council's own numbers as
printed, strips the noise that docs/rules-format.md says to strip, marks what the text cuts
off, and writes a paragraphs.yaml for a person to check by hand. It guesses only where the text
is clear: a line it cannot place is reported in `unplaced`, never silently dropped or forced
into a paragraph.

Pure functions: no terminal, no CLI. Bad input raises InputError for the CLI to report.

The way through: `source` reads the file (`htmltext` for a page, `pdftext` for a PDF); `units`
cleans its lines, using `noise` to drop markup, a contents table and page furniture, `webpage`
for a site's navigation and its date line, and `layout` for numbers printed on lines of their
own; `parse` runs the builder (`sections`, then `paragraphs`, then `builder`, each layer adding
to the one before, over the `drafts` it fills and `classify`'s tests of what a line looks
like), finds what is cut off (`ends`) and freezes the drafts into `results`; `dump` writes the
YAML; `coverage` measures how much of the wording was kept; `write` puts the files in place.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..yamlfile import MAX_BYTES
from .dump import FOLD_WIDTH, dump_council_yaml, dump_paragraphs_yaml
from .parse import parse_protocol
from .results import ImportedParagraph, ImportedSection, ImportResult, Numbering, UnplacedLine
from .source import MIB, _read_html, _read_pdf, _read_text, source_kind

__all__ = [
    "FOLD_WIDTH",
    "MAX_HTML_BYTES",
    "MAX_PDF_BYTES",
    "MAX_SOURCE_BYTES",
    "ImportResult",
    "ImportedParagraph",
    "ImportedSection",
    "Numbering",
    "UnplacedLine",
    "dump_council_yaml",
    "dump_paragraphs_yaml",
    "parse_protocol",
    "read_source",
]

# A text (or the text taken from a page or a PDF) may be as large as a rules file may be: what
# it becomes has to load again (yamlfile.MAX_BYTES).
MAX_SOURCE_BYTES = MAX_BYTES
MAX_HTML_BYTES = 10 * MIB  # markup, inline scripts and styles besides the text
MAX_PDF_BYTES = 100 * MIB  # a whole constitution, of which --pages picks the protocol


def read_source(path: Path, pages: str | None = None) -> str:
    """The text of a protocol from a text file, a saved web page or a PDF (its `pages`).

    The limits live here, read when called, so lowering `protocheck.importer.MAX_SOURCE_BYTES`
    (as the tests do) takes effect."""
    kind = source_kind(path)
    if pages is not None and kind != "pdf":
        raise InputError("--pages chooses pages of a PDF; this file is not one", path=path)
    if kind == "pdf":
        return _read_pdf(path, MAX_PDF_BYTES, MAX_SOURCE_BYTES, pages)
    if kind == "html":
        return _read_html(path, MAX_HTML_BYTES, MAX_SOURCE_BYTES)
    return _read_text(path, MAX_SOURCE_BYTES)
