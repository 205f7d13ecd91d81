"""How much of the source's wording the import kept, word for word.

A source word counts as kept when it lies in a run of six words that appears, in the same
order (letter case aside: a heading shouted in capitals is written in its contents' casing),
in what the import wrote: section numbers and headings, the source's title and date,
and each paragraph's printed number, sub-heading and text, in the order of the text. Lines the
import removed as page furniture (and reports as removed) are not the protocol's words and are
not counted; lines it could not place are counted, and are not kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .noise import _split_lines, _strip_markup
from .results import ImportResult

RUN = 6
_WORD = re.compile(r"\w+")


def words_kept(source: str, result: ImportResult) -> float:
    """The share (0 to 1) of the source's words kept verbatim in runs of six."""
    removed = {line.line_no for line in result.removed}
    words = [
        word
        for number, line in enumerate(_split_lines(source), 1)
        if number not in removed
        for word in _WORD.findall(_strip_markup(line).casefold())
    ]
    if not words:
        return 1.0
    written = _WORD.findall(" ".join(_written(result)).casefold())
    runs = {tuple(written[i : i + RUN]) for i in range(max(len(written) - RUN + 1, 1))}
    kept = [False] * len(words)
    for start in range(max(len(words) - RUN + 1, 1)):
        if tuple(words[start : start + RUN]) in runs:
            kept[start : start + RUN] = [True] * len(words[start : start + RUN])
    return sum(kept) / len(words)


def _written(result: ImportResult) -> Iterator[str]:
    """What the import wrote, in the order of the text, as a reader would see it printed."""
    yield from (result.title or "", result.metadata.text)
    for section in result.sections:
        yield f"{section.number or ''} {section.heading}"
        for para in section.paragraphs:
            yield from (para.subheading or "", para.label, para.text)
