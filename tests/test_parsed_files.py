"""Parsed files kept between runs: an edit to one file of a council parses only that file."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import RULES
from hypothesis import given, settings
from hypothesis import strategies as st

from protocheck import councils, files, yamlfile
from protocheck.errors import RulesError
from protocheck.parsed_files import decode, encode
from protocheck.yamlfile import YList, YMap, parse_yaml

EDITED = "cjc"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed with ruamel (not served as kept)."""
    parsed: list[str] = []
    parse = yamlfile._read_yaml

    def counting(path: Path):
        parsed.append(path.name)
        return parse(path)

    monkeypatch.setattr(yamlfile, "_read_yaml", counting)
    return parsed


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as settled, however new (the files copied for a test are)."""
    monkeypatch.setattr(files, "SETTLED_NS", -(10**12))


def _rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    return rules


def _council(rules: Path, slug: str = EDITED):
    return councils.load_library([rules]).find(slug)


def _edit(path: Path, old: str | None = None, new: str = "") -> None:
    """Change a file's words (or, with no `old`, add a comment to it), as an editor does."""
    text = path.read_text(encoding="utf-8")
    if old is None:
        changed = f"{text}\n# an edit{new}\n"
    else:
        assert old in text
        changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")


def test_a_council_read_for_the_first_time_keeps_nothing(own_cache, tmp_path, settled, parses):
    _council(_rules(tmp_path))
    assert parses and not (own_cache / "parsed").exists()


def test_once_a_council_is_edited_an_edit_parses_only_the_file_edited(
    own_cache, tmp_path, settled, parses
):
    rules = _rules(tmp_path)
    before = _council(rules)
    _edit(rules / EDITED / "paragraphs.yaml")  # the first edit: every file parsed, and kept
    parses.clear()
    assert _council(rules).paragraphs == before.paragraphs
    topics = sorted((rules / EDITED / "topics").glob("*.yaml"))
    assert len(parses) >= len(topics) + 2  # council.yaml, paragraphs.yaml and every topic
    edited = topics[0]
    title = next(t.title for t in before.questionnaires if t.id == edited.stem)
    _edit(edited, title, f"{title} (edited)")
    parses.clear()
    after = _council(rules)
    assert parses == [edited.name]
    assert next(t.title for t in after.questionnaires if t.id == edited.stem).endswith("(edited)")
    assert after.paragraphs == before.paragraphs


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """`new` for `old` (as long), with the modification time put back, as `cp -p` leaves it."""
    assert len(old) == len(new)
    before = path.stat()
    _edit(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


@pytest.mark.parametrize("replaced", [False, True], ids=["written-in-place", "renamed-over"])
def test_an_edit_that_keeps_size_and_modification_time_is_never_served_as_kept(
    own_cache, tmp_path, settled, parses, replaced
):
    rules = _rules(tmp_path)
    paragraphs = rules / EDITED / "paragraphs.yaml"
    _council(rules)
    _edit(rules / EDITED / "council.yaml")  # the first edit: every file parsed, and kept
    _council(rules)
    text = paragraphs.read_text(encoding="utf-8")
    if replaced:  # another file of the same size and time put in its place
        other = paragraphs.with_name("paragraphs.new")
        other.write_text(text.replace("relations", "relatives", 1), encoding="utf-8")
        os.utime(other, ns=(paragraphs.stat().st_atime_ns, paragraphs.stat().st_mtime_ns))
        other.replace(paragraphs)
    else:
        _same_size_edit(paragraphs, "relations", "relatives")
    parses.clear()
    council = _council(rules)
    assert parses == ["paragraphs.yaml"]
    assert "relatives with one another" in council.paragraph("preamble.1").text


@pytest.mark.parametrize(
    "broken", ["council.yaml", "paragraphs.yaml", "topics/correspondence.yaml"]
)
@pytest.mark.parametrize("first", [True, False], ids=["the-first-edit", "a-later-edit"])
def test_while_a_mistake_is_fixed_the_other_files_stay_kept(
    own_cache, tmp_path, settled, parses, broken, first
):
    rules = _rules(tmp_path)
    _council(rules)
    if not first:  # every file already kept, as after an edit before the mistake
        _edit(rules / EDITED / "reviewed.yaml")
        _council(rules)
    path = rules / EDITED / broken
    text = path.read_text(encoding="utf-8")
    path.write_text(f"{text}\n  - [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError):
        _council(rules)
    path.write_text(text, encoding="utf-8")  # put right
    parses.clear()
    _council(rules)
    if first:  # what the read that met the mistake parsed, it kept
        assert path.name in parses
        assert not ({"council.yaml", "paragraphs.yaml"} - {path.name}) & set(parses)
    else:
        assert parses == [path.name]


def test_a_file_changed_moments_ago_is_parsed_again_next_time(own_cache, tmp_path, parses):
    rules = _rules(tmp_path)  # every file was just written: none is kept
    _council(rules)
    for n in range(2):
        _edit(rules / EDITED / "paragraphs.yaml", new=str(n))
        parses.clear()
        _council(rules)
        assert "council.yaml" in parses and "paragraphs.yaml" in parses


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body.replace('"sections"', '"sectionz"'),  # caught by the CRC
        lambda body: json.dumps({k: [v[0], [7]] for k, v in json.loads(body).items()}),
        lambda body: json.dumps({k: [v[0], {"a": 1}] for k, v in json.loads(body).items()}),
        lambda body: "[1, 2, 3]",
    ],
    ids=["text-altered", "values-of-the-wrong-shape", "a-mapping-as-json", "not-a-mapping"],
)
def test_kept_parses_not_as_written_are_parsed_again(own_cache, tmp_path, settled, damage):
    rules = _rules(tmp_path)
    first = _council(rules)
    _edit(rules / EDITED / "paragraphs.yaml")
    _council(rules)
    [kept] = (own_cache / "parsed").glob("*.json")
    header, _, body = kept.read_text(encoding="utf-8").partition("\n")
    body = damage(body)
    head = json.loads(header)
    if "sectionz" not in body:  # a checksum that matches, over data of the wrong shape
        head["crc"] = zlib.crc32(body.encode("utf-8"))
    kept.write_text(f"{json.dumps(head)}\n{body}", encoding="utf-8")
    _edit(rules / EDITED / "paragraphs.yaml", new="again")
    assert _council(rules) == first


