"""Text in, `ImportResult` out: the builder's sections frozen, gaps found, empty ones reported."""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from .builder import _Builder
from .drafts import _Sec
from .ends import cut_off_paragraphs
from .results import Gaps, ImportedParagraph, ImportedSection, ImportResult, UnplacedLine
from .units import _units


def parse_protocol(text: str, draft: bool = False) -> ImportResult:
    """Sections and paragraphs of a protocol's extracted text, plus what could not be placed.

    A `draft` is read as its author numbered it: a number starting a block is a paragraph's
    even where it repeats or breaks the sequence (an import would take it for a quotation or
    a stray line), so that `check` can report it; a repeated ref becomes `7.3~2`."""
    cleaned = _units(text)
    builder = _Builder(cleaned.units, cleaned.contents, draft)
    built = builder.build()
    cut, ends_short = cut_off_paragraphs(built, builder.part_ends)
    sections = _finish(built, builder.unplaced, cut)
    if not any(s.paragraphs for s in sections):
        raise InputError("found no paragraphs in the text; is it a protocol?")
    council = any(p.numbering == "council" for s in sections for p in s.paragraphs)
    if not council:
        sections = _by_section_number(sections)
    gaps = Gaps(
        ends_mid_sentence=ends_short,
        cut_off=tuple(p.ref for s in sections for p in s.paragraphs if p.cut_off),
        missing_sections=builder.missing_sections(),
    )
    title = builder.document_title()
    unplaced = [line for line in builder.unplaced if line != title]  # it becomes the source's
    return ImportResult(
        sections=tuple(sections),
        unplaced=tuple(sorted(unplaced, key=lambda u: u.line_no)),
        numbering="council" if council else "protocheck",
        removed=tuple(sorted([*cleaned.removed, *builder.repeated], key=lambda u: u.line_no)),
        title=title.text.rstrip(":").strip() if title else None,
        metadata=cleaned.metadata,
        gaps=gaps,
        restarts=tuple(builder.restarts),
        per_section=builder.per_section,
        numbers=tuple(builder.numbers),
    )


def _finish(
    built: list[_Sec], unplaced: list[UnplacedLine], cut: set[int]
) -> list[ImportedSection]:
    """Freeze what was built; a paragraph left with no text is reported, not written."""
    sections: list[ImportedSection] = []
    for section in built:
        paragraphs = []
        for para in section.paragraphs:
            body = para.text()
            if body:
                paragraphs.append(
                    ImportedParagraph(
                        para.ref,
                        body,
                        para.numbering,
                        para.subheading,
                        para.label,
                        id(para) in cut,
                        para.line,
                    )
                )
            else:
                unplaced.append(UnplacedLine(para.line, para.ref))
        if paragraphs or section.listed:
            line = section.lines[0].line_no if section.lines else 0
            sections.append(
                ImportedSection(
                    section.number, section.heading, section.id, tuple(paragraphs), line
                )
            )
        else:
            unplaced.extend(section.lines)
    return sections


def _by_section_number(sections: list[ImportedSection]) -> list[ImportedSection]:
    """With no council numbers at all, a numbered section's paragraphs become `3.1`, `3.2`:
    shorter to type than `roles-of-members.1`, and still marked as protocheck's numbering.
    Where two sections share a number (the numbering starts again), the second keeps its id's
    refs, so every ref stays unique."""
    used = {p.ref for s in sections for p in s.paragraphs}
    renamed = []
    for section in sections:
        prefix = f"{section.id}."
        paragraphs = []
        for para in section.paragraphs:
            short = f"{section.number}.{para.ref[len(prefix) :]}"
            if section.number and para.ref.startswith(prefix) and short not in used:
                used.add(short)
                para = replace(para, ref=short)
            paragraphs.append(para)
        renamed.append(replace(section, paragraphs=tuple(paragraphs)))
    return renamed
