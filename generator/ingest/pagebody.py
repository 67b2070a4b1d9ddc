"""A page whose text is written straight into its `<body>` (a hand-written page: `<body><h1>…<p>…<h2>…<p>…`; a
page read flat, `deepnesting.py`): its run of headings and paragraphs is put in a `<main>`.

trafilatura looks for the text's box; finding none, it gathers the page's loose paragraphs, lists, quotes and
tables, and leaves out every heading: the text's sections ran together. In a `<main>` (the box HTML names for
the page's main content) it reads the run as a text, headings and all.
"""

from __future__ import annotations

import lxml.html

# What a text is written in: a run of these, straight in the body, is the text.
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table",
                          "figure", "hr", "br", "img"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PROSE_WORDS = 15  # a paragraph of prose has this many words
SHARE = 0.5  # the run holds at least this share of the words of the page's paragraphs


def wrap(tree) -> None:
    """The body's longest run of text blocks, when it holds a heading, a paragraph of prose and most of the page's
    paragraphs' words, into a `<main>`; not on a page that has a box of its own for the text (`<main>`, `<article>`,
    or one marked so, `role="main"`: trafilatura reads that box, and the run would be read in its place)."""
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None or next(iter(tree.iter("main", "article")), None) is not None:
        return
    runs, run = [], []
    for child in body:
        if isinstance(child.tag, str) and child.tag in _TEXT_BLOCKS:
            run.append(child)
            continue
        if not isinstance(child.tag, str) and not (child.tail or "").strip():
            continue  # a source comment between two paragraphs does not end the run
        runs.append(run)
        run = []
    runs.append(run)
    best = _without_trailing_headings(max(runs, key=lambda r: sum(len(e.text_content().split()) for e in r)))
    if not (any(e.tag in _HEADINGS for e in best) and
            any(e.tag == "p" and len(e.text_content().split()) >= PROSE_WORDS for e in best)):
        return
    if tree.xpath('boolean(//*[@role="main" or @role="article"])'):  # (last: it reads the whole tree)
        return
    # ... and it is the page's text, not a site's welcome over posts in boxes (their paragraphs would be left out)
    written = sum(len(p.text_content().split()) for e in best for p in e.iter("p"))
    if written < SHARE * sum(len(p.text_content().split()) for p in body.iter("p")):
        return
    main = lxml.html.Element("main")
    best[0].addprevious(main)
    for element in best:
        main.append(element)  # its tail (loose text after it) comes with it


def _without_trailing_headings(run: list) -> list:
    """The run less its last headings with no text under them: a footer or a side column written loose after the
    text (`<h3>About this site</h3><p>Kept by Jane</p><h4>Contact</h4>…`, `<h3>Recent posts</h3><ul>` of links) is
    not the text's last section. One of a paragraph of prose, or a list, table or quote not mostly links, stays."""
    end = len(run)  # (one pass from the end: a page may write thousands of short sections)
    for i in range(len(run) - 1, -1, -1):
        if _holds_text(run[i]):
            break
        if run[i].tag in _HEADINGS:
            end = i
    return run[:end]


def _holds_text(element) -> bool:
    words = len(element.text_content().split())
    if element.tag == "p":
        return words >= PROSE_WORDS
    if element.tag in _HEADINGS or element.tag in ("hr", "br", "img"):
        return False
    return words > 2 * sum(len(a.text_content().split()) for a in element.iter("a"))
