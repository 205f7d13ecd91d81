"""`protocheck lint`: load rules folders with every check, and say so when they pass.

Loading proves each decision table (complete, no overlap, no dead row) and every citation
and contact; lint adds the one check that needs a person: rows whose paragraphs have changed
since they were reviewed. `--update-lock` records that a person has reviewed them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ExitCode, InputError, ProtocheckError, RulesError
from ..files import save_atomically
from ..library import (
    COUNCIL_FILE,
    LOCK_FILE,
    MODEL_FILE,
    MODELS_DIR,
    TOPICS_DIR,
    council_dirs,
    rules_roots,
)
from ..loader import load_council
from ..lock import lock_text, refuse_installed
from ..models import Council


class Unreviewed(ProtocheckError):
    exit_code = ExitCode.FINDINGS


def run(paths: list[Path], update_lock: bool) -> None:
    if update_lock and not paths:
        raise InputError("name the council folder(s) whose rows you have reviewed")
    folders = _folders(paths)
    if not folders:
        raise RulesError(
            "no council folders (with a council.yaml) found", path=", ".join(map(str, paths))
        )
    findings = 0
    for folder in folders:
        council = load_council(folder)
        if update_lock:
            refuse_installed(folder)
            save_atomically(folder / LOCK_FILE, lock_text(council, folder))
            print(f"locked {folder / LOCK_FILE}: the rows' paragraphs as they read now")
            continue
        for ref, model_ref, how in council.deviations:
            print(f"note {folder}: {_deviation(ref, model_ref, how)}")
        problems = unreviewed_rows(council, folder)
        for problem in problems.values():
            print(problem)
        findings += len({row for row, _ in problems})
        topics = len(council.questionnaires)
        status = "FAIL" if problems else "ok  "
        print(f"{status} {folder}: {len(council.paragraphs)} paragraphs, {topics} topics")
    if findings:
        raise Unreviewed(
            f"{findings} row(s) rest on text that has changed or was never reviewed; review "
            "them against the paragraph, then run 'protocheck lint --update-lock FOLDER'"
        )


def _folders(paths: list[Path]) -> list[Path]:
    """Council folders, and model folders (named, or under a rules folder's models/)."""
    roots = paths or rules_roots()
    found: list[Path] = []
    for root in roots:
        if (root / MODEL_FILE).is_file() and not (root / COUNCIL_FILE).is_file():
            found.append(root)
            continue
        models = root / MODELS_DIR
        if models.is_dir():
            found += [d for d in sorted(models.iterdir()) if (d / MODEL_FILE).is_file()]
        found += council_dirs([root])
    return found


def _deviation(ref: str, model_ref: str, how: str) -> str:
    if not ref:
        return f"the model's paragraph {model_ref} is not in this council's text ({how})"
    if not model_ref:
        return f"paragraph {ref} is {how}"
    same = "" if ref == model_ref else f" (the model's {model_ref})"
    return f"paragraph {ref}{same} is {how}"


def unreviewed_rows(council: Council, folder: Path) -> dict[tuple[str, str], str]:
    """A line for each row and paragraph it cites whose text is not what it was reviewed
    against, keyed by (topic/row, ref)."""
    found = {}
    for ref, why in council.unreviewed:
        for topic in council.questionnaires:
            path = folder / TOPICS_DIR / f"{topic.id}.yaml"
            for row in topic.rows:
                if ref in row.outcome.cites:
                    line = f"{path}:{row.line}: row {row.id!r} cites paragraph {ref}, {why}"
                    found[(f"{topic.id}/{row.id}", ref)] = line
    return found
