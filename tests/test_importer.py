"""The importer: numbering styles, noise stripping, refs, the YAML it writes, and the real seeds.

Fixtures under tests/fixtures/import/ are short excerpts modelled on the seed documents in
/work/shared/seeds (one numbering style each); the seed tests at the end run the real texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from protocheck import importer
from protocheck.errors import InputError
from protocheck.importer import (
    ImportedParagraph,
    ImportedSection,
    ImportResult,
    dump_paragraphs_yaml,
    parse_protocol,
    read_source,
)
from protocheck.loader import load_paragraphs

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NWL_REFERENCE = (
    Path(__file__).parents[1] / "rules" / "north-west-leicestershire" / "paragraphs.yaml"
)


def parse_fixture(name: str) -> ImportResult:
    return parse_protocol(read_source(FIXTURES / name))


def texts(result: ImportResult) -> dict[str, str]:
    return {p.ref: p.text for p in result.paragraphs}


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (/work/shared/seeds) are not here")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not here")
    return matches[0]


# --- numbering styles ---------------------------------------------------------------------------


def test_dotted_numbers_with_dashes_and_bold_markers() -> None:
    result = parse_fixture("dotted.txt")
    assert result.numbering == "council"
    assert [p.ref for p in result.paragraphs] == ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1"]
    got = texts(result)
    assert got["2.1"].startswith("Members are elected")  # `- 2.1` lost its dash
    assert got["2.2"].startswith("Officers are employed")  # `- **2.2**` lost dash and markers
    assert not any("**" in text or text.startswith("-") for text in got.values())


def test_section_numbers_headings_and_ids_come_from_the_body_and_contents() -> None:
    result = parse_fixture("dotted.txt")
    assert [(s.number, s.heading, s.id) for s in result.sections][:3] == [
        ("1", "Introduction", "introduction"),
        (
            "2",
            "The Respective Roles of Members and Officers",
            "the-respective-roles-of-members-and-officers",
        ),
        (
            "3",
            "Officers' Advice and Political Neutrality",
            "officers-advice-and-political-neutrality",
        ),
    ]


def test_bare_number_with_letter_items_makes_citable_sub_paragraphs() -> None:
    got = texts(parse_fixture("lettered.txt"))
    assert got["4"] == "As Members and officers we should :"
    assert got["4 a)"] == "respect each other's non-working time, except in emergencies."
    assert got["4 b)"].startswith("be courteous")
    assert got["7 a)"] == "Maintain confidentiality"


def test_letters_restarting_under_as_a_member_get_protocheck_refs() -> None:
    result = parse_fixture("lettered.txt")
    section = next(s for s in result.sections if s.number == "B")
    refs = [(p.ref, p.numbering) for p in section.paragraphs]
    assert refs == [
        ("5", "council"),
        ("5 a)", "council"),
        ("5 b)", "council"),
        ("5 Member", "protocheck"),
        ("5 Member a)", "protocheck"),
        ("5 Member b)", "protocheck"),
        ("5.1", "council"),
    ]
    assert (
        texts(result)["5 Member a)"] == "I should not criticise specific named officers in public."
    )


def test_roman_items_that_are_whole_sentences_become_sub_paragraphs() -> None:
    got = texts(parse_fixture("lettered.txt"))
    assert got["7.6"] == "The rights of Members can be summarised as follows:-"
    assert got["7.6(ii)"].startswith("Members of the appropriate Committee")
    # (iii) was broken by a page break; the lower-case continuation is re-joined
    assert got["7.6(iii)"].endswith("do not therefore rank as Council decisions.")
    assert "7.6(iv)" not in got


def test_short_list_items_stay_in_their_paragraph_one_a_line() -> None:
    got = texts(parse_fixture("lettered.txt"))
    assert got["2.1"].split("\n") == [
        "As a Member in undertaking my role:",
        "a) I am a policy-maker and carry out a number of strategic functions;",
        "b) I represent my community and I am the advocate of and for my community;",
        "c) I maintain the highest standards of conduct and ethics",
    ]
    assert not any(ref.startswith("2.1 ") or ref.startswith("2.1(") for ref in got)


def test_sub_paragraph_numbered_in_the_source_keeps_its_form() -> None:
    text = (
        "1. Access\n\n1.1 The rights of Members are:\n\n"
        "1.1 (i) Members enjoy the same rights as the public.\n\n"
        "1.1 (ii) Members of a committee may see its exempt papers.\n\n"
        "A- Respect\n\n2 As Members and officers we:\n\n2 a) respect each other's time.\n\n"
        "2 b) be courteous.\n"
    )
    result = parse_protocol(text)
    assert [p.ref for p in result.paragraphs] == ["1.1", "1.1(i)", "1.1(ii)", "2", "2 a)", "2 b)"]
    got = texts(result)
    assert got["1.1(i)"] == "Members enjoy the same rights as the public."
    assert got["1.1(ii)"] == "Members of a committee may see its exempt papers."
    assert got["2 a)"] == "respect each other's time."
    assert [s.number for s in result.sections] == ["1", "A"]


def test_lettered_sections_from_the_contents_and_subheadings() -> None:
    result = parse_fixture("lettered.txt")
    assert [s.number for s in result.sections] == ["1", "2", "A", "B", "D"]
    section_d = result.sections[-1]
    assert (
        section_d.heading
        == "Confidentiality and access to information (including Member Enquiries)"
    )
    subheadings = {p.ref: p.subheading for p in result.paragraphs if p.subheading}
    assert subheadings == {
        "2.1": "Members",
        "7.6": "Access to Committee Papers",
        "8.1": "8 POLITICAL ASSISTANTS",  # a numbered heading over 8.1, not a paragraph 8
    }
    assert "8" not in texts(result)


def test_headings_only_document_gets_section_id_refs() -> None:
    result = parse_fixture("headings_only.txt")
    assert result.numbering == "protocheck"
    assert [p.ref for p in result.paragraphs] == [
        "introduction.1",
        "introduction.2",
        "councillors.1",
        "councillors.2",
        "correspondence.1",
        "procedure-for-officers.1",
    ]
    assert all(p.numbering == "protocheck" for p in result.paragraphs)
    got = texts(result)
    assert got["introduction.2"] == (
        "This Protocol covers:\n"
        "- The respective roles and responsibilities of the councillors and the officer;\n"
        "- Who is responsible for making decisions."
    )


def test_headings_only_keeps_an_empty_contents_section_and_reports_title_lines() -> None:
    result = parse_fixture("headings_only.txt")
    empty = [s for s in result.sections if not s.paragraphs]
    assert [(s.heading, s.id) for s in empty] == [("IF THINGS GO WRONG", "if-things-go-wrong")]
    # the title line naming the protocol becomes the source's title; the other is reported
    assert result.title == "MEMBER / OFFICER PROTOCOL"
    assert [u.text for u in result.unplaced] == ["CAMBORNE TOWN COUNCIL"]
    assert result.unplaced[0].line_no == 1


def test_numbered_sections_with_unnumbered_paragraphs() -> None:
    result = parse_fixture("numbered_sections.txt")
    assert result.numbering == "protocheck"
    assert [p.ref for p in result.paragraphs] == ["preamble.1", "1.1", "1.2", "2.1", "2.2"]
    assert result.sections[0].heading == "Protocol on Member/Officer Relations"
    assert texts(result)["2.1"] == (
        "All Members will:\n"
        "(i) participate in the governance and management of the CJC;\n"
        "(ii) maintain the highest standards of conduct and ethics."
    )


def test_report_numbers_and_an_out_of_sequence_quoted_number() -> None:
    result = parse_fixture("report.txt")
    refs = [(p.ref, p.numbering) for p in result.paragraphs]
    assert refs == [
        ("1", "council"),
        ("2", "council"),
        ("3", "council"),
        ("4", "council"),
        ("5", "council"),
        ("recommendations.1", "protocheck"),
    ]
    quoted = texts(result)["3"]
    assert "\n\n17 To support a healthy working relationship" in quoted
    assert "speak with and relate to officers" in quoted
    assert [s.heading for s in result.sections][:2] == [
        "Introduction",
        "Current Member/Officer protocol",
    ]
    assert [u.text for u in result.unplaced] == ["STANDARDS COMMITTEE", "12 April 2010"]


# --- noise --------------------------------------------------------------------------------------


def test_page_header_inside_a_paragraph_list_is_removed() -> None:
    result = parse_fixture("dotted.txt")
    assert texts(result)["3.1"] == (
        "Officer advice and support will be provided to:\n"
        "Council Meetings;\n"
        "Cabinet members (portfolio holders);\n"
        "Groups;\n"
        "Members of Council on Council business."
    )
    assert "Sample District Council Constitution" in [u.text for u in result.removed]


def test_repeated_footer_and_page_numbers_are_removed() -> None:
    text = "\n\n".join(
        [
            "1. Roles",
            "1.1 Members make policy.",
            "Protocol v2 - May 2021",
            "1.2 Officers give advice.",
            "7",
            "Protocol v2 - May 2021",
            "1.3 Both respect each other.",
            "- 8 -",
            "Protocol v2 - May 2021",
        ]
    )
    result = parse_protocol(text)
    assert texts(result) == {
        "1.1": "Members make policy.",
        "1.2": "Officers give advice.",
        "1.3": "Both respect each other.",
    }
    assert [u.text for u in result.removed].count("Protocol v2 - May 2021") == 3
    assert result.unplaced == ()


def test_contents_table_is_removed_and_names_the_sections() -> None:
    result = parse_fixture("dotted.txt")
    removed = [u.text for u in result.removed]
    assert "3 : Officers' Advice and Political Neutrality" in removed
    assert all("Rule Subject" not in text for text in texts(result).values())
    assert result.sections[3].heading == "Officers' Advice on Declarations of Interest"
    # the title is the source's; printed again above the protocol, it is removed as a repeat
    assert result.title == "5.2: PROTOCOL ON MEMBER/OFFICER RELATIONS"
    assert "5.2 PROTOCOL ON MEMBER/OFFICER RELATIONS" in removed
    assert result.unplaced == ()


def test_page_break_rejoins_a_sentence() -> None:
    got = texts(parse_fixture("dotted.txt"))
    # a lower-case continuation after a page number
    assert got["4.1"].endswith(
        "when providing advice on declarations of interest but may "
        "otherwise draw to a member's attention the need to declare a known "
        "interest."
    )
    # a continuation the extractor dashed like a list item
    assert "justify the request in specific terms and the motive" in got["3.3"]
    # a short line broken by a page break (only its lower-case start shows it continues)
    short = parse_protocol("1. Roles\n\n1.1 Members must not ask officers for\n\n12\n\nwork.\n")
    assert texts(short) == {"1.1": "Members must not ask officers for work."}
    # a capitalised continuation of a long unfinished sentence
    assert (
        "If in doubt, members and officers are advised"
        in texts(parse_fixture("lettered.txt"))["1.2"]
    )


def test_markdown_links_escapes_and_italics_are_reduced_to_their_text() -> None:
    text = (
        "1. Enquiries\n\n1.1 *The procedure is at "
        "[Member Enquiries \\(internal\\)](http://x.gov.uk) and <https://example.gov.uk/a>.*\n"
    )
    assert texts(parse_protocol(text))["1.1"] == (
        "The procedure is at Member Enquiries (internal) and https://example.gov.uk/a."
    )


def test_text_without_paragraphs_is_refused() -> None:
    with pytest.raises(InputError, match="no paragraphs"):
        parse_protocol("\n\n   \n")


# --- reading files ------------------------------------------------------------------------------


def test_a_damaged_pdf_is_one_line_naming_the_file(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(InputError) as caught:
        read_source(pdf)
    assert "cannot read this PDF" in str(caught.value)
    assert caught.value.path == str(pdf)


@pytest.mark.parametrize(
    "data",
    [
        b"1.1 Members\x00\x00\x00 make policy",
        b"\x81\x8d\x8f\x90\x9d" * 20,
        bytes(range(1, 32)) * 10,
        b"PK\x03\x04 a word processor file",
    ],
    ids=["nul-bytes", "undecodable", "control-characters", "docx"],
)
def test_binary_data_is_not_a_text_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    with pytest.raises(InputError, match="is not a text, HTML or PDF file"):
        read_source(path)


def test_bom_and_windows_1252_are_read(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf1.1 Members\xe2\x80\x99 rights")
    assert read_source(bom) == "1.1 Members’ rights"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"1.1 Members\x92 rights \x96 and duties")
    assert read_source(legacy) == "1.1 Members’ rights – and duties"


def test_oversized_missing_and_empty_files_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("1.1 Members make policy.\n" * 10)
    monkeypatch.setattr(importer, "MAX_SOURCE_BYTES", 100)
    with pytest.raises(InputError, match="larger than"):
        read_source(big)
    with pytest.raises(InputError, match="cannot read"):
        read_source(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        read_source(empty)


# --- YAML ---------------------------------------------------------------------------------------


def round_trip(result: ImportResult, tmp_path: Path) -> str:
    """Dump, load back with ruamel and with protocheck's own strict loader, compare."""
    text = dump_paragraphs_yaml(result, "Sample District Council")
    doc = YAML(typ="safe").load(text)
    loaded = [(p["ref"], p["text"]) for s in doc["sections"] for p in s["paragraphs"]]
    assert loaded == [(p.ref, p.text) for p in result.paragraphs]
    path = tmp_path / "paragraphs.yaml"
    path.write_text(text, encoding="utf-8")
    strict = load_paragraphs(path, result.numbering == "council").paragraphs
    assert [(p.ref, p.text, p.numbered_by_council) for p in strict] == [
        (p.ref, p.text, p.numbering == "council") for p in result.paragraphs
    ]
    return text


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_yaml_round_trip_of_each_fixture(name: str, tmp_path: Path) -> None:
    round_trip(parse_fixture(name), tmp_path)


