"""Turn one council's folder of YAML into a checked `Council`, with every finding.

Everything is checked at load time, not when a user happens to reach a branch: unknown keys,
missing fields, citations of paragraphs that do not exist, contacts that are not roles or are
not named by the text cited, and (in `topic_loader`) decision tables that are incomplete or
overlap. Findings are collected, file by file, topic by topic and row by row, so that `lint`
names every mistake at once; `load_council` refuses a council with any error, so the cache
holds only councils that passed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import RulesError
from .fact_loader import REWORDED, FactBook, catalogue_facts
from .fields import Fields
from .findings import Finding, Report
from .hygiene import Where, role_blind, unused
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
from .models import (
    Council,
    Fact,
    Paragraph,
    Questionnaire,
    Role,
    Source,
)
from .topic_loader import CouncilText, Route, check_named, load_questionnaire
from .unresolved_loader import read_unresolved
from .yamlfile import read_yaml

NUMBERING = ("council", "protocheck")


class Checked(NamedTuple):
    """A council folder as `lint` sees it: the council (None when too broken to build) and
    every finding of loading it."""

    council: Council | None
    findings: tuple[Finding, ...]


def check_council(folder: Path) -> Checked:
    """Load `folder` with every check, collecting findings rather than stopping at the first:
    each file, topic and row is checked on its own, and only a check that depends on a broken
    part is skipped."""
    report = Report()
    council = report.attempt(_load, folder, report)
    return Checked(council, tuple(report.findings))


def load_council(folder: Path) -> Council:
    """Load and check `folder` (a `rules/<slug>/` directory); RulesError at its first error.

    Warnings never stop a council loading: only `lint` shows them."""
    report = Report()
    council = report.attempt(_load, folder, report)
    report.raise_first()
    assert council is not None
    return council


def _load(folder: Path, report: Report) -> Council | None:
    council_path = folder / COUNCIL_FILE
    if not council_path.is_file():
        if (folder / MODEL_FILE).is_file():
            return load_model(folder, report)
        raise RulesError(
            f"no {COUNCIL_FILE} here: is this a council's rules folder?", path=folder, rule="PC100"
        )
    top = report.attempt(_council_top, council_path, report)
    meta = top.attempt(_council_meta, top) if top else None
    numbered = meta.attempt(meta.one_of, "numbering", NUMBERING) if meta else None
    text = report.attempt(load_paragraphs, folder / PARAGRAPHS_FILE, numbered != "protocheck",
                          report)  # fmt: skip
    if top is None or meta is None or text is None:
        return None  # the rest is checked against these
    adopted = None
    if meta.has("model"):
        adopted = meta.attempt(adoption, meta, folder, set(text.by_ref))
        if adopted is None:
            return None
    council = _protocol(folder, top, meta, text, adopted)
    slug = meta.attempt(meta.identifier, "slug")
    aliases = meta.attempt(_aliases, meta)
    if council is None or slug is None or aliases is None:
        return None
    return council._replace(slug=slug, aliases=aliases)


def _council_top(path: Path, report: Report) -> Fields:
    return Fields(path, read_yaml(path), "council.yaml", required=("council",),
                  optional=("roles", "topics", "facts", "routes"), report=report)  # fmt: skip


def _council_meta(top: Fields) -> Fields:
    return top.block("council", "the council block",
                     required=("slug", "name", "source", "numbering"),
                     optional=("aliases", "version", "adopted", "unresolved", "model"))  # fmt: skip


def load_model(folder: Path, report: Report | None = None) -> Council | None:
    """A model protocol on its own, as a council would hold it: for `lint`, which proves its
    tables and keeps its lock. It is never listed or searched as a council."""
    model = read_model(folder, report)
    council = _protocol(folder, model.top, model.meta, model.text, None)
    return council._replace(slug=model.id) if council else None


def _protocol(
    folder: Path, top: Fields, meta: Fields, text: Text, adopted: Adoption | None
) -> Council | None:
    """What councils and models share: roles, routes, facts, topics, and the review lock."""
    by_ref = text.by_ref
    where = Where({ref: (text.path, line) for ref, line in text.lines.items()}, {})
    model_roles = _roles(adopted.model.top, where.roles) if adopted else ()
    own = _roles(top, where.roles)  # after the model's: a council's own role replaces it
    roles = merged_roles(model_roles, own) if adopted else own
    by_role = {r.id: r for r in roles}
    unresolved = (
        meta.attempt(read_unresolved, meta, by_ref, by_role) if meta.has("unresolved") else None
    )
    facts = FactBook(catalogue_facts())
    routes = top.attempt(_routes, top, by_ref, by_role) or {}
    topics: tuple[Questionnaire, ...] = ()
    if adopted is not None:
        facts.read(adopted.model.top, f"model {adopted.model.id}", may_reword=True)
        topics, model_routes = _model_topics(adopted, facts, by_ref)
        routes = {**model_routes, **routes}
    facts.read(top, "council", may_reword=True, override=True)
    council_text = CouncilText(by_ref, by_role, unresolved, routes)
    topics += _questionnaires(folder, top, facts, council_text)
    used = _facts_used(top, facts, topics)
    report = top.report
    if report is not None and not report.errors:  # else they would echo the errors
        for item in unused(text.paragraphs, roles, topics, unresolved, routes, where):
            report.add(item)
        for item in role_blind(folder, topics, unresolved):
            report.add(item)
    identity = top.attempt(_identity, meta)
    if identity is None:
        return None
    name, source, version, adopted_on, numbered = identity
    return Council(
        slug="",
        name=name,
        source=source,
        version=version,
        adopted=adopted_on,
        numbered_by_council=numbered,
        paragraphs=text.paragraphs,
        roles=roles,
        unresolved=unresolved,
        questionnaires=topics,
        facts=used,
        unreviewed=top.attempt(_unreviewed, folder, text.paragraphs, topics, adopted) or (),
        model=adopted.model.id if adopted else None,
        deviations=deviations(adopted, text.paragraphs) if adopted else (),
    )


def _identity(meta: Fields) -> tuple[str, Source, str | None, str | None, bool]:
    return (
        meta.text("name"),
        _source(meta),
        meta.optional_text("version"),
        meta.optional_text("adopted"),
        meta.one_of("numbering", NUMBERING) == "council",
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
    by_ref = model.text.by_ref
    roles = {r.id: r for r in _roles(model.top, {})}
    unresolved = (
        model.meta.attempt(read_unresolved, model.meta, by_ref, roles)
        if model.meta.has("unresolved")
        else None
    )
    routes = model.top.attempt(_routes, model.top, by_ref, roles) or {}
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
                    rule="PC201",
                )
        return found

    def translated(topic: Questionnaire) -> Questionnaire:
        rows = tuple(
            row._replace(outcome=row.outcome._replace(cites=mine(row.outcome.cites)))
            for row in topic.rows
        )
        return topic._replace(rows=rows)

    attempt = model.top.attempt
    own = tuple(t for topic in topics if (t := attempt(translated, topic)) is not None)
    return own, {
        name: r._replace(cites=cites)
        for name, r in routes.items()
        if (cites := attempt(mine, r.cites)) is not None
    }


def _aliases(meta: Fields) -> tuple[str, ...]:
    aliases = meta.texts("aliases")
    for alias in aliases:
        if not alias.replace("-", "").isalnum() or alias != alias.lower():
            raise meta.error(
                f"alias {alias!r} must be lower case letters, digits, hyphens", "aliases",
                rule="PC104",
            )  # fmt: skip
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


def _roles(top: Fields, where: dict[str, tuple[Path, int]]) -> tuple[Role, ...]:
    """The roles a council or model lists; `where` learns each one's file and line."""
    roles: list[Role] = []

    def read(item: object, line: int) -> Role:
        fields = top.item(item, line, "a role", required=("id", "title"), optional=("names",))
        role = Role(fields.identifier("id"), fields.text("title"), fields.texts("names"))
        if any(r.id == role.id for r in roles):
            raise fields.error(f"role {role.id!r} is listed twice", "id", rule="PC105")
        roles.append(role)
        where[role.id] = (top.path, line)
        return role

    top.attempt(top.each, "roles", read)
    return tuple(roles)


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

    def read(name: str) -> Route:
        fields = block.block(name, f"route {name!r}", required=("cites", "contact", "contact_note"))
        route = Route(
            fields.cites("cites", paragraphs),
            fields.role("contact", set(roles)),
            fields.text("contact_note"),
        )
        check_named(fields, "contact", roles[route.contact], [paragraphs[r] for r in route.cites])
        return route

    return {name: route for name in block.map if (route := block.attempt(read, name)) is not None}


