"""Saved HTML pages -> Imported: trafilatura for the main text (cleaned of page furniture), `pagemeta` for the rest."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import lxml.html
from trafilatura.metadata import extract_metadata

from generator.archive.model import Source
from generator.ingest import bodyblocks, extracted, furniture, language, linklists, mainblock, pagedates, pagemeta
from generator.ingest.endings import TAG_LABELS
from generator.ingest.record import Imported, ImportFailed
from generator.render import nesting

_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")


MIN_WORDS = 20
# libxml2 checks an element's attributes for duplicates in quadratic time: 100,000 on one <p> took minutes,
# 10,000 import in 1.8 s, 20,000 in 5.9 s. Real pages have up to about 800 (of 1,020 corpus pages).
MAX_ATTRIBUTES = 10_000
_TAG = re.compile("<[A-Za-z]" + nesting.TAG_REST)  # a tag as HTML reads it: a stray quote does not run on
_QUOTED = re.compile(r"""=\s*"[^"]*"|=\s*'[^']*'""")


def read(text: str, path: Path | None = None, url: str | None = None) -> Imported:
    """`url`: where the page was fetched from, when known (a WARC's target URI)."""
    _check_complexity(text)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"is not readable HTML ({exc})") from None
    # Metadata first, from the page as it is (less embedded posts of others); then the furniture goes
    # and the main text is extracted.
    for element in tree.xpath(_EMBEDS):
        element.drop_tree()
    meta = extract_metadata(tree, default_url=url, extensive=False)
    ld = pagemeta.json_ld(tree)
    page_url = pagemeta.clean_url(ld.get("url") or meta.url or url)
    title = pagemeta.title_of(ld, meta, tree, page_url)
    published, updated = pagedates.dates_of(tree, ld, title)
    image, local = pagemeta.lead_image(meta, tree, path, page_url)
    lang = pagemeta.lang_of(tree) or language.og_locale(tree)
    _prepare(tree)
    found = mainblock.extract(tree, page_url)
    text, choice = extracted.to_markdown(found.xml) if found.xml else "", found.note
    if found.fuller:
        text, added = mainblock.merge(text, extracted.to_markdown(found.fuller))
        choice = "; ".join(filter(None, (choice, added))) or None
    dropped: list[tuple[str, str]] = []  # (why, block): what the body leaves out, for --explain
    body = _clean_body(text, title, page_url, dropped)
    if len(body.split()) < MIN_WORDS and isinstance(ld.get("articleBody"), str):
        # A page that draws its text with scripts may still state it in its JSON-LD.
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", ld["articleBody"]) if p.strip()]
        dropped = []
        body = _clean_body("\n\n".join(_escape_markdown(p) for p in paragraphs), title, page_url, dropped)
    elif choice:
        dropped.insert(0, ("block choice", choice))
    if len(body.split()) < MIN_WORDS and len(body) < 60:
        raise ImportFailed("holds no article: no main text found in the page")
    warnings: tuple[str, ...] = ()
    if not title:
        heading = re.search(r"^#{1,6}\s+(.+)$", body, re.M)
        if heading is not None:
            title = heading.group(1).strip()
        else:  # the text is kept: a title is what a reader can add, the page's text is not
            title = _first_words(body)
            warnings = ("has no title (no <title>, og:title, headline or heading): titled by its first words; "
                        "edit its title",)
    sitename = pagemeta.text_of(meta.sitename)
    sources = (Source(name=sitename, url=page_url),) if (sitename or page_url) else ()
    return Imported(
        kind="html", title=title, body=body, published=published, updated=updated, warnings=warnings,
        authors=pagemeta.authors(ld, meta), summary=pagemeta.text_of(meta.description), lang=lang,
        sources=sources, image=image, local_image=local, dropped=tuple(dropped),
    )


def _check_complexity(text: str) -> None:
    """Refuse, before parsing, a page whose parse would take minutes (one regex pass over the text)."""
    for match in _TAG.finditer(text):
        if match.end() - match.start() < 2 * MAX_ATTRIBUTES:  # too short to hold that many
            continue
        count = len(_QUOTED.sub("=", match.group()).split()) - 1
        if count > MAX_ATTRIBUTES:
            line = text.count("\n", 0, match.start()) + 1
            raise ImportFailed(f"page too complex (an element on line {line} has {count:,} attributes; "
                               f"at most {MAX_ATTRIBUTES:,} are read)")


