"""`protocheck diff`: an amendment's changes as text, Markdown (for a pull request) and JSON."""

from __future__ import annotations

from typing import Any

from ..diff import Advised, CouncilDiff, ParagraphChange, RulesDiff, ScenarioChange, Word
from ..models import Verdict
from .blocks import cell
from .data import document

_MARKS = {"text": ("[-", "-]", "{+", "+}"), "markdown": ("~~", "~~", "**", "**")}


def words(changes: tuple[Word, ...], fmt: str) -> str:
    """A reworded paragraph, removed words [-like this-] and added {+like this+} (as git's
    word diff marks them); in Markdown, ~~struck~~ and **bold**."""
    open_del, close_del, open_add, close_add = _MARKS[fmt]
    parts = []
    for word in changes:
        if word.op == "removed":
            parts.append(f"{open_del}{word.text}{close_del}")
        elif word.op == "added":
            parts.append(f"{open_add}{word.text}{close_add}")
        else:
            parts.append(word.text)
    return " ".join(parts)


def _verdict(value: str | None) -> str:
    return Verdict(value).label if value else "none"


def _advised(advised: Advised) -> list[tuple[str, str]]:
    """A scenario's advice on one side, as labelled lines."""
    if advised.problem:
        return [("Advice", f"none: {advised.problem}")]
    return [
        ("Verdict", _verdict(advised.verdict)),
        ("Row", advised.row or ""),
        ("Paragraphs", ", ".join(advised.cites)),
        ("Contact", advised.contact or "none"),
        ("Summary", advised.summary or ""),
    ]


# Text ----------------------------------------------------------------------------------------


def wrapped(line: str, width: int = 100) -> list[str]:
    """A long line wrapped under its own indent, so a CI log stays readable."""
    import textwrap

    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]


def text(result: RulesDiff) -> str:
    if not result.changed:
        return f"No changes between {result.old} and {result.new}.\n"
    lines = [f"Changes from {result.old} to {result.new}:"]
    for council in result.councils:
        lines += ["", *_council_text(council)]
    if result.scenarios:
        lines += ["", f"Scenarios whose advice changes ({len(result.scenarios)}):"]
        for change in result.scenarios:
            lines += scenario_text(change)
    return "\n".join(w for line in lines for w in wrapped(line)) + "\n"


def _council_text(council: CouncilDiff) -> list[str]:
    if council.kind != "changed":
        return [f"{council.name} ({council.council}): council {council.kind}"]
    lines = [f"{council.name} ({council.council}):"]
    for change in council.paragraphs:
        lines.append(f"  paragraph {change.ref} {change.kind}")
        body = (
            words(change.words, "text") if change.kind == "reworded" else change.new or change.old
        )
        lines.append(f"    {body}")
    lines += [f"  topic {t} added" for t in council.topics_added]
    lines += [f"  topic {t} removed" for t in council.topics_removed]
    for row in council.rows:
        lines.append(f"  row {row.topic}/{row.row} {row.kind}")
        lines += [f"    {f.field}: {f.old or '(none)'} -> {f.new or '(none)'}" for f in row.fields]
    return lines


def scenario_text(change: ScenarioChange) -> list[str]:
    lines = [f"  {change.path} ({change.council}, {change.topic}):"]
    before, after = _advised(change.old), _advised(change.new)
    for (label, was), (_, now) in zip(before, after, strict=False):
        mark = "  " if was == now else "* "
        lines.append(f"    {mark}{label}: {was}  ->  {now}" if was != now else
                     f"    {mark}{label}: {now}")  # fmt: skip
    if len(before) != len(after):
        lines += [f"    before: {v}" for _, v in before] + [f"    after: {v}" for _, v in after]
    return lines


# Markdown ------------------------------------------------------------------------------------


