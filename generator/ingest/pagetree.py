"""A saved page's tree made ready for trafilatura: what is not the article goes (comment threads, by-line,
standfirst and print-only boxes, what the page does not show), and what its markup hides of the text's blocks is
undone (layout tables, `<br><br>` breaks, loose text in a div, a text printed in two parts; inline markup that
would print wrong, `inlinemarks.py`)."""

from __future__ import annotations

import re
import unicodedata

import lxml.html

from generator.ingest import furniture, inlinemarks, layouttables, pagebody, textparts

# Class or id names of the parts of an article page that are about the article, not of it.
_FURNITURE = re.compile(
    r"^(?:comments?|comment-?(?:list|area|section|s-?wrapper|s-?container)|discussion|disqus\w*|respond|replies|"
    r"(?:[\w-]*[_-])?(?:byline|bylines|author|authors|autore|autor|autora|auteur|verfasser|firma|dateline|fecha|datum|"
    r"timestamp)(?:[_-]+\w+)?)$", re.I)


# The box of an article's own text.
_ARTICLE_TEXT = re.compile(r"(?i)^(?:entry|post|article|story)[-_]?(?:body|content|text)$")


# A box of readers' comments ("comments", "commentlist", "disqus_thread"), whatever its size; not a post
# marked as having some ("commented": Kinja marks the article itself so), nor a commentary.
_COMMENT_BOX = re.compile(r"(?i)^(?:comment|discussion|disqus)(?!ed$|ary)")


# ... and of the standfirst above it (only before the first real paragraph: later it is a subheading).
_STANDFIRST = re.compile(
    r"^(?:[\w-]*[_-])?(?:standfirst|dek|sub-?title|sub-?headline|summary|sommario|bajada|sottotitolo|occhiello|vorspann|"
    r"entradilla|chapo|chapeau|kicker|eyebrow)(?:[_-]+\w+)?$", re.I)


# ... and of what a page shows only on paper (a reprint notice in the printed header and footer); small
# ones only: "print-only" also marks the article itself as the part to print.
_PRINT_ONLY = re.compile(r"(?i)^(?:print(?:er)?[-_]?(?:only|summary|header|footer|data)|pf[-_]?(?:header|footer))$")


# A wiki's link to edit a section, printed beside each heading ("[edit]", "[编辑]"): MediaWiki's class for it.
_EDIT_LINK = "mw-editsection"


def _names(element) -> list[str]:
    return (element.get("class") or "").split() + (element.get("id") or "").split()


def _small(element) -> bool:
    """Small enough to be a by-line or a standfirst box, and not the box of the article's own text (Typepad
    names a post "entry-author-<name>")."""
    return len(element.xpath(".//p")) <= 2 and len(element.text_content()) < 600 and not any(
        _ARTICLE_TEXT.match(name) for inner in element.iter() if isinstance(inner.tag, str) for name in _names(inner))


def _drop_furniture(tree) -> None:
    before_text = True
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body") or element.getparent() is None:
            continue
        if element.tag == "p" and len(element.text_content().split()) >= 20:
            before_text = False
        names = _names(element)
        if _EDIT_LINK in names or any(_COMMENT_BOX.match(n) for n in names) or (
                any(_FURNITURE.match(n) or _PRINT_ONLY.match(n) for n in names) and _small(element)) or (
                before_text and any(_STANDFIRST.match(n) for n in names) and _small(element)):
            element.drop_tree()


# A heading that opens the readers' comments: it and all that follows it in its block go.
# ("Response" alone is a section of a text about HTTP: only "Responses", "1 Response" open a thread.)
_COMMENTS_HEADING = re.compile(
    r"(?i)^(?:\d+\s+)?(?:reader\s+|user\s+)?(?:comments?|responses|replies|discussion|kommentare?|commentaires?|"
    r"comentarios?|commenti|reacties)(?:\s*\(\d+\))?(?:\s*:)?$|^\d+\s+response$|"
    r"^(?:post|leave|add|write)\s+a\s+(?:comment|reply)$")


def _drop_comment_threads(tree) -> None:
    words = 0
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag == "p":
            words += len(element.text_content().split())
        if element.tag not in ("h2", "h3", "h4") or words < 50 or element.getparent() is None:
            continue
        text = " ".join(element.text_content().split())
        if _COMMENTS_HEADING.match(text) or any(re.match(r"(?i)^comments?$", n) for n in _names(element)):
            for sibling in list(element.itersiblings()):
                sibling.drop_tree()
            element.drop_tree()


