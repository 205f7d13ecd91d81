"""Tie each rule to the exact words it rests on, so a change to the protocol is noticed.

`reviewed.yaml`, in a council's folder, holds a fingerprint of every paragraph its rows cite,
taken from the text with its spacing normalised, as it read when a person last reviewed those
rows against it. Change one word of a paragraph and every row citing it is named by `lint`
(and `ask` says so beside its advice) until someone reviews the rows and writes the lock again
with `protocheck lint --update-lock FOLDER`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .errors import RulesError
from .fields import Fields
from .library import LOCK_FILE
from .models import Council, Paragraph

CHANGED = "changed since the rows citing it were reviewed"
NOT_REVIEWED = "not yet reviewed (no fingerprint in reviewed.yaml)"
_HEADER = """\
# The paragraphs this council's rows cite, as they read when a person last reviewed the rows
# against them: a fingerprint (SHA-256 of the words, spacing normalised) per paragraph.
# `protocheck lint` names every row whose paragraph has changed since. Review those rows
# against the new text, then write this file again with:
#     protocheck lint --update-lock {folder}
# Do not edit it by hand.
"""


def fingerprint(text: str) -> str:
    return _sha256()(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@cache  # a failed import searches every folder on the path again: find the module once
def _sha256() -> Callable[[bytes], Any]:
    """Python's own SHA-256 where it is built in: the same digest, but it loads in well under
    a millisecond, where hashlib first loads OpenSSL (3 ms, on every run that reads a
    council's rules afresh). Its module was renamed in 3.12; hashlib serves any other Python."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256


def read_lock(folder: Path) -> dict[str, str] | None:
    """The reviewed fingerprints by ref, or None when the council has no lock yet."""
    path = folder / LOCK_FILE
    if not path.exists():
        return None
    from .yamlfile import read_yaml

    top = Fields(path, read_yaml(path), LOCK_FILE, required=("paragraphs",))
    locked = top.block("paragraphs", "the paragraphs", optional=tuple(top.raw("paragraphs") or ()))
    return {ref: locked.text(ref) for ref in locked.map}


def unreviewed(
    paragraphs: Iterable[Paragraph], cited: set[str], lock: Mapping[str, str] | None
) -> tuple[tuple[str, str], ...]:
    """Each cited paragraph whose text is not the text the rows were reviewed against."""
    found = []
    for paragraph in paragraphs:
        if paragraph.ref not in cited:
            continue
        locked = (lock or {}).get(paragraph.ref)
        if locked is None:
            found.append((paragraph.ref, NOT_REVIEWED))
        elif locked != fingerprint(paragraph.text):
            found.append((paragraph.ref, CHANGED))
    return tuple(found)


def cited_refs(council: Council) -> set[str]:
    refs = {ref for t in council.questionnaires for row in t.rows for ref in row.outcome.cites}
    return refs


def lock_text(council: Council, folder: Path) -> str:
    cited = cited_refs(council)
    lines = [_HEADER.format(folder=folder), "paragraphs:"]
    for paragraph in council.paragraphs:
        if paragraph.ref in cited:
            lines.append(f'  "{_escaped(paragraph.ref)}": {fingerprint(paragraph.text)}')
    return "\n".join(lines) + "\n"


def _escaped(ref: str) -> str:
    return ref.replace("\\", "\\\\").replace('"', '\\"')


def refuse_installed(folder: Path) -> None:
    """The lock of an installed council is the package's; write only into a user's folder."""
    from .library import packaged_rules_dir

    installed = packaged_rules_dir().resolve()
    if installed.name == "_rules" and installed in (folder.resolve(), *folder.resolve().parents):
        raise RulesError(
            "this is the installed package's copy of the rules; copy the council's folder "
            "and update the lock there",
            path=folder,
        )
