"""Which council a user means, and who the people behind its roles are.

Order of precedence, as users expect from tools like git: `--council` on the command line, then
the PROTOCHECK_COUNCIL environment variable, then a `.protocheck.yaml` in the current folder or
a parent. The config file is also where a council maps roles to real people.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .models import Person

CONFIG_FILE = ".protocheck.yaml"
COUNCIL_ENV = "PROTOCHECK_COUNCIL"


class Config(NamedTuple):
    council: str | None = None
    people: Mapping[str, Person] = MappingProxyType({})
    path: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file. A folder we may not look in (run as another user, from a
    folder that user cannot enter) is passed over, as if it held none: the file is optional."""
    try:
        folder = (start or Path.cwd()).resolve()
    except OSError:  # the current folder has been deleted
        return None
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_FILE
        try:
            if path.is_file():
                return path
        except OSError:
            continue
    return None


def load_config(path: Path) -> Config:
    from .fields import Fields
    from .yamlfile import read_yaml

    top = Fields(path, read_yaml(path), CONFIG_FILE, optional=("council", "contacts"))
    people: dict[str, Person] = {}
    contacts = top.raw("contacts")
    if contacts is not None:
        block = top.block("contacts", "contacts", optional=tuple(contacts))
        for role in contacts:
            person = Fields(
                path,
                contacts[role],
                f"the contact for {role!r}",
                optional=("name", "email", "phone"),
                line=block.line(role),
            )
            people[role] = Person(
                person.optional_text("name"),
                person.optional_text("email"),
                person.optional_text("phone"),
            )
    return Config(top.optional_text("council"), people, path)


def read_config() -> Config:
    """The nearest `.protocheck.yaml`, or an empty config."""
    from .documents import load_config as cached

    path = find_config()
    return cached(path) if path is not None else Config()


class Choice(NamedTuple):
    """The council a user asked for, and what said so: `--council`, the environment variable,
    or the config file (by its path)."""

    name: str | None = None
    set_by: str | None = None


def council_choice(option: str | None, config: Config) -> Choice:
    """The option, else the environment, else the config file."""
    if option:
        return Choice(option, "--council")
    if os.environ.get(COUNCIL_ENV):
        return Choice(os.environ[COUNCIL_ENV], COUNCIL_ENV)
    if config.council:
        return Choice(config.council, str(config.path))
    return Choice()