def test_the_cli_quotes_an_edited_paragraph_after_its_topics_were_kept(
    cli, own_cache, tmp_path, settled
):
    rules = _rules(tmp_path)
    env = {"PROTOCHECK_RULES": str(rules), "PROTOCHECK_NO_SHIPPED_RULES": "1"}
    paragraphs = rules / EDITED / "paragraphs.yaml"
    assert cli("search", "silent copies", env=env).exit_code == 0
    _edit(paragraphs)
    assert cli("search", "silent copies", env=env).exit_code == 0
    assert list((own_cache / "parsed").glob("*.json"))
    _edit(paragraphs, "relations with one another.", "relations with one another, zeppelins.")
    found = cli("search", "zeppelins", "-f", "json", env=env)
    assert found.exit_code == 0 and "zeppelins" in found.stdout


@pytest.mark.parametrize(
    "data",
    [5, {"a": 1}, [1], [1, "2"], [1, 1, "k", 1], [1, 1, 3, 1, 1, "v"], [0, 1, "a", 1, "v"], [2, 1]],
    ids=[
        "a-number",
        "a-dict",
        "no-line",
        "a-text-line",
        "short",
        "a-number-key",
        "a-text-item-line",
        "an-unknown-kind",
    ],
)
def test_decode_refuses_what_encode_never_writes(data):
    with pytest.raises((TypeError, ValueError)):
        decode(data)


_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=12)
_VALUES = st.recursive(
    st.none() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)


def _same(a: object, b: object) -> bool:
    """Equal values, with every line and column equal too."""
    if isinstance(a, YMap):
        return (
            isinstance(b, YMap)
            and list(a) == list(b)
            and (a.line, a.key_lines, a.key_columns) == (b.line, b.key_lines, b.key_columns)
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, YList):
        return (
            isinstance(b, YList)
            and (a.line, a.item_lines, a.item_columns) == (b.line, b.item_lines, b.item_columns)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return type(a) is type(b) and a == b


@settings(max_examples=150, deadline=None)
@given(_VALUES)
def test_a_parsed_file_kept_as_json_reads_back_as_parsed(value):
    """What a file parses to, kept and read back, is the same values at the same places."""
    parsed = parse_yaml(json.dumps(value, indent=2, ensure_ascii=False), "kept.yaml")
    kept = json.loads(json.dumps(encode(parsed), ensure_ascii=False))
    assert _same(parsed, decode(kept))


def test_every_shipped_rules_file_reads_back_as_parsed():
    for path in sorted(RULES.rglob("*.yaml")):
        parsed = yamlfile.read_yaml(path)
        assert _same(parsed, decode(json.loads(json.dumps(encode(parsed))))), path
