"""The shipped rules: checked by the project's own lint, and quoted verbatim from the seeds."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import RULES, SEEDS

from protocheck.library import council_dirs
from protocheck.loader import load_council

FOLDERS = council_dirs([RULES])


def test_protocheck_lint_passes_on_every_shipped_council(cli):
    result = cli("lint", str(RULES))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("ok  ") == len(FOLDERS) >= 1


def words(text: str) -> list[str]:
    """Words only, so PDF noise (bold markers, dashes, line breaks) does not count."""
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
    "cjc": "004_",
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_paragraph_is_quoted_verbatim_from_its_seed(folder):
    council = load_council(folder)
    [seed] = SEEDS.glob(f"{SEED_OF[council.slug]}*.txt")
    source = " ".join(words(seed.read_text(encoding="utf-8")))
    for paragraph in council.paragraphs:
        quoted = " ".join(words(paragraph.text))
        assert quoted in source, f"{council.slug} {paragraph.ref} is not verbatim from {seed.name}"
