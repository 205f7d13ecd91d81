"""A rules folder as it was at a git revision, written into a temporary folder.

`protocheck diff origin/main rules` compares the working tree with the rules a pull request
started from. The files come from `git archive` (never a checkout that could touch the
working tree), within a size bound, and are unpacked with tarfile's "data" filter, so an
archive can write nothing outside the folder it is given.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import InputError, shown
from .library import COUNCIL_FILE, MODELS_DIR

MAX_ARCHIVE = 64 * 1024 * 1024  # the rules of hundreds of councils are a few megabytes


def at_revision(revision: str, path: Path, into: Path) -> Path:
    """`path` (in a git working tree) as it was at `revision`, under `into`; an empty folder
    when it did not exist then (so everything in it now is new)."""
    if revision.startswith("-"):
        raise InputError(f"{shown(revision)} is not a folder or a git revision")
    where = path if path.is_dir() else path.parent
    top = Path(_git(where, "rev-parse", "--show-toplevel").decode().strip())
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except InputError:
        raise InputError(f"{shown(revision)} is neither a folder nor a git revision") from None
    wanted = [relative]
    if (path / COUNCIL_FILE).is_file() and (path.parent / MODELS_DIR).is_dir():
        wanted.append((Path(relative).parent / MODELS_DIR).as_posix())  # its models beside it
    for item in wanted:
        _unpack(top, revision, item, into)
    target = into / relative
    target.mkdir(parents=True, exist_ok=True)
    return target


def _unpack(top: Path, revision: str, item: str, into: Path) -> None:
    import io
    import tarfile

    try:
        archive = _git(top, "archive", "--format=tar", revision, "--", item)
    except InputError:
        return  # not there at that revision
    if len(archive) > MAX_ARCHIVE:
        raise InputError(f"{item} at {revision} is larger than {MAX_ARCHIVE // 2**20} MiB")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _git(where: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"cannot run git to read an earlier revision: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        reason = said[0] if said else "not a git revision"
        raise InputError(f"git {args[0]}: {reason}")
    return done.stdout
