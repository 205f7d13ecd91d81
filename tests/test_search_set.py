"""The search set: searches as councillors and officers type them, each with the paragraph that
must come in the first three. bench/search_quality.py gives the figures against another
version; a search marked `miss` is one this engine is known to rank lower, and its test fails
the day it passes, so the mark comes off."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

SEARCHES = YAML(typ="safe").load((ROOT / "tests" / "search_set.yaml").read_text())["searches"]


def _cases():
    for search in SEARCHES:
        marks = [pytest.mark.xfail(strict=True, reason=search["miss"])] if "miss" in search else []
        yield pytest.param(search, id=search["query"], marks=marks)


def test_the_set_is_large_and_spread_over_councils():
    assert len(SEARCHES) >= 40
    assert len({s["expect"].split()[0] for s in SEARCHES}) >= 6
    assert sum("miss" in s for s in SEARCHES) <= len(SEARCHES) // 20


@pytest.mark.parametrize("search", list(_cases()))
def test_the_expected_paragraph_is_in_the_first_three(cli, search):
    args = ["search", search["query"], "-f", "json", "-n", "3"]
    if search.get("council"):
        args += ["-c", search["council"]]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    found = [f"{h['council']} {h['ref']}" for h in json.loads(result.stdout)["hits"]]
    assert search["expect"] in found
