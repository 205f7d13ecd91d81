"""Read a council's (or model's) `unresolved` block: where its protocol sends what it does not
cover, and, where the text names different people for members and officers, whom it names for
each (`by_role`). Every person given must be named by a paragraph the block cites."""

from __future__ import annotations

from .errors import RulesError
from .fact_loader import catalogue_facts
from .fields import Fields
from .models import ROLE_FACT, Contacts, Paragraph, Role, Unresolved
from .topic_loader import check_named
from .yamlfile import YMap


def read_unresolved(
    meta: Fields, paragraphs: dict[str, Paragraph], roles: dict[str, Role]
) -> Unresolved:
    fields = meta.block(
        "unresolved",
        "the unresolved block",
        required=("cites", "contact"),
        optional=("alternatives", "summary", "contact_note", "by_role"),
    )
    unresolved = Unresolved(
        fields.cites("cites", paragraphs),
        fields.role("contact", set(roles)),
        fields.roles("alternatives", set(roles)),
        fields.optional_text("summary"),
        fields.optional_text("contact_note"),
    )
    cited = [paragraphs[ref] for ref in unresolved.cites]
    for key, role in [("contact", unresolved.contact)] + [
        ("alternatives", r) for r in unresolved.alternatives
    ]:
        check_named(fields, key, roles[role], cited)
    if fields.has("by_role"):
        unresolved = unresolved._replace(by_role=_by_role(fields, roles, cited))
    return unresolved


def _by_role(
    fields: Fields, roles: dict[str, Role], cited: list[Paragraph]
) -> tuple[tuple[str, Contacts], ...]:
    """`by_role: {member: {contact: ...}, officer: {...}}`: keyed by the values of the
    catalogue fact `role`, each entry read and checked like a row's contacts."""
    raw = fields.raw("by_role")
    if not isinstance(raw, YMap):
        raise fields.error(
            "'by_role' must map a role (member, officer) to the people the text names for it",
            "by_role",
        )
    block = fields.block("by_role", "by_role", optional=tuple(raw))
    values = catalogue_facts()[ROLE_FACT].values

    def read(key: str) -> tuple[str, Contacts]:
        if key not in values:
            raise RulesError(
                f"{key!r} is not a value of {ROLE_FACT!r} ({', '.join(values)})",
                path=block.path, line=block.line(key), column=block.column(key), rule="PC206",
            )  # fmt: skip
        entry = block.block(key, f"by_role {key!r}", required=("contact",),
                            optional=("alternatives", "also", "contact_note"))  # fmt: skip
        ids = set(roles)
        contacts = Contacts(
            entry.role("contact", ids),
            entry.roles("alternatives", ids),
            entry.roles("also", ids),
            entry.optional_text("contact_note"),
        )
        named = [("contact", contacts.contact)]
        named += [("alternatives", r) for r in contacts.alternatives]
        named += [("also", r) for r in contacts.also]
        for name, role in named:
            check_named(entry, name, roles[role], cited)
        return key, contacts

    return tuple(found for key in raw if (found := block.attempt(read, key)) is not None)


def people(unresolved: Unresolved) -> set[str]:
    """Every role the block gives as a contact, for anyone."""
    found = {unresolved.contact, *unresolved.alternatives}
    for _, entry in unresolved.by_role:
        found |= {entry.contact, *entry.alternatives, *entry.also}
    return found
