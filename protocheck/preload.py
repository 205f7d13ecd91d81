"""Every council's files stat-ed by a helper process while the CLI is still importing.
(The launcher imports this first: the standard library alone, and only what it needs.)

A command about every council (search, compare, `ask --all-councils`) stats every council's
files to know which changed: about 5,500 files and 12 ms at 500 councils, about 45 ms at
2,000, more than all else that grows with the councils. A run's first 45 ms go to importing
typer and the CLI. Where more than one processor is free, the launcher starts a child
Python first (as `git` stats the index's files in threads, `core.preloadIndex`); the child
reads the manifest and stats each council's files while the parent imports, and the run
takes each council's stamp from it (`councils._Loader`).

- The child costs the run about 1 ms on a machine with two processors, so it is started
  only where the last command about every council found PRELOAD_FROM councils or more (a
  file in the cache folder says so: one stat to check).
- What the child says is used only where the run's manifest is the one it read (the same
  council folders, listed alike). An edit saved while the child worked is as one saved just
  after the run's own stats would have been: the next command sees it.
- Anything amiss (no child, a child that died, said nothing or took longer than WAIT_S,
  another manifest, file names encoded another way) and the run stats the files itself, as
  it does on Windows, on one processor, in a frozen executable, without a cache folder, or
  with PROTOCHECK_NO_PRELOAD.
"""

from __future__ import annotations

import os
import sys

PRELOAD_FROM = 100  # councils; fewer, and the stats cost less than the child
HINT = "many-councils"  # in the cache folder while the last count was PRELOAD_FROM or more
WAIT_S = 5.0  # a child still silent after this is stopped, and the run stats the files
COMMANDS = frozenset({"search", "compare"})  # and `ask --all-councils`; not `explain`, which
# may be about one council (named in a .protocheck.yaml) without saying so on its line

_child: tuple[int, int] | None = None  # the child's pid and the pipe's end to read from
_collected: dict[str, object] | None = None  # what it said, once read


def start(argv: list[str]) -> None:
    """Start the child, if this command stats every council and the child can help; never
    an error (the run then stats the files itself)."""
    global _child
    try:
        if not _wanted(argv) or not can_spawn():
            return
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        _child = spawned(
            f"import sys; sys.path.append({root!r}); import protocheck.preload as p; p.child()"
        )
    except Exception:  # whatever it was, the run stats the files itself
        _child = None
        return
    import atexit

    atexit.register(_stop)


def can_spawn() -> bool:
    """Whether a helper process can work beside this one: not on Windows, on one processor,
    or in a frozen executable."""
    return not getattr(sys, "frozen", False) and _processors_to_spare()


def spawned(code: str) -> tuple[int, int]:
    """A child running `code`, started with none of the user's Python settings or
    site-packages (-I -S) but this Python's own (how file names are encoded, bytecode); its
    stdin and stderr the null device, its stdout a pipe to this process."""
    flags = ["-X", f"utf8={sys.flags.utf8_mode}"] + ["-B"] * sys.flags.dont_write_bytecode
    if sys.pycache_prefix:
        flags += ["-X", f"pycache_prefix={sys.pycache_prefix}"]
    read_end, write_end = os.pipe()
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, write_end, 1),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    try:
        command = [sys.executable, "-I", "-S", *flags, "-c", code]
        pid = os.posix_spawn(sys.executable, command, os.environ, file_actions=actions)
    except BaseException:
        os.close(read_end)
        raise
    finally:
        os.close(write_end)
    return pid, read_end


def _wanted(argv: list[str]) -> bool:
    if os.environ.get("PROTOCHECK_NO_PRELOAD"):
        return False
    command = argv[1] if len(argv) > 1 else ""
    if command not in COMMANDS and not (command == "ask" and "--all-councils" in argv):
        return False
    from .cache_place import cache_folder

    folder = cache_folder()
    return folder is not None and os.path.exists(os.path.join(folder, HINT))


def _processors_to_spare() -> bool:
    if not hasattr(os, "posix_spawn"):
        return False  # Windows
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) > 1
    return (os.cpu_count() or 1) > 1


def child() -> None:
    """The child's work: stat every council's files and say what was found, on stdout, with
    how this Python encodes file names (the run believes it only if its own is the same)."""
    import json

    from .councils import preloaded_stamps

    found = preloaded_stamps()
    if found is not None:
        found["names"] = _names_encoded()
        view = memoryview(json.dumps(found).encode())
        while view:  # all of it: a pipe takes 64 KiB at a time
            view = view[os.write(1, view) :]


def _names_encoded() -> list[str]:
    return [sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()]


def note_councils(folder: str, count: int) -> None:
    """Keep the hint that the child pays (or remove it) after a command counted the councils."""
    hint = os.path.join(folder, HINT)
    try:
        if count >= PRELOAD_FROM and not os.path.exists(hint):
            with open(hint, "w", encoding="utf-8") as file:
                file.write(f"{count}\n")
        elif count < PRELOAD_FROM and os.path.exists(hint):
            os.remove(hint)
    except OSError:  # a cache folder that cannot be written: no hint, no child
        pass


def collected(key: str | None) -> dict[str, object] | None:
    """Each council folder's [stamp, whether its council.yaml is there], as the child found
    them, if it read the manifest with this key and encodes file names as this process
    does; None otherwise (the run stats them)."""
    global _collected
    if key is None:
        return None
    if _child is not None and _collected is None:
        _collected = _read_child()
    if not _collected or _collected.get("key") != key:
        return None
    if _collected.get("names") != _names_encoded():
        return None
    stamps = _collected.get("stamps")
    return stamps if isinstance(stamps, dict) else None


def _read_child() -> dict[str, object]:
    """What the child wrote, once it has finished; {} if anything is amiss (a child silent
    for WAIT_S is stopped)."""
    global _child
    import json

    assert _child is not None
    (pid, read_end), _child = _child, None
    said = said_by(pid, read_end)
    if not said:
        return {}
    try:
        data = json.loads(said)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def said_by(pid: int, read_end: int) -> bytes | None:
    """All a child wrote to its pipe, once it has closed it and exited with status 0; b"" if
    it failed, None if it was silent for WAIT_S (it is then stopped). The child is waited
    for (no zombie) and the pipe closed, whatever happened (`reread`'s child too)."""
    import select
    import time

    chunks: list[bytes] = []
    deadline = time.monotonic() + WAIT_S
    try:
        while select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))[0]:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        else:
            stopped(pid, read_end)
            return None
    except (OSError, ValueError):  # ValueError: a descriptor select cannot watch
        stopped(pid, read_end)
        return None
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks) if status == 0 else b""


def _stop() -> None:
    """A child the run did not wait for is ended, at exit."""
    global _child
    if _child is not None:
        (pid, read_end), _child = _child, None
        stopped(pid, read_end)


def stopped(pid: int, read_end: int) -> None:
    """A child ended and waited for (no zombie), and its pipe closed."""
    import contextlib
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with contextlib.suppress(OSError):
        os.close(read_end)


__all__ = ["child", "collected", "note_councils", "said_by", "start", "stopped"]
