"""What every command needs first: the library, and the council the user means."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..cache import load_library
from ..config import Config, council_name, read_config
from ..errors import InputError
from ..library import Library
from ..models import Council, Person


class Context(NamedTuple):
    library: Library
    council: Council | None
    people: Mapping[str, Person]


def context(option: str | None, *, default_single: bool = True) -> Context:
    """Load the library and resolve the council from the option, environment or config.

    With no council named and only one installed, that one is meant. The config file's
    people apply only to the config file's own council.
    """
    config = read_config()
    library = load_library()
    name = council_name(option, config)
    council = library.find(name) if name else None
    if council is None and default_single and len(library.entries) == 1:
        council = library.find(library.entries[0].slug)
    return Context(library, council, _people(library, council, config))


def _people(library: Library, council: Council | None, config: Config) -> Mapping[str, Person]:
    if council is None or config.council is None or not config.people:
        return {}
    if library.find(config.council).slug != council.slug:
        return {}
    for role in config.people:
        if council.role(role) is None:
            known = ", ".join(r.id for r in council.roles)
            raise InputError(
                f"contacts: {role!r} is not a role of {council.name} (roles: {known})",
                path=config.path,
            )
    return config.people


def require_council(ctx: Context) -> Council:
    if ctx.council is not None:
        return ctx.council
    slugs = ", ".join(e.slug for e in ctx.library.entries)
    raise InputError(f"choose a council with --council SLUG (one of: {slugs})")


MAX_QUERY = 500


def bounded(text: str, what: str) -> str:
    """A search or theme of a sane length: a pasted document is a mistake, not a query."""
    if len(text) > MAX_QUERY:
        raise InputError(f"{what} is {len(text):,} characters; keep it under {MAX_QUERY}")
    return text
