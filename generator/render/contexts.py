"""Page contexts: one documented dataclass per page kind, built from the Archive.

A template receives exactly two variables: `site` (a SiteInfo) and `page` (one of
the dataclasses below). Links are site-relative output paths; templates turn them
into relative hrefs with `url(path)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.archive.assemble import source_name
from generator.archive.model import FLAGS, Article, Correction, PartialDate, Source
from generator.archive.slugs import make_slug
from generator.render import structured, urls
from generator.render.urls import is_remote

NEAR = 2  # a pager links the pages this close to its own, besides the first and the last
HOME_SOURCES = 8  # the home page names this many sources, the largest first

SECTION_TITLES = {"tags": "Tags", "authors": "Authors", "sources": "Sources", "flags": "Flags"}


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    language: str
    as_of: PartialDate  # the date the age policy compares against
    outdated_after: str | None  # e.g. "3 years"
    base_url: str | None
    sections: tuple[str, ...]  # sections that have at least one member
    generator: str  # "article-archive 0.1.0"


@dataclass(frozen=True)
class Item:
    """An article as it appears in a listing."""

    article: Article
    path: str
    flags: tuple[str, ...]
    excerpt: str
    sources: tuple[str, ...]  # source names


@dataclass(frozen=True)
class Banner:
    flag: str
    text: str
    detail: str | None = None


@dataclass(frozen=True)
class SourceView:
    name: str
    path: str  # the source's listing page
    source: Source


@dataclass(frozen=True)
class ImageView:
    local: str | None  # site path of an image the archive holds
    remote: str | None  # URL of an image it does not hold: linked, never loaded
    alt: str
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class VersionView:
    """One capture of an article, as its timeline lists it."""

    number: int  # 1: the first capture
    stamp: str  # YYYYMMDDhhmmss, UTC
    captured: PartialDate  # the capture time (minute precision, UTC)
    path: str  # its page
    diff: str | None  # the page of what changed since the capture before (None for the first)
    title: str
    inserted: int = 0  # words, since the capture before
    deleted: int = 0
    title_before: str | None = None  # the headline before, when this capture changed it
    url: str | None = None  # where it was captured from
    original: str | None = None  # where its input is kept, relative to the archive root (never published)
    original_name: str = ""  # the input's file name
    sha256: str | None = None  # of the input's bytes
    record_id: str | None = None  # the WARC record, for a WARC capture
    absolute: str | None = None  # its page's absolute URL, with a base_url


@dataclass(frozen=True)
class History:
    """An article's captures, oldest first, and where its Memento TimeMap is."""

    versions: tuple[VersionView, ...]
    timemap: str  # site path of the TimeMap in application/link-format
    timemap_json: str
    original: str | None  # the URL the article was captured from (Memento's original resource)


@dataclass(frozen=True)
class ArticlePage:
    path: str
    article: Article
    body: object  # Markup: sanitised HTML
    flags: tuple[str, ...]
    banners: tuple[Banner, ...]
    corrections: tuple[Correction, ...]
    authors: tuple[tuple[str, str], ...]  # (name, path of the author's page)
    tags: tuple[tuple[str, str], ...]  # (tag, path of the tag's page)
    sources: tuple[SourceView, ...]
    image: ImageView | None
    older: Item | None
    newer: Item | None
    description: str
    canonical: str | None
    structured_data: dict
    opengraph: tuple[tuple[str, str], ...]
    history: History | None = None
    correction_versions: tuple[VersionView | None, ...] = ()  # for each correction: the capture that shows it


@dataclass(frozen=True)
class VersionPage:
    """The permanent page of one capture of an article."""

    path: str
    item: Item  # the article as it is now
    version: VersionView
    body: object  # Markup: the capture's body
    history: History
    canonical: str | None = None


@dataclass(frozen=True)
class DiffPage:
    """What changed in one capture since the capture before: words inserted and deleted."""

    path: str
    item: Item
    version: VersionView
    previous: VersionView
    body: object  # Markup: the word diff (<ins>, <del>)
    title_diff: object | None  # Markup: the headline's word diff, when it changed
    history: History
    canonical: str | None = None


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    previous: str | None  # path of the previous page
    next: str | None
    first: str
    numbers: tuple[tuple[int, str], ...] = ()  # (number, path): the first, the last and those near this one


