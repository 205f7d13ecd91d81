"""`protocheck import`: a protocol's extracted text in, a council's rules folder out.

The importer guesses where it must, so this command says what it could not place and writes
nothing over existing work without --force. Both files are written atomically.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..errors import InputError, shown
from ..files import make_folder, save_atomically
from ..importer import ImportResult, dump_paragraphs_yaml, parse_protocol, read_source
from ..library import COUNCIL_FILE, PARAGRAPHS_FILE

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def council_yaml(slug: str, name: str, source: Path, result: ImportResult) -> str:
    """A starter council.yaml: enough to load and explain; roles and topics to be added."""
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    return (
        f"council:\n  slug: {slug}\n  name: {q(name)}\n  source:\n"
        f"    title: {q(f'Imported from {source.name}')}\n"
        "    date: not stated in the document\n"
        f"  version: null\n  adopted: null\n  numbering: {result.numbering}\n\n"
        "# Add the roles the protocol names as contacts, e.g.\n"
        "#  - id: monitoring-officer\n#    title: Monitoring Officer\nroles: []\n\n"
        "topics: []\n"
    )


def run(file: Path, slug: str, name: str, rules_dir: Path, force: bool) -> None:
    if not SLUG.match(slug):
        raise InputError(f"--council {shown(slug)} must be lower case words joined by hyphens")
    result = parse_protocol(read_source(file))
    folder = rules_dir / slug
    paragraphs, council = folder / PARAGRAPHS_FILE, folder / COUNCIL_FILE
    if paragraphs.exists() and not force:
        raise InputError("already exists; use --force to replace it", path=paragraphs)
    make_folder(folder)
    save_atomically(paragraphs, dump_paragraphs_yaml(result, name))
    wrote = [paragraphs]
    if not council.exists():
        save_atomically(council, council_yaml(slug, name, file, result))
        wrote.append(council)
    count = len(result.paragraphs)
    print(f"Imported {count} paragraphs in {len(result.sections)} sections from {file}.")
    for path in wrote:
        print(f"Wrote {path}")
    if result.numbering == "protocheck":
        print("The text has no paragraph numbers: refs were made from the headings.")
    _report_unplaced(result)
    print(f"Check every paragraph against the source, then: protocheck lint {folder}")


def _report_unplaced(result: ImportResult) -> None:
    if not result.unplaced:
        print("Every line was placed.")
        return
    print(f"{len(result.unplaced)} lines could not be placed; add them by hand if they belong:")
    for line in result.unplaced:
        print(f"  line {line.line_no}: {line.text}", file=sys.stdout)
