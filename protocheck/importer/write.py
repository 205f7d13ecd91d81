"""Putting an import in place: both files or neither, and only rules that load again.

The files are written into a hidden staging folder beside the council's, loaded there with
every check `lint` makes, and only then moved into place: a new council's folder by one rename,
an existing one's files by renames that Ctrl-C cannot split (the interrupt waits until they are
done). Whatever stops an import before that leaves the council's folder as it was and removes
the staging folder; one left by a killed process is removed by the next import.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, ProtocheckError
from ..library import COUNCIL_FILE, PARAGRAPHS_FILE, TOPICS_DIR
from ..yamlfile import MAX_BYTES

STAGING = ".{slug}.import-"


def write_council(folder: Path, paragraphs: str, council: str) -> list[Path]:
    """Write paragraphs.yaml (and council.yaml if the folder has none); the files written."""
    _fits(paragraphs, folder / PARAGRAPHS_FILE)
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, folder.name)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=STAGING.format(slug=folder.name)))
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=parent) from None
    try:
        files = _stage(staging, folder, paragraphs, council)
        _check_loads(staging, folder)
        return _commit(staging, folder, files)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _fits(text: str, path: Path) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(
            f"would be {size / (1024 * 1024):.1f} MiB, over the {MAX_BYTES // (1024 * 1024)} "
            "MiB a rules file may be; import only the protocol's own part",
            path=path,
        )


def _remove_stale(parent: Path, slug: str) -> None:
    """Staging folders an interrupted import of this council left behind."""
    for stale in parent.glob(f"{STAGING.format(slug=slug)}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _stage(staging: Path, folder: Path, paragraphs: str, council: str) -> list[str]:
    """The new files, beside copies of what they will sit with, so the whole loads."""
    _open_to_group(staging)
    written = [PARAGRAPHS_FILE]
    try:
        _write(staging / PARAGRAPHS_FILE, paragraphs, folder / PARAGRAPHS_FILE)
        if not (folder / COUNCIL_FILE).is_file():
            _write(staging / COUNCIL_FILE, council, None)
            written.append(COUNCIL_FILE)
        _copy_the_rest(folder, staging)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=folder) from None
    return written


def _copy_the_rest(folder: Path, staging: Path) -> None:
    """The council's other files (council.yaml, the review lock, topics), to load beside."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name == PARAGRAPHS_FILE or path.name.startswith("."):
            continue
        if path.is_file():
            shutil.copyfile(path, staging / path.name)
        elif path.name == TOPICS_DIR and path.is_dir():
            shutil.copytree(path, staging / path.name)


def _open_to_group(staging: Path) -> None:
    """mkdtemp makes a private folder; the council's folder gets the modes the umask gives."""
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)


def _write(path: Path, text: str, like: Path | None) -> None:
    """A file written and flushed to disk, with the mode of the file it replaces, if any."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if like is not None and like.is_file():
        shutil.copymode(like, path)


def _check_loads(staging: Path, folder: Path) -> None:
    """The staged council must load with every check `lint` makes; never write what it
    would refuse (a topic citing a paragraph the new text no longer has, say)."""
    from ..loader import load_council

    try:
        load_council(staging)
    except ProtocheckError as exc:
        where = (exc.path or "").replace(str(staging), str(folder))
        raise InputError(f"the import would not load, so nothing was written: {exc.message}",
                         path=where or folder, line=exc.line) from None  # fmt: skip


def _commit(staging: Path, folder: Path, files: list[str]) -> list[Path]:
    """Move the staged files into place, all of them, whatever the user presses meanwhile."""
    with _interrupt_deferred():
        try:
            if not folder.exists():
                os.rename(staging, folder)  # the whole council appears at once
            else:
                for name in files:
                    os.replace(staging / name, folder / name)
        except OSError as exc:
            raise InputError(f"cannot write here: {exc.strerror or exc}", path=folder) from None
    return [folder / name for name in files]


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C during the renames takes effect after them: an import is whole or absent."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
