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
    r"^(?:[-–•·*]\s+)?(?P<label>\((?:[ivxlc]{1,6}|[a-zA-Z]|\d{1,2})\)|(?:[ivxlc]{1,6}|[a-zA-Z]|\d{1,2})\)"
    r"|[a-z]\.)(?:\s+|(?<=\))(?=[A-Z“\"‘]))(?P<rest>\S.*)$"
)
_BULLET = re.compile(r"^[-–•·*▪●◦]\s+(?P<rest>\S.*)$")
# `3. Roles`, `3 Roles`, and as some councils print them `Section 3 – Roles`, `PART 3: ROLES`
_SECTION_NUM = re.compile(
    r"^(?:(?i:section|part|article|chapter)\s+)?(?P<num>\d{1,2})"
    r"(?:\s+[-–—]\s+|\s*[.:)]?\s+)(?P<title>\S.*)$"
)
_SECTION_LETTER = re.compile(r"^(?P<num>[A-Z])\s*[-–—.:)]\s*(?P<title>\S.*)$")
_CLAUSE_END = re.compile(r"[.!?:;](?:\s*-)?[\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ROMAN = re.compile(r"^\(?([ivxlc]{1,6})\)$")
_DIGIT = re.compile(r"^\(?(\d{1,2})\)$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_LETTER = re.compile(r"^\(?([a-zA-Z])\)$|^([a-z])\.$")
_DANGLING = re.compile(
    r"(?:[-–—,/&]|\b(?:and|or|of|the|to|in|on|for|with|by|a|an|at|from|that|which))$", re.I
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+$")


def _ends_clause(line: str) -> bool:
    """Whether a line ends a clause, so the next line cannot be its page-break continuation."""
    return bool(_CLAUSE_END.search(line))


def _heading_like(text: str, limit: int = 100) -> bool:
    """Short, capitalised, unpunctuated (a trailing colon allowed): how headings look.

    An opening quotation mark may come first: a page quoting its council's rules in full
    opens the quotation on the first heading."""
    if text[:1] in _OPENING_QUOTES:
        text = text[1:]
    if not text or len(text) > limit or len(text.split()) > limit // 6:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    body = re.sub(r":-?$", "", text).rstrip()
    if not body or _CLAUSE_END.search(body) or _DANGLING.search(body):
        return False
    return not re.search(r"[.!?] [A-Z]|: .*(?:,|\d{3})", body)  # `Contact: A. Person, Legal`


_OPENING_QUOTES = "\"'“‘"
_SMALL_WORDS = frozenset(
    re.findall(r"\w+", "a an and as at by for from in into of on or the to with within under")
)


def _long_heading(text: str) -> bool:
    """A heading too long for `_heading_like` (up to 200 characters), told from prose by its
    capitals: nearly every word that is not a small word starts with one, as in a title."""
    if len(text) > 200 or not _heading_like(text, 200):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and capitals >= 0.8 * len(words)


def _next_labels(label: str) -> set[str]:
    """The labels that may follow `label` in the same list style: (a) (b), 1) 2), (iv) (v)."""
    open_, close = ("(", ")") if label.startswith("(") else ("", label[-1])
    core = label.strip("().")
    following: set[str] = set()
    if core.isdigit():
        following.add(str(int(core) + 1))
    elif len(core) == 1 and core.isalpha():
        following.add(chr(ord(core) + 1))
    value = _roman_value(core)
    if value:
        following.add(_to_roman(value + 1, upper=core.isupper()))
    return {f"{open_}{item}{close}" for item in following}


def _roman_value(text: str) -> int | None:
    values = [_ROMAN_VALUES.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    total = 0
    for n, value in enumerate(values):
        nxt = values[n + 1] if n + 1 < len(values) else 0
        total += -value if value < (nxt or 0) else value  # type: ignore[operator]
    return total


def _to_roman(value: int, upper: bool = False) -> str:
    digits = ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"))
    out = ""
    for amount, letters in (*digits, (4, "iv"), (1, "i")):
        while value >= amount:
            out, value = out + letters, value - amount
    return out.upper() if upper else out


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


def _kebab(text: str, max_words: int = 0) -> str:
    """A stable id from a heading: ASCII, lower case, words joined by hyphens; with
    `max_words`, only the first words, so that refs made from it stay short enough to type."""
    ascii_text = unicodedata.normalize("NFKD", text[:400]).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower().replace("&", " and "))
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if max_words and len(words) > max_words:
        words = words[:max_words]
        while len(words) > 1 and words[-1] in _SMALL_WORDS:
            words.pop()  # `access-to-information-and-to` reads better as `access-to-information`
    return "-".join(words) or "section"


def _heading_name(body: str, contents_title: str | None) -> str:
    """The heading to show: the contents' own casing when the body shouts in capitals."""
    body = body.rstrip(":").strip()
    if contents_title and body.isupper() and not contents_title.isupper():
        return contents_title.rstrip(":").strip()
    return body


def _printed_label(text: str) -> str | None:
    """The number or label a line starts with, as the council prints it (`7.3`, `(a)`), if it
    starts with one that could number a paragraph (not `1 in 5 members`)."""
    match = _NUM.match(text)
    if match and not (
        (match["rest"] or "")[:1].islower() and not match["sub"] and not match["letter"]
    ):
        return text[: len(text) - len(match["rest"] or "")].strip().lstrip("-–•").strip()
    item = _ITEM.match(text)
    return item["label"] if item else None


def _is_lead(line: str) -> bool:
    return line.rstrip().endswith((":", ":-"))


def _marked(line: str) -> bool:
    return bool(_BULLET.match(line) or _ITEM.match(line))


def _lower_start(text: str) -> bool:
    return text[:1].islower() or text[:1] == "("
