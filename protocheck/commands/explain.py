"""`protocheck explain`: a paragraph of the protocol by its reference, like `rustc --explain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import output
from ..errors import InputError, NotFound, shown
from ..library import Library
from ..lookup import find_paragraphs, paragraph_or_suggest
from ..models import Council, Paragraph
from ..refs import normalise_ref
from .context import context

if TYPE_CHECKING:
    from ..lookup import Beside
    from ..render.explain import Found


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
    beside = None  # each paragraph's topics and short ref: from its council, unless stored
    if show_all:
        councils = [ctx.council] if ctx.council else ctx.library.each()  # none kept once shown
        found = [(c, list(c.paragraphs)) for c in councils]
    elif ctx.council is not None:
        found = [(ctx.council, _in_council(ctx.council, ctx.library, ref or ""))]
    else:
        found, beside = _everywhere(ctx.library, ref or "")
        if not found:
            wanted = shown(normalise_ref(ref or ""))
            raise NotFound(f"no council's protocol has a paragraph {wanted}")
    if fmt == "json":
        from ..render.data import to_json
        from ..render.explain import paragraphs_dict

        output.write_text(to_json(paragraphs_dict(found, ctx.scope, beside)))
        return
    from ..render.explain import paragraphs_blocks

    grouped = len(found) > 1 or ctx.council is None
    output.show(paragraphs_blocks(found, grouped, ctx.scope_note, beside), page=True)


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
        found, _ = _everywhere(library, ref)
        elsewhere = [c.slug for c, _ in found if c.slug != council.slug]
        if not elsewhere:
            raise
        hint = (
            f" Other councils have a paragraph {normalise_ref(ref)}: {', '.join(elsewhere)}"
            f" (use --council {elsewhere[0]})."
        )
        raise NotFound(exc.message + hint) from None


def _everywhere(library: Library, ref: str) -> tuple[Found, Beside | None]:
    """Every council's paragraphs for `ref`: from the index's stored text where it is kept
    (only the councils that can match are read), else from each council in turn."""
    from ..across import paragraphs_everywhere

    found = library.from_index(lambda stored: paragraphs_everywhere(stored, ref))
    if found is not None:
        return found
    return [(c, ps) for c in library.each() if (ps := find_paragraphs(c, ref))], None
