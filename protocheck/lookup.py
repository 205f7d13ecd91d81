"""Finding things by the names people type: paragraph refs, section names and topics.

Forgiving about form, as `rustc --explain` is (`7.3`, `§7.3`, `para 7.3`, `Paragraph 7.6 (ii)`),
and when nothing matches, saying what was probably meant.
"""

from __future__ import annotations

import re

from .errors import NotFound, shown
from .library import suggest
from .models import Council, Paragraph, Questionnaire

_PREFIX = re.compile(r"^(?:§+|(?:para(?:graph)?|rule|section|clause|ref)\b\.?)\s*", re.IGNORECASE)


def normalise_ref(text: str) -> str:
    """`§ 7.3`, `para 7.3` and `Paragraph 7.6 (ii)` all become the form rules files use."""
    ref = _PREFIX.sub("", text.strip()).strip().rstrip(".")
    ref = re.sub(r"\s+\(", "(", ref)
    return re.sub(r"\s+", " ", ref)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def find_paragraphs(council: Council, query: str) -> list[Paragraph]:
    """The paragraph with this ref with its sub-items; or a section's paragraphs; or nothing."""
    ref = normalise_ref(query)
    exact = council.paragraph(ref) or _case_blind(council, ref)
    if exact is not None:
        children = [p for p in council.paragraphs if _is_child(p.ref, exact.ref)]
        return [exact, *children]
    within = [p for p in council.paragraphs if p.ref.startswith(f"{ref}.") or _is_child(p.ref, ref)]
    if within:
        return within
    name = _slug(ref)
    return [
        p for p in council.paragraphs if name and (p.section == name or _slug(p.heading) == name)
    ]


def _case_blind(council: Council, ref: str) -> Paragraph | None:
    lowered = ref.lower()
    return next((p for p in council.paragraphs if p.ref.lower() == lowered), None)


def _is_child(ref: str, parent: str) -> bool:
    return ref != parent and (ref.startswith(f"{parent}(") or ref.startswith(f"{parent} "))


def paragraph_or_suggest(council: Council, query: str) -> list[Paragraph]:
    found = find_paragraphs(council, query)
    if found:
        return found
    refs = [p.ref for p in council.paragraphs]
    hint = suggest(normalise_ref(query), refs)
    raise NotFound(f"{council.name} has no paragraph {shown(query)}.{hint}")


def topics_citing(council: Council, ref: str) -> tuple[str, ...]:
    """Topics with a row that rests on paragraph `ref`."""
    return tuple(topic.id for topic in council.questionnaires if ref in topic.cites)


def find_topic(council: Council, name: str) -> Questionnaire:
    """A topic by id or title, forgiving of case and spaces; else NotFound with near ids."""
    wanted = _slug(name)
    for topic in council.questionnaires:
        if wanted in (topic.id, _slug(topic.title)):
            return topic
    ids = [t.id for t in council.questionnaires]
    hint = suggest(wanted, ids) or " Run 'protocheck list' to see the topics."
    raise NotFound(f"{council.name} has no topic {shown(name)}.{hint}")
