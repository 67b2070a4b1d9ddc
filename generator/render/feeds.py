"""The Atom feed, the sitemap and robots.txt, built as XML trees (never string templates)."""

from __future__ import annotations

import itertools
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Iterable, Mapping

from generator.archive import dates
from generator.archive.assemble import Archive
from generator.archive.config import Config
from generator.archive.model import Article, OutputFile
from generator.render import urls

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
FEED_SIZE = 50
SITEMAP_LIMIT = 50_000  # URLs per sitemap file, the protocol's limit


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 forbids


def sub_element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _NOT_XML.sub("", text)  # scraped text carries stray control characters
    return element


def _feed_id(config: Config) -> str:
    base = config.base_url
    return base if base else uuid.uuid5(uuid.NAMESPACE_URL, f"article-archive:{config.title}").urn


def entry_id(config: Config, article: Article) -> str:
    """Stable across rebuilds: the article's `id` if it has one, else its permanent path."""
    key = f"id:{article.id}" if article.id is not None else urls.article_path(article)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{_feed_id(config)}#{key}").urn


def newest(articles: Iterable[Article]) -> list[Article]:
    """The articles of the feed, from all of them newest first."""
    return list(itertools.islice((a for a in articles if a.published), FEED_SIZE))


def atom(config: Config, dated: list[Article], links: urls.Links, bodies: Mapping[str, object],
         excerpts: Mapping[str, str]) -> OutputFile:
    """The newest dated articles (`newest`). Atom demands full timestamps: a partial date is its first instant."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": config.language})
    q = lambda tag: f"{{{ATOM}}}{tag}"  # noqa: E731 - a local shorthand for namespaced names
    sub_element(feed, q("title"), config.title)
    if config.description:
        sub_element(feed, q("subtitle"), config.description)
    sub_element(feed, q("id"), _feed_id(config))
    stamps = [dates.rfc3339(a.updated or a.published) for a in dated]
    as_of = f"{config.as_of.isoformat()}T00:00:00Z"
    sub_element(feed, q("updated"), max(stamps) if stamps else as_of)
    home = links.absolute(urls.HOME) or links.public(urls.HOME) or "./"
    sub_element(feed, q("link"), href=home)
    if config.base_url:
        sub_element(feed, q("link"), rel="self", href=links.absolute(urls.FEED))
    author = sub_element(feed, q("author"))
    sub_element(author, q("name"), config.title)
    sub_element(feed, q("generator"), "article-archive")
    for article in dated:
        path = urls.article_path(article)
        page = links.absolute(path) or links.public(path)
        entry = sub_element(feed, q("entry"))
        sub_element(entry, q("title"), article.title)
        sub_element(entry, q("link"), href=page)
        sub_element(entry, q("id"), entry_id(config, article))
        sub_element(entry, q("published"), dates.rfc3339(article.published))
        sub_element(entry, q("updated"), dates.rfc3339(article.updated or article.published))
        for name in article.authors:
            sub_element(sub_element(entry, q("author")), q("name"), name)
        for tag in article.tags:
            sub_element(entry, q("category"), term=tag)
        if article.rights:
            sub_element(entry, q("rights"), " ".join(article.rights))
        sub_element(entry, q("summary"), excerpts[article.slug])
        # Relative links and images in the content resolve against its page. The base goes on
        # the content alone: on the entry it would apply to the entry's own (relative) link too.
        sub_element(entry, q("content"), str(bodies[article.slug]), type="html", **{XML_BASE: page})
    return OutputFile(urls.FEED, xml_bytes(feed))


def sitemaps(archive: Archive, links: urls.Links, pages: list[str], lastmod: dict[str, str]) -> list[OutputFile]:
    """sitemap.xml (only with a base_url: it needs absolute URLs); an index above 50,000 URLs."""
    if archive.config.base_url is None:
        return []
    ET.register_namespace("", SITEMAP_NS)
    q = lambda tag: f"{{{SITEMAP_NS}}}{tag}"  # noqa: E731
    chunks = [pages[i : i + SITEMAP_LIMIT] for i in range(0, len(pages), SITEMAP_LIMIT)] or [[]]
    files = []
    for number, chunk in enumerate(chunks, start=1):
        urlset = ET.Element(q("urlset"))
        for path in chunk:
            url = sub_element(urlset, q("url"))
            sub_element(url, q("loc"), links.absolute(path))
            if path in lastmod:
                sub_element(url, q("lastmod"), lastmod[path])
        name = urls.SITEMAP if len(chunks) == 1 else f"sitemap-{number}.xml"
        files.append(OutputFile(name, xml_bytes(urlset)))
    if len(chunks) > 1:
        index = ET.Element(q("sitemapindex"))
        for file in files:
            sub_element(sub_element(index, q("sitemap")), q("loc"), links.absolute(file.path))
        files.append(OutputFile(urls.SITEMAP, xml_bytes(index)))
    return files


def robots(archive: Archive, links: urls.Links) -> OutputFile:
    lines = ["User-agent: *", "Allow: /"]
    if archive.config.base_url:
        lines.append(f"Sitemap: {links.absolute(urls.SITEMAP)}")
    return OutputFile(urls.ROBOTS, ("\n".join(lines) + "\n").encode())
