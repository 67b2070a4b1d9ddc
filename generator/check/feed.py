"""The checks of the feed (as feed readers parse it) and of the sitemap (the protocol's limits)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from generator.render import feeds, urls

if TYPE_CHECKING:
    from generator.check import Checker

SITEMAP_BYTES = 50 * 1024 * 1024  # the protocol's limit per sitemap file, uncompressed
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
_CONTENT_URLS = re.compile(r'\s(?:href|src)="([^"]*)"')  # as feedparser writes the resolved content
_A = f"{{{feeds.ATOM}}}"
_S = f"{{{feeds.SITEMAP_NS}}}"
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def base_url(checker: Checker) -> str | None:
    """The base URL the site was built for: robots.txt names the sitemap by its absolute URL, and
    the feed has a self link, only when the build had one."""
    try:
        robots = (checker.out / urls.ROBOTS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        robots = ""
    for line in robots.splitlines():
        url = line.partition(":")[2].strip() if line.startswith("Sitemap:") else ""
        if url.endswith("/" + urls.SITEMAP) and urlsplit(url).scheme in ("http", "https"):
            return url[: -len(urls.SITEMAP)]
    tree = _xml(checker, urls.FEED)
    for link in tree.iterfind(f"{_A}link[@rel='self']") if tree is not None else ():
        href = link.get("href", "")
        if href.endswith("/" + urls.FEED) and urlsplit(href).scheme in ("http", "https"):
            return href[: -len(urls.FEED)]
    return None


def _xml(checker: Checker, name: str) -> Any:
    try:
        return etree.fromstring((checker.out / name).read_bytes(), _XML)
    except (OSError, etree.LxmlError):
        return None


def check(checker: Checker) -> None:
    """The feed parses as feed readers parse it (feedparser, bozo 0), its timestamps are RFC 3339,
    and every link of it and of its entries' content, resolved as readers resolve it against the
    feed's own URL, names a file of the site."""
    import feedparser

    if urls.FEED not in checker.files:
        checker.report(urls.FEED, None, "missing: every build writes the feed")
        return
    try:
        data = (checker.out / urls.FEED).read_bytes()
    except OSError as exc:
        checker.report(urls.FEED, None, f"cannot be read: {exc.strerror or exc}")
        return
    own_url = (checker.base or checker.out.resolve().as_uri() + "/") + urls.FEED
    parsed = feedparser.parse(
        data, response_headers={"content-location": own_url, "content-type": "application/atom+xml"}
    )
    if parsed.bozo:
        error = parsed.bozo_exception
        line = error.getLineNumber() if hasattr(error, "getLineNumber") else None
        message = error.getMessage() if hasattr(error, "getMessage") else str(error)
        checker.report(urls.FEED, line, f"does not parse as a feed: {message}")
        return
    if parsed.version != "atom10":
        checker.report(urls.FEED, None, f"is not an Atom 1.0 feed ({parsed.version or 'unknown format'})")
        return
    tree = _xml(checker, urls.FEED)  # for the lines of the entries
    lines = [entry.sourceline for entry in tree.iterfind(f"{_A}entry")] if tree is not None else []
    _stamp(checker, None, "updated", parsed.feed.get("updated"))
    for link in parsed.feed.get("links", []):
        _resolved(checker, None, link.get("href", ""))
    for number, entry in enumerate(parsed.entries):
        line = lines[number] if number < len(lines) else None
        for key in ("published", "updated"):
            _stamp(checker, line, key, entry.get(key))
        for link in entry.get("links", []):
            _resolved(checker, line, link.get("href", ""))
        for content in entry.get("content", []):
            for url in _CONTENT_URLS.findall(content.get("value", "")):
                _resolved(checker, line, url.replace("&amp;", "&"))


def _stamp(checker: Checker, line: int | None, key: str, value: str | None) -> None:
    if value is not None and not _RFC3339.match(value):
        checker.report(urls.FEED, line, f"<{key}> {value!r} is not an RFC 3339 timestamp")


