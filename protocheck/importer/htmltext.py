"""A saved web page as the text a browser shows: headings, paragraphs and numbered lists.

The standard library's `html.parser` is enough here, and better than a dependency: a council
page needs only its block structure (headings, paragraphs, list items with the numbers the
browser draws for `<ol>`, line breaks) turned into lines, and the parser is lenient with the
broken markup web pages are made of. The page's navigation, header, footer, scripts and cookie
banners are left out; where the page marks its main content (`<main>`, `<article>`,
`role="main"`), only that is read. The text then goes through the same importer as a text file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


def _names(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_SKIP = _names(
    "script style noscript template svg head nav header footer aside form button select "
    "iframe object canvas dialog"
)
_SKIP_ROLES = _names("navigation banner contentinfo search dialog")
_VOID = _names("area base br col embed hr img input link meta source track wbr")
_BLOCK = _names(
    "p div section article main blockquote address figure figcaption table thead tbody tfoot "
    "dl dt dd center hr"
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SPACE = re.compile(r"[ \t\r\n\f]+")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
_ROMAN += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def html_to_text(markup: str) -> str:
    """The page's visible text, one block a line, lists numbered and indented as shown."""
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser.text()


class _List:
    def __init__(self, ordered: bool, start: int, style: str):
        self.ordered, self.next, self.style = ordered, start, style

    def marker(self, value: str | None) -> str:
        if not self.ordered:
            return "•"
        if value and value.strip().lstrip("-").isdigit():
            self.next = int(value)
        number, self.next = self.next, self.next + 1
        return f"{_styled(number, self.style)}."


def _styled(number: int, style: str) -> str:
    if style in ("a", "A") and 0 < number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, letters in _ROMAN:
            while number >= value:
                roman, number = roman + letters, number - value
        return roman.upper() if style == "I" else roman
    return str(number)


class _PageText(HTMLParser):
    """Collects lines; `main` keeps what lies inside the page's main content, if it has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, bool]] = []  # (line, inside main)
        self.buffer: list[str] = []
        self.indent = 0
        self.indent_after = 0  # where a list item's later lines start
        self.skipping: list[str] = []  # open elements whose content is not the page's text
        self.lists: list[_List] = []
        self.main_depth: list[str] = []
        self.pre = 0

    # structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if _skipped(tag, attributes, inside_main=bool(self.main_depth)):
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in ("main", "article") or attributes.get("role") == "main":
            self.main_depth.append(tag)
        self._open(tag, attributes)

    def _open(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag == "br":
            self._end_line()
        elif tag in _HEADINGS or tag in _BLOCK:
            self._blank()
        elif tag == "pre":
            self._blank()
            self.pre += 1
        elif tag in ("ul", "ol"):
            self._end_line()
            start = attributes.get("start") or "1"
            begin = int(start) if start.strip().lstrip("-").isdigit() else 1
            self.lists.append(_List(tag == "ol", begin, attributes.get("type") or "1"))
        elif tag == "li":
            self._list_item(attributes.get("value"))
        elif tag == "tr":
            self._end_line()
        elif tag in ("td", "th") and self.buffer:
            self.buffer.append("\t")

    def _list_item(self, value: str | None) -> None:
        self._end_line()
        current = self.lists[-1] if self.lists else _List(False, 1, "1")
        depth = max(len(self.lists), 1)
        self.indent = 2 * (depth - 1)
        self.buffer.append(f"{current.marker(value)} ")
        self.indent_after = 2 * depth

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if self.main_depth and tag == self.main_depth[-1]:
            self._blank()
            self.main_depth.pop()
        if tag in _HEADINGS or tag in _BLOCK:
            self._blank()
        elif tag == "pre":
            self._blank()
            self.pre = max(self.pre - 1, 0)
        elif tag in ("ul", "ol"):
            self._end_line()
            if self.lists:
                self.lists.pop()
            self.indent = 2 * len(self.lists)
        elif tag == "li":
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:
            for n, piece in enumerate(data.split("\n")):
                if n:
                    self._end_line()
                self.buffer.append(piece)
            return
        text = _SPACE.sub(" ", data)
        if not self.buffer or self.buffer[-1].endswith((" ", "\t")):
            text = text.lstrip(" ")
        if text:
            self.buffer.append(text)

    # lines

    def _end_line(self) -> None:
        line = "".join(self.buffer).rstrip()
        self.buffer = []
        if line.strip():
            kept = line if self.pre else line.strip(" ")  # preformatted text keeps its layout
            self.lines.append((" " * self.indent + kept, bool(self.main_depth)))
        self.indent = self.indent_after if self.lists else 0

    def _blank(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1][0]:
            self.lines.append(("", bool(self.main_depth)))

    def text(self) -> str:
        self._end_line()
        main = [line for line, inside in self.lines if inside]  # <main>, <article>
        chosen = main if any(line.strip() for line in main) else [line for line, _ in self.lines]
        return "\n".join(chosen).strip("\n") + "\n"


def _skipped(tag: str, attributes: dict[str, str | None], inside_main: bool) -> bool:
    """Navigation, page furniture, hidden parts and cookie banners are not the protocol; an
    article's own header (its title) is."""
    if tag in ("header", "footer") and inside_main:
        return False
    if tag in _SKIP or attributes.get("role") in _SKIP_ROLES:
        return True
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    names = f"{attributes.get('id') or ''} {attributes.get('class') or ''}".lower()
    return "cookie" in names or "breadcrumb" in names or "skip-link" in names
