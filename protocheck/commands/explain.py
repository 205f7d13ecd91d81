"""`protocheck explain`: a paragraph of the protocol by its reference, like `rustc --explain`."""

from __future__ import annotations

from .. import output
from ..errors import InputError, NotFound, shown
from ..library import Library
from ..lookup import find_paragraphs, paragraph_or_suggest
from ..models import Council, Paragraph
from ..refs import normalise_ref
from .context import context


def run(
    ref: str | None,
    council_option: str | None,
    show_all: bool,
    fmt: str,
    all_councils: bool,
    topic: str | None = None,
) -> None:
    ctx = context(council_option, all_councils=all_councils)
    if topic is not None:
        _explain_topic(ctx.council, ctx.library, topic, fmt)
        return
    if ref is None and not show_all:
        raise InputError("name a paragraph, e.g. 'protocheck explain 7.3', or use --all")
    councils = [ctx.council] if ctx.council else ctx.library.each()  # only those found are kept
    if show_all:
        found = [(c, list(c.paragraphs)) for c in councils]
    elif ctx.council is not None:
        found = [(ctx.council, _in_council(ctx.council, ctx.library, ref or ""))]
    else:
        found = [(c, ps) for c in councils if (ps := find_paragraphs(c, ref or ""))]
        if not found:
            wanted = shown(normalise_ref(ref or ""))
            raise NotFound(f"no council's protocol has a paragraph {wanted}")
    if fmt == "json":
        from ..render.data import to_json
        from ..render.explain import paragraphs_dict

        output.write_text(to_json(paragraphs_dict(found, ctx.scope)))
        return
    from ..render.explain import paragraphs_blocks

    grouped = len(found) > 1 or ctx.council is None
    output.show(paragraphs_blocks(found, grouped, ctx.scope_note), page=True)


def _explain_topic(council: Council | None, library: Library, name: str, fmt: str) -> None:
    """A topic as its reviewer reads it: every row, its advice and the text it rests on."""
    from ..lookup import find_topic
    from ..render.review import topic_blocks, topic_dict

    if council is None:
        with_topics = ", ".join(e.slug for e in library.entries if e.questionnaires)
        raise InputError(f"name the council with --council (one of: {with_topics or 'none'})")
    topic = find_topic(council, name)
    if fmt == "json":
        from ..render.data import document, to_json

        output.write_text(to_json(document(topic_dict(council, topic))))
    elif fmt == "markdown":
        from ..render.data import markdown

        output.write_text(markdown(topic_blocks(council, topic)))
    else:
        output.show(topic_blocks(council, topic), page=True)


def _in_council(council: Council, library: Library, ref: str) -> list[Paragraph]:
    """The paragraphs, or NotFound that also says which other councils have this ref."""
    try:
        return paragraph_or_suggest(council, ref)
    except NotFound as exc:
        others = library.each()
        elsewhere = [c.slug for c in others if c.slug != council.slug and find_paragraphs(c, ref)]
        if not elsewhere:
            raise
        hint = (
            f" Other councils have a paragraph {normalise_ref(ref)}: {', '.join(elsewhere)}"
            f" (use --council {elsewhere[0]})."
        )
        raise NotFound(exc.message + hint) from None
