"""search, compare and explain across all the councils."""

from __future__ import annotations

import json

import pytest

ELEVEN = [
    "north-west-leicestershire", "tower-hamlets", "camborne", "cjc", "surrey", "merton",
    "epsom-and-ewell", "thurrock", "somerset", "north-yorkshire", "staffordshire",
]  # fmt: skip


@pytest.mark.parametrize("slug", ELEVEN)
def test_explain_all_prints_every_paragraph_of_each_council(cli, slug):
    from protocheck.councils import load_library

    council = load_library().find(slug)
    result = cli("explain", "--all", "--council", slug, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["paragraphs"]
    assert [p["ref"] for p in data] == [p.ref for p in council.paragraphs]
    assert all(p["text"] == q.text for p, q in zip(data, council.paragraphs, strict=True))
    text = cli("explain", "--all", "--council", slug)
    assert text.exit_code == 0 and council.paragraphs[-1].ref in text.stdout


def test_search_finds_camborne_for_silent_copies(cli):
    result = cli("search", "silent copies", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)["hits"]
    assert hits[0]["council"] == "camborne"
    assert {"silent", "copies"} <= set(hits[0]["matches"])
    plain = cli("search", "silent copies")
    assert "Camborne Town Council, paragraph correspondence." in plain.stdout
    assert "*silent* *copies*" in plain.stdout  # matches marked without colour


def test_a_quoted_phrase_must_appear_as_written(cli):
    phrase = json.loads(cli("search", '"silent copies"', "-f", "json").stdout)["hits"]
    assert [h["council"] for h in phrase] == ["camborne"]
    loose = json.loads(cli("search", "silent copies", "-f", "json").stdout)["hits"]
    assert len(loose) > len(phrase)


def test_search_within_one_council(cli):
    hits = json.loads(cli("search", "exempt", "-c", "lbth", "-f", "json").stdout)["hits"]
    assert hits and {h["council"] for h in hits} == {"tower-hamlets"}


@pytest.mark.parametrize(
    ("words", "says"),
    [
        ("", "Nothing to search for"),
        ("the of and", "has only common words"),
        ("zzyzx", "No paragraph"),
    ],
)
def test_an_empty_or_fruitless_search_says_so_and_exits_0(cli, words, says):
    result = cli("search", words)
    assert result.exit_code == 0
    assert says in result.stdout


def test_compare_exempt_information_side_by_side(cli):
    result = cli("compare", "exempt information", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by_slug = {c["slug"]: c for c in data["councils"]}
    for slug in ("north-west-leicestershire", "tower-hamlets", "camborne"):
        assert by_slug[slug]["addressed"], slug
    assert "12.1" in [p["ref"] for p in by_slug["north-west-leicestershire"]["paragraphs"]]
    assert by_slug["north-west-leicestershire"]["verdicts"], "NWL has a questionnaire on it"
    assert not by_slug["merton"]["addressed"]
    assert by_slug["merton"]["extract"] and not by_slug["cjc"]["extract"]


def test_compare_calls_only_a_whole_protocol_silent(cli):
    """Merton is held only as an extract, so its silence is ours, not the council's."""
    text = cli("compare", "exempt information").stdout
    blocks = dict(b.split(":\n", 1) for b in text.split("\n\n") if ":\n" in b)
    assert blocks["Corporate Joint Committee (Wales)"].startswith("Not addressed")
    extracts = " ".join(blocks["Epsom and Ewell Borough Council (extract), and 5 other councils"]
                        .split())  # fmt: skip
    assert extracts.startswith("The others: London Borough of Merton (extract),")
    assert extracts.endswith(
        "Not in the extracts protocheck holds: the rest of these protocols may address it."
    )
    assert text.count("Not in the extract") == 1  # said once, of all six


def test_compare_markdown_is_a_table_for_a_committee_report(cli):
    result = cli("compare", "exempt information", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("## ")
    assert "| Council | Paragraphs | Questionnaire verdicts |" in lines
    assert "| London Borough of Merton (extract) | Not in the extract held | – |" in lines
    assert any(
        line.startswith("| Corporate Joint Committee (Wales) | Not addressed") for line in lines
    )
    assert "protocheck's" in result.stdout  # Camborne's refs are ours, and it says so


@pytest.mark.parametrize(
    "theme",
    [
        "complaints about officers",
        "personal relationships",
        "political group meetings",
        "press",
        "copying correspondence",
        "access-to-documents",
    ],
)
def test_compare_resolves_the_themes_committees_ask_about(cli, theme):
    result = cli("compare", theme, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    addressed = [c["slug"] for c in data["councils"] if c["addressed"]]
    assert "north-west-leicestershire" in addressed
    text = cli("compare", theme)
    silent = ("Not addressed", "Not in the extract")
    assert any(s in text.stdout for s in silent) or len(addressed) == len(data["councils"])


def test_compare_free_text_nobody_addresses(cli):
    result = cli("compare", "zebra crossings")
    assert result.exit_code == 0
    assert "No protocol addresses 'zebra crossings'" in result.stdout


def test_where_a_protocol_is_silent_compare_names_whom_it_sends_you_to(cli):
    text = " ".join(cli("compare", "zebra crossings").stdout.split())
    assert (  # Tower Hamlets' 1.6 sends members to one and officers to the other: never "or"
        "For what it does not cover, it names the Monitoring Officer for a member and your line "
        "manager for an officer (paragraphs 1.6 and 1.2)" in text
    )
    assert (
        "it names the Monitoring Officer, the Chief Executive, the Director" in text
    )  # NWL: anyone
    data = json.loads(cli("compare", "zebra crossings", "-f", "json").stdout)
    nwl = next(c for c in data["councils"] if c["slug"] == "north-west-leicestershire")
    assert nwl["unresolved"]["cites"] == ["16.1"]
    assert nwl["unresolved"]["contacts"][0] == "Monitoring Officer"


def test_explain_across_councils_groups_by_council(cli):
    result = cli("explain", "7.3", "--format", "json")
    found = json.loads(result.stdout)["paragraphs"]
    slugs = [p["council"] for p in found]
    assert "north-west-leicestershire" in slugs and "tower-hamlets" in slugs


def test_explain_resolves_camborne_headings_and_says_refs_are_ours(cli):
    result = cli("explain", "correspondence", "-c", "camborne")
    assert result.exit_code == 0
    assert "Paragraph correspondence.1 " in result.stdout
    assert "protocheck" in result.stdout
    one = cli("explain", "correspondence.2", "-c", "camborne", "-f", "json")
    assert json.loads(one.stdout)["paragraphs"][0]["ref_given_by"] == "protocheck"


def test_explain_tower_hamlets_7_6_shows_its_items(cli):
    result = cli("explain", "7.6", "-c", "tower-hamlets", "-f", "json")
    refs = [p["ref"] for p in json.loads(result.stdout)["paragraphs"]]
    assert refs[0] == "7.6" and "7.6(ii)" in refs
    spaced = cli("explain", "7.6 (ii)", "-c", "tower-hamlets", "-f", "json")
    assert json.loads(spaced.stdout)["paragraphs"][0]["ref"] == "7.6(ii)"
    assert cli("explain", "4 a)", "-c", "tower-hamlets").exit_code == 0
    assert cli("explain", "14.2", "-c", "tower-hamlets").exit_code == 0


def test_a_ref_from_another_council_says_where_it_is(cli):
    result = cli("explain", "7.6(ii)", "-c", "nwl")
    assert result.exit_code == 2
    assert "tower-hamlets" in result.stderr


def test_surrey_extracts_cite_the_report(cli):
    result = cli("explain", "--all", "-c", "merton")
    assert "Surrey" in result.stdout


@pytest.mark.parametrize("command", ["search", "compare"])
def test_a_pasted_document_is_refused_as_a_query_in_one_line(cli, command):
    result = cli(command, "word " * 200)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "keep it under 500" in result.stderr


def test_a_paragraph_from_an_extract_is_cited_as_one(cli):
    hits = json.loads(cli("search", "Service Heads", "-c", "merton", "-f", "json").stdout)["hits"]
    assert hits and hits[0]["extract"] is True
    plain = cli("search", "Service Heads", "-c", "merton").stdout
    assert "London Borough of Merton (extract), paragraph extract.1" in plain
    explained = " ".join(cli("explain", "extract.1", "-c", "merton").stdout.split())
    assert "About the source: Extract quoted in Surrey County Council" in explained


@pytest.fixture
def twins(tmp_path, monkeypatch) -> None:
    """Camborne and Penwith, a copy of it under another name (both adopt the model word for
    word), Tower Hamlets, and two bare councils alike in saying nothing (so said once)."""
    import shutil

    from conftest import BARE_COUNCIL, BARE_PARAGRAPHS, RULES, copy_council

    root = tmp_path / "rules"
    shutil.copytree(RULES / "models", root / "models")
    for slug in ("camborne", "tower-hamlets"):
        shutil.copytree(RULES / slug, root / slug)
    words = {"Camborne Town Council": "Penwith Town Council", "camborne-town-council": "pen"}
    copy_council(root, "camborne", "penwith", words)
    for slug in ("bareshire", "bareshire-two"):
        (root / slug).mkdir()
        (root / slug / "council.yaml").write_text(BARE_COUNCIL.replace("bareshire", slug))
        (root / slug / "paragraphs.yaml").write_text(BARE_PARAGRAPHS)
    monkeypatch.setenv("PROTOCHECK_RULES", str(root))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")


def test_councils_silent_alike_share_their_route_said_of_them_all(cli, tmp_path, monkeypatch):
    """Two councils with one protocol and one route for what it does not cover: their
    silence on a theme is said once, of both, naming the route in the plural."""
    from conftest import NWL, copy_council

    rules = tmp_path / "rules"
    copy_council(rules, NWL, NWL)
    copy_council(rules, NWL, "nwl-twin", {"North West": "South West", "[nwl]": "[swl]"})
    monkeypatch.setenv("PROTOCHECK_RULES", str(rules))
    monkeypatch.setenv("PROTOCHECK_NO_SHIPPED_RULES", "1")
    text = " ".join(cli("compare", "gifts and hospitality").stdout.split())  # unwrapped
    assert "North West Leicestershire District Council, and 1 other council:" in text
    assert "The others: South West Leicestershire District Council" in text
    assert "Not addressed: no paragraph of these protocols mentions the theme." in text
    assert "For what they do not cover, each names the Monitoring Officer" in text
    assert "it names" not in text


def test_compare_shows_councils_in_the_same_words_once_naming_each(cli, twins):
    """Most parish councils adopt a model protocol word for word: text and Markdown quote
    such councils once and name every one; JSON, for programs, keeps each council."""
    text = cli("compare", "press").stdout
    assert "Camborne Town Council, and 1 other council in the same words:" in text
    assert "The same words in: Penwith Town Council" in text
    assert "\nPenwith Town Council:" not in text
    assert text.count("press-and-media.1:") == 1
    assert "\nLondon Borough of Tower Hamlets:\n" in text
    assert text.count("Not addressed: no paragraph of these protocols") == 1  # said of both
    assert "and 1 other council:\n  The others: Bareshire" in text
    markdown = cli("compare", "press", "-f", "markdown").stdout
    assert "### Camborne Town Council, and 1 other council in the same words" in markdown
    assert "| Penwith Town Council |" in markdown  # the table still has a row for each
    data = json.loads(cli("compare", "press", "-f", "json").stdout)
    slugs = [c["slug"] for c in data["councils"]]
    assert "penwith" in slugs and "camborne" in slugs


def test_list_points_to_topics_already_listed_rather_than_repeating_them(cli, twins):
    data = json.loads(cli("list", "-f", "json").stdout)
    topics = {c["slug"]: c["topics"] for c in data["councils"]}
    assert topics["penwith"] == topics["camborne"] != []  # JSON lists every council's
    text = cli("list").stdout
    penwith = text[text.index("Penwith Town Council (penwith)") :]
    penwith = penwith[: penwith.index("\n\n")]
    count = len(topics["camborne"])
    assert f"Topics: the same {count} as Camborne Town Council (camborne), listed above" in penwith
    assert "press-and-media" not in penwith
    assert text.count("press-and-media:") == 1
    assert text.count("No questionnaires yet") == 2  # none shared is never pointed to


def test_surreys_report_is_shown_as_the_reports_words_and_compared_only_as_protocol(cli):
    """Surrey is held as the 2010 Standards Committee report: its own paragraphs (5 says how
    the protocol stands) are the report's commentary, not the protocol's paragraph 5."""
    explained = " ".join(cli("explain", "5", "-c", "surrey").stdout.split())
    assert "the source's own words about the protocol (its commentary)" in explained
    data = json.loads(cli("compare", "respect", "-f", "json").stdout)
    surrey = next(c for c in data["councils"] if c["slug"] == "surrey")
    assert [p["ref"] for p in surrey["paragraphs"]] == ["protocol 16"]


def test_a_council_whose_questionnaires_cover_a_theme_its_paragraphs_never_name(cli):
    """Staffordshire's extract has topics on exempt information but no paragraph with the
    theme's words: it is neither silent nor 'not in the extract held'."""
    text = cli("compare", "exempt information").stdout
    staffordshire = text[text.index("Staffordshire County Council (extract):") :]
    staffordshire = staffordshire[: staffordshire.index("\n\n")]
    assert "No paragraph held mentions the theme's words" in staffordshire
    assert "Not in the extract" not in staffordshire and "Note:" not in staffordshire
    markdown = cli("compare", "exempt information", "-f", "markdown").stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| Staffordshire"))
    assert "None held mentions the theme's words" in row and "Not allowed (1)" in row
    counts = [line.split(" | ")[2] for line in markdown.splitlines() if "Refer (" in line]
    order = ["Allowed (", "Allowed on conditions (", "Not allowed (", "Refer ("]
    for cell in counts:  # one order in every row, to read down the column
        found = [cell.index(v) for v in order if v in cell]
        assert found == sorted(found), cell


@pytest.mark.parametrize(
    ("text", "anchor", "quote"),
    [
        ("In some cases (e.g. a member wishing to see papers) a member may ask.",
         "papers", "In some cases (e.g. a member wishing to see papers) a member may ask."),
        ("Members may see: minutes; exempt papers on request.", "exempt",
         "… exempt papers on request."),
        ("Officers decide. Exempt papers go to members.", "exempt",
         "Exempt papers go to members."),
    ],
)  # fmt: skip
def test_a_quote_is_its_sentence_and_says_where_words_are_left_out(text, anchor, quote):
    from protocheck.compare import short_quote

    assert short_quote(text, (anchor,)) == quote


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("presss", "Did you mean press?"), ("parking fines", None)],
)
def test_compare_suggests_a_theme_spelt_like_the_words_not_one_sharing_letters(
    cli, typed, suggested
):
    said = " ".join(cli("compare", typed).stdout.split())
    if suggested:
        assert suggested in said
    else:
        assert "Did you mean" not in said  # 'declaring interests' only shares letters


def test_a_topics_command_is_never_broken_across_lines_so_it_can_be_copied(cli):
    found = cli("search", "press release", env={"COLUMNS": "70"})
    lines = found.stdout.splitlines()
    commands = [line.strip() for line in lines if "protocheck ask" in line]
    assert "protocheck ask press-releases -c north-west-leicestershire" in commands
    assert len(commands) == 5 and all(c.startswith("protocheck ask") for c in commands)
    assert all(len(c.split()) == 5 for c in commands)  # each whole: ask, topic, -c, council


def test_search_names_a_topic_held_word_for_word_by_many_councils_once(cli, twins):
    """Copies of a model's topic would otherwise crowd every other topic out of the five."""
    found = cli("search", "press release", "-f", "json")
    topics = json.loads(found.stdout)["topics"]
    camborne = [t for t in topics if t["id"] == "press-and-media"]
    assert [(t["council"], t["same_in"]) for t in camborne] == [("camborne", ["penwith"])]
    text = " ".join(cli("search", "press release").stdout.split())
    assert "(Camborne Town Council, and 1 other council with the same topic):" in text


def test_search_gives_a_paragraph_many_councils_hold_word_for_word_as_one_hit(cli, twins):
    data = json.loads(cli("search", "press release", "-f", "json").stdout)
    councils = [hit["council"] for hit in data["hits"]]
    assert "penwith" not in councils  # Camborne's hits name it instead
    camborne = [hit for hit in data["hits"] if hit["council"] == "camborne"]
    assert camborne and all(hit["same_in"] == ["penwith"] for hit in camborne)
    text = " ".join(cli("search", "press release").stdout.split())
    assert "Camborne Town Council, and 1 other council in the same words, paragraph" in text


def test_explain_across_councils_shows_a_paragraph_held_word_for_word_once(cli, twins):
    text = cli("explain", "pm.3").stdout
    assert "Camborne Town Council, and 1 other council in the same words\n" in text
    assert "The same words in: Penwith Town Council" in text
    assert text.count("Any press release that may be necessary") == 1
    data = json.loads(cli("explain", "pm.3", "-f", "json").stdout)
    assert [p["council"] for p in data["paragraphs"]] == ["camborne", "penwith"]  # JSON: each


@pytest.fixture
def near_twins(twins) -> None:
    """As `twins`, but Penwith's pm.2 differs after the sentence compare quotes, and its pm.3
    by one letter that search's stems do not see ('officer' to 'officers')."""
    import os
    from pathlib import Path

    paragraphs = Path(os.environ["PROTOCHECK_RULES"]) / "penwith" / "paragraphs.yaml"
    text = paragraphs.read_text(encoding="utf-8")
    text = text.replace("no account must an officer", "no account may an officer")
    text = text.replace("approved by the officer.", "approved by the officers.")
    assert text != paragraphs.read_text(encoding="utf-8")
    paragraphs.write_text(text, encoding="utf-8")


def test_what_differs_in_any_word_is_never_shown_as_the_same(cli, near_twins):
    """Search, its topics, compare and explain join councils only where what is shown of
    them would read the same, word for word."""
    data = json.loads(cli("search", "press release", "-f", "json").stdout)
    hits = {(h["council"], h["ref"]): h["same_in"] for h in data["hits"]}
    assert hits[("camborne", "press-and-media.3")] == []
    assert hits[("penwith", "press-and-media.3")] == []
    topics = [t for t in data["topics"] if t["id"] == "press-and-media"]
    assert [(t["council"], t["same_in"]) for t in topics] == [("camborne", []), ("penwith", [])]
    compared = cli("compare", "press").stdout
    assert "in the same words" not in compared.split("London Borough of Tower Hamlets")[0]
    explained = cli("explain", "press-and-media.2").stdout
    assert "in the same words" not in explained and explained.count("On no account") == 2