@dataclass(frozen=True)
class ListingPage:
    """A year, month, tag, author, source or flag listing, one page of it."""

    path: str
    kind: str  # year, month, undated, tags, authors, sources, flags
    title: str
    items: tuple[Item, ...]
    pager: Pager
    months: tuple[tuple[str, str, int], ...] = ()  # on year pages: (label, path, count)
    canonical: str | None = None
    # On tag, author, source and flag listings of several pages: (year, or month, its first page).
    jump: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HomePage:
    path: str
    items: tuple[Item, ...]  # the latest articles
    years: tuple[tuple[str, str, int], ...]  # (label, path, count), newest first
    total: int
    canonical: str | None = None
    flags: tuple[tuple[str, str, int], ...] = ()  # (flag, path, count) in banner order
    sources: tuple[tuple[str, str, int], ...] = ()  # (name, path, count): the largest sources
    source_count: int = 0  # how many sources in all
    span: str = ""  # "2019–2024": the years the dated articles cover


@dataclass(frozen=True)
class SectionPage:
    """The index of all tags, authors, sources or flags."""

    path: str
    section: str
    title: str
    groups: tuple[tuple[str, str, int], ...]  # (name, path, count)
    canonical: str | None = None


@dataclass(frozen=True)
class SearchPage:
    path: str
    root: str  # relative link from the search page to the site root, for result links
    filters: tuple[tuple[str, str], ...]  # (facet, label)
    canonical: str | None = None


@dataclass(frozen=True)
class NotFoundPage:
    path: str
    canonical: str | None = None


def item(article: Article, flags: tuple[str, ...], excerpt: str) -> Item:
    """An article as listings and its neighbours' pages show it (`excerpt`: of its body)."""
    return Item(
        article=article,
        path=urls.article_path(article),
        flags=flags,
        excerpt=article.summary or excerpt,
        sources=tuple(dict.fromkeys(source_name(s.name, s.url) for s in article.sources)),
    )


def article_page(article: Article, body: object, own: Item, outdated_reason: str | None, older: Item | None,
                 newer: Item | None, site: SiteInfo, links: urls.Links, history: History | None = None) -> ArticlePage:
    """The page of one article: its own item, the archive's verdict on it and its neighbours' items."""
    path = own.path
    image = _image(article)
    canonical = links.absolute(path)
    description = own.excerpt
    absolute_image = links.absolute(image.local) if image and image.local else None
    corrections = tuple(sorted(article.corrections, key=lambda c: c.date.sort_key()))
    made_by = tuple(_made_by(c, history) for c in corrections) if history else ()
    version_urls = tuple(links.absolute(v.path) if (v := _made_by(c, history)) else None
                         for c in article.corrections) if history else ()
    return ArticlePage(
        path=path,
        article=article,
        body=body,
        flags=own.flags,
        banners=tuple(Banner(flag, FLAGS[flag], outdated_reason if flag == "outdated" else None) for flag in own.flags),
        corrections=corrections,
        authors=tuple((n, urls.member_path("authors", make_slug(n))) for n in article.authors),
        tags=tuple((t, urls.member_path("tags", make_slug(t))) for t in article.tags),
        sources=tuple(
            SourceView(name, urls.member_path("sources", make_slug(name)), s)
            for s in article.sources
            for name in [source_name(s.name, s.url)]
        ),
        image=image,
        older=older,
        newer=newer,
        description=description,
        canonical=canonical,
        structured_data=structured.news_article(article, site, description, canonical, absolute_image,
                                                version_urls),
        opengraph=structured.opengraph(article, site, description, canonical, absolute_image),
        history=history,
        correction_versions=made_by,
    )


def _made_by(correction: Correction, history: History) -> VersionView | None:
    """The first capture made on or after the correction's day: the version that shows it."""
    day = correction.date.start().date()
    return next((v for v in history.versions if v.captured.moment.date() >= day), None)


def _image(article: Article) -> ImageView | None:
    image = article.image
    if image is None:
        return None
    local = remote = None
    if image.src:
        if is_remote(image.src):
            remote = image.src.strip()  # validated as http(s) by the schema
        else:
            local = f"{urls.article_dir(article)}/{PurePosixPath(image.src).name}"
    return ImageView(local, remote, image.alt or "", image.caption, image.credit)
