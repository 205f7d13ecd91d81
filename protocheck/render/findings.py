"""Findings as text, JSON, JUnit XML, GitHub workflow annotations and SARIF 2.1.0.

Every format is made from the same findings and checks, so a CI log, a test report, an
annotation on a pull request and a code-scanning alert all say the same thing at the same
place. SARIF is written here as plain JSON: the SARIF object-model libraries for Python are
data classes that still need a serialiser and add nothing we would use, and the tests validate
our output against the SARIF 2.1.0 schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from ..findings import RULES, Check, Finding, Severity, counts

FORMATS = ("text", "json", "junit", "github", "sarif")
SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def shown_path(path: str | None) -> str | None:
    """A path as CI tools want it: relative to the working folder where it is inside it."""
    if path is None or not Path(path).is_absolute():
        return path
    try:
        relative = Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive, on Windows
        return path
    return path if relative.startswith("../") else relative


def text_line(item: Finding) -> str:
    """'file:line:col: error: message [PC101]', as compilers and linters write it."""
    place = _place(item)
    return f"{place + ': ' if place else ''}{item.severity.value}: {item.message} [{item.rule}]"


def _place(item: Finding) -> str:
    path = shown_path(item.path)
    if path is None:
        return ""
    return ":".join(str(p) for p in (path, item.line, item.column) if p is not None)


def advice_lines(findings: Iterable[Finding]) -> list[str]:
    """What to do, once for each rule found: the rule's help."""
    found = sorted({f.rule for f in findings})
    return [f"{rule} {RULES[rule].name}: {RULES[rule].help}" for rule in found]


def what_to_do(findings: Sequence[Finding]) -> list[str]:
    """The closing advice of a text report: each rule found, with its help (nothing if none)."""
    if not findings:
        return []
    return ["", "What to do:", *(f"  {line}" for line in advice_lines(findings))]


def summary(findings: Sequence[Finding]) -> str:
    """'2 errors, 1 warning, no notes': plain words, never colour alone."""
    parts = []
    for severity, n in counts(findings).items():
        word = severity if n == 1 else f"{severity}s"
        parts.append(f"{n or 'no'} {word}")
    return ", ".join(parts)


def finding_dict(item: Finding) -> dict[str, Any]:
    return {
        "rule": item.rule,
        "name": RULES[item.rule].name,
        "severity": item.severity.value,
        "message": item.message,
        "path": shown_path(item.path),
        "line": item.line,
        "column": item.column,
        "paragraphs": list(item.paragraphs),
    }


def tool_dict() -> dict[str, str]:
    return {"name": "protocheck", "version": __version__}


# GitHub workflow commands ------------------------------------------------------------------

_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Iterable[Finding]) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, escaped as GitHub documents."""
    lines = []
    for item in findings:
        props = []
        path = shown_path(item.path)
        if path is not None:
            props.append(f"file={_escape_property(path)}")
            if item.line is not None:
                props.append(f"line={item.line}")
            if item.column is not None:
                props.append(f"col={item.column}")
        props.append(f"title={_escape_property(f'{item.rule} {RULES[item.rule].name}')}")
        level = _GITHUB_LEVELS[item.severity]
        lines.append(f"::{level} {','.join(props)}::{_escape_data(item.message)}")
    return "".join(line + "\n" for line in lines)


# SARIF 2.1.0 -------------------------------------------------------------------------------


def sarif(
    findings: Iterable[Finding], suppressed: Iterable[tuple[Finding, str]] = ()
) -> dict[str, Any]:
    """One run, with every rule (so `ruleIndex` is stable) and a result for each finding;
    findings suppressed in the source are results too, marked so with the reason given, as
    code scanning expects (it shows them as dismissed, not as alerts)."""
    ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in RULES.values()
    ]
    driver = {**tool_dict(), "rules": rules}
    results = [_sarif_result(item, ids.index(item.rule)) for item in findings]
    for item, reason in suppressed:
        result = _sarif_result(item, ids.index(item.rule))
        result["suppressions"] = [{"kind": "inSource", "justification": reason}]
        results.append(result)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results}]}  # fmt: skip


def _sarif_result(item: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": item.rule,
        "ruleIndex": index,
        "level": item.severity.value,
        "message": {"text": item.message},
    }
    path = shown_path(item.path)
    if path is not None:
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
        if item.line is not None:
            region = {"startLine": item.line}
            if item.column is not None:
                region["startColumn"] = item.column
            location["region"] = region
        result["locations"] = [{"physicalLocation": location}]
    if item.paragraphs:
        result["properties"] = {"paragraphs": list(item.paragraphs)}
    return result


def _uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file URI."""
    from urllib.parse import quote

    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix())


# JUnit XML ---------------------------------------------------------------------------------


def _xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: control characters from a file are shown, not written."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else f"\\x{ord(c):02x}" for c in text)


def junit(title: str, checks: Sequence[Check], level: Severity) -> str:
    """A test report: a suite for each group, a case for each check, failing at `level`.

    Findings below the level are kept in the case's system-out, so nothing is lost."""
    from xml.etree import ElementTree as ET

    groups: dict[str, list[Check]] = {}
    for check in checks:
        groups.setdefault(check.group, []).append(check)
    failed = sum(1 for c in checks if c.failures(level))
    root = ET.Element("testsuites", name=title, tests=str(len(checks)), failures=str(failed),
                      errors="0")  # fmt: skip
    for group, members in groups.items():
        suite = ET.SubElement(root, "testsuite", name=group, tests=str(len(members)),
                              failures=str(sum(1 for c in members if c.failures(level))),
                              errors="0", skipped="0")  # fmt: skip
        for check in members:
            _junit_case(ET.SubElement(suite, "testcase", name=check.name, classname=group),
                        check, level)  # fmt: skip
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _junit_case(case: Any, check: Check, level: Severity) -> None:
    from xml.etree import ElementTree as ET

    failures = check.failures(level)
    if failures:
        first = failures[0]
        message = first.message if len(failures) == 1 else f"{len(failures)} findings"
        failure = ET.SubElement(case, "failure", message=_xml_safe(message), type=first.rule)
        failure.text = _xml_safe("\n".join(text_line(f) for f in failures))
    rest = [f for f in check.findings if f not in failures]
    if rest:
        ET.SubElement(case, "system-out").text = _xml_safe("\n".join(text_line(f) for f in rest))


class HasFindings(Protocol):
    findings: Sequence[Finding]


def all_findings(results: Sequence[HasFindings]) -> list[Finding]:
    """Every finding of every folder or draft checked, in order."""
    return [f for result in results for f in result.findings]


def status(result: HasFindings, level: Severity) -> str:
    """'fail' where a finding is at or above the level that fails, else 'ok'."""
    return "fail" if any(f.severity.rank >= level.rank for f in result.findings) else "ok"
