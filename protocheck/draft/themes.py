"""Coverage of themes: which catalogue themes the draft addresses, and which a complete
protocol addresses but the draft does not (no route for complaints, nothing on access to
information). The complete protocol is the council's current one; where protocheck holds only
an extract of it, or no council is named, the national model protocol.

A paragraph addresses a theme as `compare` decides it: it has one of the theme's anchors. A
heading alone does not: a draft that keeps "Personal relationships" over nothing says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..compare import Theme, load_catalogue
from ..findings import Finding, finding
from ..models import Council
from ..models import Paragraph as ProtocolParagraph
from ..words import Term, Token, tokenize
from .document import Draft

NATIONAL_MODEL = "model-councillor-officer-protocol"


class Yardstick(NamedTuple):
    """The complete protocol a draft is measured against: its name and paragraphs."""

    name: str
    council: str | None  # its council's slug; None for the national model
    paragraphs: tuple[ProtocolParagraph, ...]


class Coverage(NamedTuple):
    against: Yardstick
    addressed: tuple[Theme, ...]  # by the draft
    missing: tuple[tuple[Theme, tuple[str, ...]], ...]  # and the yardstick's paragraphs on it


def yardstick(council: Council | None) -> Yardstick | None:
    """The council's own protocol if it is whole, else the model it adopts or the national one."""
    if council is not None and not council.source.is_extract:
        return Yardstick(council.name, council.slug, council.paragraphs)
    return _model(council.model if council and council.model else NATIONAL_MODEL)


def _model(model_id: str) -> Yardstick | None:
    from ..library import MODEL_FILE, MODELS_DIR, rules_roots

    for root in reversed(rules_roots()):
        folder = root / MODELS_DIR / model_id
        if (folder / MODEL_FILE).is_file():
            return _model_text(folder)
    return None


@lru_cache(maxsize=8)
def _model_text(folder: Path) -> Yardstick | None:
    """A model's paragraphs, read once a run (a run checking many drafts measures each)."""
    from ..errors import RulesError
    from ..library import PARAGRAPHS_FILE
    from ..loader import load_paragraphs

    try:
        text = load_paragraphs(folder / PARAGRAPHS_FILE, False)
    except RulesError:
        return None
    return Yardstick(f"the national model protocol ({folder.name})", None, text.paragraphs)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[Theme, ...]:
    return load_catalogue()


def coverage(draft: Draft, against: Yardstick) -> Coverage:
    words = _Words.of(draft)
    addressed, missing = [], []
    for theme, refs in _addressing(against):
        if any(words.has(Term.of(a)) for a in theme.anchors):
            addressed.append(theme)
        elif refs:
            missing.append((theme, refs))
    return Coverage(against, tuple(addressed), tuple(missing))


class _Words(NamedTuple):
    """A draft's words, and the sets that tell at once that an anchor cannot be there (a
    draft of a megabyte is looked through once, not once an anchor)."""

    tokens: list[Token]
    stems: set[str]
    folded: set[str]

    @classmethod
    def of(cls, draft: Draft) -> _Words:
        tokens = [t for p in draft.paragraphs for t in tokenize(p.text)]
        return cls(tokens, {t.stem for t in tokens}, {t.word for t in tokens})

    def has(self, term: Term) -> bool:
        for part in term.parts:
            if part.endswith("*"):
                if not any(w.startswith(part[:-1]) for w in self.folded):
                    return False
            elif part not in self.stems:
                return False
        return term.in_tokens(self.tokens)


@lru_cache(maxsize=16)
def _addressing(against: Yardstick) -> tuple[tuple[Theme, tuple[str, ...]], ...]:
    """Each catalogue theme, and the yardstick's paragraphs that address it: the same for
    every draft measured against it, so worked out once."""
    theirs = [(p.ref, tokenize(p.text)) for p in against.paragraphs]
    found = []
    for theme in _catalogue():
        anchors = [Term.of(a) for a in theme.anchors]
        refs = tuple(ref for ref, tokens in theirs if any(a.in_tokens(tokens) for a in anchors))
        found.append((theme, refs))
    return tuple(found)


def theme_findings(found: Sequence[Coverage], draft: Draft) -> list[Finding]:
    """A warning for each theme the yardstick addresses and the draft does not: whole-draft
    findings, with no line (only `protocheck-disable-file` suppresses them)."""
    result = []
    for item in found:
        for theme, refs in item.missing:
            shown = ", ".join(refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "")
            message = (f"the draft does not address the theme '{theme.title}' ({theme.id}), "
                       f"which {item.against.name} addresses in {_word(refs)} "
                       f"{shown}")  # fmt: skip
            result.append(finding("PC741", message, draft.path,
                                  paragraphs=refs if item.against.council else ()))  # fmt: skip
    return result


def _word(refs: tuple[str, ...]) -> str:
    return "paragraph" if len(refs) == 1 else "paragraphs"
