"""YAML from other people: refused before parsing when too big to parse quickly, and refused
with a line number when it holds what no output could carry."""

from __future__ import annotations

import pytest

from protocheck import yamlfile
from protocheck.yamlfile import YamlError, parse_yaml

MIB = 1024 * 1024


@pytest.fixture
def no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if either parser (libyaml's or the pure-Python one) is reached at all."""
    from ruamel.yaml import YAML

    def compose(*_):
        raise AssertionError("the parser ran; the pre-scan should have refused first")

    monkeypatch.setattr(YAML, "compose", compose)
    monkeypatch.setattr(yamlfile, "_c_parser", lambda: compose)


@pytest.mark.parametrize(
    "text",
    [
        "- a\n" * (MIB // 4),
        "[" + "a," * (MIB // 2 - 1) + "]",
        "{" + "a: b, " * (MIB // 6) + "}",
        "\n" * MIB,
        "- - - - - - - - a\n" * (MIB // 18),
    ],
    ids=["block-list", "flow-list", "flow-map", "blank-lines", "nested-dashes"],
)
def test_a_mib_of_tiny_values_is_refused_before_parsing(no_parser, text):
    with pytest.raises(YamlError, match=r"too many values or lines .*split it up"):
        parse_yaml(text, "big.yaml")


def test_the_shipped_rules_are_far_inside_the_bound():
    from conftest import RULES

    for path in RULES.glob("**/*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert sum(map(text.count, yamlfile._MARKS)) < yamlfile.MAX_MARKS // 20, path


def test_the_marks_bound_the_values():
    """The pre-scan's promise: a text within MAX_MARKS cannot hold many more values."""
    for text in ["- a\n- b\n", "[a, [b, c], {d: e}]", "a: b\nc:\n  - d\n  - {e: f}\n"]:
        converter = yamlfile._Converter("x")
        from ruamel.yaml import YAML

        converter.convert(YAML(typ="safe", pure=True).compose(text), 0)
        assert converter.count <= 2 * sum(map(text.count, yamlfile._MARKS)) + 1
        reader = yamlfile._EventReader("x", yamlfile._c_parser()(text))
        reader.document()
        assert reader.count == converter.count


def test_libyaml_and_the_pure_parser_read_every_shipped_file_alike(monkeypatch):
    """The pure parser is the fallback where no clib wheel exists: same values, same lines."""
    from conftest import RULES

    def located(value):
        if isinstance(value, dict):
            return [value.line, value.key_lines, {k: located(v) for k, v in value.items()}]
        if isinstance(value, list):
            return [value.line, value.item_lines, [located(v) for v in value]]
        return value

    paths = sorted(RULES.glob("**/*.yaml"))
    fast = [located(yamlfile.read_yaml(p)) for p in paths]
    monkeypatch.setattr(yamlfile, "_c_parser", lambda: None)
    assert [located(yamlfile.read_yaml(p)) for p in paths] == fast


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('a: b\nc: "\\ud83d"\n', 2, r"'\\ud83d' is half a character"),
        ('a: b\nc: "\\udc00 tail"\n', 2, "half a character"),
        ('a: "\\e[31mred"\n', 1, r"control character U\+001B"),
        ('a: "bell\\a"\n', 1, r"control character U\+0007"),
        ('a: "x\\ry"\n', 1, r"control character U\+000D"),
        ("a: b\nc: d\x07\n", 2, r"control character U\+0007"),
        ('a: b\n"\\x1b": c\n', 2, r"control character U\+001B"),
    ],
)
def test_what_no_output_could_carry_is_refused_with_its_line(text, line, says):
    with pytest.raises(YamlError, match=says) as caught:
        parse_yaml(text, "f.yaml")
    assert caught.value.line == line


def test_a_surrogate_pair_written_as_escapes_is_the_character():
    assert parse_yaml('a: "\\ud83d\\ude00"', "f.yaml") == {"a": "\U0001f600"}


def test_windows_line_endings_are_not_control_characters():
    assert parse_yaml("a: b\r\nc: |\r\n  x\r\n  y\r\n", "f.yaml") == {"a": "b", "c": "x\ny\n"}


def test_a_rules_file_with_an_escape_sequence_fails_lint_with_its_line(cli, rules_dir):
    from conftest import RULES

    folder = rules_dir(
        {
            "council.yaml": (RULES / "surrey" / "council.yaml").read_text(encoding="utf-8"),
            "paragraphs.yaml": 'sections:\n  - heading: "\\e[2J"\n    paragraphs: []\n',
        },
        slug="surrey",
    )
    result = cli("lint", str(folder))
    assert result.exit_code == 1
    assert "paragraphs.yaml:2:" in result.stdout
    assert "error: control character U+001B is not allowed" in result.stdout
    refused = cli("list")
    assert refused.exit_code == 2
    assert "paragraphs.yaml:2: control character U+001B is not allowed" in refused.stderr


def test_a_byte_order_mark_is_read_past_and_a_bad_byte_is_counted_from_the_files_start(
    tmp_path,
):
    """Editors on Windows may start a file with a byte order mark: it is not part of the text
    (as Python's "utf-8-sig" reads it), and a byte that is not UTF-8 is named where it is."""
    marked = tmp_path / "marked.yaml"
    marked.write_bytes(b"\xef\xbb\xbftitle: Caf\xc3\xa9\n")
    assert yamlfile.read_yaml(marked) == {"title": "Caf\u00e9"}
    assert yamlfile.top_text(marked, "title") == "Caf\u00e9"
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"\xef\xbb\xbftitle: caf\xe9\n")
    with pytest.raises(yamlfile.Unreadable, match=r"not UTF-8 text \(byte 13\)"):
        yamlfile.read_yaml(broken)