def markdown(result: RulesDiff) -> str:
    """For a pull request: what changed, with scenarios side by side in tables."""
    if not result.changed:
        return f"**protocheck diff:** no changes between `{result.old}` and `{result.new}`.\n"
    lines = [f"## protocheck diff: `{result.old}` → `{result.new}`", ""]
    for council in result.councils:
        lines += _council_markdown(council)
    if result.scenarios:
        lines += [f"### Scenarios whose advice changes ({len(result.scenarios)})", ""]
        for change in result.scenarios:
            lines += _scenario_markdown(change)
    return "\n".join(lines).rstrip() + "\n"


def _council_markdown(council: CouncilDiff) -> list[str]:
    if council.kind != "changed":
        return [f"### {council.name} (`{council.council}`): council {council.kind}", ""]
    lines = [f"### {council.name} (`{council.council}`)", ""]
    for change in council.paragraphs:
        lines.append(f"- **Paragraph {change.ref}** {change.kind}:")
        body = (
            words(change.words, "markdown")
            if change.kind == "reworded"
            else change.new or change.old or ""
        )
        lines.append(f"  > {' '.join(body.split())}")
    lines += [f"- Topic `{t}` added" for t in council.topics_added]
    lines += [f"- Topic `{t}` removed" for t in council.topics_removed]
    for row in council.rows:
        lines.append(f"- Row `{row.topic}/{row.row}` {row.kind}")
        lines += [
            f"  - {f.field}: {f.old or '(none)'} → **{f.new or '(none)'}**" for f in row.fields
        ]
    return [*lines, ""]


def _scenario_markdown(change: ScenarioChange) -> list[str]:
    lines = [f"**`{change.path}`** ({change.council}, {change.topic})", "",
             "| | Before | After |", "| --- | --- | --- |"]  # fmt: skip
    before, after = dict(_advised(change.old)), dict(_advised(change.new))
    for label in dict.fromkeys([*before, *after]):
        was, now = before.get(label, ""), after.get(label, "")
        shown = f"**{cell(now)}**" if was != now and now else cell(now)
        lines.append(f"| {label} | {cell(was)} | {shown} |")
    return [*lines, ""]


# JSON ----------------------------------------------------------------------------------------


def json_dict(result: RulesDiff) -> dict[str, Any]:
    return document({
        "old": result.old,
        "new": result.new,
        "changed": result.changed,
        "councils": [_council_dict(c) for c in result.councils],
        "scenarios": [scenario_dict(s) for s in result.scenarios],
    })  # fmt: skip


def _council_dict(council: CouncilDiff) -> dict[str, Any]:
    return {
        "council": council.council,
        "name": council.name,
        "change": council.kind,
        "paragraphs": [_paragraph_dict(p) for p in council.paragraphs],
        "topics_added": list(council.topics_added),
        "topics_removed": list(council.topics_removed),
        "rows": [
            {"topic": r.topic, "row": r.row, "change": r.kind,
             "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in r.fields]}
            for r in council.rows
        ],
    }  # fmt: skip


def _paragraph_dict(change: ParagraphChange) -> dict[str, Any]:
    return {
        "ref": change.ref,
        "change": change.kind,
        "old": change.old,
        "new": change.new,
        "words": [{"op": w.op, "text": w.text} for w in change.words],
    }


def _advised_dict(advised: Advised) -> dict[str, Any]:
    return {
        "verdict": advised.verdict,
        "row": advised.row,
        "cites": list(advised.cites),
        "contact": advised.contact,
        "summary": advised.summary,
        "problem": advised.problem,
    }


def scenario_dict(change: ScenarioChange) -> dict[str, Any]:
    return {
        "path": change.path,
        "council": change.council,
        "topic": change.topic,
        "old": _advised_dict(change.old),
        "new": _advised_dict(change.new),
    }


def render(result: RulesDiff, fmt: str) -> str:
    if fmt == "json":
        from .data import to_json

        return to_json(json_dict(result))
    if fmt == "markdown":
        return markdown(result)
    return text(result)
