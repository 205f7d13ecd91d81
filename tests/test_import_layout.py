"""The importer's general rules, each on a small text written the way other councils print it:
numbers on their own lines, items under headings, lists restarting per section, wrapped
lines, web furniture, cut-off paragraphs, saved web pages. And a property test: whatever text
it is given, the importer answers with a result that loads, or one clear InputError.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocheck.errors import InputError
from protocheck.importer import ImportResult, dump_paragraphs_yaml, parse_protocol
from protocheck.importer.htmltext import html_to_text
from protocheck.importer.layout import numbered_integers, split_run_on
from protocheck.loader import load_paragraphs


def refs(result: ImportResult) -> list[str]:
    return [p.ref for p in result.paragraphs]


def texts(result: ImportResult) -> dict[str, str]:
    return {p.ref: p.text for p in result.paragraphs}


# --- numbers as printed -------------------------------------------------------------------------


def test_numbers_on_their_own_lines_without_blank_lines_between() -> None:
    result = parse_protocol(
        "Member/Officer Protocol\n4.1\nMembers must respect officers.\n4.2\n"
        "Officers must respect members.\n"
    )
    assert texts(result) == {
        "4.1": "Members must respect officers.",
        "4.2": "Officers must respect members.",
    }
    assert [p.label for p in result.paragraphs] == ["4.1", "4.2"]


def test_bare_integers_on_their_own_lines_are_paragraph_numbers_when_they_count_up_often() -> None:
    lines = ["Protocol", ""]
    for n in range(1, 5):
        lines += [str(n), "", f"Rule number {n} applies to all members and officers.", ""]
    result = parse_protocol("\n".join(lines))
    assert refs(result) == ["1", "2", "3", "4"]


def test_a_page_number_every_page_is_still_removed() -> None:
    body = [f"1.{n} Members and officers work together, rule {n}." for n in range(1, 61)]
    for page, at in enumerate((20, 40, 60), start=2):
        body.insert(at + page - 2, str(page))
    assert numbered_integers(body) == set()
    result = parse_protocol("1. Roles\n\n" + "\n".join(body))
    assert len(result.paragraphs) == 60
    assert all(p.text.endswith(".") for p in result.paragraphs)


def test_paragraph_numbers_alone_among_page_numbers_are_told_apart() -> None:
    lines = ["Protocol", ""]
    for n in range(1, 5):
        lines += [str(n), "", f"Rule {n}: members and officers act with integrity.", ""]
        if n == 2:
            lines += ["12", ""]  # the page number, alone on its line too
    result = parse_protocol("\n".join(lines))
    assert refs(result) == ["1", "2", "3", "4"]
    assert [u.text for u in result.removed] == ["12"]


def test_a_paragraph_run_into_the_last_splits_only_at_the_next_number() -> None:
    assert split_run_on("2.3  Members decide. 2.4  Officers advise.") == [
        "2.3  Members decide.",
        "2.4  Officers advise.",
    ]
    assert split_run_on("2.3 Members decide. 3.1 Officers advise.")[1] == "3.1 Officers advise."
    # a reference to another paragraph is no paragraph of its own
    assert split_run_on("2.3 As set out. 7.6 Below explains.") == [
        "2.3 As set out. 7.6 Below explains."
    ]


@pytest.mark.parametrize(
    ("labels", "refs_made"),
    [
        (["(a)", "(b)", "(c)"], ["(a)", "(b)", "(c)"]),
        (["a)", "b)"], ["a)", "b)"]),
        (["(i)", "(ii)", "(iii)"], ["(i)", "(ii)", "(iii)"]),
        (["(1)", "(2)"], ["(1)", "(2)"]),
    ],
)
def test_items_directly_under_a_heading_are_the_councils_paragraphs(labels, refs_made) -> None:
    text = "Respect\n\n" + "\n\n".join(
        f"{label} Members and officers treat each other with courtesy, rule {n}."
        for n, label in enumerate(labels)
    )
    result = parse_protocol(text)
    assert refs(result) == refs_made
    assert all(p.numbering == "council" and "courtesy" in p.text for p in result.paragraphs)
    assert not any(p.text.startswith("(") for p in result.paragraphs)


def test_items_after_a_lead_in_stay_a_list_in_their_paragraph() -> None:
    result = parse_protocol(
        "1. Roles\n\n1.1 Members will:\n(a) set policy;\n(b) represent their wards.\n"
    )
    assert texts(result) == {"1.1": "Members will:\n(a) set policy;\n(b) represent their wards."}


def test_items_in_a_numbered_section_take_its_number() -> None:
    result = parse_protocol(
        "1 Roles\n\n(1) Members set policy.\n\n(2) Officers advise.\n\n"
        "2 Conduct\n\n(1) Both are courteous.\n"
    )
    assert refs(result) == ["1(1)", "1(2)", "2(1)"]


def test_a_labelled_item_used_twice_under_unnumbered_headings_is_made_unique() -> None:
    result = parse_protocol(
        "Members\n\n(a) Members set policy.\n\nOfficers\n\n(a) Officers give advice.\n"
    )
    assert refs(result) == ["(a)", "officers (a)"]


def test_bare_numbers_restarting_in_each_section_take_the_sections_number() -> None:
    text = (
        "1. Roles\n\n1. Members set policy.\n\n2. Officers advise.\n\n"
        "2. Conduct\n\n1. Both are courteous.\n\n2. Neither bullies.\n"
    )
    result = parse_protocol(text)
    assert refs(result) == ["1.1", "1.2", "2.1", "2.2"]
    assert result.per_section
    assert [p.label for p in result.paragraphs] == ["1.", "2.", "1.", "2."]


def test_report_numbers_running_on_across_sections_stay_bare() -> None:
    result = parse_protocol(
        "1. Background\n\n1 The committee met.\n\n2 It agreed.\n\n"
        "2. Proposals\n\n3 The protocol changes.\n"
    )
    assert refs(result) == ["1", "2", "3"]
    assert not result.per_section


def test_a_second_document_starting_again_gets_refs_unique_by_section() -> None:
    text = (
        "1. Introduction\n\n1.1 The old protocol.\n\n2. Roles\n\n2.1 Old roles.\n\n"
        "NEW PROTOCOL\n\nAdopted by the Council in 2020.\n\n"
        "1. Introduction\n\n1.1 The new protocol.\n\n2. Roles\n\n2.1 New roles.\n"
    )
    result = parse_protocol(text)
    assert refs(result) == [
        "1.1",
        "2.1",
        "new-protocol.1",
        "introduction-2 1.1",
        "roles-2 2.1",
    ]
    assert [s.heading for s in result.sections][2] == "NEW PROTOCOL"
    assert len(result.restarts) == 1


def test_a_numbered_heading_over_its_paragraphs_starts_a_section() -> None:
    result = parse_protocol("1.1 Members.\n\n2.     GENERAL\n\n2.1 Officers serve the council.\n")
    assert [(s.number, s.heading) for s in result.sections][-1] == ("2", "GENERAL")


def test_sections_printed_as_section_n_dash_title() -> None:
    result = parse_protocol(
        "SECTION 1 – INTRODUCTION\n\n1.1. Members and officers work together.\n\n"
        "Part 2: Roles\n\n2.1. Members decide.\n"
    )
    assert [(s.number, s.heading) for s in result.sections] == [
        ("1", "INTRODUCTION"),
        ("2", "Roles"),
    ]
    assert [p.label for p in result.paragraphs] == ["1.1.", "2.1."]


def test_a_dotted_heading_over_its_own_paragraphs_is_a_sub_heading() -> None:
    result = parse_protocol(
        "## 2. Councillors\n\n**2.2** Councillors act properly.\n\n### 2.3 Site visits\n\n"
        "**2.3.1** Visits are arranged through the manager.\n\n## 3. Officers\n\n"
        "**3.1** Officers are neutral.\n"
    )
    assert [s.number for s in result.sections] == ["2", "3"]
    assert {p.ref: p.subheading for p in result.paragraphs if p.subheading} == {
        "2.3.1": "2.3 Site visits"
    }


def test_a_dot_leader_contents_table_names_its_numbered_sections() -> None:
    result = parse_protocol(
        "Contents\n1. Introduction ........ 1\n2. Roles of Members ........ 2\n"
        "3. Complaints ........ 4\n\n1.     INTRODUCTION\n\n1.1    Members and officers.\n\n"
        "2.     ROLES OF MEMBERS\n\n2.1    Members decide.\n"
    )
    assert [s.heading for s in result.sections] == ["Introduction", "Roles of Members"]
    assert result.gaps.missing_sections == ("3 Complaints",)


# --- wrapped lines and headings -----------------------------------------------------------------


def test_a_laid_out_paragraph_wrapped_at_its_hanging_indent_is_one_paragraph() -> None:
    text = (
        "1.1    Mutual respect between members and officers is essential to the Council.\n"
        "       Neither should seek to take unfair advantage of their positions and members\n"
        "       should not raise matters about an officer at meetings held in public.\n"
    )
    result = parse_protocol(text)
    assert texts(result)["1.1"] == (
        "Mutual respect between members and officers is essential to the Council. Neither "
        "should seek to take unfair advantage of their positions and members should not raise "
        "matters about an officer at meetings held in public."
    )


def test_a_laid_out_list_item_wrapped_at_its_own_indent_stays_one_item() -> None:
    text = (
        "2.1    Members have the following roles:\n\n"
        "       (a)   to set the policy framework;\n\n"
        "       (b)   to represent their communities and bring their views into the\n"
        "             Council's decision-making process;\n\n"
        "       (c)   to act as community leaders.\n"
    )
    assert texts(parse_protocol(text))["2.1"].split("\n") == [
        "Members have the following roles:",
        "(a) to set the policy framework;",
        "(b) to represent their communities and bring their views into the Council's "
        "decision-making process;",
        "(c) to act as community leaders.",
    ]


def test_a_capitalised_line_whose_sentence_runs_on_is_not_a_heading() -> None:
    result = parse_protocol(
        "Roles\n\nMembers are elected to serve their wards and the Council.\n"
        "Officers Serve The Whole Council\nand are politically neutral.\n"
    )
    assert [s.heading for s in result.sections] == ["Roles"]


def test_a_long_title_case_heading_standing_alone_is_a_heading() -> None:
    heading = (
        "Relationship Between The Leader, Cabinet Members, Chairs Of Scrutiny Committees, "
        "Other Committees And Officers Of The Council"
    )
    result = parse_protocol(
        f"Introduction\n\nThis protocol guides members.\n\n{heading}\n\n"
        "The leader works closely with the chief executive.\n"
    )
    assert [s.heading for s in result.sections] == ["Introduction", heading]


def test_a_long_sentence_case_heading_over_numbered_paragraphs_is_not_glued_on() -> None:
    heading = (
        "Relationship between the leader, cabinet members, chairs of scrutiny committees, "
        "other committees and the officers of the council"
    )
    result = parse_protocol(
        f"1. Roles\n\n1.1 Members decide.\n\n{heading}\n\n1.2 The leader meets officers.\n"
    )
    assert texts(result) == {"1.1": "Members decide.", "1.2": "The leader meets officers."}
    assert result.paragraphs[1].subheading == heading


def test_a_capital_after_a_missing_full_stop_starts_a_new_block_not_a_joined_sentence() -> None:
    result = parse_protocol(
        "1.1 Members and officers work together as they build good working relationships\n\n"
        "This relationship is characterised by mutual respect, informality and trust.\n"
    )
    assert texts(result)["1.1"].split("\n\n") == [
        "Members and officers work together as they build good working relationships",
        "This relationship is characterised by mutual respect, informality and trust.",
    ]


# --- web pages ----------------------------------------------------------------------------------


def test_web_navigation_is_removed_and_the_date_line_kept_as_metadata() -> None:
    text = (
        "Skip to main content\nHome > Your council > Constitution\nWe use cookies to make "
        "this site work; accept or reject them in Cookie settings.\nOn this page:\n"
        "- Roles\n- Conduct\nPage last updated: 12 May 2023\n\nRoles\n\n"
        "Members and officers serve the public.\n\nBack to top\n"
    )
    result = parse_protocol(text)
    assert [u.text for u in result.removed] == [
        "Skip to main content",
        "Home > Your council > Constitution",
        "We use cookies to make this site work; accept or reject them in Cookie settings.",
        "On this page:",
        "- Roles",
        "- Conduct",
        "Back to top",
    ]
    assert result.metadata.date == "12 May 2023"
    assert texts(result) == {"roles.1": "Members and officers serve the public."}


def test_an_item_labelled_c_is_never_taken_for_a_copyright_line() -> None:
    result = parse_protocol(
        "1.1 Members will:\n(a) set policy;\n(b) scrutinise;\n(c) represent the Council; and\n"
        "(d) lead.\n\n© 2024 Anyshire Council\n"
    )
    assert "(c) represent the Council; and" in texts(result)["1.1"]
    assert [u.text for u in result.removed] == ["© 2024 Anyshire Council"]


def test_the_title_is_the_line_naming_the_protocol_not_the_part_of_the_constitution() -> None:
    result = parse_protocol(
        "Part 5 - Codes and Protocols\n\n5.3 Protocol on Member/Officer Relations\n\n"
        "1. Introduction\n\n1.1 Members and officers work together.\n"
    )
    assert result.title == "5.3 Protocol on Member/Officer Relations"


def test_the_page_title_printed_again_above_the_protocol_is_removed() -> None:
    result = parse_protocol(
        "Member Officer Protocol\n\nA guide for members.\n\nMember / Officer Protocol\n\n"
        "1 Roles\n\n(1) Members set policy.\n"
    )
    assert "Member / Officer Protocol" in [u.text for u in result.removed]
    assert result.title == "Member Officer Protocol"


def test_html_lists_are_numbered_and_indented_as_a_browser_shows_them() -> None:
    page = (
        "<html><body><nav>Menu</nav><article><h2>Conduct</h2>"
        "<ol type='a' start='3'><li>Be courteous.</li><li>Be fair.</li></ol>"
        "<ol><li>Roles<ul><li>Members decide.</li></ul></li></ol>"
        "<p>Line one<br>line two</p><div hidden>secret</div></article>"
        "<footer>Contact us</footer></body></html>"
    )
    assert html_to_text(page).split("\n") == [
        "Conduct",
        "",
        "c. Be courteous.",
        "d. Be fair.",
        "1. Roles",
        "  • Members decide.",
        "",
        "Line one",
        "line two",
        "",
    ]


def test_html_without_a_main_part_keeps_the_body_less_its_navigation() -> None:
    page = "<body><header>Site</header><h1>Protocol</h1><p>Members &amp; officers.</p></body>"
    assert html_to_text(page) == "Protocol\n\nMembers & officers.\n"


# --- where the text stops short -----------------------------------------------------------------


def test_a_paragraph_stopping_on_a_word_no_sentence_ends_on_is_cut_off_mid_text() -> None:
    result = parse_protocol(
        "1. Roles\n\n1.1 Members should not raise concerns about officers at meetings where the\n\n"
        "1.2 Officers advise members.\n"
    )
    assert result.gaps.cut_off == ("1.1",)
    assert not result.gaps.ends_mid_sentence and result.extract


def test_a_whole_text_is_no_extract() -> None:
    result = parse_protocol("1. Roles\n\n1.1 Members decide.\n\n1.2 Officers:\n- advise;\n- act.\n")
    assert not result.extract and result.gaps.cut_off == ()


def test_sections_the_contents_lists_but_the_text_lacks_make_an_extract() -> None:
    text = (
        "Contents\n\n1\tRoles\n2\tConduct\n3\tComplaints\n\n1. Roles\n\n1.1 Members decide.\n\n"
        "2. Conduct\n\n2.1 Both are courteous.\n"
    )
    result = parse_protocol(text)
    assert result.gaps.missing_sections == ("3 Complaints",)
    assert result.extract


# --- whatever it is given -----------------------------------------------------------------------

_LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            "1.",
            "8.63",
            "(a)",
            "(1)Members act.",
            "a) item",
            "- bullet",
            "2. GENERAL",
            "Introduction",
            "1.1 Members decide. 1.2 Officers advise.",
            "Last updated 1 May 2020",
            "IN THIS ARTICLE",
            "\t\t   12",
            "“1. Quoted",
            "Contents",
            "1\tRoles",
        ]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_LINES, max_size=40))
def test_any_text_gives_rules_that_load_or_one_input_error(tmp_path: Path, lines) -> None:
    try:
        result = parse_protocol("\n".join(lines))
    except InputError as exc:
        assert "no paragraphs" in str(exc)
        return
    path = tmp_path / "paragraphs.yaml"
    path.write_text(dump_paragraphs_yaml(result, "Anyshire"), encoding="utf-8")
    loaded = load_paragraphs(path, result.numbering == "council").paragraphs
    assert [p.ref for p in loaded] == refs(result)
    assert len(set(refs(result))) == len(result.paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ab=\"'lio p&;#\n")), max_size=200))
def test_any_markup_becomes_text_without_an_error(markup: str) -> None:
    assert isinstance(html_to_text(markup), str)
