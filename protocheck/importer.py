"""Turn a protocol's extracted text into protocheck's paragraphs format.

Councils publish their Member/Officer protocols as PDFs and web pages. `pdftotext` or a Markdown
export gives text full of page furniture (headers, page numbers, `**` markers, list dashes,
sentences broken by page breaks, a contents table). This module finds the sections and the
paragraphs in that text, strips the noise that docs/rules-format.md says to strip, and writes a
paragraphs.yaml for a person to check by hand. It guesses only where the text is clear: a line it
cannot place is reported in `unplaced`, never silently dropped or forced into a paragraph.

Pure functions: no terminal, no CLI. Bad input raises InputError for the CLI to report.
"""

from __future__ import annotations

import codecs
import difflib
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .errors import InputError

Numbering = Literal["council", "protocheck"]

MAX_SOURCE_BYTES = 5 * 1024 * 1024
FOLD_WIDTH = 92

_NOT_TEXT = "is not a text file; extract its text first (for example with pdftotext)"
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedParagraph:
    ref: str
    text: str
    numbering: Numbering
    subheading: str | None = None


@dataclass(frozen=True)
class ImportedSection:
    number: str | None
    heading: str
    id: str
    paragraphs: tuple[ImportedParagraph, ...]


@dataclass(frozen=True)
class UnplacedLine:
    line_no: int
    text: str


@dataclass(frozen=True)
class ImportResult:
    """What the importer made of a text. `removed` lists the noise it stripped, for checking."""

    sections: tuple[ImportedSection, ...]
    unplaced: tuple[UnplacedLine, ...]
    numbering: Numbering
    removed: tuple[UnplacedLine, ...] = ()

    @property
    def paragraphs(self) -> tuple[ImportedParagraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)


# --- reading ------------------------------------------------------------------------------------


def read_source(path: Path) -> str:
    """The text of an extracted protocol; a PDF or other binary is refused with a hint."""
    raw = _read_bounded(path)
    if raw.startswith(_BINARY_MAGIC):
        raise InputError(_NOT_TEXT, path=path)
    text = _decode(raw)
    if text is None or len(_BAD_CONTROLS.findall(text)) > len(text) // 200:
        raise InputError(_NOT_TEXT, path=path)
    if not text.strip():
        raise InputError("is empty; there is no text to import", path=path)
    return text


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing anything far larger than any protocol before reading it all."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    if len(raw) > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // (1024 * 1024)
        raise InputError(f"is larger than {limit} MiB, far more than any protocol", path=path)
    return raw


