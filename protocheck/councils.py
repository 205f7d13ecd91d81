"""Load the councils: find their folders, read each one's rules only when a command needs it.

A command about one council reads that council and nothing else of the others but a line each
in the manifest (slug, name, aliases): from the cache, whatever the number installed, or, on
the first run, from the top of each council.yaml. The cache (see `store`) is a detail: every
entry is checked against the files it was made from before it is believed.

When an edit is noticed:
- every run stats each rules folder and any of its sub-folders that is not a council's, each
  model protocol's files, the facts catalogue and protocheck's own loading code: a council
  folder added, removed or renamed, a council.yaml created in a folder, or any change to a
  model or the catalogue is seen at once;
- a council's own files (council.yaml, paragraphs.yaml, reviewed.yaml, topics/*.yaml) are
  stat-ed when a command uses that council: its text (explain, ask, search, compare), or its
  name and topics (list, which so checks every council, as search does). Size, modification
  and change times and inode are compared, so an edit that keeps the size and the
  modification time (`cp -p`) is seen too. Only the council that changed is read again.
- A folder's listing (a rules folder's, a topics folder's) is kept while the folder's own
  stat is unchanged, and listed afresh when it changes: a file added, removed or renamed in
  it changes that (see `listings`, which keeps a listing only once its folder is settled).
- A rename of a council's slug or aliases in its council.yaml is seen when that council is
  next used, or when a name is not found (every council's council.yaml is then checked).
- A council read again after an edit to its own files parses only the files that changed
  from then on: each file's parsed values are kept, under its stamp (`parsed_files`).
- Where hundreds of councils are installed, a command about every council may take their
  stamps from a child process that made them while the CLI imported (`preload`).
- A council edited since the cache last had it is read again by a child process while the
  CLI imports, where `reread`'s note lists it (every council, where few are installed; else
  those read again after an edit before); `_load` waits for it.

Commands about every council (search, `explain REF`, compare) read the search index, which
holds each council's text too (`stored_text.Stored`): brought up to date council by council,
it lets them read only the councils that can match rather than decode all of them.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import store
from .collector import paused
from .errors import RulesError
from .heads import Heads, Topics
from .library import (
    CATALOGUE_FACTS,
    COUNCIL_FILE,
    LOCK_FILE,
    MODELS_DIR,
    PARAGRAPHS_FILE,
    TOPICS_DIR,
    Entry,
    Library,
    council_dirs,
    model_files,
    rules_roots,
)
from .listings import Listings, read_listings
from .models import Council
from .preload import collected, note_councils
from .reread import WATCH_ALL, folder_stamp, note, read_note, waited_for

if TYPE_CHECKING:
    from .index_store import Index
    from .stored_text import Stored


OWN_FILES = (COUNCIL_FILE, PARAGRAPHS_FILE, LOCK_FILE)  # a council's files besides its topics
UNINDEXED = "not-indexed"  # what a note made before the index says it was made from


def load_library(roots: list[Path] | None = None) -> Library:
    """Every council under `roots` (default: shipped rules plus PROTOCHECK_RULES)."""
    return _Loader(rules_roots() if roots is None else roots).library()


def load_search_index(
    roots: list[Path] | None = None, *, rebuild: bool = False
) -> tuple[Library, Index]:
    """The library and its search index, brought up to date council by council: only a
    council whose files changed is indexed again, and a first build holds one at a time.
    `rebuild` builds it afresh (a search found it damaged)."""
    loader = _Loader(rules_roots() if roots is None else roots)
    library = loader.library()
    return library, loader.index(rebuild)


class _Loader:
    """The council folders under some rules folders, and their cache entries."""

    def __init__(self, roots: list[Path]):
        self.roots = [os.path.abspath(r) for r in roots]
        self.folder = store.cache_dir()
        self.name = store.name_of(*self.roots)
        self.shared = self._shared(roots)
        self.shared_digest = store.digest(self.shared)  # once, not once a council
        self.dirs: list[str] = []
        self.stamps: dict[int, str] = {}  # each council's files as they are now, once a run
        self.gone: set[int] = set()  # council folders whose council.yaml has gone
        self.entries: list[Entry] = []
        self.positions: list[int] = []  # each entry's folder
        self.heads = Heads()  # the tops of council files, each read once a run
        self.listings = Listings()  # each topics folder's files, kept while it is unchanged
        self.listed_roots = Listings(suffix="")  # and each rules folder's
        self.key: str | None = None  # the manifest's key, as checked or made at the start
        self.kept_text: Stored | None = None  # the index's text, once opened
        self.text_opened = False

    def _shared(self, roots: list[Path]) -> str:
        """What every council is made from besides its own files."""
        files = [str(CATALOGUE_FACTS), *map(str, model_files(roots))]
        return f"{store.code_key()}\n{store.stamps(files)}"

    def _listing_key(self) -> str:
        """The rules folders as listed: each one's own stamp and its non-council folders'
        (in which a council.yaml may appear)."""
        parts = [self.shared]
        known = set(self.dirs)
        for root in self.roots:
            parts.append(f"{root}:{store.stamp(root)}")
            if os.path.isfile(os.path.join(root, COUNCIL_FILE)):
                continue
            names = self.listed_roots.names(root)
            prefix = root if root.endswith(os.sep) else f"{root}{os.sep}"  # as os.path.join
            others = [p for n in names if (p := f"{prefix}{n}") not in known]  # 500 in 0.1 ms
            parts += [f"{p}:{store.stamp(p)}" for p in others]
        return "\n".join(parts)

    def _manifest(self) -> Path | None:
        return self.folder / f"library-{self.name}.json" if self.folder else None

    def library(self) -> Library:
        """The councils as listed, from the manifest (an entry and a listing a council,
        thousands of objects that live for the run: the collector is paused while they are
        made) unless the folders changed."""
        with paused():
            found = store.read_keyed(self._manifest())
            taken = found is not None and self._take(found[1])
        if found and taken and found[0] == (key := self._listing_key()):
            self.key = key
        else:
            self._scan()
        self._note_every_council()
        return Library(self.entries, self._fetch, self.outline, self.recheck, self.stored)

    def index(self, rebuild: bool = False) -> Index:
        """The search index, each council whose files changed indexed again (in memory, for
        this run only, where no cache folder is kept)."""
        from .index_store import memory_index, update_index

        if self.folder is None:
            return memory_index(self.each_council())
        path = self.folder / f"index-{self.name}.sqlite"
        if rebuild:
            store.forget(path)
        with paused():  # a stamp a council, each kept for the run
            self._take_preloaded()
            versions = {entry.slug: self.version(i) for i, entry in enumerate(self.entries)}
        self._keep_listings()
        note_councils(str(self.folder), len(self.entries))
        index = update_index(path, store.code_key(), versions, self.council_by_slug)
        self._note_every_council(versions)
        return index

    def stored(self) -> Stored | None:
        """The index's stored text where an index is kept and can be built; None else (an
        index built for one run costs more than reading the councils). Opened once a run;
        None for the rest of the run once it was found damaged (and removed: the councils
        are read instead, and the next command builds it again)."""
        if not self.text_opened:
            self.kept_text, self.text_opened = self._open_stored(), True
        if self.kept_text is not None and self.kept_text.forgotten:
            return None
        return self.kept_text

    def _open_stored(self) -> Stored | None:
        from .index_store import NoFullTextSearch

        if self.folder is None:
            return None
        try:
            return self.index().stored
        except NoFullTextSearch:
            return None

    def _take(self, data: Any) -> bool:
        """The manifest's entries, if they are what a manifest holds."""
        try:
            self.dirs = [str(d) for d in data["dirs"]]
            self.entries, self.positions = _entries(data["entries"])
            self.listings = read_listings(data.get("listings"), self._topic_folders())
            self.listed_roots = read_listings(data.get("roots"), self.roots, "")
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return False
        return all(0 <= p < len(self.dirs) for p in self.positions)

    def _scan(self) -> None:
        """List the council folders and read each one's entry: from its cache entry if it has
        one, else from the top of its council.yaml (the rest is read when needed)."""
        before = [store.stamp(root) for root in self.roots]
        self.dirs = [os.path.abspath(d) for d in council_dirs(Path(r) for r in self.roots)]
        heads = [self._head(position) for position in range(len(self.dirs))]
        by_slug: dict[str, int] = {}
        for position, entry in enumerate(heads):
            by_slug[entry.slug] = position  # a later folder's council replaces an earlier one
        order = sorted(by_slug)
        self.entries = [heads[by_slug[slug]] for slug in order]
        self.positions = [by_slug[slug] for slug in order]
        key = self._listing_key()
        # a rules folder changed while it was listed: what was listed is not kept
        self.key = key if [store.stamp(root) for root in self.roots] == before else None
        self._save_manifest()

    def _save_manifest(self) -> None:
        """The manifest, under the key checked or made when the folders were listed at the
        start of the run (never one made later: a council added since would be missed)."""
        if self.key is None:
            return
        rows = [
            [*e[:3], e.questionnaires, p] for e, p in zip(self.entries, self.positions, strict=True)
        ]
        listings = self.listings.data(self._topic_folders())
        roots = self.listed_roots.data(self.roots)
        data = {"dirs": self.dirs, "entries": rows, "listings": listings, "roots": roots}
        store.write(self._manifest(), self.key, data)
        self.listings.changed = self.listed_roots.changed = False

    def _topic_folders(self) -> list[str]:
        return [f"{folder}{os.sep}{TOPICS_DIR}" for folder in self.dirs]

    def _keep_listings(self) -> None:
        """Save the folders' listings if one was newly kept (after a command has stat-ed
        every council)."""
        if self.listings.changed or self.listed_roots.changed:
            self._save_manifest()

    def _stamp_now(self, folder: str, own: tuple[str, ...] = OWN_FILES) -> tuple[str, bool]:
        names = self.listings.names(f"{folder}{os.sep}{TOPICS_DIR}")
        return _council_stamp(folder, own, names)

    def _take_preloaded(self) -> None:
        """The stamps a child process made while the CLI imported (`preload`), if it read
        this manifest, for every council not stat-ed in this run already."""
        found = collected(self.key)
        if not found:
            return
        for position, folder in enumerate(self.dirs):
            kept = found.get(folder)
            if position not in self.stamps and _is_stamp(kept):
                self.stamps[position] = kept[0]
                if not kept[1]:
                    self.gone.add(position)

    def stamp(self, position: int) -> str:
        """The council's own files as they are now: stat-ed once a run, when first used, and
        kept as 24 hex digits (thousands may be kept)."""
        found = self.stamps.get(position)
        if found is None:
            found, there = self._stamp_now(self.dirs[position])
            if not there:
                self.gone.add(position)
            self.stamps[position] = found
        return found

    def version(self, index: int) -> str:
        """What the search index records of a council: a digest of what it is made from."""
        return f"{self.shared_digest}{self.stamp(self.positions[index])}"

    def _key(self, position: int) -> str:
        return f"{self.shared}\n{self.stamp(position)}"

    def _entry_file(self, position: int) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / "councils" / f"{store.name_of(self.dirs[position])}.json"

    def _cached(self, position: int) -> dict | None:
        data = store.read(self._entry_file(position), self._key(position))
        return data if isinstance(data, dict) else None

    def _head(self, position: int) -> Entry:
        cached = self._cached(position)
        if cached is not None:
            try:
                return _entry(cached["entry"])
            except (KeyError, IndexError, TypeError, ValueError):
                pass
        head = self.heads.entry(Path(self.dirs[position]))
        return head if head is not None else self._load(position)[0]

    def _load(self, position: int) -> tuple[Entry, Topics, Council]:
        """The council from its cache entry if its files are unchanged, else from YAML."""
        from .codec import decode_council

        cached = self._cached(position)
        if cached is None and waited_for(self.dirs[position]):  # a child read it meanwhile
            cached = self._cached(position)
        if cached is not None:
            try:
                council = decode_council(cached["council"])
                return _entry(cached["entry"]), _topics(cached["topics"]), council
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                pass
        folder = self.dirs[position]
        self.stamp(position)
        if position in self.gone:
            store.forget(self._manifest())
            raise RulesError(f"{COUNCIL_FILE} has gone from this folder; run again", path=folder)
        council = self._read(position)
        entry = Entry.of(council)
        topics = tuple((t.id, t.title) for t in council.questionnaires)
        data = {"entry": entry, "topics": topics, "council": council}  # JSON as `encode` writes
        store.write(self._entry_file(position), self._key(position), data)
        return entry, topics, council

    def _read(self, position: int) -> Council:
        """The council from YAML. Where it is being edited, each file's parsed values are
        kept, and only the files that changed are parsed again (`parsed_files`); a council
        read for the first time keeps nothing (a first build would pay a quarter more for
        edits that may never come)."""
        with paused():  # the collector: it would walk the council again and again
            from .loader import load_council
            from .parsed_files import KeptParses, keeping

            path, key = self._parsed_file(position), store.code_key(store.PARSING)
            held = store.read(path, key)
            if held is None and not self._edited(position):
                return load_council(Path(self.dirs[position]))
            self._note_editing(position)
            kept = KeptParses(held)
            try:
                with keeping(kept):
                    council = load_council(Path(self.dirs[position]))
            except RulesError:  # a mistake being fixed: the files it stopped before stay kept
                if kept.kept_new:
                    store.write(path, key, {**kept.held, **kept.seen})
                raise
        if kept.changed():
            store.write(path, key, kept.seen)
        return council

    def _note_editing(self, position: int) -> None:
        """Note that this council is being edited, with its files as they are before this
        read: after the next save, the launcher has it read again while the CLI imports."""
        if self.folder is not None:
            folder = self.dirs[position]
            note(str(self.folder), {folder: folder_stamp(folder)})

    def _note_every_council(self, versions: dict[str, str] | None = None) -> None:
        """Where few councils are installed, note every one, so that the launcher has any
        edited since read again while the CLI imports (`reread`): as the cache now has them,
        where the index was brought up to date from these `versions` (which the note says,
        so that this is done once a change); else as they are now, where none is noted yet
        (a first run, so that even the first edit after it is read ahead)."""
        if self.folder is None or len(self.entries) > WATCH_ALL:
            return
        noted_from, noted = read_note(str(self.folder))
        if versions is None:
            made_from = UNINDEXED
            if noted:
                return
        else:
            from .index_store import versions_digest

            made_from = versions_digest(versions)
            if noted_from == made_from:
                return
        folders = [self.dirs[position] for position in self.positions]
        note(str(self.folder), {f: folder_stamp(f) for f in folders}, made_from)

    def _edited(self, position: int) -> bool:
        """Whether the council's cache entry was made from other versions of its own files,
        and everything else as it is now: someone is editing it."""
        made_from = store.key_of(self._entry_file(position))
        return made_from is not None and made_from.rpartition("\n")[0] == self.shared

    def _parsed_file(self, position: int) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / "parsed" / f"{store.name_of(self.dirs[position])}.json"

    def _fetch(self, index: int) -> Council:
        entry, _, council = self._load(self.positions[index])
        self._note(index, entry)
        return council

    def council_by_slug(self, slug: str) -> Council:
        """A council, not kept once used: for building an index in little memory."""
        index = next(i for i, e in enumerate(self.entries) if e.slug == slug)
        return self._load(self.positions[index])[2]

    def each_council(self) -> Iterator[Council]:
        for position in self.positions:
            yield self._load(position)[2]

    def outline(self) -> list[tuple[Entry, Topics]]:
        """Every council's topics (id and title) for `list`, each checked against the files
        they come from (council.yaml and the topics; not the paragraphs, which `list` does
        not show): from the outline kept in the cache, else its cache entry, else the tops of
        its files."""
        path = self.folder / f"outline-{self.name}.json" if self.folder else None
        kept = _outline(store.read(path, self.shared))
        result, changed = [], False
        for index, position in enumerate(self.positions):
            folder = self.dirs[position]
            stamp, _ = self._stamp_now(folder, (COUNCIL_FILE,))
            known = kept.get(folder)
            if known is None or known[0] != stamp:
                known = kept[folder] = (stamp, self._fresh_topics(index))
                changed = True
            result.append(known[1])
        if changed:
            store.write(path, self.shared, _outline_data(kept, set(self.dirs)))
        self._keep_listings()
        return list(zip(self.entries, result, strict=True))  # as read again: a new name shows

    def _fresh_topics(self, index: int) -> Topics:
        position = self.positions[index]
        cached = self._cached(position)
        try:
            if cached is not None:
                self._note(index, _entry(cached["entry"]))
                return _topics(cached["topics"])
        except (KeyError, IndexError, TypeError, ValueError):
            pass
        folder = Path(self.dirs[position])
        topics, head = self.heads.topics(folder), self.heads.entry(folder)
        if topics is None or head is None:
            entry, topics, _ = self._load(position)
            head = entry
        self._note(index, head)
        return topics

    def _note(self, index: int, entry: Entry) -> None:
        """A council read again may have a new name, aliases or topics: keep the manifest so."""
        if self.entries[index] != entry:
            self.entries[index] = entry
            self._save_manifest()

    def recheck(self) -> list[Entry] | None:
        """Every council's entry from its files as they are now, when a name is not found;
        None if none changed."""
        before = list(self.entries)
        for index, position in enumerate(self.positions):
            if self._cached(position) is None:
                head = self.heads.entry(Path(self.dirs[position]))
                self._note(index, head or self._load(position)[0])
        return self.entries if self.entries != before else None


