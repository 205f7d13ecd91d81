"""What each council's protocol says on one theme, side by side (pure: no terminal, no files).

A theme comes from the topic catalogue (by id, title or alias), from a questionnaire id, or is
free text. A paragraph addresses a theme when it contains one of the theme's anchors: its words
in order, each as a whole word or its plural (`complaint` finds `complaints`), or as a word
beginning where the anchor says so (`intimidat*`). Where a protocol has no such paragraph, the
comparison says it is not addressed rather than guessing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from .errors import NotFound
from .library import Library, suggest
from .models import Council, Paragraph, Verdict

CATALOGUE = Path(__file__).parent / "catalogue" / "themes.yaml"


class Theme(NamedTuple):
    id: str
    title: str
    anchors: tuple[str, ...]
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


class Passage(NamedTuple):
    paragraph: Paragraph
    quote: str
    anchors: tuple[str, ...]


class Headline(NamedTuple):
    topic: str
    topic_title: str
    verdict: Verdict
    summary: str


class CouncilView(NamedTuple):
    council: Council
    passages: tuple[Passage, ...]
    headlines: tuple[Headline, ...]

    @property
    def addressed(self) -> bool:
        return bool(self.passages or self.headlines)


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


def resolve_theme(text: str, catalogue: tuple[Theme, ...], library: Library) -> Theme:
    """The catalogue theme or questionnaire named by `text`, else a free-text theme."""
    key = _key(text)
    if not key:
        raise NotFound("name a theme to compare, e.g. 'exempt information'")
    for theme in catalogue:
        if key in {_key(theme.id), _key(theme.title), *(_key(a) for a in theme.aliases)}:
            return theme
    for theme in catalogue:
        if any(key == _key(t) for t in theme.topics):
            return theme
    for council in library.councils:
        topic = council.questionnaire(text.strip())
        if topic is not None:
            return Theme(topic.id, topic.title, (topic.title, *topic.keywords), (topic.id,))
    return Theme(key.replace(" ", "-"), text.strip(), (text.strip(),))


def near_themes(text: str, catalogue: tuple[Theme, ...]) -> str:
    return suggest(_key(text), [_key(a) for t in catalogue for a in (t.title, *t.aliases)])


def _word(word: str) -> str:
    if word.endswith("*"):
        return rf"\b{re.escape(word[:-1])}\w*"
    return rf"\b{re.escape(word)}(?:s|es)?\b"


class Anchor(NamedTuple):
    """A phrase that shows a paragraph addresses a theme, ready to test paragraphs with."""

    text: str
    words: tuple[str, ...]  # as they stand: every match contains each of them
    pattern: re.Pattern[str] | None  # the words in order, only spaces or punctuation between

    @classmethod
    def of(cls, text: str) -> Anchor:
        words = re.findall(r"[a-z0-9]+\*?", text.lower())
        pattern = re.compile(r"\W+".join(_word(w) for w in words)) if words else None
        return cls(text, tuple(w.rstrip("*") for w in words), pattern)

    def mentioned_in(self, lowered: str) -> bool:
        """Plain substring tests rule out most paragraphs at a fraction of the pattern's cost."""
        if self.pattern is None or not all(w in lowered for w in self.words):
            return False
        return self.pattern.search(lowered) is not None


def compare(library: Library, theme: Theme, councils: tuple[Council, ...] | None = None,
            per_council: int = 4) -> list[CouncilView]:  # fmt: skip
    """For each council, the paragraphs that address the theme and its questionnaires' verdicts."""
    anchors = [Anchor.of(a) for a in theme.anchors]
    views = []
    for council in councils or library.councils:
        passages = []
        for paragraph in council.paragraphs:
            text = paragraph.text.lower()
            hit = tuple(a.text for a in anchors if a.mentioned_in(text))
            if hit:
                passages.append(Passage(paragraph, short_quote(paragraph.text, hit), hit))
        ranked = sorted(passages, key=lambda p: -len(p.anchors))[:per_council]
        ranked.sort(key=lambda p: council.paragraphs.index(p.paragraph))
        views.append(CouncilView(council, tuple(ranked), _headlines(council, theme)))
    return views


def _headlines(council: Council, theme: Theme) -> tuple[Headline, ...]:
    result = []
    for topic in council.questionnaires:
        if topic.id in theme.topics or topic.theme == theme.id:
            result += [
                Headline(topic.id, topic.title, r.outcome.verdict, r.outcome.summary)
                for r in topic.rows
            ]
    return tuple(result)


def short_quote(text: str, anchors: tuple[str, ...], width: int = 200) -> str:
    """The sentence where the first anchor word appears, trimmed to about `width` characters."""
    flat = " ".join(text.split())
    first = Anchor.of(anchors[0]).pattern
    match = first.search(flat.lower()) if first else None
    sentences = list(re.finditer(r"[^.;:!?]+[.;:!?]*", flat))
    chosen = flat
    if match:
        chosen = next((s.group() for s in sentences if s.start() <= match.start() < s.end()), flat)
    chosen = chosen.strip()
    if len(chosen) <= width:
        return chosen
    cut = chosen.rfind(" ", 0, width)
    return chosen[: cut if cut > 0 else width] + " …"
