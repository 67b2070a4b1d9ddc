"""Which block of a saved page is its main text: trafilatura's passes, checked against a second extractor.

trafilatura's default pass sometimes takes a block beside the text for it (a caption, a sidebar, the
comments, the whole page run into one paragraph). Its recall-favouring pass then often finds another text,
and its precision-favouring pass the article alone. Readability's scoring of the page (trafilatura ships a
port of it) is an independent opinion: when it agrees with the pass taken, nothing more is done (most
pages); when it does not, and it agrees with the precision pass instead, the two outvote the pass taken
(and when it agrees with the recall pass where that only adds to the default's text, what it adds is text).
When Readability's block holds the text taken and more, the paragraphs of prose it adds are merged in
(trafilatura sometimes leaves out a paragraph set apart in its own box).
"""

from __future__ import annotations

import bisect
import copy
import re
from collections import Counter
from typing import NamedTuple

import lxml.html
import trafilatura

from generator.ingest import furniture

try:  # trafilatura's port of Readability (in trafilatura since 1.x); without it no second opinion is asked
    from trafilatura.readability_lxml import Document as _Readability
except ImportError:  # pragma: no cover
    _Readability = None

AGREE = 0.6  # the share of the default pass's words the recall pass must hold for the two to agree
SAME = 0.8  # two extractions whose word bags overlap this much (F1) took the same block
COVER = 0.95  # a block that holds this share of the text taken holds it all (a word or a caption aside)
PARAGRAPH_WORDS = 15  # a paragraph of prose it adds has this many words (and ends as a sentence ends)
ENOUGH = 40  # ... and one that outvotes another holds at least this many words (not a cookie notice)
PLACE_WORDS = 4  # a block of Readability's this long found in the text taken places what follows it (a shorter
# one, a name or "Read more", is found anywhere)
RUN_WORDS = 6  # a paragraph two of whose runs of this many words the text taken holds is the text's already (a
# shorter run is a phrase two paragraphs share)
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_PASSES = {"default": "its default pass", "recall": "its recall pass", "precision": "its precision pass"}


class Extraction(NamedTuple):
    xml: str | None  # trafilatura's main text, as XML
    note: str | None  # when a pass other than the default one was taken: which and why (for --explain)
    fuller: str | None  # Readability's block (as trafilatura's XML) when it holds the text taken and more


def extract(tree, page_url: str | None) -> Extraction:
    """trafilatura's main text of `tree` (prepared, consumed); see Extraction."""
    options = dict(url=page_url, output_format="xml", include_links=True, include_formatting=True,
                   include_tables=True, include_comments=False, include_images=False, with_metadata=False,
                   deduplicate=False)
    untouched = copy.deepcopy(tree)  # the passes below change the tree they are given
    default = trafilatura.extract(copy.deepcopy(tree), **options)
    recall = trafilatura.extract(tree, favor_recall=True, **options)
    if not default or not recall:
        return Extraction(default, None, None)
    # When the recall pass only adds to the default's text, what it adds is furniture: the default stays.
    mine, theirs = _words(default), _words(recall)
    taken, name = (recall, "recall") if _shared(mine, theirs) < AGREE * sum(mine.values()) else (default, "default")
    note = (f"chose trafilatura's recall pass ({_count(theirs)} words) over its default pass ({_count(mine)} "
            "words): the two took different blocks") if name == "recall" else None
    opinion, summary = _readability(copy.deepcopy(untouched))
    if not opinion:
        return Extraction(taken, note, None)
    if name == "default" and _f1(theirs, opinion) >= SAME and _f1(mine, opinion) < SAME:
        # ... unless Readability takes the block the recall pass took: then what it adds is text
        taken, name = recall, "recall"
        note = (f"chose trafilatura's recall pass ({_count(theirs)} words) over its default pass ({_count(mine)} "
                "words): Readability takes the same block")
    taken_words = _words(taken)
    if _f1(taken_words, opinion) < SAME:
        precise = trafilatura.extract(untouched, favor_precision=True, **options)
        precise_words = _words(precise or "")
        if sum(precise_words.values()) >= ENOUGH and _f1(precise_words, opinion) >= SAME and \
                _f1(precise_words, taken_words) < SAME:
            return Extraction(precise, f"chose trafilatura's precision pass ({_count(precise_words)} words) over "
                              f"{_PASSES[name]} ({_count(taken_words)} words): Readability takes the same block", None)
    shared = _shared(taken_words, opinion)
    fuller = None
    if shared >= COVER * sum(taken_words.values()) and sum(opinion.values()) - shared >= PARAGRAPH_WORDS:
        fuller = trafilatura.extract(f"<html><body>{summary}</body></html>", **options)
    return Extraction(taken, note, fuller)


def merge(taken: str, fuller: str) -> tuple[str, str | None]:
    """The Markdown text taken, with the paragraphs of prose that Readability's fuller block adds to it, in
    their place (trafilatura sometimes leaves out a paragraph of the text, set apart in its own box); and a
    line for --explain when any was added. Only paragraphs: the lists, captions and headings it adds stay out."""
    mine = [block for block in taken.split("\n\n") if block.strip()]
    theirs = [block for block in fuller.split("\n\n") if block.strip()]
    in_theirs, in_mine = set(theirs), set(mine)
    if sum(furniture.words(b) for b in mine if b in in_theirs) < COVER * sum(furniture.words(b) for b in mine):
        return _merge_by_words(taken, mine, theirs)  # the blocks are cut otherwise (a link or a box splits one)
    merged = [b for b in theirs if b in in_mine or _is_paragraph(b)]
    added = [b for b in merged if b not in in_mine]
    if not added:
        return taken, None
    for index, block in enumerate(mine):  # the text's own blocks Readability has not: after their predecessor
        if block not in in_theirs:
            merged.insert(merged.index(mine[index - 1]) + 1 if index else 0, block)
    return "\n\n".join(merged), (f"added {len(added)} paragraph{'s' * (len(added) > 1)} of Readability's block "
                                   f"that trafilatura left out: {_plain(added[0])}")


