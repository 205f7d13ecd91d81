"""The unresolved block's `by_role`: where the text names different people for members and
officers, each is sent to the person named for them, never to "one or the other"."""

from __future__ import annotations

import json

import pytest
from test_cli_docs import validator

COUNCIL = """\
council:
  slug: testshire
  name: Testshire District Council
  source:
    title: Protocol on Member/Officer Relations
    date: 1 April 2026
  numbering: council
  unresolved:
    cites: ["1.2"]
    contact: monitoring-officer
    alternatives: [line-manager]
    summary: The protocol does not deal with this; seek advice as paragraph 1.2 says.
    contact_note: Paragraph 1.2 names one person for a member and another for an officer.
    by_role:
      member:
        contact: monitoring-officer
        contact_note: Paragraph 1.2 says a member should contact the Monitoring Officer.
      officer:
        contact: line-manager
roles:
  - id: monitoring-officer
    title: Monitoring Officer
  - id: line-manager
    title: Your line manager
    names: [line manager]
  - id: chief-executive
    title: Chief Executive
topics: [visits, anything]
"""

PARAGRAPHS = """\
sections:
  - number: "1"
    heading: Visits
    paragraphs:
      - ref: "1.1"
        text: Members should make appointments to speak to officers.
      - ref: "1.2"
        text: >-
          A member in need of advice should contact the Monitoring Officer. An officer should
          contact their line manager in the first instance.
      - ref: "1.3"
        text: The Chief Executive is the head of paid service.
"""

VISITS = """\
id: visits
title: Visiting officers
facts:
  - id: kind
    question: What do you want to do?
    choices:
      - value: visit
        label: Visit an officer
      - value: other
        label: Something else
asks: [role, kind]
rows:
  - id: member-visit
    when: {role: member, kind: visit}
    verdict: allowed
    summary: You may, by appointment.
    cites: ["1.1"]
  - id: officer-visit
    when: {role: officer, kind: visit}
    verdict: allowed
    summary: Members may visit you by appointment.
    cites: ["1.1"]
  - id: not-covered
    when: {kind: other}
    use: unresolved
"""

ANYTHING = """\
id: anything
title: Something else, asked without the role
rows:
  - id: not-covered
    use: unresolved
"""


def files(council: str = COUNCIL) -> dict[str, str]:
    return {
        "council.yaml": council,
        "paragraphs.yaml": PARAGRAPHS,
        "topics/visits.yaml": VISITS,
        "topics/anything.yaml": ANYTHING,
    }


