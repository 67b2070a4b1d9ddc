"""Machine-readable descriptions of an article: schema.org NewsArticle and OpenGraph.

Dates keep their precision (`"datePublished": "2020"` when only the year is
known); nothing here invents a day the archive does not know.
"""

from __future__ import annotations

from typing import Any, Protocol

from generator.archive import dates
from generator.archive.assemble import source_name
from generator.archive.model import Article


class _Site(Protocol):
    title: str
    language: str


def news_article(
    article: Article, site: _Site, description: str, canonical: str | None, image: str | None,
    correction_urls: tuple[str | None, ...] = (),
) -> dict[str, Any]:
    """`correction_urls`: for each correction, the absolute URL of the version that made it."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.lang or site.language,
    }
    if description:
        data["description"] = description
    if canonical:
        data["url"] = canonical
    if article.published:
        data["datePublished"] = dates.iso(article.published)
    if article.updated:
        data["dateModified"] = dates.iso(article.updated)
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.dateline:
        data["locationCreated"] = article.dateline
    based_on = []
    for source in article.sources:
        work: dict[str, Any] = {"@type": "CreativeWork", "name": source_name(source.name, source.url)}
        if source.url:
            work["url"] = source.url
        if source.published:
            work["datePublished"] = dates.iso(source.published)
        if source.archived_at:
            work["archivedAt"] = source.archived_at
        based_on.append(work)
    if based_on:
        data["isBasedOn"] = based_on
    archived = [s.archived_at for s in article.sources if s.archived_at]
    if archived:
        data["archivedAt"] = archived
    if article.rights:
        data["copyrightNotice"] = " ".join(article.rights)
    if article.image:
        picture: dict[str, Any] = {"@type": "ImageObject"}
        if image:
            picture["contentUrl"] = image
        if article.image.caption:
            picture["caption"] = article.image.caption
        if article.image.credit:
            picture["creditText"] = article.image.credit
        data["image"] = picture
        if article.image.credit:
            data["creditText"] = article.image.credit
    if article.corrections:
        data["correction"] = []
        for index, c in enumerate(article.corrections):
            comment = {"@type": "CorrectionComment", "text": c.text, "datePublished": dates.iso(c.date)}
            if index < len(correction_urls) and correction_urls[index]:
                comment["url"] = correction_urls[index]
            data["correction"].append(comment)
    return data


def opengraph(
    article: Article, site: _Site, description: str, canonical: str | None, image: str | None
) -> tuple[tuple[str, str], ...]:
    tags = [
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:site_name", site.title),
    ]
    if description:
        tags.append(("og:description", description))
    if canonical:
        tags.append(("og:url", canonical))
    if image:
        tags.append(("og:image", image))
        if article.image and article.image.alt:
            tags.append(("og:image:alt", article.image.alt))
    if article.published:
        tags.append(("article:published_time", dates.iso(article.published)))
    if article.updated:
        tags.append(("article:modified_time", dates.iso(article.updated)))
    tags.extend(("article:author", name) for name in article.authors)
    tags.extend(("article:tag", tag) for tag in article.tags)
    return tuple(tags)
