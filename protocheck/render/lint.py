"""`protocheck lint`'s report: findings with the state of each folder, in every format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..findings import Check, Finding, Severity
from ..library import COUNCIL_FILE, LOCK_FILE, MODEL_FILE, PARAGRAPHS_FILE, TOPICS_DIR
from ..review import Linted
from ..safeguards import SAFEGUARDS_FILE
from . import findings as formats


def text(results: Sequence[Linted], level: Severity) -> str:
    """Each finding on its line, then each folder's state, what to do, and the count."""
    found = formats.all_findings(results)
    lines = [formats.text_line(f) for f in found]
    for result in results:
        council = result.council
        size = (
            f"{len(council.paragraphs)} paragraphs, {len(council.questionnaires)} topics"
            if council
            else "could not be read whole"
        )
        mark = "FAIL" if formats.status(result, level) == "fail" else "ok  "
        had = f"; {formats.summary(result.findings)}" if result.findings else ""
        lines.append(f"{mark} {formats.shown_path(str(result.folder))}: {size}{had}")
    lines += formats.what_to_do(found)
    lines.append(f"{formats.summary(found)} in {len(results)} folder(s)")
    return "\n".join(lines) + "\n"


def json_dict(results: Sequence[Linted], level: Severity) -> dict[str, Any]:
    return {
        "schema_version": formats.SCHEMA_VERSION,
        "tool": formats.tool_dict(),
        "fail_level": level.value,
        "folders": [_folder(r, level) for r in results],
        "findings": [formats.finding_dict(f) for f in formats.all_findings(results)],
        "summary": formats.counts(formats.all_findings(results)),
    }


def _folder(result: Linted, level: Severity) -> dict[str, Any]:
    council = result.council
    return {
        "path": formats.shown_path(str(result.folder)),
        "council": council.slug if council else None,
        "paragraphs": len(council.paragraphs) if council else None,
        "topics": len(council.questionnaires) if council else None,
        "status": formats.status(result, level),
    }


def checks(results: Sequence[Linted]) -> list[Check]:
    """A test case for each file of each folder, and for any other file a finding names
    (a model's, say): so a clean file shows as a passing case too."""
    found: list[Check] = []
    for result in results:
        group = formats.shown_path(str(result.folder)) or str(result.folder)
        by_path: dict[str, list[Finding]] = {str(p): [] for p in _files(result.folder)}
        for item in result.findings:
            by_path.setdefault(item.path or str(result.folder), []).append(item)
        for path, items in by_path.items():
            name = formats.shown_path(path) or path
            found.append(Check(name, group, tuple(items)))
    return found


def _files(folder: Path) -> list[Path]:
    names = [COUNCIL_FILE, MODEL_FILE, PARAGRAPHS_FILE, LOCK_FILE, SAFEGUARDS_FILE]
    files = [folder / n for n in names if (folder / n).is_file()]
    topics = folder / TOPICS_DIR
    return files + (sorted(topics.glob("*.yaml")) if topics.is_dir() else [])


def render(results: Sequence[Linted], fmt: str, level: Severity) -> str:
    if fmt == "json":
        from .data import to_json

        return to_json(json_dict(results, level))
    if fmt == "junit":
        return formats.junit("protocheck lint", checks(results), level)
    if fmt == "github":
        return formats.github(formats.all_findings(results))
    if fmt == "sarif":
        from .data import to_json

        return to_json(formats.sarif(formats.all_findings(results)))
    return text(results, level)
