"""A text the page prints in parts: a box beside it (a side rail of teasers, a picture and its caption) stands
between two boxes of the same kind, each holding some of the text's paragraphs. trafilatura takes one of them."""

from __future__ import annotations

import lxml.html

from generator.ingest import furniture

PROSE_WORDS = 15  # a paragraph of prose has this many words (and ends as a sentence ends)


def _prose_paragraphs(box) -> bool:
    return any(furniture.words(text := p.text_content()) >= PROSE_WORDS and text.rstrip()[-1:] in furniture.TERMINAL
               for p in box.iter("p"))


def join(tree) -> None:
    """A text the page prints in two parts with a box between them (a side rail, a picture): two boxes of the same
    tag and class, the only two of their parent's children with that class, both holding paragraphs of prose,
    are one text: the second part joins the first (trafilatura took only one of them). What stands between stays
    where it was, after the text: a side rail's teasers are no part of it."""
    for parent in list(tree.iter("div", "section", "article", "main", "td")):
        children = [child for child in parent if isinstance(child.tag, str)]
        holders: dict[str, list[int]] = {}  # a class name -> the places of the children that have it
        for place, child in enumerate(children):
            for name in set((child.get("class") or "").split()):
                holders.setdefault(name, []).append(place)
        pairs = {tuple(places) for places in holders.values() if len(places) == 2 and places[1] - places[0] > 1}
        for first, second in sorted(pairs):
            part, later = children[first], children[second]
            if part.tag != later.tag or part.tag not in _PART_TAGS or part.getparent() is None or \
                    later.getparent() is None or not _prose_paragraphs(part) or not _prose_paragraphs(later):
                continue
            if (later.text or "").strip():
                part.append(lxml.html.Element("span"))
                part[-1].text = later.text
            part.extend(list(later))
            later.drop_tree()  # (its tail stays in the parent)


_PART_TAGS = {"div", "section", "article"}