def test_yaml_style_refs_quoted_prose_folded_lists_literal(tmp_path: Path) -> None:
    text = round_trip(parse_fixture("lettered.txt"), tmp_path)
    lines = text.splitlines()
    assert lines[0].startswith("# Sample District Council: ")
    assert '      - ref: "5 Member a)"' in lines
    assert "        numbering: protocheck" in lines
    assert '        subheading: "8 POLITICAL ASSISTANTS"' in lines
    ref_21 = lines.index('      - ref: "2.1"')
    assert lines[ref_21 + 2] == "        text: |-"
    ref_12 = lines.index('      - ref: "1.2"')
    assert lines[ref_12 + 1] == "        text: >-"
    folded = lines[ref_12 + 2 : ref_12 + 4]
    assert all(10 < len(line) <= 10 + importer.FOLD_WIDTH for line in folded)


def test_yaml_round_trip_of_awkward_text(tmp_path: Path) -> None:
    awkward = [
        "Quotes \"double\" and 'single', a colon: here, a # hash and a trailing colon:",
        "- looks like a list, and {braces} [brackets] & *stars* | pipes > angles %",
        "Two  spaces  kept, then a long URL https://example.gov.uk/" + "a" * 120 + " and more.",
        "Lines:\n- first\n\n  indented second\nthird: with colon",
        "“Curly” quotes, an en dash – and pound £5",
    ]
    result = ImportResult(
        sections=(
            ImportedSection(
                "7",
                'Undue: "Pressure"',
                "undue-pressure",
                tuple(
                    ImportedParagraph(
                        f"7.{n}", text, "council", "Sub: # heading" if n == 1 else None
                    )
                    for n, text in enumerate(awkward, start=1)
                ),
            ),
        ),
        unplaced=(),
        numbering="council",
    )
    round_trip(result, tmp_path)


