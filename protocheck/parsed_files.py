"""Each rules file's parsed values, kept between runs, so that an edit to one file of a council
has only that file parsed again.

A council is read whole when any of its files changes, and most of its files are topics that
the edit did not touch: parsing them again with ruamel (a third of a millisecond each) was most
of what reading an edited council cost. The values of every file a council's read used are kept
in one cache entry for that council, each under its file's stamp (size, modification and change
times, inode: as every cache entry is checked), and are served only while the stamp is the same.

A file changed in the last few seconds is not kept (`files.settled`): a second write within
the clock's tick may leave the same stamp on different words, so it is parsed again next time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import yamlfile
from .files import settled
from .store import stamp_of
from .yamlfile import YList, YMap

_MAP, _LIST = 1, 0  # the first item of an encoded mapping or sequence


class KeptParses:
    """The parsed files a council's last read kept (`held`), and those this read used
    (`seen`: what is kept next), each as [stamp, encoded value] under its path."""

    def __init__(self, held: Any):
        self.held: dict[str, Any] = held if isinstance(held, dict) else {}
        self.seen: dict[str, list[Any]] = {}
        self.kept_new = False  # whether a file was parsed and kept

    def read(self, path: Path, parse: Callable[[Path], Any]) -> Any:
        """The file's values: as kept, if the file's stamp is the one kept, else parsed."""
        name = os.fspath(path)
        try:
            status = os.stat(name)
        except OSError:
            return parse(path)  # which says what is wrong with it
        stamp = stamp_of(status)
        held = self.held.get(name)
        if isinstance(held, list) and len(held) == 2 and held[0] == stamp:
            try:
                value = decode(held[1])
            except (TypeError, ValueError, IndexError, RecursionError):
                pass  # damaged: parsed again, and kept anew
            else:
                self.seen[name] = held
                return value
        value = parse(path)
        if settled(status):
            self.seen[name], self.kept_new = [stamp, encode(value)], True
        elif held is not None:
            self.seen[name] = held  # out of date, so never served: not worth a write
        return value

    def changed(self) -> bool:
        """Whether what is kept should be written again: a file newly kept, or one no longer
        read."""
        return self.kept_new or self.seen.keys() != self.held.keys()


@contextmanager
def keeping(kept: KeptParses) -> Iterator[KeptParses]:
    """Within this, every rules file read (`yamlfile.read_yaml`) goes through `kept`."""
    before, yamlfile.keeper = yamlfile.keeper, kept
    try:
        yield kept
    finally:
        yamlfile.keeper = before


def encode(value: Any) -> Any:
    """A file's values as JSON: a mapping as [1, line, key, key line, key column, value, ...],
    a sequence as [0, line, item line, item column, item, ...]; text and None as themselves."""
    if isinstance(value, YMap):
        out: list[Any] = [_MAP, value.line]
        lines, columns = value.key_lines, value.key_columns
        for key, item in value.items():
            out += (key, lines[key], columns[key], encode(item))
        return out
    if isinstance(value, YList):
        out = [_LIST, value.line]
        for item, line, column in zip(value, value.item_lines, value.item_columns, strict=True):
            out += (line, column, encode(item))
        return out
    return value


def decode(data: Any) -> Any:
    """`encode` undone; TypeError or ValueError where the data is not what it writes."""
    if data is None or type(data) is str:
        return data
    if type(data) is not list or len(data) < 2 or type(data[1]) is not int:
        raise TypeError("not a parsed value")
    parts = iter(data)
    kind, line = next(parts), next(parts)
    if kind == _MAP and len(data) % 4 == 2:
        mapping = YMap()
        mapping.line, mapping.key_lines, mapping.key_columns = line, {}, {}
        for key, key_line, column, item in zip(parts, parts, parts, parts, strict=True):
            if type(key) is not str or type(key_line) is not int or type(column) is not int:
                raise TypeError("not a parsed mapping")
            mapping[key] = decode(item)
            mapping.key_lines[key], mapping.key_columns[key] = key_line, column
        return mapping
    if kind == _LIST and len(data) % 3 == 2:
        sequence = YList()
        sequence.line, sequence.item_lines, sequence.item_columns = line, [], []
        for item_line, column, item in zip(parts, parts, parts, strict=True):
            if type(item_line) is not int or type(column) is not int:
                raise TypeError("not a parsed sequence")
            sequence.append(decode(item))
            sequence.item_lines.append(item_line)
            sequence.item_columns.append(column)
        return sequence
    raise ValueError("not a parsed value")
