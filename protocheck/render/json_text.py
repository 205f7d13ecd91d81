"""JSON indented by two spaces, as `json.dumps(value, indent=2, ensure_ascii=False)` writes it,
in half the time: with an indent, the standard library encodes in Python, one generator step
per value, and `ask --all-councils` at hundreds of councils writes half a megabyte."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_WORDS = {True: "true", False: "false", None: "null"}


def indented(value: Any) -> str:
    try:
        return _text(value, "\n")
    except RecursionError:  # nested past what this can follow: json's own way, and its errors
        return json.dumps(value, indent=2, ensure_ascii=False)


def _text(value: Any, indent: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        return _object(value, indent)
    if kind is list or kind is tuple:
        return _array(value, indent)
    if kind is int:
        return int.__repr__(value)
    if value is None or kind is bool:
        return _WORDS[value]
    if isinstance(value, str):
        return encode_basestring(value)  # a StrEnum: its text, as json writes it
    if isinstance(value, dict):
        return _object(value, indent)
    if isinstance(value, (list, tuple)):
        return _array(value, indent)  # a NamedTuple: an array, as json writes it
    return json.dumps(value)  # floats, and json's own error for what it cannot write


def _object(value: dict, indent: str) -> str:
    if not value:
        return "{}"
    inner = f"{indent}  "
    items = [f"{_key(k)}: {_text(v, inner)}" for k, v in value.items()]
    return f"{{{inner}{f',{inner}'.join(items)}{indent}}}"


def _array(value: list | tuple, indent: str) -> str:
    if not value:
        return "[]"
    inner = f"{indent}  "
    return f"[{inner}{f',{inner}'.join([_text(v, inner) for v in value])}{indent}]"


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, (int, float)):
        return f'"{json.dumps(key)}"'  # json's own text for 1, 1.5, true, null
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
