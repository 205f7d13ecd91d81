"""A Markdown draft through markdown-it-py (CommonMark), whose tokens carry their source lines.

markdown-it-py is what rich renders Markdown with, so it is installed already; it is imported
here only, when a Markdown draft is checked. The blocks it finds become the draft's headings
and paragraphs:

- a heading is a section (`## 7. Undue pressure` is section 7); one with a dotted number
  (`### 7.3 Member requests`) opens paragraph 7.3; the first heading is the document's title
  (`# 5.2 Protocol on Member/Officer Relations`) unless it is a numbered section;
- a paragraph (or list item) starting with a number (`7.3 Members may…`, `- 7.3 …`) is that
  numbered paragraph; `(a)` after a numbered one is its item, `7.3(a)`;
- CommonMark reads `7. Undue pressure` on a line of its own as a one-item ordered list: a
  short, heading-like item like that is section 7, as its author meant;
- any other block continues the numbered paragraph before it (its list, its second block),
  as in the protocols; where there is none, each block is a paragraph of its own, but for a
  list, which continues the paragraph before it (its lead-in).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .document import Heading, Paragraph, leading_number

MAX_NESTING = 20  # lists in lists in quotes: deeper is not a policy draft, and is not read
_ITEM_LABEL = re.compile(r"\((?P<label>[a-z]|[ivxlc]{1,6})\)\s+(?=\S)|(?P<bare>[a-z])\)\s+(?=\S)")
_SECTION = re.compile(
    r"(?:(?i:section|part|rule)\s+)?(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})[.:)]?\s+(?P<title>\S.*)"
)


class Block(NamedTuple):
    """A block of the document: a heading, a paragraph, or the first paragraph of a list item
    (with its marker: `7.` for an ordered item, `-` for a bullet) and the size of its list."""

    kind: str  # "heading", "paragraph" or "item"
    text: str
    line: int
    end: int
    marker: str = ""
    items: int = 0
    depth: int = 0  # how many lists it stands in


def parse_markdown(text: str) -> tuple[tuple[Heading, ...], tuple[Paragraph, ...]]:
    lines = text.splitlines()
    return _Assembler(lines).run(blocks(text))


def blocks(text: str) -> list[Block]:
    """The document's blocks in order, with 1-based first and last lines."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    tokens = parser.parse(text)
    found: list[Block] = []
    lists: list[list[Any]] = []  # open lists: [token, item count]
    fresh_item: list[Any] = []  # the list item whose first paragraph is still to come
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([token, _count_items(tokens, index)])
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif kind == "list_item_open":
            fresh_item = [token]
        elif kind == "inline" and token.map:
            opener = tokens[index - 1].type if index else ""
            line, end = token.map[0] + 1, token.map[1]
            plain = _plain(token)
            if not plain.strip():
                continue
            if opener == "heading_open":
                found.append(Block("heading", plain, line, end))
            elif fresh_item and opener == "paragraph_open":
                item = fresh_item.pop()
                marker = f"{item.info}{item.markup}" if item.info else item.markup
                count = lists[-1][1] if lists else 1
                found.append(Block("item", plain, line, end, marker, count, len(lists)))
            else:
                found.append(Block("paragraph", plain, line, end))
    return found


def _count_items(tokens: list[Any], start: int) -> int:
    """How many items the list opened at `start` has (its own, not its sub-lists')."""
    level, count = tokens[start].level, 0
    for token in tokens[start + 1 :]:
        if token.level == level and token.type.endswith("_list_close"):
            break
        if token.type == "list_item_open" and token.level == level + 1:
            count += 1
    return count


