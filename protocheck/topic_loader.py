"""Load one questionnaire and prove its graph sound before anyone is asked a question.

Like GOV.UK Smart Answers' flow checks: every `next` must exist, every question and outcome
must be reachable from `start`, and no path may loop, so every path ends in an outcome.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RulesError
from .fields import Fields
from .models import Choice, Outcome, Question, Questionnaire, Unresolved, Verdict
from .yamlfile import read_yaml

VERDICTS = tuple(v.value for v in Verdict)
MAX_LABEL = 80  # a prompt cuts, not wraps, a longer choice on an 80-column terminal


def load_questionnaire(
    path: Path, refs: set[str], role_ids: set[str], unresolved: Unresolved | None = None
) -> Questionnaire:
    top = Fields(
        path,
        read_yaml(path),
        "a topic",
        required=("id", "title", "start"),
        optional=("description", "keywords", "questions", "outcomes"),
    )
    topic_id = top.identifier("id")
    if topic_id != path.stem:
        raise top.error(f"id {topic_id!r} must match the file name {path.stem!r}", "id")
    lines: dict[str, int] = {}
    questions = tuple(
        _question(path, item, line, refs, lines) for item, line in top.items("questions")
    )
    outcomes = tuple(
        _unresolved_outcome(path, item, line, unresolved, lines)
        if isinstance(item, dict) and "use" in item
        else _outcome(path, item, line, refs, role_ids, lines)
        for item, line in top.items("outcomes")
    )
    if not outcomes:
        raise top.error("a topic needs at least one outcome")
    topic = Questionnaire(
        id=topic_id,
        title=top.text("title"),
        description=top.optional_text("description"),
        keywords=top.texts("keywords"),
        start=top.identifier("start"),
        questions=questions,
        outcomes=outcomes,
    )
    _check_graph(path, topic, lines, top.line("start"))
    return topic


def _register(fields: Fields, node_id: str, lines: dict[str, int]) -> None:
    if node_id in lines:
        raise fields.error(f"id {node_id!r} is used twice (first on line {lines[node_id]})", "id")
    lines[node_id] = fields.line("id")


def _question(
    path: Path, item: object, line: int, refs: set[str], lines: dict[str, int]
) -> Question:
    fields = Fields(
        path,
        item,
        "a question",
        required=("id", "text", "choices"),
        optional=("help", "cites"),
        line=line,
    )
    question_id = fields.identifier("id")
    _register(fields, question_id, lines)
    choices = tuple(_choice(path, c, c_line) for c, c_line in fields.items("choices"))
    if not choices:
        raise fields.error(f"question {question_id!r} has no choices, so its path ends here")
    values = [c.value for c in choices]
    for value in values:
        if values.count(value) > 1:
            raise fields.error(f"choice value {value!r} appears twice", "choices")
    return Question(
        id=question_id,
        text=fields.text("text"),
        help=fields.optional_text("help"),
        cites=fields.cites("cites", refs, required=False),
        choices=choices,
    )


def _choice(path: Path, item: object, line: int) -> Choice:
    fields = Fields(path, item, "a choice", required=("value", "label", "next"), line=line)
    label = fields.text("label")
    if len(label) > MAX_LABEL:
        raise fields.error(
            f"label is {len(label)} characters; keep it to {MAX_LABEL} so it fits on one line "
            "of a terminal (put detail in the question's help)",
            "label",
        )
    return Choice(fields.identifier("value"), label, fields.identifier("next"))


def _outcome(
    path: Path, item: object, line: int, refs: set[str], role_ids: set[str], lines: dict[str, int]
) -> Outcome:
    fields = Fields(
        path,
        item,
        "an outcome",
        required=("id", "verdict", "summary", "cites", "contact"),
        optional=("conditions", "others"),
        line=line,
    )
    outcome_id = fields.identifier("id")
    _register(fields, outcome_id, lines)
    verdict = fields.text("verdict")
    if verdict not in VERDICTS:
        raise fields.error(f"verdict {verdict!r} must be one of: {', '.join(VERDICTS)}", "verdict")
    conditions = fields.texts("conditions")
    if verdict == Verdict.CONDITIONAL.value and not conditions:
        raise fields.error("a conditional outcome must list its conditions", "verdict")
    return Outcome(
        id=outcome_id,
        verdict=Verdict(verdict),
        summary=fields.text("summary"),
        conditions=conditions,
        cites=fields.cites("cites", refs),
        contact=fields.role("contact", role_ids),
        others=fields.roles("others", role_ids),
    )


def _unresolved_outcome(
    path: Path, item: object, line: int, unresolved: Unresolved | None, lines: dict[str, int]
) -> Outcome:
    """`use: unresolved`: the advice the council's protocol gives for what it does not cover.

    Written once in council.yaml, so every topic's "not covered" answer says the same thing,
    in the protocol's words, with the same paragraph and contacts."""
    fields = Fields(
        path, item, "an outcome", required=("id", "use"), optional=("conditions",), line=line
    )
    outcome_id = fields.identifier("id")
    _register(fields, outcome_id, lines)
    if fields.text("use") != "unresolved":
        raise fields.error("'use' can only be 'unresolved'", "use")
    if unresolved is None or unresolved.summary is None:
        raise fields.error(
            "'use: unresolved' needs an unresolved block with a summary in council.yaml", "use"
        )
    return Outcome(
        id=outcome_id,
        verdict=Verdict.REFER,
        summary=unresolved.summary,
        cites=unresolved.cites,
        contact=unresolved.contact,
        conditions=fields.texts("conditions"),
        others=unresolved.others,
    )


def _check_graph(path: Path, topic: Questionnaire, lines: dict[str, int], start_line: int) -> None:
    """Every `next` resolves, nothing loops, and every node is reachable from `start`."""
    nodes = {node.id: node for node in (*topic.questions, *topic.outcomes)}
    if topic.start not in nodes:
        raise RulesError(
            f"start {topic.start!r} is not a question or outcome", path=path, line=start_line
        )
    for question in topic.questions:
        for choice in question.choices:
            if choice.next not in nodes:
                raise RulesError(
                    f"choice {choice.value!r} of {question.id!r} leads to {choice.next!r}, "
                    "which is not a question or outcome",
                    path=path,
                    line=lines[question.id],
                )
    reached = _reach(path, topic, lines)
    for node_id in nodes:
        if node_id not in reached:
            raise RulesError(
                f"{node_id!r} cannot be reached from start {topic.start!r}",
                path=path,
                line=lines[node_id],
            )


def _reach(path: Path, topic: Questionnaire, lines: dict[str, int]) -> set[str]:
    """Depth-first walk from start; a question met again on its own path is a loop."""
    reached: set[str] = set()
    on_path: list[str] = []

    def visit(node_id: str) -> None:
        if node_id in on_path:
            loop = " -> ".join([*on_path[on_path.index(node_id) :], node_id])
            raise RulesError(f"questions loop: {loop}", path=path, line=lines[node_id])
        if node_id in reached:
            return
        reached.add(node_id)
        question = topic.question(node_id)
        if question is None:
            return
        on_path.append(node_id)
        for choice in question.choices:
            visit(choice.next)
        on_path.pop()

    visit(topic.start)
    return reached
