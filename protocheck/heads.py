"""What `list` and the manifest need of a council without loading its rules: its slug, name,
aliases and topic titles, from the tops of its files.

Each file is read at most once a run: a council's council.yaml gives both its entry and its
topics, and a model protocol's topic ids and titles are read once however many councils adopt
it (hundreds of parish councils may). Only what is needed is kept, not the parsed files, so a
run over thousands of councils stays small. Anything unexpected gives None: the caller then
loads the council in full, which reports what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RulesError
from .library import COUNCIL_FILE, MODEL_FILE, TOPICS_DIR, Entry

Topics = tuple[tuple[str, str], ...]  # (id, title) of each topic, in the order ask offers them
Places = list[tuple[Path, str]]  # where each topic's file is: (its protocol's folder, its id)
_UNREADABLE = (RulesError, KeyError, TypeError, AttributeError)
_UNREAD: Any = object()


class Heads:
    """The tops of council, model and topic files, each read once in a run."""

    def __init__(self) -> None:
        self._councils: dict[Path, tuple[Entry | None, Places | None]] = {}
        self._models: dict[tuple[str, Path], tuple[Path, Any] | RulesError] = {}
        self._titles: dict[Path, str | None] = {}  # a model's topics' titles

    def entry(self, folder: Path) -> Entry | None:
        """The entry from the top of council.yaml (its `council` block and `topics`), and the
        count of its model's topics."""
        return self._council(folder)[0]

    def topics(self, folder: Path) -> Topics | None:
        """Each topic's id and title, from the top of its file (the model's first, as `ask`
        offers them)."""
        places = self._council(folder)[1]
        if places is None:
            return None
        topics = []
        for place, topic_id in places:
            title = self._title(place / TOPICS_DIR / f"{topic_id}.yaml", shared=place != folder)
            if title is None:
                return None
            topics.append((topic_id, title))
        return tuple(topics)

    def _council(self, folder: Path) -> tuple[Entry | None, Places | None]:
        found = self._councils.get(folder)
        if found is None:
            from .yamlfile import read_yaml

            try:
                top = read_yaml(folder / COUNCIL_FILE)
            except RulesError:
                found = (None, None)
            else:
                found = (self._entry(folder, top), self._places(folder, top))
            self._councils[folder] = found
        return found

    def _entry(self, folder: Path, top: Any) -> Entry | None:
        try:
            meta = top["council"]
            slug, name = meta["slug"], meta["name"]
            aliases = meta.get("aliases") or []
            own = top.get("topics") or []
            model = self._model_topic_ids(folder, meta.get("model"))
        except _UNREADABLE:
            return None
        if not (isinstance(slug, str) and isinstance(name, str) and isinstance(aliases, list)):
            return None
        if model is None or not isinstance(own, list):
            return None
        return Entry(slug, name, tuple(str(a) for a in aliases), len(model) + len(own))

    def _model_topic_ids(self, folder: Path, model: Any) -> list[str] | None:
        if model is None:
            return []
        topics = self._model(folder, model)[1]
        return [str(t).strip() for t in topics] if isinstance(topics, list) else None

    def _places(self, folder: Path, top: Any) -> Places | None:
        try:
            places = []
            model = top["council"].get("model")
            if model is not None:
                found, ids = self._model(folder, model)
                places += [(found, str(i).strip()) for i in ids]
            places += [(folder, str(i).strip()) for i in top.get("topics") or []]
        except _UNREADABLE:
            return None
        return places

    def _model(self, folder: Path, model: Any) -> tuple[Path, Any]:
        """The model's folder and its `topics` as written (or [] if it has none)."""
        key = (str(model["id"]), folder.parent)
        found = self._models.get(key)
        if found is None:
            from .model_loader import find_model
            from .yamlfile import read_yaml

            try:
                place = find_model(key[0], folder)
                found = (place, read_yaml(place / MODEL_FILE).get("topics") or [])
            except RulesError as exc:
                found = exc
            except (TypeError, AttributeError) as exc:  # a model.yaml that is not a mapping
                found = RulesError(str(exc))
            self._models[key] = found
        if isinstance(found, RulesError):
            raise found
        return found

    def _title(self, path: Path, *, shared: bool) -> str | None:
        """A topic's title; kept for the run if it is a model's, which others may share."""
        title = self._titles.get(path, _UNREAD)
        if title is _UNREAD:
            from .yamlfile import top_text

            title = top_text(path, "title")
            if shared:
                self._titles[path] = title
        return title
