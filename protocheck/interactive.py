"""The guided questionnaire at a terminal: one question at a time, with a way back.

The only module that imports questionary (about 170 ms), and only once a person is there to be
asked. Each step asks the engine which fact still matters, so going back and changing an
answer is just forgetting it (the earlier answer stays selected, ready to keep or change).
"""

from __future__ import annotations

from collections.abc import Sequence

from .engine import next_fact, why_asked
from .errors import Cancelled
from .models import Council, Fact, Questionnaire
from .render.blocks import grouped

BACK = "\x00back"
TOPICS = "\x00topics"


class BackToTopics(Exception):
    """The person went back from a topic's first question: offer the topics again."""


def _select(
    message: str,
    options: Sequence[tuple[str, str] | tuple[str, str, str | None]],
    *,
    search: bool = False,
    noun: str = "choice",
    default: str | None = None,
    matcher=None,
) -> str:
    import questionary

    choices = [
        questionary.Choice(title=o[1], value=o[0], description=o[2] if len(o) > 2 else None)
        for o in options
    ]
    _cap[0] = None  # set again for a council list, below
    if search:
        _say_when_nothing_matches(noun, matcher)
    prompt = questionary.select(
        wrapped(message),
        choices=choices,
        default=default if default in {o[0] for o in options} else None,
        use_search_filter=search,
        use_jk_keys=not search,
        use_shortcuts=False,
        instruction=_instruction(search, message, len(options), noun),
    )
    if search:
        _enter_needs_a_match(prompt)
    try:
        answer = prompt.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled() from None
    if answer is None:
        raise Cancelled()
    return str(answer)


class Findable(str):
    """A choice's title that type-to-filter also finds by its keywords.

    questionary filters on `title.lower()`, so a title whose lower case carries the topic's
    keywords lets someone type "exempt" or "part ii" and find "Members' access to Council
    documents", while the list still shows the title alone."""

    _haystack: str

    def __new__(cls, title: str, keywords: Sequence[str] = ()) -> Findable:
        findable = super().__new__(cls, title)
        findable._haystack = " | ".join((title, *keywords)).lower()
        return findable

    def lower(self) -> str:
        return self._haystack


_noun = ["choice"]  # what the list holds, for the "no ... matches" note; set per prompt
_matcher: list = [None]  # how typing filters the list: None for questionary's own, per prompt
LONG_LIST = 40  # councils shown until something is typed: hundreds may be installed
_cap: list = [None]  # the list's cap: LONG_LIST for councils; topic lists are a council's own


def _say_when_nothing_matches(noun: str, matcher=None) -> None:
    """Put "nothing matches" in words beside the filter, which questionary marks by colour alone.

    When no title matches, questionary shows every choice and colours the filter red; someone
    who cannot see the red would press Enter on the first choice. The control is swapped once,
    and only if questionary still has the shape we expect; otherwise it behaves as it always
    did. The noun is read at each prompt, so a council list and then a topic list each say
    what they hold."""
    from questionary.prompts import common, select

    _noun[0] = noun
    _matcher[0] = matcher
    _cap[0] = LONG_LIST if noun == "council" else None
    base = getattr(select, "InquirerControl", None)
    if getattr(base, "says_no_match", False):
        return
    if base is not common.InquirerControl or not hasattr(base, "get_search_string_tokens"):
        return

    class SaysNoMatch(base):  # type: ignore[misc, valid-type]
        says_no_match = True

        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            _live[0] = self  # the list on screen, for Enter to ask whether anything matched

        @property
        def filtered_choices(self):  # type: ignore[no-untyped-def]
            if not self.search_filter:
                return _first(self.choices)
            if _matcher[0] is None:
                found = super().filtered_choices
                return found if self.found_in_search else _first(found)
            found = _matcher[0](self.search_filter, self.choices)
            self.found_in_search = bool(found)
            return found or _first(self.choices)

        def get_search_string_tokens(self):  # type: ignore[no-untyped-def]
            tokens = super().get_search_string_tokens()
            if tokens and not self.found_in_search:
                cut = _cap[0] is not None and len(self.choices) > _cap[0]
                shown = f"the first {_cap[0]}" if cut else "all"
                note = (
                    f"  (no {_noun[0]} matches: showing {shown}; Backspace to change, then Enter)"
                )
                tokens.append(("class:instruction", note))
            return tokens

    select.InquirerControl = SaysNoMatch


_live: list = [None]  # the filtered list on screen, once questionary's control is swapped


def _nothing_matches() -> bool:
    control = _live[0]
    return bool(control and control.search_filter and not control.found_in_search)


