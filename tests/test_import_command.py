"""`protocheck import` through the CLI: files written, nothing overwritten, errors one line."""

from __future__ import annotations

import pytest
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs the seed documents")


def seed(prefix: str):
    return next(SEEDS.glob(f"{prefix}*.txt"))


def test_import_writes_a_council_folder_that_lints_and_explains(cli, isolated, monkeypatch):
    result = cli("import", str(seed("000_")), "--council", "nwl-draft", "--name", "NWL draft")
    assert result.exit_code == 0, result.stderr
    assert "Imported 50 paragraphs in 17 sections" in result.stdout
    folder = isolated / "rules" / "nwl-draft"
    assert (folder / "paragraphs.yaml").is_file() and (folder / "council.yaml").is_file()
    assert cli("lint", str(folder)).exit_code == 0
    monkeypatch.setenv("PROTOCHECK_RULES", str(isolated / "rules"))
    explained = cli("explain", "7.3", "-c", "nwl-draft")
    assert "Members may contact officers for information/advice" in explained.stdout


def test_import_never_overwrites_without_force(cli, isolated):
    args = ("import", str(seed("004_")), "--council", "cjc-draft", "--name", "CJC")
    assert cli(*args).exit_code == 0
    paragraphs = isolated / "rules" / "cjc-draft" / "paragraphs.yaml"
    paragraphs.write_text("# my hand edits\n" + paragraphs.read_text())
    refused = cli(*args)
    assert refused.exit_code == 2
    assert "already exists; use --force" in refused.stderr
    assert paragraphs.read_text().startswith("# my hand edits")
    assert cli(*args, "--force").exit_code == 0
    assert not paragraphs.read_text().startswith("# my hand edits")


def test_import_reports_what_it_could_not_place(cli):
    result = cli("import", str(seed("003_")), "--council", "cam", "--name", "Camborne")
    assert result.exit_code == 0
    assert "could not be placed" in result.stdout
    assert "refs were made from the headings" in result.stdout


def test_import_refuses_a_file_that_is_not_text(cli, isolated):
    pdf = isolated / "protocol.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    result = cli("import", str(pdf), "--council", "x", "--name", "X")
    assert result.exit_code == 2
    assert "not a text file" in result.stderr and "pdftotext" in result.stderr
    assert not (isolated / "rules").exists()


def test_import_checks_the_slug(cli):
    result = cli("import", str(seed("000_")), "--council", "Not A Slug", "--name", "X")
    assert result.exit_code == 2 and "lower case" in result.stderr
