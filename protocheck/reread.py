"""The council someone is editing read again by a helper process while the CLI imports.
(The launcher imports this first: the standard library alone, and only what it needs.)

Reading a council again after an edit costs a run about 16 ms before it can index the
council again: importing ruamel and the loaders (10 ms), parsing the changed file and
building and checking the council. A run's first 45 ms go to importing typer and the CLI.
Someone editing a council's rules runs a command after each save; so a run that reads a
council again after an edit leaves a note (EDITING, in the cache folder) of its folder and
of how its files were. Where that folder's files have changed since, the launcher starts a
child Python that reads the council again and writes its cache entry, as any run would;
a run that needs the council waits for the child, then takes the entry as usual.

- Checking costs the launcher one small file and a stat of each file in the council's
  folder (tens of microseconds); nothing is started unless a file changed.
- The first edit to a council is not read ahead (no note yet); each later one is.
- The run believes nothing the child says: it checks the cache entry against the files as
  it checks any entry. Anything amiss (the child failed, as for a mistake in the edit, or
  is still working after `preload.WAIT_S`, when it is stopped) and the run reads the
  council itself, and says what is wrong with it as it would have. A run that never needs
  the council stops the child at exit; its writes are atomic, so nothing is left half made.
- Nothing is started on Windows, on one processor, in a frozen executable, without a cache
  folder, or with PROTOCHECK_NO_PRELOAD.
"""

from __future__ import annotations

import contextlib
import os

EDITING = "editing"  # the note: the folder's path, a line break, its stamp when last read
COMMANDS = frozenset({"ask", "explain", "search", "compare", "test", "check"})  # that read
# councils' text through the cache (`lint` reads files afresh; `list` needs titles only)
_NOTE_LIMIT = 8192  # bytes: a note longer than this is not one we wrote

_child: tuple[int, int, str] | None = None  # the child's pid, its pipe's end, the folder


def start(argv: list[str]) -> bool:
    """Start the child, if a council being edited changed since it was last read; whether
    it was started. Never an error (the run then reads the council itself)."""
    global _child
    from . import preload

    try:
        folder = _changed_folder(argv)
        if folder is None or not preload.can_spawn() or not hasattr(os, "fork"):
            return False
        pid, read_end = _forked(folder)
    except Exception:  # whatever it was, the run reads the council itself
        return False
    _child = (pid, read_end, folder)
    import atexit

    atexit.register(_stop)
    return True


def _changed_folder(argv: list[str]) -> str | None:
    """The folder of the council being edited, if this command may read it and its files
    changed since it was last read."""
    if os.environ.get("PROTOCHECK_NO_PRELOAD"):
        return None
    if (argv[1] if len(argv) > 1 else "") not in COMMANDS:
        return None
    from .cache_place import cache_folder

    cache = cache_folder()
    note = _read_note(os.path.join(cache, EDITING)) if cache else None
    if note is None:
        return None
    folder, stamp = note
    return folder if folder_stamp(folder) != stamp else None


def _read_note(path: str) -> tuple[str, str] | None:
    try:
        with open(path, "rb") as file:
            data = file.read(_NOTE_LIMIT + 1)
    except OSError:
        return None
    folder, _, stamp = data.partition(b"\n")
    if len(data) > _NOTE_LIMIT or not stamp or not os.path.isabs(folder):
        return None
    return os.fsdecode(folder), stamp.decode("ascii", "replace")


def folder_stamp(folder: str) -> str:
    """Every file in a council's folder and its topics folder as it is now (names, and each
    one's size, modification and change times and inode), in 24 hex digits: any save
    changes it. Python hashes a tuple of integers the same in every process."""
    import zlib

    numbers: list[int] = []
    names = []
    for place in (folder, os.path.join(folder, "topics")):
        try:
            with os.scandir(place) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    status = entry.stat()
                    names.append(entry.name)
                    numbers += (status.st_size, status.st_mtime_ns, status.st_ctime_ns)
                    numbers.append(status.st_ino)
        except OSError:
            numbers.append(-3)
    named = zlib.crc32("\n".join(names).encode("utf-8", "surrogateescape"))
    return f"{named:08x}{hash(tuple(numbers)) & 0xFFFFFFFFFFFFFFFF:016x}"  # ints hash alike


def note_editing(cache: str, folder: str, stamp: str) -> None:
    """Keep the note that this council is being edited, as its files were when read."""
    path = os.path.join(cache, EDITING)
    data = os.fsencode(folder) + b"\n" + stamp.encode("ascii")
    try:
        if _read_note(path) == (folder, stamp):
            return
        with open(path, "wb") as file:  # a torn note is not read as one (`_read_note`)
            file.write(data)
    except (OSError, ValueError):  # a cache folder that cannot be written: no note
        pass


def _forked(folder: str) -> tuple[int, int]:
    """The child: a fork of this process, which has imported little yet (so the fork is
    cheap, and no thread runs to be copied half-way). Its stdout is a pipe whose closing
    says it has finished; its stdin and stderr the null device; it never returns."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(write_end, 1)
        os.dup2(null, 2)
        os.close(read_end)
        _child_work(folder)
        status = 0
    finally:
        os._exit(status)  # never the parent's exit callbacks, nor a traceback


def _child_work(folder: str) -> None:
    """Read the council again and write its cache entry, as a run would."""
    from .councils import read_again

    read_again(folder)


def waited_for(folder: str) -> bool:
    """Whether a child was reading this folder's council; if so, it has finished (or been
    stopped) when this returns, and its cache entry is there to be checked."""
    global _child
    if _child is None or _child[2] != folder:
        return False
    if not _finished(_child[1]):
        _stop()
        return True
    (pid, read_end, _), _child = _child, None
    with contextlib.suppress(OSError):
        os.close(read_end)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
    return True


def _finished(read_end: int) -> bool:
    """Whether the child closed its end of the pipe (it exits) within `preload.WAIT_S`."""
    import select
    import time

    from .preload import WAIT_S

    deadline = time.monotonic() + WAIT_S
    try:
        while select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))[0]:
            if not os.read(read_end, 1 << 12):
                return True
    except (OSError, ValueError):  # ValueError: a descriptor select cannot watch
        pass
    return False


def _stop() -> None:
    """A child the run did not wait for is ended and waited for (no zombie)."""
    global _child
    if _child is None:
        return
    import signal

    (pid, read_end, _), _child = _child, None
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with contextlib.suppress(OSError):
        os.close(read_end)


__all__ = ["folder_stamp", "note_editing", "start", "waited_for"]
