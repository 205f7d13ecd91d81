"""Finding things in your own words: widened and forgiving search, compare that agrees with it,
forgiving references and council names, and a scope that is visible and can be widened."""

from __future__ import annotations

import json

import pytest
from conftest import NWL
from hypothesis import given, settings
from hypothesis import strategies as st

from protocheck import index_store
from protocheck.councils import load_library
from protocheck.documents import load_thesaurus
from protocheck.index_store import memory_index
from protocheck.refs import short_refs
from protocheck.search import fit_to_index, parse_query, search
from protocheck.words import STOPWORDS, tokenize

LBTH = "London Borough of Tower Hamlets"


def hits(cli, *args: str) -> list[dict]:
    result = cli("search", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["hits"]


@pytest.mark.parametrize(
    ("words", "council", "ref", "found"),
    [
        ("refused", "lbth", "7.2", "denied"),
        ("litigation", "lbth", "13.1", "legal proceedings"),
        ("instruct", "cjc", "2.2", "instructions"),
    ],
)
def test_search_finds_the_words_the_protocol_uses(cli, words, council, ref, found):
    result = hits(cli, words, "-c", council)
    assert ref in [h["ref"] for h in result]
    hit = next(h for h in result if h["ref"] == ref)
    assert set(found.split()) & set(hit["matches"])


def test_search_says_what_else_it_looked_for_and_how_it_read_a_misspelling(cli):
    text = " ".join(cli("search", "refused", "-c", "lbth").stdout.split())
    assert "Also searched for: deny, decline, reject, turn down (for 'refused')" in text
    data = json.loads(cli("search", "harrassment", "-c", "lbth", "-f", "json").stdout)
    assert data["spelling"] == [{"typed": "harrassment", "read_as": "harassment"}]
    assert data["hits"][0]["ref"] == "5 b)"


def test_stop_words_are_never_highlighted(cli):
    for hit in hits(cli, "what should the member do about it"):
        assert hit["matches"] and not set(hit["matches"]) & STOPWORDS
    plain = cli("search", "as the member of the council").stdout
    assert "*the*" not in plain.lower() and "*of*" not in plain.lower()


def test_a_lead_in_is_shown_with_its_items_never_as_a_hit_of_its_own(cli):
    result = hits(cli, "as members and officers we", "-c", "lbth", "-n", "100")
    refs = [h["ref"] for h in result]
    assert not {"4", "5", "6", "7", "14"} & set(refs)
    courteous = hits(cli, "courteous", "-c", "lbth")[0]
    assert courteous["ref"] == "4 b)"
    assert courteous["lead_in"] == {"ref": "4", "text": "As Members and officers we should :"}
    plain = cli("search", "courteous", "-c", "lbth").stdout
    assert plain.index("As Members and officers we should :") < plain.index("be *courteous*")


def test_search_lists_matching_topics_of_the_councils_searched(cli):
    data = json.loads(cli("search", "interview panel", "-f", "json").stdout)
    ask = f"protocheck ask appointments -c {NWL}"
    assert ask in [t["ask"] for t in data["topics"]]
    assert ask in " ".join(cli("search", "interview panel").stdout.split())
    scoped = json.loads(cli("search", "interview", "-c", "lbth", "-f", "json").stdout)["topics"]
    assert {t["council"] for t in scoped} <= {"tower-hamlets"}  # only the council searched
    common = json.loads(cli("search", "officer", "-f", "json").stdout)["topics"]
    assert common == []  # a word most topics hold picks none out


def test_a_search_that_finds_nothing_names_the_scope_it_searched(cli):
    nowhere = " ".join(cli("search", "zzyzx", "-c", "lbth").stdout.split())
    assert f"No paragraph of {LBTH}'s protocol matches 'zzyzx'. Nor does any other" in nowhere
    elsewhere = " ".join(cli("search", "roving commission", "-c", "lbth").stdout.split())
    assert f"No paragraph of {LBTH}'s protocol matches 'roving commission'." in elsewhere
    assert "Other protocols have 1 that do: search without --council" in elsewhere
    assert "No paragraph in any protocol matches" in cli("search", "zzyzx").stdout


def test_search_works_without_fts5_gives_one_line_and_exit_2(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "fresh"))
    monkeypatch.setattr(index_store, "FTS", "fts5_not_built_in")
    result = cli("search", "silent copies")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "needs SQLite's FTS5" in result.stderr
    assert cli("compare", "silent copies").exit_code == 0  # compare needs no index


