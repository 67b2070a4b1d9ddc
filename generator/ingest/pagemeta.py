"""What an HTML page says about its article: title, authors, language, lead image, address (its dates: `pagedates`).

Read from the page's metadata (JSON-LD, og:*, <meta>, <title> less the site's
name) and, failing that, from what the page shows near its headline.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from generator.archive.model import Image
from generator.ingest import headline, sniff
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
