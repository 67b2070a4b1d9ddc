"""A paragraph's inline markup that the extractor or Markdown would print wrong: a space between two inline elements
(trafilatura drops a tail that is only a space), emphasis an editor wrote in two (Markdown prints its marks) and a
line break that ends an inline element (trafilatura drops the rest of the paragraph after it)."""

from __future__ import annotations

INLINE_TAGS = {"a", "span", "em", "strong", "b", "i", "u", "br", "font", "img", "sup", "sub", "small", "abbr", "code",
               "cite", "q", "mark", "time", "wbr", "big", "s", "strike", "del", "ins"}


_SPACED = ("a", "span", "em", "strong", "b", "i", "u", "font", "small", "cite", "code")


def keep_spaces(tree) -> None:
    """trafilatura drops a tail that is only a space (`<b>Note:</b> <a>…</a>`, `<a><em>Title</em> </a>is`): the
    words on either side ran together. The space moves into the text that follows it."""
    # (iter, not an XPath: libxml2 reads `//body//*[self::a or …]` in quadratic time on a box of thousands of them)
    for element in (e for body in tree.getroottree().iter("body") for e in body.iter(*_SPACED)):
        if not element.tail or not element.tail.isspace():
            continue
        after = element.getnext()
        while after is not None and isinstance(after.tag, str) and after.tag in INLINE_TAGS and not after.text and \
                len(after) and isinstance(after[0].tag, str) and next(element.iterancestors("pre"), None) is None:
            if after[0].tag == "img" and after[0].tail and not after[0].tail.isspace():
                # `</em> <a><img>HBO</a>`: the words start after a picture (the extractor leaves it out)
                if not after[0].tail[0].isspace():
                    after[0].tail = " " + after[0].tail
                break
            after = after[0]  # `</em> <a><em>HBO Go</em></a>`: the words start inside (code keeps its spaces)
        if after is not None:
            if isinstance(after.tag, str) and after.tag in INLINE_TAGS and after.text and not after.text[0].isspace():
                after.text = " " + after.text
        elif element.getparent().tag in INLINE_TAGS:
            parent = element.getparent()
            if parent.tail and not parent.tail[0].isspace():
                parent.tail = " " + parent.tail


_EMPHASIS = ("em", "i", "strong", "b")
_MARK = {"em": "*", "i": "*", "strong": "**", "b": "**"}  # what Markdown writes for each: `<i>b</i><em>y</em>` is one


def join_split_emphasis(tree) -> None:
    """`<em>b</em><em>y Your Name</em>` (an editor's leftover) is one emphasis: written as two, Markdown's `*b**y …*`
    printed its asterisks. So is `<b>b</b><strong>y …</strong>`, which Markdown writes alike; not two of other
    attributes (a by-line's and a date's classes)."""
    for element in list(tree.iter(*_EMPHASIS)):
        after = element.getnext()
        while after is not None and _MARK.get(after.tag) == _MARK[element.tag] and not element.tail and \
                after.attrib == element.attrib and not any(  # not over a line break: lines apart
                    inner.tag == "br" for pair in (element, after) for inner in pair.iter("br")):
            if len(element):
                element[-1].tail = (element[-1].tail or "") + (after.text or "")
            else:
                element.text = (element.text or "") + (after.text or "")
            element.extend(list(after))
            element.tail = after.tail
            element.getparent().remove(after)
            after = element.getnext()


def hoist_closing_breaks(tree) -> None:
    """`<em>one<br></em><em>two</em> now`: trafilatura ends the paragraph at a line break that closes an inline
    element, and the rest of it ("two now", and every sentence after) was lost. The break moves out after the element
    (out of each element it closes), where the extractor reads on after it."""
    for br in list(tree.iter("br")):
        parent = br.getparent()
        if parent is None or parent.tag not in _EMPHASIS or br.getnext() is not None or (br.tail or "").strip() \
                or not _goes_on(parent):
            continue
        while parent is not None and parent.tag in INLINE_TAGS and br.getnext() is None and not (br.tail or "").strip() \
                and parent.getparent() is not None:
            br.tail, parent.tail = parent.tail, None  # (the text after the element now follows the break)
            parent.addnext(br)
            parent = br.getparent()


def _goes_on(element) -> bool:
    """The paragraph goes on after `element`: words follow it, loose or in an inline element."""
    after = element.getnext()
    return bool((element.tail or "").strip()) or (after is not None and isinstance(after.tag, str) and
                                                  after.tag in INLINE_TAGS and bool(after.text_content().strip()))
