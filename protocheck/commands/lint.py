"""`protocheck lint`: every finding in rules folders, in the format CI wants.

Loading proves each decision table (complete, no overlap, no dead row) and every citation
and contact, collecting every finding rather than stopping at the first; lint adds the checks
that need a person (rows whose paragraphs changed since they were reviewed) and the hygiene
warnings. `--update-lock` records that a person has reviewed the rows.

Exit codes, as ruff's: 0 nothing at or above the fail level, 1 findings at or above it, 2 when
nothing could be read (no rules folder where one was named).
"""

from __future__ import annotations

from pathlib import Path

from .. import output
from ..errors import InputError, RulesError
from ..files import save_atomically
from ..findings import Severity, fail_at
from ..library import LOCK_FILE
from ..loader import load_council
from ..lock import lock_text, refuse_installed
from ..review import lint_folder, rules_folders


def run(paths: list[Path], update_lock: bool, fmt: str = "text", fail_level: str = "error") -> None:
    if update_lock and not paths:
        raise InputError("name the council folder(s) whose rows you have reviewed")
    for path in paths:
        if not path.exists():
            raise InputError("no such folder", path=path)
    folders = rules_folders(paths)
    if not folders:
        raise RulesError(
            "no council folders (with a council.yaml) found", path=", ".join(map(str, paths))
        )
    if update_lock:
        _update_locks(folders)
        return
    level = Severity(fail_level)
    results = [lint_folder(folder) for folder in folders]
    from ..render.findings import all_findings
    from ..render.lint import render

    output.write_text(render(results, fmt, level))
    fail_at(all_findings(results), level)


def _update_locks(folders: list[Path]) -> None:
    """Record the text the rows rest on as reviewed: only for councils that load cleanly."""
    for folder in folders:
        council = load_council(folder)
        refuse_installed(folder)
        save_atomically(folder / LOCK_FILE, lock_text(council, folder))
        print(f"locked {folder / LOCK_FILE}: the rows' paragraphs as they read now")
