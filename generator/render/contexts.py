"""Page contexts: one documented dataclass per page kind, built from the Archive.

A template receives exactly two variables: `site` (a SiteInfo) and `page` (one of
the dataclasses below). Links are site-relative output paths; templates turn them
into relative hrefs with `url(path)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterator, Sequence

from generator.archive import dates
from generator.archive.assemble import Archive, Group, source_name
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
                 newer: Item | None, site: SiteInfo, links: urls.Links) -> ArticlePage:
    """The page of one article: its own item, the archive's verdict on it and its neighbours' items."""
    path = own.path
    image = _image(article)
    canonical = links.absolute(path)
    description = own.excerpt
    absolute_image = links.absolute(image.local) if image and image.local else None
    return ArticlePage(
        path=path,
        article=article,
        body=body,
        flags=own.flags,
        banners=tuple(Banner(flag, FLAGS[flag], outdated_reason if flag == "outdated" else None) for flag in own.flags),
        corrections=tuple(sorted(article.corrections, key=lambda c: c.date.sort_key())),
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
        structured_data=structured.news_article(article, site, description, canonical, absolute_image),
        opengraph=structured.opengraph(article, site, description, canonical, absolute_image),
    )


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


class PageBuilder:
    """Builds every page context for one archive. Holds no mutable state after __init__."""

    def __init__(
        self, archive: Archive, bodies: dict[str, object], excerpts: dict[str, str], links: urls.Links,
        version: str,
    ):
        self.archive = archive
        self.bodies = bodies
        self.excerpts = excerpts
        self.links = links
        config = archive.config
        day = config.as_of
        self.site = SiteInfo(
            title=config.title,
            description=config.description,
            language=config.language,
            as_of=PartialDate(day.year, day.month, day.day),
            outdated_after=str(config.outdated_after) if config.outdated_after else None,
            base_url=config.base_url,
            sections=tuple(s for s in urls.SECTIONS if archive.sections[s]),
            generator=f"article-archive {version}",
        )
        self.items = {a.slug: self._item(a) for a in archive.articles}

    def _item(self, article: Article) -> Item:
        return item(article, self.archive.flags[article.slug], self.excerpts[article.slug])

    # --- articles ---------------------------------------------------------------

    def articles(self) -> Iterator[ArticlePage]:
        for article in self.archive.articles:
            yield self.article(article)

    def article(self, article: Article, body: object | None = None) -> ArticlePage:
        """The page of one article; `body` stands in for the HTML when only a fingerprint is wanted."""
        slug = article.slug
        older, newer = self.archive.older[slug], self.archive.newer[slug]
        return article_page(
            article, self.bodies[slug] if body is None else body, self.items[slug],
            self.archive.outdated_reason.get(slug),
            self.items[older] if older else None, self.items[newer] if newer else None, self.site, self.links,
        )

    # --- listings ---------------------------------------------------------------

    def _paged(self, first: str, slugs: tuple[str, ...], jump: bool = False, **fields) -> Iterator[ListingPage]:
        per = self.archive.config.per_page
        count = max(1, -(-len(slugs) // per))
        if jump and count > 1:
            fields["jump"] = self._jump(first, slugs, per)
        for number in range(1, count + 1):
            path = urls.page_path(first, number)
            near = {1, count, *range(max(1, number - NEAR), min(count, number + NEAR) + 1)}
            pager = Pager(
                number=number,
                count=count,
                previous=urls.page_path(first, number - 1) if number > 1 else None,
                next=urls.page_path(first, number + 1) if number < count else None,
                first=first,
                numbers=tuple((n, urls.page_path(first, n)) for n in sorted(near)),
            )
            chunk = slugs[(number - 1) * per : number * per]
            yield ListingPage(
                path=path,
                items=tuple(self.items[s] for s in chunk),
                pager=pager,
                canonical=self.links.absolute(path),
                **fields,
            )

    def _jump(self, first: str, slugs: tuple[str, ...], per: int) -> tuple[tuple[str, str], ...]:
        """Where each year begins in a listing (newest first), or each month when it spans one year."""
        dated = [(i, self.items[s].article.published) for i, s in enumerate(slugs)]
        dated = [(i, d) for i, d in dated if d is not None]
        by_month = len({d.year for _, d in dated}) == 1
        starts: dict[str, int] = {}
        for index, day in dated:
            label = _month_label(day.year, day.month) if by_month and day.month else str(day.year)
            starts.setdefault(label, index)
        if len(starts) < 2:
            return ()
        return tuple((label, urls.page_path(first, index // per + 1)) for label, index in starts.items())

    def listings(self) -> Iterator[ListingPage]:
        archive = self.archive
        for year in sorted(archive.years, key=lambda y: -1 if y is None else y, reverse=True):
            slugs = archive.years[year]
            if year is None:
                yield from self._paged(urls.year_path(None), slugs, kind="undated", title="Undated articles")
                continue
            months = tuple(
                (_month_label(year, month), urls.month_path(year, month), len(archive.months[(year, month)]))
                for (y, month) in sorted(archive.months, reverse=True)
                if y == year
            )
            yield from self._paged(urls.year_path(year), slugs, kind="year", title=str(year), months=months)
        for (year, month), slugs in sorted(archive.months.items(), reverse=True):
            yield from self._paged(
                urls.month_path(year, month), slugs, kind="month", title=_month_label(year, month)
            )
        for section in urls.SECTIONS:
            for group in archive.sections[section].values():
                yield from self._paged(
                    urls.member_path(section, group.key),
                    group.slugs,
                    kind=section,
                    title=_group_title(section, group),
                    jump=True,
                )

    def sections(self) -> Iterator[SectionPage]:
        for section in self.site.sections:
            groups = list(self.archive.sections[section].values())
            if section != "flags":  # flags keep banner order; names are alphabetical
                groups.sort(key=lambda g: (g.name.casefold(), g.key))
            path = urls.section_path(section)
            yield SectionPage(
                path=path,
                section=section,
                title=SECTION_TITLES[section],
                groups=tuple(
                    (g.name, urls.member_path(section, g.key), len(g.slugs)) for g in groups
                ),
                canonical=self.links.absolute(path),
            )

    def home(self) -> HomePage:
        archive = self.archive
        years = tuple(
            ("Undated" if year is None else str(year), urls.year_path(year), len(slugs))
            for year, slugs in sorted(
                archive.years.items(), key=lambda kv: -1 if kv[0] is None else kv[0], reverse=True
            )
        )
        latest = tuple(self.items[a.slug] for a in archive.articles[: archive.config.per_page])
        sources = sorted(archive.sections["sources"].values(), key=lambda g: (-len(g.slugs), g.name.casefold(), g.key))
        dated = [int(label) for label, _, _ in years if label != "Undated"]
        span = "" if not dated else str(dated[0]) if len(set(dated)) == 1 else f"{min(dated)}–{max(dated)}"
        return HomePage(
            path=urls.HOME,
            items=latest,
            years=years,
            total=len(archive.articles),
            canonical=self.links.absolute(urls.HOME),
            flags=tuple(
                (g.name, urls.member_path("flags", g.key), len(g.slugs)) for g in archive.sections["flags"].values()
            ),
            sources=tuple(
                (g.name, urls.member_path("sources", g.key), len(g.slugs)) for g in sources[:HOME_SOURCES]
            ),
            source_count=len(sources),
            span=span,
        )

    def search(self) -> SearchPage:
        root = self.links.href(urls.SEARCH, urls.HOME)
        return SearchPage(
            path=urls.SEARCH,
            root=root if root.endswith("/") else root.rsplit("/", 1)[0] + "/",
            filters=(("year", "Year"), ("tag", "Tag"), ("source", "Source"), ("flag", "Flag")),
            canonical=self.links.absolute(urls.SEARCH),
        )

    def not_found(self) -> NotFoundPage:
        return NotFoundPage(path=urls.NOT_FOUND)

    def all(self) -> "AllPages":
        return AllPages(self)


class AllPages(Sequence):
    """Every page of the site in a fixed order (the home page, articles, the rest).

    Article pages are made when asked for, and the sequence is indexable, so
    that worker processes can each make their own share of the pages.
    """

    def __init__(self, builder: PageBuilder):
        self.builder = builder
        self.home = builder.home()
        self.articles = builder.archive.articles
        self.others = [*builder.listings(), *builder.sections(), builder.search(), builder.not_found()]

    def __len__(self) -> int:
        return 1 + len(self.articles) + len(self.others)

    def __getitem__(self, index: int) -> object:
        if index == 0:
            return self.home
        if index <= len(self.articles):
            return self.builder.article(self.articles[index - 1])
        return self.others[index - 1 - len(self.articles)]

    def path(self, index: int) -> str:
        if 1 <= index <= len(self.articles):
            return urls.article_path(self.articles[index - 1])
        return self[index].path

    def paths(self) -> list[str]:
        return [self.home.path, *(urls.article_path(a) for a in self.articles), *(p.path for p in self.others)]


def _month_label(year: int, month: int) -> str:
    return dates.display(PartialDate(year, month))


def _group_title(section: str, group: Group) -> str:
    if section == "tags":
        return f"Tagged “{group.name}”"
    if section == "authors":
        return f"By {group.name}"
    if section == "sources":
        return f"From {group.name}"
    return f"{group.name} articles"
