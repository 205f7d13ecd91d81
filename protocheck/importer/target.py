"""Where an import goes: the user's own rules folder, and never over another council unasked.

The default is the first folder of PROTOCHECK_RULES, else the per-user rules folder that every
command reads (see `library.rules_roots`), so the new council is seen at once by `explain`,
`search` and `list`. The rules inside an installed protocheck are never written.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, ProtocheckError, shown
from ..library import (
    Entry,
    council_dirs,
    env_rules_dirs,
    packaged_rules_dir,
    rules_roots,
    user_rules_dir,
)


def rules_folder(option: Path | None) -> Path:
    """The folder of council folders to write into: the option, else the user's own."""
    if option is not None:
        folder = option.expanduser()
    else:
        env = env_rules_dirs()
        folder = env[0] if env else user_rules_dir()
    shipped = packaged_rules_dir()
    if shipped.name == "_rules" and _same(folder, shipped):
        raise InputError(
            "holds the rules installed with protocheck, which an upgrade replaces; "
            "import into your own folder (leave out --rules-dir)",
            path=folder,
        )
    if folder.exists() and not folder.is_dir():
        raise InputError("is not a folder; --rules-dir names a folder of councils", path=folder)
    return folder


def read_by_commands(folder: Path) -> bool:
    """Whether the other commands will see councils in `folder` (else the user is told how)."""
    return any(_same(folder, root) for root in rules_roots())


def refuse_clashes(slug: str, folder: Path, force: bool) -> None:
    """Replacing an import, or taking a slug or alias another council uses, needs --force;
    the message says which it would be."""
    if force:
        return
    for name in ("paragraphs.yaml", "council.yaml"):
        if (folder / name).exists():
            raise InputError(
                "already exists; use --force to replace the import's paragraphs (your "
                "council.yaml, roles and topics are kept)",
                path=folder / name,
            )
    for entry in _others(folder):
        if entry.slug == slug:
            raise InputError(
                f"--council {slug} is the slug of {entry.name}, already installed: importing "
                "would replace that council for every command; use --force to do so, or "
                "choose another slug"
            )
        if slug in entry.aliases:
            raise InputError(
                f"--council {slug} is an alias of {entry.name} ({entry.slug}): importing would "
                f"take the name {slug} from it; use --force to do so, or choose another slug"
            )


def _others(folder: Path) -> list[Entry]:
    """Every other installed council (the one being replaced left out), by its entry."""
    from ..councils import load_library

    try:
        dirs = [d for d in council_dirs(_existing(rules_roots())) if not _same(d, folder)]
        return list(load_library(dirs).entries) if dirs else []
    except ProtocheckError as exc:
        raise InputError(
            f"cannot check the name is free: another council's rules do not load ({exc})"
        ) from None


def _existing(roots: list[Path]) -> list[Path]:
    return [root for root in roots if root.is_dir()]


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def check_name(name: str) -> str:
    """A council's name as lint accepts it: some text, one line, no control characters."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 for c in name):
        raise InputError(f"--name {shown(name)} holds control characters; type the name plainly")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError('--name is empty; give the council\'s name, e.g. --name "Wyre Forest"')
    if len(cleaned) > 200:
        raise InputError(f"--name is {len(cleaned)} characters; a council's name is shorter")
    return cleaned
