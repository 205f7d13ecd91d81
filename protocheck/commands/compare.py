"""`protocheck compare THEME`: what each protocol says on one theme, side by side."""

from __future__ import annotations

from collections import Counter

from .. import output
from ..compare import CouncilView, Passage, Theme, compare, near_themes, resolve_theme
from ..documents import load_themes, load_thesaurus
from ..models import Council, Paragraph
from ..render.blocks import OWN_NUMBERS_NOTE, Block, Bullets, Heading, Line, Prose, paragraphs
from .context import Context, bounded, context

SHOWN = 4  # paragraphs quoted for each council when several are compared; the rest are listed


def run(text: str, council_option: str | None, fmt: str, all_councils: bool) -> None:
    text = bounded(text, "the theme")
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    catalogue = load_themes()
    theme = resolve_theme(text, catalogue, ctx.library, load_thesaurus())
    councils = (ctx.council,) if ctx.council else None
    views = compare(ctx.library, theme, councils)
    shown = None if ctx.council else SHOWN
    if fmt == "json":
        from ..render.data import to_json

        output.write_text(to_json({"scope": ctx.scope, **_json(theme, views)}))
    elif fmt == "markdown":
        output.write_text(_markdown(theme, views, shown, ctx.scope_note))
    else:
        blocks = _blocks(theme, views, shown, ctx.scope_note)
        if not any(v.addressed for v in views):
            hint = near_themes(text, catalogue)
            blocks.append(Prose(f"{_nobody(ctx, views, text)}{hint}"))
        output.show(blocks, page=True)


def _nobody(ctx: Context, views: list[CouncilView], text: str) -> str:
    """Nothing found, said of what protocheck holds: of an extract, only that part."""
    extract = any(v.council.source.is_extract for v in views)
    if ctx.council is None:
        held = " in the text protocheck holds (of some, only a part)" if extract else ""
        return f"No protocol addresses {text!r}{held}."
    if extract:
        return (
            f"The part of {ctx.council.name}'s protocol protocheck holds does not address {text!r}."
        )
    return f"{ctx.council.name}'s protocol does not address {text!r}."


def _cut_off(paragraph: Paragraph) -> str:
    """A quote from a paragraph the source cut short says so: it may not be the whole rule."""
    return " (cut off: the rest is missing from the text held)" if paragraph.cut_off else ""


def _more(rest: tuple[Passage, ...]) -> Line:
    """'3 more: 7.6(iii), 7.6(iv), 7.11': what was not quoted is still named."""
    return Line(f"{len(rest)} more", ", ".join(p.paragraph.ref for p in rest))


def _verdict_counts(view: CouncilView) -> str:
    counts = Counter(h.verdict.label for h in view.headlines)
    return ", ".join(f"{label} ({n})" for label, n in counts.items())


def _json(theme: Theme, views: list[CouncilView]) -> dict:
    return {
        "theme": {"id": theme.id, "title": theme.title, "anchors": list(theme.anchors)},
        "councils": [
            {
                "slug": v.council.slug,
                "name": v.council.name,
                "addressed": v.addressed,
                "extract": v.council.source.is_extract,
                "unresolved": _unresolved_dict(v.council),
                "paragraphs": [
                    {"ref": p.paragraph.ref, "heading": p.paragraph.heading, "quote": p.quote}
                    | ({"cut_off": True} if p.paragraph.cut_off else {})
                    for p in v.passages
                ],
                "verdicts": [
                    {"topic": h.topic, "verdict": h.verdict.value, "summary": h.summary}
                    for h in v.headlines
                ],
            }
            for v in views
        ],
    }


def _blocks(
    theme: Theme, views: list[CouncilView], shown: int | None, note: str | None
) -> list[Block]:
    blocks: list[Block] = [Heading(f"Compare: {theme.title}")]
    if note:
        blocks.append(Line("Showing", note))
    blocks.append(Line("Looked for paragraphs mentioning", "; ".join(theme.anchors)))
    for view in views:
        blocks.append(Heading(view.council.label, 2))
        if not view.addressed:
            blocks.append(Prose(_silence(view.council)))
            continue
        if not view.council.numbered_by_council:
            blocks.append(
                Line("Note", f"the paragraph references are protocheck's ({OWN_NUMBERS_NOTE})")
            )
        chosen, rest = view.best(shown)
        items = tuple(
            f"{p.paragraph.ref}: \u201c{p.quote}\u201d{_cut_off(p.paragraph)}" for p in chosen
        )
        blocks.append(Bullets(items))
        if rest:
            blocks.append(_more(rest))
        if view.headlines:
            blocks.append(Line("Questionnaire verdicts", _verdict_counts(view)))
    return blocks


def _silence(council: Council) -> str:
    """Silence in a whole protocol is an answer; silence in an extract is only a gap in ours.

    Where the protocol names someone for what it does not cover, say who."""
    if council.source.is_extract:
        return "Not in the extract protocheck holds: the rest of this protocol may address it."
    said = "Not addressed: no paragraph of this protocol mentions the theme."
    where = _unresolved_contacts(council)
    return f"{said} {where}" if where else said


def _unresolved_contacts(council: Council) -> str | None:
    """'For what it does not cover, it names: Monitoring Officer; line manager (paragraph 1.6).'"""
    named = _unresolved_dict(council)
    if named is None:
        return None
    where = paragraphs(named["cites"])
    return f"For what it does not cover, it names: {'; '.join(named['contacts'])} ({where})."


def _unresolved_dict(council: Council) -> dict | None:
    """Whom the protocol names for what it does not cover, for a report to quote."""
    unresolved = council.unresolved
    if unresolved is None:
        return None
    roles = (unresolved.contact, *unresolved.alternatives)
    return {"cites": list(unresolved.cites), "contacts": [_title(council, r) for r in roles]}


def _title(council: Council, role_id: str) -> str:
    role = council.role(role_id)
    return role.title if role else role_id


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(theme: Theme, views: list[CouncilView], shown: int | None, note: str | None) -> str:
    lines = [
        f"## {theme.title}: what each protocol says",
        "",
        *([f"*{note}*", ""] if note else []),
        "| Council | Paragraphs | Questionnaire verdicts |",
        "| --- | --- | --- |",
    ]
    for view in views:
        silent = "Not in the extract held" if view.council.source.is_extract else "Not addressed"
        refs = ", ".join(p.paragraph.ref for p in view.passages) or silent
        lines.append(
            f"| {_cell(view.council.label)} | {_cell(refs)} | {_verdict_counts(view) or '–'} |"
        )
    for view in views:
        if not view.passages:
            continue
        lines += ["", f"### {view.council.label}", ""]
        if not view.council.numbered_by_council:
            lines += [f"*Paragraph references are protocheck's: {view.council.name}'s protocol "
                      "does not number its paragraphs.*", ""]  # fmt: skip
        chosen, rest = view.best(shown)
        lines += [
            f"- **{p.paragraph.ref}** ({p.paragraph.heading}): \u201c{p.quote}\u201d"
            f"{_cut_off(p.paragraph)}"
            for p in chosen
        ]
        if rest:
            lines.append("- {}: {}".format(*_more(rest)))
    lines += [
        "",
        f"*Source: protocheck compare; paragraphs mentioning {'; '.join(theme.anchors)}.*",
    ]
    return "\n".join(lines) + "\n"
