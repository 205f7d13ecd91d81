"""One error hierarchy, so the CLI can turn any user-facing failure into one line and an exit code.

Exit codes are part of the interface (scripts and CI depend on them) and never change meaning:
0 success, 1 findings (a check that found problems), 2 bad input or usage, 130 cancelled,
141 output closed early (`protocheck … | head`, 128 + SIGPIPE as git and coreutils give).
"""

from __future__ import annotations

import errno
import re
from enum import IntEnum
from pathlib import Path

_SURROGATE = "[\ud800-\udfff]"  # compiled by re when first used, not by every run


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    CANCELLED = 130
    CLOSED_PIPE = 141


class ProtocheckError(Exception):
    """An error meant for the user: a message, optionally a place, and an exit code."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    @classmethod
    def of(cls, exc: OSError, doing: str = "") -> ProtocheckError:
        """The error for what the system refused, naming the path it refused."""
        path = exc.filename if isinstance(exc.filename, (str, Path)) else None
        return cls(f"{doing}{os_reason(exc)}", path=path)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{place}: {self.message}"


class RulesError(ProtocheckError):
    """A rules file that cannot be read or does not make sense.

    It carries the id of the check it failed (see `findings.RULES`), so that a loader can
    record it as a finding and go on, and the column where one is known."""

    rule: str = "PC100"  # a file or folder that cannot be read; checks name their own rule

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        rule: str | None = None,
        paragraphs: tuple[str, ...] = (),
    ):
        super().__init__(message, path=path, line=line)
        self.column = column
        self.paragraphs = paragraphs
        if rule is not None:
            self.rule = rule


class InputError(ProtocheckError):
    """Bad input from the user: an answers file, an option value, an unknown name."""


class NotFound(InputError):
    """A council, topic or paragraph that does not exist; the message suggests near ones."""


class Cancelled(ProtocheckError):
    """The user pressed Ctrl-C or otherwise left a prompt."""

    exit_code = ExitCode.CANCELLED

    def __init__(self) -> None:
        super().__init__("Cancelled")


def shown(text: str, limit: int = 60) -> str:
    """A user's text quoted in a message, cut short so that the message stays one clear line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def os_reason(exc: OSError) -> str:
    """What the system said, in words a user can act on."""
    if exc.errno == errno.ENAMETOOLONG:
        return "a name in this path is too long (the limit is 255 bytes)"
    return exc.strerror or str(exc)


def has_surrogates(text: str) -> bool:
    """True when the text holds lone surrogates: undecodable bytes, or half a character."""
    return re.search(_SURROGATE, text) is not None


def undecodable(text: str, limit: int = 60) -> str:
    """A text holding undecodable bytes, quoted as those bytes: 'caf\\xe9'."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return shown(text, limit)
    return repr(raw[:limit])[1:] + ("…" if len(raw) > limit else "")
