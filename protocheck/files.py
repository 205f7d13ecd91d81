"""Files from and for other people: read within a size bound, write whole or not at all.

Rules, answers and protocol texts come from councils, so a read stops one byte past the limit
instead of loading whatever it is given, and only a regular file is read: a pipe or device put
where a file should be would block for ever or never end. Saved records replace the target in
one step, so a crash or a full disk never leaves half a file where a good one was, and they keep
the mode of the file they replace (else the user's umask), so colleagues can still read them.

Every path here comes from a user; whatever the system says about one (no permission, a name
too long, a file where a folder should be) becomes a one-line error naming it, never a
traceback.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, ProtocheckError, os_reason

PARTIAL_PREFIX = ".protocheck-partial-"  # a file being written; see remove_leftovers
_MISSING = (errno.ENOENT, errno.ENOTDIR)
NAME_MAX, PATH_MAX = 255, 4096  # bytes, as Linux, macOS and Windows (in characters) allow


def probe(path: Path, error: type[ProtocheckError] = InputError) -> os.stat_result | None:
    """The path's status, None if nothing is there, or `error` if the system will not say
    (pathlib's is_dir() and is_file() raise for these instead, as tracebacks)."""
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno in _MISSING:
            return None
        raise error.of(exc) from None
    except ValueError:  # a NUL byte in the name
        raise error("is not a usable path", path=path) from None


# A file or folder unchanged this long is past any file system's clock tick (a second, or two
# on some): one changed more recently could change again without its times changing.
SETTLED_NS = 3_000_000_000


def settled(status: os.stat_result, now_ns: int | None = None) -> bool:
    """Whether what was stat-ed last changed more than SETTLED_NS ago: only then may what was
    read of it be kept under its stamp, as a change within the same tick could leave the
    stamp as it was (Git's "racily clean" rule, though against the clock, not an index
    file's time). The later of the modification and change times counts: `cp -p` and
    `touch -r` set the first back, and on Windows the second is the creation time."""
    now = time.time_ns() if now_ns is None else now_ns
    return now - max(status.st_mtime_ns, status.st_ctime_ns) > SETTLED_NS


def is_dir(path: Path, error: type[ProtocheckError] = InputError) -> bool:
    found = probe(path, error)
    return found is not None and stat.S_ISDIR(found.st_mode)


def is_file(path: Path, error: type[ProtocheckError] = InputError) -> bool:
    found = probe(path, error)
    return found is not None and stat.S_ISREG(found.st_mode)


def check_name(path: Path, setting: str) -> Path:
    """The path, or InputError naming the setting if no system could use it (a name over 255
    bytes): for a setting read quietly, whose mistakes would otherwise never be seen."""
    parts = [os.fsencode(part) for part in path.parts]
    if any(len(part) > NAME_MAX for part in parts) or sum(map(len, parts)) >= PATH_MAX:
        raise InputError(f"{setting}: a name in this path is too long (the limit is 255 bytes)")
    return path


def list_folder(folder: Path, error: type[ProtocheckError] = InputError) -> list[Path]:
    """The folder's entries in name order, or `error` when it cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise error.of(exc, "cannot list this folder: ") from None


def read_bounded(
    path: Path, max_bytes: int, too_large: str, error: type[ProtocheckError] = InputError
) -> bytes:
    """The file's bytes, or `error` naming the file when it cannot be read, is not a regular
    file, or is too large."""
    with _regular_file(path, error) as (handle, status):
        raw = _read_up_to(handle, status.st_size, max_bytes + 1)
    if len(raw) > max_bytes:
        raise error(too_large, path=path)
    return raw


def read_head(path: Path, size: int, error: type[ProtocheckError] = InputError) -> bytes:
    """The file's first `size` bytes (to tell what kind of file it is), refused as
    `read_bounded` refuses what is not a regular file."""
    with _regular_file(path, error) as (handle, _):
        return handle.read(size)


@contextmanager
def _regular_file(
    path: Path, error: type[ProtocheckError]
) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The file open for reading, and its status; `error` naming it for anything else.
    Opened without blocking, so a pipe is refused, not waited on; and checked before Python
    wraps it, as a folder opens too on some systems (Python then refuses it, unnamed)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.isdir(path):  # Windows will not open a folder: "Permission denied"
            raise error("is a folder, not a file", path=path) from None
        raise error.of(exc, "cannot read the file: ") from None
    except ValueError:
        raise error("is not a usable path", path=path) from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise error("is a folder, not a file", path=path)
        if not stat.S_ISREG(status.st_mode):
            raise error("is not a regular file (a pipe, device or socket?); give a file", path=path)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            yield handle, status
    except OSError as exc:
        raise error(f"cannot read the file: {os_reason(exc)}", path=path) from None
    finally:
        os.close(fd)


def _read_up_to(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most `limit` bytes. Asks first for the size the file says it has (and one more, to
    see it end): asking for `limit` at once costs a buffer that large, 30 to 50 µs a file.
    A file that is longer than it said (growing, or in /proc) is read on to the limit."""
    raw = handle.read(min(size, limit - 1) + 1)
    if size < len(raw) < limit:
        raw += handle.read(limit - len(raw))
    return raw


def make_folder(path: Path) -> None:
    """Create the folder and any parents, or say which part of the path is in the way."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (path, *path.parents) if is_file(p)), path)
        raise InputError("is a file, not a folder", path=blocker) from None
    except OSError as exc:
        raise InputError.of(exc, "cannot create this folder: ") from None


def save_atomically(path: Path, text: str, *, durable: bool = True) -> None:
    """Write the whole file or nothing: a reader never sees half a record.

    The new file keeps the mode of the one it replaces, else gets the umask's (never a forced
    0600). `durable` (for users' files; the cache can do without) syncs the data to disk
    before the rename, so a power cut leaves the old file or the new one, not an empty one."""
    target = path.expanduser()
    if is_dir(target):
        raise InputError("is a folder; give a file name to save to", path=target)
    folder = target.parent if str(target.parent) else Path(".")
    if not is_dir(folder):
        raise InputError("the folder to save in does not exist", path=target)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("cannot save: the text is not valid Unicode", path=target) from None
    existing = probe(target)
    fd, temporary = _create_partial(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            if existing is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), stat.S_IMODE(existing.st_mode))
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError.of(exc, "cannot save: ") from None
        raise
    if durable:
        _sync_folder(folder)


def _create_partial(target: Path) -> tuple[int, Path]:
    """A new file beside the target, created with mode 0666 less the umask, named so that a
    leftover (from a killed write) is recognisably ours. The target's name is cut short in
    it so that a name near the system's limit still leaves room."""
    short = target.name.encode("utf-8", "surrogateescape")[:48].decode("utf-8", "ignore")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(partial_name(short))
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError.of(exc, "cannot save: ") from None
    raise InputError("cannot save: no free name for a temporary file", path=target)


def partial_name(name: str) -> str:
    return f"{PARTIAL_PREFIX}{os.getpid()}-{os.urandom(4).hex()}-{name}"


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be opened, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_leftovers(
    folder: Path, also: Callable[[str], bool] | None = None, age: float = 600
) -> None:
    """Delete partial files (ours, and any name `also` says is one) older than `age` seconds:
    left by a write that was killed. Younger ones may be another run's write in progress."""
    cutoff = time.time() - age
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(PARTIAL_PREFIX) or (also is not None and also(name))):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            continue
