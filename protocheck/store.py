"""The cache folder: JSON entries that are checked before they are believed.

An entry is one line of header (what it was made from, and a checksum of the data) and one line
of data. It is served only if the key matches what the inputs are now and the data's CRC-32 is
the one written: a damaged or hand-edited entry is just a miss, and the caller reads the source
again and writes the entry anew. JSON (not pickle) so that a cache file is data too.

Inputs are fingerprinted by `stat`: size, modification time, change time and inode, so an edit
that keeps the size and the modification time (`cp -p`, `touch -r`) still changes the change
time, and a file replaced by another has a new inode. Nothing here reads a source file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from pathlib import Path
from typing import Any

from .cache_place import CACHE_ENV, cache_folder
from .errors import InputError

FORMAT = 7  # the layout of entries; part of every key
# protocheck's modules whose code shapes what is cached: their contents (not their dates, so
# that reinstalling or upgrading keeps every entry whose inputs did not change) are in every key.
CODE = (
    "codec",
    "compare",  # the passages the index remembers for compare
    "fact_loader",
    "fields",
    "findings",
    "heads",  # the tops of council files, read for the manifest's entries
    "hygiene",
    "index_store",
    "library",
    "loader",
    "lock",
    "lookup",  # the keys the index finds a ref by, and the topics resting on each paragraph
    "model_loader",
    "models",
    "refs",
    "scenario",
    "stored_text",  # each council's text as the index keeps it
    "tables",
    "thesaurus",
    "topic_loader",
    "unresolved_loader",
    "words",
    "yamlfile",
    "parsed_files",
)
PARSING = ("yamlfile", "parsed_files")  # what a rules file's kept values depend on
_codes: dict[tuple[str, ...], str] = {}


def cache_dir() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    if os.environ.get(CACHE_ENV):
        from .files import check_name

        return check_name(Path(folder), CACHE_ENV)
    return Path(folder)


def code_key(modules: tuple[str, ...] = CODE) -> str:
    """The entry format and a CRC-32 of the loading code's text (about 0.3 ms: 24 small files)."""
    found = _codes.get(modules)
    if found is None:
        here = os.path.dirname(__file__)
        crc = 0
        for module in modules:
            try:
                with open(os.path.join(here, f"{module}.py"), "rb") as file:
                    crc = zlib.crc32(file.read(), crc)
            except OSError:
                crc = zlib.crc32(module.encode(), crc)
        found = _codes[modules] = f"{FORMAT}/{crc:08x}"
    return found


def stamp(path: str) -> str:
    """A file's size, modification and change times, and inode; '-' if it is not there."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return "-"


def stamp_of(status: os.stat_result) -> str:
    return f"{status.st_size}.{status.st_mtime_ns}.{status.st_ctime_ns}.{status.st_ino}"


def stamps(paths: list[str]) -> str:
    return "|".join(f"{os.path.basename(p)}:{stamp(p)}" for p in paths)


def digest(text: str) -> str:
    """64 bits that change with the text: CRC-32 and Adler-32, both in zlib (no hashlib to
    import on every run)."""
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def name_of(*parts: str) -> str:
    """A short name for a cache file, from the paths it is about."""
    return f"{zlib.crc32(os.fsencode(chr(10).join(parts))):08x}"


def read(path: Path | None, key: str) -> Any:
    """The entry's data if it was made from exactly these inputs and is as it was written.
    A stale entry's data is never decoded (an edited council's is read for its key alone)."""
    found = read_keyed(path, key)
    return found[1] if found is not None else None


def read_keyed(path: Path | None, key: str | None = None) -> tuple[str, Any] | None:
    """The entry's key and data, if the data is as it was written (and its key is `key`, if
    given); without `key`, for a caller that needs the data to work out what it should be."""
    if path is None:
        return None
    try:
        raw = path.read_bytes()
        header, _, body = raw.partition(b"\n")
        head = json.loads(header)
        if not isinstance(head, dict) or key not in (None, head.get("key")):
            return None
        if head.get("crc") != zlib.crc32(body):
            return None
        return str(head.get("key")), json.loads(body)
    except (OSError, ValueError, AttributeError, RecursionError):
        return None


def key_of(path: Path | None) -> str | None:
    """The key an entry was made under, read from its first line alone: for a caller that
    needs to know what a stale entry was made from, not its data."""
    if path is None:
        return None
    try:
        with open(path, "rb") as file:
            head = json.loads(file.readline(1 << 20))
    except (OSError, ValueError, RecursionError):
        return None
    key = head.get("key") if isinstance(head, dict) else None
    return key if isinstance(key, str) else None


def forget(path: Path | None) -> None:
    """Remove an entry that is known to be stale."""
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def write(path: Path | None, key: str, data: Any) -> None:
    """Atomically, and quietly: a read-only home must not stop anyone getting advice."""
    if path is None:
        return
    from .files import save_atomically

    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        encoded = body.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8 (a lone surrogate): escaped
        body = json.dumps(data, separators=(",", ":"))
        encoded = body.encode("ascii")
    crc = zlib.crc32(encoded)
    header = json.dumps({"key": key, "crc": crc})  # its paths, in whatever encoding
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_atomically(path, f"{header}\n{body}", durable=False)
    except (OSError, InputError):
        return
    _tidy(path.parent)


# What earlier versions' writes left when killed (mkstemp's names, and the index's own).
_OLD_PARTIALS = (
    r"\.(?:(?:library-|scenario-|index-)?[0-9a-f]{8}\.(?:json|sqlite)\.[a-z0-9_]{8}"
    r"|tmp-\d+-index-[0-9a-f]{8}\.sqlite(?:-journal)?)"
)
_tidied: set[Path] = set()


def _tidy(folder: Path) -> None:
    """Remove partial files that killed writes left in this cache folder: once a run, and only
    in a run that writes to the cache, so a run served from the cache pays nothing."""
    from .files import remove_leftovers

    if folder not in _tidied:
        _tidied.add(folder)
        remove_leftovers(folder, _old_partial)


def _old_partial(name: str) -> bool:
    """Whether a file is a partial one an earlier version's killed write left. Only names
    starting so can be, so the pattern is compiled (0.3 ms) only where one may be."""
    return name.startswith((".", "tmp-")) and re.fullmatch(_OLD_PARTIALS, name) is not None
