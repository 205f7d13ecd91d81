"""`protocheck test`'s report: each scenario, what differed, and coverage, in every format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..coverage import MEASURES, CouncilCoverage, Coverage, Measure
from ..findings import Check, Finding, Severity
from ..replay import Replayed
from . import findings as formats


def status(result: Replayed) -> str:
    if result.failed:
        return "failed"
    return "passed" if not any(f.rule == "PC604" for f in result.findings) else "ran"


def text(replayed: Sequence[Replayed], measured: Coverage | None, extra: list[Finding]) -> str:
    lines = []
    marks = {"passed": "ok  ", "ran": "ran ", "failed": "FAIL"}
    for result in replayed:
        lines.append(f"{marks[status(result)]} {formats.shown_path(str(result.path))}")
        lines += [f"     {formats.text_line(f)}" for f in result.findings if f.rule != "PC604"]
    if measured is not None:
        lines += ["", *coverage_lines(measured)]
    lines += [formats.text_line(f) for f in extra]
    failed = sum(r.failed for r in replayed)
    lines.append(f"{len(replayed) - failed} passed, {failed} failed")
    return "\n".join(lines) + "\n"


def _measure(measure: Measure) -> str:
    return f"{measure.reached}/{measure.total} ({measure.percent:.0f}%)"


def coverage_lines(measured: Coverage) -> list[str]:
    """Per council, then per topic: each measure as reached/total, and rows not reached."""
    lines = ["Coverage: rows, facts asked, answer values, verdicts and paragraphs reached"]
    for council in measured.councils:
        lines.append(f"{council.council}: " + _measures(council.total))
        for topic in council.topics:
            lines.append(f"  {topic.topic}: " + _measures(lambda m, t=topic: getattr(t, m)))
            if topic.rows.missing:
                lines.append(f"    rows not reached: {', '.join(topic.rows.missing)}")
            if topic.values.missing:
                lines.append(f"    answers never given: {', '.join(topic.values.missing)}")
    rows = measured.rows
    lines.append(f"Rows reached: {rows.percent:.1f}% ({rows.reached} of {rows.total})")
    return lines


def _measures(get: Any) -> str:
    return ", ".join(f"{name} {_measure(get(name))}" for name in MEASURES)


def json_dict(
    replayed: Sequence[Replayed], measured: Coverage | None, extra: list[Finding]
) -> dict[str, Any]:
    found = [f for r in replayed for f in r.findings] + extra
    return {
        "schema_version": formats.SCHEMA_VERSION,
        "tool": formats.tool_dict(),
        "scenarios": [_scenario(r) for r in replayed],
        "findings": [formats.finding_dict(f) for f in found],
        "summary": {s: sum(status(r) == s for r in replayed) for s in ("passed", "failed", "ran")},
        "coverage": None if measured is None else _coverage(measured),
    }


def _scenario(result: Replayed) -> dict[str, Any]:
    advice = result.advice
    return {
        "path": formats.shown_path(str(result.path)),
        "council": result.council,
        "topic": result.topic,
        "status": status(result),
        "row": advice.row if advice else None,
        "verdict": advice.verdict.value if advice else None,
        "findings": [formats.finding_dict(f) for f in result.findings],
    }


def _measure_dict(measure: Measure) -> dict[str, Any]:
    return {"reached": measure.reached, "total": measure.total,
            "percent": round(measure.percent, 1), "missing": list(measure.missing)}  # fmt: skip


def _coverage(measured: Coverage) -> dict[str, Any]:
    return {
        "rows": _measure_dict(measured.rows),
        "councils": [_council(c) for c in measured.councils],
    }


def _council(council: CouncilCoverage) -> dict[str, Any]:
    return {
        "council": council.council,
        **{m: _measure_dict(council.total(m)) for m in MEASURES},
        "topics": [
            {"topic": t.topic, **{m: _measure_dict(getattr(t, m)) for m in MEASURES}}
            for t in council.topics
        ],
    }


def checks(replayed: Sequence[Replayed], extra: list[Finding]) -> list[Check]:
    """A test case for each scenario, in a suite for each council; coverage its own case."""
    found = [
        Check(formats.shown_path(str(r.path)) or str(r.path), r.council or "unreplayed", r.findings)
        for r in replayed
    ]
    if extra:
        found.append(Check("minimum coverage", "coverage", tuple(extra)))
    return found


def render(
    replayed: Sequence[Replayed], measured: Coverage | None, extra: list[Finding], fmt: str
) -> str:
    found = [f for r in replayed for f in r.findings] + extra
    if fmt == "json":
        from .data import to_json

        return to_json(json_dict(replayed, measured, extra))
    if fmt == "junit":
        return formats.junit("protocheck test", checks(replayed, extra), Severity.ERROR)
    if fmt == "github":
        return formats.github(found)
    if fmt == "sarif":
        from .data import to_json

        return to_json(formats.sarif(found))
    return text(replayed, measured, extra)
