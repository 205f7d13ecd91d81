"""`protocheck import`: a protocol (text, saved web page or PDF) in, a council's rules out.

The importer guesses where it must, so this command reports the structure it found and what
it could not place, writes into the user's own rules folder (never another council's name or an
earlier import without --force), and writes both files or neither.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import output
from ..errors import ExitCode, InputError, ProtocheckError, shown
from ..importer import dump_council_yaml, dump_paragraphs_yaml, parse_protocol, read_source
from ..importer.coverage import words_kept
from ..importer.report import ImportReport
from ..importer.target import check_name, read_by_commands, refuse_clashes, rules_folder
from ..importer.write import write_council
from ..library import COUNCIL_FILE
from ..render.import_report import import_blocks

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class StructureFindings(ProtocheckError):
    """`--strict`: a printed number was not kept as a ref, or a line was not placed."""

    exit_code = ExitCode.FINDINGS


def run(
    file: Path,
    slug: str,
    name: str,
    rules_dir: Path | None,
    force: bool,
    pages: str | None,
    strict: bool,
) -> None:
    if not SLUG.match(slug) or len(slug) > 80:
        raise InputError(f"--council {shown(slug)} must be lower case words joined by hyphens")
    name = check_name(name)
    text = read_source(file, pages)
    result = parse_protocol(text)
    folder = rules_folder(rules_dir) / slug
    refuse_clashes(slug, folder, force)
    existing = _existing_council(folder)
    written = write_council(
        folder,
        dump_paragraphs_yaml(result, name),
        dump_council_yaml(slug, name, _printable(file.name), result),
    )
    report = ImportReport(
        source=_printable(str(file)),
        folder=folder,
        written=tuple(written),
        kept_council=existing is not None,
        scope_to_set=existing is not None and result.extract and "extract" not in existing,
        visible=read_by_commands(folder.parent),
        result=result,
        words_kept=words_kept(text, result),
    )
    output.show(import_blocks(report))
    if strict and report.strict_problems:
        raise StructureFindings(
            f"--strict: {len(report.not_kept)} printed numbers not kept as refs, "
            f"{len(result.unplaced)} lines not placed"
        )


def _existing_council(folder: Path) -> str | None:
    try:
        return (folder / COUNCIL_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _printable(text: str) -> str:
    """A file name fit for a YAML note and a report: control characters shown as `?`."""
    return "".join("?" if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 else c for c in text)
