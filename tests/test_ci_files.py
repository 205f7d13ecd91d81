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
    check = hooks["protocheck-check"]
    assert re.search(check["files"], "drafts/protocol.md") and check["pass_filenames"]
    assert not re.search(check["files"], "drafts/notes.yaml")
    draft = ROOT / "examples" / "drafts" / "north-west-leicestershire-2025.md"
    found = cli(*command(check["entry"]), str(draft), env={"PROTOCHECK_COUNCIL": "nwl"})
    assert found.exit_code == 1 and "[PC732]" in found.stdout
    clean = tmp_path / "draft.md"
    clean.write_text("## 1. Introduction\n\n1.1 A draft protocol.\n\n1.2 More of it.\n")
    assert cli(*command(check["entry"]), str(clean)).exit_code == 0


def workflow_commands() -> list[str]:
    """Each protocheck command the workflow runs: a step's whole `run`, or a line of a script."""
    steps = load(WORKFLOW)["jobs"]["rules"]["steps"]
    found = []
    for step in steps:
        run = step.get("run", "")
        lines = run.splitlines() if run.count("\n") > 1 else [run]
        found += [
            " ".join(line.split()) for line in lines if line.strip().startswith("protocheck ")
        ]
    return found


def test_the_workflows_scripts_are_sound_shell():
    for step in load(WORKFLOW)["jobs"]["rules"]["steps"]:
        if "run" in step:
            checked = subprocess.run(["bash", "-n"], input=step["run"], text=True,
                                     capture_output=True)  # fmt: skip
            assert checked.returncode == 0, (step["name"], checked.stderr)


def test_the_workflow_parses_and_lints_tests_and_posts_the_diff():
    workflow = load(WORKFLOW)
    assert "pull_request" in workflow["on"]
    runs = workflow_commands()
    assert [command(r)[0] for r in runs] == ["lint", "lint", "test", "test", "diff", "check",
                                              "check"]  # fmt: skip
    assert any("--format github" in r for r in runs) and any("--format sarif" in r for r in runs)
    assert any("--coverage" in r and "--min-coverage" in r for r in runs)
    diff = next(r for r in runs if command(r)[0] == "diff")
    assert "--format markdown" in diff and diff.endswith("|| test $? -eq 1")  # 1 = changes
    steps = workflow["jobs"]["rules"]["steps"]
    assert any("gh pr comment" in s.get("run", "") and "diff.md" in s["run"] for s in steps)
    changed = next(s["run"] for s in steps if s.get("name") == "Which drafts changed")
    assert "git diff --name-only" in changed and "drafts/*.md" in changed  # the changed drafts
    checks = [r for r in runs if command(r)[0] == "check"]
    assert all('"${drafts[@]}"' in r for r in checks)
    assert any("--format github" in r for r in checks)
    assert any("--format sarif" in r and r.endswith("|| test $? -eq 1") for r in checks)


def test_the_workflows_commands_run(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    draft = str(ROOT / "examples" / "drafts" / "north-west-leicestershire-2025.md")
    monkeypatch.setenv("PROTOCHECK_COUNCIL", "nwl")  # as a council's .protocheck.yaml would
    for line in workflow_commands():
        line = line.replace('"${drafts[@]}"', draft)
        args = command(line.replace('"origin/${{ github.base_ref }}"', "HEAD"))
        if args[0] == "diff":
            inside = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, cwd=ROOT)
            if inside.returncode != 0:
                pytest.skip("not a git checkout")
        result = cli(*args)
        # a draft's findings fail its step on purpose; elsewhere 1 is allowed where it says so
        allowed = (0, 1) if "|| test $? -eq 1" in line or args[0] == "check" else (0,)
        assert result.exit_code in allowed, (line, result.stdout[-1000:], result.stderr)
        assert result.stdout
