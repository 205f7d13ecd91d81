"""A council edited since it was last read, read again by a helper process while the CLI
imports. (The launcher imports this first: the standard library alone, and only what it needs.)

Reading a council again after an edit costs a run about 16 ms before it can index the
council again: importing ruamel and the loaders (10 ms), parsing the changed file and
building and checking the council. A run's first 45 ms go to importing typer and the CLI. So
a note in the cache folder (`note_path`, one for each set of rules folders) lists council
folders with a stamp of their files as the cache has them: every council, where no more than
WATCH_ALL are installed (written by the first run, and again when a command brings the
search index up to date), and else each council read again after an edit (someone is
editing it). Where a listed folder's files have changed, the launcher forks a child that
reads the council again and writes its cache entry, as any run would (and notes it as read,
or drops a folder that is no council's now); a run that needs the council waits for the
child, then takes the entry as usual.

- Checking costs the launcher one small file and a stat of each file a listed council is
  made of (about 15 µs a council); nothing is started unless one changed, or where the
  cache folder cannot be written.
- With more than WATCH_ALL councils, the first edit to a council is read as usual, and each
  later one ahead.
- The run believes nothing the child says: it checks the cache entry against the files as
  it checks any entry. Anything amiss (the child failed, as for a mistake in the edit, or
  is still working after `preload.WAIT_S`, when it is stopped) and the run reads the
  council itself, and says what is wrong with it as it would have. A run that never needs
  the council stops the child at exit; its writes are atomic, so nothing is left half made.
- Nothing is started on Windows, on one processor, in a frozen executable, without a cache
  folder, or with PROTOCHECK_NO_PRELOAD.
"""

from __future__ import annotations

import os

NOTE = "watched"  # the note (`note_path`): a line of what it was made from, then a folder
# and its stamp a line
_SETTINGS = ("PROTOCHECK_RULES", "PROTOCHECK_NO_SHIPPED_RULES", "PROTOCHECK_DATA_DIR")
_SETTINGS += ("XDG_DATA_HOME", "HOME")  # which choose the rules folders (`library.rules_roots`)
COMMANDS = frozenset({"ask", "explain", "search", "compare", "test", "check"})  # that read
# councils' text through the cache (`lint` reads files afresh; `list` needs titles only)
WATCH_ALL = 30  # councils: up to this many, every one is watched (a stat-ing each costs
# about 15 µs); more, and only those read again after an edit
WATCH_MOST = 8  # folders edited lately that a note holds, where not every one is watched
_NOTE_LIMIT = 1 << 16  # bytes: a longer note is not one we wrote
OWN_FILES = ("council.yaml", "paragraphs.yaml", "reviewed.yaml")  # `councils.OWN_FILES`

_child: tuple[int, int, frozenset[str]] | None = None  # pid, pipe's end, folders read


def start(argv: list[str]) -> bool:
    """Start the child, if a watched council changed since it was last read; whether it
    was started. Never an error (the run then reads the council itself)."""
    global _child
    from . import preload

    try:
        folders = _changed_folders(argv)
        if not folders or not preload.can_spawn() or not hasattr(os, "fork"):
            return False
        pid, read_end = _forked(folders)
    except Exception:  # whatever it was, the run reads the council itself
        return False
    _child = (pid, read_end, frozenset(folders))
    import atexit

    atexit.register(_stop)
    return True


def _changed_folders(argv: list[str]) -> list[str]:
    """The watched council folders whose files changed since they were last read, if this
    command may read them."""
    if os.environ.get("PROTOCHECK_NO_PRELOAD"):
        return []
    if (argv[1] if len(argv) > 1 else "") not in COMMANDS:
        return []
    from .cache_place import cache_folder

    cache = cache_folder()
    if cache is None or not os.access(cache, os.W_OK):  # the child could not write its entry
        return []
    _, watched = read_note(cache)
    return [folder for folder, stamp in watched.items() if folder_stamp(folder) != stamp]


def read_note(cache: str) -> tuple[str, dict[str, str]]:
    """What the note was made from, and each watched folder's stamp as last read; nothing
    where there is no note or it is not one we wrote."""
    try:
        with open(note_path(cache), "rb") as file:
            data = file.read(_NOTE_LIMIT + 1)
    except OSError:
        return "", {}
    try:
        made_from, *lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return "", {}
    watched = {}
    for line in lines:
        folder, tab, stamp = line.partition("\t")
        if not (tab and stamp.isascii() and stamp.isalnum() and os.path.isabs(folder)):
            return "", {}
        watched[folder] = stamp
    if len(data) > _NOTE_LIMIT or len(watched) > max(WATCH_ALL, WATCH_MOST):
        return "", {}
    return made_from, watched


