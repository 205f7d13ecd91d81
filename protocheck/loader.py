"""Turn one council's folder of YAML into a checked `Council`, or fail at the first mistake.

Everything is checked at load time, not when a user happens to reach a branch: unknown keys,
missing fields, citations of paragraphs that do not exist, contacts that are not roles, and
(in `topic_loader`) questions or outcomes that cannot be reached.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RulesError
from .fields import Fields
from .library import COUNCIL_FILE, PARAGRAPHS_FILE, TOPICS_DIR
from .models import Council, Paragraph, Questionnaire, Role, Source, Unresolved
from .topic_loader import load_questionnaire
from .yamlfile import read_yaml

NUMBERING = ("council", "protocheck")


def load_council(folder: Path) -> Council:
    """Load and check `folder` (a `rules/<slug>/` directory)."""
    council_path = folder / COUNCIL_FILE
    if not council_path.is_file():
        raise RulesError(f"no {COUNCIL_FILE} here: is this a council's rules folder?", path=folder)
    top = Fields(
        council_path,
        read_yaml(council_path),
        "council.yaml",
        required=("council", "roles"),
        optional=("topics",),
    )
    meta = top.block(
        "council",
        "the council block",
        required=("slug", "name", "source", "numbering"),
        optional=("aliases", "version", "adopted", "unresolved"),
    )
    numbered_by_council = meta.one_of("numbering", NUMBERING) == "council"
    paragraphs = load_paragraphs(folder / PARAGRAPHS_FILE, numbered_by_council)
    refs = {p.ref for p in paragraphs}
    roles = _roles(top)
    role_ids = {r.id for r in roles}
    unresolved = _unresolved(meta, refs, role_ids) if meta.has("unresolved") else None
    return Council(
        slug=meta.identifier("slug"),
        name=meta.text("name"),
        aliases=_aliases(meta),
        source=_source(meta),
        version=meta.optional_text("version"),
        adopted=meta.optional_text("adopted"),
        numbered_by_council=numbered_by_council,
        paragraphs=paragraphs,
        roles=roles,
        unresolved=unresolved,
        questionnaires=_questionnaires(folder, top, refs, role_ids, unresolved),
    )


def _aliases(meta: Fields) -> tuple[str, ...]:
    aliases = meta.texts("aliases")
    for alias in aliases:
        if not alias.replace("-", "").isalnum() or alias != alias.lower():
            raise meta.error(f"alias {alias!r} must be lower case letters, digits, hyphens")
    return aliases


def _source(meta: Fields) -> Source:
    source = meta.block(
        "source", "the source block", required=("title", "date"), optional=("note", "scope")
    )
    return Source(
        source.text("title"),
        source.text("date"),
        source.optional_text("note"),
        source.one_of("scope", ("whole", "extract")),
    )


def _roles(top: Fields) -> tuple[Role, ...]:
    roles: list[Role] = []
    for item, line in top.items("roles"):
        fields = Fields(top.path, item, "a role", required=("id", "title"), line=line)
        role = Role(fields.identifier("id"), fields.text("title"))
        if any(r.id == role.id for r in roles):
            raise fields.error(f"role {role.id!r} is listed twice", "id")
        roles.append(role)
    return tuple(roles)


def _unresolved(meta: Fields, refs: set[str], role_ids: set[str]) -> Unresolved:
    fields = meta.block(
        "unresolved",
        "the unresolved block",
        required=("cites", "contact"),
        optional=("others", "summary"),
    )
    return Unresolved(
        fields.cites("cites", refs),
        fields.role("contact", role_ids),
        fields.roles("others", role_ids),
        fields.optional_text("summary"),
    )


def load_paragraphs(path: Path, numbered_by_council: bool) -> tuple[Paragraph, ...]:
    """Every paragraph of the protocol, in order, each knowing its section heading."""
    top = Fields(path, read_yaml(path), "paragraphs.yaml", required=("sections",))
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    for item, line in top.items("sections"):
        section = Fields(
            path,
            item,
            "a section",
            required=("heading", "paragraphs"),
            optional=("number", "id"),
            line=line,
        )
        heading = section.text("heading")
        section_id = section.identifier("id") if section.has("id") else None
        subheading = None
        for p_item, p_line in section.items("paragraphs"):
            paragraph = _paragraph(path, p_item, p_line, heading, section_id, numbered_by_council)
            subheading = paragraph.subheading or subheading  # runs on to the next one
            paragraph = paragraph._replace(subheading=subheading)
            if paragraph.ref in seen:
                raise RulesError(
                    f"paragraph {paragraph.ref!r} appears twice", path=path, line=p_line
                )
            seen.add(paragraph.ref)
            paragraphs.append(paragraph)
    if not paragraphs:
        raise top.error("there are no paragraphs")
    return tuple(paragraphs)


def _paragraph(
    path: Path, item: object, line: int, heading: str, section: str | None, by_council: bool
) -> Paragraph:
    fields = Fields(
        path,
        item,
        "a paragraph",
        required=("ref", "text"),
        optional=("numbering", "subheading", "cut_off"),
        line=line,
    )
    if fields.has("numbering"):
        by_council = fields.one_of("numbering", NUMBERING) == "council"
    return Paragraph(
        ref=fields.text("ref"),
        text=fields.text("text"),
        heading=heading,
        section=section,
        numbered_by_council=by_council,
        subheading=fields.optional_text("subheading"),
        cut_off=_flag(fields, "cut_off"),
    )


def _flag(fields: Fields, key: str) -> bool:
    """An optional yes/no key (values arrive as text): absent is false."""
    return fields.has(key) and fields.one_of(key, ("false", "true")) == "true"


def _questionnaires(
    folder: Path, top: Fields, refs: set[str], role_ids: set[str], unresolved: Unresolved | None
) -> tuple[Questionnaire, ...]:
    topics_dir = folder / TOPICS_DIR
    files = {p.stem: p for p in topics_dir.glob("*.yaml")} if topics_dir.is_dir() else {}
    listed = [(str(item).strip(), line) for item, line in top.items("topics")]
    ids = [topic_id for topic_id, _ in listed]
    for stem in sorted(set(files) - set(ids)):
        raise RulesError(
            f"topic file is not listed under 'topics' in {COUNCIL_FILE}", path=files[stem]
        )
    result = []
    for topic_id, line in listed:
        if topic_id not in files:
            message = f"topic {topic_id!r} has no file {TOPICS_DIR}/{topic_id}.yaml"
            raise RulesError(message, path=top.path, line=line)
        if ids.count(topic_id) > 1:
            raise RulesError(f"topic {topic_id!r} is listed twice", path=top.path, line=line)
        result.append(load_questionnaire(files[topic_id], refs, role_ids, unresolved))
    return tuple(result)
