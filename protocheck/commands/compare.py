"""`protocheck compare THEME`: what each protocol says on one theme, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import output
from ..compare import CouncilView, Theme, compare, near_themes, resolve_theme, topic_theme
from ..documents import load_themes, load_thesaurus
from ..library import Library
from ..models import Council
from .context import bounded, context

if TYPE_CHECKING:
    from ..stored_text import Stored

SHOWN = 4  # paragraphs quoted for each council when several are compared; the rest are listed


def run(text: str, council_option: str | None, fmt: str, all_councils: bool) -> None:
    text = bounded(text, "the theme")
    ctx = context(council_option, default_single=False, all_councils=all_councils)
    catalogue = load_themes()
    theme, views = _compared(ctx.library, ctx.council, text, catalogue)
    shown = None if ctx.council else SHOWN
    if fmt == "json":
        from ..render.compare import compare_dict
        from ..render.data import to_json

        output.write_text(to_json(compare_dict(ctx.scope, theme, views)))
    elif fmt == "markdown":
        from ..render.compare import compare_markdown

        output.write_text(compare_markdown(theme, views, shown, ctx.scope_note))
    else:
        from ..render.compare import compare_blocks, nobody

        blocks = compare_blocks(theme, views, shown, ctx.scope_note)
        if not any(v.addressed for v in views):
            blocks += nobody(ctx.council, views, text, near_themes(text, catalogue))
        output.show(blocks, page=True)


def _compared(
    library: Library, council: Council | None, text: str, catalogue: tuple[Theme, ...]
) -> tuple[Theme, list[CouncilView]]:
    """The theme and each council's view of it: for every council, from the index's stored
    text where it is kept (only paragraphs that can match are read); else council by council."""
    found = library.from_index(lambda stored: _in_index(library, stored, council, text, catalogue))
    if found is not None:
        return found
    theme = resolve_theme(text, catalogue, topic_theme(library), load_thesaurus)
    return theme, compare(library, theme, (council,) if council else None)


def _in_index(
    library: Library,
    stored: Stored,
    council: Council | None,
    text: str,
    catalogue: tuple[Theme, ...],
) -> tuple[Theme, list[CouncilView]] | None:
    """`_compared` from the index; None where it does not hold what the theme needs."""
    from ..across import compare_everywhere
    from ..across import topic_theme as stored_theme

    theme = resolve_theme(text, catalogue, stored_theme(stored), load_thesaurus)
    if council is not None:
        return theme, compare(library, theme, (council,))
    remember = theme in catalogue or bool(theme.topics)  # not any words typed
    views = compare_everywhere(stored, theme, remember)
    return (theme, views) if views is not None else None
