"""Model protocols: topics written once for a national model and reused by every council
that adopts it.

Thousands of town and parish councils adopt one of a few model protocols, often with small
changes. A model lives in `models/<id>/` beside council folders (`model.yaml`,
`paragraphs.yaml`, `topics/`, `reviewed.yaml`); a council that adopts it says so in its
`council.yaml` (`model: {id: ..., paragraphs: {its ref: the model's ref}}`) and inherits the
model's topics, roles, routes and fact wording. Its own text is compared with the model's:
every deviation is listed, and a row resting on a paragraph the council worded differently is
flagged for review for that council until the council's own `reviewed.yaml` records it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .errors import RulesError
from .fields import Fields
from .library import MODEL_FILE, MODELS_DIR, PARAGRAPHS_FILE, rules_roots
from .lock import fingerprint, read_lock
from .models import Paragraph, Role
from .yamlfile import read_yaml

NUMBERING = ("council", "protocheck")
WORDED_DIFFERENTLY = "worded differently from the model"
MODEL_REWORDED = (
    "worded differently from the model protocol its rows were written for; review them for "
    "this council"
)


class Model(NamedTuple):
    """A model protocol as read from its folder, before any council adopts it."""

    id: str
    name: str
    folder: Path
    top: Fields  # model.yaml: roles, routes, facts and topics, read as a council's are
    meta: Fields  # its `model:` block
    paragraphs: tuple[Paragraph, ...]
    lock: dict[str, str] | None


class Adoption(NamedTuple):
    """How a council's paragraphs line up with its model's: the model's ref for each of its."""

    model: Model
    to_council: dict[str, str]  # model ref -> council ref

    def council_ref(self, model_ref: str) -> str:
        return self.to_council.get(model_ref, model_ref)


def find_model(model_id: str, council_folder: Path) -> Path:
    """`models/<id>` beside the council's folder, else in any rules folder in use."""
    candidates = [council_folder.parent / MODELS_DIR / model_id]
    candidates += [root / MODELS_DIR / model_id for root in rules_roots()]
    for folder in candidates:
        if (folder / MODEL_FILE).is_file():
            return folder
    raise RulesError(f"no model protocol {model_id!r} (looked for {MODELS_DIR}/{model_id}/)")


def read_model(folder: Path) -> Model:
    from .loader import load_paragraphs

    path = folder / MODEL_FILE
    top = Fields(path, read_yaml(path), MODEL_FILE, required=("model", "roles"),
                 optional=("topics", "facts", "routes"))  # fmt: skip
    meta = top.block("model", "the model block", required=("id", "name", "source", "numbering"),
                     optional=("unresolved",))  # fmt: skip
    model_id = meta.identifier("id")
    if model_id != folder.name:
        raise meta.error(f"id {model_id!r} must match the folder name {folder.name!r}", "id")
    numbered = meta.one_of("numbering", NUMBERING) == "council"
    paragraphs = load_paragraphs(folder / PARAGRAPHS_FILE, numbered)
    return Model(model_id, meta.text("name"), folder, top, meta, paragraphs, read_lock(folder))


def adoption(block: Fields, council_folder: Path, refs: set[str]) -> Adoption:
    """The council's `model:` block: which model, and which of its paragraphs are which."""
    fields = block.block("model", "the model block", required=("id",), optional=("paragraphs",))
    model = read_model(find_model(fields.identifier("id"), council_folder))
    to_council: dict[str, str] = {}
    if fields.has("paragraphs"):
        raw = fields.raw("paragraphs")
        mapping = fields.block("paragraphs", "the paragraph map",
                               optional=tuple(raw) if isinstance(raw, dict) else ())  # fmt: skip
        model_refs = {p.ref for p in model.paragraphs}
        for council_ref in mapping.map:
            model_ref = mapping.text(council_ref)
            if council_ref not in refs:
                raise mapping.error(f"{council_ref!r} is not in this council's paragraphs.yaml",
                                    council_ref)  # fmt: skip
            if model_ref not in model_refs:
                raise mapping.error(f"{model_ref!r} is not a paragraph of the model", council_ref)
            to_council[model_ref] = council_ref
    return Adoption(model, to_council)


def merged_roles(model_roles: Iterable[Role], own: Iterable[Role]) -> tuple[Role, ...]:
    """The model's roles, each replaced by the council's own of the same id, then its others."""
    mine = {r.id: r for r in own}
    merged = [mine.pop(r.id, r) for r in model_roles]
    return (*merged, *mine.values())


def deviations(
    adopted: Adoption, paragraphs: tuple[Paragraph, ...]
) -> tuple[tuple[str, str, str], ...]:
    """Each difference from the model: (council ref, model ref, what differs)."""
    mine = {p.ref: p for p in paragraphs}
    found = []
    used = set()
    for model_paragraph in adopted.model.paragraphs:
        ref = adopted.council_ref(model_paragraph.ref)
        own = mine.get(ref)
        if own is None:
            found.append(("", model_paragraph.ref, "missing: the model's paragraph is not here"))
            continue
        used.add(ref)
        if fingerprint(own.text) != fingerprint(model_paragraph.text):
            found.append((ref, model_paragraph.ref, WORDED_DIFFERENTLY))
    found += [(p.ref, "", "not in the model") for p in paragraphs if p.ref not in used]
    return tuple(found)


def baseline_lock(adopted: Adoption, own: dict[str, str] | None) -> dict[str, str]:
    """What a council's rows were reviewed against: the model's review of the model's words,
    unless the council has reviewed its own."""
    lock = {adopted.council_ref(ref): fp for ref, fp in (adopted.model.lock or {}).items()}
    lock.update(own or {})
    return lock
