"""The small YAML files a run may need besides the councils: the catalogue's facts, themes and
words, a `.protocheck.yaml`, and an answers file. Each is read from YAML once, then from the
cache for as long as the file's stamp (size, times, inode) and protocheck's code are the same,
so that `compare`, `search` and any command run beside a `.protocheck.yaml` need no parser.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from . import store

if TYPE_CHECKING:
    from .compare import Theme
    from .config import Config
    from .models import Fact
    from .scenario import Scenario
    from .thesaurus import Thesaurus

T = TypeVar("T")


def _through_cache(path: Path, kind: str, read: Callable[[], T], encode, decode) -> T:
    """`read()` the file, or decode what an earlier run kept of it; any doubt means reading."""
    absolute = os.path.abspath(path)
    key = f"{store.code_key()}|{kind}|{absolute}|{store.stamp(absolute)}"
    folder = store.cache_dir()
    cached = folder / f"{kind}-{store.name_of(absolute)}.json" if folder else None
    data = store.read(cached, key)
    if data is not None:
        try:
            return decode(data)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            pass
    value = read()
    store.write(cached, key, encode(value))
    return value


def load_thesaurus() -> Thesaurus:
    """The catalogue's word list."""
    from .thesaurus import WORDS, Thesaurus, read_words

    def checked(data: Any) -> dict:
        if not isinstance(data, dict):
            raise TypeError("not a word list")
        return data

    return Thesaurus.of(_through_cache(WORDS, "words", read_words, checked, checked))


def load_themes() -> tuple[Theme, ...]:
    """The catalogue's themes, for compare and for putting one situation to every council."""
    from .codec import encode
    from .compare import CATALOGUE, Theme, load_catalogue

    def decode(rows: Any) -> tuple[Theme, ...]:
        return tuple(
            Theme(str(i), str(t), _texts(a), _texts(p), _texts(s)) for i, t, a, p, s in rows
        )

    return _through_cache(CATALOGUE, "themes", load_catalogue, encode, decode)


_facts: Mapping[str, Fact] | None = None  # the catalogue's, once read


def load_facts() -> Mapping[str, Fact]:
    """The catalogue's facts by id, read once a run, as `fact_loader.catalogue_facts` reads
    them (`ask --all-councils` asks once a council); read-only, as every caller shares it."""
    global _facts
    if _facts is None:
        _facts = MappingProxyType(_catalogue_facts())
    return _facts


def _catalogue_facts() -> dict[str, Fact]:
    from .codec import decode_fact, encode
    from .fact_loader import catalogue_facts
    from .library import CATALOGUE_FACTS

    def decode(rows: Any) -> dict[str, Fact]:
        facts = [decode_fact(row) for row in rows]
        return {f.id: f for f in facts}

    def encoded(facts: dict[str, Fact]) -> list:
        return [encode(f) for f in facts.values()]

    return _through_cache(CATALOGUE_FACTS, "facts", catalogue_facts, encoded, decode)


def load_config(path: Path) -> Config:
    """A `.protocheck.yaml`: which council, and who is behind its roles."""
    from .config import Config
    from .config import load_config as read_config_file
    from .models import Person

    def encoded(config: Config) -> list:
        return [config.council, {role: list(p) for role, p in config.people.items()}]

    def decode(data: Any) -> Config:
        council, people = data
        if council is not None and not isinstance(council, str):
            raise TypeError("not a council")
        return Config(council, {r: Person(*_optional_texts(p, 3)) for r, p in people.items()}, path)

    return _through_cache(path, "config", lambda: read_config_file(path), encoded, decode)


def load_scenario(path: Path) -> Scenario:
    """An answers file."""
    from .codec import encode
    from .models import Verdict
    from .scenario import Expectation, Scenario, read_scenario

    try:
        os.stat(path)
    except (OSError, ValueError):
        return read_scenario(path)  # which reports the problem properly

    def encoded(scenario: Scenario) -> dict:
        expect = scenario.expect
        return {
            "council": scenario.council,
            "topic": scenario.topic,
            "answers": scenario.answers,
            "expect": None if expect is None else encode(expect),
            "lines": dict(scenario.lines),
        }

    def decode(data: Any) -> Scenario:
        expect = data["expect"]
        answers = data["answers"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
            raise TypeError("not answers")
        return Scenario(
            path,
            _optional_text(data["council"]),
            _optional_text(data["topic"]),
            answers,
            None
            if expect is None
            else Expectation(
                Verdict(expect[0]) if expect[0] else None,
                None if expect[1] is None else _texts(expect[1]),
                _optional_text(expect[2]),
                _optional_text(expect[3]),
            ),
            _lines(data["lines"]),
        )

    return _through_cache(path, "scenario", lambda: read_scenario(path), encoded, decode)


def _lines(value: Any) -> Mapping[str, int]:
    """Where each key of an answers file stands: checked, as everything from the cache is."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in value.items()
    ):
        raise TypeError("not lines")
    return MappingProxyType(value)


def _texts(items: Any) -> tuple[str, ...]:
    if not all(isinstance(i, str) for i in items):
        raise TypeError("not text")
    return tuple(items)


def _optional_text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("not text")
    return value


def _optional_texts(values: Any, count: int) -> list[str | None]:
    if len(values) != count:
        raise ValueError("wrong length")
    return [_optional_text(v) for v in values]