class Text(NamedTuple):
    """A protocol's paragraphs, in order, with the line each was written on."""

    path: Path
    paragraphs: tuple[Paragraph, ...]
    lines: dict[str, int]

    @property
    def by_ref(self) -> dict[str, Paragraph]:
        return {p.ref: p for p in self.paragraphs}


def load_paragraphs(path: Path, numbered_by_council: bool, report: Report | None = None) -> Text:
    """Every paragraph of the protocol, in order, each knowing its section heading."""
    top = Fields(path, read_yaml(path), "paragraphs.yaml", required=("sections",), report=report)
    paragraphs: list[Paragraph] = []
    lines: dict[str, int] = {}

    def section(item: object, line: int) -> None:
        fields = top.item(item, line, "a section", required=("heading", "paragraphs"),
                          optional=("number", "id", "commentary"))  # fmt: skip
        heading = fields.text("heading")
        commentary = _flag(fields, "commentary")
        section_id = fields.identifier("id") if fields.has("id") else None
        subheading: list[str | None] = [None]

        def paragraph(p_item: object, p_line: int) -> None:
            found = _paragraph(fields, p_item, p_line, heading, section_id, numbered_by_council)
            subheading[0] = found.subheading or subheading[0]  # runs on to the next one
            if found.ref in lines:
                raise RulesError(f"paragraph {found.ref!r} appears twice", path=path,
                                 line=p_line, rule="PC105")  # fmt: skip
            lines[found.ref] = p_line
            paragraphs.append(found._replace(subheading=subheading[0], commentary=commentary))

        fields.each("paragraphs", paragraph)

    top.each("sections", section)
    if not paragraphs and not (report and report.errors):
        raise top.error("there are no paragraphs", rule="PC110")
    return Text(path, tuple(paragraphs), lines)


