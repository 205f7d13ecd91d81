"""paragraphs.yaml text, written by hand so a person checking it finds it easy to read."""

from __future__ import annotations

import json
import re

from .results import Gaps, ImportedSection, ImportResult, Numbering

FOLD_WIDTH = 92


def dump_paragraphs_yaml(result: ImportResult, council_name: str) -> str:
    """paragraphs.yaml text: refs double-quoted, prose folded (`>-`), lists literal (`|-`)."""
    name = " ".join(council_name.split())
    numbers = "the council's own" if result.numbering == "council" else "made by protocheck"
    lines = [
        f"# {name}: Member/Officer Relations Protocol.",
        f"# Imported by protocheck from extracted text; refs are {numbers}.",
        "# Check every paragraph against the source before relying on it.",
        "sections:",
    ]
    for section in result.sections:
        lines.extend(_section_yaml(section, result.numbering))
    return "\n".join(lines) + "\n"


def _section_yaml(section: ImportedSection, numbering: Numbering) -> list[str]:
    """One section; a paragraph says `numbering:` only where it differs from the council's."""
    lines = [f"  - number: {_quoted(section.number)}"] if section.number else []
    lines.append(f"{'    ' if lines else '  - '}heading: {_quoted(section.heading)}")
    lines.append(f"    id: {section.id}")
    lines.append("    paragraphs:" if section.paragraphs else "    paragraphs: []")
    for para in section.paragraphs:
        lines.append(f"      - ref: {_quoted(para.ref)}")
        if para.cut_off:
            lines.append("        cut_off: true")
        if para.subheading:
            lines.append(f"        subheading: {_quoted(para.subheading)}")
        if para.numbering != numbering:
            lines.append(f"        numbering: {para.numbering}")
        lines.extend(_text_yaml(para.text, "          "))
    return lines


def dump_council_yaml(slug: str, name: str, source_name: str, result: ImportResult) -> str:
    """A starter council.yaml: enough to load and explain; roles and topics to be added. The
    source says what the text held: its title and date where it prints them, and, for an
    extract, what is missing."""
    q = _quoted
    meta = result.metadata
    title = result.title or f"Imported from {source_name}"
    note = " ".join([f"Imported by protocheck from {source_name}.", *_gap_notes(result.gaps)])
    version = q(meta.version) if meta.version else "null"
    return (
        f"council:\n  slug: {slug}\n  name: {q(name)}\n  source:\n"
        f"    title: {q(title)}\n"
        f"    date: {q(meta.date or 'not stated in the document')}\n"
        f"    note: {q(note)}\n"
        f"    scope: {'extract' if result.extract else 'whole'}\n"
        f"  version: {version}\n  adopted: null\n  numbering: {result.numbering}\n\n"
        "# Add the roles the protocol names as contacts, e.g.\n"
        "#  - id: monitoring-officer\n#    title: Monitoring Officer\nroles: []\n\n"
        "topics: []\n"
    )


def _gap_notes(gaps: Gaps) -> list[str]:
    """What an extract lacks, in a sentence or two a reader of `explain` understands."""
    notes = []
    if gaps.ends_mid_sentence:
        notes.append("The text ends mid-sentence: the rest of the protocol is missing.")
    if gaps.cut_off:
        refs = ", ".join(gaps.cut_off)
        notes.append(f"Cut off (only the start is held): {refs}.")
    if gaps.missing_sections:
        listed = "; ".join(gaps.missing_sections)
        notes.append(f"Listed in the contents but not in the text: {listed}.")
    return notes


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _text_yaml(text: str, indent: str) -> list[str]:
    """Line breaks matter in lists (`|-`); prose is folded (`>-`) so the file reads well."""
    if "\n" in text:
        return [
            "        text: |-",
            *[f"{indent}{line}" if line else "" for line in text.split("\n")],
        ]
    return ["        text: >-", *[f"{indent}{line}" for line in _fold(text, FOLD_WIDTH)]]


def _fold(text: str, width: int) -> list[str]:
    """Break at single spaces only: YAML folding turns each break back into one space."""
    lines: list[str] = []
    for word in re.split(r"(?<=\S) (?=\S)", text):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