# --- the real seed documents --------------------------------------------------------------------


def test_seed_000_refs_and_rule_3_1_match_the_hand_made_reference() -> None:
    result = parse_protocol(read_source(seed("000")))
    refs = [p.ref for p in result.paragraphs]
    assert refs[0] == "1.1" and refs[-1] == "17.1"
    assert len(refs) == 50 and len(set(refs)) == 50
    assert [s.number for s in result.sections] == [str(n) for n in range(1, 18)]
    reference = YAML(typ="safe").load(NWL_REFERENCE.read_text(encoding="utf-8"))
    by_ref = {p["ref"]: p["text"] for s in reference["sections"] for p in s["paragraphs"]}
    got = texts(result)
    assert got["3.1"] == by_ref["3.1"]
    assert "North West Leicestershire District Council Constitution" not in got["3.1"]
    assert refs == list(by_ref)


def test_seed_000_every_text_and_heading_matches_the_reference() -> None:
    result = parse_protocol(read_source(seed("000")))
    reference = YAML(typ="safe").load(NWL_REFERENCE.read_text(encoding="utf-8"))
    want = {
        p["ref"]: " ".join(p["text"].split())
        for s in reference["sections"]
        for p in s["paragraphs"]
    }
    got = {p.ref: " ".join(p.text.split()) for p in result.paragraphs}
    assert got == want
    assert [s.heading for s in result.sections] == [s["heading"] for s in reference["sections"]]


def test_seed_002_refs_include_sub_paragraphs_and_late_numbers() -> None:
    result = parse_protocol(read_source(seed("002")))
    refs = [p.ref for p in result.paragraphs]
    for ref in ("1.1", "4 a)", "5 Member a)", "6.1", "7.6(ii)", "7.25(iv)", "9 officer a)", "14.2"):
        assert ref in refs
    assert len(refs) == len(set(refs))
    got = texts(result)
    assert got["7.25(iv)"].endswith(
        "do not therefore rank as Council decisions and it is essential "
        "that they are not interpreted or acted upon as such."
    )
    assert [s.number for s in result.sections] == ["1", "2", "3", *"ABCDEFGHI"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_imports_and_round_trips(prefix: str, tmp_path: Path) -> None:
    result = parse_protocol(read_source(seed(prefix)))
    assert result.paragraphs
    assert not any("**" in p.text for p in result.paragraphs)
    round_trip(result, tmp_path)
