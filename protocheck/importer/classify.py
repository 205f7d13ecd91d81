"""What a cleaned line looks like: a number, a list item, a heading, a sentence's end.

Shared by the noise filter (list items are never page furniture) and the builder."""

from __future__ import annotations

import difflib
import re
import unicodedata

_NUM = re.compile(
    r"^(?:[-–•]\s*)?(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})"
    r"(?:\s*(?P<sub>\((?:[ivxlc]{1,6}|[a-z])\))|\s+(?P<letter>[a-z]\)))?"
    r"[.:]?(?:\s+(?P<rest>\S.*))?$"
)
_ITEM = re.compile(
    r"^(?:[-–•·*]\s+)?(?P<label>\((?:[ivxlc]{1,6}|[a-zA-Z])\)|(?:[ivxlc]{1,6}|[a-zA-Z])\)|[a-z]\.)"
    r"\s+(?P<rest>\S.*)$"
)
_BULLET = re.compile(r"^[-–•·*▪●◦]\s+(?P<rest>\S.*)$")
_SECTION_NUM = re.compile(r"^(?P<num>\d{1,2})\s*[.:)]?\s+(?P<title>\S.*)$")
_SECTION_LETTER = re.compile(r"^(?P<num>[A-Z])\s*[-–—.:)]\s*(?P<title>\S.*)$")
_CLAUSE_END = re.compile(r"[.!?:;](?:\s*-)?[\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ROMAN = re.compile(r"^\(?([ivxlc]{1,6})\)$")
_LETTER = re.compile(r"^\(?([a-zA-Z])\)$|^([a-z])\.$")
_DANGLING = re.compile(
    r"(?:[-–—,/&]|\b(?:and|or|of|the|to|in|on|for|with|by|a|an|at|from|that|which))$", re.I
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+$")


def _ends_clause(line: str) -> bool:
    """Whether a line ends a clause, so the next line cannot be its page-break continuation."""
    return bool(_CLAUSE_END.search(line))


def _heading_like(text: str, limit: int = 100) -> bool:
    """Short, capitalised, unpunctuated (a trailing colon allowed): how headings look."""
    if not text or len(text) > limit or len(text.split()) > limit // 6:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    body = re.sub(r":-?$", "", text).rstrip()
    if not body or _CLAUSE_END.search(body) or _DANGLING.search(body):
        return False
    return not re.search(r"[.!?] [A-Z]|: .*(?:,|\d{3})", body)  # `Contact: A. Person, Legal`


def _is_sentence(text: str) -> bool:
    start = text.lstrip("\"'“‘(")
    return bool(start) and start[0].isupper() and bool(_SENTENCE_END.search(text))


def _letter(label: str) -> bool:
    return bool(_LETTER.match(label))


def _roman(label: str) -> str | None:
    match = _ROMAN.match(label)
    return match[1] if match else None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _same_title(a: str, b: str) -> bool:
    """Whether a body heading and a contents title name the same thing (wording drifts)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or (min(len(na), len(nb)) >= 4 and (na.startswith(nb) or nb.startswith(na))):
        return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.85


def _kebab(text: str) -> str:
    """A stable id from a heading: ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower().replace("&", " and "))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "section"


def _heading_name(body: str, contents_title: str | None) -> str:
    """The heading to show: the contents' own casing when the body shouts in capitals."""
    body = body.rstrip(":").strip()
    if contents_title and body.isupper() and not contents_title.isupper():
        return contents_title.rstrip(":").strip()
    return body


def _is_lead(line: str) -> bool:
    return line.rstrip().endswith((":", ":-"))


def _marked(line: str) -> bool:
    return bool(_BULLET.match(line) or _ITEM.match(line))


def _lower_start(text: str) -> bool:
    return text[:1].islower() or text[:1] == "("
