"""How a saved page lays its numbers out: alone on a line, or two paragraphs run into one line.

Web pages often print a paragraph's number on a line of its own ("8.63", then the text); text
copied from a PDF sometimes runs the next numbered paragraph into the end of the last one
("... personal conduct. 1.3    The Protocol must ..."). Both are put back as one numbered line
a paragraph, so the builder reads every council number the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# a number or label and nothing else: `8.63`, `12.`, `7` (a bare integer left by the page
# number filter is a paragraph number: see `numbered_integers`), `(a)`, `b)`, `(iv)`, `(1)`
_ALONE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}\.?|\((?:[ivxlc]{1,6}|[a-zA-Z]|\d{1,2})\)"
    r"|(?:[a-z]|\d{1,2})\))$"
)
_BARE_INTEGER = re.compile(r"^\d{1,3}$")
_LEADING = re.compile(r"^(?:[-–•]\s*)?(?P<num>\d{1,3}(?:\.\d{1,3}){1,3})\b")
_RUN_ON = re.compile(
    r"(?<=[.!?;:\"'”’)])(?P<gap>\s+)(?P<num>\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(?=[A-Z“\"‘'(])"
)
_MAX_NUMBER_GAP = 12  # lines between paragraph numbers; page numbers come far less often


def alone(line: str) -> bool:
    """Whether a line holds only a paragraph number or item label."""
    return bool(_ALONE.match(line))


def numbered_integers(lines: Sequence[str]) -> set[int]:
    """Indexes of bare integers (`7`) that number paragraphs rather than pages.

    A page number and a paragraph number on a line of its own look the same. Paragraph numbers
    come often (every few lines), count up by one, and each is followed by a capitalised line;
    page numbers come once a page, and may be mixed in among them. The longest run that counts
    up by one, three or more long, each within a few lines of the last, is kept."""
    waiting: dict[int, list[int]] = {}  # the value that would extend a run -> that run
    best: list[int] = []
    for index, line in enumerate(lines):
        if not _BARE_INTEGER.match(line) or not _capitalised_after(lines, index):
            continue
        value = int(line)
        run = waiting.pop(value, None)
        if run is None or index - run[-1] > _MAX_NUMBER_GAP:
            run = []
        run.append(index)
        waiting[value + 1] = run
        best = run if len(run) > len(best) else best
    return set(best) if len(best) >= 3 else set()


def _capitalised_after(lines: Sequence[str], index: int) -> bool:
    for line in lines[index + 1 : index + 4]:
        if line:
            return line[:1].isupper() or line[:1] in "\"'“‘"
    return False


def split_run_on(line: str) -> list[str]:
    """A line holding two numbered paragraphs, split where the next number in sequence starts.

    Only the successor of the line's own number counts (after 1.2: 1.3 or 2.1), and only after
    a sentence ends, so a reference such as "see paragraph 4.2 Below" is left alone."""
    leading = _LEADING.match(line)
    if not leading:
        return [line]
    parts: list[str] = []
    number, start = leading["num"], 0
    for match in _RUN_ON.finditer(line):
        if match["num"] in _successors(number):
            parts.append(line[start : match.start()].rstrip())
            start, number = match.start("num"), match["num"]
    parts.append(line[start:])
    return parts


def _successors(number: str) -> tuple[str, ...]:
    """The numbers that may follow `number`: the next at its depth, or the next section's .1"""
    parts = [int(p) for p in number.split(".")]
    following = [*parts[:-1], parts[-1] + 1]
    next_top = [parts[0] + 1, *([1] * (len(parts) - 1))]
    return (".".join(map(str, following)), ".".join(map(str, next_top)))