def ask(cli, topic: str, *answers: str) -> dict:
    args = [a for answer in answers for a in ("--set", answer)]
    result = cli("ask", topic, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_member_is_sent_to_the_person_the_text_names_for_members(cli, rules_dir):
    rules_dir(files())
    advice = ask(cli, "visits", "role=member", "kind=other")
    assert advice["row"] == "not-covered"
    assert advice["contact"]["role"] == "monitoring-officer"
    assert advice["alternatives"] == [] and advice["also"] == []
    assert (
        advice["contact_note"]
        == "Paragraph 1.2 says a member should contact the Monitoring Officer."
    )
    assert [s["fact"] for s in advice["matched"]] == ["kind", "role"]  # what chose the contact


def test_an_officer_is_sent_to_their_line_manager_only(cli, rules_dir):
    rules_dir(files())
    advice = ask(cli, "visits", "role=officer", "kind=other")
    assert advice["contact"]["role"] == "line-manager"
    assert advice["alternatives"] == []
    assert advice["contact_note"] is None  # the entry's own note, not the general one
    text = cli("ask", "visits", "--set", "role=officer", "--set", "kind=other").stdout
    assert "Your line manager" in text and "Monitoring Officer\n" not in text
    assert "Or, as appropriate" not in text


def test_without_the_role_the_general_contacts_are_given(cli, rules_dir):
    rules_dir(files())
    advice = ask(cli, "anything", "role=officer")  # a role this topic does not ask
    assert advice["contact"]["role"] == "monitoring-officer"
    assert [c["role"] for c in advice["alternatives"]] == ["line-manager"]
    assert advice["contact_note"].startswith("Paragraph 1.2 names one person")
    assert [s["fact"] for s in advice["matched"]] == []


def test_the_engine_chooses_by_the_answer_the_topic_asked():
    from pathlib import Path

    from protocheck.engine import advise
    from protocheck.loader import load_council

    council = load_council(Path(__file__).parents[1] / "rules" / "tower-hamlets")
    topic = council.questionnaire("reports-and-decisions")
    assert topic is not None
    member = advise(council, topic, {"role": "member", "member-report-question": "something-else"})
    officer = advise(
        council, topic, {"role": "officer", "officer-report-question": "something-else"}
    )
    assert (member.contact.role, member.alternatives) == ("monitoring-officer", ())
    assert (officer.contact.role, officer.alternatives) == ("line-manager", ())


def test_the_reviewers_view_shows_whom_the_text_names_for_each_role(cli, rules_dir):
    rules_dir(files())
    shown = cli("explain", "--topic", "visits", "-f", "markdown")
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert (
        "Monitoring Officer; or, as appropriate, Your line manager (when the role is not known)"
        in (text)
    )
    assert "Contact if “A member (councillor)”:** Monitoring Officer" in text
    assert "Contact if “An officer (an employee of the council)”:** Your line manager" in text
    unasked = " ".join(cli("explain", "--topic", "anything").stdout.split())
    assert "Contact: Monitoring Officer; or, as appropriate, Your line manager Why" in unasked
    assert "Contact if" not in unasked  # the role is never known there: entries never apply
    data = validator()("topic", cli("explain", "--topic", "visits", "-f", "json").stdout)
    row = next(r for r in data["rows"] if r["id"] == "not-covered")
    assert row["by_role"]["officer"] == {
        "contact": "line-manager",
        "alternatives": [],
        "also": [],
        "contact_note": None,
    }


# Each check, with a fixture that trips it: (old text, new text, text on the line named, words)
MISTAKES = [
    (
        "      officer:\n",
        "      councillor:\n",
        "      councillor:",
        "'councillor' is not a value of 'role' (member, officer)",
    ),
    (
        "        contact: line-manager\n",
        "        contact: clerk\n",
        "        contact: clerk",
        "'clerk' is not a role in council.yaml",
    ),
    (
        "        contact: line-manager\n",
        "        contact: line-manager\n        also: [chief-executive]\n",
        "        also: [chief-executive]",
        "Chief Executive (chief-executive) is not named in the paragraphs cited (1.2)",
    ),
    (
        "        contact: line-manager\n",
        "        contact: line-manager\n        phone: 01234\n",
        "        phone: 01234",
        "unknown key 'phone'",
    ),
    (
        COUNCIL[COUNCIL.index("    by_role:") : COUNCIL.index("roles:")],
        "    by_role: [member, officer]\n",
        "    by_role: [member",
        "'by_role' must map a role",
    ),
]


@pytest.mark.parametrize(("old", "new", "anchor", "words"), MISTAKES)
def test_each_mistake_in_by_role_is_found_at_its_line(cli, rules_dir, old, new, anchor, words):
    assert old in COUNCIL, "the test's own text must match the fixture"
    council = COUNCIL.replace(old, new)
    folder = rules_dir(files(council))
    line = council[: council.index(anchor)].count("\n") + 1
    linted = cli("lint", str(folder), "--format", "json")
    assert linted.exit_code == 1, linted.stdout + linted.stderr
    found = json.loads(linted.stdout)["findings"]
    assert any(
        f["path"].endswith("council.yaml")
        and f["line"] == line
        and words in f["message"]
        and f["severity"] == "error"
        for f in found
    ), found
    refused = cli("ask", "visits", "--set", "role=member", "--set", "kind=other")
    assert refused.exit_code == 2
    assert f"council.yaml:{line}:" in refused.stderr


def test_a_role_named_only_for_one_role_is_still_in_use(cli, rules_dir):
    council = COUNCIL.replace(
        "    alternatives: [line-manager]\n", ""
    )  # the line manager is now named only for officers
    folder = rules_dir(files(council))
    linted = cli("lint", str(folder), "--format", "json")
    messages = [f["message"] for f in json.loads(linted.stdout)["findings"]]
    assert not any("'line-manager'" in m for m in messages), messages
    assert any("'chief-executive'" in m and "named by no row" in m for m in messages)


def test_a_council_with_no_topic_names_each_roles_contact_apart(cli, rules_dir):
    rules_dir(files())
    shown = cli("ask", "press", "--all-councils", "--set", "role=member")
    assert shown.exit_code == 0, shown.stderr
    assert (
        "it names the Monitoring Officer for a member and your line manager for an officer "
        "(paragraph 1.2)" in " ".join(shown.stdout.split())
    )
    data = cli("ask", "press", "--all-councils", "--set", "role=member", "-f", "json").stdout
    council = validator()("ask-every", data)["councils"][0]
    assert council["unresolved"]["by_role"]["member"]["contact"] == "monitoring-officer"


@pytest.mark.parametrize(
    ("role", "named", "not_named"),
    [("member", "Monitoring Officer", "Your line manager"),
     ("officer", "Your line manager", "Monitoring Officer")],
)  # fmt: skip
def test_tower_hamlets_sends_each_role_to_the_person_1_6_names(cli, role, named, not_named):
    result = cli("ask", "something-else", "-c", "tower-hamlets", "--set", f"role={role}")
    assert result.exit_code == 0, result.stderr
    contact = result.stdout[result.stdout.index("Who to contact") :]
    assert named in contact and not_named not in contact
    assert "Or, as appropriate" not in contact
    review = cli("explain", "--topic", "something-else", "-c", "tower-hamlets").stdout
    row = review[review.index(f"Row {role}-not-covered") :].split("Paragraph 1.6")[0]
    shown = [line.strip() for line in row.splitlines() if line.strip().startswith("Contact")]
    assert shown == [f"Contact: {named}"]  # the row's role is known: no general contacts


def test_lint_warns_where_unresolved_advice_cannot_know_the_users_role(cli, rules_dir):
    """'anything' ends in the unresolved advice without asking the role: lint says so, at
    the row, so a reviewer can make each user go to the person the text names for them."""
    folder = rules_dir(files())
    result = cli("lint", str(folder))
    line = ANYTHING.splitlines().index("  - id: not-covered") + 1
    assert f"anything.yaml:{line}: warning: row 'not-covered' gives the unresolved advice" in (
        result.stdout
    )
    assert "[PC503]" in result.stdout
    assert "visits.yaml" not in result.stdout.split("PC503")[0].splitlines()[-1]  # asks role


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("Monitoring Officer", "the Monitoring Officer"),
        ("Your line manager", "your line manager"),
        ("The Town Clerk", "the Town Clerk"),
        ("their Group Leader", "their Group Leader"),
    ],
)
def test_a_role_named_mid_sentence_reads_as_english(title, said):
    from protocheck.render.blocks import in_a_sentence

    assert in_a_sentence(title) == said
