"""The JSON writer every `-f json` output goes through: byte for byte what
`json.dumps(value, indent=2, ensure_ascii=False)` writes, for any value it may be given
(council text holds every kind of character; models hold enums and named tuples)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocheck.render.json_text import indented


class Kind(StrEnum):
    ONE = "one"
    TWO = "two, “quoted”"


class Pair(NamedTuple):
    left: object
    right: object


SCALARS = (  # every one of them is also a key json takes
    st.text()
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
    | st.sampled_from(list(Kind))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.builds(Pair, inner, inner)
        | st.dictionaries(SCALARS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(VALUES)
def test_it_writes_what_json_writes(value):
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_key_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError):
        json.dumps({(1, 2): "x"}, indent=2)
    with pytest.raises(TypeError, match="keys must be"):
        indented({(1, 2): "x"})


def test_a_value_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError):
        indented({"when": object()})


def test_values_nested_past_what_it_follows_are_written_as_json_writes_them():
    deep: list = []
    inner = deep
    for _ in range(500):  # deeper than this writer follows, not than json does
        inner.append([])
        inner = inner[0]
    assert indented(deep) == json.dumps(deep, indent=2, ensure_ascii=False)
    looped: list = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference"):
        indented(looped)