_HIDDEN_STYLE = re.compile(r"(?i)(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b")
HIDDEN_SHARE = 0.5  # a hidden box holding this share of the page's text is the text (a script shows it)
PROSE_WORDS = 15  # a paragraph of prose has this many words


def _drop_hidden(tree) -> None:
    """What the page does not show (`style="display:none"`, `hidden`): a slideshow's other slides and
    captions, a menu, a newsletter box. Not when the page hides its text itself, for a script to show it
    a part at a time (more paragraphs of prose hidden than shown), nor a box that holds most of the page's text."""
    body = tree.find("body")
    body = body if body is not None else tree
    hidden = [element for element in body.iter() if isinstance(element.tag, str) and (
        element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or ""))]
    marked = set(hidden)
    hidden = [element for element in hidden if not any(a in marked for a in element.iterancestors())]
    if not hidden:
        return
    in_hidden = {p for element in hidden for p in element.iter("p")}
    prose = [(p in in_hidden, len(p.text_content().split())) for p in body.iter("p")]
    if sum(n for shut, n in prose if shut and n >= PROSE_WORDS) > sum(n for shut, n in prose if not shut and n >= PROSE_WORDS):
        return
    total = len(body.text_content())
    for element in hidden:
        if element.getparent() is not None and len(element.text_content()) < HIDDEN_SHARE * total:
            element.drop_tree()


def prepare(tree) -> None:
    """Undo page furniture that hides the text: layout tables become blocks, `<br><br>` a paragraph
    break; comment threads, standfirsts and by-line boxes go."""
    _drop_hidden(tree)
    inlinemarks.hoist_closing_breaks(tree)
    inlinemarks.join_split_emphasis(tree)
    inlinemarks.keep_spaces(tree)
    _drop_comment_threads(tree)
    _drop_furniture(tree)
    layouttables.unlayout(tree)
    parents = {br.getparent() for br in tree.getroottree().iter("br") if _next_element_is_br(br)}
    for parent in sorted(parents, key=lambda e: -len(list(e.iterancestors()))):
        if parent is not None:
            _split_at_double_breaks(parent)
    _loose_divs_to_paragraphs(tree)
    _loose_runs_to_paragraphs(tree)
    textparts.join(tree)
    pagebody.wrap(tree)


def _next_element_is_br(br) -> bool:
    """`following-sibling::*[1][self::br]`, in constant time (libxml2 reads every following sibling: a flood of
    `<br>`s took quadratic time)."""
    after = br.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()  # a comment or processing instruction is no element
    return after is not None and after.tag == "br"


LOOSE_PROSE_WORDS = 40  # ... when it is this long: a teaser's line or a caption is shorter


def _loose_divs_to_paragraphs(tree) -> None:
    """A `<div>` written straight into with text and links is a paragraph: trafilatura keeps only the words
    after its first link (it reads a div's own text only when divs hold the page's text). In a box of no `<p>`
    (a page pasted into its editor a line to a div) its other divs of text are then paragraphs too: trafilatura,
    finding a paragraph there, dropped the short lines beside it."""
    hosts = []
    for div in tree.iter("div"):
        if (div.text or "").strip() and _holds_only_inline(div) and len(div.text_content().split()) >= LOOSE_PROSE_WORDS:
            paragraph = lxml.html.Element("p")
            paragraph.text, div.text = div.text, None
            paragraph.extend(list(div))
            div.append(paragraph)
            hosts.append(div.getparent())
    for host in dict.fromkeys(hosts):
        if host is not None and not any(child.tag == "p" for child in host):
            _divs_of_text_to_paragraphs(list(host))


_RUN_HOSTS = {"div", "blockquote", "section", "article", "main", "td", "th", "dd", "center"}
# ... and a <font> that holds blocks: old pages wrap their whole text in one, and a stray end tag (`<span><p>…</span>`
# pasted from Word) or an advertisement's table in a paragraph leaves the rest of the paragraph loose in it
_FONT_HOST = "font"
LOOSE_RUN_WORDS = 40  # a run of loose text beside blocks is a paragraph when it is this long and ends as a sentence


