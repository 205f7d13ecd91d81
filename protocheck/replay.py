"""Replay scenario files and compare the advice with what each expects (`protocheck test`).

Each scenario is a test case: it passes when the advice is what it expects. A scenario that
cannot be replayed (a misspelt council, answers that stop short of a row) is a failing case
with its reason, at the line concerned, so one bad file never hides the results of the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import InputError, ProtocheckError
from .findings import Finding, Severity, finding
from .library import Library
from .models import Advice
from .scenario import Expectation, Scenario


class Replayed(NamedTuple):
    """One scenario replayed: the advice it got, if any, and what was found."""

    path: Path
    council: str | None  # the council's slug, once found
    topic: str | None
    advice: Advice | None
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def scenario_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    if not files:
        raise InputError("no scenario files (*.yaml) found in " + ", ".join(map(str, paths)))
    return files


def replay(path: Path, library: Library) -> Replayed:
    """Replay one file; every problem becomes a finding at its line, never an exception."""
    from .documents import load_scenario

    try:
        scenario = load_scenario(path)
    except ProtocheckError as exc:
        return Replayed(path, None, None, None, (_bad(exc, path),))
    return _advise(scenario, path, library)


def _advise(scenario: Scenario, path: Path, library: Library) -> Replayed:
    from .engine import MissingAnswers, advise
    from .lookup import find_topic

    lines = scenario.lines
    if scenario.council is None or scenario.topic is None:
        message = "a scenario must name its council and its topic"
        return Replayed(path, None, None, None, (finding("PC602", message, path, 1),))
    try:
        council = library.find(scenario.council)
    except InputError as exc:
        return Replayed(path, None, None, None, (_bad(exc, path, lines.get("council")),))
    try:
        topic = find_topic(council, scenario.topic)
        advice = advise(council, topic, scenario.answers)
    except MissingAnswers as exc:
        needed = ", ".join(f.id for f in exc.facts)
        message = f"the answers reach no row of {exc.topic.id!r}; still needed: {needed}"
        where = lines.get("answers", 1)
        return Replayed(path, council.slug, exc.topic.id, None,
                        (finding("PC603", message, path, where),))  # fmt: skip
    except InputError as exc:
        return Replayed(path, council.slug, scenario.topic, None,
                        (_bad(exc, path, lines.get("topic")),))  # fmt: skip
    found = differences(advice, scenario.expect, path, lines) if scenario.expect else []
    if scenario.expect is None:
        found.append(finding("PC604", "the scenario has no 'expect' block", path, 1))
    return Replayed(path, council.slug, topic.id, advice, tuple(found))


def _bad(exc: ProtocheckError, path: Path, line: int | None = None) -> Finding:
    """A scenario that cannot be replayed, at the place the error names, else at `line`."""
    if exc.path is not None and Path(exc.path) == path and exc.line is not None:
        return finding("PC602", exc.message, path, exc.line, getattr(exc, "column", None))
    return finding("PC602", exc.message, path, line)


def differences(
    advice: Advice, expect: Expectation, path: Path, lines: dict[str, int]
) -> list[Finding]:
    """Each expectation the advice contradicts, at the line of its `expect` key."""
    found = []

    def differ(key: str, message: str, refs: tuple[str, ...] = ()) -> None:
        line = lines.get(f"expect.{key}", lines.get("expect"))
        found.append(finding("PC601", message, path, line, paragraphs=refs))

    if expect.verdict is not None and advice.verdict != expect.verdict:
        differ("verdict", f"verdict is {advice.verdict.value}, expected {expect.verdict.value}")
    cites = tuple(p.ref for p in advice.citations)
    if expect.cites is not None and cites != tuple(expect.cites):
        differ("cites", f"cites {', '.join(cites)}, expected {', '.join(expect.cites)}",
               tuple(dict.fromkeys((*cites, *expect.cites))))  # fmt: skip
    contact = advice.contact.role if advice.contact else "none"
    if expect.contact is not None and contact != expect.contact:
        differ("contact", f"contact is {contact}, expected {expect.contact}")
    if expect.row is not None and advice.row != expect.row:
        differ("row", f"row is {advice.row}, expected {expect.row}")
    return found
