"""`protocheck check DRAFT…`: policy drafts checked in CI before a committee sees them.

Each draft (Markdown or plain text) is checked for references that do not resolve, numbering
(repeats, gaps, order, parents), its impact on advice and its safeguards against each council
named with `--against` (default: the configured council), and the catalogue themes a complete
protocol addresses; the draft's own suppression comments are applied, counted and listed.

Exit codes, as lint's: 0 nothing at or above the fail level, 1 findings at or above it, 2 bad
input (a draft that cannot be read, an unknown council). Given scenario files, `check` says to
use `protocheck test`, as it has since scenario replay moved there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import output
from ..errors import InputError
from ..files import is_dir
from ..findings import Severity, fail_at

if TYPE_CHECKING:
    from ..draft.check import Against


def run(
    paths: list[Path],
    against: list[str] | None = None,
    scenarios: list[Path] | None = None,
    fmt: str = "text",
    fail_level: str = "error",
) -> None:
    _refuse_scenarios(paths)
    from ..draft.check import check_draft
    from ..draft.document import read_draft

    drafts = [read_draft(path) for path in paths]
    targets = _targets(against or [], scenarios)
    results = [check_draft(draft, targets) for draft in drafts]
    level = Severity(fail_level)
    from ..render.check import render
    from ..render.findings import all_findings

    output.write_text(render(results, fmt, level))
    fail_at(all_findings(results), level)


def _refuse_scenarios(paths: list[Path]) -> None:
    """Scenario files (or a folder of them) are `protocheck test`'s; a folder is not a draft."""
    scenario = [p for p in paths if p.suffix in (".yaml", ".yml")]
    for path in paths:
        if is_dir(path):
            if _holds_yaml(path):
                scenario.append(path)
            else:
                raise InputError("is a folder: name the drafts in it, e.g. drafts/*.md",
                                 path=path)  # fmt: skip
    if scenario:
        named = " ".join(str(p) for p in paths)
        raise InputError(
            f"scenario replay is now 'protocheck test': run 'protocheck test {named}' "
            "('check' checks policy drafts)"
        )


def _holds_yaml(folder: Path) -> bool:
    """Whether a folder holds YAML files, in it or below it (a folder of councils' scenarios)."""
    found = (p for pattern in ("*.yaml", "*.yml") for p in folder.rglob(pattern))
    return next(found, None) is not None


def _targets(names: list[str], scenarios: list[Path] | None) -> list[Against]:
    """The councils to check against, each with its safeguards and replayed scenarios."""
    from ..config import council_choice, read_config
    from ..councils import load_library
    from ..draft.check import Against
    from ..replay import replay
    from ..safeguards import council_folder, council_safeguards

    if not names:
        chosen = council_choice(None, read_config()).name
        names = [chosen] if chosen else []
    library = load_library()
    councils = list({c.slug: c for c in (library.find(n) for n in names)}.values())
    files = _scenario_files(scenarios, [c.slug for c in councils])
    replayed = tuple(replay(path, library) for path in files)
    targets = []
    for council in councils:
        folder = council_folder(council.slug)
        guards = council_safeguards(council, folder) if folder is not None else ()
        targets.append(Against(council, guards, replayed))
    return targets


def _scenario_files(scenarios: list[Path] | None, slugs: list[str]) -> list[Path]:
    """`--scenarios` (which must exist), else the councils' folders under examples/scenarios/."""
    from ..diff import default_scenario_folders
    from ..diff import scenario_files as lenient
    from ..replay import scenario_files

    if not slugs:
        return []
    if scenarios:
        return scenario_files(scenarios)
    return lenient(default_scenario_folders(slugs))
