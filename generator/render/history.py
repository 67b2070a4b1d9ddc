"""The history of articles for machines: a Memento TimeMap per article (RFC 7089) and the changes feed.

Every article with versions has `<year>/<slug>/v/timemap.link` (application/link-format:
the original URL, the TimeMap itself, and each capture's page as a memento with its
datetime) and `timemap.json` (the same, in the JSON that Memento aggregators serve).
Links are absolute with a base_url, else relative to the TimeMap (RFC 6690 resolves
them against its URL), so they work from a folder too.

`changes.xml` (Atom) has one entry per new version (each capture after an article's first),
newest first, linking its diff page. It is made only for an archive that has versions.
"""

from __future__ import annotations

import email.utils
import json
import uuid
import xml.etree.ElementTree as ET

from generator.archive.assemble import Archive
from generator.archive.config import Config
from generator.archive.model import Article, OutputFile
from generator.render import feeds, urls

TYPE = "application/link-format"


def _http_date(moment) -> str:
    return email.utils.format_datetime(moment, usegmt=True)


def _iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def timemaps(archive: Archive, links: urls.Links) -> list[OutputFile]:
    files = []
    for article in archive.articles:
        found = archive.versions.get(article.slug)
        if found:
            files.extend(_timemap(article, found, links))
    return files


def _timemap(article: Article, found: tuple, links: urls.Links) -> list[OutputFile]:
    here = urls.timemap_path(article, "link")

    def link(path: str) -> str:
        return links.absolute(path) or links.href(here, path)

    original = found[-1].url or link(urls.article_path(article))
    mementos = [(link(urls.version_path(article, v.stamp)), v.moment) for v in found]
    lines = [f'<{original}>;rel="original"',
             f'<{link(here)}>;rel="self";type="{TYPE}";from="{_http_date(found[0].moment)}";'
             f'until="{_http_date(found[-1].moment)}"']
    for index, (uri, moment) in enumerate(mementos):
        rel = " ".join(word for word, on in (("first", index == 0), ("last", index == len(mementos) - 1)) if on)
        lines.append(f'<{uri}>;rel="{rel + " " if rel else ""}memento";datetime="{_http_date(moment)}"')
    link_format = ",\n".join(lines) + "\n"
    listed = [{"datetime": _iso(moment), "uri": uri} for uri, moment in mementos]
    data = {
        "original_uri": original,
        "timemap_uri": {"link_format": link(here), "json_format": link(urls.timemap_path(article, "json"))},
        "mementos": {"first": listed[0], "last": listed[-1], "list": listed},
    }
    return [OutputFile(here, link_format.encode()),
            OutputFile(urls.timemap_path(article, "json"),
                       (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())]


def changes(config: Config, archive: Archive, links: urls.Links) -> OutputFile | None:
    """The changes feed: the newest new versions (after each article's first capture), newest first."""
    if not archive.versions:
        return None
    by_slug = {a.slug: a for a in archive.articles}
    new = sorted(((v.moment, slug, v) for slug, found in archive.versions.items() for v in found[1:]),
                 key=lambda item: (item[0], item[1]), reverse=True)[: feeds.FEED_SIZE]
    ET.register_namespace("", feeds.ATOM)
    q = lambda tag: f"{{{feeds.ATOM}}}{tag}"  # noqa: E731
    feed = ET.Element(q("feed"), {"xml:lang": config.language})
    feed_id = config.base_url + urls.CHANGES if config.base_url else uuid.uuid5(
        uuid.NAMESPACE_URL, f"article-archive:{config.title}#changes").urn
    feeds.sub_element(feed, q("title"), f"{config.title}: changes")
    feeds.sub_element(feed, q("subtitle"), "New versions of articles: what changed in each capture since the one before.")
    feeds.sub_element(feed, q("id"), feed_id)
    feeds.sub_element(feed, q("updated"), _iso(new[0][0]) if new else f"{config.as_of.isoformat()}T00:00:00Z")
    feeds.sub_element(feed, q("link"), href=links.absolute(urls.HOME) or links.public(urls.HOME) or "./")
    if config.base_url:
        feeds.sub_element(feed, q("link"), rel="self", href=links.absolute(urls.CHANGES))
    feeds.sub_element(feeds.sub_element(feed, q("author")), q("name"), config.title)
    feeds.sub_element(feed, q("generator"), "article-archive")
    for moment, slug, version in new:
        article = by_slug[slug]
        change = archive.changes.get((slug, version.stamp))
        path = urls.diff_path(article, version.stamp)
        entry = feeds.sub_element(feed, q("entry"))
        feeds.sub_element(entry, q("title"), f"Changed: {version.title}")
        feeds.sub_element(entry, q("link"), href=links.absolute(path) or links.public(path))
        feeds.sub_element(entry, q("id"), uuid.uuid5(uuid.NAMESPACE_URL, f"{feed_id}#{urls.article_path(article)}"
                                                                f"#{version.stamp}").urn)
        feeds.sub_element(entry, q("updated"), _iso(moment))
        feeds.sub_element(entry, q("summary"), summary(change))
    return OutputFile(urls.CHANGES, feeds.xml_bytes(feed))


def summary(change) -> str:
    if change is None or not change.changed:
        return "Captured again; nothing changed."
    words = f"{change.inserted} word{'s' if change.inserted != 1 else ''} inserted, {change.deleted} deleted"
    if change.title_before is not None:
        return f"The headline changed (it was “{change.title_before}”); {words}."
    return words[0].upper() + words[1:] + "."