def _paragraph(
    section: Fields, item: object, line: int, heading: str, where: str | None, by_council: bool
) -> Paragraph:
    fields = section.item(item, line, "a paragraph", required=("ref", "text"),
                          optional=("numbering", "subheading", "cut_off"))  # fmt: skip
    if fields.has("numbering"):
        by_council = fields.one_of("numbering", NUMBERING) == "council"
    return Paragraph(
        ref=fields.text("ref"),
        text=fields.text("text"),
        heading=heading,
        section=where,
        numbered_by_council=by_council,
        subheading=fields.optional_text("subheading"),
        cut_off=_flag(fields, "cut_off"),
        line=line,
    )


def _flag(fields: Fields, key: str) -> bool:
    """An optional yes/no key (values arrive as text): absent is false."""
    return fields.has(key) and fields.one_of(key, ("false", "true")) == "true"


def _questionnaires(
    folder: Path, top: Fields, facts: FactBook, text: CouncilText
) -> tuple[Questionnaire, ...]:
    """Every topic listed, each checked on its own: one broken topic hides no other."""
    topics_dir = folder / TOPICS_DIR
    files = {p.stem: p for p in topics_dir.glob("*.yaml")} if topics_dir.is_dir() else {}
    listed = top.attempt(top.items, "topics") or []
    ids = [str(item).strip() for item, _ in listed]
    for stem in sorted(set(files) - set(ids)):
        top.record(RulesError(f"topic file is not listed under 'topics' in {COUNCIL_FILE}",
                                      path=files[stem], rule="PC109"))  # fmt: skip
    result = []
    for n, (topic_id, (_, line)) in enumerate(zip(ids, listed, strict=True)):
        if topic_id not in files:
            message = f"topic {topic_id!r} has no file {TOPICS_DIR}/{topic_id}.yaml"
            top.record(RulesError(message, path=top.path, line=line, rule="PC109"))
        elif topic_id in ids[:n]:
            message = f"topic {topic_id!r} is listed twice"
            top.record(RulesError(message, path=top.path, line=line, rule="PC105"))
        else:
            topic = top.attempt(load_questionnaire, files[topic_id], facts, text, top.report)
            if topic is not None:
                result.append(topic)
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
            message = f"fact {fact_id!r} is defined but no topic asks it"
            top.record(RulesError(message, path=path, line=line, rule="PC305"))
    found = [facts.get(f) for f in asked]
    return tuple(f for f in found if f is not None)
