"""Turn one council's folder of YAML into a checked `Council`, or fail at the first mistake.

Everything is checked at load time, not when a user happens to reach a branch: unknown keys,
missing fields, citations of paragraphs that do not exist, contacts that are not roles or are
not named by the text cited, and (in `topic_loader`) decision tables that are incomplete or
overlap. The cache holds only councils that passed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RulesError
from .fact_loader import REWORDED, FactBook, catalogue_facts
from .fields import Fields
from .library import COUNCIL_FILE, MODEL_FILE, PARAGRAPHS_FILE, TOPICS_DIR
from .lock import read_lock, unreviewed
from .model_loader import (
    MODEL_REWORDED,
    WORDED_DIFFERENTLY,
    Adoption,
    adoption,
    baseline_lock,
    deviations,
    merged_roles,
    read_model,
)
from .models import Council, Fact, Paragraph, Questionnaire, Role, Source, Unresolved
from .topic_loader import CouncilText, Route, check_named, load_questionnaire
from .yamlfile import read_yaml

NUMBERING = ("council", "protocheck")


def load_council(folder: Path) -> Council:
    """Load and check `folder` (a `rules/<slug>/` directory)."""
    council_path = folder / COUNCIL_FILE
    if not council_path.is_file():
        if (folder / MODEL_FILE).is_file():
            return load_model(folder)
        raise RulesError(f"no {COUNCIL_FILE} here: is this a council's rules folder?", path=folder)
    top = Fields(
        council_path,
        read_yaml(council_path),
        "council.yaml",
        required=("council",),
        optional=("roles", "topics", "facts", "routes"),
    )
    meta = top.block(
        "council",
        "the council block",
        required=("slug", "name", "source", "numbering"),
        optional=("aliases", "version", "adopted", "unresolved", "model"),
    )
    numbered = meta.one_of("numbering", NUMBERING) == "council"
    paragraphs = load_paragraphs(folder / PARAGRAPHS_FILE, numbered)
    refs = {p.ref for p in paragraphs}
    adopted = adoption(meta, folder, refs) if meta.has("model") else None
    council = _protocol(folder, top, meta, paragraphs, adopted)
    return council._replace(slug=meta.identifier("slug"), aliases=_aliases(meta))


def load_model(folder: Path) -> Council:
    """A model protocol on its own, as a council would hold it: for `lint`, which proves its
    tables and keeps its lock. It is never listed or searched as a council."""
    model = read_model(folder)
    return _protocol(folder, model.top, model.meta, model.paragraphs, None)._replace(slug=model.id)


def _protocol(
    folder: Path,
    top: Fields,
    meta: Fields,
    paragraphs: tuple[Paragraph, ...],
    adopted: Adoption | None,
) -> Council:
    """What councils and models share: roles, routes, facts, topics, and the review lock."""
    by_ref = {p.ref: p for p in paragraphs}
    roles = merged_roles(_roles(adopted.model.top), _roles(top)) if adopted else _roles(top)
    by_role = {r.id: r for r in roles}
    unresolved = _unresolved(meta, by_ref, by_role) if meta.has("unresolved") else None
    facts = FactBook(catalogue_facts())
    routes = _routes(top, by_ref, by_role)
    topics: tuple[Questionnaire, ...] = ()
    if adopted is not None:
        facts.read(adopted.model.top, f"model {adopted.model.id}", may_reword=True)
        topics, model_routes = _model_topics(adopted, facts, by_ref)
        routes = {**model_routes, **routes}
    facts.read(top, "council", may_reword=True, override=True)
    text = CouncilText(by_ref, by_role, unresolved, routes)
    topics += _questionnaires(folder, top, facts, text)
    return Council(
        slug="",
        name=meta.text("name"),
        source=_source(meta),
        version=meta.optional_text("version"),
        adopted=meta.optional_text("adopted"),
        numbered_by_council=meta.one_of("numbering", NUMBERING) == "council",
        paragraphs=paragraphs,
        roles=roles,
        unresolved=unresolved,
        questionnaires=topics,
        facts=_facts_used(top, facts, topics),
        unreviewed=_unreviewed(folder, paragraphs, topics, adopted),
        model=adopted.model.id if adopted else None,
        deviations=deviations(adopted, paragraphs) if adopted else (),
    )


def _unreviewed(
    folder: Path,
    paragraphs: tuple[Paragraph, ...],
    topics: tuple[Questionnaire, ...],
    adopted: Adoption | None,
) -> tuple[tuple[str, str], ...]:
    """Cited paragraphs not yet reviewed as they read now. For a council adopting a model,
    the model's review stands for the paragraphs it words as the model does."""
    if not topics:
        return ()
    cited = {ref for t in topics for row in t.rows for ref in row.outcome.cites}
    own = read_lock(folder)
    if adopted is None:
        return unreviewed(paragraphs, cited, own)
    differ = {ref for ref, _, how in deviations(adopted, paragraphs) if how == WORDED_DIFFERENTLY}
    found = unreviewed(paragraphs, cited, baseline_lock(adopted, own))
    return tuple(
        (ref, MODEL_REWORDED if ref in differ and ref not in (own or {}) else why)
        for ref, why in found
    )


