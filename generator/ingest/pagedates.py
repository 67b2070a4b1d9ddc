"""When an HTML page's article was published and updated: what its metadata states (JSON-LD, <meta>, its
address), the day it shows by its headline, and, failing those, its time-stamped date lines and htmldate."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import NamedTuple

import htmldate

from generator.archive import dates
from generator.archive.model import PartialDate
from generator.ingest import headerlines, textdates
from generator.ingest.pagemeta import lang_of


class PageDates(NamedTuple):
    published: PartialDate | None
    updated: PartialDate | None
    # the page was too big to search its text whole for a date, and none was found in the part searched
    # (SEARCHED_ELEMENTS): its import says so
    unsearched: bool = False


def dates_of(tree, ld: dict, title: str | None) -> PageDates:
    walked: list[list] = []

    def nodes() -> list:
        """The page's text nodes, walked once however many readers ask (the headline's neighbours, a stamped
        line, a notice's document day, the dates written out), and only if one does."""
        if not walked:
            walked.append(text_nodes(tree))
        return walked[0]

    located: list[tuple[list, int | None]] = []

    def headline() -> tuple[list, int | None]:
        """(the page's text nodes that are not blank, where among them its headline is), found once (the date
        lines by the headline, the part of a big page searched)."""
        if not located:
            lines = [t for t in nodes() if t.strip()]
            located.append((lines, _headline_at(tree, title, lines) if title else None))
        return located[0]

    generic = False
    if ld_date(ld.get("datePublished")):
        stated = ld.get("datePublished")
    else:
        stated, generic = _meta_date(tree)
    stated = stated or _microdata_date(tree)
    published = (_local_day(tree, stated) or ld_date(stated) or ld_date(_compact_date(stated))
                 or _url_date(tree))
    updated = ld_date(ld.get("dateModified"))
    shown, shown_update = _date_near_title(tree, headline) if title else (None, None)
    # The day a reader sees as the article's: the page prints only "Updated <day>" by its headline (unless its
    # address shows the publication day the metadata names), or the day it prints there, bare, is the one its
    # metadata calls modified (not the published one).
    if shown is None:
        seen = None if published is not None and _url_date(tree) == published else shown_update
    else:
        seen = shown if shown.day and updated is not None and shown == updated else None
    # whether the day was read from the page's text, where a slashed day may read either way (a day in the
    # metadata, the address, a machine-readable attribute or htmldate's fast search reads one way only)
    read = False
    if seen is not None:
        published, updated, read = seen, None, True
    vague = None
    if shown is not None and shown.day is None:
        vague, shown = shown, None  # a month alone: only when nothing names the day
    if published is None or (shown is not None and (generic or _in_utc(stated)
                             and abs((shown.last_day() - published.last_day()).days) <= 1)):
        # The day the page shows beside its headline is its own local day; a machine date in UTC
        # a day off is the same moment. A bare `<meta name="date">` (Dublin Core's "a date in the
        # life of the resource": an online-first day, a record's) yields to the day printed there.
        published, read = (shown, True) if shown is not None else (published, read)
    if published is None:
        published, read = _date_element(tree)
    if published is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
        # htmldate's "1 January" is a year alone, or a placeholder ("dateCreated" 01/01/2004)
        published = None if found and found.endswith("-01-01") else ld_date(found)
    if updated is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=False)
        updated = ld_date(found)
    if published is None:
        published = vague  # (a month alone: no day to read either way)
    bounded = False
    if published is None:
        published, read = _stamped_date(tree, nodes()), True
    if published is None:
        published, bounded = _date_in_text(tree, headline)
    if published is None and updated is not None:
        published, updated, read = updated, None, False  # a page that names only its update's day is dated by it
    document_day = _document_day(tree, nodes)
    published, read = (document_day, True) if document_day is not None else (published, read)
    if read and textdates.either_order(published) and published not in (ld_date(stated), updated):
        # a day read from the page's text, not its metadata: a slashed date in the order its other dates say
        # (the cheap question first: most pages' dates read one way only, and need no walk over the tree)
        lines = (" ".join(line.split()) for line in nodes())
        published = textdates.read_as_dated(published, [line for line in lines if line], _day_first(tree))
    if updated is not None and published is not None and updated.sort_key() <= published.sort_key():
        updated = None
    return PageDates(published, updated, bounded and published is None)


# (`descendant::`, not `//`: libxml2 reads `//text()[…]` and `//*[…]` in quadratic time when thousands match)
_TEXT_NODES = "//body/descendant::text()[not(ancestor::script) and not(ancestor::style)]"


