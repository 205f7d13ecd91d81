"""Load one topic, a decision table, and prove it before anyone is asked a question.

A topic lists the facts it asks, in the order a person would be asked them, and rows of
`when` conditions on those facts, each with the outcome it gives. The table must be complete
and free of overlap (see `tables`), every citation must resolve, and every contact must be
someone the cited paragraphs name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import RulesError
from .fact_loader import FactBook
from .fields import Fields
from .models import Fact, Outcome, Paragraph, Questionnaire, Role, Row, Unresolved, Verdict
from .tables import Case, Problem, prove
from .yamlfile import YList, YMap, read_yaml

if TYPE_CHECKING:
    from .findings import Report

VERDICTS = tuple(v.value for v in Verdict)
MAX_ASKS = 30  # facts in one topic: more than anyone should answer about one situation
_OUTCOME_KEYS = ("verdict", "summary", "cites", "contact", "conditions", "also", "alternatives",
                 "contact_note", "route")  # fmt: skip


class Route(NamedTuple):
    """A general route the protocol names (council.yaml `routes:`), for rows whose own
    paragraphs name no one: its paragraph, its person, and why that person is given."""

    cites: tuple[str, ...]
    contact: str
    contact_note: str


class CouncilText(NamedTuple):
    """What a topic is checked against: the council's paragraphs, roles, general routes and
    route for unresolved questions."""

    paragraphs: dict[str, Paragraph]
    roles: dict[str, Role]
    unresolved: Unresolved | None
    routes: dict[str, Route]


def load_questionnaire(
    path: Path, facts: FactBook, text: CouncilText, report: Report | None = None
) -> Questionnaire:
    """One topic, checked. With a report, each row is checked on its own and every finding is
    recorded; the table is proved only when every row and fact it depends on could be read."""
    top = Fields(path, read_yaml(path), "a topic", required=("id", "title", "rows"),
                 optional=("description", "keywords", "theme", "facts", "asks"),
                 report=report)  # fmt: skip
    before = len(report.errors) if report else 0
    topic_id = top.identifier("id")
    if topic_id != path.stem:
        raise top.error(f"id {topic_id!r} must match the file name {path.stem!r}", "id",
                        rule="PC104")  # fmt: skip
    facts.read(top, f"topic {topic_id}", may_reword=False)
    asked, lines = _asks(top, facts)
    rows = _rows(top, asked, text)
    topic = Questionnaire(
        id=topic_id,
        title=top.text("title"),
        description=top.optional_text("description"),
        keywords=top.texts("keywords"),
        theme=top.identifier("theme") if top.has("theme") else None,
        asks=tuple(asked),
        rows=tuple(row for row in rows if row is not None),
    )
    if not topic.rows and None not in rows:
        raise top.error("a topic needs at least one row", "rows", rule="PC110")
    if (len(report.errors) if report else 0) == before:
        _check_table(top, topic, asked, lines)
    return topic


def _asks(top: Fields, facts: FactBook) -> tuple[dict[str, Fact], dict[str, int]]:
    """The facts the topic asks, in order, each defined somewhere the council can see, and
    the line each is asked on."""
    asked: dict[str, Fact] = {}
    lines: dict[str, int] = {}
    items = top.items("asks")  # none: a topic of one row, whose advice needs no answers
    if len(items) > MAX_ASKS:
        raise top.error(f"a topic may ask at most {MAX_ASKS} facts", "asks", rule="PC110")

    def read(item: object, line: int) -> None:
        fact_id = str(item).strip() if isinstance(item, str) else ""
        fact = facts.get(fact_id)
        if fact is None:
            hint = ", ".join(facts.known()) or "none"
            raise RulesError(f"{fact_id!r} is not a fact (facts: {hint})", path=top.path,
                             line=line, rule="PC205")  # fmt: skip
        if fact_id in asked:
            raise RulesError(f"fact {fact_id!r} is asked twice", path=top.path, line=line,
                             rule="PC105")  # fmt: skip
        asked[fact_id] = fact
        lines[fact_id] = line

    top.each("asks", read)
    return asked, lines


def _rows(top: Fields, asked: dict[str, Fact], text: CouncilText) -> list[Row | None]:
    """Every row, each checked on its own; None in place of a row that could not be read."""
    rows: list[Row | None] = []
    for item, line in top.items("rows"):
        rows.append(top.attempt(_row, top, item, line, asked, text, rows))
    return rows


def _row(
    top: Fields,
    item: object,
    line: int,
    asked: dict[str, Fact],
    text: CouncilText,
    earlier: list[Row | None],
) -> Row:
    is_route = isinstance(item, YMap) and "use" in item
    fields = top.item(
        item, line, "a row", required=("id",) if is_route else ("id", *_OUTCOME_KEYS[:3]),
        optional=("when", "use", "conditions") if is_route else ("when", *_OUTCOME_KEYS[3:]),
    )  # fmt: skip
    row_id = fields.identifier("id")
    if any(r is not None and r.id == row_id for r in earlier):
        raise fields.error(f"row id {row_id!r} is used twice", "id", rule="PC105")
    when = _when(fields, asked)
    outcome = _route(fields, text.unresolved) if is_route else _outcome(fields, text)
    return Row(row_id, when, outcome, line)


def _when(fields: Fields, asked: dict[str, Fact]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`when: {fact: value | [values]}`: each fact asked by the topic, each value one of its."""
    raw = fields.raw("when")
    if raw is None:
        return ()
    if not isinstance(raw, YMap):
        raise fields.error("'when' must map facts to a value or a list of values", "when")
    conditions = []
    for fact_id, value in raw.items():
        place = {"path": fields.path, "line": raw.key_lines[fact_id],
                 "column": raw.key_columns.get(fact_id)}  # fmt: skip
        fact = asked.get(fact_id)
        if fact is None:
            raise RulesError(
                f"'when' names {fact_id!r}, which the topic does not ask (add it to 'asks')",
                rule="PC205", **place,
            )  # fmt: skip
        values = tuple(value) if isinstance(value, YList) else (value,)
        for v in values:
            if not isinstance(v, str) or v not in fact.values:
                raise RulesError(f"{v!r} is not a value of {fact_id!r} ({', '.join(fact.values)})",
                                 rule="PC206", **place)  # fmt: skip
        if len(set(values)) < len(values):
            raise RulesError(f"a value of {fact_id!r} is listed twice", rule="PC105", **place)
        conditions.append((fact_id, values))
    return tuple(conditions)