def test_the_index_is_rebuilt_when_the_rules_change(cli, rules_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path / "own"))
    council = (
        "council:\n  slug: testshire\n  name: Testshire Council\n  source:\n"
        "    title: Protocol\n    date: 2026\n  numbering: council\nroles: []\ntopics: []\n"
    )
    paragraphs = 'sections:\n  - number: "1"\n    heading: Visits\n    paragraphs:\n'
    paragraph = '      - ref: "1.1"\n        text: {}\n'
    folder = rules_dir(
        {
            "council.yaml": council,
            "paragraphs.yaml": paragraphs + paragraph.format("Members visit officers."),
        }
    )
    assert hits(cli, "visit")[0]["ref"] == "1.1"
    assert hits(cli, "gazebo") == []
    (folder / "paragraphs.yaml").write_text(paragraphs + paragraph.format("A gazebo, rebuilt."))
    assert hits(cli, "gazebo")[0]["ref"] == "1.1"


def test_compare_enquiry_and_enquiries_agree(cli):
    def refs(theme: str) -> dict:
        data = json.loads(cli("compare", theme, "-f", "json").stdout)
        return {c["slug"]: [p["ref"] for p in c["paragraphs"]] for c in data["councils"]}

    assert refs("enquiry") == refs("enquiries")
    assert "7.1" in refs("enquiry")["tower-hamlets"]


def test_compare_never_drops_a_match_silently(cli):
    one = json.loads(cli("compare", "exempt information", "-c", "lbth", "-f", "json").stdout)
    every = [p["ref"] for p in one["councils"][0]["paragraphs"]]
    assert {"7.6(iii)", "7.6(iv)", "7.11"} <= set(every)
    shown = cli("compare", "exempt information", "-c", "lbth").stdout
    assert all(f"  - {ref}: " in shown for ref in every)  # one council: every one quoted
    text = " ".join(cli("compare", "exempt information").stdout.split())
    more = text.split(f"{LBTH}:", 1)[1].split(" more: ", 1)
    quoted = more[0].count("“")
    listed = more[1].split(" London Borough of Merton")[0]
    listed = listed.split(" Questionnaire verdicts")[0].split(", ")
    assert quoted + len(listed) == len(every)
    assert {"7.6(iii)", "7.6(iv)", "7.11"} <= set(listed)


def test_compare_widens_free_text_as_search_does(cli):
    data = json.loads(cli("compare", "litigation", "-c", "lbth", "-f", "json").stdout)
    assert "legal proceedings" in data["theme"]["anchors"]
    assert "13.1" in [p["ref"] for p in data["councils"][0]["paragraphs"]]


