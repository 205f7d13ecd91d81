"""`protocheck check`: reserved for checking policy drafts against the protocol (coming).

Scenario replay moved to `protocheck test`; given scenario files, `check` says so and exits 2,
so no CI job silently stops testing.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def run(paths: list[Path]) -> None:
    yaml = [p for p in paths if p.is_dir() or p.suffix in (".yaml", ".yml")]
    if yaml:
        named = " ".join(str(p) for p in paths)
        raise InputError(
            f"scenario replay is now 'protocheck test': run 'protocheck test {named}' "
            "('check' will check policy drafts)"
        )
    raise InputError(
        "checking policy drafts is not available yet; to replay scenarios use 'protocheck test'"
    )
