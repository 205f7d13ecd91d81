"""Every shipped safeguard, tested both ways: the protocol as it reads keeps it, and a draft
that drops it or contradicts it is caught, at the right line, citing the right paragraph."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from drafting import draft_of

from protocheck.councils import load_library
from protocheck.safeguards import council_folder, council_safeguards

CASES_FILE = ROOT / "tests" / "data" / "safeguard_cases.yaml"


def cases() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(CASES_FILE.read_text(encoding="utf-8"))


def shipped() -> dict[str, list]:
    library = load_library()
    found = {}
    for council in library.with_questionnaires():
        folder = council_folder(council.slug)
        assert folder is not None
        guards = council_safeguards(council, folder)
        if guards:
            found[council.slug] = list(guards)
    return found


SHIPPED = shipped()
BREAKS = [(slug, guard.id, how) for slug, guards in SHIPPED.items() for guard in guards
          for how in ("drop", "contradict") if how == "drop" or guard.contradicts]  # fmt: skip


def run(cli, tmp_path, slug: str, text: str, name: str = "draft.md") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli("check", str(path), "--against", slug, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_every_council_with_questionnaires_has_safeguards_and_every_one_a_case():
    with_topics = {c.slug for c in load_library().with_questionnaires()}
    assert set(SHIPPED) == with_topics  # every seed council with questionnaires
    written = cases()
    for slug, guards in SHIPPED.items():
        for guard in guards:
            assert "drop" in written[slug][guard.id], (slug, guard.id)
            if guard.contradicts:
                assert "contradict" in written[slug][guard.id], (slug, guard.id)


@pytest.mark.parametrize("slug", sorted(SHIPPED))
@pytest.mark.parametrize("plain", [False, True], ids=["markdown", "text"])
def test_the_protocol_as_it_reads_keeps_every_safeguard(cli, tmp_path, slug, plain):
    council = load_library().find(slug)
    name = "draft.txt" if plain else "draft.md"
    report = run(cli, tmp_path, slug, draft_of(council, plain=plain).text, name)
    statuses = {g["id"]: g["status"] for g in report["drafts"][0]["safeguards"]}
    assert statuses == {g.id: "kept" for g in SHIPPED[slug]}
    assert not [f for f in report["findings"] if f["rule"] in ("PC731", "PC732")]


@pytest.mark.parametrize(("slug", "guard_id", "how"), BREAKS)
def test_a_draft_that_breaks_a_safeguard_is_caught(cli, tmp_path, slug, guard_id, how):
    case = cases()[slug][guard_id]
    council = load_library().find(slug)
    guard = next(g for g in SHIPPED[slug] if g.id == guard_id)
    if how == "drop":
        written = draft_of(council, replace=case["drop"])
    else:
        added = case["contradict"]
        written = draft_of(council, after={added["after"]: [(added["number"], added["text"])]})
    report = run(cli, tmp_path, slug, written.text)
    statuses = {g["id"]: g["status"] for g in report["drafts"][0]["safeguards"]}
    expected = "dropped" if how == "drop" else "contradicted"
    assert statuses == {g.id: expected if g.id == guard_id else "kept" for g in SHIPPED[slug]}
    rule = "PC731" if how == "drop" else "PC732"
    found = [f for f in report["findings"] if f["rule"] in ("PC731", "PC732")]
    assert [f["rule"] for f in found] == [rule]
    assert found[0]["paragraphs"] == list(guard.cites)
    assert guard.title in found[0]["message"]
    first_cited = council.paragraph(guard.cites[0])
    assert first_cited is not None
    if how == "contradict":
        added = case["contradict"]
        assert found[0]["line"] == written.lines[added["number"] or added["text"][:20]]
        # the finding quotes the protected paragraph as the protocol has it today
        assert f"paragraph {guard.cites[0]} says:" in found[0]["message"]
    elif council.numbered_by_council and first_cited.numbered_by_council:  # under its number
        assert found[0]["line"] == written.lines[guard.cites[0]]
    else:  # the paragraph, where its words are enough to know it by; else its section
        heading = written.lines[f"heading:{first_cited.heading}"]
        assert found[0]["line"] in (written.lines[guard.cites[0]], heading)
