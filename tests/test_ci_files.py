"""The files councils copy into their own CI parse, and the protocheck commands in them run."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "ci" / "github-workflow.yml"


def load(path):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def command(line: str) -> list[str]:
    """A protocheck command line, without the shell's redirections and fallbacks."""
    words = shlex.split(line)
    for stop in (">", "||", "|", "&&"):
        if stop in words:
            words = words[: words.index(stop)]
    assert words[0] == "protocheck", line
    return words[1:]


def test_the_pre_commit_hooks_parse_and_offer_lint_test_and_check():
    hooks = load(HOOKS)
    assert [h["id"] for h in hooks] == ["protocheck-lint", "protocheck-test", "protocheck-check"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["entry"].startswith("protocheck ")
        re.compile(hook["files"])


def test_the_pre_commit_hooks_run(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    hooks = {h["id"]: h for h in load(HOOKS)}
    for hook_id in ("protocheck-lint", "protocheck-test"):
        hook = hooks[hook_id]
        result = cli(*command(hook["entry"]), *hook["args"])
        assert result.exit_code == 0, (hook_id, result.stdout[-1000:], result.stderr)
    draft = tmp_path / "draft.md"
    draft.write_text("A draft protocol.\n")
    check = hooks["protocheck-check"]
    assert re.search(check["files"], "drafts/protocol.md")
    result = cli(*command(check["entry"]), str(draft))
    assert result.exit_code == 2 and "not available yet" in result.stderr  # until it exists


def workflow_commands() -> list[str]:
    steps = load(WORKFLOW)["jobs"]["rules"]["steps"]
    runs = [" ".join(s["run"].split()) for s in steps if "run" in s]
    return [r for r in runs if r.startswith("protocheck ")]


def test_the_workflow_parses_and_lints_tests_and_posts_the_diff():
    workflow = load(WORKFLOW)
    assert "pull_request" in workflow["on"]
    runs = workflow_commands()
    assert [command(r)[0] for r in runs] == ["lint", "lint", "test", "test", "diff"]
    assert any("--format github" in r for r in runs) and any("--format sarif" in r for r in runs)
    assert any("--coverage" in r and "--min-coverage" in r for r in runs)
    diff = next(r for r in runs if command(r)[0] == "diff")
    assert "--format markdown" in diff and diff.endswith("|| test $? -eq 1")  # 1 = changes
    steps = workflow["jobs"]["rules"]["steps"]
    assert any("gh pr comment" in s.get("run", "") and "diff.md" in s["run"] for s in steps)


def test_the_workflows_commands_run(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    for line in workflow_commands():
        args = command(line.replace('"origin/${{ github.base_ref }}"', "HEAD"))
        if args[0] == "diff":
            inside = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, cwd=ROOT)
            if inside.returncode != 0:
                pytest.skip("not a git checkout")
        result = cli(*args)
        allowed = (0, 1) if "|| test $? -eq 1" in line else (0,)
        assert result.exit_code in allowed, (line, result.stdout[-1000:], result.stderr)
        assert result.stdout