def _enter_needs_a_match(prompt) -> None:  # type: ignore[no-untyped-def]
    """While what is typed matches nothing, Enter chooses nothing: it used to choose the
    first item shown ('leicester city' chose Camborne). The note beside the filter says so."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    held = KeyBindings()

    @held.add("enter", filter=Condition(_nothing_matches), eager=True)
    def _(event) -> None:  # type: ignore[no-untyped-def]
        """Stay on the list."""

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, held])


def _first(choices: list) -> list:
    """A long list of councils as shown before anything is typed: its first LONG_LIST, so that
    hundreds are neither drawn nor read out one by one (the prompt says to type)."""
    cap = _cap[0]
    return choices[:cap] if cap is not None and len(choices) > cap else choices


def choose_council(councils: Sequence[tuple[str, str, tuple[str, ...]]]) -> str:
    """A council, by typing part of its name, slug or alias; `councils` is (slug, name,
    aliases)."""
    options = [(slug, Findable(name, (slug, *aliases))) for slug, name, aliases in councils]
    return _select("Which council's protocol?", options, search=True, noun="council")


def choose_topic(council: Council, make_router=None) -> str:
    """A topic from the list; typing filters it as `ask "in your own words"` does: by the
    topic's words, their synonyms and related words, forgiving misspellings. The router is
    made at the first key typed, so the list appears as fast as it can."""
    options = [(t.id, Findable(t.title, t.keywords)) for t in council.questionnaires]
    matcher = _topic_matcher(make_router) if make_router is not None else None
    return _select("What is your question about?", options, search=True, noun="topic",
                   matcher=matcher)  # fmt: skip


def _topic_matcher(make_router):  # type: ignore[no-untyped-def]
    """Choices whose title or keywords hold what was typed, then those the router ranks."""
    made: list = []

    def match(typed: str, choices: list) -> list:
        if not made:
            made.append(make_router())
        plain = [c for c in choices if typed.lower() in str(c.title).lower()]
        ranked = [c.topic.id for c in made[0].rank(typed, limit=len(choices)).candidates]
        by_id = {c.value: c for c in choices}
        routed = [by_id[i] for i in ranked if i in by_id and by_id[i] not in plain]
        return plain + routed

    return match


def closest_topic(topics: Sequence[Questionnaire]) -> str | None:
    """Which of a few close topics fits; None to see them all."""
    options = [(t.id, t.title) for t in topics] + [(TOPICS, "None of these: show all topics")]
    chosen = _select("Which of these is closest to your question?", options)
    return None if chosen == TOPICS else chosen


def sources(council: Council, refs: tuple[str, ...]) -> str:
    """'paragraphs 12.1 and 12.2 (Heading)': refs in the protocol's order, grouped under the
    heading they share, so each heading is read out once."""
    wanted = set(refs)
    return grouped(tuple(p for p in council.paragraphs if p.ref in wanted))


def ask_fact(fact: Fact, say) -> str:
    """One fact on its own (a question every council shares); no way back."""
    if fact.help:
        say(fact.help)
    return _select(fact.question, [(c.value, c.label, c.help) for c in fact.choices])


def _instruction(search: bool, message: str, count: int = 0, noun: str = "choice") -> str:
    """How to answer, on a line of its own when the question wraps, so it never splits a word
    at the terminal's edge. A long list says how many it holds and that typing finds one."""
    if search and noun == "council" and count > LONG_LIST:
        text = (
            f"({count} {noun}s, the first {LONG_LIST} shown: type part of a name to find yours; "
            "arrow keys to move, Enter to choose)"
        )
    elif search:
        text = "(type to filter, arrow keys to move, Enter to choose)"
    else:
        text = "(arrow keys to move, Enter to choose)"
    lines = wrapped(message).split("\n")
    fits = len(lines[-1]) + len(text) + 4 <= _columns()
    if fits and len(lines) == 1:
        return text
    return "\n  " + wrapped(text).replace("\n", "\n  ")  # each line indented, whole words


def _columns() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def wrapped(message: str) -> str:
    """A question broken at word boundaries to fit the terminal (after questionary's "? ")."""
    import textwrap

    width = max(_columns() - 3, 20)
    lines = textwrap.wrap(message, width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines) or message


def _explain_question(council: Council, fact: Fact, cites: tuple[str, ...], say) -> None:
    if cites:
        say(f"From {sources(council, cites)}.")
    if fact.help:
        say(fact.help)


def run_questionnaire(
    council: Council,
    topic: Questionnaire,
    answers: dict[str, str],
    say,
    *,
    can_leave: bool = False,
    title: str | None = None,
) -> dict[str, str]:
    """Ask until the answers reach a row; return them. `say` prints a line of help.

    Going back forgets the last answer but keeps it selected; from the first question,
    `can_leave` offers the list of topics again (BackToTopics)."""
    answers = dict(answers)
    history: list[str] = []
    previous: dict[str, str] = {}
    while True:
        fact = next_fact(council, topic, answers)
        if fact is None:
            return answers
        if title:
            say("")
            say(f"For {title}:")
            title = None
        say("")
        _explain_question(council, fact, why_asked(topic, fact, answers), say)
        options: list[tuple[str, str, str | None]] = [
            (c.value, c.label, c.help) for c in fact.choices
        ]
        if history:
            options.append((BACK, "Go back to the previous question", None))
        elif can_leave:
            options.append((TOPICS, "Go back to the list of topics", None))
        value = _select(fact.question, options, default=previous.get(fact.id))
        if value == TOPICS:
            raise BackToTopics()
        if value == BACK:
            last = history.pop()
            previous[last] = answers.pop(last)
            continue
        answers[fact.id] = value
        history.append(fact.id)
