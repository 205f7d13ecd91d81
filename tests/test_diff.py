"""`protocheck diff`: an amendment's paragraphs, rows and changed advice, between two folders
or between a git revision and the working tree."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, NWL, RULES

REWORDED = ("Members are expected to exercise caution", "Members must exercise caution")


def amend(folder: Path) -> None:
    """One changed verdict and one reworded paragraph."""
    topic = folder / "topics" / "member-requests.yaml"
    text = topic.read_text(encoding="utf-8")
    at = text.index("verdict: not-allowed")
    topic.write_text(text[:at] + "verdict: refer" + text[at + 20 :], encoding="utf-8")
    paragraphs = folder / "paragraphs.yaml"
    paragraphs.write_text(paragraphs.read_text("utf-8").replace(*REWORDED, 1), "utf-8")


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old" / NWL, tmp_path / "new" / NWL
    shutil.copytree(RULES / NWL, old)
    shutil.copytree(RULES / NWL, new)
    amend(new)
    return old, new


def test_a_changed_verdict_and_a_reworded_paragraph_are_exactly_what_is_reported(cli, versions):
    old, new = versions
    result = cli("diff", str(old), str(new), "--scenarios", str(EXAMPLES / NWL), "-f", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["changed"] is True
    [council] = data["councils"]
    [paragraph] = council["paragraphs"]
    assert (paragraph["ref"], paragraph["change"]) == ("7.3", "reworded")
    changed = [(w["op"], w["text"]) for w in paragraph["words"] if w["op"] != "same"]
    assert changed == [("removed", "are expected to"), ("added", "must")]
    [row] = council["rows"]
    assert (row["topic"], row["row"], row["change"]) == (
        "member-requests", "member-work-junior-not-allowed", "changed")  # fmt: skip
    assert row["fields"] == [{"field": "verdict", "old": "not-allowed", "new": "refer"}]
    assert council["topics_added"] == council["topics_removed"] == []
    [scenario] = data["scenarios"]  # the one scenario that reaches that row
    assert scenario["path"].endswith("member-requests-member-work-junior-not-allowed.yaml")
    assert (scenario["old"]["verdict"], scenario["new"]["verdict"]) == ("not-allowed", "refer")


def test_text_and_markdown_show_words_and_advice_side_by_side(cli, versions):
    old, new = versions
    args = ("diff", str(old), str(new), "--scenarios", str(EXAMPLES / NWL))
    text = " ".join(cli(*args).stdout.split())
    assert "paragraph 7.3 reworded" in text and "Members [-are expected to-] {+must+}" in text
    assert "verdict: not-allowed -> refer" in text
    assert "* Verdict: Not allowed -> Refer (someone else decides)" in text
    markdown = cli(*args, "-f", "markdown").stdout
    assert "~~are expected to~~ **must**" in markdown
    assert "| Verdict | Not allowed | **Refer (someone else decides)** |" in markdown


def test_no_change_is_exit_0(cli, versions):
    old, _ = versions
    result = cli("diff", str(old), str(old))
    assert result.exit_code == 0 and "No changes" in result.stdout


def test_a_council_added_or_removed_is_said(cli, tmp_path, versions):
    _old, new = versions
    empty = tmp_path / "empty"
    empty.mkdir()
    data = json.loads(cli("diff", str(empty), str(new.parent), "-f", "json").stdout)
    assert [(c["council"], c["change"]) for c in data["councils"]] == [(NWL, "added")]


def git(where: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(where), "-c", "user.name=t", "-c", "user.email=t@e",
                    *args], check=True, capture_output=True)  # fmt: skip


def test_a_git_revision_against_the_working_tree(cli, tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(RULES / NWL, repo / "rules" / NWL)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "rules")
    amend(repo / "rules" / NWL)
    monkeypatch.chdir(repo)
    result = cli("diff", "HEAD", "rules", "--scenarios", str(EXAMPLES / NWL), "-f", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert [p["ref"] for p in data["councils"][0]["paragraphs"]] == ["7.3"]
    assert len(data["scenarios"]) == 1
    single = cli("diff", "HEAD", f"rules/{NWL}", "-f", "json")  # one council's folder
    assert json.loads(single.stdout)["councils"][0]["council"] == NWL
    bad = cli("diff", "no-such-revision", "rules")
    assert bad.exit_code == 2 and "neither a folder nor a git revision" in bad.stderr
