"""The `protocheck` script's first code: Ctrl-C while the CLI is still importing exits quietly.

Importing typer and the CLI takes most of a run's first 60 ms; a Ctrl-C then would otherwise
print a KeyboardInterrupt traceback. From here on it gives exit status 130 and no message, as
it does later (where `cli._run` says 'Cancelled'). Only Python's own start-up comes before this.
The process is this module's too: the run ends it, once everything is written, without
Python's teardown.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

CANCELLED = 130  # errors.ExitCode.CANCELLED, without importing anything to learn it

_status = 1  # what the process exits with: the CLI's status once it has finished


def main() -> None:
    """Run the CLI, then leave without Python's teardown (`_leave`)."""
    global _status
    sys.unraisablehook = _interrupt_in_a_callback
    atexit.register(_leave)  # registered first, so it runs last
    try:
        from . import preload, reread

        # A child reads again each noted council that changed; else, where it pays, one
        # stats every council's files (not both: two children would slow the run).
        if not reread.start(sys.argv):
            preload.start(sys.argv)
        run = _imported()
        run()
        _status = 0
    except KeyboardInterrupt:
        _status = CANCELLED
        raise SystemExit(CANCELLED) from None
    except SystemExit as exc:
        _status = _exit_status(exc.code)
        raise


def _leave() -> None:
    """The run's last code, after every other exit callback (`weakref.finalize` has closed
    the index): flush what is still buffered and end the process, skipping Python's teardown
    of every module and object (about 2 ms of every run, more after a council's rules were
    read). Every file the run wrote is closed by then; a run that has not finished as it
    should (a traceback) leaves with 1. If the output cannot be flushed, Python's own exit
    runs, with what the run made frozen so that its last collection walks none of it; it is
    an exit callback, not a `finally`, so that the end of a run runs no more Python for a
    late Ctrl-C to land in. An exit callback registered before `main` (by a program calling
    it, not the `protocheck` script) does not run."""
    gc.freeze()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # `cli.main` has dealt with a reader that has gone
        return
    os._exit(_status)


def _exit_status(code: object) -> int:
    """The status Python would exit with for `SystemExit(code)` (a message is printed, and
    gives 1)."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


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
        os._exit(CANCELLED)
    sys.__unraisablehook__(unraisable)