_EMBEDS = (
    '//blockquote[contains(@class, "tweet") or contains(@class, "instagram") or contains(@class, "tiktok") '
    'or contains(@class, "embed")] | //*[contains(@class, "social-embed") or contains(@class, "embed-social")]'
)


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
        if any(_COMMENT_BOX.match(n) for n in names) or (
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


_INLINE_TAGS = {"a", "span", "em", "strong", "b", "i", "u", "br", "font", "img", "sup", "sub", "small", "abbr", "code",
                "cite", "q", "mark", "time", "wbr", "big", "s", "strike", "del", "ins"}


def _keep_spaces(tree) -> None:
    """trafilatura drops a tail that is only a space (`<b>Note:</b> <a>…</a>`, `<a><em>Title</em> </a>is`): the
    words on either side ran together. The space moves into the text that follows it."""
    for element in tree.xpath("//body//*[self::a or self::span or self::em or self::strong or self::b or self::i "
                              "or self::u or self::font or self::small or self::cite or self::code]"):
        if not element.tail or not element.tail.isspace():
            continue
        after = element.getnext()
        if after is not None:
            if isinstance(after.tag, str) and after.tag in _INLINE_TAGS and after.text and not after.text[0].isspace():
                after.text = " " + after.text
        elif element.getparent().tag in _INLINE_TAGS:
            parent = element.getparent()
            if parent.tail and not parent.tail[0].isspace():
                parent.tail = " " + parent.tail


def _prepare(tree) -> None:
    """Undo page furniture that hides the text: layout tables become blocks, `<br><br>` a paragraph
    break; comment threads, standfirsts and by-line boxes go."""
    _drop_hidden(tree)
    _keep_spaces(tree)
    _drop_comment_threads(tree)
    _drop_furniture(tree)
    for table in tree.xpath("//table[.//td//pre or .//th//pre]"):
        _unwrap_code(table)
    for table in tree.xpath("//table"):
        cells = table.xpath(".//td | .//th")
        if table.xpath(".//table") or any(len(cell.text_content().split()) > 60 or len(cell.text_content()) > 300
                                            for cell in cells):
            for element in [table, *table.xpath(".//tr | .//td | .//th | .//tbody | .//thead | .//tfoot")]:
                element.tag = "div"
                element.attrib.clear()
    parents = {br.getparent() for br in tree.xpath("//br[following-sibling::*[1][self::br]]")}
    for parent in sorted(parents, key=lambda e: -len(list(e.iterancestors()))):
        if parent is not None:
            _split_at_double_breaks(parent)
    _loose_divs_to_paragraphs(tree)


LOOSE_PROSE_WORDS = 40  # ... when it is this long: a teaser's line or a caption is shorter


def _loose_divs_to_paragraphs(tree) -> None:
    """A `<div>` written straight into with text and links is a paragraph: trafilatura keeps only the words
    after its first link (it reads a div's own text only when divs hold the page's text)."""
    for div in tree.iter("div"):
        if (div.text or "").strip() and all(isinstance(c.tag, str) and c.tag in _INLINE_TAGS for c in div) and \
                len(div.text_content().split()) >= LOOSE_PROSE_WORDS:
            paragraph = lxml.html.Element("p")
            paragraph.text, div.text = div.text, None
            paragraph.extend(list(div))
            div.append(paragraph)


def _unwrap_code(table) -> None:
    """A syntax highlighter's table (line numbers | code): its code blocks stand in its place, line
    breaks and all; a cell of line numbers alone goes; any other cell's text stays, as a paragraph."""
    if table.xpath(".//table") or table.getparent() is None:
        return
    blocks = []
    for cell in table.xpath(".//td | .//th"):
        pres = cell.xpath(".//pre[not(ancestor::pre)]")
        for pre in pres:
            pre.drop_tree()  # its tail stays in the cell
        text = cell.text_content()
        if text.strip() and not re.fullmatch(r"[\d\s]+", text):
            paragraph = lxml.html.Element("p")
            paragraph.text = " ".join(text.split())
            blocks.append(paragraph)
        for pre in pres:
            if re.fullmatch(r"[\d\s]+", pre.text_content()):
                continue  # line numbers
            if not pre.xpath("./code"):  # what tells the extractor it is code, not a quotation
                code = lxml.html.Element("code")
                code.text, pre.text = pre.text, None
                code.extend(list(pre))
                pre.append(code)
            blocks.append(pre)
    parent, index, tail = table.getparent(), table.getparent().index(table), table.tail
    parent.remove(table)
    for offset, block in enumerate(blocks):
        block.tail = None
        parent.insert(index + offset, block)
    if blocks:
        blocks[-1].tail = tail


def _split_at_double_breaks(parent) -> None:
    """`text<br><br>text` inside one element: one paragraph per run of text."""
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
    if parent.tag in ("font", "span", "b", "i", "em", "strong", "small", "big", "center", "a", "td", "th"):
        parent.tag = "div"
    for paragraph in paragraphs:
        if paragraph.xpath(".//div | .//p | .//table | .//ul | .//ol | .//h1 | .//h2 | .//h3 | .//blockquote"):
            paragraph.tag = "div"
    parent.extend(p for p in paragraphs if len(p) or (p.text or "").strip())


def _clean_body(body: str, title: str | None, page_url: str | None, dropped: list[tuple[str, str]]) -> str:
    body = body.replace("\r", "").strip()

    def link(match: re.Match) -> str:
        bang, label, target = match.groups()
        if bang:
            return ""
        target = target.strip().removeprefix("<").removesuffix(">").strip()
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", target, re.I)
        if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return label
        absolute = pagemeta.join_url(page_url, target)
        if absolute is None:
            return label
        cleaned = pagemeta.clean_url(absolute) if absolute.startswith(("http://", "https://")) else None
        if cleaned is None and absolute.startswith("mailto:"):
            cleaned = absolute
        return f"[{label}]({cleaned})" if cleaned else label

    body = _LINK.sub(link, body)
    # A paragraph that is only a short bold phrase, between paragraphs, is a subheading.
    body = re.sub(r"(?m)(?<=\n\n)\*\*([^*\n]{1,100}?)\*\*(?=\n\n)",
                  lambda m: f"## {m.group(1)}" if m.group(1)[-1] not in ".:,;" and len(m.group(1).split()) <= 12 else m.group(0),
                  body)
    # Nothing may be read as raw HTML: `<tag` becomes literal text.
    body = re.sub(r"(?<!\\)<(?=[A-Za-z/!?])", r"\\<", body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    blocks = bodyblocks.drop_after_ending(bodyblocks.drop_cruft(body, dropped).split("\n\n"), dropped)
    blocks = bodyblocks.drop_galleries(bodyblocks.drop_repeats(blocks, dropped), dropped)
    blocks = linklists.drop(blocks, dropped)
    # The kicker, headline, by-line and date lines the extractor kept at the top.
    heading = next((i for i, b in enumerate(blocks[:4]) if bodyblocks.text_of(b) == title), None)
    if heading is not None and all(len(bodyblocks.text_of(b).split()) <= 6 for b in blocks[:heading]):
        dropped += [("headline and kicker", bodyblocks.text_of(b)) for b in blocks[:heading + 1]]
        blocks = blocks[heading + 1:]
    while blocks and _is_post_meta(bodyblocks.text_of(blocks[0])):
        dropped.append(("by-line or date line", bodyblocks.text_of(blocks.pop(0))))
    return "\n\n".join(blocks).strip() + "\n"


# A blog's line of a post's data that ends in its tags: "Published: November 1st, 2012 | Tags: NFL AM, …" (the
# spaces before the bar are tried from the first only: tried from each, a long run took quadratic time).
_TAGGED = re.compile(r"(?i)^(.*?)(?<!\s)\s*\|\s*" + TAG_LABELS + r"\s*:")


def _is_post_meta(block: str) -> bool:
    """A by-line or date line; or one that ends in the post's tags, after a date, a by-line or a name."""
    if furniture.is_header_line(block):
        return True
    tagged = _TAGGED.match(block) if "\n" not in block else None  # (one line: not a list)
    if tagged is None or block.rstrip()[-1:] in ".!?":  # tags are a list, not a sentence
        return False
    before = tagged.group(1).strip(" |")
    return not before or furniture.is_header_line(before) or (
        len(before.split()) <= 4 and before[:1].isupper() and not re.search(r"[.!?:;]\s|[.!?]$", before))


def _escape_markdown(text: str) -> str:
    text = html_lib.unescape(text)
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return re.sub(r"^(#{1,6}\s|>|[-+]\s|\d+[.)]\s)", r"\\\1", text)


def _first_words(body: str, words: int = 12, characters: int = 80) -> str:
    """A title for a page that names none: its text's first sentence, cut short (also in scripts
    written without spaces)."""
    first = next(plain for block in body.split("\n\n") if (plain := bodyblocks.text_of(block)))
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", first, maxsplit=1)[0].strip()
    cut = " ".join(sentence.split()[:words])
    cut = cut if len(cut) <= characters else cut[: characters - 1].rstrip()
    return cut + ("…" if cut != sentence else "")
