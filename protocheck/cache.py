"""Parse the YAML once: keep the checked councils as JSON until a rules file changes.

Importing and running a YAML parser costs more than the whole of `protocheck explain`, so the
loaded library is stored in the user's cache folder, keyed by every rules file's path, size and
modification time plus protocheck's version. JSON (not pickle) so that a cache file is data too.
Any problem with the cache just means loading from YAML again.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .library import Library, council_dirs, merge, rule_files, rules_roots
from .models import (
    Choice,
    Council,
    Outcome,
    Paragraph,
    Question,
    Questionnaire,
    Role,
    Source,
    Unresolved,
    Verdict,
)

if TYPE_CHECKING:
    from .scenario import Scenario
    from .search import Index

FORMAT = 3
# A change to any of these (in development, say) must not serve councils loaded by old code.
_LOADER_MODULES = (
    "cache",
    "fields",
    "files",
    "loader",
    "models",
    "search",
    "topic_loader",
    "yamlfile",
)


def cache_dir() -> Path | None:
    if os.environ.get("PROTOCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("PROTOCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "protocheck"


def _where(roots: list[Path] | None) -> tuple[list[Path], str, Path | None, str]:
    """The council folders, their fingerprint, the cache folder and a name for this rule set."""
    dirs = council_dirs(rules_roots() if roots is None else roots)
    name = zlib.crc32("\n".join(os.path.abspath(d) for d in dirs).encode())
    return dirs, _fingerprint(dirs), cache_dir(), f"{name:08x}"


def load_library(roots: list[Path] | None = None) -> Library:
    """Every council under `roots` (default: shipped rules plus PROTOCHECK_RULES)."""
    dirs, key, folder, name = _where(roots)
    cached = folder / f"library-{name}.json" if folder else None
    data = _read(cached, key) if cached else None
    if data is not None:
        try:
            return Library(tuple(_council(c) for c in data))
        except (KeyError, TypeError, ValueError):
            pass
    from .loader import load_council

    library = merge(load_council(d) for d in dirs)
    if cached is not None:
        _write(cached, key, [_encode(c) for c in library.councils])
    return library


def load_search_index(roots: list[Path] | None = None) -> tuple[Library, Index]:
    """The library and its search index, built once per change to the rules."""
    from .search import Index, build_index

    library = load_library(roots)
    _, key, folder, name = _where(roots)
    cached = folder / f"index-{name}.json" if folder else None
    data = _read(cached, key) if cached else None
    if data is not None:
        try:
            return library, Index.from_json(data)
        except (KeyError, TypeError, ValueError):
            pass
    index = build_index(library)
    if cached is not None:
        _write(cached, key, index.to_json())
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
    cached = folder / f"scenario-{zlib.crc32(absolute.encode()):08x}.json" if folder else None
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
            ),
        )
    scenario = read_scenario(path)
    if cached is not None:
        expect = scenario.expect
        _write(
            cached,
            key,
            {
                "council": scenario.council,
                "topic": scenario.topic,
                "answers": scenario.answers,
                "expect": None if expect is None else _encode(expect),
            },
        )
    return scenario


def _fingerprint(dirs: list[Path]) -> str:
    """Every input file's path, size and modification time: if any changes, reload.

    Kept whole rather than hashed (hashlib alone costs several ms to import)."""
    parts = [f"{__version__}/{FORMAT}"]
    here = Path(__file__).parent
    loader_code = [here / f"{name}.py" for name in _LOADER_MODULES]
    for path in [*loader_code, *(f for folder in dirs for f in rule_files(folder))]:
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
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", delete=False
        ) as handle:
            json.dump(
                {"key": key, "data": payload}, handle, ensure_ascii=False, separators=(",", ":")
            )
        os.replace(handle.name, path)
    except OSError:
        return


def _encode(value: Any) -> Any:
    """Models as nested JSON arrays, field by field: compact, and quick to turn back."""
    if isinstance(value, Verdict):
        return value.value
    if isinstance(value, tuple):  # NamedTuples included: their fields, in order
        return [_encode(v) for v in value]
    return value


def _many(decode: Callable[[Any], Any]) -> Callable[[list], tuple]:
    return lambda items: tuple(decode(item) for item in items)


def _optional(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else decode(value)


def _record(cls: Any, *fields: Callable[[Any], Any] | None) -> Callable[[list], Any]:
    """A decoder for one model: each field as stored, or through its own decoder."""
    assert len(fields) == len(cls._fields), cls
    return lambda items: cls._make(
        [
            value if field is None else field(value)
            for field, value in zip(fields, items, strict=True)
        ]
    )


_texts = _many(str)
_choice = _record(Choice, None, None, None)
_question = _record(Question, None, None, _many(_choice), _texts, None)
_outcome = _record(Outcome, None, Verdict, None, _texts, None, _texts, _texts)
_questionnaire = _record(
    Questionnaire, None, None, None, _many(_question), _many(_outcome), None, _texts
)
_council = _record(
    Council,
    None,
    None,
    _record(Source, None, None, None, None),
    _many(_record(Paragraph, None, None, None, None, None, None)),
    _many(_record(Role, None, None)),
    _many(_questionnaire),
    _texts,
    None,
    None,
    None,
    _optional(_record(Unresolved, _texts, None, _texts)),
)
