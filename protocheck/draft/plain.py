"""A plain-text draft through the importer's parser, which knows how protocols are laid out
(numbered sections and paragraphs, lists and their lead-ins, lines a page break split).

The parser is asked to read a draft as its author numbered it: a number that starts a block
is a paragraph's even where it repeats or breaks the sequence, so the checks can report it
(see `importer.parse_protocol`). A text it finds no paragraphs in at all is read as one
paragraph a block, unnumbered: a stated best effort, never a refusal.
"""

from __future__ import annotations

from ..errors import InputError
from .document import Heading, Paragraph


def parse_plain(text: str) -> tuple[tuple[Heading, ...], tuple[Paragraph, ...]]:
    from ..importer import parse_protocol

    lines = text.splitlines()
    try:
        result = parse_protocol(text, draft=True)
    except InputError:
        return (), _blocks(lines)
    headings = tuple(
        Heading(s.number, s.heading, s.line, _column(lines, s.line))
        for s in result.sections
        if s.line
    )
    starts = sorted({p.line for p in result.paragraphs} | {h.line for h in headings})
    found = []
    for section in result.sections:
        for para in section.paragraphs:
            council = para.numbering == "council"
            number = _number(para.ref, section.id) if council else None
            end = _end(lines, para.line, starts)
            found.append(Paragraph(para.ref, number, para.text, para.line, end,
                                   _column(lines, para.line), section.number,
                                   section.heading))  # fmt: skip
    return headings, tuple(found)


def _number(ref: str, section_id: str) -> str:
    """The number as the draft printed it: a ref made unique for a second part (`intro 1.1`)
    or for a repeat (`7.3~2`) loses what made it so."""
    if ref.startswith(f"{section_id} "):
        ref = ref[len(section_id) + 1 :]
    return ref.split("~")[0]


def _end(lines: list[str], line: int, starts: list[int]) -> int:
    """A paragraph's last line: the one before the next paragraph or heading, less blanks."""
    following = next((s for s in starts if s > line), len(lines) + 1)
    end = following - 1
    while end > line and not lines[end - 1].strip():
        end -= 1
    return end


def _column(lines: list[str], line: int) -> int:
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(source) - len(source.lstrip()) + 1


def _blocks(lines: list[str]) -> tuple[Paragraph, ...]:
    """Every block of non-blank lines as an unnumbered paragraph."""
    found: list[Paragraph] = []
    start = None
    for number, line in enumerate([*lines, ""], 1):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            text = " ".join(x.strip() for x in lines[start - 1 : number - 1])
            key = f"text.{len(found) + 1}"
            found.append(Paragraph(key, None, text, start, number - 1, _column(lines, start),
                                   None, "Text"))  # fmt: skip
            start = None
    return tuple(found)