def _loose_runs_to_paragraphs(tree) -> None:
    """Prose written straight into a box beside its blocks (`<blockquote>Text …<p>More …</p>`, `</p>Text …<p>`,
    `<div><img></div>Text <a>…</a> text`) is a paragraph: trafilatura leaves such a run out when the box holds
    paragraphs, and keeps only the words after each of its links when the box holds none. Not a run without a
    link in a box of loose text and divs: trafilatura reads those (a Chinese portal's text)."""
    holders, enclosed = _block_holders(tree), _enclosed_hosts(tree)
    for host in list(tree.iter(*_RUN_HOSTS, _FONT_HOST)):
        if host in enclosed:
            continue  # a paragraph there would be one in a paragraph, or in code
        children = list(host)
        if host.tag == _FONT_HOST and not any(_is_block(c) for c in children):
            continue  # a font of inline text is part of a run of its box
        wrapped, paragraphs = False, any(c.tag == "p" for c in children)
        followed = _followed_by_a_paragraph(children) if host.tag == _FONT_HOST else set()
        for before, inline in _runs(host, holders.__contains__):
            if not inline and len(((host.text if before is None else before.tail) or "").strip()) < LOOSE_RUN_WORDS:
                continue  # (most runs are the blank between two blocks: no words to count)
            whole = _run_text(host, before, inline)
            if len(whole) < LOOSE_RUN_WORDS:
                continue
            links, count = _link_words(inline), furniture.words(whole)
            if count < LOOSE_RUN_WORDS or not furniture.ends_sentence(_seen(whole)) or links > count / 2 or \
                    not (paragraphs or links) or (host.tag == _FONT_HOST and before not in followed and
                                                   not _rest_of_paragraph(before)):
                continue
            _wrap(host, before, inline)
            wrapped = True
        if wrapped and not paragraphs:
            _divs_of_text_to_paragraphs(children)


def _followed_by_a_paragraph(children) -> set:
    """The children of a `<font>` (and None, for its text) that a `<p>` follows: a run after one of them is among the
    text's paragraphs. A font wraps an old page's whole text, and its footer with it: a site's blurb loose in the font
    after the last paragraph is no text, unless it is the rest of a paragraph cut short."""
    followed, seen = set(), False
    for child in reversed(children):
        if seen:
            followed.add(child)
        seen = seen or child.tag == "p"
    return followed | ({None} if seen else set())


def _rest_of_paragraph(before) -> bool:
    """The `<p>` over the run (or in the inline element over it: `<span><p>…</span>`, a Word paste's stray end tag),
    past the advertisement's boxes that broke it, does not end as a sentence."""
    while before is not None and not (isinstance(before.tag, str) and (
            before.tag == "p" or before.xpath(".//p") or _visible_words(before))):
        before = before.getprevious()  # an advertisement's table or frame, the source's comments around it
    if before is None:
        return False
    paragraph = before if before.tag == "p" else (before.xpath(".//p") or [None])[-1]
    text = _seen(" ".join(paragraph.text_content().split())) if paragraph is not None else ""
    return bool(text) and not furniture.ends_sentence(text)


def _visible_words(element) -> bool:
    return any(t.strip() for t in element.xpath(
        ".//text()[not(ancestor::iframe or ancestor::script or ancestor::noscript or ancestor::style)]"))


def _seen(text: str) -> str:
    """The text up to the last character a reader sees: not a private-use one (a legacy encoding's glyph of a font of
    its own, which may follow a sentence's end), a format character or a space."""
    end = len(text)
    while end and unicodedata.category(text[end - 1]) in ("Co", "Cf", "Zs", "Cc"):
        end -= 1
    return text[:end]


def _divs_of_text_to_paragraphs(children) -> None:
    """A box's other paragraphs that are divs of text (not mostly links) become paragraphs: trafilatura, finding a
    paragraph in the box now, reads only those."""
    for child in children:
        if child.tag == "div" and _holds_only_inline(child) and child.text_content().strip() and \
                _link_words([child]) <= furniture.words(child.text_content()) / 2:
            child.tag = "p"


def _runs(host, holds_block) -> list[tuple]:
    """The runs of loose text and inline elements between `host`'s blocks: (the block it follows or None, its inline
    elements). An inline element that holds a block (`holds_block`: `<span><div>…</div></span>`) ends a run like a
    block: a `<p>` around it would put a paragraph in a paragraph, which trafilatura reads out of order."""
    runs, run, before = [], [], None
    for child in host:
        if _is_block(child) or holds_block(child):
            runs.append((before, run))
            before, run = child, []
        else:
            run.append(child)
    return [*runs, (before, run)]


def _run_text(host, before, inline) -> str:
    text = (host.text if before is None else before.tail) or ""
    return " ".join((text + "".join((c.text_content() if isinstance(c.tag, str) else "") + (c.tail or "")
                                    for c in inline)).split())


