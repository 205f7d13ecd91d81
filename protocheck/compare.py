"""What each council's protocol says on one theme, side by side (pure: no terminal, no files).

A theme comes from the topic catalogue (by id, title or alias), from a questionnaire id, or is
free text. A paragraph addresses a theme when it contains one of the theme's anchors: its words
in order, matched by stem as search matches them (`enquiry` finds `enquiries`), or as a word
beginning where the anchor says so (`intimidat*`). Where a protocol has no such paragraph, the
comparison says it is not addressed rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import NotFound
from .library import Library, suggest
from .models import Council, Paragraph, Verdict
from .words import Term, Token, content, tokenize

if TYPE_CHECKING:
    from .thesaurus import Thesaurus

CATALOGUE = Path(__file__).parent / "catalogue" / "themes.yaml"


class Theme(NamedTuple):
    id: str
    title: str
    anchors: tuple[str, ...]
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @classmethod
    def of_topic(cls, topic_id: str, title: str, keywords: tuple[str, ...]) -> Theme:
        """A questionnaire named as a theme: its title and keywords are what to look for."""
        return cls(topic_id, title, (title, *keywords), (topic_id,))


class Headline(NamedTuple):
    topic: str
    topic_title: str
    verdict: Verdict
    summary: str


class CouncilView(NamedTuple):
    council: Council
    passages: tuple[Passage, ...]  # every one, in the protocol's order
    headlines: tuple[Headline, ...]

    @property
    def addressed(self) -> bool:
        return bool(self.passages or self.headlines)

    def best(self, count: int | None) -> tuple[tuple[Passage, ...], tuple[Passage, ...]]:
        """The `count` passages that mention most anchors, and the rest; both in order."""
        if count is None or len(self.passages) <= count:
            return self.passages, ()
        ranked = sorted(self.passages, key=lambda p: -len(p.anchors))[:count]
        chosen = tuple(p for p in self.passages if p in ranked)
        return chosen, tuple(p for p in self.passages if p not in ranked)


def load_catalogue(path: Path = CATALOGUE) -> tuple[Theme, ...]:
    from .fields import Fields
    from .yamlfile import read_yaml

    top = Fields(path, read_yaml(path), "the catalogue", required=("themes",))
    themes = []
    for item, line in top.items("themes"):
        fields = Fields(
            path, item, "a theme", required=("id", "title", "anchors"),
            optional=("aliases", "topics"), line=line,
        )  # fmt: skip
        themes.append(
            Theme(
                fields.identifier("id"),
                fields.text("title"),
                fields.texts("anchors"),
                fields.texts("topics"),
                fields.texts("aliases"),
            )
        )
    return tuple(themes)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def resolve_theme(
    text: str,
    catalogue: tuple[Theme, ...],
    topic_named: Callable[[str], Theme | None],
    thesaurus: Callable[[], Thesaurus] | None = None,
) -> Theme:
    """The catalogue theme or questionnaire named by `text`, else a free-text theme, widened
    as search widens it where the catalogue's word list has the whole text (litigation ->
    legal proceedings); the word list is read only for free text."""
    key = _key(text)
    if not key:
        raise NotFound("name a theme to compare, e.g. 'exempt information'")
    for theme in catalogue:
        if key in {_key(theme.id), _key(theme.title), *(_key(a) for a in theme.aliases)}:
            return theme
    for theme in catalogue:
        if any(key == _key(t) for t in theme.topics):
            return theme
    topic = topic_named(text.strip())
    if topic is not None:
        return topic
    anchors = [text.strip()]
    widened = thesaurus().expand(tokenize(text)) if thesaurus else []
    said = {t.stem for t in content(widened[0].said)} if len(widened) == 1 else set()
    if said and said >= {t.stem for t in content(text)}:
        anchors += [t.text for t in widened[0].terms]
    return Theme(key.replace(" ", "-"), text.strip(), tuple(anchors))


def topic_theme(library: Library) -> Callable[[str], Theme | None]:
    """The theme of the first council's questionnaire with this id."""

    def named(topic_id: str) -> Theme | None:
        for council in library.each():
            topic = council.questionnaire(topic_id)
            if topic is not None:
                return Theme.of_topic(topic.id, topic.title, topic.keywords)
        return None

    return named


