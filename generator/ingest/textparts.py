"""A text the page prints in parts: a box beside it (a side rail of teasers, a picture and its caption) stands
between two boxes of the same kind, each holding some of the text's paragraphs. trafilatura takes one of them."""

from __future__ import annotations

import lxml.html

from generator.ingest import furniture

PROSE_WORDS = 15  # a paragraph of prose has this many words (and ends as a sentence ends)
_PART_TAGS = {"div", "section", "article"}
# What stands between two parts written straight into their parent, not in a box: the text's own heading or
# paragraph. Joined, the parts would put it after them.
_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre", "table"}


def _prose(text: str) -> bool:
    return furniture.words(text) >= PROSE_WORDS and furniture.ends_sentence(text.rstrip())


def _reads_on(box) -> bool:
    """The second part goes on with the text: two paragraphs of prose or more, under half of their words in links.
    A box of the text's class under it holding one paragraph is a footer's note, a comment, a teaser; teasers
    are links."""
    paragraphs = [p for p in box.iter("p") if _prose(p.text_content())]
    words = sum(furniture.words(p.text_content()) for p in paragraphs)
    linked = sum(furniture.words(link.text_content()) for p in paragraphs for link in p.iter("a"))
    return len(paragraphs) >= 2 and 2 * linked < words


def _holding_prose(tree) -> set:
    """The elements that hold a paragraph of prose, found once: a box asked each time for each of its classes
    (a box of 1,000 classes, each another box's) walked its paragraphs again each time."""
    holders: set = set()
    for paragraph in tree.iter("p"):
        if not _prose(paragraph.text_content()):
            continue
        for ancestor in paragraph.iterancestors():
            if ancestor in holders:
                break  # (and so are its ancestors)
            holders.add(ancestor)
    return holders


def join(tree) -> None:
    """A text the page prints in two parts with a box between them (a side rail, a picture): two boxes of the same
    tag and class, the only two of their parent's children with that class, both holding paragraphs of prose
    and the second going on with the text (`_reads_on`), are one text: the second part joins the first (trafilatura took only one of them). What stands between stays
    where it was, after the text: a side rail's teasers are no part of it; a heading or a paragraph written
    between them is the text's own, and the parts stay apart. (Joining keeps who holds prose: the first part
    did, and gains only the second's.)"""
    prose = None  # found when a pair is first asked about: most pages have none
    reads_on: dict = {}
    for parent in list(tree.iter("div", "section", "article", "main", "td")):
        children = [child for child in parent if isinstance(child.tag, str)]
        holders: dict[str, list[int]] = {}  # a class name -> the places of the children that have it
        for place, child in enumerate(children):
            for name in set((child.get("class") or "").split()):
                holders.setdefault(name, []).append(place)
        pairs = {tuple(places) for places in holders.values() if len(places) == 2 and places[1] - places[0] > 1}
        blocks_before = [0]  # how many of the text's own blocks stand before each child (asked of each pair)
        for child in children:
            blocks_before.append(blocks_before[-1] + (child.tag in _TEXT_BLOCKS))
        for first, second in sorted(pairs):
            part, later = children[first], children[second]
            if part.tag != later.tag or part.tag not in _PART_TAGS or part.getparent() is None or \
                    later.getparent() is None or blocks_before[second] > blocks_before[first + 1]:
                continue
            prose = _holding_prose(tree) if prose is None else prose
            if part not in prose or later not in prose:
                continue
            if later not in reads_on:  # (a box of many classes is asked once)
                reads_on[later] = _reads_on(later)
            if not reads_on[later]:
                continue
            if (later.text or "").strip():
                part.append(lxml.html.Element("span"))
                part[-1].text = later.text
            part.extend(list(later))
            later.drop_tree()  # (its tail stays in the parent)