def text_nodes(tree) -> list:
    """The text of the page's body, node by node, in the order a reader meets it (no script, no style)."""
    return tree.xpath(_TEXT_NODES)


def _stamped_date(tree, lines: list) -> PartialDate | None:
    """A page with no date a machine can read: its first short line that stamps a day with a time of day
    (`2003年11月12日16:36`, `12.03.2005, 08:15`) or names a day its publication date (`发布日期： 9/17/2004`)."""
    return textdates.first_stamped((" ".join(line.split()) for line in lines), _day_first(tree))


# htmldate's search of a page's text asks libxml2 for `.//*[self::div or self::span or …]/text()`, which takes
# quadratic time on a box of thousands of elements of two kinds in turn (`<span>…</span><b>…</b>`, 16,000 elements:
# 1.9 s, 32,000: 25 s). A page of more nodes than this (real pages have at most 7,782) has only the part by its
# headline searched, where a by-line's date is: SEARCHED_PART nodes in a row from _OVER_HEADLINE over it (from the
# first when it is not found), in their boxes. (On the 37 dev pages that reach this search, the part gives the day
# the whole page gives on all; with 20 over the headline, 5 of them lost or changed it.)
SEARCHED_ELEMENTS = 20_000
SEARCHED_PART = 2_000
_OVER_HEADLINE = 500


def searchable(tree) -> bool:
    """Whether htmldate may search the page's text whole for a date (at most SEARCHED_ELEMENTS nodes)."""
    return next(itertools.islice(tree.iter(), SEARCHED_ELEMENTS, None), None) is None


def _date_in_text(tree, headline: Callable[[], tuple[list, int | None]]) -> tuple[PartialDate | None, bool]:
    """A page with no date a machine can read: (the date htmldate finds in its text, unless only a year was found
    (htmldate then says 1 January); whether the page was too big to search whole, and only the part by its
    headline was searched). `headline`: the page's lines and where its headline is among them."""
    whole = searchable(tree)
    page = tree if whole else _part_by_headline(tree, *headline())
    found = htmldate.find_date(page, extensive_search=True, original_date=True, min_date="1995-01-01")
    return (None if not found or found.endswith("-01-01") else ld_date(found)), not whole


def _part_by_headline(tree, lines: list, at: int | None):
    """A copy of the page that keeps SEARCHED_PART of its nodes in a row, from _OVER_HEADLINE over the headline
    (from the first when the headline is not found), in their boxes (attributes and all: a by-line's class says
    what it is). Linear: one copy, the nodes up to the part's end looked at once, the rest cut off in slices."""
    holder = lines[at].getparent() if at is not None else None
    start = next((i for i, e in enumerate(tree.iter()) if e is holder), 0) if holder is not None else 0
    if holder is not None and lines[at].is_tail:  # the headline follows the element whose tail it is, and all in it
        start += sum(1 for _ in holder.iter())
    start = max(0, start - _OVER_HEADLINE)
    page = copy.deepcopy(tree)
    part = list(itertools.islice(page.iter(), start, start + SEARCHED_PART))
    first, last = part[0], part[-1]
    del last[:]  # (what it holds comes after the part)
    for node in (last, *last.iterancestors()):  # what follows the part, and what precedes it
        if (parent := node.getparent()) is not None:
            del parent[parent.index(node) + 1:]
    for node in (first, *first.iterancestors()):
        if (parent := node.getparent()) is not None:
            del parent[:parent.index(node)]
    return page


# A bare "date" (Dublin Core's "a date in the life of the resource"): the last resort
_GENERIC = ("date", "dc.date", "dcterms.date", "dc:date")
# The names sites give their publication date in <meta>, the most specific first (htmldate's list, less
# the loose ones: "created", "timestamp", "release_date")
_META_DATES = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "article.published", "article:post_date", "datePublished", "date_published", "published_time",
    "published_date", "published-date", "publisheddate", "parsely-pub-date", "sailthru.date",
    "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date", "originalpublicationdate",
    "article_date_original", "pubdate", "publishdate", "publish_date", "publish-date", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date.publication",
) + _GENERIC


def _meta_date(tree) -> tuple[str | None, bool]:
    """(a publication date the page states in a <meta> tag (property, name or itemprop), as written;
    whether the tag only says "date")."""
    found = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        found.setdefault(key, meta.get("content"))
    for key in _META_DATES:
        value = found.get(key.lower())
        if ld_date(value) or ld_date(_compact_date(value)):
            return value, key in _GENERIC
    return None, False