def _plain(inline: Any) -> str:
    """An inline token's text as a reader sees it: markup gone, line breaks as spaces."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_plain(child))
    return "".join(parts).strip()


class _Open(NamedTuple):
    """A paragraph being assembled."""

    key: str
    number: str | None
    texts: list[str]
    line: int
    end: list[int]
    column: int
    section: str | None
    heading: str


class _Assembler:
    """Blocks in, headings and paragraphs out, as the module's docstring says."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.headings: list[Heading] = []
        self.paragraphs: list[_Open] = []
        self.keys: set[str] = set()
        self.section: str | None = None
        self.heading = "Preamble"
        self.current: _Open | None = None  # the numbered paragraph later blocks continue
        self.last: _Open | None = None  # the section's last paragraph: a list continues it
        self.count = 0

    def run(self, found: list[Block]) -> tuple[tuple[Heading, ...], tuple[Paragraph, ...]]:
        for n, block in enumerate(found):
            self._block(block, title=n == 0)
        paragraphs = tuple(
            Paragraph(o.key, o.number, "\n\n".join(o.texts), o.line, o.end[0], o.column,
                      o.section, o.heading)
            for o in self.paragraphs
        )  # fmt: skip
        return tuple(self.headings), paragraphs

    def _block(self, block: Block, title: bool) -> None:
        if block.kind == "heading":
            self._heading(block, title)
        elif block.kind == "item" and self._item_is_section(block):
            self._section(block.marker.rstrip(".)"), block.text, block)
        else:
            self._paragraph(block)

    def _heading(self, block: Block, title: bool) -> None:
        match = _SECTION.fullmatch(block.text)
        section = match is not None and "." not in match["num"]
        if title and not section:
            self._section(None, block.text, block)  # the document's title
        elif match and "." in match["num"]:
            self._start(match["num"], match["title"], block)  # `### 7.3 Member requests`
        elif match:
            self._section(match["num"], match["title"], block)
        else:
            self._section(None, block.text, block)

    def _item_is_section(self, block: Block) -> bool:
        """`7. Undue pressure` alone: CommonMark's one-item ordered list, a heading meant."""
        marker = block.marker
        return (
            block.items == 1
            and marker[:-1].isdigit()
            and marker[-1:] in ".)"
            and len(block.text) <= 100
            and "\n" not in block.text
            and not block.text.rstrip().endswith((".", ";", ","))
            and block.text[:1].isupper()
        )

    def _section(self, number: str | None, title: str, block: Block) -> None:
        self.headings.append(Heading(number, title.strip(), block.line, self._column(block)))
        self.section, self.heading, self.count = number, title.strip(), 0
        self.current = self.last = None

    def _paragraph(self, block: Block) -> None:
        text = block.text
        ordered = block.kind == "item" and block.marker[:-1].isdigit()
        numbered = self._ordered_paragraph(block) if ordered else leading_number(text)
        label = None if ordered else _ITEM_LABEL.match(text)
        if numbered is not None:
            self._start(numbered[0], numbered[1], block)
        elif label and self.current is not None and self.current.number:
            self._start(self._item_number(label), text[label.end() :], block, item=True)
        elif self.current is not None or (block.kind == "item" and self.last is not None):
            joined = self.current or self.last
            assert joined is not None
            joined.texts.append(f"{block.marker} {text}" if ordered else text)
            joined.end[0] = block.end
        else:
            self.count += 1
            prefix = self.section or _slug(self.heading)
            self._add(f"{prefix}.{self.count}", None, text, block)

    def _ordered_paragraph(self, block: Block) -> tuple[str, str] | None:
        """`16. Members must…` as an ordered list's item is paragraph 16 where it is a whole
        sentence, not in another list, and no dotted paragraph is open: else it is an item
        of the paragraph before it (`1. Council meetings;`)."""
        current = self.current
        sentence = block.text.rstrip().endswith((".", "!", "?", ":"))
        open_dotted = current is not None and "." in (current.number or "")
        if block.depth == 1 and sentence and not open_dotted:
            return block.marker[:-1], block.text
        return None

    def _item_number(self, label: re.Match[str]) -> str:
        """`(a)` after 7.3 is 7.3(a); `a)` after 4 is `4 a)`."""
        parent = (self.current.number or "") if self.current else ""
        base = parent.split("(")[0].split(" ")[0]
        if label["label"]:
            return f"{base}({label['label']})"
        return f"{base} {label['bare']})"

    def _start(self, number: str, text: str, block: Block, item: bool = False) -> None:
        opened = self._add(self._unique(number), number, text, block)
        if not item:
            self.current = opened

    def _add(self, key: str, number: str | None, text: str, block: Block) -> _Open:
        opened = _Open(key, number, [text], block.line, [block.end], self._column(block),
                       self.section, self.heading)  # fmt: skip
        self.keys.add(key)
        self.paragraphs.append(opened)
        self.last = opened
        return opened

    def _unique(self, number: str) -> str:
        if number not in self.keys:
            return number
        count = 2
        while f"{number}~{count}" in self.keys:
            count += 1
        return f"{number}~{count}"

    def _column(self, block: Block) -> int:
        """Where the block's words start on its first line (after `#`, `-`, `7.`)."""
        source = self.lines[block.line - 1] if block.line <= len(self.lines) else ""
        start = block.text[:12].split()[0] if block.text.split() else ""
        at = source.find(start) if start else -1
        return at + 1 if at >= 0 else len(source) - len(source.lstrip()) + 1


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:7]) or "preamble"
