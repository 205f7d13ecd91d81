"""All the councils protocheck knows: the rules shipped with it plus any folders a user adds.

Finding a council by slug or alias, with suggestions when a name is wrong, lives here so that
every command resolves names the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from .errors import NotFound, RulesError, shown
from .files import is_dir, is_file, list_folder
from .models import Council

T = TypeVar("T")

if TYPE_CHECKING:
    from .stored_text import Stored

RULES_ENV = "PROTOCHECK_RULES"
COUNCIL_FILE = "council.yaml"
PARAGRAPHS_FILE = "paragraphs.yaml"
TOPICS_DIR = "topics"
LOCK_FILE = "reviewed.yaml"
MODEL_FILE = "model.yaml"
MODELS_DIR = "models"
CATALOGUE_FACTS = Path(__file__).parent / "catalogue" / "facts.yaml"
NO_SHIPPED_ENV = "PROTOCHECK_NO_SHIPPED_RULES"
DATA_ENV = "PROTOCHECK_DATA_DIR"


def packaged_rules_dir() -> Path:
    """The rules inside the installed wheel, or the checkout's `rules/` when run from source."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def user_data_dir() -> Path:
    """protocheck's per-user data folder: $PROTOCHECK_DATA_DIR, else the XDG data folder."""
    explicit = os.environ.get(DATA_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "protocheck"


def user_rules_dir() -> Path:
    """Where a user's own councils live when PROTOCHECK_RULES names no folder (`import` writes
    there); read by every command whenever it exists."""
    return user_data_dir() / "rules"


def env_rules_dirs() -> list[Path]:
    """The folders PROTOCHECK_RULES names, in the order given."""
    extra = os.environ.get(RULES_ENV, "")
    return [Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip()]


def rules_roots() -> list[Path]:
    """Folders holding council folders, lowest precedence first (a later council replaces an
    earlier one of the same slug): the shipped rules (unless PROTOCHECK_NO_SHIPPED_RULES), the
    user's data folder if it exists, then PROTOCHECK_RULES, whose first folder wins, as in PATH."""
    roots = [] if os.environ.get(NO_SHIPPED_ENV) else [packaged_rules_dir()]
    user = user_rules_dir()
    if user.is_dir():
        roots.append(user)
    roots.extend(reversed(env_rules_dirs()))
    return roots


def model_files(roots: Iterable[Path]) -> list[Path]:
    """Every file of every model protocol under `roots`: an input of every council adopting
    one, so part of every cache key (models are few and change rarely)."""
    files: list[Path] = []
    for root in roots:
        models = root / MODELS_DIR
        if models.is_dir():
            for folder in sorted(models.iterdir()):
                files += [folder / MODEL_FILE, folder / PARAGRAPHS_FILE, folder / LOCK_FILE]
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
        found.extend(
            d
            for d in list_folder(root, RulesError)
            if not d.name.startswith(".") and _holds_council(d)
        )  # a dot-folder is never a council: `import` stages its files in one
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

    def __init__(
        self,
        entries: Sequence[Entry],
        fetch: Callable[[int], Council],
        outline: Callable[[], list[tuple[Entry, tuple[tuple[str, str], ...]]]] | None = None,
        recheck: Callable[[], Sequence[Entry] | None] | None = None,
        stored: Callable[[], Stored | None] | None = None,
    ):
        self._fetch = fetch
        self._outline = outline
        self._recheck = recheck
        self._stored = stored
        self._loaded: dict[int, Council] = {}
        self._index(entries)

    def _index(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
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

    def each(self) -> Iterator[Council]:
        """Every council in turn, none kept once the caller has moved on: for commands about
        all of them that need not hold them all at once."""
        for i in range(len(self.entries)):
            yield self._loaded.get(i) or self._fetch(i)

    def outline(self) -> list[tuple[Entry, tuple[tuple[str, str], ...]]]:
        """Each council's entry and topics (id, title), without reading its rules if they
        are known: what `list` shows."""
        if self._outline is None:
            return [(e, tuple((t.id, t.title) for t in c.questionnaires))
                    for e, c in zip(self.entries, self.each(), strict=True)]  # fmt: skip
        found = self._outline()  # a council read again may have a new name: shown as now
        self._index([entry for entry, _ in found])
        return found

    def __contains__(self, slug: object) -> bool:
        return slug in self._names and self.entries[self._names[slug]].slug == slug

    def stored(self) -> Stored | None:
        """Every council's text as the search index holds it, brought up to date: for commands
        about every council, which need not decode each one. None where no index is kept."""
        return self._stored() if self._stored is not None else None

    def from_index(self, read: Callable[[Stored], T]) -> T | None:
        """What `read` finds in the index's stored text; None where no index is kept, or
        where it was found damaged: it is then removed, the caller reads the councils
        themselves, and the next command builds it again."""
        stored = self.stored()
        if stored is None:
            return None
        from .stored_text import DamagedIndex

        try:
            return read(stored)
        except DamagedIndex:
            stored.forget()
            return None

    def with_questionnaires(self) -> tuple[Council, ...]:
        return tuple(self._council(i) for i, e in enumerate(self.entries) if e.questionnaires)

    def each_with_questionnaires(self) -> Iterator[Council]:
        """`with_questionnaires`, none kept once the caller has moved on."""
        for i, entry in enumerate(self.entries):
            if entry.questionnaires:
                yield self._loaded.get(i) or self._fetch(i)

    def find(self, name: str) -> Council:
        """The council called `name`: by slug or alias, else by its name, else by words of
        its name (`hamlets`); NotFound with near names, or listing the councils it could be."""
        key = name.strip().lower()
        index = self._names.get(key)
        if index is None:
            index = self._by_name(name)
        if index is None and self._recheck is not None:  # renamed since the manifest was made?
            entries, self._recheck = self._recheck(), None
            if entries is not None:
                self._index(entries)
                return self.find(name)
        if index is not None:
            return self._council(index)
        if key == "all":
            raise NotFound("'all' is not a council: use --all-councils for every council")
        raise NotFound(f"no council called {shown(name)}.{suggest(key, self._names)}")

    def _by_name(self, name: str) -> int | None:
        """The one council whose name is `name`, or whose name, slug or alias has every word
        of it (a word may be the start of one: `leicester`)."""
        wanted = _name_words(name)
        if not wanted:
            return None
        for i, entry in enumerate(self.entries):
            if _name_words(entry.name) == wanted:
                return i
        fits = [i for i, e in enumerate(self.entries) if _has_words(e, wanted)]
        if len(fits) > 1:
            could = "; ".join(f"{self.entries[i].slug} ({self.entries[i].name})" for i in fits[:4])
            more = f" and {len(fits) - 4} more" if len(fits) > 4 else ""
            pick = "Give the short name before the brackets."
            raise NotFound(f"{shown(name)} could be any of: {could}{more}. {pick}")
        return fits[0] if fits else None

    def _council(self, index: int) -> Council:
        council = self._loaded.get(index)
        if council is None:
            council = self._loaded[index] = self._fetch(index)
        return council


_NAME_FILLER = frozenset({"and", "of", "the"})


def _name_words(text: str) -> list[str]:
    import re

    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _NAME_FILLER]


def _has_words(entry: Entry, wanted: list[str]) -> bool:
    words = set(_name_words(" ".join((entry.name, entry.slug, *entry.aliases))))
    return all(
        any(w == have or (len(w) > 3 and have.startswith(w)) for have in words) for w in wanted
    )


def merge(councils: Iterable[Council]) -> Library:
    """Later councils replace earlier ones of the same slug: a local draft beats a shipped one."""
    by_slug: dict[str, Council] = {}
    for council in councils:
        by_slug[council.slug] = council
    return Library.of(sorted(by_slug.values(), key=lambda c: c.slug))


def suggest(
    name: str, known: Iterable[str], noun: str = "Did you mean", cutoff: float = 0.6
) -> str:
    """' Did you mean x?' for near matches, else a list of what exists (short), else ''."""
    import difflib

    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=3, cutoff=cutoff)
    prefix = [k for k in known if k.startswith(name) and k not in close] if name else []
    close = (close + prefix)[:3]
    if close:
        return f" {noun} {' or '.join(close)}?"
    if known and len(known) <= 12:
        return f" Known: {', '.join(known)}."
    return ""
