"""Scenario (answers) files and `--set` values: the same advice, without a person at a prompt.

A scenario names its council and topic, gives answers keyed by fact id, and may say what it
expects (the verdict, citations, contact and the row of the table), so the files users replay
are also the regression suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import InputError, shown
from .fields import Fields
from .models import Verdict
from .yamlfile import YList, YMap, read_yaml

VERDICTS = tuple(v.value for v in Verdict)


class Expectation(NamedTuple):
    verdict: Verdict | None = None
    cites: tuple[str, ...] | None = None
    contact: str | None = None
    row: str | None = None


class Scenario(NamedTuple):
    path: Path | None
    council: str | None
    topic: str | None
    answers: dict[str, str]
    expect: Expectation | None = None


def read_scenario(path: Path) -> Scenario:
    """Read an answers file; every problem names the file and line."""
    top = Fields(
        path, read_yaml(path), "an answers file", optional=("council", "topic", "answers", "expect")
    )
    return Scenario(
        path=path,
        council=top.optional_text("council"),
        topic=top.optional_text("topic"),
        answers=_answers(top),
        expect=_expect(top) if top.has("expect") else None,
    )


def _answers(top: Fields) -> dict[str, str]:
    value = top.raw("answers")
    if value is None:
        return {}
    if not isinstance(value, YMap):
        raise top.error("'answers' must map fact ids to answers", "answers")
    for key, answer in value.items():
        if not isinstance(answer, str):
            raise InputError(
                f"the answer to {key!r} must be one value",
                path=top.path,
                line=value.key_lines.get(key),
            )
    return dict(value)


def _expect(top: Fields) -> Expectation:
    fields = top.block(
        "expect", "the expect block", optional=("verdict", "cites", "contact", "row")
    )
    verdict = fields.optional_text("verdict")
    if verdict is not None and verdict not in VERDICTS:
        raise fields.error(f"verdict {verdict!r} must be one of: {', '.join(VERDICTS)}", "verdict")
    cites = fields.texts("cites") if isinstance(fields.raw("cites"), (str, YList)) else None
    return Expectation(
        Verdict(verdict) if verdict else None,
        cites,
        fields.optional_text("contact"),
        fields.optional_text("row"),
    )


def parse_set(values: list[str]) -> dict[str, str]:
    """`--set ID=VALUE` options as answers; a malformed one says how to write it."""
    answers: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"--set {shown(item)} must look like FACT=VALUE (e.g. role=member)")
        answers[key.strip()] = value.strip()
    return answers