def _outcome(fields: Fields, text: CouncilText) -> Outcome:
    verdict = fields.text("verdict")
    if verdict not in VERDICTS:
        raise fields.error(f"verdict {verdict!r} must be one of: {', '.join(VERDICTS)}", "verdict")
    conditions = fields.texts("conditions")
    if verdict == Verdict.CONDITIONAL.value and not conditions:
        raise fields.error(
            "a conditional outcome must list its conditions", "verdict", rule="PC210"
        )
    cites = fields.cites("cites", text.paragraphs)
    outcome = Outcome(
        verdict=Verdict(verdict),
        summary=fields.text("summary"),
        conditions=conditions,
        cites=cites,
        contact=fields.role("contact", set(text.roles)) if fields.has("contact") else None,
        also=fields.roles("also", set(text.roles)),
        alternatives=fields.roles("alternatives", set(text.roles)),
        contact_note=fields.optional_text("contact_note"),
    )
    if fields.has("route"):
        outcome = _by_route(fields, outcome, text.routes)
    for key, role_id in _contacts(outcome):
        check_named(fields, key, text.roles[role_id], [text.paragraphs[r] for r in outcome.cites])
    return outcome


def _by_route(fields: Fields, outcome: Outcome, routes: dict[str, Route]) -> Outcome:
    """`route: NAME`: the contact is the general route the council names, cited and explained."""
    name = fields.text("route")
    route = routes.get(name)
    if route is None:
        known = ", ".join(sorted(routes)) or "none in council.yaml"
        raise fields.error(
            f"route {name!r} is not one of the council's routes ({known})", "route", rule="PC208"
        )
    if outcome.contact or outcome.contact_note:
        raise fields.error(
            "give either 'route' or 'contact' (and 'contact_note'), not both", "route",
            rule="PC208",
        )  # fmt: skip
    return outcome._replace(
        cites=tuple(dict.fromkeys((*outcome.cites, *route.cites))),
        contact=route.contact,
        contact_note=route.contact_note,
    )


