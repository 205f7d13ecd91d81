"""Where rendered output goes: rich on a terminal, plain text elsewhere, pages when long.

This is the only module that looks at the terminal. rich is imported only when a person is
watching, which keeps piped and scripted runs fast and free of colour codes.

It is also where output is made safe for whatever it is written to: control characters (from a
rules file or a user's own query) are shown as escapes rather than sent to the terminal; a
character the output's encoding lacks (an ASCII or Latin-1 locale) is replaced by its nearest
plain form rather than raising; and a reader that goes away (`| head`) ends the run quietly.
"""

from __future__ import annotations

import os
import re
import shutil
import sys

from .render import Json, plain
from .render.blocks import Block, Match

MIN_WIDTH = 20  # narrower than this, nothing wraps sensibly (and textwrap refuses width 0)
DEGRADE = "protocheck-degrade"

# C0 controls but tab and newline, DEL and C1: these move the cursor, recolour or clear a screen.
# Patterns are compiled (and cached by re) when first used, so runs that never need one pay
# nothing for it.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"


def prepare_streams() -> None:
    """Let stdout and stderr degrade a character they cannot encode instead of raising.

    Costs microseconds, so every run pays it; a UTF-8 stream only ever meets a lone surrogate
    (from a file name in a locale the system does not use), which becomes '?'."""
    import codecs

    codecs.register_error(DEGRADE, _degrade)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=DEGRADE)


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    from .degrade import degrade  # only when a character could not be encoded

    return degrade(exc)


def printable(text: str) -> str:
    """The text with control characters shown as \\u escapes (valid inside JSON strings too).
    Printable text holds none (they are all unprintable): a quick test before the regex."""
    if text.isprintable() or re.search(_CONTROL, text) is None:
        return text
    return re.sub(_CONTROL, lambda m: f"\\u{ord(m.group()):04x}", text)


def closed_pipe() -> int:
    """The reader of our output has gone (`protocheck … | head`). Say nothing, as git and
    coreutils do: point stdout and stderr at the null device so that no later flush can fail
    again, and give 128 + SIGPIPE as the exit status."""
    from .errors import ExitCode

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # a stream without a file descriptor (a test's capture) cannot fail this way
    return ExitCode.CLOSED_PIPE


def flushed() -> bool:
    """Flush what is buffered for stdout and stderr; False when the reader has gone."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BrokenPipeError:
        return False
    return True


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)


def show(blocks: list[Block], *, page: bool = False) -> None:
    """Print blocks for a person (rich, paged if asked and long) or a pipe (plain text)."""
    blocks = [_printable_block(b) for b in blocks]
    if not is_terminal():
        plain.write(blocks, sys.stdout.write, width=min(width(), 100))
        return
    from .render.terminal import make_console, renderable

    console = make_console(width=width())
    text = plain.render(blocks, width=console.width)
    if page and text.count("\n") > console.height:
        os.environ.setdefault("LESS", "-R")
        with console.pager(_pager(), styles=not os.environ.get("NO_COLOR")):
            console.print(renderable(blocks))
        return
    console.print(renderable(blocks))


def _printable_block(block: Block) -> Block:
    """The block with control characters escaped in every piece of text it holds (as it is,
    when all of it is printable: most blocks, and `list` has thousands)."""
    if all(_printed(value) for value in block):
        return block
    fields = {}
    for name, value in block._asdict().items():
        if isinstance(value, str):
            fields[name] = printable(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            fields[name] = tuple(printable(v) for v in value)
    if isinstance(block, Match) and fields["text"] != block.text:
        fields["spans"] = ()  # the offsets no longer fit the escaped text; drop the highlight
    return block._replace(**fields)


def _printed(value: object) -> bool:
    """True if the value is not text, or is text that `printable` leaves as it is."""
    if isinstance(value, str):
        return value.isprintable()
    if isinstance(value, tuple):
        return all(not isinstance(v, str) or v.isprintable() for v in value)
    return True


def _pager():
    """rich's system pager, with text the pager's encoding cannot hold degraded, not escaped."""
    import locale

    from rich.pager import SystemPager

    class Pager(SystemPager):
        def show(self, content: str) -> None:
            encoding = locale.getpreferredencoding(False)
            super().show(content.encode(encoding, DEGRADE).decode(encoding))

    return Pager()


def write_text(text: str) -> None:
    """JSON or Markdown as it is, but for control characters (and, in JSON, characters the
    output cannot encode, which become \\u escapes)."""
    if isinstance(text, Json) and not _is_utf8(sys.stdout):
        from .degrade import json_escaped

        text = json_escaped(text)
    sys.stdout.write(printable(text))


def _is_utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def error(message: str) -> None:
    """One line (or a short block) on stderr, never a traceback."""
    sys.stderr.write(f"protocheck: {printable(message)}\n")
