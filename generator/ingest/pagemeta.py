"""What an HTML page says about its article: title, dates, authors, language, lead image, address.

Read from the page's metadata (JSON-LD, og:*, <meta>, <title> less the site's
name) and, failing that, from what the page shows near its headline; htmldate
when nothing else says.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import htmldate

from generator.archive import dates
from generator.archive.model import Image, PartialDate
from generator.ingest import furniture, headline, sniff, textdates
from generator.ingest.record import LocalImage

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|icid|ito|_ga|ref|ref_src|smid|sr_share)$", re.I)


_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ")


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


def text_of(value) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", str(value)).strip()
    return value or None


# XHTML-minded pages wrap the script's JSON in a CDATA section (or an HTML comment) that JSON cannot read
_CDATA = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")


def json_ld(tree) -> dict:
    """The first NewsArticle-like JSON-LD object, if the page has one."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(_CDATA.sub("", script.text_content() or ""))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds):
                    return item
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return {}


def title_of(ld: dict, meta, tree, url: str | None = None) -> str | None:
    """The visible heading the metadata confirms (see `headline`); else the JSON-LD headline, else
    og:title, else <title>, each without the site's name; else the first <h1>."""
    sitename = text_of(meta.sitename)
    titles = [t for t in (text_of(html_lib.unescape(t)) for t in (
        ld.get("headline"), _og(tree, "og:title"), _og(tree, "twitter:title"), _first(tree, "//title"))
        if isinstance(t, str)) if t]
    # trafilatura's site name is at times the headline itself
    sites = {headline.key(n) for n in (sitename, _og(tree, "og:site_name"), _og(tree, "application-name"))
             if n and all(headline.match(n, t) < 2.5 for t in titles)}
    seen = headline.choose(tree, titles, sites, url)
    if seen:
        return seen
    h1 = text_of(_first(tree, "//h1")) or text_of(_first(
        tree, '(//h2 | //h3)[contains(@class, "headline") or contains(@class, "title")]'))
    for candidate in (ld.get("headline"), _og(tree, "og:title")):
        title = text_of(html_lib.unescape(candidate)) if isinstance(candidate, str) else None
        if not title:
            continue
        title = _strip_site(title, sitename, tree)
        if h1 and h1 != title and len(h1) >= 10:
            rest = title[len(h1):] if title.startswith(h1) else None
            if rest is not None and any(rest.startswith(sep) for sep in _SEPARATORS):
                return h1  # "Headline - Site", the site unnamed in the metadata
            if len(title) < len(h1) and title.endswith(("…", "...")) and h1.startswith(title.rstrip(".… ")):
                return h1  # a shortened headline
        return title
    element = text_of(_first(tree, "//title"))
    if element:
        title = _strip_site(element, sitename, tree)
        if title != element:
            return title
        repeated = [h for h in (text_of(e.text_content()) for e in tree.xpath("//h1 | //h2 | //h3"))
                    if h and len(h) >= 10 and h in element]
        if repeated:
            return max(repeated, key=len)  # the headline is the heading the <title> repeats
        if h1 and len(h1.split()) >= 3:
            return h1  # a <title> that does not name the headline: the visible one wins
        parts = [p.strip() for p in re.split("|".join(map(re.escape, _SEPARATORS)), title) if p.strip()]
        if h1 and h1 in parts:
            return h1
        if len(parts) > 1 and not h1:
            # "Site - Headline" with no metadata naming the site: the headline is the longest part.
            return max(parts, key=len)
        return title
    return h1 or text_of(meta.title)


def _og(tree, name: str) -> str | None:
    found = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return found[0] if found else None