def _contacts(outcome: Outcome) -> list[tuple[str, str]]:
    contact = [("contact", outcome.contact)] if outcome.contact else []
    return [*contact, *(("also", r) for r in outcome.also),
            *(("alternatives", r) for r in outcome.alternatives)]  # fmt: skip


def check_named(fields: Fields, key: str, role: Role, cited: list[Paragraph]) -> None:
    """A contact must be someone the cited paragraphs name: never a person the text does not
    send this question to."""
    flat = [" ".join(p.text.lower().split()) for p in cited]
    if any(name.lower() in text for name in role.phrases for text in flat):
        return
    refs = ", ".join(p.ref for p in cited)
    error = fields.error(
        f"{role.title} ({role.id}) is not named in the paragraphs cited ({refs}); cite the "
        "paragraph that names them, or give the role the words the text uses ('names')",
        key,
        rule="PC204",
    )
    error.paragraphs = tuple(p.ref for p in cited)
    raise error


def _route(fields: Fields, unresolved: Unresolved | None) -> Outcome:
    """`use: unresolved`: the advice the council's protocol gives for what it does not cover.

    Written once in council.yaml, so every topic's "not covered" answer says the same thing,
    in the protocol's words, with the same paragraph and contacts."""
    if fields.text("use") != "unresolved":
        raise fields.error("'use' can only be 'unresolved'", "use", rule="PC208")
    if unresolved is None or unresolved.summary is None:
        raise fields.error(
            "'use: unresolved' needs an unresolved block with a summary in council.yaml", "use",
            rule="PC208",
        )  # fmt: skip
    return Outcome(
        verdict=Verdict.REFER,
        summary=unresolved.summary,
        cites=unresolved.cites,
        contact=unresolved.contact,
        conditions=fields.texts("conditions"),
        alternatives=unresolved.alternatives,
        contact_note=unresolved.contact_note,
        unresolved=True,
        by_role=unresolved.by_role,
    )


_KINDS = {"missing": "PC301", "overlap": "PC302", "dead": "PC303", "too-complex": "PC306"}


def _check_table(
    top: Fields, topic: Questionnaire, asked: dict[str, Fact], lines: dict[str, int]
) -> None:
    """The hit policy, proved: complete, no overlap, no dead row, no fact asked for nothing.

    Each problem is its own finding (with a report), else the first is raised."""
    used = {fact for row in topic.rows for fact, _ in row.when}
    for fact_id in asked:
        if fact_id not in used:
            top.record(RulesError(
                f"fact {fact_id!r} is asked but no row depends on it", path=top.path,
                line=lines.get(fact_id, top.line("asks")), rule="PC304"))  # fmt: skip
    domains = [(f.id, f.values) for f in asked.values()]
    for problem in prove(domains, topic.rows):
        line = problem.rows[-1].line if problem.rows else top.line("rows")
        refs = tuple(dict.fromkeys(ref for row in problem.rows for ref in row.outcome.cites))
        top.record(RulesError(describe(problem, asked), path=top.path, line=line,
                              rule=_KINDS[problem.kind], paragraphs=refs))  # fmt: skip


def describe(problem: Problem, facts: dict[str, Fact]) -> str:
    """A problem in words an author can act on, naming rows and the answers concerned."""
    case = describe_case(problem.case, facts) if problem.case else ""
    if problem.kind == "missing":
        return f"no row covers {case}: add a row for it (every answer must reach one row)"
    if problem.kind == "overlap":
        first, second = problem.rows
        return (
            f"rows {first.id!r} (line {first.line}) and {second.id!r} both cover {case}: "
            "make their conditions exclusive (one row for each answer)"
        )
    if problem.kind == "dead":
        return f"row {problem.rows[0].id!r} can never be reached: a condition lists no values"
    return "the table is too tangled to check; split the topic or simplify its conditions"


def describe_case(case: Case, facts: dict[str, Fact]) -> str:
    named = dict(case.conditions)
    parts = []
    for fact_id, fact in facts.items():
        values = named.get(fact_id)
        if values is not None and len(values) < len(fact.values):
            parts.append(f"{fact_id} = {' or '.join(values)}")
    return ", ".join(parts) or "every answer"
