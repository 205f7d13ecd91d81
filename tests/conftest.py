"""Shared fixtures: every test runs with its own cache, no council preselected, and a clean
working directory, so nothing on the developer's machine leaks into a result."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from protocheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples" / "scenarios"
SEEDS = ROOT.parent / "shared" / "seeds"
NWL = "north-west-leicestershire"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the whole run: entries are keyed by every rules file's path, size and
    modification time, so sharing is safe, and parsing the YAML once keeps the suite quick."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    for name in ("PROTOCHECK_COUNCIL", "PROTOCHECK_RULES", "PROTOCHECK_NO_SHIPPED_RULES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(shared_cache))
    # the per-user rules folder `import` writes to: never the developer's real one
    monkeypatch.setenv("PROTOCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "100")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str):
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def cli():
    """Run the real CLI in-process; returns exit code, stdout and stderr separately."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of the test's own, so that what a test caches is seen by it alone."""
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Make a throwaway council folder from a dict of file name -> text, and use only it."""

    def make(files: dict[str, str], slug: str = "testshire") -> Path:
        folder = tmp_path / "rules" / slug
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("PROTOCHECK_RULES", str(folder.parent))
        monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
        return folder

    return make


def protocheck_command() -> list[str]:
    """The installed console script if there is one beside this Python, else `-m protocheck`."""
    script = Path(sys.executable).with_name("protocheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "protocheck"]


BARE_COUNCIL = """\
council:
  slug: bareshire
  name: Bareshire Council
  source: {title: Protocol, date: not stated}
  numbering: council
roles: []
topics: []
"""
BARE_PARAGRAPHS = """\
sections:
  - heading: Protocol
    paragraphs:
      - {ref: "1", text: Members and officers respect each other.}
"""


def only_council(tmp_path: Path, slug: str) -> dict[str, str]:
    """Environment in which one shipped council is the only one with questionnaires (beside a
    council without any), for behaviour that depends on how many councils have them."""
    root = tmp_path / "only-rules"
    (root / "bareshire").mkdir(parents=True)
    (root / "bareshire" / "council.yaml").write_text(BARE_COUNCIL, encoding="utf-8")
    (root / "bareshire" / "paragraphs.yaml").write_text(BARE_PARAGRAPHS, encoding="utf-8")
    (root / slug).symlink_to(RULES / slug, target_is_directory=True)
    return {"PROTOCHECK_RULES": str(root), "PROTOCHECK_NO_SHIPPED_RULES": "1"}


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment minus protocheck's settings, but still away from the real data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCHECK_")}
    env["PROTOCHECK_DATA_DIR"] = os.environ["PROTOCHECK_DATA_DIR"]
    env.update(extra)
    return env


def copy_council(rules: Path, source: str, slug: str, words: dict[str, str] | None = None) -> Path:
    """A shipped council copied into `rules` under another slug, as a council adopting the
    same protocol word for word would be; `words` are replaced in its council.yaml too (its
    name, its aliases)."""
    folder = rules / slug
    shutil.copytree(RULES / source, folder)
    council = folder / "council.yaml"
    text = council.read_text(encoding="utf-8").replace(f"slug: {source}", f"slug: {slug}", 1)
    for old, new in (words or {}).items():
        text = text.replace(old, new)
    council.write_text(text, encoding="utf-8")
    return folder
