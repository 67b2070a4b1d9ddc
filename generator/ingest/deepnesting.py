"""A page nested deeper than libxml2 builds (256 levels: 2,500 `<div>`s one inside the other), read again as a flat
page of its text's paragraphs.

libxml2 stops building the tree at that depth and drops the rest of the document, saying so only in its error
log: 2,500 nested `<div>`s each opening with a sentence imported 254 of them, with no warning. `huge_tree` only
moves the limit (to 2,048; 10,000 levels still lose the rest) and makes trafilatura, which recurses per level,
meet Python's own limit. The standard library's `html.parser` streams the tags with no depth limit: in one pass
the body becomes a page of paragraphs (each block tag ends one; headings stay headings), the tags inside them give
way to their text, and the furniture trafilatura drops with its text (scripts, styles, menus, asides) goes. The
extractor then reads that page as any other. Real pages nest at most 43 levels deep (of 1,020 corpus pages).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Where a paragraph of the flattened text ends.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# What trafilatura drops with its text (its MANUALLY_CLEANED, less what may hold the article's words: a `<form>`
# round the whole page, as ASP.NET writes it, is kept).
_UNREAD = frozenset({
    "applet", "aside", "button", "datalist", "embed", "footer", "head", "iframe", "math", "menu", "nav", "noscript",
    "object", "option", "script", "select", "style", "svg", "template", "textarea",
})
# A `<header>` outside these is the page's banner (its site name, slogan, menu), not a text's (HTML's rule for the
# banner landmark, roles too): trafilatura reads the text's box and leaves it out; the flat page has no box. Nor is
# one in a box named for a post (`<div class="post hentry">`, `id="entry-12"`: a blog theme's article, its headline,
# by-line and standfirst in a `<header>`).
_SECTIONS = frozenset({"article", "main", "section"})
_SECTION_ROLES = frozenset({"article", "main", "region"})
_POST_BOX = re.compile(r"(?<![a-z])(?:post|h?entry|article|story)(?![a-z])", re.I)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
# An open element that a start tag closes (HTML's optional end tags): the parser nests them no deeper.
_CLOSED_BY = {"p": _BLOCKS - {"br"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
              "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "option": {"option"}}
_DEPTH_LIMIT = re.compile(r"Excessive depth in document: (\d+)")


def depth_limit(error_log) -> int | None:
    """The depth at which libxml2 stopped building the tree, as its error log says; None if it built it all.
    ValueError for another of its limits (a text over 10,000,000 bytes): the rest of the page is lost too."""
    for entry in error_log:
        match = _DEPTH_LIMIT.search(entry.message or "")
        if match is not None:
            return int(match.group(1))
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise ValueError((entry.message or "").strip().removesuffix(", try XML_PARSE_HUGE"))
    return None


def flat(text: str) -> str:
    """`text`'s body as a page of flat paragraphs (and headings) of its text, in one pass; no head."""
    writer = _Writer()
    writer.feed(text)
    writer.close()
    writer.end_block()
    return "<html><body>" + "".join(writer.out) + "</body></html>"


def _is_section(tag: str, attrs) -> bool:
    if tag in _SECTIONS:
        return True
    if tag in ("html", "body"):  # (WordPress names the body of a post's page `single-post`)
        return False
    values = dict(attrs)
    return (values.get("role") or "").strip().lower() in _SECTION_ROLES or \
        _POST_BOX.search(f"{values.get('class') or ''} {values.get('id') or ''}") is not None


class _Writer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[str] = []  # the open elements' tags, outermost first
        self.counts: dict[str, int] = {}  # how many of each are open (an end tag with none open is skipped at once)
        self.sections: list[int] = []  # the depths of the open sections (a header in one is the text's)
        self.unread_at: int | None = None  # the depth of the furniture element being skipped, if any
        self.block: str | None = None  # the tag of the paragraph or heading being written, if one is open
        self.kind = "p"  # the tag of the next one

    def end_block(self) -> None:
        if self.block is not None:
            self.out.append(f"</{self.block}>")
            self.block = None

    def _text(self, text: str) -> None:
        if self.unread_at is not None or self.block is None and not text.strip():
            return
        if self.block is None:
            self.block = self.kind
            self.out.append(f"<{self.block}>")
        self.out.append(text)

    def _push(self, tag: str) -> None:
        self.open.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def _pop(self) -> None:
        tag = self.open.pop()
        self.counts[tag] -= 1
        if self.sections and self.sections[-1] > len(self.open):
            self.sections.pop()
        if self.unread_at is not None and len(self.open) <= self.unread_at:
            self.unread_at = None

    def handle_starttag(self, tag: str, attrs) -> None:
        while self.open and tag in _CLOSED_BY.get(self.open[-1], ()):
            self._pop()
        if self.unread_at is None:
            if (tag in _UNREAD or tag == "header" and not self.sections) and tag not in _VOID:
                self.unread_at = len(self.open)
            if tag in _BLOCKS or tag in _UNREAD:
                self.end_block()
                self.kind = tag if tag in _HEADINGS else "p"
        if tag not in _VOID:
            self._push(tag)
            if _is_section(tag, attrs):
                self.sections.append(len(self.open))

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self.unread_at is None and tag in _BLOCKS:
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if not self.counts.get(tag):  # a stray end tag: the parser skips it too
            return
        while self.open[-1] != tag:
            self._pop()
        self._pop()
        if tag in _BLOCKS:
            self.end_block()
            self.kind = "p"

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1] in ("script", "style")):  # their text comes raw, and is not read
            self._text(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")
