"""Safeguards: what a protocol protects, declared in rules data beside the paragraphs it rests on.

A council (or a model protocol) lists in `safeguards.yaml` the protections its protocol gives
(research by junior staff goes through their Team Manager; officers do no party political
work; the route for complaints), each citing the paragraphs that give it, with the wording
that shows a draft keeps it (`keeps`) and the wording that would contradict it
(`contradicts`), as phrase patterns (`phrases`: words in order with bounded gaps, never
regular expressions). A draft drops a safeguard when none of its `keeps` patterns is found.

`protocheck check` finds drafts that drop or contradict one; `lint` reads the file strictly,
and proves that each safeguard rests on its paragraphs: a `keeps` pattern must match the text
cited, and no `contradicts` pattern may match the protocol's own text. A model's safeguards
serve every council adopting it, their citations mapped to the council's refs.

Safeguards are read from their YAML when a command needs them (`check` and `lint`), never
cached with the councils: no other command pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .errors import RulesError
from .fields import Fields
from .findings import Finding, Report, finding
from .library import COUNCIL_FILE, council_dirs, rules_roots
from .models import Council
from .phrases import Pattern, PatternError, Prepared, first_match, parse_pattern

SAFEGUARDS_FILE = "safeguards.yaml"


class Safeguard(NamedTuple):
    """A protection the protocol gives, the paragraphs that give it, and its wording."""

    id: str
    title: str
    cites: tuple[str, ...]  # the council's refs (a model's are mapped to the adopting council's)
    keeps: tuple[Pattern, ...]
    contradicts: tuple[Pattern, ...]
    path: str
    line: int


def read_safeguards(
    path: Path,
    refs: set[str],
    to_council: Mapping[str, str] | None = None,
    report: Report | None = None,
) -> tuple[Safeguard, ...]:
    """The safeguards in `path`, each citing paragraphs in `refs` (a model's refs, mapped
    through `to_council` where the adopting council numbers them differently)."""
    from .yamlfile import read_yaml

    top = Fields(path, read_yaml(path), SAFEGUARDS_FILE, required=("safeguards",), report=report)
    found: list[Safeguard] = []

    def read(item: object, line: int) -> Safeguard:
        fields = top.item(item, line, "a safeguard", required=("id", "title", "cites", "keeps"),
                          optional=("contradicts",))  # fmt: skip
        guard_id = fields.identifier("id")
        if any(s.id == guard_id for s in found):
            raise fields.error(f"safeguard {guard_id!r} is listed twice", "id", rule="PC105")
        cites = tuple((to_council or {}).get(r, r) for r in fields.cites("cites", refs))
        guard = Safeguard(guard_id, fields.text("title"), cites, _patterns(fields, "keeps"),
                          _patterns(fields, "contradicts"), str(path), line)  # fmt: skip
        found.append(guard)
        return guard

    top.each("safeguards", read)
    return tuple(found)


def _patterns(fields: Fields, key: str) -> tuple[Pattern, ...]:
    texts = fields.texts(key)
    if fields.has(key) and not texts:
        raise fields.error(f"{key!r} lists no wording", key, rule="PC102")
    try:
        return tuple(parse_pattern(text) for text in texts)
    except PatternError as exc:
        raise fields.error(f"{key!r}: {exc}", key) from None


def council_safeguards(
    council: Council, folder: Path, report: Report | None = None
) -> tuple[Safeguard, ...]:
    """The council's own safeguards and, if it adopts a model, the model's."""
    refs = {p.ref for p in council.paragraphs}
    found: tuple[Safeguard, ...] = ()
    model = _model_folder(council, folder)
    if model is not None and (model / SAFEGUARDS_FILE).is_file():
        to_council = _model_map(folder)
        model_refs = refs | set(to_council)
        found += _read(model / SAFEGUARDS_FILE, model_refs, to_council, report)
    if (folder / SAFEGUARDS_FILE).is_file():
        own = _read(folder / SAFEGUARDS_FILE, refs, None, report)
        mine = {s.id for s in own}
        found = tuple(s for s in found if s.id not in mine) + own  # a council's replaces
    return found


def _read(
    path: Path, refs: set[str], to_council: Mapping[str, str] | None, report: Report | None
) -> tuple[Safeguard, ...]:
    """The file's safeguards; with a report, a file that cannot be read is recorded there."""
    if report is None:
        return read_safeguards(path, refs, to_council)
    return report.attempt(read_safeguards, path, refs, to_council, report) or ()


def _model_folder(council: Council, folder: Path) -> Path | None:
    if council.model is None:
        return None
    from .model_loader import find_model

    try:
        return find_model(council.model, folder)
    except RulesError:  # it was found when the council loaded; never mind now
        return None


def _model_map(folder: Path) -> dict[str, str]:
    """The model's ref -> the council's, from council.yaml's `model.paragraphs`."""
    from .yamlfile import read_yaml

    data = read_yaml(folder / COUNCIL_FILE)
    block = data.get("council", {}).get("model", {})
    mapping = block.get("paragraphs") if isinstance(block, dict) else None
    if not isinstance(mapping, dict):
        return {}
    return {str(model_ref): str(own) for own, model_ref in mapping.items()}


def foundation_findings(safeguards: tuple[Safeguard, ...], council: Council) -> list[Finding]:
    """Each safeguard must rest on the text it cites, and the protocol must not contradict it."""
    by_ref = {p.ref: p for p in council.paragraphs}
    prepared = {p.ref: Prepared.of(p.text) for p in council.paragraphs}
    found = []
    for guard in safeguards:
        cited = [prepared[r] for r in guard.cites if r in prepared]
        if cited and not any(first_match(guard.keeps, text) for text in cited):
            refs = ", ".join(guard.cites)
            found.append(finding("PC211", f"safeguard {guard.id!r}: none of its 'keeps' wording "
                                 f"is in {_paragraphs_word(guard.cites)} {refs} of "
                                 f"{council.name}", guard.path, guard.line,
                                 paragraphs=guard.cites))  # fmt: skip
        for ref, text in prepared.items():
            hit = first_match(guard.contradicts, text)
            if hit is not None:
                said = by_ref[ref].text[hit[1].start : hit[1].end]
                found.append(finding("PC212", f"safeguard {guard.id!r}: its 'contradicts' "
                                     f"wording {hit[0].text!r} matches paragraph {ref} of "
                                     f"{council.name} ({' '.join(said.split())!r})",
                                     guard.path, guard.line, paragraphs=(ref,)))  # fmt: skip
    return found


def _paragraphs_word(refs: tuple[str, ...]) -> str:
    return "paragraph" if len(refs) == 1 else "paragraphs"


def lint_safeguards(council: Council, folder: Path) -> list[Finding]:
    """For `lint`: every finding of reading the safeguards, then of their foundations."""
    report = Report()
    guards = council_safeguards(council, folder, report)
    return [*report.findings, *foundation_findings(guards, council)]


def council_folder(slug: str) -> Path | None:
    """The folder the council in use called `slug` comes from: as the library merges them,
    a later rules folder wins. A folder is named after its council's slug (as `import`
    writes it); only where none is, each council.yaml is read for its slug."""
    folders = list(reversed(council_dirs(rules_roots())))
    for folder in folders:
        if folder.name == slug:
            return folder
    from .yamlfile import read_yaml

    for folder in folders:
        try:
            data = read_yaml(folder / COUNCIL_FILE)
        except RulesError:
            continue
        block = data.get("council") if isinstance(data, dict) else None
        if isinstance(block, dict) and block.get("slug") == slug:
            return folder
    return None