@pytest.mark.parametrize("ref", ["4a", "4(a)", "4 a", "4 A", "para 4a"])
def test_explain_forgives_the_form_of_a_list_item(cli, ref):
    result = cli("explain", ref, "-c", "lbth", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["paragraphs"][0]["ref"] == "4 a)"


def test_long_refs_protocheck_made_have_short_forms_explain_accepts_and_shows(cli):
    long = "councillors-access-to-information-and-to-council-documents.6"
    result = cli("explain", "caicd.6", "-c", "camborne")
    assert result.exit_code == 0, result.stderr
    assert f"Paragraph {long} (or caicd.6)" in " ".join(result.stdout.split())
    data = json.loads(cli("explain", long, "-c", "camborne", "-f", "json").stdout)
    assert data["paragraphs"][0]["short_ref"] == "caicd.6"
    section = json.loads(cli("explain", "pm", "-c", "camborne", "-f", "json").stdout)
    assert section["paragraphs"][0]["ref"] == "press-and-media.1"
    found = hits(cli, "freedom of information", "-c", "camborne")
    assert found[0]["short_ref"] == "caicd.6"


def test_every_short_form_is_unique_short_and_not_already_a_ref():
    for council in load_library().councils:
        shorts = short_refs(council)
        assert len(set(shorts.values())) == len(shorts)
        refs = {p.ref.lower() for p in council.paragraphs}
        assert all(s not in refs and len(s) <= 12 for s in shorts.values())
        assert all(len(r) < 20 or r in shorts for r in refs)  # no long ref goes without


def test_did_you_mean_looks_in_the_chosen_council_first(cli):
    result = cli("explain", "17", "-c", "surrey")
    assert result.exit_code == 2
    message = result.stderr
    assert "Did you mean protocol 17?" in message
    assert message.index("protocol 17") < message.index("north-west-leicestershire")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Surrey County Council", "surrey"),
        ("surrey county council", "surrey"),
        ("hamlets", "tower-hamlets"),
        ("Tower Hamlets", "tower-hamlets"),
        ("leicestershire", NWL),
        ("camborne town", "camborne"),
    ],
)
def test_council_names_and_name_words_find_the_council(cli, name, slug):
    result = cli("list", "-c", name, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [c["slug"] for c in json.loads(result.stdout)["councils"]] == [slug]


def test_a_name_word_several_councils_share_lists_them_in_one_line(cli):
    result = cli("explain", "7.3", "-c", "north")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert NWL in result.stderr and "north-yorkshire" in result.stderr


def test_all_is_not_a_council_and_says_what_to_use(cli):
    result = cli("list", "-c", "all")
    assert result.exit_code == 2 and "--all-councils" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "7.3"),
        ("search", "exempt"),
        ("compare", "exempt information"),
        ("list",),
    ],
)
def test_a_configured_council_says_so_and_all_councils_widens_it(cli, isolated, args):
    env = {"PROTOCHECK_COUNCIL": "lbth"}
    narrowed = " ".join(cli(*args, env=env).stdout.split())
    assert f"{LBTH} only, the council set by PROTOCHECK_COUNCIL; add --all-councils" in narrowed
    assert "North West Leicestershire" not in narrowed
    wide = cli(*args, "--all-councils", env=env)
    assert wide.exit_code == 0, wide.stderr
    assert "North West Leicestershire" in wide.stdout and "set by" not in wide.stdout
    (isolated / ".protocheck.yaml").write_text("council: lbth\n")
    from_file = " ".join(cli(*args).stdout.split())
    assert "the council set by" in from_file and ".protocheck.yaml" in from_file
    typed = cli(*args, "-c", "lbth").stdout
    assert "set by" not in typed  # chosen on the command line: nothing to point out


def test_the_scope_in_json(cli):
    env = {"PROTOCHECK_COUNCIL": "lbth"}
    data = json.loads(cli("search", "exempt", "-f", "json", env=env).stdout)
    assert data["scope"]["council"] == "tower-hamlets"
    assert data["scope"]["set_by"] == "PROTOCHECK_COUNCIL"
    assert data["scope"]["note"].startswith("London Borough of Tower Hamlets only")
    listed = json.loads(cli("explain", "7.3", "-f", "json", env=env).stdout)
    assert listed["paragraphs"][0]["ref"] == "7.3"
    assert listed["scope"]["note"].startswith("London Borough of Tower Hamlets only")


def test_council_and_all_councils_together_is_one_line_of_bad_input(cli):
    result = cli("search", "exempt", "-c", "lbth", "--all-councils")
    assert result.exit_code == 2 and "not both" in result.stderr


@pytest.fixture(scope="module")
def index():
    library = load_library()
    return library, memory_index(library.each()), load_thesaurus()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_query_runs_and_highlights_only_real_words(index, text):
    library, built, thesaurus = index
    query = fit_to_index(parse_query(text, thesaurus), built)
    for hit in search(library, built, query, limit=5):
        words = {t.word for t in tokenize(hit.paragraph.text)}
        marked = [hit.paragraph.text[s:e] for s, e in hit.spans]
        assert all(tokenize(m)[0].word in words - STOPWORDS for m in marked)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab "*^():-NEAR OR AND NOT'), max_size=40))
def test_fts5_syntax_in_a_query_is_only_ever_words(index, text):
    library, built, thesaurus = index
    search(library, built, fit_to_index(parse_query(text, thesaurus), built), limit=3)
