"""Read YAML written by other people: safely, within bounds, keeping line numbers.

Rules, answers and drafts come from councils and their officers, so a file is only ever data.
We compose YAML into nodes (never construct arbitrary objects), refuse tags, anchors and
aliases (the "billion laughs" route to exhausting memory), cap size, depth and node count, and
turn the nodes into plain dicts, lists and strings that remember the line each came from, so
every later error can say `file:line`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RulesError
from .files import read_bounded

MAX_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 40

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


def read_yaml(path: Path) -> Any:
    """The document in `path` as YMap/YList/str/None values, or a YamlError naming the place."""
    too_large = f"file is larger than {MAX_BYTES // 1024} KiB; split it up"
    raw = read_bounded(path, MAX_BYTES, too_large, Unreadable)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})", path=path) from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse YAML text (one document) into plain located values."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        node = YAML(typ="safe", pure=True).compose(text)
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
        return str(node.value)

    def mapping(self, node: Any, depth: int) -> YMap:
        result = YMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.key_columns = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if not isinstance(key, str):
                raise self.fail(key_node, "a key must be a plain word")
            if key == "<<":
                raise self.fail(key_node, "merge keys (<<) are not allowed; write it out")
            if key in result:
                raise self.fail(key_node, f"{key!r} appears twice")
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
