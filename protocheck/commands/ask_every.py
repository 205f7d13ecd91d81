"""`protocheck ask THEME --all-councils`: the same situation put to every council."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import output
from ..documents import load_scenario
from ..errors import InputError, NotFound
from ..every_council import (
    Case,
    ask_every,
    cases,
    check_known,
    each_case,
    find_theme,
    missing_groups,
    next_shared,
    routed_cases,
)
from ..models import Verdict
from ..render.every import every_blocks, every_dict, every_markdown, missing_lines
from ..scenario import Scenario, parse_set
from .context import context


def run(
    name: str | None,
    answers_file: Path | None,
    set_values: list[str],
    fmt: str,
    interactive: bool,
    gate: frozenset[Verdict] = frozenset(),
) -> None:
    scenario = load_scenario(answers_file) if answers_file else Scenario(None, None, None, {})
    name = name or scenario.topic
    if name is None:
        raise InputError("name a theme or topic to put to every council, e.g. 'press'")
    ctx = context(None, default_single=False)
    from_file = check_known(ctx.library, scenario.answers, scenario.path, scenario.lines)
    answers = {**from_file, **check_known(ctx.library, parse_set(set_values))}
    all_cases: Iterable[Case]
    try:
        theme = find_theme(name, ctx.library)
    except NotFound:
        if " " not in name.strip():
            raise
        theme, all_cases = routed_cases(ctx.library, name)
    else:  # asked in turn, council by council, unless a person answers for all at once
        all_cases = cases(ctx.library, theme) if interactive else each_case(ctx.library, theme)
    if interactive:
        answers = _ask(list(all_cases), answers)
    results = ask_every(all_cases, answers)
    missing = [r for r in results if r.missing]
    if missing:
        lines = missing_lines(missing_groups(missing))
        if fmt == "json":
            from ..render.data import missing_dict, to_json

            needed = [(r.council, r.topic, f) for r in missing if r.topic for f in r.missing]
            output.write_text(to_json(missing_dict(needed, lines[0])))
        raise InputError("\n".join(lines))
    if fmt == "json":
        from ..render.data import to_json

        output.write_text(to_json(every_dict(theme, results, answers)))
    elif fmt == "markdown":
        output.write_text(every_markdown(theme, results))
    else:
        output.show(every_blocks(theme, results), page=True)
    from .ask import refuse_verdicts

    refuse_verdicts([r.advice for r in results if r.advice is not None], gate)


def _ask(all_cases: list[Case], answers: dict[str, str]) -> dict[str, str]:
    """Shared facts once, for every council; then each council's own questions."""
    from ..every_council import answers_for
    from ..interactive import ask_fact, run_questionnaire
    from .ask import _say

    answers = dict(answers)
    while (fact := next_shared(all_cases, answers)) is not None:
        _say("")
        answers[fact.id] = ask_fact(fact, _say)
    asked: dict[tuple, tuple[str, dict[str, str]]] = {}  # a model's topic, in many councils
    for case in all_cases:
        if case.topic is None:
            continue
        mine = answers_for(case.council, answers)
        same = (case.topic, case.council.facts, tuple(sorted(mine.items())))
        if same in asked:  # the very same questions: asked once, answered alike
            first, own = asked[same]
            if own:  # said only where there were questions
                _say("")
                said = f"the same questions as for {first}, answered alike."
                _say(f"For {case.council.label}: {said}")
        else:
            title = case.council.label
            own = run_questionnaire(case.council, case.topic, mine, _say, title=title)
            own = {k: v for k, v in own.items() if k not in mine}
            asked[same] = (title, own)
        answers.update({f"{case.council.slug}:{k}": v for k, v in own.items()})
    return answers
