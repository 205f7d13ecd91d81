"""`protocheck compare THEME`: what each protocol says on one theme, side by side."""

from __future__ import annotations

from .. import output
from ..compare import compare, near_themes, resolve_theme
from ..documents import load_themes, load_thesaurus
from .context import bounded, context

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
