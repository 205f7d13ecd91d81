"""Warnings for a council's reviewers: what no advice uses, and advice that cannot know whom
to name. Never errors: the council still loads, and `lint` lists them."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .findings import Finding, finding
from .library import TOPICS_DIR
from .models import ROLE_FACT, Outcome, Paragraph, Questionnaire, Role, Unresolved
from .topic_loader import Route
from .unresolved_loader import people


class Where(NamedTuple):
    """Where the parts that hygiene checks name were written: paragraphs and roles."""

    paragraphs: dict[str, tuple[Path, int]]
    roles: dict[str, tuple[Path, int]]


def unused(
    paragraphs: tuple[Paragraph, ...],
    roles: tuple[Role, ...],
    topics: tuple[Questionnaire, ...],
    unresolved: Unresolved | None,
    routes: dict[str, Route],
    where: Where,
) -> list[Finding]:
    """Warnings for a reviewer: paragraphs no row cites (but the source's commentary, which
    none may), and roles no advice names. A protocol with no topics yet is not expected to
    cite anything."""
    if not topics:
        return []
    cited = {ref for t in topics for row in t.rows for ref in row.outcome.cites}
    found = [
        finding(
            "PC501",
            f"paragraph {p.ref} is cited by no row",
            *where.paragraphs[p.ref],
            paragraphs=(p.ref,),
        )
        for p in paragraphs
        if p.ref not in cited and p.ref in where.paragraphs and not p.commentary
    ]
    named = {r for t in topics for row in t.rows for r in _people(row.outcome)}
    if unresolved is not None:
        named |= people(unresolved)
    named |= {route.contact for route in routes.values()}
    found += [
        finding(
            "PC502",
            f"role {role.id!r} ({role.title}) is named by no row, route or unresolved block",
            *where.roles[role.id],
        )
        for role in roles
        if role.id not in named and role.id in where.roles
    ]
    return found


def role_blind(
    folder: Path, topics: tuple[Questionnaire, ...], unresolved: Unresolved | None
) -> list[Finding]:
    """Warnings for rows giving the unresolved advice in a council's own topics that never
    ask the user's role, where the council names different people by role: there every
    user is offered the general contacts."""
    if unresolved is None or not unresolved.by_role:
        return []
    found = []
    for topic in topics:
        path = folder / TOPICS_DIR / f"{topic.id}.yaml"
        if ROLE_FACT in topic.asks or not path.is_file():
            continue  # a model's topic is checked with the model
        found += [
            finding(
                "PC503",
                f"row {row.id!r} gives the unresolved advice, but topic {topic.id!r} does not ask"
                " 'role': everyone is offered the general contacts, not the one named for them",
                path,
                row.line or None,
            )
            for row in topic.rows
            if row.outcome.unresolved
        ]
    return found


def _people(outcome: Outcome) -> tuple[str, ...]:
    contact = (outcome.contact,) if outcome.contact else ()
    return (*contact, *outcome.also, *outcome.alternatives)