def _microdata_date(tree) -> str | None:
    """`<time itemprop="datePublished" datetime="2020-03-02T09:00:00+01:00">`: schema.org's date in the markup."""
    for element in tree.xpath('/descendant::*[@itemprop="datePublished"][@datetime or @content]')[:3]:
        value = element.get("datetime") or element.get("content")
        if ld_date(value):
            return value
    return None


_STAMP = re.compile(r"((?:19|20)\d{2}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?")


def _moment(found: re.Match) -> dt.datetime | None:
    offset = (found[3] or "").replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(f"{found[1]}T{found[2]}{offset}") if offset else None
    except ValueError:
        return None


def _local_day(tree, stated: str | None) -> PartialDate | None:
    """The local day of a publication moment the metadata states in UTC, when the page writes the same moment
    with its own offset elsewhere (`2020-02-25T02:25:54Z` and `2020-02-24T21:25:54-05:00`): a UTC day can
    be the next one where the page is."""
    found = _STAMP.match((stated or "").strip())
    moment = _moment(found) if found else None
    if moment is None or moment.utcoffset():
        return None
    values = tree.xpath("//meta/@content | //time/@datetime | //script[@type='application/ld+json']/text()")
    for value in values:
        for other in _STAMP.finditer(str(value)[:20_000]):
            local = _moment(other)
            if local is not None and local.utcoffset() and abs((local - moment).total_seconds()) < 60:
                return ld_date(other[1])
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{2}|[a-z]{3})/(\d{2})/")


def _url_date(tree) -> PartialDate | None:
    """`https://example.org/news/2020/oct/02/slug`: the day the address was made."""
    address = _address(tree) or ""
    found = _URL_DATE.search(address.lower())
    if found is None:
        return None
    month = textdates.MONTHS.get(found[2]) if found[2].isalpha() else int(found[2])
    try:
        return dates.parse(f"{found[1]}-{month:02d}-{found[3]}") if month else None
    except ValueError:
        return None


