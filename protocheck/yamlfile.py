"""Read YAML written by other people: safely, within bounds, keeping line numbers.

Rules, answers and drafts come from councils and their officers, so a file is only ever data.
We compose YAML into nodes (never construct arbitrary objects), refuse tags, anchors and
aliases (the "billion laughs" route to exhausting memory), cap size, depth and node count, and
turn the nodes into plain dicts, lists and strings that remember the line each came from, so
every later error can say `file:line`.

The parser is libyaml's, through ruamel.yaml.clib: its events (which keep every anchor, so that
one can be refused with its line) are read straight into located values, 10 to 20 times faster
than composing nodes in Python. Where no clib wheel exists, ruamel's pure-Python parser (about
20 µs a value) composes nodes instead, and the same checks apply to them. Either way the cost is
bounded before parsing: a C-speed pass counts the marks every value needs (see `_prescan`), and
a file with too many is refused in milliseconds. Text values may not hold control
characters or lone surrogates (which YAML escapes such as "\\e" or "\\ud83d" can make): they
could not be printed, saved or sent as JSON, so they are refused here, with their line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import RulesError, has_surrogates
from .files import read_bounded

MAX_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_MARKS = 50_000  # shipped rules have 30 (prose) to 60 (questions) a KiB; ~2 s to parse
MAX_DEPTH = 40

# Every value starts a line or follows one of these (a collection and its first item may
# share one), so their count bounds the number of values, and with it the parser's work.
_MARKS = ("\n", ",", ":", "-", "[", "{", "?")
# What YAML itself refuses to read (ruamel's own test), found here so the error has a line.
# Patterns stay strings, compiled (and cached by re) when first used: compiling this one
# takes 3 ms, which every run importing this module would otherwise pay.
_NOT_PRINTABLE = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# What escapes can still put in a value: controls but tab and newline, and lone surrogates.
_NOT_TEXT = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


SYNTAX = "PC106"  # not valid YAML
FEATURE = "PC107"  # valid YAML, but a feature or size that rules files may not use


class YamlError(RulesError):
    """A YAML file that cannot be read as plain data: it stops that file, and only that file."""

    rule = FEATURE


class Unreadable(YamlError):
    """A file that cannot be read at all: missing, too large, or not UTF-8 text."""

    rule = "PC100"


class YMap(dict):
    """A mapping that remembers its own line and each key's line and column (1-based)."""

    line: int
    key_lines: dict[str, int]
    key_columns: dict[str, int]


class YList(list):
    """A sequence that remembers its own line and each item's line and column (1-based)."""

    line: int
    item_lines: list[int]
    item_columns: list[int]


def line_of(container: YMap | YList, key: str | int) -> int:
    """The line of a key in a mapping or an item in a sequence, else of the container."""
    if isinstance(container, YMap) and isinstance(key, str):
        return container.key_lines.get(key, container.line)
    if isinstance(container, YList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return container.line


def column_of(container: YMap | YList, key: str | int | None) -> int | None:
    """The column of a key in a mapping or an item in a sequence, where known."""
    if isinstance(container, YMap) and isinstance(key, str):
        return container.key_columns.get(key)
    if isinstance(container, YList) and isinstance(key, int) and key < len(container.item_columns):
        return container.item_columns[key]
    return None


# While a council is read, what its last read parsed (a `parsed_files.KeptParses`), or None.
keeper: Any = None


def read_yaml(path: Path) -> Any:
    """The document in `path` as YMap/YList/str/None values, or a YamlError naming the place."""
    if keeper is not None:
        return keeper.read(path, _read_yaml)
    return _read_yaml(path)


def _read_yaml(path: Path) -> Any:
    too_large = f"file is larger than {MAX_BYTES // 1024} KiB; split it up"
    raw = read_bounded(path, MAX_BYTES, too_large, Unreadable)
    try:
        text = utf8_text(raw)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})", path=path) from None
    return parse_yaml(text, path)


def utf8_text(raw: bytes) -> str:
    """The bytes as UTF-8 text, less a byte order mark at the start: as the "utf-8-sig" codec
    reads them, without importing it (and an error's byte is counted from the file's start)."""
    text = raw.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse YAML text (one document) into plain located values."""
    _prescan(text, path)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        parser = _c_parser()
        if parser is not None and not _escapes_surrogates(text):
            return _EventReader(path, parser(text)).document()
        from ruamel.yaml import YAML

        node = YAML(typ="safe", pure=True).compose(text)
    except ReaderError as exc:  # _prescan finds these first; this keeps the line if not
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise YamlError(
            f"not valid YAML: {exc.reason}", path=path, line=line, rule=SYNTAX
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "not valid YAML"
        column = mark.column + 1 if mark is not None else None
        raise YamlError(
            f"not valid YAML: {problem}", path=path, line=line, column=column, rule=SYNTAX
        ) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise YamlError(f"not valid YAML: {exc}", path=path, rule=SYNTAX) from None
    if node is None:
        return None
    return _Converter(path).convert(node, depth=0)


def _c_parser() -> Any:
    """libyaml's parser (ruamel.yaml.clib), or None where no wheel was installed."""
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:
        return None
    return CParser


