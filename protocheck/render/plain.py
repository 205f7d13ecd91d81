"""Plain text: no colour, no markup, wrapped to the width given. Read well by screen readers,
pipes and CI logs, and fast: this path never imports rich."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .blocks import Block, Bullets, Heading, Line, Match, Prose, Quote, VerdictLine


def render(blocks: list[Block], width: int = 80) -> str:
    out: list[str] = []
    write(blocks, out.append, width)
    return "".join(out)


def write(blocks: Iterable[Block], put: Callable[[str], object], width: int = 80) -> None:
    """`render`, given to `put` in pieces, so that the text of hundreds of councils is never
    held whole."""
    width = max(width, 20)
    joined((_lines(block, width) for block in blocks), put)


def _lines(block: Block, width: int) -> Iterator[str]:
    for line in _block(block, width):
        yield from line.split("\n")  # a heading holding a newline is lines too


def joined(groups: Iterable[Iterable[str]], put: Callable[[str], object]) -> None:
    """The groups' lines (none holding a newline) as `"\\n".join(lines).strip("\\n") + "\\n"`
    gives them: blank lines at either end left out, every line ended; in pieces of about two
    thousand lines."""
    chunk: list[str] = []
    started, held = False, 0  # blank lines held back: they are dropped if nothing follows
    for line in (line for group in groups for line in group):
        if not line:
            held += started
            continue
        if started:
            chunk.append("\n" * (held + 1))
        chunk.append(line)
        started, held = True, 0
        if len(chunk) > 2000:
            put("".join(chunk))
            chunk.clear()
    chunk.append("\n")
    put("".join(chunk))


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    if "\n" not in text and text.isprintable() and text.strip():  # one line, spaced: most
        return _wrap_spaced(text, width, indent if first is None else first, indent)
    lines: list[str] = []
    for n, raw in enumerate(text.split("\n")):
        if not raw.strip():
            lines.append("")
            continue
        lead = first if (first is not None and n == 0) else indent
        if raw.isprintable():  # spaces are its only whitespace
            lines.extend(_wrap_spaced(raw, width, lead, indent))
            continue
        import textwrap  # only for the rare line with tabs or other whitespace: 0.5 ms

        lines.extend(
            textwrap.wrap(
                raw,
                width,
                initial_indent=lead,
                subsequent_indent=indent,
                break_on_hyphens=False,
                break_long_words=False,  # a path or web address stays whole, to copy
            )
        )
    return lines


def _wrap_spaced(raw: str, width: int, first: str, indent: str) -> list[str]:
    """What textwrap gives (with the options `_wrap` uses) for a line whose only whitespace is
    spaces, at a fraction of its cost: `list` of 500 councils wraps 5,000 lines, and textwrap
    takes 15 µs a line. Its greedy fill, step for step: words and runs of spaces are the
    chunks; a line's leading spaces are dropped (but the first line's) and its trailing ones;
    a word too long for any line stands on its own line, whole."""
    room = width - len(first)
    if len(raw) <= room and raw[-1] != " ":
        return [first + raw]  # most lines: it fits as it is
    if "  " not in raw and raw[0] != " " and raw[-1] != " ":
        return _fill_words(raw.split(" "), width, first, indent)
    chunks = [c for c in re.split("( +)", raw) if c]
    lines: list[str] = []
    i, count = 0, len(chunks)
    while i < count:
        lead = indent if lines else first
        room = width - len(lead)
        if lines and chunks[i][0] == " ":
            i += 1
        start, used = i, 0
        while i < count and used + len(chunks[i]) <= room:
            used += len(chunks[i])
            i += 1
        if i == start and i < count:  # longer than a line: alone, unbroken
            i += 1
        end = i - 1 if i > start and chunks[i - 1][0] == " " else i
        if end > start:
            lines.append(lead + "".join(chunks[start:end]))
    return lines


def _fill_words(words: list[str], width: int, first: str, indent: str) -> list[str]:
    """The same greedy fill for words single-spaced: a line takes words while they and the
    spaces between them fit; a word longer than a line stands alone."""
    lines: list[str] = []
    line, used, room = [words[0]], len(words[0]), width - len(first)
    for word in words[1:]:
        if used + 1 + len(word) <= room:
            line.append(word)
            used += 1 + len(word)
            continue
        lines.append((indent if lines else first) + " ".join(line))
        line, used, room = [word], len(word), width - len(indent)
    lines.append((indent if lines else first) + " ".join(line))
    return lines


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        return ["", *_wrap(block.text, width)] if block.level == 1 else ["", f"{block.text}:"]
    if isinstance(block, Line):
        return _wrap(f"{block.label}: {block.value}", width, "  ")
    if isinstance(block, VerdictLine):
        return ["", *_wrap(f"Verdict: {block.verdict.label}", width, "  ")]
    if isinstance(block, Prose):
        return _wrap(block.text, width)
    if isinstance(block, Bullets):
        lines: list[str] = []
        for n, item in enumerate(block.items, 1):
            mark = f"{n}. " if block.numbered else "- "
            lines.extend(_wrap(item, width, " " * (len(mark) + 2), f"  {mark}"))
        return lines
    if isinstance(block, Quote):
        lines = ["", *_wrap(block.title, width)]
        if block.note:
            lines += _wrap(f"[{block.note}]", width, "  ", "  ")
        return lines + _wrap(block.text, width, "    ", "    ")
    if isinstance(block, Match):
        lines = ["", *_wrap(block.title, width)]
        if block.note:
            lines += _wrap(f"[{block.note}]", width, "  ", "  ")
        if block.lead:
            lines += _wrap(marked(block.lead, block.lead_spans, "*"), width, "    ", "    ")
        return lines + _wrap(marked(block.text, block.spans, "*"), width, "    ", "    ")
    raise TypeError(block)


def marked(text: str, spans: tuple[tuple[int, int], ...], mark: str) -> str:
    """The text with each matching word between marks, for output without styles."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], mark, text[start:end], mark]
        last = end
    return "".join([*out, text[last:]])
