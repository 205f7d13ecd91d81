"""`protocheck check`'s report: findings at their lines, then what each draft changes, which
safeguards it keeps, the themes it addresses and what it suppresses; in every format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..draft.check import DraftResult
from ..draft.document import Suppression
from ..draft.guards import Guarded
from ..draft.impact import Change, Impact
from ..draft.themes import Coverage
from ..findings import Check, Severity
from . import findings as formats
from .diff import scenario_dict, scenario_text, words, wrapped

AREAS = {"PC70": "references", "PC71": "numbering", "PC72": "impact on advice",
         "PC73": "safeguards", "PC74": "themes", "PC75": "suppressions"}  # fmt: skip


# Text ---------------------------------------------------------------------------------------------


def text(results: Sequence[DraftResult], level: Severity) -> str:
    found = formats.all_findings(results)
    lines = [formats.text_line(f) for f in found]
    for result in results:
        lines += ["", *(w for line in _draft_text(result, level) for w in wrapped(line))]
    lines += formats.what_to_do(found)
    suppressed = sum(len(r.suppressed) for r in results)
    lines.append(f"{formats.summary(found)} in {len(results)} draft(s); {suppressed} suppressed")
    return "\n".join(lines) + "\n"


def _draft_text(result: DraftResult, level: Severity) -> list[str]:
    draft = result.draft
    mark = "FAIL" if formats.status(result, level) == "fail" else "ok  "
    numbered = "" if draft.numbered else ", unnumbered"
    lines = [f"{mark} {formats.shown_path(draft.path)}: {len(draft.paragraphs)} paragraphs "
             f"({draft.format}{numbered})"]  # fmt: skip
    for item in result.impacts:
        lines += _impact_text(item)
    lines += _safeguards_text(result)
    for covered in result.coverage:
        addressed = ", ".join(t.id for t in covered.addressed) or "none"
        lines.append(f"  Themes addressed ({len(covered.addressed)}): {addressed}")
        if covered.missing:
            missing = ", ".join(t.id for t, _ in covered.missing)
            lines.append(f"  Not addressed, though {covered.against.name} does: {missing}")
    lines += _suppressions_text(result)
    return lines


def _impact_text(item: Impact) -> list[str]:
    counts = ", ".join(f"{item.count(k)} {k}" for k in ("reworded", "renumbered", "removed",
                                                         "added"))  # fmt: skip
    lines = [f"  Against {item.name} ({item.council}): {counts}"]
    for change in item.changes:
        lines.append(f"    {_change_heading(change)}")
        if change.words:
            lines.append(f"      {words(change.words, 'text')}")
        elif change.kind == "added":
            lines.append(f"      {' '.join((change.new or '').split())}")
        if change.rows:
            lines.append(f"      rows resting on it: {', '.join(change.rows)}")
        if change.scenarios:
            shown = ", ".join(formats.shown_path(s) or s for s in change.scenarios)
            lines.append(f"      scenarios whose advice cites it: {shown}")
    if item.advice:
        lines.append(f"    Scenarios whose advice changes ({len(item.advice)}):")
        lines += [f"    {line}" for change in item.advice for line in scenario_text(change)]
    return lines


def _change_heading(change: Change) -> str:
    at = f" (line {change.line})" if change.line else ""
    if change.kind == "added":
        return f"{change.number or 'a paragraph'} added{at}"
    if change.kind == "removed":
        return f"{change.ref} removed"
    if change.kind == "renumbered":
        also = ", reworded" if change.words else ""
        return f"{change.ref} renumbered {change.number}{also}{at}"
    return f"{change.ref} reworded{at}"


def _safeguards_text(result: DraftResult) -> list[str]:
    if not result.guarded:
        return []
    by_status: dict[str, list[str]] = {}
    for item in result.guarded:
        by_status.setdefault(item.status, []).append(item.safeguard.id)
    parts = [f"{len(ids)} {state} ({', '.join(ids)})" for state, ids in sorted(by_status.items())]
    return [f"  Safeguards: {'; '.join(parts)}"]


def _suppressions_text(result: DraftResult) -> list[str]:
    items = result.draft.suppressions
    if not items:
        return []
    lines = [f"  Suppressions ({len(items)}), {len(result.suppressed)} finding(s) suppressed:"]
    for item, used in zip(items, result.used, strict=True):
        where = "whole draft" if item.whole_file else f"line {item.line}"
        reason = item.reason or "(no reason: no effect)"
        lines.append(f"    {', '.join(item.rules) or '?'} at {where}: {reason} "
                     f"[suppressed {used}]")  # fmt: skip
    return lines


# JSON ---------------------------------------------------------------------------------------------


def json_dict(results: Sequence[DraftResult], level: Severity) -> dict[str, Any]:
    return {
        "schema_version": formats.SCHEMA_VERSION,
        "tool": formats.tool_dict(),
        "fail_level": level.value,
        "drafts": [_draft_dict(r, level) for r in results],
        "findings": [formats.finding_dict(f) for f in formats.all_findings(results)],
        "suppressed": [
            {"finding": formats.finding_dict(f), "suppression": _suppression_ref(s)}
            for r in results
            for f, s in r.suppressed
        ],
        "summary": formats.counts(formats.all_findings(results)),
    }


def _draft_dict(result: DraftResult, level: Severity) -> dict[str, Any]:
    draft = result.draft
    return {
        "path": formats.shown_path(draft.path),
        "format": draft.format,
        "numbered": draft.numbered,
        "paragraphs": len(draft.paragraphs),
        "councils": list(result.councils),
        "status": formats.status(result, level),
        "impact": [_impact_dict(i) for i in result.impacts],
        "safeguards": [_safeguard_dict(g) for g in result.guarded],
        "themes": [_theme_dict(c) for c in result.coverage],
        "suppressions": [
            _suppression_dict(s, used)
            for s, used in zip(draft.suppressions, result.used, strict=True)
        ],
    }


def _safeguard_dict(item: Guarded) -> dict[str, Any]:
    return {
        "council": item.council,
        "id": item.safeguard.id,
        "title": item.safeguard.title,
        "cites": list(item.safeguard.cites),
        "status": item.status,
        "kept_at": item.kept_at.line if item.kept_at else None,
        "contradicted_at": [
            {"line": line, "column": column, "words": said}
            for _, said, line, column in item.contradicted_at
        ],
    }


def _theme_dict(item: Coverage) -> dict[str, Any]:
    return {
        "against": {"name": item.against.name, "council": item.against.council},
        "addressed": [t.id for t in item.addressed],
        "missing": [
            {"theme": t.id, "title": t.title, "paragraphs": list(refs)} for t, refs in item.missing
        ],
    }


def _suppression_dict(item: Suppression, used: int) -> dict[str, Any]:
    return {
        **_suppression_ref(item),
        "column": item.column,
        "rules": list(item.rules),
        "whole_file": item.whole_file,
        "suppressed": used,
    }


def _suppression_ref(item: Suppression) -> dict[str, Any]:
    return {"line": item.line, "reason": item.reason}


def _impact_dict(item: Impact) -> dict[str, Any]:
    return {
        "council": item.council,
        "name": item.name,
        "paragraphs": [
            {"ref": c.ref, "number": c.number, "change": c.kind, "line": c.line,
             "old": c.old, "new": c.new,
             "words": [{"op": w.op, "text": w.text} for w in c.words],
             "rows": list(c.rows), "scenarios": [formats.shown_path(s) for s in c.scenarios]}
            for c in item.changes
        ],
        "advice": [scenario_dict(s) for s in item.advice],
    }  # fmt: skip


# CI formats ---------------------------------------------------------------------------------------


def checks(results: Sequence[DraftResult]) -> list[Check]:
    """A test case for each area of each draft (references, numbering, ...), so a clean area
    shows as a passing case."""
    found = []
    for result in results:
        group = formats.shown_path(result.draft.path) or result.draft.path
        for prefix, area in AREAS.items():
            items = tuple(f for f in result.findings if f.rule.startswith(prefix))
            found.append(Check(f"{group}: {area}", group, items))
    return found


def render(results: Sequence[DraftResult], fmt: str, level: Severity) -> str:
    if fmt == "json":
        from .data import to_json

        return to_json(json_dict(results, level))
    if fmt == "junit":
        return formats.junit("protocheck check", checks(results), level)
    if fmt == "github":
        return formats.github(formats.all_findings(results))
    if fmt == "sarif":
        from .data import to_json

        suppressed = [(f, s.reason) for r in results for f, s in r.suppressed]
        return to_json(formats.sarif(formats.all_findings(results), suppressed))
    return text(results, level)
