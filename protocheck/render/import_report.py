"""The structure report after `import`: what was written, how the text's structure was read,
what is missing from it, and what a person must check by hand."""

from __future__ import annotations

from collections import Counter

from ..importer.report import ImportReport
from ..importer.results import ImportResult, UnplacedLine
from .blocks import Block, Bullets, Heading, Line, Prose

LISTED = 12  # lines listed in full under a heading; the rest are counted


def import_blocks(report: ImportReport) -> list[Block]:
    result = report.result
    blocks: list[Block] = [
        Prose(
            f"Imported {_count(len(result.paragraphs), 'paragraph')} in "
            f"{_count(len(result.sections), 'section')} from {report.source}."
        )
    ]
    blocks += [Line("Wrote", str(path)) for path in report.written]
    if report.kept_council:
        blocks.append(Line("Kept", f"{report.folder / 'council.yaml'} (yours, unchanged)"))
    if report.scope_to_set:
        blocks.append(
            Prose(
                "This text is only part of the protocol: add `scope: extract` to the source "
                "block of your council.yaml."
            )
        )
    if not report.visible:
        blocks.append(
            Prose("protocheck does not read this folder: add it to PROTOCHECK_RULES to use it.")
        )
    blocks += [Heading("Structure", 2), Bullets(tuple(_structure(report)))]
    if result.extract:
        blocks.append(Prose(_extract(report)))
    if result.removed:
        title = "Removed as page furniture (check that none of it is the protocol's)"
        blocks += _listed(title, list(result.removed))
    if report.not_kept:
        lines = [UnplacedLine(n.line_no, n.label) for n in report.not_kept]
        blocks += _listed("Numbers printed but not kept as refs (left in the text)", lines)
    if result.unplaced:
        title = f"{len(result.unplaced)} lines could not be placed; add them by hand if they belong"
        blocks += _listed(title, list(result.unplaced))
    else:
        blocks.append(Prose("Every line was placed."))
    blocks.append(
        Prose(f"Check every paragraph against the source, then: protocheck lint {report.folder}")
    )
    return blocks


def _structure(report: ImportReport) -> list[str]:
    result = report.result
    kept = Counter(n.kept_as for n in result.numbers)
    council = sum(1 for p in result.paragraphs if p.numbering == "council")
    lines = [
        f"Numbers printed at the start of a line: {len(result.numbers)} (kept as refs "
        f"{kept['ref']}, in headings {kept['heading']}, in lists {kept['list']}, "
        f"not kept {kept['text']})",
        f"Refs: {council} the council's own, {len(result.paragraphs) - council} made by protocheck",
        *_numbering(result),
        f"Headings: {_count(len(result.sections), 'section')}, "
        f"{_count(sum(1 for p in result.paragraphs if p.subheading), 'sub-heading')}",
        f"Cut off: {', '.join(result.gaps.cut_off) or 'none'}",
        f"Lines not placed: {len(result.unplaced)}",
        f"Removed as page furniture: {_count(len(result.removed), 'line')}",
        *_metadata(result),
        f"Words kept verbatim: {report.words_kept:.1%} of the source's (runs of six words; "
        "removed furniture aside)",
    ]
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _numbering(result: ImportResult) -> list[str]:
    notes = []
    if result.numbering == "protocheck":
        notes.append("The text has no paragraph numbers: refs were made from the headings.")
    if result.per_section:
        notes.append(
            "Numbers start again in each section, so refs add the section's number "
            "(1.2 is paragraph 2 of section 1)."
        )
    for line in result.restarts:
        notes.append(
            f"The numbering starts again at line {line.line_no} ({line.text.strip()[:40]}): the "
            "text holds a second document or part, so its refs begin with their section's id."
        )
    return notes


def _metadata(result: ImportResult) -> list[str]:
    meta = result.metadata
    if not meta.text:
        return []
    version = f", version {meta.version}" if meta.version else ""
    return [f"Source date: {meta.date}{version} (from line {meta.line_no}: {meta.text})"]


def _extract(report: ImportReport) -> str:
    gaps = report.result.gaps
    why = []
    if gaps.ends_mid_sentence:
        why.append("the text ends mid-sentence")
    if gaps.cut_off and not gaps.ends_mid_sentence:
        why.append("paragraphs are cut off")
    if gaps.missing_sections:
        why.append(f"its contents list sections not found: {'; '.join(gaps.missing_sections)}")
    return (
        f"Imported as an extract (scope: extract), because {' and '.join(why)}: compare will "
        "not call this protocol silent on a theme, and explain marks each cut-off paragraph."
    )


def _listed(title: str, lines: list[UnplacedLine]) -> list[Block]:
    shown = [f"line {line.line_no}: {line.text}" for line in lines[:LISTED]]
    if len(lines) > LISTED:
        shown.append(f"and {len(lines) - LISTED} more")
    return [Heading(title, 2), Bullets(tuple(shown))]