def _outline_data(kept: dict[str, tuple[str, Topics]], dirs: set[str]) -> dict[str, Any]:
    """The outline as kept: each distinct list of topics once (councils adopting one model
    share theirs), and each council folder's stamp and the number of its list."""
    lists: dict[Topics, int] = {}
    councils = {}
    for folder, (stamp, topics) in kept.items():
        if folder in dirs:
            councils[folder] = [stamp, lists.setdefault(topics, len(lists))]
    return {"topics": [list(map(list, topics)) for topics in lists], "councils": councils}


def _outline(data: Any) -> dict[str, tuple[str, Topics]]:
    """The kept outline read back, each list of topics checked once; {} if in any doubt."""
    try:
        lists = [_topics(rows) for rows in data["topics"]]
        return {str(d): (str(s), lists[_number(n)]) for d, (s, n) in data["councils"].items()}
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return {}


def _number(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError("not a list's number")
    return value


def _entries(rows: Any) -> tuple[list[Entry], list[int]]:
    """The manifest's entries and each one's folder."""
    entries, positions = [], []
    for *row, position in rows:
        entries.append(_entry(row))
        positions.append(_number(position))
    return entries, positions


def _entry(row: Any) -> Entry:
    slug, name, aliases, count = row
    aliases = tuple(aliases)
    if not (type(slug) is type(name) is str and type(count) is int):
        raise TypeError("not an entry")
    if not all(type(a) is str for a in aliases):
        raise TypeError("not an entry")
    return Entry(slug, name, aliases, count)


def _topics(rows: Any) -> Topics:
    if not all(isinstance(i, str) and isinstance(t, str) for i, t in rows):
        raise TypeError("not topics")
    return tuple((i, t) for i, t in rows)


def preloaded_stamps() -> dict[str, Any] | None:
    """For `preload`'s child: the manifest's key and each council folder's stamp, from the
    files as they are now; None unless the manifest is current. Nothing is written."""
    loader = _Loader(rules_roots())
    found = store.read_keyed(loader._manifest())
    if not found or not loader._take(found[1]) or found[0] != loader._listing_key():
        return None
    folders = [loader.dirs[position] for position in loader.positions]
    return {"key": found[0], "stamps": {f: loader._stamp_now(f) for f in folders}}


def read_again(folders: list[str]) -> None:
    """For `reread`'s child: the councils in `folders`, each read again from its files and
    its cache entry written, if the entry is not up to date (a mistake in the files is left
    for the run to find and say)."""
    loader = _Loader(rules_roots())
    loader.library()
    read = {}
    for position in loader.positions:
        if (folder := loader.dirs[position]) in folders:
            read[folder] = folder_stamp(folder)
            with suppress(RulesError):
                loader._load(position)
    if loader.folder is not None:  # noted as read (the entry may have been current), or gone
        note(str(loader.folder), read, gone=frozenset(folders) - read.keys())


def _is_stamp(kept: Any) -> bool:
    return (
        isinstance(kept, list)
        and len(kept) == 2
        and isinstance(kept[0], str)
        and isinstance(kept[1], bool)
    )


def _council_stamp(folder: str, own: tuple[str, ...], names: tuple[str, ...]) -> tuple[str, bool]:
    """What every file a council is made of is now (its topics, named by `names`, and the
    `own` files named), in 24 hex digits, and whether its first `own` file is there. Each
    file's size, modification and change times and inode go into a hash of a tuple of
    integers (Python hashes integers the same in every run, unlike text) and the topic
    files' names into a CRC-32: `list` and search do this for thousands of files on every
    run, and keep it for each council."""
    sep = os.sep
    topics = f"{folder}{sep}{TOPICS_DIR}"
    paths = [f"{folder}{sep}{n}" for n in own] + [f"{topics}{sep}{n}" for n in names]
    numbers: list[int] = []
    for path in paths:
        try:
            s = os.stat(path)
        except OSError:
            numbers.append(-3)  # not there (-1 and -2 hash alike)
            continue
        numbers += (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)
    there = bool(own) and numbers[0] != -3
    named = zlib.crc32("\n".join(names).encode("utf-8", "surrogateescape"))
    return f"{named:08x}{hash(tuple(numbers)) & 0xFFFFFFFFFFFFFFFF:016x}", there


__all__ = ["MODELS_DIR", "load_library", "load_search_index"]