def _resolved(checker: Checker, line: int | None, url: str) -> None:
    """Check an absolute URL the way feedparser resolved it (offline: a file:// URL into the site)."""
    rest = _inside(checker, url)
    if rest is None:
        return  # another site
    path, _, fragment = rest.partition("#")
    target = checker.target("", unquote(path.partition("?")[0]) or "./", urls.FEED)
    if target is None:
        checker.report(urls.FEED, line, f'links to "{url}", outside the site')
    elif target not in checker.files:
        checker.report(urls.FEED, line, f'links to "{url}", which is not in the site')
    elif fragment and target.endswith(".html"):
        checker.anchors.append((urls.FEED, line, url, target, unquote(fragment)))


def _inside(checker: Checker, url: str) -> str | None:
    """The part of `url` after the site's root, or None for another site's URL. Off line the root
    is the site folder's file:// URL (feedparser writes file:///x as file://x, hence the netloc)."""
    if checker.base:
        return url[len(checker.base):] if url.startswith(checker.base) else None
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    local = unquote(f"/{parts.netloc}{parts.path}" if parts.netloc else parts.path)
    root = checker.out.resolve().as_posix().rstrip("/") + "/"
    if not (local + "/").startswith(root):
        return "../"  # a file outside the site folder
    rest = local[len(root):]
    return rest + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def check_sitemap(checker: Checker) -> None:
    """sitemap.xml, when a base URL made one: well-formed, at most 50,000 URLs and 50 MB per file,
    every URL absolute, under the base URL and naming a file of the site."""
    if urls.SITEMAP not in checker.files:
        return
    if checker.base is None:
        checker.report(urls.SITEMAP, None, "present, but robots.txt and the feed name no base URL for it")
        return
    _sitemap(checker, urls.SITEMAP, index=True)


def _sitemap(checker: Checker, name: str, index: bool) -> None:
    try:
        data = (checker.out / name).read_bytes()
        root = etree.fromstring(data, _XML)
    except OSError as exc:
        checker.report(name, None, f"cannot be read: {exc.strerror or exc}")
        return
    except etree.XMLSyntaxError as exc:
        checker.report(name, exc.lineno, f"is not well-formed XML: {exc.msg}")
        return
    if len(data) > SITEMAP_BYTES:
        checker.report(name, None, f"is {len(data):,} bytes; the protocol allows {SITEMAP_BYTES:,}")
    if root.tag == f"{_S}urlset":
        entries, kind = root.findall(f"{_S}url"), "URLs"
    elif root.tag == f"{_S}sitemapindex" and index:
        entries, kind = root.findall(f"{_S}sitemap"), "sitemaps"
    else:
        checker.report(name, root.sourceline, f"<{root.tag}> is not a sitemap's <urlset> or <sitemapindex>")
        return
    if len(entries) > feeds.SITEMAP_LIMIT:
        checker.report(name, None, f"lists {len(entries):,} {kind}; the protocol allows {feeds.SITEMAP_LIMIT:,}")
    for entry in entries:
        loc = (entry.findtext(f"{_S}loc") or "").strip()
        lastmod = entry.findtext(f"{_S}lastmod")
        if lastmod is not None and not _W3C_DATE.match(lastmod.strip()):
            checker.report(name, entry.sourceline, f"<lastmod> {lastmod!r} is not a W3C date")
        if not loc.startswith(checker.base):
            checker.report(name, entry.sourceline, f'<loc> "{loc}" is not under the base URL {checker.base}')
            continue
        target = checker.target("", unquote(loc[len(checker.base):].partition("#")[0]) or "./", name)
        if target is None or target not in checker.files:
            checker.report(name, entry.sourceline, f'<loc> "{loc}" names no file of the site')
        elif kind == "sitemaps":
            _sitemap(checker, target, index=False)