def _escapes_surrogates(text: str) -> bool:
    """Whether the text may write half a character as an escape ("\\ud83d", as JSON writes
    an emoji), which libyaml refuses and the pure parser reads for `_whole_characters` to join.
    Most texts hold no backslash at all, which one quick search shows."""
    return "\\" in text and ("\\ud" in text or "\\uD" in text)


def _prescan(text: str, path: Path | str) -> None:
    """Refuse, before parsing, a character YAML cannot hold (with its line), and a text with
    more marks than MAX_MARKS: linear, and milliseconds for a whole MiB."""
    if not _printable(text):
        bad = re.search(_NOT_PRINTABLE, text)
        if bad is not None:
            line = text.count("\n", 0, bad.start()) + 1
            raise YamlError(_unusable(bad.group()), path=path, line=line)
    if len(text) <= MAX_MARKS:  # every mark is a character: too few to count
        return
    marks = sum(map(text.count, _MARKS))
    if marks > MAX_MARKS:
        raise YamlError(
            f"too many values or lines ({marks:,} line breaks and separators; the limit is "
            f"{MAX_MARKS:,}); split it up",
            path=path,
        )


def _printable(text: str) -> bool:
    """True if the text holds only what YAML can: a quick test, ten times the regex's speed,
    for the usual text. Python's printable characters are all ones YAML allows (what it
    refuses are controls, surrogates and non-characters, none printable), so only a text
    with something else (a tab, a non-breaking space) needs the regex to decide."""
    return text.replace("\n", "").replace("\r", "").replace("\t", "").isprintable()