def note(
    cache: str, stamps: dict[str, str], made_from: str = "", gone: frozenset[str] = frozenset()
) -> None:
    """Keep the note: where `made_from` is given, every council's folder (`stamps` holds
    them all, as the cache now has them); else these folders' stamps beside those noted,
    the latest kept (a council read again after an edit), less the folders `gone`. Written
    whole or not at all (never by the launcher, which imports nothing to write it)."""
    old_from, watched = read_note(cache)
    if made_from:
        old_from, watched = made_from, {}
    elif not gone & watched.keys() and all(watched.get(f) == s for f, s in stamps.items()):
        return
    for folder in (*stamps, *gone):
        watched.pop(folder, None)
    kept = [*watched.items(), *stamps.items()][-(WATCH_ALL if old_from else WATCH_MOST) :]
    lines = [old_from, *(f"{f}\t{s}" for f, s in kept if _notable(f))]
    import contextlib
    from pathlib import Path

    from .errors import InputError
    from .files import save_atomically

    with contextlib.suppress(OSError, InputError):  # a folder that cannot be written: no note
        save_atomically(Path(note_path(cache)), "\n".join(lines), durable=False)


def note_path(cache: str) -> str:
    """The note for the rules folders this run reads, as the settings that choose them say
    (and the Python environment, in which the shipped rules are installed): two sets of
    rules sharing a cache folder keep a note each, rather than rewriting one in turn."""
    import sys
    import zlib

    rules = os.environ.get("PROTOCHECK_RULES", "")
    parts = [sys.prefix, *map(os.environ.get, _SETTINGS)]
    parts += [os.path.abspath(p) for p in rules.split(os.pathsep) if p.strip()]  # from here
    named = zlib.crc32("\n".join(map(str, parts)).encode("utf-8", "surrogateescape"))
    return os.path.join(cache, f"{NOTE}-{named:08x}")


def _notable(folder: str) -> bool:
    """Whether a folder's name can be written in the note: on a line, as UTF-8."""
    return "\n" not in folder and "\t" not in folder and folder.isprintable()


def folder_stamp(folder: str) -> str:
    """The files a council is made of as they are now (OWN_FILES and the topics folder's
    `.yaml` files, as `councils` reads them; not an editor's swap file beside them): their
    names, and each one's size, modification and change times and inode, in 24 hex digits.
    Python hashes a tuple of integers the same in every process."""
    import zlib

    try:
        names = sorted(n for n in os.listdir(os.path.join(folder, "topics")) if n.endswith(".yaml"))
    except OSError:
        names = []
    paths = [os.path.join(folder, n) for n in OWN_FILES]
    paths += [os.path.join(folder, "topics", n) for n in names]
    numbers: list[int] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            numbers.append(-3)
            continue
        numbers += (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    named = zlib.crc32("\n".join(names).encode("utf-8", "surrogateescape"))
    return f"{named:08x}{hash(tuple(numbers)) & 0xFFFFFFFFFFFFFFFF:016x}"


def _forked(folders: list[str]) -> tuple[int, int]:
    """The child: a fork of this process, which has imported little yet (so the fork is
    cheap, and no thread runs to be copied half-way). Its stdout is a pipe whose closing
    says it has finished; its stdin and stderr the null device; it never returns."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child, and says nothing
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(write_end, 1)
        os.dup2(null, 2)
        os.close(read_end)
        _child_work(folders)
        status = 0
    finally:
        os._exit(status)  # never the parent's exit callbacks, nor a traceback


def _child_work(folders: list[str]) -> None:
    """Read the councils again and write their cache entries, as a run would."""
    from .councils import read_again

    read_again(folders)


def waited_for(folder: str) -> bool:
    """Whether a child was reading this folder's council; if so, it has finished (or been
    stopped) when this returns, and its cache entry is there to be checked."""
    global _child
    if _child is None or folder not in _child[2]:
        return False
    from .preload import said_by

    (pid, read_end, _), _child = _child, None
    said_by(pid, read_end)
    return True


def _stop() -> None:
    """A child the run did not wait for is ended, at exit."""
    global _child
    if _child is not None:
        from .preload import stopped

        (pid, read_end, _), _child = _child, None
        stopped(pid, read_end)


__all__ = ["folder_stamp", "note", "read_note", "start", "waited_for"]
