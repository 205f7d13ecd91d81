"""The shipped rules: checked by the project's own lint, and quoted verbatim from the seeds."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import RULES, SEEDS

from protocheck.library import council_dirs
from protocheck.loader import load_council

FOLDERS = council_dirs([RULES])
MODELS = sorted((RULES / "models").iterdir())


def test_protocheck_lint_passes_on_every_shipped_council(cli):
    result = cli("lint", str(RULES))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("ok  ") == len(FOLDERS) + len(MODELS) >= 1


def words(text: str) -> list[str]:
    """Words only, so PDF noise (bold markers, dashes, line breaks, link targets) does not count."""
    text = re.sub(r"\]\((?:https?|mailto):[^)]*\)", "", text)
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.findall(r"[A-Za-z0-9']+", text)


SEED_OF = {
    "north-west-leicestershire": "000_",
    "surrey": "001_",
    "merton": "001_",
    "epsom-and-ewell": "001_",
    "thurrock": "001_",
    "somerset": "001_",
    "north-yorkshire": "001_",
    "staffordshire": "001_",
    "tower-hamlets": "002_",
    "camborne": "003_",
    "model-councillor-officer-protocol": "003_",  # held as Camborne adopted it
    "cjc": "004_",
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
@pytest.mark.parametrize("folder", FOLDERS + MODELS, ids=lambda f: f.name)
def test_every_paragraph_is_quoted_verbatim_from_its_seed(folder):
    council = load_council(folder)
    prefix = SEED_OF[council.slug]
    [seed] = SEEDS.glob(f"{prefix}*.txt")
    furniture = set(FURNITURE[prefix])
    lines = seed.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip() not in furniture]
    source = " ".join(words("\n".join(kept)))
    for paragraph in council.paragraphs:
        quoted = " ".join(words(paragraph.text))
        assert quoted in source, f"{council.slug} {paragraph.ref} is not verbatim from {seed.name}"


def seed_councils(prefix: str) -> list:
    return [load_council(f) for f in FOLDERS if SEED_OF.get(f.name) == prefix]


def headings(prefix: str) -> set[str]:
    """Every section heading of the councils from one seed, as words."""
    from protocheck.yamlfile import read_yaml

    found = set()
    for folder in FOLDERS:
        if SEED_OF.get(folder.name) == prefix:
            for section in read_yaml(folder / "paragraphs.yaml")["sections"]:
                found.add(" ".join(words(section["heading"])).lower())
                for paragraph in section["paragraphs"]:
                    if paragraph.get("subheading"):
                        for part in paragraph["subheading"].split(": "):
                            found.add(" ".join(words(part)).lower())
    return found


# Lines that are neither protocol text nor a section heading: titles, contents tables and page
# furniture, found by reading each seed. Everything else must be in the rules, word for word.
LABEL = re.compile(r"^(?:(?:[0-9]+|[a-i]|[ivx]+) )+")
CONTENTS_END = {"000_": 22, "001_": 10, "002_": 21, "003_": 28, "004_": 0}
FURNITURE = {
    "000_": (
        "5 2 PROTOCOL ON MEMBER OFFICER RELATIONS",
        "Rule Subject",
        "North West Leicestershire District Council Constitution",
    ),
    "001_": (
        "STANDARDS COMMITTEE",
        "12 April 2010",
        "REVIEW OF MEMBER OFFICER PROTOCOL REGARDING",
        "MEMBER OFFICER BEHAVIOUR AND RELATIONS",
    ),
    "002_": (
        "32 Member Officer Relations' Protocol",
        "CONTENTS",
        "Section Subject",
        "The Protocol",
        "Member Officer Relations Protocol",
    ),
    "003_": (
        "CAMBORNE TOWN COUNCIL",
        "MEMBER OFFICER PROTOCOL",
        "MODEL COUNCILLOR OFFICER PROTOCOL",
        "Contents",
    ),
    "004_": ("Protocol on Member Officer Relations",),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
@pytest.mark.parametrize("prefix", sorted(FURNITURE))
def test_every_line_of_every_seed_is_in_the_rules(prefix):
    """The other direction: nothing in a source is left out, bar contents, headings, furniture."""
    councils = seed_councils(prefix)
    assert councils, f"no council is encoded from seed {prefix}"
    rules = " ".join(" ".join(words(p.text)) for c in councils for p in c.paragraphs).lower()
    rules += " " + " ".join(" ".join(words(c.source.title)) for c in councils).lower()
    known_headings = headings(prefix)
    furniture = {" ".join(words(f)).lower() for f in FURNITURE[prefix]}
    [seed] = SEEDS.glob(f"{prefix}*.txt")
    missing = []
    lines = seed.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        said = " ".join(words(line)).lower()
        bare = LABEL.sub("", said)  # without its paragraph number or list label
        if number <= CONTENTS_END[prefix] or not bare or said in furniture:
            continue
        if bare in known_headings or said in known_headings or bare in rules:
            continue
        if any(bare.startswith(f"{h} ") and bare[len(h) + 1 :] in rules for h in known_headings):
            continue  # a heading with its paragraph's text on the same line
        missing.append(f"line {number}: {line.strip()[:80]}")
    assert not missing, f"{len(missing)} lines of {seed.name} are not in the rules:\n" + "\n".join(
        missing[:15]
    )
