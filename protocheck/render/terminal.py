"""Rich output for a person at a terminal: the same blocks as plain text, with emphasis.

Colour only adds to words that already carry the meaning (the verdict is always spelt out), and
rich drops colour by itself when NO_COLOR is set or output is not a terminal.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..models import Verdict
from .blocks import Block, Bullets, Heading, Line, Match, Prose, Quote, VerdictLine

VERDICT_STYLES = {
    Verdict.ALLOWED: "bold green",
    Verdict.CONDITIONAL: "bold yellow",
    Verdict.NOT_ALLOWED: "bold red",
    Verdict.REFER: "bold cyan",
}


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """Built when needed, never at import: tests and pipes get their own settings."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def renderable(blocks: list[Block]) -> RenderableType:
    return Group(*(_block(b) for b in blocks))


def _block(block: Block) -> RenderableType:
    if isinstance(block, Heading):
        style = "bold underline" if block.level == 1 else "bold"
        text = block.text if block.level == 1 else f"{block.text}:"
        return Padding(Text(text, style=style), (1, 0, 0, 0))
    if isinstance(block, Line):
        return Text.assemble((f"{block.label}: ", "bold"), block.value)
    if isinstance(block, VerdictLine):
        style = VERDICT_STYLES[block.verdict]
        return Padding(
            Text.assemble(("Verdict: ", "bold"), (block.verdict.label, style)), (1, 0, 0, 0)
        )
    if isinstance(block, Prose):
        return Text(block.text)
    if isinstance(block, Bullets):
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for n, item in enumerate(block.items, 1):
            grid.add_row(f"{n}." if block.numbered else "-", item)
        return Padding(grid, (0, 0, 0, 2))
    if isinstance(block, Quote):
        parts: list[RenderableType] = [Text(block.title, style="bold")]
        if block.note:
            parts.append(Padding(Text(f"[{block.note}]", style="italic"), (0, 0, 0, 2)))
        parts.append(Padding(Text(block.text), (0, 0, 0, 4)))
        return Padding(Group(*parts), (1, 0, 0, 0))
    if isinstance(block, Match):
        parts = [Text(block.title, style="bold")]
        if block.note:
            parts.append(Padding(Text(f"[{block.note}]", style="italic"), (0, 0, 0, 2)))
        if block.lead:
            parts.append(Padding(_marked(block.lead, block.lead_spans), (0, 0, 0, 4)))
        parts.append(Padding(_marked(block.text, block.spans), (0, 0, 0, 4)))
        return Padding(Group(*parts), (1, 0, 0, 0))
    raise TypeError(block)


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """Matching words in bold reverse video: seen without colour, and the plain text marks
    them with asterisks for those who cannot see it."""
    marked = Text(text)
    for start, end in spans:
        marked.stylize("bold reverse", start, end)
    return marked
