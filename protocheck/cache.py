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
from typing import Any

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

FORMAT = 1
# A change to any of these (in development, say) must not serve councils loaded by old code.
_LOADER_MODULES = ("cache", "fields", "loader", "models", "topic_loader", "yamlfile")


def cache_dir() -> Path | None:
    if os.environ.get("PROTOCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("PROTOCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "protocheck"


def load_library(roots: list[Path] | None = None) -> Library:
    """Every council under `roots` (default: shipped rules plus PROTOCHECK_RULES)."""
    dirs = council_dirs(rules_roots() if roots is None else roots)
    key = _fingerprint(dirs)
    folder = cache_dir()
    name = zlib.crc32("\n".join(os.path.abspath(d) for d in dirs).encode())
    cached = folder / f"library-{name:08x}.json" if folder else None
    if cached is not None:
        library = _read(cached, key)
        if library is not None:
            return library
    from .loader import load_council

    library = merge(load_council(d) for d in dirs)
    if cached is not None:
        _write(cached, key, library)
    return library


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


def _read(path: Path, key: str) -> Library | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return Library(tuple(_council(c) for c in data["councils"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, key: str, library: Library) -> None:
    """Atomically, and quietly: a read-only home must not stop anyone getting advice."""
    data = {"key": key, "councils": [_encode(c) for c in library.councils]}
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", delete=False
        ) as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
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
