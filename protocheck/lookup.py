"""Finding things by the names people type: paragraph refs, section names and topics.

Forgiving about form, as `rustc --explain` is (`7.3`, `§7.3`, `para 7.3`, `Paragraph 7.6 (ii)`),
and when nothing matches, saying what was probably meant.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import NotFound, shown
from .library import suggest
from .models import Council, Paragraph, Questionnaire
from .refs import expand_short, is_child, normalise_ref, ref_key


class Beside(NamedTuple):
    """What is shown beside each paragraph, by (council, ref), where its council is not held
    whole: the topics resting on it, and its short ref."""

    cited: dict[tuple[str, str], tuple[str, ...]]
    shorts: dict[tuple[str, str], str]


def slug_of(text: str) -> str:
    """A section name or heading as a key: `Access to Information` -> `access-to-information`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def find_paragraphs(council: Council, query: str, short_forms: bool = True) -> list[Paragraph]:
    """The paragraph with this ref with its sub-items; or a section's paragraphs; or nothing.
    `short_forms` False: the query is known to be no short ref of this council (which would
    need all its paragraphs to tell), as when only some are held."""
    ref = normalise_ref(query)
    ref = (expand_short(council, ref) if short_forms else None) or ref
    exact = council.paragraph(ref) or _case_blind(council, ref) or _same_key(council, ref)
    if exact is not None:
        children = [p for p in council.paragraphs if is_child(p.ref, exact.ref)]
        return [exact, *children]
    within = [p for p in council.paragraphs if p.ref.startswith(f"{ref}.") or is_child(p.ref, ref)]
    if within:
        return within
    name = slug_of(ref)
    return [
        p for p in council.paragraphs if name and (p.section == name or slug_of(p.heading) == name)
    ]


def _case_blind(council: Council, ref: str) -> Paragraph | None:
    lowered = ref.lower()
    return next((p for p in council.paragraphs if p.ref.lower() == lowered), None)


def _same_key(council: Council, ref: str) -> Paragraph | None:
    """The one paragraph whose ref says the same as `ref` apart from punctuation (`4a`)."""
    key = ref_key(ref)
    found = [p for p in council.paragraphs if key and ref_key(p.ref) == key]
    return found[0] if len(found) == 1 else None


def near_refs(council: Council, query: str) -> list[str]:
    """This council's refs that `query` probably meant: ones ending or beginning with what was
    typed (`17` -> `protocol 17`), then ones spelt alike."""
    import difflib

    key = ref_key(query)
    refs = [p.ref for p in council.paragraphs]
    size = len(key)
    ends = [r for r in refs if key and ref_key(r)[-size:] == key]
    starts = [r for r in refs if key and ref_key(r)[:size] == key and r not in ends]
    if ends or starts:
        return [*ends, *starts][:3]
    return difflib.get_close_matches(normalise_ref(query), refs, n=3, cutoff=0.6)


def paragraph_or_suggest(council: Council, query: str) -> list[Paragraph]:
    found = find_paragraphs(council, query)
    if found:
        return found
    near = near_refs(council, query)
    hint = f" Did you mean {' or '.join(near)}?" if near else ""
    raise NotFound(f"{council.name} has no paragraph {shown(query)}.{hint}")


def topics_citing(council: Council, ref: str) -> tuple[str, ...]:
    """Topics with a row that rests on paragraph `ref`."""
    return tuple(topic.id for topic in council.questionnaires if ref in topic.cites)


def citing(council: Council) -> dict[str, tuple[str, ...]]:
    """`topics_citing` for every paragraph at once (each topic's citations worked out once)."""
    found: dict[str, list[str]] = {}
    for topic in council.questionnaires:
        for ref in topic.cites:
            found.setdefault(ref, []).append(topic.id)
    return {ref: tuple(ids) for ref, ids in found.items()}


def find_topic(council: Council, name: str) -> Questionnaire:
    """A topic by id or title, forgiving of case and spaces; else NotFound with near ids."""
    wanted = slug_of(name)
    for topic in council.questionnaires:
        if wanted in (topic.id, slug_of(topic.title)):
            return topic
    ids = [t.id for t in council.questionnaires]
    hint = suggest(wanted, ids) or " Run 'protocheck list' to see the topics."
    raise NotFound(f"{council.name} has no topic {shown(name)}.{hint}")
