"""Parse the YAML once: keep the checked councils as JSON until a rules file changes.

Importing and running a YAML parser costs more than the whole of `protocheck explain`, so each
loaded council is stored in the user's cache folder, keyed by its rules files' paths, sizes and
modification times plus protocheck's own loader code. A small manifest names every council, so
a command about one council decodes only that one, however many are installed; an edit to one
council reloads only that one. JSON (not pickle) so that a cache file is data too. Any problem
with the cache just means loading from YAML again.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import __version__
from .errors import InputError
from .library import Entry, Library, council_dirs, merge, model_files, rule_files, rules_roots
from .models import Council, Verdict

if TYPE_CHECKING:
    from .index_store import Index
    from .scenario import Scenario
    from .thesaurus import Thesaurus

FORMAT = 6
# A change to any of these (in development, say) must not serve councils loaded by old code.
_LOADER_MODULES = (
    "cache",
    "codec",
    "fact_loader",
    "fields",
    "files",
    "findings",
    "index_store",
    "loader",
    "lock",
    "model_loader",
    "models",
    "refs",
    "search",
    "tables",
    "topic_loader",
    "words",
    "yamlfile",
)


def cache_dir() -> Path | None:
    if os.environ.get("PROTOCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("PROTOCHECK_CACHE_DIR")
    if explicit:
        from .files import check_name

        return check_name(Path(explicit), "PROTOCHECK_CACHE_DIR")
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "protocheck"


class _Rules(NamedTuple):
    """The council folders in use, what each is made of now, and where their cache lives."""

    dirs: list[Path]
    code: str  # protocheck's version and loader code: a change invalidates everything
    keys: list[str]  # one a folder: its files' paths, sizes and modification times
    folder: Path | None
    name: str  # names this set of folders in cache file names

    @property
    def key(self) -> str:
        return "\n".join([self.code, *self.keys])

    def council_file(self, position: int) -> Path | None:
        if self.folder is None:
            return None
        where = zlib.crc32(os.fsencode(os.path.abspath(self.dirs[position])))
        return self.folder / "councils" / f"{where:08x}.json"


def _rules(roots: list[Path] | None) -> _Rules:
    dirs = council_dirs(rules_roots() if roots is None else roots)
    name = zlib.crc32(os.fsencode("\n".join(os.path.abspath(d) for d in dirs)))
    here = Path(__file__).parent
    code = _stamp([here / f"{module}.py" for module in _LOADER_MODULES])
    code += "\n" + _stamp(model_files(rules_roots() if roots is None else roots))
    keys = [_stamp(rule_files(d)) for d in dirs]
    return _Rules(dirs, f"{__version__}/{FORMAT}\n{code}", keys, cache_dir(), f"{name:08x}")


def load_library(roots: list[Path] | None = None) -> Library:
    """Every council under `roots` (default: shipped rules plus PROTOCHECK_RULES)."""
    return _library(_rules(roots))


def _library(rules: _Rules) -> Library:
    manifest = rules.folder / f"library-{rules.name}.json" if rules.folder else None
    data = _read(manifest, rules.key) if manifest else None
    if data is not None:
        try:
            entries = [Entry(slug, name, tuple(aliases), n) for slug, name, aliases, n, _ in data]
            positions = [int(item[4]) for item in data]
            return Library(entries, lambda i: _council(rules, positions[i]))
        except (IndexError, TypeError, ValueError):
            pass
    councils = [_council(rules, position) for position in range(len(rules.dirs))]
    library = merge(councils)
    if manifest is not None:
        last = {c.slug: position for position, c in enumerate(councils)}
        rows = [[*Entry.of(c), last[c.slug]] for c in library.councils]
        _write(manifest, rules.key, rows)
    return library


def _council(rules: _Rules, position: int) -> Council:
    """One council: from its cache file if its rules files are unchanged, else from YAML."""
    from .codec import decode_council, encode

    cached = rules.council_file(position)
    key = f"{rules.code}\n{rules.keys[position]}"
    data = _read(cached, key) if cached else None
    if data is not None:
        try:
            return decode_council(data)
        except (IndexError, KeyError, TypeError, ValueError):
            pass
    from .loader import load_council

    council = load_council(rules.dirs[position])
    if cached is not None:
        _write(cached, key, encode(council))
    return council


def load_search_index(roots: list[Path] | None = None) -> tuple[Library, Index]:
    """The library and its search index, built once per change to the rules.

    The index is kept in SQLite (FTS5) so that a search reads only the postings of the words
    asked for, not an index of every council's every word."""
    from .index_store import memory_index, open_index, write_index

    rules = _rules(roots)
    library = _library(rules)
    if rules.folder is None:
        return library, memory_index(library)
    stored = rules.folder / f"index-{rules.name}.sqlite"
    index = open_index(stored, rules.key)
    if index is None:
        index = write_index(stored, rules.key, library)
    return library, index


def load_scenario(path: Path) -> Scenario:
    """An answers file, read from YAML only when it is new or has changed since last time."""
    from .scenario import Expectation, Scenario, read_scenario

    folder = cache_dir()
    try:
        stat = path.stat()
    except OSError:
        return read_scenario(path)  # which reports the problem properly
    absolute = os.path.abspath(path)
    key = f"{__version__}/{FORMAT}|{absolute}|{stat.st_size}|{stat.st_mtime_ns}"
    cached = folder / f"scenario-{zlib.crc32(os.fsencode(absolute)):08x}.json" if folder else None
    data = _read(cached, key) if cached else None
    if data is not None:
        expect = data["expect"]
        return Scenario(
            path,
            data["council"],
            data["topic"],
            data["answers"],
            None
            if expect is None
            else Expectation(
                Verdict(expect[0]) if expect[0] else None,
                None if expect[1] is None else tuple(expect[1]),
                expect[2],
                expect[3],
            ),
            data["lines"],
        )
    scenario = read_scenario(path)
    if cached is not None:
        from .codec import encode

        expect = scenario.expect
        _write(
            cached,
            key,
            {
                "council": scenario.council,
                "topic": scenario.topic,
                "answers": scenario.answers,
                "expect": None if expect is None else encode(expect),
                "lines": scenario.lines,
            },
        )
    return scenario


def load_thesaurus() -> Thesaurus:
    """The catalogue's word list, read from YAML only when the file has changed."""
    from .thesaurus import WORDS, Thesaurus, read_words

    key = f"{__version__}/{FORMAT}\n{_stamp([WORDS])}"
    folder = cache_dir()
    cached = folder / "words.json" if folder else None
    data = _read(cached, key) if cached else None
    if not isinstance(data, dict):
        data = read_words(WORDS)
        if cached is not None:
            _write(cached, key, data)
    return Thesaurus.of(data)


def _stamp(paths: list[Path]) -> str:
    """Each file's path, size and modification time: if any changes, reload.

    Kept whole rather than hashed (hashlib alone costs several ms to import)."""
    parts = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{os.path.abspath(path)}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


def _read(path: Path, key: str) -> Any:
    """The cached payload if the file is there and was made from exactly these files."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["data"] if data.get("key") == key else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(path: Path, key: str, payload: Any) -> None:
    """Atomically, and quietly: a read-only home must not stop anyone getting advice."""
    from .files import save_atomically

    text = json.dumps({"key": key, "data": payload}, ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_atomically(path, text, durable=False)
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
        remove_leftovers(folder, re.compile(_OLD_PARTIALS))
