"""All the councils protocheck knows: the rules shipped with it plus any folders a user adds.

Finding a council by slug or alias, with suggestions when a name is wrong, lives here so that
every command resolves names the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import NotFound, RulesError, shown
from .files import is_dir, is_file, list_folder
from .models import Council

RULES_ENV = "PROTOCHECK_RULES"
COUNCIL_FILE = "council.yaml"
PARAGRAPHS_FILE = "paragraphs.yaml"
TOPICS_DIR = "topics"
NO_SHIPPED_ENV = "PROTOCHECK_NO_SHIPPED_RULES"


def packaged_rules_dir() -> Path:
    """The rules inside the installed wheel, or the checkout's `rules/` when run from source."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def rules_roots() -> list[Path]:
    """Folders holding council folders: the shipped ones (unless PROTOCHECK_NO_SHIPPED_RULES),
    then any named in PROTOCHECK_RULES, whose councils replace shipped ones of the same slug."""
    roots = [] if os.environ.get(NO_SHIPPED_ENV) else [packaged_rules_dir()]
    extra = os.environ.get(RULES_ENV, "")
    roots.extend(Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip())
    return roots


def rule_files(folder: Path) -> list[Path]:
    """Every file that makes up a council, in a stable order (the cache fingerprints these)."""
    files = [folder / COUNCIL_FILE, folder / PARAGRAPHS_FILE]
    topics = folder / TOPICS_DIR
    if topics.is_dir():
        files.extend(sorted(topics.glob("*.yaml")))
    return files


def council_dirs(roots: Iterable[Path]) -> list[Path]:
    """Each council folder; a root may itself be one council's folder.

    A folder the system will not let us look into is an error naming it, not a traceback and
    not a silent gap: it may be the council someone expects to see."""
    found: list[Path] = []
    for root in roots:
        if not is_dir(root, RulesError):
            raise RulesError(f"rules folder does not exist (check {RULES_ENV})", path=root)
        if is_file(root / COUNCIL_FILE, RulesError):
            found.append(root)
            continue
        found.extend(d for d in list_folder(root, RulesError) if _holds_council(d))
    return found


def _holds_council(entry: Path) -> bool:
    """Whether a rules folder's entry is a council's folder (a plain file in it is not)."""
    return is_file(entry / COUNCIL_FILE, RulesError)


class Entry(NamedTuple):
    """What is known of a council without decoding it: enough to find it and to offer it."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    questionnaires: int

    @classmethod
    def of(cls, council: Council) -> Entry:
        return cls(council.slug, council.name, council.aliases, len(council.questionnaires))


class Library:
    """The councils, in slug order, findable by slug or alias.

    Each council is decoded only when first asked for, so a command about one council costs
    the same with eleven councils installed as with hundreds."""

    def __init__(self, entries: Sequence[Entry], fetch: Callable[[int], Council]):
        self.entries = tuple(entries)
        self._fetch = fetch
        self._loaded: dict[int, Council] = {}
        self._names = {name: i for i, e in enumerate(self.entries) for name in (e.slug, *e.aliases)}

    @classmethod
    def of(cls, councils: Iterable[Council]) -> Library:
        """A library of councils already in memory."""
        ordered = tuple(councils)
        return cls([Entry.of(c) for c in ordered], ordered.__getitem__)

    @property
    def councils(self) -> tuple[Council, ...]:
        """Every council, decoded: for the commands that really are about all of them."""
        return tuple(self._council(i) for i in range(len(self.entries)))

    def with_questionnaires(self) -> tuple[Council, ...]:
        return tuple(self._council(i) for i, e in enumerate(self.entries) if e.questionnaires)

    def find(self, name: str) -> Council:
        """The council called `name` (slug or alias), or NotFound with near names."""
        key = name.strip().lower()
        index = self._names.get(key)
        if index is not None:
            return self._council(index)
        raise NotFound(f"no council called {shown(name)}.{suggest(key, self._names)}")

    def _council(self, index: int) -> Council:
        council = self._loaded.get(index)
        if council is None:
            council = self._loaded[index] = self._fetch(index)
        return council


def merge(councils: Iterable[Council]) -> Library:
    """Later councils replace earlier ones of the same slug: a local draft beats a shipped one."""
    by_slug: dict[str, Council] = {}
    for council in councils:
        by_slug[council.slug] = council
    return Library.of(sorted(by_slug.values(), key=lambda c: c.slug))


def suggest(name: str, known: Iterable[str], noun: str = "Did you mean") -> str:
    """' Did you mean x?' for near matches, else a list of what exists (short), else ''."""
    import difflib

    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    prefix = [k for k in known if k.startswith(name) and k not in close] if name else []
    close = (close + prefix)[:3]
    if close:
        return f" {noun} {' or '.join(close)}?"
    if known and len(known) <= 12:
        return f" Known: {', '.join(known)}."
    return ""
