"""What `lint` checks beyond loading: rows awaiting review against the text they rest on, how
a council's text differs from the model protocol it adopts, and its safeguards.

Loading a folder collects every finding of the format (see `loader.check_council`); this adds
the findings that need a person's review, each at the line of the row or paragraph concerned.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import RulesError
from .findings import Finding, finding
from .library import (
    COUNCIL_FILE,
    MODEL_FILE,
    MODELS_DIR,
    PARAGRAPHS_FILE,
    TOPICS_DIR,
    council_dirs,
    rules_roots,
)
from .loader import check_council
from .lock import CHANGED, NOT_REVIEWED
from .model_loader import MODEL_REWORDED, find_model
from .models import Council

_REVIEW_RULES = {CHANGED: "PC401", NOT_REVIEWED: "PC402", MODEL_REWORDED: "PC403"}


class Linted(NamedTuple):
    """One rules folder, linted: its council (None when too broken to build) and findings."""

    folder: Path
    council: Council | None
    findings: tuple[Finding, ...]


def lint_folder(folder: Path) -> Linted:
    checked = check_council(folder)
    found = list(checked.findings)
    if checked.council is not None:
        from .safeguards import lint_safeguards

        found += review_findings(checked.council, folder)
        found += lint_safeguards(checked.council, folder)
    return Linted(folder, checked.council, tuple(found))


def rules_folders(paths: list[Path]) -> list[Path]:
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


def review_findings(council: Council, folder: Path) -> list[Finding]:
    """Each row resting on text not reviewed as it reads now, and each deviation from the
    council's model."""
    found = []
    for ref, why in council.unreviewed:
        for topic in council.questionnaires:
            path = topic_file(council, folder, topic.id)
            for row in topic.rows:
                if ref in row.outcome.cites:
                    message = f"row {row.id!r} cites paragraph {ref}, {why}"
                    found.append(finding(_REVIEW_RULES[why], message, path, row.line,
                                         paragraphs=(ref,)))  # fmt: skip
    for ref, model_ref, how in council.deviations:
        paragraph = council.paragraph(ref) if ref else None
        line = paragraph.line if paragraph else None
        found.append(finding("PC404", deviation(ref, model_ref, how), folder / PARAGRAPHS_FILE,
                             line, paragraphs=(ref,) if ref else ()))  # fmt: skip
    return found


def topic_file(council: Council, folder: Path, topic_id: str) -> Path:
    """The topic's file: the council's own, else its model's."""
    own = folder / TOPICS_DIR / f"{topic_id}.yaml"
    if own.is_file() or council.model is None:
        return own
    try:
        return find_model(council.model, folder) / TOPICS_DIR / f"{topic_id}.yaml"
    except RulesError:  # it was found when the council loaded; never mind now
        return own


def deviation(ref: str, model_ref: str, how: str) -> str:
    if not ref:
        return f"the model's paragraph {model_ref} is not in this council's text ({how})"
    if not model_ref:
        return f"paragraph {ref} is {how}"
    same = "" if ref == model_ref else f" (the model's {model_ref})"
    return f"paragraph {ref}{same} is {how}"
