"""Which block of a saved page is its main text: trafilatura's passes, checked against a second extractor.

trafilatura's default pass sometimes takes a block beside the text for it (a caption, a sidebar, the
comments, the whole page run into one paragraph). Its recall-favouring pass then often finds another text,
and its precision-favouring pass the article alone. Readability's scoring of the page (trafilatura ships a
port of it) is an independent opinion: when it agrees with the pass taken, nothing more is done (most
pages); when it does not, and it agrees with the precision pass instead, the two outvote the pass taken.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

import lxml.html
import trafilatura

try:  # trafilatura's port of Readability (in trafilatura since 1.x); without it no second opinion is asked
    from trafilatura.readability_lxml import Document as _Readability
except ImportError:  # pragma: no cover
    _Readability = None

AGREE = 0.6  # the share of the default pass's words the recall pass must hold for the two to agree
SAME = 0.8  # two extractions whose word bags overlap this much (F1) took the same block
ENOUGH = 40  # ... and one that outvotes another holds at least this many words (not a cookie notice)
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_PASSES = {"default": "its default pass", "recall": "its recall pass", "precision": "its precision pass"}


def extract(tree, page_url: str | None) -> tuple[str | None, str | None]:
    """trafilatura's main text of `tree` (prepared, consumed), as XML; and, when a pass other than the
    default one was taken, a line that says which and why (for --explain)."""
    options = dict(url=page_url, output_format="xml", include_links=True, include_formatting=True,
                   include_tables=True, include_comments=False, include_images=False, with_metadata=False,
                   deduplicate=False)
    untouched = copy.deepcopy(tree)  # the passes below change the tree they are given
    default = trafilatura.extract(copy.deepcopy(tree), **options)
    recall = trafilatura.extract(tree, favor_recall=True, **options)
    if not default or not recall:
        return default, None
    # When the recall pass only adds to the default's text, what it adds is furniture: the default stays.
    mine, theirs = _words(default), _words(recall)
    taken, name = (recall, "recall") if _shared(mine, theirs) < AGREE * sum(mine.values()) else (default, "default")
    note = (f"chose trafilatura's recall pass ({_count(theirs)} words) over its default pass ({_count(mine)} "
            "words): the two took different blocks") if name == "recall" else None
    opinion = _readability_words(copy.deepcopy(untouched))
    taken_words = _words(taken)
    if not opinion or _f1(taken_words, opinion) >= SAME:
        return taken, note
    precise = trafilatura.extract(untouched, favor_precision=True, **options)
    if not precise:
        return taken, note
    precise_words = _words(precise)
    if sum(precise_words.values()) >= ENOUGH and _f1(precise_words, opinion) >= SAME and \
            _f1(precise_words, taken_words) < SAME:
        return precise, (f"chose trafilatura's precision pass ({_count(precise_words)} words) over "
                         f"{_PASSES[name]} ({_count(taken_words)} words): Readability takes the same block")
    return taken, note


def _readability_words(tree) -> Counter:
    if _Readability is None:
        return Counter()
    try:
        summary = lxml.html.fromstring(_Readability(tree, min_text_length=25).summary())
    except Exception:  # its failure only means no second opinion  # noqa: BLE001
        return Counter()
    return Counter(_WORD.findall(summary.text_content().lower()))


def _words(markup: str) -> Counter:
    return Counter(_WORD.findall(re.sub(r"<[^>]*>", " ", markup).lower()))


def _shared(mine: Counter, theirs: Counter) -> int:
    return sum(min(count, theirs[word]) for word, count in mine.items())


def _f1(mine: Counter, theirs: Counter) -> float:
    total = sum(mine.values()) + sum(theirs.values())
    return 2 * _shared(mine, theirs) / total if total else 1.0


def _count(words: Counter) -> str:
    return f"{sum(words.values()):,}"
