"""`protocheck compare`: what each protocol says on one theme, as text, Markdown and JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..compare import CouncilView, Passage, Theme
from ..models import Council, Verdict
from .blocks import (
    OWN_NUMBERS_NOTE,
    Block,
    Bullets,
    Heading,
    Line,
    Prose,
    cell,
    other_councils,
    paragraphs,
    role_title,
    same_words_heading,
    unresolved_people,
)
from .data import contacts_dict, document


def nobody(council: Council | None, views: list[CouncilView], text: str, hint: str) -> list[Block]:
    """Nothing found, said of what protocheck holds (of an extract, only that part), with the
    themes near what was typed."""
    extract = any(v.council.source.is_extract for v in views)
    if council is None:
        held = " in the text protocheck holds (of some, only a part)" if extract else ""
        said = f"No protocol addresses {text!r}{held}."
    elif extract:
        said = f"The part of {council.name}'s protocol protocheck holds does not address {text!r}."
    else:
        said = f"{council.name}'s protocol does not address {text!r}."
    return [Prose(f"{said}{hint}")]


def _cut_off(passage: Passage) -> str:
    """A quote from a paragraph the source cut short says so: it may not be the whole rule."""
    return " (cut off: the rest is missing from the text held)" if passage.cut_off else ""


def _more(rest: tuple[Passage, ...]) -> Line:
    """'3 more: 7.6(iii), 7.6(iv), 7.11': what was not quoted is still named."""
    return Line(f"{len(rest)} more", ", ".join(p.ref for p in rest))


def _verdict_counts(view: CouncilView) -> str:
    """'Allowed (1), Not allowed (2)': in one order for every council, to read down a table."""
    counts = Counter(h.verdict for h in view.headlines)
    return ", ".join(f"{v.label} ({counts[v]})" for v in Verdict if v in counts)


def compare_dict(scope: dict[str, Any], theme: Theme, views: list[CouncilView]) -> dict:
    return document({
        "scope": scope,
        "theme": {"id": theme.id, "title": theme.title, "anchors": list(theme.anchors)},
        "councils": [
            {
                "slug": v.council.slug,
                "name": v.council.name,
                "addressed": v.addressed,
                "extract": v.council.source.is_extract,
                "unresolved": _unresolved_dict(v.council),
                "paragraphs": [
                    {"ref": p.ref, "heading": p.heading, "quote": p.quote}
                    | ({"cut_off": True} if p.cut_off else {})
                    for p in v.passages
                ],
                "verdicts": [
                    {"topic": h.topic, "verdict": h.verdict.value, "summary": h.summary}
                    for h in v.headlines
                ],
            }
            for v in views
        ],
    })  # fmt: skip


def compare_blocks(
    theme: Theme, views: list[CouncilView], shown: int | None, note: str | None
) -> list[Block]:
    """Each council's paragraphs on the theme; councils whose protocols say the same, in the
    same words (most town and parish councils adopt a model), are shown once, all named."""
    blocks: list[Block] = [Heading(f"Compare: {theme.title}")]
    if note:
        blocks.append(Line("Showing", note))
    blocks.append(Line("Looked for paragraphs mentioning", "; ".join(theme.anchors)))
    for group in _alike(views):
        first, others = group[0], group[1:]
        if first.addressed or not others:
            blocks += same_words_heading([v.council.label for v in group], 2)
            blocks += _said(first, shown)
        else:  # silent alike: the councils, then what their silence means, said once
            blocks.append(Heading(f"{first.council.label}, and {other_councils(len(others))}", 2))
            blocks.append(Line("The others", ", ".join(v.council.label for v in others)))
            blocks.append(Prose(_silence(first.council, many=True)))
    return blocks


def _alike(views: list[CouncilView]) -> list[list[CouncilView]]:
    """The views in groups that would be shown alike, each where its first council stands:
    councils that address the theme in the same words, and councils whose silence means the
    same (the same extract's gap, or the same people named for what it does not cover)."""
    groups: dict[object, list[CouncilView]] = {}
    for view in views:
        key = _shown_as(view) if view.addressed else _silence(view.council)
        groups.setdefault(key, []).append(view)
    return list(groups.values())


def _shown_as(view: CouncilView) -> tuple:
    """A key for what `_said` shows of a view: two views with the same key read the same
    (the same passages give the same quotes; the same verdicts, the same counts)."""
    verdicts = tuple(h.verdict for h in view.headlines)
    return (view.council.numbered_by_council, view.passages, verdicts)


def _said(view: CouncilView, shown: int | None) -> list[Block]:
    """A council's paragraphs on the theme (those quoted, then the rest named), its
    questionnaires' verdicts; or, where it has none, what its silence means."""
    if not view.addressed:
        return [Prose(_silence(view.council))]
    blocks: list[Block] = []
    if not view.passages:  # its questionnaires cover the theme in words of their own
        said = "No paragraph held mentions the theme's words; its questionnaires on it say:"
        blocks.append(Prose(said))
    elif not view.council.numbered_by_council:
        blocks.append(
            Line("Note", f"the paragraph references are protocheck's ({OWN_NUMBERS_NOTE})")
        )
    chosen, rest = view.best(shown)
    if chosen:
        items = tuple(f"{p.ref}: \u201c{p.quote}\u201d{_cut_off(p)}" for p in chosen)
        blocks.append(Bullets(items))
    if rest:
        blocks.append(_more(rest))
    if view.headlines:
        blocks.append(Line("Questionnaire verdicts", _verdict_counts(view)))
    return blocks


def _silence(council: Council, many: bool = False) -> str:
    """Silence in a whole protocol is an answer; silence in an extract is only a gap in ours.

    Where the protocol names someone for what it does not cover, say who (`many`: said of
    several councils whose silence means the same)."""
    protocols = "these protocols" if many else "this protocol"
    if council.source.is_extract:
        extracts = "extracts" if many else "extract"
        return f"Not in the {extracts} protocheck holds: the rest of {protocols} may address it."
    said = f"Not addressed: no paragraph of {protocols} mentions the theme."
    where = _unresolved_contacts(council, many)
    return f"{said} {where}" if where else said


def _unresolved_contacts(council: Council, many: bool = False) -> str | None:
    """'For what it does not cover, it names the Monitoring Officer for a member and their
    line manager for an officer (paragraph 1.6).' (`many`: 'they do not cover, each names')"""
    unresolved = council.unresolved
    if unresolved is None:
        return None
    where = paragraphs(list(unresolved.cites))
    uncovered = "they do not cover, each names" if many else "it does not cover, it names"
    return f"For what {uncovered} {unresolved_people(council, unresolved)} ({where})."


def _unresolved_dict(council: Council) -> dict | None:
    """Whom the protocol names for what it does not cover, for a report to quote."""
    unresolved = council.unresolved
    if unresolved is None:
        return None
    roles = (unresolved.contact, *unresolved.alternatives)
    return {
        "cites": list(unresolved.cites),
        "contacts": [role_title(council, r) for r in roles],
        "by_role": {v: contacts_dict(e) for v, e in unresolved.by_role},
    }


def compare_markdown(
    theme: Theme, views: list[CouncilView], shown: int | None, note: str | None
) -> str:
    lines = [
        f"## {theme.title}: what each protocol says",
        "",
        *([f"*{note}*", ""] if note else []),
        "| Council | Paragraphs | Questionnaire verdicts |",
        "| --- | --- | --- |",
    ]
    for view in views:
        silent = "Not in the extract held" if view.council.source.is_extract else "Not addressed"
        unquoted = "None held mentions the theme's words"
        refs = ", ".join(p.ref for p in view.passages) or (unquoted if view.addressed else silent)
        lines.append(
            f"| {cell(view.council.label)} | {cell(refs)} | {_verdict_counts(view) or '–'} |"
        )
    for group in _alike([v for v in views if v.passages]):
        view, others = group[0], group[1:]
        if not others:
            lines += ["", f"### {view.council.label}", ""]
        else:
            names = ", ".join(v.council.label for v in others)
            heading = f"{view.council.label}, and {other_councils(len(others))} in the same words"
            lines += ["", f"### {heading}", "", f"*The same words in: {names}.*", ""]
        if not view.council.numbered_by_council:
            lines += [f"*Paragraph references are protocheck's: {view.council.name}'s protocol "
                      "does not number its paragraphs.*", ""]  # fmt: skip
        chosen, rest = view.best(shown)
        lines += [
            f"- **{p.ref}** ({p.heading}): \u201c{p.quote}\u201d{_cut_off(p)}" for p in chosen
        ]
        if rest:
            lines.append("- {}: {}".format(*_more(rest)))
    lines += [
        "",
        f"*Source: protocheck compare; paragraphs mentioning {'; '.join(theme.anchors)}.*",
    ]
    return "\n".join(lines) + "\n"
