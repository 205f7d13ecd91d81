"""`protocheck lint`: load rules folders with every check, and say so when they pass."""

from __future__ import annotations

from pathlib import Path

from ..errors import RulesError
from ..library import council_dirs, rules_roots
from ..loader import load_council


def run(paths: list[Path]) -> None:
    folders = council_dirs(paths or rules_roots())
    if not folders:
        raise RulesError(
            "no council folders (with a council.yaml) found", path=", ".join(map(str, paths))
        )
    for folder in folders:
        council = load_council(folder)
        topics = len(council.questionnaires)
        print(f"ok  {folder}: {len(council.paragraphs)} paragraphs, {topics} topics")