def _decode(raw: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; None if none fits."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw:
        return None
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


# --- line cleaning ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff]")
_MARKUP = (  # (a character the syntax needs, the pattern whose group 1 is the text to keep)
    ("#", re.compile(r"^\s*#{1,6}\s+()")),
    ("](", re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\((?:[^()\s\\]|\\.)*\)")),
    ("<", re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")),
    ("\\", re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")),
    ("*", re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")),
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them; odd separators become spaces so numbers stay true."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return re.sub(r"[\x0b\x85\u2028\u2029]", " ", text).split("\n")


def _strip_markup(line: str) -> str:
    """One line without control characters, `**` markers and Markdown link/escape syntax."""
    line = _CONTROL.sub("", line).replace("**", "").replace("\xa0", " ").replace("\t", " ")
    for trigger, pattern in _MARKUP:  # the trigger test keeps long, plain files fast
        if trigger in line:
            line = pattern.sub(r"\1", line)
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    return line.strip()


# --- contents tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    number: str | None
    title: str


_CONTENTS_START = re.compile(r"^\s*(?:table of\s+)?contents\s*:?\s*$", re.I)
_CONTENTS_HEAD = re.compile(
    r"^\s*(?:rule|section|paragraph|para\.?|no\.?|number|item|part)\s*\t+\s*"
    r"(?:subject|title|heading|contents?|description)\s*$",
    re.I,
)
_ENTRY_PATTERNS = (
    re.compile(r"^\s*(?P<num>\d{1,3}|[A-Z])\s*[:.]?\s*\t+\s*(?P<title>[^\t]+?)(?:\t+\d{1,4})?\s*$"),
    re.compile(r"^\s*(?P<num>\d{1,3})\s*:\s*(?P<title>\S[^\t]{0,120}?)\s*$"),
    re.compile(r"^\t+(?P<title>[^\t]+?)(?:\t+\d{1,4})?\s*$"),
    re.compile(r"^(?P<title>[^\t]{1,120}?)(?:\t+|\s*\.{3,}\s*)\d{1,4}\s*$"),
)
_CONTENTS_SEARCH_LINES = 80


def _find_contents(lines: list[str]) -> tuple[list[_Entry], range]:
    """A contents table near the top: its entries and the lines it occupies (to drop)."""
    for start, line in enumerate(lines[:_CONTENTS_SEARCH_LINES]):
        if _CONTENTS_START.match(line) or _CONTENTS_HEAD.match(line):
            entries, end = _read_entries(lines, start + 1)
            if len(entries) >= 2:
                return entries, range(start, end)
    return [], range(0)


def _read_entries(lines: list[str], start: int) -> tuple[list[_Entry], int]:
    """Entries from `start` until the first line that is not one (blank lines allowed)."""
    entries: list[_Entry] = []
    end = start
    for index in range(start, len(lines)):
        line = lines[index].rstrip()
        if not line.strip() or _CONTENTS_HEAD.match(line):
            continue
        entry = _entry(line)
        if entry is None:
            break
        entries.append(entry)
        end = index + 1
    return entries, end


def _entry(line: str) -> _Entry | None:
    """One contents line as a number (or none) and a title."""
    for pattern in _ENTRY_PATTERNS:
        match = pattern.match(line)
        if match:
            number = match.groupdict().get("num")
            return _Entry(number, _strip_markup(match["title"]))
    return None


# --- page furniture -----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,4}\s*\|\s*page$",
    re.I,
)
_CONSTITUTION_HEADER = re.compile(
    r"^(?=.*\b(?:Council|Borough|County|District|Authority)\b)"
    r"(?:(?:[A-Z][\w'’&.,-]*|of|and|the|for)\s+){1,10}Constitution\b"
    r"(?:\s*[-–—:|,]?\s*(?:Part|Page|Section|Version)?\s*[\w.]+){0,2}$"
)
_FURNITURE_REPEATS = 3


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of page headers, footers and page numbers: lines a reader never sees as text."""
    counts = Counter(line for line in lines if _could_repeat(line))
    repeated = {line for line, count in counts.items() if count >= _FURNITURE_REPEATS}
    return {
        index
        for index, line in enumerate(lines)
        if line in repeated or _PAGE_NUMBER.match(line) or _CONSTITUTION_HEADER.match(line)
    }


def _could_repeat(line: str) -> bool:
    """Whether a recurring line may be a header: list items and lead-ins recur legitimately."""
    return 0 < len(line) <= 100 and not line.endswith((":", ";", ",")) and not _marked(line)


def _marked(line: str) -> bool:
    return bool(_BULLET.match(line) or _ITEM.match(line))


# --- units: the cleaned, non-blank lines --------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    no: int
    text: str
    blank_before: bool
    bold_end: bool


def _units(text: str) -> tuple[list[_Unit], list[_Entry], list[UnplacedLine]]:
    """The text's content lines, its contents entries, and the noise lines taken out."""
    raw = _split_lines(text)
    entries, contents = _find_contents([_CONTROL.sub("", r).replace("**", "") for r in raw])
    clean = [_strip_markup(line) for line in raw]
    drop = set(contents) | _furniture(clean)
    removed = [UnplacedLine(i + 1, clean[i]) for i in sorted(drop) if clean[i]]
    units: list[_Unit] = []
    blank = True
    for index, line in enumerate(clean):
        if index in drop and line:
            continue
        if not line:
            blank = True
            continue
        units.append(_Unit(index + 1, line, blank, raw[index].rstrip().endswith("**")))
        blank = False
    return units, entries, removed


# --- classifying lines --------------------------------------------------------------------------

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
_MAX_GAP = 3
_GROUP_WORD = re.compile(r"\b(members?|officers?|councillors?|employees?)\b", re.I)


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


# --- building -----------------------------------------------------------------------------------


@dataclass
class _Para:
    """A paragraph being built: blocks of lines (a lead-in and its list share a block)."""

    ref: str
    numbering: Numbering
    line: int
    kind: str = "plain"  # plain | lead | sub | roman | group | gsub
    group: str = ""
    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    list_kind: str = ""  # the last block's list: "" none, "plain" unmarked lines, "marked"
    bold_end: bool = False
    subheading: str | None = None

    @property
    def last_line(self) -> str:
        return self.blocks[-1][-1] if self.blocks[-1] else ""

    def join(self, text: str) -> None:
        """Re-join a sentence that a page break split."""
        self.blocks[-1][-1] = f"{self.blocks[-1][-1]} {text}"

    def new_block(self, text: str) -> None:
        self.blocks.append([text])
        self.list_kind = ""

    def add_list_line(self, text: str, kind: str) -> None:
        self.blocks[-1].append(text)
        self.list_kind = kind

    def lead_only(self) -> bool:
        return len(self.blocks) == 1 and len(self.blocks[0]) == 1 and _is_lead(self.blocks[0][0])

    def takes_plain_item(self, text: str) -> bool:
        """Whether an unmarked line is the next item of this paragraph's list (as in 3.1)."""
        block = self.blocks[-1]
        if self.list_kind == "marked" or text.endswith(":"):
            return False
        if self.list_kind == "plain":
            return len(text) <= 200 and not _SENTENCE_END.search(block[-1])
        quotation = text[0] in "\"'“‘"
        return len(block) == 1 and _is_lead(block[0]) and len(text) <= 160 and not quotation

    def text(self) -> str:
        return "\n\n".join("\n".join(block) for block in self.blocks if block).strip()


def _is_lead(line: str) -> bool:
    return line.rstrip().endswith((":", ":-"))


@dataclass
class _Sec:
    number: str | None
    heading: str
    id: str
    lines: list[UnplacedLine]
    listed: bool = False  # in the contents table: kept even with nothing under it
    paragraphs: list[_Para] = field(default_factory=list)
    pending: str | None = None
    pending_lines: list[UnplacedLine] = field(default_factory=list)
    auto: int = 0


class _Builder:
    """Reads units in order, keeping just enough state to know where each one belongs."""

    def __init__(self, units: list[_Unit], contents: list[_Entry]):
        self.units = units
        self.contents = contents
        self.numbered_contents = any(e.number for e in contents)
        self.unnumbered = {_norm(e.title): e for e in contents if e.number is None}
        self.mode = "contents" if contents else _section_mode(units)
        self.sections: list[_Sec] = []
        self.titles: list[UnplacedLine] = []
        self.unplaced: list[UnplacedLine] = []
        self.refs: set[str] = set()
        self.ids: set[str] = set()
        self.matched: set[int] = set()  # numbered entries already found in the body
        self.last: tuple[int, ...] | None = None
        self.section_no = 0
        self.letter = "@"

    def build(self) -> list[_Sec]:
        """Every unit placed; title lines never followed by content are reported."""
        for index, unit in enumerate(self.units):
            following = self.units[index + 1] if index + 1 < len(self.units) else None
            self._feed(index, unit, following)
        self._close_section()
        self.unplaced.extend(self.titles)
        return self.sections

    def _feed(self, index: int, unit: _Unit, following: _Unit | None) -> None:
        """Try the strongest readings first: a section, a council number, an item, a bullet."""
        placed = self._section(unit) or self._numbered(unit, following)
        placed = placed or self._item(index, unit) or self._bullet(unit, following)
        if not placed:
            self._text(unit, following)
        if self.sections and self.sections[-1].paragraphs:
            # a line ending in `**` closes bold text: the next line starts afresh
            self.sections[-1].paragraphs[-1].bold_end = unit.bold_end

    # sections

    def _section(self, unit: _Unit) -> bool:
        found = self._match_section(unit.text)
        if found is None:
            return False
        self._start_section(found[0], found[1], unit, listed=found[2])
        return True

    def _match_section(self, text: str) -> tuple[str | None, str, bool] | None:
        """A section heading: in the contents table, or next in a numbered/lettered sequence."""
        match = _SECTION_NUM.match(text) or _SECTION_LETTER.match(text)
        if match:
            number, title = match["num"], match["title"].strip()
            entry = self._contents_entry(number, title)
            if entry is not None:
                return number, _heading_name(title, entry.title), True
            if self._in_sequence(number, title):
                return number, _heading_name(title, None), False
        entry = self.unnumbered.pop(_norm(text), None) if len(text) <= 160 else None
        return (None, _heading_name(text, entry.title), True) if entry else None

    def _contents_entry(self, number: str, title: str) -> _Entry | None:
        """The contents entry with this number and (loosely) this title, used once."""
        for index, entry in enumerate(self.contents):
            if index in self.matched or entry.number != number:
                continue
            if _same_title(title, entry.title):
                self.matched.add(index)
                return entry
        return None

    def _in_sequence(self, number: str, title: str) -> bool:
        """Without a contents table, `3. Roles` is a heading only if it follows `2. ...`."""
        if self.numbered_contents or not _heading_like(title, 160) or title.endswith(":"):
            return False
        if number.isdigit():
            return int(number) == self.section_no + 1
        return number == chr(ord(self.letter) + 1)

    def _start_section(
        self, number: str | None, heading: str, unit: _Unit, listed: bool = False
    ) -> None:
        """Close the previous section; title lines that preceded this one are reported."""
        self._close_section()
        self.unplaced.extend(self.titles)
        self.titles = []
        if number and number.isdigit():
            self.section_no = int(number)
        elif number:
            self.letter = number
        section_id = self._unique_id(_kebab(heading))
        lines = [UnplacedLine(unit.no, unit.text)]
        self.sections.append(_Sec(number, heading, section_id, lines, listed))

    def _unique_id(self, base: str) -> str:
        """Ids must be unique; a repeated heading gets `-2`."""
        candidate, count = base, 1
        while candidate in self.ids:
            count += 1
            candidate = f"{base}-{count}"
        self.ids.add(candidate)
        return candidate

    def _close_section(self) -> None:
        """A heading with nothing under it (unless listed in the contents), or a dangling
        sub-heading, is reported."""
        if not self.sections:
            return
        section = self.sections[-1]
        self.unplaced.extend(section.pending_lines)
        section.pending, section.pending_lines = None, []
        if not section.paragraphs and not section.listed:
            self.unplaced.extend(section.lines)
            self.sections.pop()

    def _content_section(self) -> _Sec:
        """The section new content goes in; text before any heading makes a preamble."""
        if not self.sections:
            heading = self.titles.pop().text if self.titles else "Preamble"
            self.unplaced.extend(self.titles)
            self.titles = []
            self.sections.append(_Sec(None, heading, self._unique_id("preamble"), []))
        return self.sections[-1]

    def _current(self) -> _Para | None:
        """The paragraph new lines may join; none after a sub-heading that awaits its own."""
        if not self.sections or self.sections[-1].pending or not self.sections[-1].paragraphs:
            return None
        return self.sections[-1].paragraphs[-1]

    # paragraphs

    def _add(self, ref: str, numbering: Numbering, first: str, unit: _Unit, **kw: str) -> _Para:
        """A new paragraph; a waiting sub-heading goes on it."""
        section = self._content_section()
        para = _Para(ref, numbering, unit.no, **kw)
        para.blocks = [[first]] if first else [[]]
        para.bold_end = unit.bold_end
        para.subheading, section.pending, section.pending_lines = section.pending, None, []
        section.paragraphs.append(para)
        self.refs.add(ref)
        return para

    def _protocheck(self, unit: _Unit, text: str) -> None:
        """A paragraph the source does not number: `<section-id>.<count>`."""
        section = self._content_section()
        ref = ""
        while not ref or ref in self.refs:
            section.auto += 1
            ref = f"{section.id}.{section.auto}"
        self._add(ref, "protocheck", text, unit)

    def _numbered(self, unit: _Unit, following: _Unit | None) -> bool:
        """A paragraph with the council's own number (`7.3`, `- 7.3`, `7.6 (ii)`, `4 a)`)."""
        found = self._council_number(unit.text)
        if found is None:
            return False
        number, ref, parts, rest = found
        if ref == number and _heading_like(rest) and _numbered_under(following, number):
            self._subheading(unit)  # `12 POLITICAL ASSISTANTS` above 12.1
            return True
        if ref != number:
            kind = "roman" if "(" in ref else "sub"
        else:
            kind = "lead" if len(parts) == 1 and _is_lead(rest) else "plain"
        self._add(ref, "council", rest, unit, kind=kind, group=number)
        self.last = parts
        return True

    def _council_number(self, text: str) -> tuple[str, str, tuple[int, ...], str] | None:
        """Number, ref, number parts and text of a numbered line that fits the numbering."""
        match = _NUM.match(text)
        if not match:
            return None
        rest, sub, letter = match["rest"] or "", match["sub"] or "", match["letter"] or ""
        if rest[:1].islower() and not (sub or letter):
            return None
        parts = tuple(int(p) for p in match["num"].split("."))
        ref = match["num"] + sub + (f" {letter}" if letter else "")
        fits = self._plausible(parts) or (bool(sub or letter) and parts == self.last)
        return (match["num"], ref, parts, rest) if fits and ref not in self.refs else None

    def _plausible(self, parts: tuple[int, ...]) -> bool:
        """Whether a number fits the numbering so far; a quoted `17` or a date does not.
        Small gaps are allowed: one paragraph lost in extraction must not derail the rest."""
        last, section = self.last, self._section_number()
        if len(parts) == 1:
            return parts[0] <= 2 if last is None else 0 < parts[0] - last[0] <= _MAX_GAP
        top = parts[0]
        if section is not None:
            if top != section:
                return False
        elif last is None:
            return parts[1] == 1
        elif not 0 <= top - last[0] <= _MAX_GAP:
            return False
        if last is not None and top == last[0]:
            previous = last[1] if len(last) > 1 else 0
            return parts > last and parts[1] - previous <= 5
        return parts[1] <= 2

    def _section_number(self) -> int | None:
        if not self.sections or not (self.sections[-1].number or "").isdigit():
            return None
        return int(self.sections[-1].number or "0")

    # list items

    def _item(self, index: int, unit: _Unit) -> bool:
        """A labelled item (`a)`, `(ii)`, `b.`): a citable sub-paragraph, or a list line."""
        match = _ITEM.match(unit.text)
        if not match:
            return False
        label, rest = match["label"], match["rest"]
        current = self._current()
        if current is None:
            self._protocheck(unit, f"{label} {rest}")
            return True
        sub = self._sub_paragraph(current, label, index)
        if sub is not None:
            ref, numbering, kind, group = sub
            self._add(ref, numbering, rest, unit, kind=kind, group=group)
        else:
            current.add_list_line(f"{label} {rest}", "marked")
        return True

    def _sub_paragraph(
        self, current: _Para, label: str, index: int
    ) -> tuple[str, Numbering, str, str] | None:
        """Items the source makes citable: `4 a)` under a bare `4`, `7.6(ii)` as paragraphs."""
        found: tuple[str, Numbering, str, str] | None = None
        roman = _roman(label)
        if _letter(label) and current.kind in ("lead", "sub"):
            found = (f"{current.group} {label}", "council", "sub", current.group)
        elif _letter(label) and current.kind in ("group", "gsub"):
            found = (f"{current.group} {label}", "protocheck", "gsub", current.group)
        elif current.kind == "roman" and label.startswith("("):
            found = (f"{current.group}{label}", "council", "roman", current.group)
        elif roman == "i" and self._roman_paragraphs(current, index):
            found = (f"{current.ref}({roman})", "council", "roman", current.ref)
        if found is None or found[0] in self.refs:
            return None
        return found

    def _roman_paragraphs(self, current: _Para, index: int) -> bool:
        """(i), (ii)... under a numbered lead-in are paragraphs when each is whole sentences."""
        if current.numbering != "council" or "." not in current.ref or not current.lead_only():
            return False
        items: list[str] = []
        for unit in self.units[index:]:
            match = _ITEM.match(unit.text)
            if match and _roman(match["label"]):
                items.append(match["rest"])
            elif items and unit.text[:1].islower() and not _ends_clause(items[-1]):
                items[-1] = f"{items[-1]} {unit.text}"
            else:
                break
        return bool(items) and all(_is_sentence(item) for item in items)

    def _bullet(self, unit: _Unit, following: _Unit | None) -> bool:
        """A dashed line: a list item, unless it is a sentence's page-break continuation."""
        match = _BULLET.match(unit.text)
        if not match:
            return False
        rest, current = match["rest"], self._current()
        if current is not None and rest[:1].islower() and self._continues(current):
            current.join(rest)
        elif self._group_lead(rest, current, following):
            self._start_group(rest, unit, current)
        elif current is None:
            self._protocheck(unit, f"- {rest}")
        else:
            current.add_list_line(f"- {rest}", "marked")
        return True

    def _continues(self, current: _Para) -> bool:
        return (
            bool(current.last_line)
            and not current.list_kind
            and not _ends_clause(current.last_line)
        )

    def _group_lead(self, text: str, current: _Para | None, following: _Unit | None) -> bool:
        """`As a Member:` after `5 a)`...: a lead-in whose list restarts its letters."""
        if current is None or current.kind not in ("sub", "gsub") or not _is_lead(text):
            return False
        match = _ITEM.match(following.text) if following else None
        return len(text) <= 80 and match is not None and _letter(match["label"])

    def _start_group(self, text: str, unit: _Unit, current: _Para | None) -> None:
        """Refs like `5 Member a)` are protocheck's: the source's own letters would clash."""
        root = (current.group if current else "").split(" ")[0]
        word = _GROUP_WORD.search(text)
        name = word[1].rstrip("s") if word else _kebab(text)
        base, count = f"{root} {name}".strip(), 1
        while base in self.refs:
            count += 1
            base = f"{root} {name} {count}".strip()
        self._add(base, "protocheck", text, unit, kind="group", group=base)

    # plain lines

    def _text(self, unit: _Unit, following: _Unit | None) -> None:
        """An unmarked line: a continuation, a list line, a heading, or prose (in that order)."""
        text, current = unit.text, self._current()
        if current is not None and _lower_start(text) and self._joins(current):
            current.join(text)
        elif current is not None and current.takes_plain_item(text):
            current.add_list_line(text, "plain")
        elif self._group_lead(text, current, following):
            self._start_group(text, unit, current)
        elif _heading_like(text) and _heading_ahead(text, following):
            self._heading(unit)
        elif current is not None and self._page_break(current, text):
            current.join(text)
        elif current is not None and (current.numbering == "council" or current.group):
            current.new_block(text)
        else:
            self._protocheck(unit, text)

    def _joins(self, current: _Para) -> bool:
        return bool(current.last_line) and not _ends_clause(current.last_line)

    def _page_break(self, current: _Para, text: str) -> bool:
        """A capitalised line continues a long unfinished sentence that a page break split."""
        last = current.last_line
        return (
            not current.list_kind
            and not current.bold_end
            and len(last) >= 60
            and not _ends_clause(last)
            and not _URL_END.search(last)
            and (len(text) >= 60 or _ends_clause(text))
            and not _heading_like(text)
        )

    def _heading(self, unit: _Unit) -> None:
        """An unnumbered heading: a section, a sub-heading, or (before any section) a title."""
        text = unit.text.rstrip(":").rstrip()
        section = self.sections[-1] if self.sections else None
        if self.mode == "unnumbered":
            if section and not section.paragraphs and not unit.blank_before:
                self._continue_heading(section, unit)
            else:
                self._start_section(None, text, unit)
        elif section is None:
            self.titles.append(UnplacedLine(unit.no, unit.text))
        else:
            self._subheading(unit)

    def _continue_heading(self, section: _Sec, unit: _Unit) -> None:
        """A heading the layout broke over two lines."""
        self.ids.discard(section.id)
        section.heading = f"{section.heading} {unit.text.rstrip(':').rstrip()}"
        section.id = self._unique_id(_kebab(section.heading))
        section.lines.append(UnplacedLine(unit.no, unit.text))

    def _subheading(self, unit: _Unit) -> None:
        """Stacked sub-headings (`When things go wrong` / `Procedure for officers`) combine."""
        section = self._content_section()
        text = unit.text.rstrip(":").rstrip()
        section.pending = f"{section.pending}: {text}" if section.pending else text
        section.pending_lines.append(UnplacedLine(unit.no, unit.text))


def _lower_start(text: str) -> bool:
    return text[:1].islower() or text[:1] == "("


def _numbered_under(unit: _Unit | None, number: str) -> bool:
    """Whether `unit` is paragraph `<number>.1`-style, making `12 POLITICAL ...` a heading."""
    match = _NUM.match(unit.text) if unit else None
    return match is not None and match["num"].startswith(f"{number}.")


def _heading_ahead(text: str, following: _Unit | None) -> bool:
    """A heading needs content after it; a colon-ended one must not be a list's lead-in."""
    if following is None:
        return False
    if not _is_lead(text):
        return True
    if _NUM.match(following.text):
        return True
    long_prose = len(following.text) >= 100 and _is_sentence(following.text)
    return long_prose and not _marked(following.text)


def _section_mode(units: list[_Unit]) -> str:
    """`numbered` if the text has a `1. Heading` or `A. Heading`; else headings are sections."""
    for unit in units:
        match = _SECTION_NUM.match(unit.text) or _SECTION_LETTER.match(unit.text)
        title = match["title"] if match else ""
        if match and match["num"] in ("1", "A") and _heading_like(title) and title[-1] != ":":
            return "numbered"
    return "unnumbered"


# --- parsing ------------------------------------------------------------------------------------


def parse_protocol(text: str) -> ImportResult:
    """Sections and paragraphs of a protocol's extracted text, plus what could not be placed."""
    units, contents, removed = _units(text)
    builder = _Builder(units, contents)
    sections = _finish(builder.build(), builder.unplaced)
    if not any(s.paragraphs for s in sections):
        raise InputError("found no paragraphs in the text; is it a protocol?")
    council = any(p.numbering == "council" for s in sections for p in s.paragraphs)
    if not council:
        sections = _by_section_number(sections)
    return ImportResult(
        sections=tuple(sections),
        unplaced=tuple(sorted(builder.unplaced, key=lambda u: u.line_no)),
        numbering="council" if council else "protocheck",
        removed=tuple(removed),
    )


def _finish(built: list[_Sec], unplaced: list[UnplacedLine]) -> list[ImportedSection]:
    """Freeze what was built; a paragraph left with no text is reported, not written."""
    sections: list[ImportedSection] = []
    for section in built:
        paragraphs = []
        for para in section.paragraphs:
            body = para.text()
            if body:
                paragraphs.append(
                    ImportedParagraph(para.ref, body, para.numbering, para.subheading)
                )
            else:
                unplaced.append(UnplacedLine(para.line, para.ref))
        if paragraphs or section.listed:
            sections.append(
                ImportedSection(section.number, section.heading, section.id, tuple(paragraphs))
            )
        else:
            unplaced.extend(section.lines)
    return sections


def _by_section_number(sections: list[ImportedSection]) -> list[ImportedSection]:
    """With no council numbers at all, a numbered section's paragraphs become `3.1`, `3.2`:
    shorter to type than `roles-of-members.1`, and still marked as protocheck's numbering."""
    renamed = []
    for section in sections:
        prefix = f"{section.id}."
        paragraphs = section.paragraphs
        if section.number:
            paragraphs = tuple(
                replace(p, ref=f"{section.number}.{p.ref[len(prefix) :]}")
                if p.ref.startswith(prefix)
                else p
                for p in paragraphs
            )
        renamed.append(replace(section, paragraphs=paragraphs))
    return renamed


# --- writing YAML -------------------------------------------------------------------------------


def dump_paragraphs_yaml(result: ImportResult, council_name: str) -> str:
    """paragraphs.yaml text: refs double-quoted, prose folded (`>-`), lists literal (`|-`)."""
    name = " ".join(council_name.split())
    numbers = "the council's own" if result.numbering == "council" else "made by protocheck"
    lines = [
        f"# {name}: Member/Officer Relations Protocol.",
        f"# Imported by protocheck from extracted text; refs are {numbers}.",
        "# Check every paragraph against the source before relying on it.",
        "sections:",
    ]
    for section in result.sections:
        lines.extend(_section_yaml(section, result.numbering))
    return "\n".join(lines) + "\n"


def _section_yaml(section: ImportedSection, numbering: Numbering) -> list[str]:
    """One section; a paragraph says `numbering:` only where it differs from the council's."""
    lines = [f"  - number: {_quoted(section.number)}"] if section.number else []
    lines.append(f"{'    ' if lines else '  - '}heading: {_quoted(section.heading)}")
    lines.append(f"    id: {section.id}")
    lines.append("    paragraphs:" if section.paragraphs else "    paragraphs: []")
    for para in section.paragraphs:
        lines.append(f"      - ref: {_quoted(para.ref)}")
        if para.subheading:
            lines.append(f"        subheading: {_quoted(para.subheading)}")
        if para.numbering != numbering:
            lines.append(f"        numbering: {para.numbering}")
        lines.extend(_text_yaml(para.text, "          "))
    return lines


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _text_yaml(text: str, indent: str) -> list[str]:
    """Line breaks matter in lists (`|-`); prose is folded (`>-`) so the file reads well."""
    if "\n" in text:
        return [
            "        text: |-",
            *[f"{indent}{line}" if line else "" for line in text.split("\n")],
        ]
    return ["        text: >-", *[f"{indent}{line}" for line in _fold(text, FOLD_WIDTH)]]


def _fold(text: str, width: int) -> list[str]:
    """Break at single spaces only: YAML folding turns each break back into one space."""
    lines: list[str] = []
    for word in re.split(r"(?<=\S) (?=\S)", text):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
