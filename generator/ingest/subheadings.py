"""Subheadings the extractor left out between two paragraphs of the text it kept.

When trafilatura finds no box it knows for the text, it gathers the page's paragraphs one by one (its "wild text"
pass), and headings are not among what it gathers: a story's subheadings, printed between its paragraphs (a portal's
`<h1>` per section, a blog's `<h3>`s), were lost while the paragraphs on either side stayed. A heading printed between
two paragraphs that the text holds one after the other goes back between them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.ingest import bodyblocks, extracted

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WORD = re.compile(r"[^\W_]+")
_PASSED = ("img", "br", "picture", "figure")  # what may stand between a heading and its paragraphs (a picture)


class Subheading(NamedTuple):
    level: int
    text: str
    before: str  # the words of the paragraph over it, and of the one under it (keys)
    after: str


def between_paragraphs(tree) -> list[Subheading]:
    """The headings of the page (prepared, before the extractor consumes it) printed between two paragraphs: the
    elements beside them are `<p>`s, pictures, breaks and empty paragraphs aside."""
    found = []
    for heading in tree.iter(*_HEADINGS):
        text = " ".join(heading.text_content().split())
        over, under = _beside(heading, -1), _beside(heading, 1)
        if text and over is not None and under is not None and over.tag == "p" and under.tag == "p":
            found.append(Subheading(int(heading.tag[1]), text, _key(over.text_content()), _key(under.text_content())))
    return found


def restore(markdown: str, subheadings: list[Subheading]) -> tuple[str, list[str]]:
    """The Markdown text with each subheading that it lacks put back between its two paragraphs, where the text holds
    them one after the other; and the subheadings put back."""
    if not subheadings:
        return markdown, []
    blocks = markdown.split("\n\n")
    keys = [_key(bodyblocks.text_of(block)) for block in blocks]
    held = set(keys)
    at = {}  # the key of a paragraph -> its index (the first, when a paragraph is printed twice)
    for index, key in enumerate(keys):
        at.setdefault(key, index)
    after: dict[int, str] = {}
    for heading in subheadings:
        key = _key(heading.text)
        index = at.get(heading.before)
        if not key or key in held or not heading.before or index is None or index + 1 >= len(blocks) or \
                keys[index + 1] != heading.after or index in after:
            continue
        after[index] = f"{'#' * min(max(heading.level, 2), 6)} {extracted.literal_start(extracted.escape(heading.text))}"
    if not after:
        return markdown, []
    merged = [b for index, block in enumerate(blocks) for b in (block, *([after[index]] if index in after else []))]
    return "\n\n".join(merged), [after[index].lstrip("# ") for index in sorted(after)]


def _beside(element, step: int):
    """The element over (step -1) or under (1) `element`, pictures, breaks and empty paragraphs passed over; None when
    text stands between them."""
    if step > 0 and (element.tail or "").strip():
        return None
    sibling = element.getprevious() if step < 0 else element.getnext()
    while sibling is not None:
        if step < 0 and (sibling.tail or "").strip():
            return None  # loose text between: the heading is not between those two
        if isinstance(sibling.tag, str) and not (sibling.tag in _PASSED or (
                sibling.tag == "p" and not len(sibling) and not sibling.text_content().strip())):
            return sibling
        if step > 0 and (sibling.tail or "").strip():
            return None
        sibling = sibling.getprevious() if step < 0 else sibling.getnext()
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))

