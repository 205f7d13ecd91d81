"""Python's cycle collector in a run: paused while long-lived objects are made, and, where
protocheck's launcher runs the CLI, what they made then frozen, so that the collector never
walks it again, during the run or at exit.

The CLI's imports (typer's and ours), a council's read, and the manifest's entries and
councils' stamps that a command about every council makes each make thousands of objects that
live on and hold no cycles; the collector would otherwise walk them again and again as they
age (about 10 ms of a 60 ms run for the imports, 1.5 ms of a 25 ms read, 1 ms of a search at
500 councils).
Freezing takes every object there is, garbage cycles included, so only the launcher, which
owns the process, turns it on: a program using protocheck as a library, and the tests, keep
their collector as it was, paused only while a council is read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

freezing = False  # set by the launcher: what `paused` sees made is frozen after


@contextmanager
def paused() -> Iterator[None]:
    """The collector off while this runs; what it made frozen after, where `freezing`."""
    was_on = gc.isenabled()
    try:
        gc.disable()
        yield
    finally:
        if freezing:
            gc.freeze()
        if was_on:
            gc.enable()
