"""Paragraph references in the forms people type, and the structure refs carry.

`4a`, `4(a)` and `4 a` all mean Tower Hamlets' `4 a)`; `§ 7.3` and `para 7.3` mean `7.3`. Refs
protocheck made from headings (Camborne's run to 60 characters) get short forms from the
section's initials (`caicd.6`). A paragraph ending in a colon whose items follow it is a list's
lead-in, read with each item rather than on its own.
"""

from __future__ import annotations

import re

from .models import Council, Paragraph

_PREFIX = re.compile(r"^(?:§+|(?:para(?:graph)?|rule|section|clause|ref)\b\.?)\s*", re.IGNORECASE)
_PART = re.compile(r"[a-z]+|[0-9]+")
_LEAD_IN = re.compile(r":\s*[-\u2013]?\s*$")
_FILLER = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


def normalise_ref(text: str) -> str:
    """`§ 7.3`, `para 7.3` and `Paragraph 7.6 (ii)` all become the form rules files use."""
    ref = _PREFIX.sub("", text.strip()).strip().rstrip(".")
    ref = re.sub(r"\s+\(", "(", ref)
    return re.sub(r"\s+", " ", ref)


def ref_key(ref: str) -> tuple[str, ...]:
    """What a ref says, without its punctuation: `4 a)`, `4(a)` and `4a` are all ('4', 'a')."""
    return tuple(_PART.findall(normalise_ref(ref).lower()))


def is_child(ref: str, parent: str) -> bool:
    """`7.6(ii)` is an item of `7.6`, and `4 a)` of `4`."""
    return ref != parent and (ref.startswith(f"{parent}(") or ref.startswith(f"{parent} "))


def lead_ins(council: Council) -> dict[str, str]:
    """Each list item's ref -> its lead-in's ref.

    A lead-in ends with a colon and is followed by its items: paragraphs numbered as its
    children (`4` then `4 a)`), or, where the source numbers items alone, `(i)`, `(ii)`..."""
    found: dict[str, str] = {}
    paragraphs = council.paragraphs
    for n, paragraph in enumerate(paragraphs):
        if not _LEAD_IN.search(paragraph.text):
            continue
        for item in paragraphs[n + 1 :]:
            if not (is_child(item.ref, paragraph.ref) or item.ref.startswith("(")):
                break
            found[item.ref] = paragraph.ref
    return found


def short_refs(council: Council) -> dict[str, str]:
    """Long ref -> short form, for refs protocheck made from a heading of several words.

    `councillors-access-to-information-and-to-council-documents.6` -> `caicd.6`. A short form
    that two sections would share, or that is already a ref, is not offered."""
    if council.numbered_by_council:
        return {}
    sections: dict[str, str] = {}
    for paragraph in council.paragraphs:
        section, dot, number = paragraph.ref.rpartition(".")
        words = [w for w in section.split("-") if w not in _FILLER]
        if dot and number.isdigit() and len(words) > 1:
            sections.setdefault(section, "".join(w[0] for w in words))
    taken = {p.ref.lower() for p in council.paragraphs} | {
        p.section or "" for p in council.paragraphs
    }
    counts: dict[str, int] = {}
    for short in sections.values():
        counts[short] = counts.get(short, 0) + 1
    unique = {
        s: short for s, short in sections.items() if counts[short] == 1 and short not in taken
    }
    result = {}
    for paragraph in council.paragraphs:
        section, _, number = paragraph.ref.rpartition(".")
        if section in unique:
            result[paragraph.ref] = f"{unique[section]}.{number}"
    return result


def expand_short(council: Council, text: str) -> str | None:
    """The long ref (or section) a short form stands for, if it is one."""
    wanted = normalise_ref(text).lower()
    for long, short in short_refs(council).items():
        if short == wanted:
            return long
        section, _, _ = long.rpartition(".")
        if short.rpartition(".")[0] == wanted:
            return section
    return None


def children(council: Council, parent: Paragraph) -> list[Paragraph]:
    return [p for p in council.paragraphs if is_child(p.ref, parent.ref)]
