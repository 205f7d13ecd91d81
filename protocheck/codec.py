"""Models as nested JSON arrays, field by field, and back: compact, and quick to decode.

The cache stores checked councils this way so that a run reads JSON instead of parsing YAML.
Each decoder names the model's fields in order, and checks their count at import, so a model
that gains a field cannot be decoded by a stale decoder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import (
    Choice,
    Contacts,
    Council,
    Fact,
    Outcome,
    Paragraph,
    Questionnaire,
    Role,
    Row,
    Source,
    Unresolved,
    Verdict,
)


def encode(value: Any) -> Any:
    """Models as nested JSON arrays, field by field: compact, and quick to turn back."""
    if isinstance(value, Verdict):
        return value.value
    if isinstance(value, tuple):  # NamedTuples included: their fields, in order
        return [encode(v) for v in value]
    return value


def _many(decode: Callable[[Any], Any]) -> Callable[[list], tuple]:
    return lambda items: tuple(map(decode, items))


def _optional(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else decode(value)


def _record(cls: Any, *fields: Callable[[Any], Any] | None) -> Callable[[list], Any]:
    """A decoder for one model: each field as stored, or through its own decoder."""
    assert len(fields) == len(cls._fields), cls
    if not any(fields):  # every field as stored: made at once, its count still checked
        size = len(fields)
        return lambda items: cls._make(items) if len(items) == size else _wrong_count(cls)
    return lambda items: cls._make(
        [
            value if field is None else field(value)
            for field, value in zip(fields, items, strict=True)
        ]
    )


def _wrong_count(cls: Any) -> Any:
    raise ValueError(f"a stored {cls.__name__} has the wrong number of fields")


_texts = _many(str)
_choice = _record(Choice, None, None, None)
_fact = _record(Fact, None, None, _many(_choice), None, None)
_contacts = _record(Contacts, None, _texts, _texts, None)
_by_role = _many(lambda item: (item[0], _contacts(item[1])))
_outcome = _record(
    Outcome, Verdict, None, _texts, None, _texts, _texts, _texts, None, None, _by_role
)
_condition = lambda item: (item[0], tuple(item[1]))  # noqa: E731
_row = _record(Row, None, _many(_condition), _outcome, None)
decode_fact: Callable[[list], Fact] = _fact
decode_paragraph: Callable[[list], Paragraph] = _record(
    Paragraph, None, None, None, None, None, None, None, None, None
)
_questionnaire = _record(Questionnaire, None, None, _texts, _many(_row), None, _texts, None)
decode_questionnaire: Callable[[list], Questionnaire] = _questionnaire
decode_roles: Callable[[list], tuple[Role, ...]] = _many(_record(Role, None, None, _texts))
decode_unresolved: Callable[[Any], Unresolved | None] = _optional(
    _record(Unresolved, _texts, None, _texts, None, None, _by_role)
)
decode_council: Callable[[list], Council] = _record(
    Council,
    None,
    None,
    _record(Source, None, None, None, None),
    _many(decode_paragraph),
    decode_roles,
    _many(_questionnaire),
    _texts,
    None,
    None,
    None,
    decode_unresolved,
    _many(_fact),
    _many(lambda item: (item[0], item[1])),
    None,
    _many(lambda item: (item[0], item[1], item[2])),
)
