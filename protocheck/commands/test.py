"""`protocheck test`: replay scenario files as tests, like `opa test`, with coverage.

Exit 0 when every scenario gets the advice it expects (and coverage is at least
`--min-coverage`), 1 when any does not, 2 when there is nothing to test or the rules
themselves cannot be loaded.
"""

from __future__ import annotations

from pathlib import Path

from .. import output
from ..councils import load_library
from ..errors import ExitCode, InputError, ProtocheckError
from ..findings import Finding, finding
from ..replay import replay, scenario_files


class Failed(ProtocheckError):
    exit_code = ExitCode.FINDINGS


def run(paths: list[Path], fmt: str, show_coverage: bool, min_coverage: float | None) -> None:
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        raise InputError("--min-coverage is a percentage, from 0 to 100")
    files = scenario_files(paths)
    library = load_library()
    replayed = [replay(path, library) for path in files]
    measured = None
    extra: list[Finding] = []
    if show_coverage or min_coverage is not None:
        from ..coverage import coverage

        measured = coverage(library, replayed)
        rows = measured.rows
        if min_coverage is not None and rows.percent < min_coverage:
            extra.append(_below(rows.percent, rows.reached, rows.total, min_coverage,
                                rows.missing))  # fmt: skip
    from ..render.testing import render

    output.write_text(render(replayed, measured, extra, fmt))
    failed = sum(r.failed for r in replayed)
    if failed or extra:
        reasons = [f"{failed} of {len(replayed)} scenario(s) failed"] if failed else []
        reasons += [f.message for f in extra]
        raise Failed("; ".join(reasons))


def _below(percent: float, reached: int, total: int, minimum: float, missing: tuple) -> Finding:
    named = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
    return finding(
        "PC605",
        f"the scenarios reach {percent:.1f}% of rows ({reached} of {total}), below "
        f"--min-coverage {minimum:g}; not reached: {named}",
    )