def _unusable(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return (
            f"'\\u{ord(char):04x}' is half a character (a lone surrogate); "
            "write the character itself"
        )
    return f"control character U+{ord(char):04X} is not allowed; remove it"


def _whole_characters(text: str) -> str:
    """Surrogate pairs written as two escapes ("\\ud83d\\ude00", as JSON writes them) joined
    into the character they stand for; lone ones are left for the caller to refuse."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


class _Converter:
    def __init__(self, path: Path | str):
        self.path = path
        self.count = 0

    def fail(self, node: Any, message: str) -> YamlError:
        mark = node.start_mark
        return YamlError(message, path=self.path, line=mark.line + 1, column=mark.column + 1)

    def convert(self, node: Any, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"too many values (more than {MAX_NODES})")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")
        if getattr(node, "anchor", None):
            raise self.fail(node, "anchors and aliases (&, *) are not allowed; write it out")
        tag = str(getattr(node.tag, "value", node.tag))
        if tag not in _PLAIN_TAGS:
            raise self.fail(node, f"tag {tag!r} is not allowed; rules files hold plain data")
        if tag == "tag:yaml.org,2002:map":
            return self.mapping(node, depth)
        if tag == "tag:yaml.org,2002:seq":
            return self.sequence(node, depth)
        if tag == "tag:yaml.org,2002:null":
            return None
        return self.text(node)

    def text(self, node: Any) -> str:
        value = str(node.value)
        if value.isprintable() or re.search(_NOT_TEXT, value) is None:  # none is printable
            return value
        if has_surrogates(value):
            value = _whole_characters(value)
        bad = re.search(_NOT_TEXT, value)
        if bad is not None:
            raise self.fail(node, _unusable(bad.group()))
        return value

    def key(self, where: Any, key: Any, mapping: YMap) -> str:
        """A mapping's key, if it is one: a plain word, not a merge, not there already."""
        if not isinstance(key, str):
            raise self.fail(where, "a key must be a plain word")
        if key == "<<":
            raise self.fail(where, "merge keys (<<) are not allowed; write it out")
        if key in mapping:
            raise self.fail(where, f"{key!r} appears twice")
        return key

    def mapping(self, node: Any, depth: int) -> YMap:
        result = YMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.key_columns = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, self.convert(key_node, depth + 1), result)
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1
            result.key_columns[key] = key_node.start_mark.column + 1
        return result

    def sequence(self, node: Any, depth: int) -> YList:
        result = YList(self.convert(item, depth + 1) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        result.item_columns = [item.start_mark.column + 1 for item in node.value]
        return result


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML 1.2's plain nulls


class _EventReader(_Converter):
    """Located values straight from libyaml's events, with the converter's checks.

    Reading events (not composed nodes) keeps anchors and aliases visible, so that they are
    refused with their line as the pure-Python path refuses them."""

    def __init__(self, path: Path | str, parser: Any):
        super().__init__(path)
        self.parser = parser
        self.kinds = _events()

    def document(self) -> Any:
        from ruamel.yaml.error import MarkedYAMLError

        try:
            self.parser.get_event()  # the stream's start
            if self.parser.check_event(_events().StreamEndEvent):
                return None
            self.parser.get_event()  # the document's start
            value = self.value(self.parser.get_event(), 0)
            self.parser.get_event()  # the document's end
            if not self.parser.check_event(_events().StreamEndEvent):
                event = self.parser.get_event()
                raise MarkedYAMLError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,
                )
            return value
        finally:
            self.parser.dispose()

    def fail(self, event: Any, message: str) -> YamlError:
        return YamlError(message, path=self.path, line=event.start_mark.line + 1)

    def value(self, event: Any, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(event, f"too many values (more than {MAX_NODES})")
        if depth > MAX_DEPTH:
            raise self.fail(event, f"nested more than {MAX_DEPTH} levels deep")
        kind, kinds = type(event), self.kinds
        if kind is kinds.AliasEvent or getattr(event, "anchor", None):
            raise self.fail(event, "anchors and aliases (&, *) are not allowed; write it out")
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise self.fail(event, f"tag {tag!r} is not allowed; rules files hold plain data")
        if kind is kinds.ScalarEvent:
            return self.scalar(event, None if tag == "!" else tag)
        if kind is kinds.MappingStartEvent:
            return self.events_mapping(event, depth)
        if kind is kinds.SequenceStartEvent:
            return self.events_sequence(event, depth)
        raise self.fail(event, "not a value")  # libyaml gives nothing else here

    def scalar(self, event: Any, tag: str | None) -> str | None:
        """A scalar's text, or None for a null (tagged so, or a plain `~`, `null` or nothing)."""
        if tag == "tag:yaml.org,2002:null":
            return None
        value = event.value
        if tag is None and value in _NULLS and not event.style and event.implicit[0]:
            return None  # a plain null
        return value if value.isprintable() else self.text(event)

    def events_mapping(self, start: Any, depth: int) -> YMap:
        result = YMap()
        result.line = start.start_mark.line + 1
        result.key_lines = lines = {}
        result.key_columns = columns = {}
        end, parser = self.kinds.MappingEndEvent, self.parser
        while not parser.check_event(end):
            key_event = parser.get_event()
            key = self.key(key_event, self.value(key_event, depth + 1), result)
            result[key] = self.value(parser.get_event(), depth + 1)
            mark = key_event.start_mark
            lines[key] = mark.line + 1
            columns[key] = mark.column + 1
        parser.get_event()
        return result

    def events_sequence(self, start: Any, depth: int) -> YList:
        result = YList()
        result.line = start.start_mark.line + 1
        result.item_lines = lines = []
        result.item_columns = columns = []
        end, parser = self.kinds.SequenceEndEvent, self.parser
        while not parser.check_event(end):
            event = parser.get_event()
            result.append(self.value(event, depth + 1))
            mark = event.start_mark
            lines.append(mark.line + 1)
            columns.append(mark.column + 1)
        parser.get_event()
        return result


_EVENTS: Any = None


def _events() -> Any:
    """ruamel's event classes, imported when first needed and then kept: an import statement
    costs a microsecond or two each time, and a file has thousands of values."""
    global _EVENTS
    if _EVENTS is None:
        from ruamel.yaml import events

        _EVENTS = events
    return _EVENTS


def top_text(path: Path, key: str) -> str | None:
    """One plain value of the document's top mapping (a topic's title), read only as far as
    it: `list` needs titles, not decision tables. None if it is not there as text; any
    problem with the file is left for the full read (and `lint`) to report."""
    parser = _c_parser()
    try:
        text = utf8_text(read_bounded(path, MAX_BYTES, "too large", YamlError))
        _prescan(text, path)
        if parser is None or _escapes_surrogates(text):
            found = parse_yaml(text, path)
            value = found.get(key) if isinstance(found, dict) else None
            return value if isinstance(value, str) else None
        return _top_scalar(parser(text), key)
    except (YamlError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    except Exception as exc:  # ruamel's own errors, imported only when parsing
        if type(exc).__module__.startswith("ruamel"):
            return None
        raise


def _top_scalar(parser: Any, key: str) -> str | None:
    kinds = _events()
    starts = (kinds.MappingStartEvent, kinds.SequenceStartEvent)
    ends = (kinds.MappingEndEvent, kinds.SequenceEndEvent)

    def skip(event: Any) -> None:
        depth = 1 if isinstance(event, starts) else 0
        while depth:
            event = parser.get_event()
            depth += 1 if isinstance(event, starts) else -1 if isinstance(event, ends) else 0

    try:
        opening = (kinds.StreamStartEvent, kinds.DocumentStartEvent, kinds.MappingStartEvent)
        for kind in opening:
            if not isinstance(parser.get_event(), kind):
                return None
        while not parser.check_event(kinds.MappingEndEvent):
            name = parser.get_event()
            skip(name)
            value = parser.get_event()
            if isinstance(name, kinds.ScalarEvent) and name.value == key:
                text = isinstance(value, kinds.ScalarEvent) and not value.anchor
                return str(value.value) if text and value.value else None
            skip(value)
        return None
    finally:
        parser.dispose()