def _model_topics(
    adopted: Adoption, facts: FactBook, council_refs: dict[str, Paragraph]
) -> tuple[tuple[Questionnaire, ...], dict[str, Route]]:
    """The model's topics and routes, checked against the model's own text, then citing the
    adopting council's paragraphs: every one a row rests on must be there."""
    model = adopted.model
    by_ref = {p.ref: p for p in model.paragraphs}
    roles = {r.id: r for r in _roles(model.top)}
    unresolved = _unresolved(model.meta, by_ref, roles) if model.meta.has("unresolved") else None
    routes = _routes(model.top, by_ref, roles)
    text = CouncilText(by_ref, roles, unresolved, routes)
    topics = _questionnaires(model.folder, model.top, facts, text)

    def mine(refs: tuple[str, ...]) -> tuple[str, ...]:
        found = tuple(adopted.council_ref(r) for r in refs)
        for model_ref, ref in zip(refs, found, strict=True):
            if ref not in council_refs:
                raise RulesError(
                    f"the model's paragraph {model_ref!r}, which its rules cite, has no "
                    "counterpart here; add it, or map the paragraph that replaces it under "
                    "council.model.paragraphs",
                    path=model.folder,
                )
        return found

    translated = tuple(
        topic._replace(
            rows=tuple(
                row._replace(outcome=row.outcome._replace(cites=mine(row.outcome.cites)))
                for row in topic.rows
            )
        )
        for topic in topics
    )
    return translated, {name: r._replace(cites=mine(r.cites)) for name, r in routes.items()}


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
        fields = Fields(
            top.path, item, "a role", required=("id", "title"), optional=("names",), line=line
        )
        role = Role(fields.identifier("id"), fields.text("title"), fields.texts("names"))
        if any(r.id == role.id for r in roles):
            raise fields.error(f"role {role.id!r} is listed twice", "id")
        roles.append(role)
    return tuple(roles)


def _unresolved(
    meta: Fields, paragraphs: dict[str, Paragraph], roles: dict[str, Role]
) -> Unresolved:
    fields = meta.block(
        "unresolved",
        "the unresolved block",
        required=("cites", "contact"),
        optional=("alternatives", "summary", "contact_note"),
    )
    unresolved = Unresolved(
        fields.cites("cites", set(paragraphs)),
        fields.role("contact", set(roles)),
        fields.roles("alternatives", set(roles)),
        fields.optional_text("summary"),
        fields.optional_text("contact_note"),
    )
    cited = [paragraphs[ref] for ref in unresolved.cites]
    for key, role in [("contact", unresolved.contact)] + [
        ("alternatives", r) for r in unresolved.alternatives
    ]:
        check_named(fields, key, roles[role], cited)
    return unresolved


def _routes(
    top: Fields, paragraphs: dict[str, Paragraph], roles: dict[str, Role]
) -> dict[str, Route]:
    """General routes the protocol names, each checked like a row's contact."""
    if not top.has("routes"):
        return {}
    names = top.raw("routes")
    block = top.block(
        "routes", "the routes", optional=tuple(names) if isinstance(names, dict) else ()
    )
    routes = {}
    for name in block.map:
        fields = block.block(name, f"route {name!r}", required=("cites", "contact", "contact_note"))
        route = Route(
            fields.cites("cites", set(paragraphs)),
            fields.role("contact", set(roles)),
            fields.text("contact_note"),
        )
        check_named(fields, "contact", roles[route.contact], [paragraphs[r] for r in route.cites])
        routes[name] = route
    return routes


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
    folder: Path, top: Fields, facts: FactBook, text: CouncilText
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
        result.append(load_questionnaire(files[topic_id], facts, text))
    return tuple(result)


def _facts_used(
    top: Fields, facts: FactBook, topics: tuple[Questionnaire, ...]
) -> tuple[Fact, ...]:
    """The facts the topics ask, in the council's words; a fact defined and never asked is
    a mistake (a question no one will see)."""
    asked = list(dict.fromkeys(f for t in topics for f in t.asks))
    for fact_id, fact in facts.defined.items():
        if fact_id not in asked and fact.origin != REWORDED:
            path, line = facts.where[fact_id]
            raise RulesError(
                f"fact {fact_id!r} is defined but no topic asks it", path=path, line=line
            )
    found = [facts.get(f) for f in asked]
    return tuple(f for f in found if f is not None)
