"""paragraphs.yaml text, written by hand so a person checking it finds it easy to read."""

from __future__ import annotations

import json
import re

from .results import ImportedSection, ImportResult, Numbering

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
        if para.subheading:
            lines.append(f"        subheading: {_quoted(para.subheading)}")
        if para.numbering != numbering:
            lines.append(f"        numbering: {para.numbering}")
        lines.extend(_text_yaml(para.text, "          "))
    return lines


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
