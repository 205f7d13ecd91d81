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
    from .search import Index

FORMAT = 2
# A change to any of these (in development, say) must not serve councils loaded by old code.
_LOADER_MODULES = ("cache", "fields", "loader", "models", "search", "topic_loader", "yamlfile")


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
    if isinstance(value, Verdict):
        return value.value
    if hasattr(value, "_fields"):
        return {name: _encode(getattr(value, name)) for name in value._fields}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _council(d: dict[str, Any]) -> Council:
    unresolved = d["unresolved"]
    return Council(
        slug=d["slug"],
        name=d["name"],
        source=Source(**d["source"]),
        paragraphs=tuple(Paragraph(**p) for p in d["paragraphs"]),
        roles=tuple(Role(**r) for r in d["roles"]),
        questionnaires=tuple(_questionnaire(q) for q in d["questionnaires"]),
        aliases=tuple(d["aliases"]),
        version=d["version"],
        adopted=d["adopted"],
        numbered_by_council=d["numbered_by_council"],
        unresolved=None
        if unresolved is None
        else Unresolved(
            tuple(unresolved["cites"]), unresolved["contact"], tuple(unresolved["others"])
        ),
    )


def _questionnaire(d: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=d["id"],
        title=d["title"],
        start=d["start"],
        description=d["description"],
        keywords=tuple(d["keywords"]),
        questions=tuple(
            Question(
                id=q["id"],
                text=q["text"],
                help=q["help"],
                cites=tuple(q["cites"]),
                choices=tuple(Choice(**c) for c in q["choices"]),
            )
            for q in d["questions"]
        ),
        outcomes=tuple(
            Outcome(
                id=o["id"],
                verdict=Verdict(o["verdict"]),
                summary=o["summary"],
                cites=tuple(o["cites"]),
                contact=o["contact"],
                conditions=tuple(o["conditions"]),
                others=tuple(o["others"]),
            )
            for o in d["outcomes"]
        ),
    )
