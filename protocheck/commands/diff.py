"""`protocheck diff OLD NEW`: what an amendment changes, and whose advice it changes.

OLD and NEW are rules folders; or OLD is a git revision and NEW a folder of the working tree.
Exit 0 when nothing changed, 1 when something did, 2 when a side cannot be read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .. import output
from ..diff import (
    RulesDiff,
    compare_rules,
    default_scenario_folders,
    load_rules,
    scenario_changes,
    scenario_files,
)
from ..errors import ExitCode, InputError, ProtocheckError


class Changed(ProtocheckError):
    exit_code = ExitCode.FINDINGS


def run(old: str, new: Path, scenarios: list[Path] | None, fmt: str) -> None:
    if not new.exists():
        raise InputError("no such folder", path=new)
    for folder in scenarios or []:
        if not folder.exists():
            raise InputError("no such scenario file or folder", path=folder)
    with tempfile.TemporaryDirectory(prefix="protocheck-diff-") as temporary:
        old_root = Path(old)
        if not old_root.exists():
            from ..revision import at_revision

            old_root = at_revision(old, new, Path(temporary))
        before, after = load_rules(old_root), load_rules(new)
        councils = compare_rules(before, after)
        slugs = [e.slug for e in (*before.entries, *after.entries)]
        folders = scenarios if scenarios is not None else default_scenario_folders(slugs)
        changes = scenario_changes(scenario_files(folders), before, after)
    result = RulesDiff(old, str(new), tuple(councils), tuple(changes))
    from ..render.diff import render

    output.write_text(render(result, fmt))
    if result.changed:
        raise Changed(
            f"the rules differ: {len(result.councils)} council(s) changed, "
            f"{len(result.scenarios)} scenario(s) get different advice"
        )