def _in_utc(value: str | None) -> bool:
    """`2020-02-25T02:25:54Z`: a moment in UTC, which may be another day where the page is."""
    return bool(value) and bool(re.search(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)?\s*$", value))


def _compact_date(value: str | None) -> str | None:
    match = re.match(r"^\s*(\d{4})(\d{2})(\d{2})\b", value or "")
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def _date_near_title(tree, headline: Callable[[], tuple[list, int | None]]) -> tuple[PartialDate | None,
                                                                                      PartialDate | None]:
    """(a date line, an update's date line) among the few lines around the headline (`Posted: 04/06/2021`,
    `Published June 3, 2020`; `Updated May 6, 2019`); `headline`: the page's text nodes that are not blank, and
    where among them its headline is."""
    nodes, at = headline()
    if at is None:
        return None, None
    # the lines under the headline first: a bare date over it may be the day's date in the page's header
    near = _labelled([t.strip() for t in nodes[at: at + 15]]) + _labelled([t.strip() for t in nodes[max(0, at - 5): at]])
    found = [date for date in (_date_line(line, _day_first(tree)) for line in near) if date is not None]
    updates = [date for date in (_update_line(line, _day_first(tree)) for line in near) if date is not None]
    # A line that says "Published" beats a bare date (the day's date in the page's header)
    shown = next((date for labelled, date in found if labelled), found[0][1] if found else None)
    return shown, updates[0] if updates else None


def _headline_at(tree, title: str, nodes: list) -> int | None:
    """Where among the page's text nodes (none blank) the headline is: the title printed, else the first heading."""
    texts = (t.strip() for t in nodes)
    at = next((i for i, t in enumerate(texts) if t == title or (len(t) > 20 and t in title)), None)
    if at is None:
        # a title the page does not print (<title> names the section): its first heading is the headline
        heading = _first_heading(tree)
        if heading is None:
            return None
        at = next((i for i, t in enumerate(nodes) if _within(t, heading)), None)
    return at


def _first_heading(tree):
    found = tree.xpath("(//h1)[1]") or tree.xpath('(/descendant::*[contains(@class, "headline")])[1]')
    return found[0] if found else None


def _within(text, element) -> bool:
    """Whether a text node of the page is `element`'s own text or that of an element in it."""
    parent = text.getparent()
    if parent is not None and text.is_tail:
        parent = parent.getparent()
    while parent is not None and parent is not element:
        parent = parent.getparent()
    return parent is element


# A date field's name in an element of its own ("Updated", "Last Updated:"): the value follows
_LABEL = re.compile(r"^[^\W\d_][^\d:]{0,30}:?$")
_DATE_LABEL = re.compile(r"(?i)^(?:date|datum|fecha|data|日期|时间|发布日期|发布时间)\s*:?$")


def _labelled(lines: list[str]) -> list[str]:
    """The lines with the name of a date field (`Updated`, `Published:`, `Date:`) joined to the value after it."""
    out: list[str] = []
    for line in lines:
        label = out[-1] if out else ""
        if _LABEL.match(label) and len(label.split()) <= 3 and (
                textdates.UPDATE_WORDS.search(label) or _PUBLISHED.search(label) or _DATE_LABEL.match(label)
                or textdates.JOINED.search(label)):
            out[-1] = f"{label} {line}"
        else:
            out.append(line)
    return out


def _update_line(line: str, day_first: bool) -> PartialDate | None:
    """The day of an update's date line (`Updated Mar 12, 2020 @ 10:42 am`)."""
    found = headerlines.date_line(line, day_first) if len(line) <= 120 else None
    return found[1] if found and found[0] and found[1].day else None


_PUBLISHED = re.compile(r"(?i)\b(?:published|posted|veröffentlicht|publié|publicado|publicada|pubblicato|gepubliceerd|"
                        r"publisert|publikováno|опубликовано)\b|发布|发表|প্রকাশ")


def _date_line(line: str, day_first: bool) -> tuple[bool, PartialDate] | None:
    """(labelled as published, the date) if `line` is a date line: a date alone, or one that starts the
    line (`2004年7月16日08:19 [ 黄宇 ] 来源：...`); not an update's date."""
    if textdates.JOINED.search(re.split(r"\d", line, maxsplit=1)[0]):
        return None  # (the day a forum's member signed up, in the profile beside the post)
    if len(line) > 120:
        # a paragraph is no date line, unless a date leads it: `(21. November 2022) The story's first words`
        led = textdates.find(line[:40], day_first) if textdates.date_led(line, day_first) else None
        return (False, led[0]) if led else None
    label = _PUBLISHED.search(line)
    named = textdates.find(line[label.end():], day_first) if label else None
    if named is not None and named[0].day and named[1][0] <= 6:  # "Updated Dec 8 · Published Dec 7, 2026"
        return True, named[0]
    found = headerlines.date_line(line, day_first)
    if found is not None:
        return None if found[0] else (bool(_PUBLISHED.search(line)), found[1])
    led = textdates.find(line, day_first)
    if led is not None and led[0].day and led[1][0] <= 12 and not textdates.UPDATE_WORDS.search(line[:led[1][0]]):
        return bool(_PUBLISHED.search(line[:led[1][0]])), led[0]
    return None


def _document_day(tree, text: Callable[[], list]) -> PartialDate | None:
    """A Chinese government notice's `成文日期` in the page's table (see textdates.document_day); `text`: the
    page's text nodes, walked only on a page that has the label."""
    if not tree.xpath(f'//body/descendant::text()[contains(., "{textdates.DOCUMENT_DAY_LABEL}")]'):
        return None
    return textdates.document_day([t.strip() for t in text()[:600] if t.strip()])


_DATE_XPATH = (
    '//time | /descendant::*[contains(@class, "date") or contains(@class, "time") or contains(@class, "publish") '
    'or contains(@class, "posted") or contains(@class, "meta") or contains(@id, "date") or contains(@itemprop, "date")]'
)


def _date_element(tree) -> tuple[PartialDate | None, bool]:
    """A date written in an element the page marks as a date (htmldate's fast search missed it), and whether
    it was read from the element's text rather than its machine-readable attribute."""
    for element in tree.xpath(_DATE_XPATH)[:20]:
        for value in (element.get("datetime"), element.get("content")):
            if value and ld_date(value):
                return ld_date(value), False
        content = element.text_content()
        if content and len(content) <= 200 and not textdates.CLOCK.search(content):
            found = textdates.find(content, _day_first(tree))
            if found:
                return found[0], True
    return None, False


def ld_date(value) -> PartialDate | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", value)
    if not match:
        return None
    try:
        return dates.parse(match.group(1))
    except ValueError:
        return None


def _day_first(tree) -> bool:
    """`04/06/2021` is 6 April everywhere but in US English."""
    lang = (lang_of(tree) or "en").lower()
    return not (lang == "en" or lang.startswith("en-us"))



def _address(tree) -> str | None:
    """The page's address as it states it: og:url, else its canonical link."""
    for xpath in ('//meta[@property="og:url" or @name="og:url"]/@content', '//link[@rel="canonical"]/@href'):
        found = tree.xpath(xpath)
        if found:
            return str(found[0])
    return None
