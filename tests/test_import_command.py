"""`protocheck import` through the CLI: where it writes, what it refuses, the structure report,
all-or-nothing writes, and the files people have (text, saved pages, PDFs).

conftest points PROTOCHECK_DATA_DIR at a temporary folder: the per-user rules folder the import
writes to by default is `<tmp>/data/rules`, never the developer's own.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from pdf_fixture import make_pdf, text_page

from protocheck.importer import target, write

EXTERNAL = ROOT.parent / "shared" / "external-protocols"
LANCASHIRE = EXTERNAL / "lancashire.txt"

pytestmark = pytest.mark.skipif(
    not (SEEDS.is_dir() and EXTERNAL.is_dir()), reason="needs the shared source texts"
)


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}*.txt"))


@pytest.fixture
def user_rules() -> Path:
    return Path(os.environ["PROTOCHECK_DATA_DIR"]) / "rules"


def staging_left(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")] if folder.is_dir() else []


# --- where it writes ----------------------------------------------------------------------------


def test_import_writes_to_the_users_rules_and_every_command_sees_it(cli, user_rules):
    result = cli("import", str(seed("000_")), "--council", "nwl-draft", "--name", "NWL draft")
    assert result.exit_code == 0, result.stderr
    assert "Imported 50 paragraphs in 17 sections" in result.stdout
    folder = user_rules / "nwl-draft"
    assert f"Wrote: {folder / 'paragraphs.yaml'}" in " ".join(result.stdout.split())
    assert (folder / "paragraphs.yaml").is_file() and (folder / "council.yaml").is_file()
    assert cli("lint", str(folder)).exit_code == 0
    explained = cli("explain", "7.3", "-c", "nwl-draft")
    assert "Members may contact officers for information/advice" in explained.stdout
    assert "nwl-draft" in cli("list").stdout
    assert "nwl-draft" in cli("search", "junior staff", "-f", "json").stdout


def test_protocheck_rules_first_folder_is_where_it_writes(cli, isolated, monkeypatch):
    mine, other = isolated / "mine", isolated / "other"
    other.mkdir()
    monkeypatch.setenv("PROTOCHECK_RULES", os.pathsep.join([str(mine), str(other)]))
    result = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "Lancashire County Council")
    assert result.exit_code == 0, result.stderr
    assert (mine / "lancs" / "paragraphs.yaml").is_file()
    assert "8.63" in cli("explain", "8.63", "-c", "lancs").stdout


def test_a_rules_dir_no_command_reads_is_named_as_such(cli, isolated):
    elsewhere = isolated / "elsewhere"
    result = cli(
        "import", str(LANCASHIRE), "-c", "lancs", "--name", "L", "--rules-dir", str(elsewhere)
    )
    assert result.exit_code == 0, result.stderr
    assert (elsewhere / "lancs" / "council.yaml").is_file()
    assert "add it to PROTOCHECK_RULES" in result.stdout


def test_a_rules_dir_that_is_a_file_is_one_line_and_exit_2(cli, isolated):
    a_file = isolated / "notes.txt"
    a_file.write_text("hello")
    result = cli("import", str(LANCASHIRE), "-c", "x", "--name", "X", "--rules-dir", str(a_file))
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr and result.stderr.count("\n") == 1


def test_the_rules_installed_with_protocheck_are_never_written(cli, isolated, monkeypatch):
    installed = isolated / "site-packages" / "protocheck" / "_rules"
    installed.mkdir(parents=True)
    monkeypatch.setattr(target, "packaged_rules_dir", lambda: installed)
    result = cli("import", str(LANCASHIRE), "-c", "x", "--name", "X", "--rules-dir", str(installed))
    assert result.exit_code == 2 and "installed with protocheck" in result.stderr
    assert list(installed.iterdir()) == []


# --- what it refuses without --force ------------------------------------------------------------


def test_an_earlier_import_is_replaced_only_with_force_and_the_users_files_kept(cli, user_rules):
    args = ("import", str(seed("004_")), "--council", "cjc-draft", "--name", "CJC")
    assert cli(*args).exit_code == 0
    folder = user_rules / "cjc-draft"
    paragraphs, council = folder / "paragraphs.yaml", folder / "council.yaml"
    paragraphs.write_text("# my hand edits\n" + paragraphs.read_text())
    council.write_text(council.read_text().replace('name: "CJC"', 'name: "CJC (mine)"'))
    refused = cli(*args)
    assert refused.exit_code == 2
    assert "already exists; use --force" in refused.stderr
    assert paragraphs.read_text().startswith("# my hand edits")
    replaced = cli(*args, "--force")
    assert replaced.exit_code == 0
    assert not paragraphs.read_text().startswith("# my hand edits")
    assert "CJC (mine)" in council.read_text()
    assert "(yours, unchanged)" in replaced.stdout


@pytest.mark.parametrize(
    ("slug", "says"),
    [("surrey", "is the slug of Surrey County Council"), ("nwl", "is an alias of North West")],
)
def test_a_slug_or_alias_in_use_is_refused_and_the_message_says_which(cli, user_rules, slug, says):
    refused = cli("import", str(LANCASHIRE), "-c", slug, "--name", "Lancashire")
    assert refused.exit_code == 2
    assert says in refused.stderr and "--force" in refused.stderr
    assert not (user_rules / slug).exists()
    taken = cli("import", str(LANCASHIRE), "-c", slug, "--name", "Lancashire", "--force")
    assert taken.exit_code == 0, taken.stderr
    assert "Lancashire" in cli("explain", "8.63", "-c", slug).stdout


def test_a_re_import_that_would_break_the_users_topics_writes_nothing(cli, user_rules):
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0
    folder = user_rules / "lancs"
    (folder / "topics").mkdir()
    (folder / "topics" / "purpose.yaml").write_text(
        "id: purpose\ntitle: Purpose\ndescription: What the protocol is for.\nasks: [role]\n"
        "rows:\n"
        "  - id: member\n    when: {role: member}\n    verdict: allowed\n"
        "    summary: It guides members.\n    cites: ['8.63']\n"
        "  - id: officer\n    when: {role: officer}\n    verdict: allowed\n"
        "    summary: It guides officers.\n    cites: ['8.63']\n"
    )
    council = folder / "council.yaml"
    council.write_text(council.read_text().replace("topics: []", "topics: [purpose]"))
    assert cli("lint", "--update-lock", str(folder)).exit_code == 0
    before = (folder / "paragraphs.yaml").read_text()
    result = cli("import", str(EXTERNAL / "devon.txt"), "-c", "lancs", "--name", "L", "--force")
    assert result.exit_code == 2
    assert "would not load, so nothing was written" in result.stderr and "8.63" in result.stderr
    assert (folder / "paragraphs.yaml").read_text() == before
    assert staging_left(user_rules) == []
    # the same text again loads beside the topic and its review lock
    again = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L", "--force")
    assert again.exit_code == 0, again.stderr
    assert cli("lint", str(folder)).exit_code == 0


# --- names and sizes lint would refuse ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "says"),
    [("", "--name is empty"), ("   ", "--name is empty"), ("Wyre\x07Forest", "control characters")],
)
def test_a_name_lint_would_refuse_is_refused_first(cli, user_rules, name, says):
    result = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", name)
    assert result.exit_code == 2 and says in result.stderr
    assert not user_rules.exists()


def test_a_source_over_the_rules_file_cap_is_refused_before_anything_is_written(
    cli, isolated, user_rules
):
    big = isolated / "big.txt"
    paragraph = "1.1 Members and officers work together with mutual respect and courtesy.\n\n"
    big.write_text(paragraph * (1024 * 1024 // len(paragraph) + 1))
    result = cli("import", str(big), "-c", "big", "--name", "Big")
    assert result.exit_code == 2 and "larger than 1 MiB" in result.stderr
    assert not user_rules.exists()


def test_the_slug_is_checked(cli):
    result = cli("import", str(seed("000_")), "--council", "Not A Slug", "--name", "X")
    assert result.exit_code == 2 and "lower case" in result.stderr


# --- all or nothing -----------------------------------------------------------------------------


def test_ctrl_c_while_staging_leaves_nothing_and_a_re_run_works(cli, user_rules, monkeypatch):
    def interrupted(staging: Path, folder: Path) -> None:
        assert (staging / "paragraphs.yaml").is_file()
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(write, "_check_loads", interrupted)
        result = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L")
    assert result.exit_code == 130 and "Cancelled" in result.stderr
    assert not (user_rules / "lancs").exists()
    assert staging_left(user_rules) == []
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0


def test_ctrl_c_during_the_renames_waits_until_both_files_are_in_place(
    cli, user_rules, monkeypatch
):
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0
    folder = user_rules / "lancs"
    (folder / "council.yaml").unlink()  # as an old, interrupted import left it
    real_replace = os.replace

    def replace_then_interrupt(source, destination):
        real_replace(source, destination)
        signal.raise_signal(signal.SIGINT)  # the user presses Ctrl-C after the first file

    monkeypatch.setattr(write.os, "replace", replace_then_interrupt)
    result = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L", "--force")
    assert result.exit_code == 130
    assert (folder / "paragraphs.yaml").is_file() and (folder / "council.yaml").is_file()
    assert staging_left(user_rules) == []
    assert cli("lint", str(folder)).exit_code == 0


def test_a_staging_folder_left_by_a_killed_import_is_ignored_then_removed(cli, user_rules):
    stale = user_rules / ".lancs.import-killed"
    stale.mkdir(parents=True)
    (stale / "council.yaml").write_text("council: {}\n")  # half-written, would not load
    assert cli("list").exit_code == 0  # a dot-folder is never read as a council
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0
    assert staging_left(user_rules) == []


# --- the structure report and --strict ----------------------------------------------------------


def test_the_structure_report_says_what_was_kept_and_what_is_missing(cli, user_rules):
    result = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "Lancashire County Council")
    out = " ".join(result.stdout.split())
    assert "Numbers printed at the start of a line: 6 (kept as refs 6" in out
    assert "Refs: 6 the council's own, 0 made by protocheck" in out
    assert "Headings: 2 sections, 0 sub-headings" in out
    assert "Cut off: 8.68" in out
    assert "Removed as page furniture: 1 line" in out
    assert "Words kept verbatim: 100.0%" in out
    assert "Imported as an extract (scope: extract), because the text ends mid-sentence" in out
    council = (user_rules / "lancs" / "council.yaml").read_text()
    assert "scope: extract" in council
    assert 'title: "Protocol on County Councillor/Officer Relations"' in council
    assert "cut_off: true" in (user_rules / "lancs" / "paragraphs.yaml").read_text()


def test_explain_and_compare_treat_the_cut_off_extract_honestly(cli):
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "Lancashire").exit_code == 0
    explained = " ".join(cli("explain", "8.68", "-c", "lancs").stdout.split())
    assert "[cut off: the text protocheck holds stops part-way through this paragraph" in explained
    assert "Lancashire (extract)" in explained
    data = cli("explain", "8.68", "-c", "lancs", "-f", "json").stdout
    assert '"cut_off": true' in data
    compared = cli("compare", "press", "-c", "lancs").stdout
    assert "Not addressed" not in compared


def test_strict_fails_on_unplaced_lines_and_passes_a_clean_import(cli):
    spelthorne = str(EXTERNAL / "spelthorne.txt")
    loose = cli("import", spelthorne, "-c", "spel", "--name", "Spelthorne", "--strict")
    assert loose.exit_code == 1
    assert "--strict: 0 printed numbers not kept as refs, 2 lines not placed" in loose.stderr
    assert "could not be placed" in loose.stdout
    clean = cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L", "--strict")
    assert clean.exit_code == 0 and "Every line was placed." in clean.stdout


def test_a_text_without_numbers_says_its_refs_are_protocheck_s(cli):
    result = cli("import", str(seed("003_")), "--council", "cam", "--name", "Camborne")
    assert result.exit_code == 0
    assert "refs were made from the headings" in result.stdout


# --- the files people have ----------------------------------------------------------------------


def protocol_pdf(path: Path) -> Path:
    cover = text_page(["COUNCIL CONSTITUTION", "", "Part 1: Articles"])
    protocol = text_page(
        [
            "PROTOCOL ON MEMBER/OFFICER RELATIONS",
            "",
            "1.\tIntroduction",
            "",
            "1.1\tMembers and officers must work together with mutual",
            "\tRespect. Officers serve the whole Council.",
            "1.2\tMembers must not ask junior staff for work.",
        ]
    )
    path.write_bytes(make_pdf([cover, protocol, cover]))
    return path


def test_a_pdf_page_range_imports_its_pages_only(cli, isolated, user_rules):
    pytest.importorskip("pypdf")
    pdf = protocol_pdf(isolated / "constitution.pdf")
    result = cli("import", str(pdf), "-c", "pdfshire", "--name", "Pdfshire", "--pages", "2")
    assert result.exit_code == 0, result.stderr
    text = (user_rules / "pdfshire" / "paragraphs.yaml").read_text()
    assert "Members and officers must work together with mutual Respect." in text
    assert "CONSTITUTION" not in text
    assert (
        'title: "PROTOCOL ON MEMBER/OFFICER RELATIONS"'
        in (user_rules / "pdfshire" / "council.yaml").read_text()
    )


@pytest.mark.parametrize(
    ("pages", "says"), [("9", "the PDF has 3 pages"), ("3-1", "a range runs"), ("x", "12-18")]
)
def test_a_bad_page_range_is_one_line(cli, isolated, pages, says):
    pytest.importorskip("pypdf")
    pdf = protocol_pdf(isolated / "constitution.pdf")
    result = cli("import", str(pdf), "-c", "p", "--name", "P", "--pages", pages)
    assert result.exit_code == 2 and says in result.stderr


def test_pages_of_a_text_file_is_refused(cli):
    result = cli("import", str(LANCASHIRE), "-c", "l", "--name", "L", "--pages", "1-2")
    assert result.exit_code == 2 and "chooses pages of a PDF" in result.stderr


def test_without_the_pdf_extra_a_pdf_says_how_to_get_it(cli, isolated, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pypdf", None)
    pdf = protocol_pdf(isolated / "constitution.pdf")
    result = cli("import", str(pdf), "-c", "p", "--name", "P")
    assert result.exit_code == 2
    assert "pip install 'protocheck[pdf]'" in result.stderr and "pdftotext" in result.stderr


def test_a_saved_web_page_imports_its_main_content(cli, isolated, user_rules):
    page = isolated / "protocol.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Protocol</title><script>var x = '<p>1.1 no</p>';"
        "</script></head><body><nav><ul><li>Home</li><li>Council</li></ul></nav>"
        "<div id='cookie-banner'><p>We use cookies on this site.</p></div><main>"
        "<h1>Protocol on Member/Officer Relations</h1><p>Last updated 3 March 2023</p>"
        "<ol><li>Introduction<ol><li>Members and officers work together.</li>"
        "<li>Officers serve the whole Council &amp; its committees.</li></ol></li></ol>"
        "</main><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    result = cli("import", str(page), "-c", "webshire", "--name", "Webshire")
    assert result.exit_code == 0, result.stderr
    assert "Numbers start again in each section" in " ".join(result.stdout.split())
    explained = cli("explain", "1.2", "-c", "webshire").stdout
    assert "Officers serve the whole Council & its committees." in explained
    council = (user_rules / "webshire" / "council.yaml").read_text()
    assert 'date: "3 March 2023"' in council
    for furniture in ("cookies", "Home", "Contact us", "no"):
        assert furniture not in (user_rules / "webshire" / "paragraphs.yaml").read_text()


@pytest.mark.parametrize(
    ("kind", "limit", "says"),
    [("html", "MAX_HTML_BYTES", "larger than 100 bytes"), ("pdf", "MAX_PDF_BYTES", "larger than")],
)
def test_each_format_has_its_own_size_bound(cli, isolated, monkeypatch, kind, limit, says):
    from protocheck import importer

    if kind == "pdf":
        pytest.importorskip("pypdf")
        source = protocol_pdf(isolated / "constitution.pdf")
    else:
        source = isolated / "page.html"
        source.write_text("<html><body>" + "<p>Members and officers.</p>" * 20 + "</body></html>")
    monkeypatch.setattr(importer, limit, 100)
    result = cli("import", str(source), "-c", "big", "--name", "Big")
    assert result.exit_code == 2 and says in result.stderr


def test_a_pdf_whose_text_is_over_the_cap_asks_for_its_pages(cli, isolated, monkeypatch):
    pytest.importorskip("pypdf")
    from protocheck import importer

    monkeypatch.setattr(importer, "MAX_SOURCE_BYTES", 200)
    result = cli("import", str(protocol_pdf(isolated / "c.pdf")), "-c", "big", "--name", "Big")
    assert result.exit_code == 2
    assert "choose the protocol's pages with --pages" in result.stderr


def test_compare_on_an_extract_says_the_text_held_is_only_part(cli):
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "Lancashire").exit_code == 0
    out = " ".join(cli("compare", "gifts and hospitality", "-c", "lancs").stdout.split())
    assert "Not in the extract protocheck holds" in out
    assert "The part of Lancashire's protocol protocheck holds does not address" in out


def test_the_user_data_folder_follows_xdg_then_home(cli, isolated, monkeypatch):
    monkeypatch.delenv("PROTOCHECK_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(isolated / "xdg"))
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0
    assert (isolated / "xdg" / "protocheck" / "rules" / "lancs" / "council.yaml").is_file()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(isolated / "home"))
    assert cli("import", str(LANCASHIRE), "-c", "lancs", "--name", "L").exit_code == 0
    home_rules = isolated / "home" / ".local" / "share" / "protocheck" / "rules"
    assert (home_rules / "lancs" / "council.yaml").is_file()
    explained = cli("explain", "8.63", "-c", "lancs")
    assert explained.exit_code == 0 and "The purpose of this protocol" in explained.stdout