def _first(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return found[0].text_content() if found else None


def _strip_site(title: str, sitename: str | None, tree) -> str:
    names = {n.lower() for n in (sitename, _og(tree, "og:site_name"), _og(tree, "application-name")) if n}
    for sep in _SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if tail.strip().lower() in names:
                return head.strip()
            first, _, rest = title.partition(sep)
            if first.strip().lower() in names:
                return rest.strip()
    return title


def join_url(base: str | None, ref: str) -> str | None:
    """`ref` read against `base`; None when it cannot be parsed (`https://[host/`: a broken IPv6 literal)."""
    try:
        return urljoin(base, ref) if base else ref
    except ValueError:
        return None


def clean_url(url: str | None) -> str | None:
    if not url or not re.match(r"^https?://\S+$", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def dates_of(tree, ld: dict, title: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    stated = ld.get("datePublished") if ld_date(ld.get("datePublished")) else _meta_date(tree)
    published = ld_date(stated) or ld_date(_compact_date(stated)) or _url_date(tree)
    updated = ld_date(ld.get("dateModified"))
    shown, shown_update = _date_near_title(tree, title)
    # The day a reader sees as the article's: the page prints only "Updated <day>" by its headline (unless its
    # address shows the publication day the metadata names), or the day it prints there, bare, is the one its
    # metadata calls modified (not the published one).
    if shown is None:
        seen = None if published is not None and _url_date(tree) == published else shown_update
    else:
        seen = shown if shown.day and updated is not None and shown == updated else None
    if seen is not None:
        published, updated = seen, None
    vague = None
    if shown is not None and shown.day is None:
        vague, shown = shown, None  # a month alone: only when nothing names the day
    if published is None or (shown is not None and _in_utc(stated)
                             and abs((shown.last_day() - published.last_day()).days) <= 1):
        # The day the page shows beside its headline is its own local day; a machine date in UTC
        # a day off is the same moment.
        published = shown or published
    if published is None:
        published = _date_element(tree)
    if published is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
        published = ld_date(found)
    if updated is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=False)
        updated = ld_date(found)
    if published is None:
        published = vague
    if published is None:
        published = _stamped_date(tree) or _date_in_text(tree)
    if updated is not None and published is not None and updated.sort_key() <= published.sort_key():
        updated = None
    return published, updated


_TIME_AFTER = re.compile(r"^\s*,?\s*(?:[^\W\d_]{1,3}\s*)?\d{1,2}:\d{2}")
_NAMED = re.compile(r"(?i)(?:published|posted|publication date|date|日期|时间|发布|发表|veröffentlicht|publié|publicado)\W*$")


def _stamped_date(tree) -> PartialDate | None:
    """A page with no date a machine can read: its first short line that stamps a day with a time of day
    (`2003年11月12日16:36`, `12.03.2005, 08:15`) or names a day its publication date (`发布日期： 9/17/2004`)."""
    day_first = _day_first(tree)
    for text in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"):
        line = " ".join(text.split())
        if not 8 <= len(line) <= 160:
            continue
        found = textdates.find(line, day_first)
        if found is None or not found[0].day:
            continue
        start, end = found[1]
        if _TIME_AFTER.match(line[end:]) or _NAMED.search(line[:start]):
            return found[0]
    return None


def _date_in_text(tree) -> PartialDate | None:
    """A page with no date a machine can read: the date htmldate finds in its text, unless only a year
    was found (htmldate then says 1 January)."""
    found = htmldate.find_date(tree, extensive_search=True, original_date=True, min_date="1995-01-01")
    return None if not found or found.endswith("-01-01") else ld_date(found)


_META_DATES = (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
    "publish-date", "publication_date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date",
)


def _meta_date(tree) -> str | None:
    """A publication date the page states in a <meta> tag (property, name or itemprop), as written."""
    found = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        found.setdefault(key, meta.get("content"))
    for key in _META_DATES:
        value = found.get(key.lower())
        if ld_date(value) or ld_date(_compact_date(value)):
            return value
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{2}|[a-z]{3})/(\d{2})/")


def _url_date(tree) -> PartialDate | None:
    """`https://example.org/news/2020/oct/02/slug`: the day the address was made."""
    address = _og(tree, "og:url") or _first_attr(tree, '//link[@rel="canonical"]/@href') or ""
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


def _date_near_title(tree, title: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    """(a date line, an update's date line) among the few lines around the headline (`Posted: 04/06/2021`,
    `Published June 3, 2020`; `Updated May 6, 2019`)."""
    if not title:
        return None, None
    texts = [t.strip() for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]") if t.strip()]
    at = next((i for i, t in enumerate(texts) if t == title or (len(t) > 20 and t in title)), None)
    if at is None:
        return None, None
    near = _labelled(texts[max(0, at - 5): at + 15])
    found = [date for date in (_date_line(line, _day_first(tree)) for line in near) if date is not None]
    updates = [date for date in (_update_line(line, _day_first(tree)) for line in near) if date is not None]
    # A line that says "Published" beats a bare date (the day's date in the page's header)
    shown = next((date for labelled, date in found if labelled), found[0][1] if found else None)
    return shown, updates[0] if updates else None


# A date field's name in an element of its own ("Updated", "Last Updated:"): the value follows
_LABEL = re.compile(r"^[^\W\d_][^\d:]{0,30}:?$")
_DATE_LABEL = re.compile(r"(?i)^(?:date|datum|fecha|data|日期|时间|发布日期|发布时间)\s*:?$")


def _labelled(lines: list[str]) -> list[str]:
    """The lines with the name of a date field (`Updated`, `Published:`, `Date:`) joined to the value after it."""
    out: list[str] = []
    for line in lines:
        label = out[-1] if out else ""
        if _LABEL.match(label) and len(label.split()) <= 3 and (
                textdates.UPDATE_WORDS.search(label) or _PUBLISHED.search(label) or _DATE_LABEL.match(label)):
            out[-1] = f"{label} {line}"
        else:
            out.append(line)
    return out


def _update_line(line: str, day_first: bool) -> PartialDate | None:
    """The day of an update's date line (`Updated Mar 12, 2020 @ 10:42 am`)."""
    found = furniture.date_line(line, day_first) if len(line) <= 120 else None
    return found[1] if found and found[0] and found[1].day else None


_PUBLISHED = re.compile(r"(?i)\b(?:published|posted|veröffentlicht|publié|publicado|pubblicato|gepubliceerd)\b|发布|发表")


def _date_line(line: str, day_first: bool) -> tuple[bool, PartialDate] | None:
    """(labelled as published, the date) if `line` is a date line: a date alone, or one that starts the
    line (`2004年7月16日08:19 [ 黄宇 ] 来源：...`); not an update's date."""
    if len(line) > 120:
        return None
    found = furniture.date_line(line, day_first)
    if found is not None:
        return None if found[0] else (bool(_PUBLISHED.search(line)), found[1])
    led = textdates.find(line, day_first)
    if led is not None and led[0].day and led[1][0] <= 12 and not textdates.UPDATE_WORDS.search(line[:led[1][0]]):
        return bool(_PUBLISHED.search(line[:led[1][0]])), led[0]
    return None


_DATE_XPATH = (
    '//time | //*[contains(@class, "date") or contains(@class, "time") or contains(@class, "publish") '
    'or contains(@class, "posted") or contains(@class, "meta") or contains(@id, "date") or contains(@itemprop, "date")]'
)


def _date_element(tree) -> PartialDate | None:
    """A date written in an element the page marks as a date (htmldate's fast search missed it)."""
    for element in tree.xpath(_DATE_XPATH)[:20]:
        for value in (element.get("datetime"), element.get("content")):
            if value and ld_date(value):
                return ld_date(value)
        content = element.text_content()
        if content and len(content) <= 200:
            found = textdates.find(content, _day_first(tree))
            if found:
                return found[0]
    return None


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


def authors(ld: dict, meta) -> tuple[str, ...]:
    names: list[str] = []
    author = ld.get("author")
    for item in author if isinstance(author, list) else [author]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and text_of(name):
            names.append(text_of(name))
    if not names and meta.author:
        names = [n.strip() for n in re.split(r";", meta.author) if n.strip()]
    return tuple(dict.fromkeys(n for n in names if len(n) <= 80))


def _day_first(tree) -> bool:
    """`04/06/2021` is 6 April everywhere but in US English."""
    lang = (lang_of(tree) or "en").lower()
    return not (lang == "en" or lang.startswith("en-us"))


def lang_of(tree) -> str | None:
    value = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    value = value.replace("_", "-")
    return value if value and _LANG.match(value) else None


def lead_image(meta, tree, path: Path | None, page_url: str | None) -> tuple[Image | None, LocalImage | None]:
    """The lead image: a file the saved page holds (its `_files/` folder) is copied; a remote one is a URL."""
    candidates = [meta.image] if meta.image else []
    candidates += tree.xpath("(//article//img | //main//img | //figure//img)/@src")[:3]
    alt = text_of(_first_attr(tree, "(//article//img | //main//img | //figure//img)/@alt"))
    for src in candidates:
        if not src or src.startswith("data:"):
            continue
        if path is not None and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
            local = (path.parent / src.split("?")[0].split("#")[0]).resolve()
            if local.is_file() and local.suffix.lower() in IMAGE_SUFFIXES and \
                    local.is_relative_to(path.parent.resolve()):
                copied = local_image(local.name, local.read_bytes())
                if copied is not None:
                    return Image(alt=alt), copied
            continue
        absolute = join_url(page_url, src)
        if absolute and re.match(r"^https?://\S+$", absolute):
            if path is not None:  # a saved page may hold the remote image under its own name
                for folder in path.parent.glob("*_files"):
                    name = Path(urlsplit(absolute).path).name
                    if name and (folder / name).is_file() and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                        copied = local_image(name, (folder / name).read_bytes())
                        if copied is not None:
                            return Image(alt=alt), copied
            return Image(src=clean_url(absolute), alt=alt), None
    return None, None


def _first_attr(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return str(found[0]) if found else None


def local_image(name: str, data: bytes, content_type: str | None = None) -> LocalImage | None:
    """An image to copy beside the article: only a raster image whose bytes (and declared type) say so,
    named by the type its bytes show, so no capture is ever published as SVG or HTML."""
    suffix = sniff.image_suffix(data, content_type)
    if suffix is None:
        return None
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name.rsplit(".", 1)[0]).strip("-")[:60] or "image"
    return LocalImage(stem + suffix, data)
