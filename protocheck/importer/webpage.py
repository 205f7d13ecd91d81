"""Furniture of a saved web page, and the "Last updated" line a page gives as its date.

A council page saved as text keeps its site's navigation ("Skip to content", "IN THIS ARTICLE"
and the links under it, "Agenda item", cookie notices, "Back to top"). None of it is the
protocol. Each test is a whole-line match of a short line, so no prose is ever dropped; the
date line is not dropped but kept as the source's date and version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .classify import _marked, _printed_label

_MAX_FURNITURE = 100  # characters: navigation is short; a cookie notice is the exception

_NAVIGATION = re.compile(
    r"^(?:skip to (?:the )?(?:main )?(?:content|navigation|search|footer)|"
    r"(?:back|return) to (?:the )?top|top of (?:the )?page|"
    r"jump to (?:the )?(?:main )?(?:content|navigation)|toggle navigation|main (?:menu|navigation)|"
    r"menu|breadcrumbs?|you are here|print(?: this page)?|share(?: this page)?(?: on \w+)?|"
    r"(?:is |was )?this page (?:was )?(?:helpful|useful)\??|report a problem(?: with this page)?|"
    r"agenda item(?:\s+[\w.]{1,8})?|©.{0,60}|copyright\s+(?:©\s*)?\d{4}.{0,60}|"
    r"accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|"
    r"(?:manage )?cookie (?:settings|preferences)|"
    r"home\s*[>›»|/]\s*.*)\s*:?$",
    re.IGNORECASE,
)
_COOKIES = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|settings|preferences|policy|reject|consent)\b"
    r"|\b(?:use|accept|settings|preferences|policy|reject|consent)\b.*\bcookies?\b",
    re.IGNORECASE,
)
_MAX_COOKIES = 400
# a heading over the page's own links: the bullets after it are navigation too
_LINKS_HEADING = re.compile(
    r"^(?:in this (?:article|section|page|chapter)|on this page|page contents|"
    r"contents of this page|related (?:pages|links|content|documents|information)|"
    r"quick links|useful links)\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-–•·*▪●◦]\s+\S")

_DATED = re.compile(
    r"^(?:page\s+)?(?:last\s+)?(?:updated|modified|reviewed|revised|amended|published)"
    r"(?:\s+on)?\s*:?\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}\b"
    r"|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
    r"|\b[A-Z][a-z]{2,8}\s+\d{4}\b"
)
_VERSION = re.compile(r"\b(?:version|v\.?)\s*:?\s*(?P<v>\d[\w.]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Metadata:
    """The page's own date line, as printed, and the date and version read from it."""

    line_no: int = 0
    text: str = ""
    date: str | None = None
    version: str | None = None


def web_furniture(lines: Sequence[str]) -> tuple[set[int], Metadata]:
    """Indexes of navigation lines, and the page's date line (not among those indexes)."""
    drop: set[int] = set()
    metadata = Metadata()
    links = False  # inside the bullets under a links heading
    for index, line in enumerate(lines):
        if not line:
            continue
        if links and _BULLET.match(line):
            drop.add(index)
            continue
        links = bool(_LINKS_HEADING.match(line))
        if links or _is_navigation(line):
            drop.add(index)
        elif not metadata.text and (found := _metadata(index, line)) is not None:
            metadata = found
    return drop, metadata


def _is_navigation(line: str) -> bool:
    if _marked(line) or _printed_label(line):
        return False  # a numbered or lettered line is the protocol's, whatever it says
    if len(line) <= _MAX_FURNITURE and _NAVIGATION.match(line):
        return True
    return len(line) <= _MAX_COOKIES and bool(_COOKIES.search(line)) and "cookie" in line.lower()


def _metadata(index: int, line: str) -> Metadata | None:
    """`Last updated 4 January 2022, version 3`: a date line, only if it holds a date."""
    match = _DATED.match(line) if len(line) <= 120 else None
    date = _DATE.search(match["rest"]) if match else None
    if match is None or date is None:
        return None
    version = _VERSION.search(match["rest"])
    return Metadata(index + 1, line, date[0], version["v"] if version else None)
