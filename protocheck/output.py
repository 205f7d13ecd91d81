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
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

# The typographic characters protocols use, as plain ASCII: a degraded quote still reads right.
_PLAIN_FORMS = {
    "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u00a7": "para ", "\u00b6": "para ",
    "\u2022": "*", "\u25aa": "*", "\u25cf": "*", "\u25e6": "*", "\u2023": "*", "\u00b7": ".",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u200b": "", "\u00ad": "", "\ufeff": "",
    "\u00a3": "GBP ", "\u20ac": "EUR ", "\u00a9": "(c)", "\u00d7": "x", "\u2192": "->",
}  # fmt: skip


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
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(plain_form(c) for c in exc.object[exc.start : exc.end]), exc.end


def plain_form(char: str) -> str:
    """An ASCII stand-in: the typographic table, else the letter without its accent, else '?'."""
    known = _PLAIN_FORMS.get(char)
    if known is not None:
        return known
    import unicodedata

    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if bare and bare.isascii() else "?"


def printable(text: str) -> str:
    """The text with control characters shown as \\u escapes (valid inside JSON strings too)."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
        sys.stdout.write(plain.render(blocks, width=min(width(), 100)))
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
    """The block with control characters escaped in every piece of text it holds."""
    fields = {}
    for name, value in block._asdict().items():
        if isinstance(value, str):
            fields[name] = printable(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            fields[name] = tuple(printable(v) for v in value)
    if isinstance(block, Match) and fields["text"] != block.text:
        fields["spans"] = ()  # the offsets no longer fit the escaped text; drop the highlight
    return block._replace(**fields)


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
        text = _NON_ASCII.sub(lambda m: _json_escape(m.group()), text)
    sys.stdout.write(printable(text))


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _is_utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def error(message: str) -> None:
    """One line (or a short block) on stderr, never a traceback."""
    sys.stderr.write(f"protocheck: {printable(message)}\n")