def _merge_by_words(taken: str, mine: list[str], theirs: list[str]) -> tuple[str, str | None]:
    """`merge` when the two cut the text into other blocks: a paragraph of prose of theirs whose words the
    text taken does not hold goes after the block of the text taken that holds the last of theirs before it."""
    keys = [" ".join(_WORD.findall(_plain(block).lower())) for block in mine]
    text, ends = " ", []  # each word between spaces: a block is found by whole words ("art of", not "start of")
    for key in keys:
        text += key + " "
        ends.append(len(text))
    # the text's runs of words, to look a block up in before the text is searched: a long page (a forum's thread)
    # has thousands of blocks, and searching all of its text for each was quadratic
    tokens = text.split(" ")
    starts, runs = ({" ".join(tokens[k:k + n]) for k in range(len(tokens) - n + 1)} for n in (PLACE_WORDS, RUN_WORDS))
    after: dict[int, list[str]] = {}
    place = -1  # the block of the text taken after which what is added goes; nothing goes before its first block
    # (what Readability keeps above the text is a caption, the headline, a by-line: the text's start left them out)
    for block in theirs:
        key = " ".join(_WORD.findall(_plain(block).lower()))
        words = key.split()
        found = -1
        if len(words) >= PLACE_WORDS and " ".join(words[:PLACE_WORDS]) in starts:
            # looked for from the block found last on (a heading echoes words above it)
            start = ends[place - 1] - 1 if place > 0 else 0
            found = text.find(f" {key} ", start)
            found = found if found >= 0 else text.find(f" {key} ", 0, start + len(key) + 1)
        if found >= 0:
            place = bisect.bisect_left(ends, found + len(key) + 2)  # the block where it ends
        elif place >= 0 and _is_paragraph(block) and not _runs_held(words, text, runs):
            after.setdefault(place, []).append(block)
    if not after:
        return taken, None
    merged = [b for index, block in enumerate(mine) for b in (block, *after.get(index, []))]
    added = [b for blocks in after.values() for b in blocks]
    return "\n\n".join(merged), (f"added {len(added)} paragraph{'s' * (len(added) > 1)} of Readability's block "
                                   f"that trafilatura left out: {_plain(added[0])}")


def _runs_held(words: list[str], text: str, runs: set[str]) -> bool:
    """Whether the text holds two runs of the paragraph's words (of its start, middle and end): then it holds the
    paragraph, written otherwise (a link's edge without its space, a box between two of its lines). `runs`: the
    text's runs of RUN_WORDS words."""
    middle = max(0, len(words) // 2 - RUN_WORDS // 2)
    return sum((" ".join(run) in runs) if len(run) == RUN_WORDS else f" {' '.join(run)} " in text for run in
               (words[:RUN_WORDS], words[middle:middle + RUN_WORDS], words[-RUN_WORDS:])) >= 2


def _is_paragraph(block: str) -> bool:
    """A paragraph of prose; not a list, a heading, a table, nor a teaser that ends in its link or a "…"."""
    if re.match(r"\s*(?:[-*+>#|]|```|\d+[.)]\s)", block) or _ends_in_link(block) or block.rstrip().endswith(("...", "…")):
        return False
    plain = _plain(block)
    return furniture.ends_sentence(plain) and furniture.words(plain) >= PARAGRAPH_WORDS


def _ends_in_link(block: str) -> bool:
    """Ends in a link's address, `](…)`: found from the end (a pattern tried from each "](" of a long line that
    has no ")" after them is quadratic)."""
    end = block.rstrip()
    start = end.rfind("](", 0, len(end) - 1)
    return end.endswith(")") and start >= 0 and ")" not in end[start + 2:-1]


def _plain(block: str) -> str:
    return re.sub(r"[*_`\\]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)).strip()


def _readability(tree) -> tuple[Counter, str]:
    """Readability's words of the page, and its block (HTML)."""
    if _Readability is None:
        return Counter(), ""
    try:
        summary = _Readability(tree, min_text_length=25).summary()
        words = Counter(_WORD.findall(lxml.html.fromstring(summary).text_content().lower()))
    except Exception:  # its failure only means no second opinion  # noqa: BLE001
        return Counter(), ""
    return words, summary


def _words(markup: str) -> Counter:
    return Counter(_WORD.findall(re.sub(r"<[^>]*>", " ", markup).lower()))


def _shared(mine: Counter, theirs: Counter) -> int:
    return sum(min(count, theirs[word]) for word, count in mine.items())


def _f1(mine: Counter, theirs: Counter) -> float:
    total = sum(mine.values()) + sum(theirs.values())
    return 2 * _shared(mine, theirs) / total if total else 1.0


def _count(words: Counter) -> str:
    return f"{sum(words.values()):,}"