def _wrap(host, before, inline) -> None:
    """The run after `before` (or first) in `host` becomes a `<p>`, in its place."""
    paragraph = lxml.html.Element("p")
    if before is None:
        paragraph.text, host.text = host.text, None
        host.insert(0, paragraph)
    else:
        paragraph.text, before.tail = before.tail, None
        before.addnext(paragraph)
    paragraph.extend(inline)


def _is_block(element) -> bool:
    """Not an inline element, nor a comment or processing instruction (their tag is no string: their tail is the
    run's text)."""
    return isinstance(element.tag, str) and element.tag not in inlinemarks.INLINE_TAGS


def _holds_only_inline(element) -> bool:
    return not any(_is_block(c) for c in element)


# The blocks trafilatura reads as such: an element that holds one is no paragraph (nor can be put in one).
_BLOCK_TAGS = ("div", "p", "table", "ul", "ol", "h1", "h2", "h3", "blockquote")
_BLOCKS_INSIDE = " | ".join(f".//{tag}" for tag in _BLOCK_TAGS)
# ... and those a run's paragraph may be put in: no run beside an inline element that holds one is put in a paragraph
_WRAP_BREAKING = tuple(sorted({*_BLOCK_TAGS, *_RUN_HOSTS}))


def _block_holders(tree) -> set:
    """The elements that hold a block (one of _WRAP_BREAKING), in one pass over `tree` (a page, or a paragraph that
    a double break made): asking each inline element would read a deep page's subtrees once per level."""
    holders: set = set()
    for block in tree.iter(*_WRAP_BREAKING):
        for ancestor in block.iterancestors():
            if ancestor in holders:
                break  # and so are all above it
            holders.add(ancestor)
    return holders


def _enclosed_hosts(tree) -> set:
    """The boxes inside a `<p>` or a `<pre>`, each read once (a `<p>` in a `<p>` is in the set already)."""
    enclosed: set = set()
    for outer in tree.iter("p", "pre"):
        if outer not in enclosed:
            enclosed.update(element for element in outer.iter(*_RUN_HOSTS, _FONT_HOST, "p", "pre")
                            if element is not outer)
    return enclosed


def _link_words(elements) -> int:
    return sum(furniture.words(a.text_content()) for c in elements if isinstance(c.tag, str) for a in c.iter("a"))


def _split_at_double_breaks(parent) -> None:
    """`text<br><br>text` inside one element: one paragraph per run of text (in a `<p>`, the `<p>` becomes a
    `<div>`: trafilatura reads a paragraph inside a paragraph out of order, or not at all)."""
    children = list(parent)
    paragraph = lxml.html.Element("p")
    paragraph.text, parent.text = parent.text, None
    paragraphs = [paragraph]
    index = 0
    while index < len(children):
        child = children[index]
        if (child.tag == "br" and index + 1 < len(children) and children[index + 1].tag == "br"
                and not (child.tail or "").strip()):
            index += 1
            while index + 1 < len(children) and children[index + 1].tag == "br" and not (children[index].tail or "").strip():
                index += 1
            paragraph = lxml.html.Element("p")
            paragraph.text = children[index].tail
            paragraphs.append(paragraph)
            index += 1
            continue
        paragraph.append(child)
        index += 1
    for leftover in list(parent):
        parent.remove(leftover)
    if parent.tag in ("p", "font", "span", "b", "i", "em", "strong", "small", "big", "center", "a", "td", "th"):
        parent.tag = "div"
    for paragraph in paragraphs:
        for empty in [p for p in paragraph.iter("p") if p is not paragraph and not len(p) and not p.text_content().strip()]:
            empty.drop_tree()  # an editor's empty <p></p> in a run is no block beside its sentences (its tail stays)
        if paragraph.xpath(_BLOCKS_INSIDE):
            paragraph.tag = "div"
            # the page set its text apart as a paragraph: its sentences beside the block are one (not the blank
            # between two blocks: "" is in every string)
            children, wrapped = list(paragraph), False
            for before, inline in _runs(paragraph, _block_holders(paragraph).__contains__):
                text = _run_text(paragraph, before, inline)
                if text and furniture.ends_sentence(text):
                    _wrap(paragraph, before, inline)
                    wrapped = True
            if wrapped and not any(c.tag == "p" for c in children):
                _divs_of_text_to_paragraphs(children)
    parent.extend(p for p in paragraphs if len(p) or (p.text or "").strip())
