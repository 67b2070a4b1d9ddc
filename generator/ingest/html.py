"""Saved HTML pages -> Imported: trafilatura for the main text (cleaned of page furniture), `pagemeta` for the rest."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import lxml.html
from trafilatura.metadata import extract_metadata

from generator.archive.model import Source
from generator.ingest import (
    bodyblocks,
    deepnesting,
    extracted,
    headerlines,
    inlined,
    language,
    linklists,
    mainblock,
    pagedates,
    pagemeta,
    pagetree,
    subheadings,
    wideruns,
)
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
    text = inlined.without_big_values(text)  # a SingleFile page's inlined photo: over the parser's limit
    _check_complexity(text)
    tree, limit = _parse(text)
    # Metadata first, from the page as it is (less embedded posts of others); then the furniture goes
    # and the main text is extracted.
    for element in tree.xpath(_EMBEDS):
        element.drop_tree()
    meta = extract_metadata(tree, default_url=url, extensive=False)
    ld = pagemeta.json_ld(tree)
    page_url = pagemeta.clean_url(ld.get("url") or meta.url or url)
    title = pagemeta.title_of(ld, meta, tree, page_url)
    published, updated, unsearched = pagedates.dates_of(tree, ld, title)
    image, local = pagemeta.lead_image(meta, tree, path, page_url)
    lang = pagemeta.lang_of(tree) or language.og_locale(tree)
    warnings: tuple[str, ...] = ()
    if limit is not None:  # the parser stopped at that depth and left out the rest: the text is read flat
        tree, again = _parse(deepnesting.flat(text))
        if again is not None:
            raise ImportFailed(f"is nested deeper than {limit} levels and could not be read flat")
        warnings = (f"is nested deeper than {limit} levels: read as flat text (its paragraphs and headings, "
                    "without their markup)",)
    pagetree.prepare(tree)
    flattened = wideruns.flatten(tree)
    headings = subheadings.between_paragraphs(tree)  # (the extractor consumes the tree)
    found = mainblock.extract(tree, page_url)
    text, choice = extracted.to_markdown(found.xml) if found.xml else "", found.note
    if found.fuller:
        text, added = mainblock.merge(text, extracted.to_markdown(found.fuller))
        choice = "; ".join(filter(None, (choice, added))) or None
    text, restored = subheadings.restore(text, headings)
    if restored:
        choice = "; ".join(filter(None, (choice, f"put back {len(restored)} subheading{'s' * (len(restored) > 1)} "
                                                  f"the extractor left out between two paragraphs: {restored[0]}")))
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
    if flattened:
        warnings += (f"has {flattened:,} inline elements in runs of {wideruns.WIDE_RUN:,} or more in a row: "
                     "read as their text, their markup left out",)
    if unsearched:
        warnings += (f"has more than {pagedates.SEARCHED_ELEMENTS:,} elements and no date a machine can read: only "
                     f"{pagedates.SEARCHED_PART:,} of them by its headline were searched for one (the whole is too "
                     "slow to search on a page this big); add its date",)
    if not title:
        heading = re.search(r"^#{1,6}\s+(.+)$", body, re.M)
        if heading is not None:
            title = heading.group(1).strip()
        else:  # the text is kept: a title is what a reader can add, the page's text is not
            title = _first_words(body)
            warnings += ("has no title (no <title>, og:title, headline or heading): titled by its first words; "
                        "edit its title",)
    sitename = pagemeta.text_of(meta.sitename)
    sources = (Source(name=sitename, url=page_url),) if (sitename or page_url) else ()
    return Imported(
        kind="html", title=title, body=body, published=published, updated=updated, warnings=warnings,
        authors=pagemeta.authors(ld, meta), summary=pagemeta.text_of(meta.description), lang=lang,
        sources=sources, image=image, local_image=local, dropped=tuple(dropped),
    )


def _parse(text: str):
    """The page's tree, and the depth at which the parser stopped building it (None: it read it all)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"is not readable HTML ({exc})") from None
    try:
        return tree, deepnesting.depth_limit(parser.error_log)
    except ValueError as exc:
        raise ImportFailed(f"is too large for the HTML parser, which stopped reading it ({exc})") from None


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
    '/descendant::blockquote[contains(@class, "tweet") or contains(@class, "instagram") or contains(@class, "tiktok") '
    'or contains(@class, "embed")] | /descendant::*[contains(@class, "social-embed") or contains(@class, "embed-social")]'
)


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
    body = _literal_tags(body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    blocks = bodyblocks.drop_after_ending(bodyblocks.drop_cruft(body, dropped).split("\n\n"), dropped)
    blocks = bodyblocks.drop_galleries(bodyblocks.drop_repeats(blocks, dropped), dropped)
    blocks = linklists.drop(blocks, dropped)
    # The kicker, headline, by-line and date lines the extractor kept at the top.
    heading = next((i for i, b in enumerate(blocks[:4]) if _line_of(b) == title), None)
    if heading is not None and all(len(_line_of(b).split()) <= 6 for b in blocks[:heading]):
        dropped += [("headline and kicker", _line_of(b)) for b in blocks[:heading + 1]]
        blocks = blocks[heading + 1:]
    while blocks and _is_post_meta(bodyblocks.text_of(blocks[0])):
        dropped.append(("by-line or date line", bodyblocks.text_of(blocks.pop(0))))
    return "\n\n".join(blocks).strip() + "\n"


_ONE_CELL = re.compile(r"\|([^|\n]*)\|\n\|\s*:?-{3,}:?\s*\|")


# A code block or span: its text is printed as it is (a backslash in it too).
# (a block's fence closed by one as long, a span's backticks by as many; a span ends with its paragraph)
_CODE = re.compile(r"^(?P<fence>`{3,}).*?^(?P=fence)$|(?<![\\`])(?P<ticks>`+)(?!`)(?:[^\n]|\n(?!\n))+?(?<!`)(?P=ticks)(?!`)",
                   re.M | re.S)
_TAG_START = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")


def _literal_tags(body: str) -> str:
    """Nothing may be read as raw HTML: `<tag` becomes literal text, `\\<tag`; not in code, which is never HTML and
    would print the backslash (`\\<div id="x">` in a code sample)."""
    parts, last = [], 0
    for code in _CODE.finditer(body):
        parts += [_TAG_START.sub(r"\\<", body[last:code.start()]), code.group()]
        last = code.end()
    return "".join(parts) + _TAG_START.sub(r"\\<", body[last:])


def _line_of(block: str) -> str:
    """A block's words; a table of one cell reads as its cell (an old page lays out its headline in a table)."""
    cell = _ONE_CELL.fullmatch(block.strip())
    return bodyblocks.text_of(cell.group(1) if cell else block)


# A blog's line of a post's data that ends in its tags: "Published: November 1st, 2012 | Tags: NFL AM, …" (the
# spaces before the bar are tried from the first only: tried from each, a long run took quadratic time).
_TAGGED = re.compile(r"(?i)^(.*?)(?<!\s)\s*\|\s*" + TAG_LABELS + r"\s*:")


def _is_post_meta(block: str) -> bool:
    """A by-line or date line; or one that ends in the post's tags, after a date, a by-line or a name."""
    if headerlines.is_header_line(block):
        return True
    tagged = _TAGGED.match(block) if "\n" not in block else None  # (one line: not a list)
    if tagged is None or block.rstrip()[-1:] in ".!?":  # tags are a list, not a sentence
        return False
    before = tagged.group(1).strip(" |")
    return not before or headerlines.is_header_line(before) or (
        len(before.split()) <= 4 and before[:1].isupper() and not re.search(r"[.!?:;]\s|[.!?]$", before))


def _escape_markdown(text: str) -> str:
    text = html_lib.unescape(text)
    return extracted.literal_start(re.sub(r"([\\`*_\[\]])", r"\\\1", text))


def _first_words(body: str, words: int = 12, characters: int = 80) -> str:
    """A title for a page that names none: its text's first sentence, cut short (also in scripts
    written without spaces)."""
    first = next(plain for block in body.split("\n\n") if (plain := bodyblocks.text_of(block)))
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", first, maxsplit=1)[0].strip()
    cut = " ".join(sentence.split()[:words])
    cut = cut if len(cut) <= characters else cut[: characters - 1].rstrip()
    return cut + ("…" if cut != sentence else "")
