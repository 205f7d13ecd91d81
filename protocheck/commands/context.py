"""What every command needs first: the library, and the council the user means."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..config import Choice, Config, council_choice, read_config
from ..councils import load_library
from ..errors import InputError
from ..library import Library
from ..models import Council, Person


class Context(NamedTuple):
    library: Library
    council: Council | None
    people: Mapping[str, Person]
    set_by: str | None = None  # what chose the council: "--council", an env var, a file

    @property
    def scope_note(self) -> str | None:
        """Said when a council chosen elsewhere than the command line narrows the output."""
        if self.council is None or self.set_by in (None, "--council"):
            return None
        return (
            f"{self.council.name} only, the council set by {self.set_by}; "
            "add --all-councils for every council."
        )

    @property
    def scope(self) -> dict[str, str | None]:
        """The same, for JSON: which council, what set it, and the note said about it."""
        slug = self.council.slug if self.council else None
        return {"council": slug, "set_by": self.set_by if slug else None, "note": self.scope_note}


def context(
    option: str | None,
    *,
    default_single: bool = True,
    all_councils: bool = False,
    library: Library | None = None,
) -> Context:
    """Load the library and resolve the council from the option, environment or config.

    With no council named and only one installed, that one is meant. `all_councils` sets
    aside a council chosen by the environment or config file. The config file's people apply
    only to the config file's own council.
    """
    if all_councils and option:
        raise InputError("give --council or --all-councils, not both")
    config = read_config()
    library = library or load_library()
    choice = Choice() if all_councils else council_choice(option, config)
    council = library.find(choice.name) if choice.name else None
    if council is None and default_single and len(library.entries) == 1:
        council = library.find(library.entries[0].slug)
    return Context(library, council, _people(library, council, config), choice.set_by)


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
