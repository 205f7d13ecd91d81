"""Files from and for other people: read within a size bound, write whole or not at all.

Rules, answers and protocol texts come from councils, so a read stops one byte past the limit
instead of loading whatever it is given. Saved records replace the target in one step, so a
crash or a full disk never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError, ProtocheckError


def read_bounded(
    path: Path, max_bytes: int, too_large: str, error: type[ProtocheckError] = InputError
) -> bytes:
    """The file's bytes, or `error` naming the file when it cannot be read or is too large."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    if len(raw) > max_bytes:
        raise error(too_large, path=path)
    return raw


def save_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a reader never sees half a record."""
    import tempfile

    target = path.expanduser()
    if target.is_dir():
        raise InputError("is a folder; give a file name to save to", path=target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder to save in does not exist", path=target)
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.")
    except OSError as exc:
        raise InputError(f"cannot save: {exc.strerror or exc}", path=target) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot save: {exc.strerror or exc}", path=target) from None
