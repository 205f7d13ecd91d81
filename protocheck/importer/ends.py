"""Where the text stops short: a paragraph cut off, the text ending mid-sentence.

Saved web pages and partial PDFs often hold only the opening of a protocol. A paragraph cut off
at "... as to bring" must not be quoted as if it were the whole rule, and a protocol held in
part must not be called silent on what the missing part covers."""

from __future__ import annotations

import re

from .classify import _BULLET, _DANGLING, _ITEM
from .drafts import _Para, _Sec

_FINISHED = re.compile(r"[.!?:;…](?:\s*-)?[\"'”’)\]]*$")


def cut_off_paragraphs(sections: list[_Sec], part_ends: list[_Para]) -> tuple[set[int], bool]:
    """The paragraphs (by id()) that stop short, and whether the text ends mid-sentence.

    The text's last paragraph, and the last before the numbering starts again, are cut off
    unless they end a sentence. Elsewhere only a line ending on a word that cannot end one
    (`of`, `the`, `and`, a hyphen) shows a cut: a list item or a heading-like line may well
    end without a full stop."""
    paragraphs = [p for s in sections for p in s.paragraphs if p.text()]
    if not paragraphs:
        return set(), False
    last = paragraphs[-1]
    ends_short = not _finished(last)
    cut = {id(last)} if ends_short else set()
    ends = {id(p) for p in part_ends}
    for para in paragraphs[:-1]:
        if (id(para) in ends and not _finished(para)) or _dangles(para):
            cut.add(id(para))
    return cut, ends_short


def _last_line(para: _Para) -> str:
    return para.text().rsplit("\n", 1)[-1].strip()


def _finished(para: _Para) -> bool:
    """Whether the paragraph ends as written. A list may end without a full stop (a list of
    background papers never has one): its last item is cut off only if the items before it
    are punctuated, or it stops on a word no sentence ends on."""
    line = _last_line(para)
    if _FINISHED.search(line):
        return True
    if not para.in_list():
        return False
    items = [str(item) for item in para.blocks[-1][1:-1]]
    punctuated = any(_FINISHED.search(item) for item in items)
    return not punctuated and not _DANGLING.search(line)


def _dangles(para: _Para) -> bool:
    line = _last_line(para)
    if _ITEM.match(line) or _BULLET.match(line) or len(line) < 40 or _FINISHED.search(line):
        return False
    return bool(_DANGLING.search(line))
