"""The `protocheck` script's first code: Ctrl-C while the CLI is still importing exits quietly.

Importing typer and the CLI takes most of a run's first 60 ms; a Ctrl-C then would otherwise
print a KeyboardInterrupt traceback. From here on it gives exit status 130 and no message, as
it does later (where `cli._run` says 'Cancelled'). Only Python's own start-up comes before this.
"""

from __future__ import annotations

import atexit
import gc
import sys

CANCELLED = 130  # errors.ExitCode.CANCELLED, without importing anything to learn it


def main() -> None:
    """Run the CLI. At exit, what the run made is frozen too (this first callback registered
    runs last, after `weakref.finalize` has closed the index): Python's last collection then
    walks none of it, and the system frees the memory whole. That walk was 1 ms of a warm
    search's exit and 3 ms after an edited council's rules were read. It is an atexit
    callback, not a `finally`, so that the end of a run runs no more Python for a late
    Ctrl-C to land in."""
    sys.unraisablehook = _interrupt_in_a_callback
    atexit.register(gc.freeze)
    try:
        from .preload import start

        start(sys.argv)  # where it pays, a child stats every council's files meanwhile
        run = _imported()
        run()
    except KeyboardInterrupt:
        raise SystemExit(CANCELLED) from None


def _imported():
    """The CLI's entry point, imported with the cycle collector paused and what it imported
    then frozen, as is what a council's read makes later (`collector`)."""
    from . import collector

    collector.freezing = True
    with collector.paused():
        from .cli import main
    return main


def _interrupt_in_a_callback(unraisable) -> None:
    """A Ctrl-C that lands in a weakref callback or finaliser (the import system runs some)
    cannot be raised: Python would print 'Exception ignored … KeyboardInterrupt' and carry on
    as if it never came. Leave at once instead, as the user asked; a partial file it leaves in
    the cache is tidied by a later run."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        import os

        os._exit(CANCELLED)
    sys.__unraisablehook__(unraisable)
