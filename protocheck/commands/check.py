"""`protocheck check`: replay scenario files and compare the advice with what each expects.

The CI counterpart of `ask --answers`: exit 0 when every scenario gets the advice it expects,
1 when any does not (a finding), 2 when a file or rule cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from ..councils import load_library
from ..documents import load_scenario
from ..engine import advise
from ..errors import ExitCode, InputError, ProtocheckError
from ..lookup import find_topic
from ..models import Advice
from ..scenario import Expectation


class Findings(ProtocheckError):
    exit_code = ExitCode.FINDINGS


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


def differences(advice: Advice, expect: Expectation) -> list[str]:
    found = []
    if expect.verdict is not None and advice.verdict != expect.verdict:
        found.append(f"verdict is {advice.verdict.value}, expected {expect.verdict.value}")
    cites = [p.ref for p in advice.citations]
    if expect.cites is not None and cites != list(expect.cites):
        found.append(f"cites {', '.join(cites)}, expected {', '.join(expect.cites)}")
    contact = advice.contact.role if advice.contact else "none"
    if expect.contact is not None and contact != expect.contact:
        found.append(f"contact is {contact}, expected {expect.contact}")
    if expect.row is not None and advice.row != expect.row:
        found.append(f"row is {advice.row}, expected {expect.row}")
    return found


def run(paths: list[Path]) -> None:
    library = load_library()
    failed = 0
    files = scenario_files(paths)
    for path in files:
        scenario = load_scenario(path)
        if scenario.council is None or scenario.topic is None:
            raise InputError("a scenario must name its council and topic", path=path)
        council = library.find(scenario.council)
        advice = advise(council, find_topic(council, scenario.topic), scenario.answers)
        problems = differences(advice, scenario.expect) if scenario.expect else []
        status = "FAIL" if problems else ("ok  " if scenario.expect else "ran ")
        print(f"{status} {path}" + (f": {'; '.join(problems)}" if problems else ""))
        failed += bool(problems)
    summary = f"{len(files) - failed} passed, {failed} failed"
    if failed:
        raise Findings(summary)
    print(summary)
