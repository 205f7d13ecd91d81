"""Where rendered output goes: rich on a terminal, plain text elsewhere, pages when long.

This is the only module that looks at the terminal. rich is imported only when a person is
watching, which keeps piped and scripted runs fast and free of colour codes.
"""

from __future__ import annotations

import os
import shutil
import sys

from .render import plain
from .render.blocks import Block


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def show(blocks: list[Block], *, page: bool = False) -> None:
    """Print blocks for a person (rich, paged if asked and long) or a pipe (plain text)."""
    if not is_terminal():
        sys.stdout.write(plain.render(blocks, width=min(width(), 100)))
        return
    from .render.terminal import make_console, renderable

    console = make_console()
    text = plain.render(blocks, width=console.width)
    if page and text.count("\n") > console.height:
        os.environ.setdefault("LESS", "-R")
        with console.pager(styles=not os.environ.get("NO_COLOR")):
            console.print(renderable(blocks))
        return
    console.print(renderable(blocks))


def write_text(text: str) -> None:
    sys.stdout.write(text)


def error(message: str) -> None:
    """One line (or a short block) on stderr, never a traceback."""
    sys.stderr.write(f"protocheck: {message}\n")
