"""The documentation is tested: the rules-format page's example loads and replays, and every
command is in the README."""

from __future__ import annotations

import re

import typer
from conftest import ROOT

from protocheck.cli import app

DOC = ROOT / "docs" / "rules-format.md"
BLOCK = re.compile(r"```yaml\n# (?P<path>\S+)\n(?P<body>.*?)```", re.DOTALL)


def test_the_worked_example_in_the_rules_format_page_is_a_sound_council(cli, isolated, monkeypatch):
    blocks = {m["path"]: m["body"] for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}
    assert "rules/north-west-leicestershire/council.yaml" in blocks
    for path, body in blocks.items():
        target = isolated / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    monkeypatch.setenv("PROTOCHECK_RULES", str(isolated / "rules"))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    folder = isolated / "rules" / "north-west-leicestershire"
    linted = cli("lint", str(folder))
    assert linted.exit_code == 1, linted.stderr  # no row is reviewed yet: the page says so
    assert "not yet reviewed" in linted.stdout
    assert cli("lint", "--update-lock", str(folder)).exit_code == 0
    linted = cli("lint", str(folder))
    assert linted.exit_code == 0, linted.stdout + linted.stderr
    checked = cli("test", str(isolated / "examples"))
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    advice = cli("ask", "member-requests", "--set", "role=officer", "--set", "request=work")
    assert "Verdict: Allowed on conditions" in advice.stdout
    # the page's .protocheck.yaml names the person behind the Monitoring Officer role
    assert "Monitoring Officer (A. N. Other, monitoring.officer@example.gov.uk" in advice.stdout


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in typer.main.get_command(app).commands.values()]
    assert len(names) >= 8
    for name in names:
        assert f"protocheck {name}" in readme, f"README does not show 'protocheck {name}'"


def test_every_example_file_the_docs_name_is_there():
    """A reader copies these commands as they stand: a path that has moved fails them."""
    import re

    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {
        (text.name, path)
        for text in texts
        for path in re.findall(r"\bexamples/[\w./-]+\.ya?ml\b", text.read_text(encoding="utf-8"))
    }
    assert named, "the docs name no example file"
    missing = sorted((doc, path) for doc, path in named if not (ROOT / path).is_file())
    assert not missing, missing
