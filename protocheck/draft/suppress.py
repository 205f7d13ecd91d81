"""Suppression comments: an author's recorded decision that a finding does not apply.

In Markdown, an HTML comment on a line of its own, which no reader of the rendered draft sees:

    <!-- protocheck-disable PC712: numbering kept as adopted in 2019 -->

In plain text, the same words on a line of their own (`protocheck-disable PC712: reason`).
It applies from its line to the end of the paragraph after it; `protocheck-disable-file`
applies to the whole draft (the only way to suppress a finding that has no line, such as a
theme not addressed). Several rule ids may be given, separated by commas. The reason is
required: a suppression without one has no effect and is itself a finding, as is one naming
an unknown rule; one that suppresses nothing is a note. Suppressions are counted and listed in
every output, and carried into SARIF as suppressions, so they stay visible to reviewers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..findings import RULES, Finding, finding
from .document import Paragraph, Suppression

_LINE = re.compile(
    r"^\s*(?:<!--\s*)?protocheck-disable(?P<file>-file)?(?![\w-])(?P<body>.*?)\s*(?:-->)?\s*$"
)


def find_suppressions(text: str) -> tuple[Suppression, ...]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "protocheck-disable" not in line:
            continue
        match = _LINE.match(line)
        if match is None:
            continue
        names, _, reason = match["body"].partition(":")
        rules = tuple(r.strip().upper() for r in re.split(r"[,\s]+", names) if r.strip())
        column = line.index("protocheck-disable") + 1
        found.append(Suppression(rules, reason.strip(), number, column, bool(match["file"]),
                                 line.strip()))  # fmt: skip
    return tuple(found)


def blank_out(text: str, suppressions: Sequence[Suppression]) -> str:
    """The text with the suppression lines left empty, so that no parser reads them as the
    draft's words and every other line keeps its number."""
    if not suppressions:
        return text
    lines = text.splitlines()
    for item in suppressions:
        lines[item.line - 1] = ""
    return "\n".join(lines) + "\n"


class Applied(NamedTuple):
    """Findings after the draft's suppressions: those reported, those suppressed (each with
    the suppression that did it), findings about the suppressions, and how many each one
    suppressed."""

    reported: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, Suppression], ...]
    problems: tuple[Finding, ...]
    used: tuple[int, ...]  # for each suppression, in order


def apply(
    findings: Iterable[Finding],
    suppressions: Sequence[Suppression],
    paragraphs: Sequence[Paragraph],
    path: str,
) -> Applied:
    problems = [p for s in suppressions for p in _problems(s, path)]
    spans = [_span(s, paragraphs) for s in suppressions]
    used = [0] * len(suppressions)
    reported, suppressed = [], []
    for item in findings:
        index = _suppressing(item, suppressions, spans)
        if index is None:
            reported.append(item)
        else:
            used[index] += 1
            suppressed.append((item, suppressions[index]))
    for index, item in enumerate(suppressions):
        if _effective(item) and not used[index]:
            where = "in this draft" if item.whole_file else "where it applies"
            problems.append(finding("PC753", f"this suppression of {', '.join(item.rules)} "
                                    f"suppressed nothing {where}", path, item.line,
                                    item.column))  # fmt: skip
    return Applied(tuple(reported), tuple(suppressed), tuple(problems), tuple(used))


def _effective(item: Suppression) -> bool:
    return bool(item.reason) and bool(item.rules) and all(r in RULES for r in item.rules)


def _problems(item: Suppression, path: str) -> list[Finding]:
    found = []
    if not item.rules:
        found.append(finding("PC752", "this suppression names no rule id: write "
                             "'protocheck-disable PC712: reason'", path, item.line,
                             item.column))  # fmt: skip
    for rule in item.rules:
        if rule not in RULES:
            from ..library import suggest

            found.append(finding("PC752", f"{rule!r} is not a rule id.{suggest(rule, RULES)}",
                                 path, item.line, item.column))  # fmt: skip
    if not item.reason:
        found.append(finding("PC751", f"this suppression of {', '.join(item.rules) or 'nothing'} "
                             "gives no reason, so it has no effect: add ': why' after the rule "
                             "ids", path, item.line, item.column))  # fmt: skip
    return found


def _span(item: Suppression, paragraphs: Sequence[Paragraph]) -> tuple[int, int] | None:
    """The lines a suppression covers: from its own line to the end of the next paragraph."""
    if item.whole_file:
        return None
    following = next((p for p in paragraphs if p.line > item.line), None)
    return item.line, following.end if following else item.line


def _suppressing(
    item: Finding, suppressions: Sequence[Suppression], spans: list[tuple[int, int] | None]
) -> int | None:
    """The index of the first suppression that applies to the finding, if any."""
    if item.rule.startswith("PC75"):
        return None  # findings about suppressions are never themselves suppressed
    for index, (suppression, span) in enumerate(zip(suppressions, spans, strict=True)):
        if not _effective(suppression) or item.rule not in suppression.rules:
            continue
        if suppression.whole_file:
            return index
        if span is not None and item.line is not None and span[0] <= item.line <= span[1]:
            return index
    return None
