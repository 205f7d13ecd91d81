"""Every check of a draft, in one result: findings (those its suppressions leave), what was
suppressed, and what each check found besides (impact, safeguards, themes) for the report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..findings import Finding, finding
from ..models import Council
from ..replay import Replayed
from ..safeguards import Safeguard
from .document import Draft, Suppression
from .guards import Guarded, check_safeguards
from .impact import Impact, impact, impact_findings
from .numbering import numbering_findings
from .references import reference_findings
from .suppress import apply
from .themes import Coverage, Yardstick, coverage, theme_findings, yardstick


class Against(NamedTuple):
    """A council a draft is checked against: its rules, safeguards and replayed scenarios."""

    council: Council
    safeguards: tuple[Safeguard, ...]
    replayed: tuple[Replayed, ...]


class DraftResult(NamedTuple):
    draft: Draft
    councils: tuple[str, ...]
    findings: tuple[Finding, ...]  # reported: not suppressed
    suppressed: tuple[tuple[Finding, Suppression], ...]
    used: tuple[int, ...]  # how many findings each of the draft's suppressions suppressed
    impacts: tuple[Impact, ...]
    guarded: tuple[Guarded, ...]
    coverage: tuple[Coverage, ...]


def check_draft(draft: Draft, against: Sequence[Against]) -> DraftResult:
    found = reference_findings(draft) + numbering_findings(draft)
    if not draft.numbered:
        found.append(finding("PC715", "the draft numbers none of its paragraphs: references "
                             "and numbering are not checked, and its paragraphs are matched to "
                             "the protocol's by their words", draft.path))  # fmt: skip
    impacts, guarded, covered = [], [], []
    for target in against:
        result = impact(target.council, draft, target.replayed)
        impacts.append(result)
        found += impact_findings(result, draft)
        kept, problems = check_safeguards(target.council, target.safeguards, draft,
                                          result.counterparts)  # fmt: skip
        guarded += kept
        found += problems
    if not against:
        found.append(
            finding(
                "PC720",
                "checked without a council: impact on advice and "
                "safeguards are not checked; name one with --against",
                draft.path,
            )
        )
    for stick in _yardsticks(against):
        covered.append(coverage(draft, stick))
    found += theme_findings(covered, draft)
    applied = apply(found, draft.suppressions, draft.paragraphs, draft.path)
    reported = sorted((*applied.reported, *applied.problems), key=_place)
    return DraftResult(draft, tuple(t.council.slug for t in against), tuple(reported),
                       applied.suppressed, applied.used, tuple(impacts), tuple(guarded),
                       tuple(covered))  # fmt: skip


def _yardsticks(against: Sequence[Against]) -> list[Yardstick]:
    """Each council's complete protocol (or its model, or the national one), once each."""
    found: list[Yardstick] = []
    for council in [t.council for t in against] or [None]:
        stick = yardstick(council)
        if stick is not None and stick.name not in {s.name for s in found}:
            found.append(stick)
    return found


def _place(item: Finding) -> tuple[bool, int, int]:
    """Findings in the draft's order; those about the whole draft last."""
    return (item.line is None, item.line or 0, item.column or 0)