def near_themes(text: str, catalogue: tuple[Theme, ...]) -> str:
    """A catalogue theme spelt like what was typed (a slip, 'presss'); a theme that merely
    shares letters ('parking fines', 'declaring interests') is no suggestion."""
    names = [_key(a) for t in catalogue for a in (t.title, *t.aliases)]
    return suggest(_key(text), names, cutoff=0.8)


class Passage(NamedTuple):
    """What compare shows of a paragraph that addresses the theme: where it is, the sentence
    that shows it, and the anchors it holds (not the whole text: hundreds may be compared)."""

    ref: str
    heading: str
    cut_off: bool
    quote: str
    anchors: tuple[str, ...]
    whole: str = ""  # a digest of the whole paragraph: two passages alike are alike in full

    @classmethod
    def of(cls, paragraph: Paragraph, quote: str, anchors: tuple[str, ...]) -> Passage:
        from .store import digest

        whole = digest(paragraph.text)
        return cls(paragraph.ref, paragraph.heading, paragraph.cut_off, quote, anchors, whole)


def compare(
    library: Library, theme: Theme, councils: tuple[Council, ...] | None = None
) -> list[CouncilView]:
    """For each council, every paragraph that addresses the theme (in the protocol's order)
    and its questionnaires' verdicts."""
    anchors = [Term.of(a) for a in theme.anchors]
    return [
        CouncilView(c.light(), passages(c.paragraphs, anchors), _headlines(c, theme))
        for c in councils or library.each()
    ]


def passages(paragraphs: Iterable[Paragraph], anchors: list[Term]) -> tuple[Passage, ...]:
    """The paragraphs holding an anchor, each with the sentence that shows it: the protocol's
    own words only (a report's commentary on it is not what the protocol says)."""
    found = []
    for paragraph in paragraphs:
        if paragraph.commentary:
            continue
        tokens = tokenize(paragraph.text)
        stems = frozenset(t.stem for t in tokens)
        hit = tuple(a.text for a in anchors if a.in_tokens(tokens, stems))
        if hit:
            known = tokens if _is_flat(paragraph.text) else None  # its tokens serve the quote
            quote = short_quote(paragraph.text, hit, tokens=known)
            found.append(Passage.of(paragraph, quote, hit))
    return tuple(found)


def _is_flat(text: str) -> bool:
    """Whether the text is already as `short_quote` flattens it (single spaces, no ends)."""
    return " ".join(text.split()) == text


def _headlines(council: Council, theme: Theme) -> tuple[Headline, ...]:
    result = []
    for topic in council.questionnaires:
        if topic.id in theme.topics or topic.theme == theme.id:
            result += [
                Headline(topic.id, topic.title, r.outcome.verdict, r.outcome.summary)
                for r in topic.rows
            ]
    return tuple(result)


# A sentence or clause: up to a full stop, colon, semicolon or mark, but not the stops of
# 'e.g.', 'i.e.', 'etc.', 'viz.' or 'cf.' ("(e.g. a committee member wishing ...").
SENTENCE = re.compile(r"(?:\b(?:e\.g|i\.e|etc|viz|cf)\.|[^.;:!?])+[.;:!?]*", re.IGNORECASE)


def short_quote(
    text: str, anchors: tuple[str, ...], width: int = 200, tokens: list[Token] | None = None
) -> str:
    """The sentence where the first anchor word appears, trimmed to about `width` characters,
    with '…' wherever words are left out: at the end, and at the start where the part chosen
    follows a colon or semicolon (`tokens`: the text's, where it is already flat, so that it
    is not read twice)."""
    flat = " ".join(text.split())
    tokens = tokens if tokens is not None else tokenize(flat)
    found = Term.of(anchors[0]).occurrences(tokens)
    sentences = list(SENTENCE.finditer(flat))
    chosen, lead = flat, ""
    if found:
        at = tokens[found[0][0]].start
        sentence = next((s for s in sentences if s.start() <= at < s.end()), None)
        if sentence is not None:
            chosen = sentence.group()
            before = flat[: sentence.start()].rstrip()
            lead = "… " if before and before[-1] not in ".!?" else ""  # it starts mid-sentence
    chosen = chosen.strip()
    if len(chosen) <= width:
        return lead + chosen
    cut = chosen.rfind(" ", 0, width)
    return lead + chosen[: cut if cut > 0 else width] + " …"
