"""Every page of the site, built from the archive: which pages there are (`AllPages`, in a fixed
order) and the context of each (`PageBuilder`; the context types are in contexts.py)."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from markupsafe import Markup

from generator.archive import dates, versions
from generator.archive.assemble import Archive, Group
from generator.archive.model import Article, PartialDate
from generator.render import diffs, urls

NEAR = 2  # a pager links the pages this close to its own, besides the first and the last
HOME_SOURCES = 8  # the home page names this many sources, the largest first

SECTION_TITLES = {"tags": "Tags", "authors": "Authors", "sources": "Sources", "flags": "Flags"}
from generator.render.contexts import (
    ArticlePage,
    DiffPage,
    History,
    HomePage,
    Item,
    ListingPage,
    NotFoundPage,
    Pager,
    SearchPage,
    SectionPage,
    SiteInfo,
    VersionPage,
    VersionView,
    article_page,
    item,
)


class PageBuilder:
    """Builds every page context for one archive. Holds no mutable state after __init__."""

    def __init__(
        self, archive: Archive, bodies: dict[str, object], excerpts: dict[str, str], links: urls.Links,
        version: str, stored_html: Callable[[str], object] | None = None,
    ):
        """`stored_html`: a body store entry's HTML (a version's body, a diff), as Markup."""
        self.archive = archive
        self.stored_html = stored_html
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
            self.history(article),
        )

    # --- versions ---------------------------------------------------------------

    def history(self, article: Article) -> History | None:
        """The article's captures, oldest first, with what each changed; None if it has none."""
        found = self.archive.versions.get(article.slug)
        if not found:
            return None
        views = []
        for number, version in enumerate(found, 1):
            change = self.archive.changes.get((article.slug, version.stamp))
            provenance = version.provenance
            views.append(VersionView(
                number=number, stamp=version.stamp,
                captured=PartialDate(version.moment.year, version.moment.month, version.moment.day, version.moment),
                path=urls.version_path(article, version.stamp),
                diff=urls.diff_path(article, version.stamp) if number > 1 else None,
                title=version.title,
                inserted=change.inserted if change else 0, deleted=change.deleted if change else 0,
                title_before=change.title_before if change else None,
                url=version.url, original=versions.original_of(provenance),
                original_name=str(provenance.get("file", "")).rsplit("/", 1)[-1],
                sha256=provenance.get("sha256"), record_id=provenance.get("record_id"),
                absolute=self.links.absolute(urls.version_path(article, version.stamp)),
            ))
        return History(tuple(views), urls.timemap_path(article, "link"), urls.timemap_path(article, "json"),
                       found[-1].url)

    def version(self, article: Article, number: int) -> VersionPage:
        """The page of the article's capture `number` (1: the first)."""
        history = self.history(article)
        view = history.versions[number - 1]
        stored = self.archive.versions[article.slug][number - 1]
        return VersionPage(path=view.path, item=self.items[article.slug], version=view,
                           body=self.stored_html(stored.body_key), history=history,
                           canonical=self.links.absolute(view.path))

    def diff(self, article: Article, number: int) -> DiffPage:
        """What capture `number` (2 or later) changed since the one before."""
        history = self.history(article)
        view, previous = history.versions[number - 1], history.versions[number - 2]
        change = self.archive.changes[(article.slug, view.stamp)]
        title_diff = None
        if view.title_before is not None:
            title_diff = Markup(diffs.words_html(view.title_before, view.title))  # its words escaped
        return DiffPage(path=view.diff, item=self.items[article.slug], version=view, previous=previous,
                        body=self.stored_html(change.key), title_diff=title_diff, history=history,
                        canonical=self.links.absolute(view.diff))

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
        found = builder.archive.versions
        # (article, capture number, "version" or "diff"): made when asked for, like article pages
        self.versions = [(a, n, kind) for a in self.articles for n in range(1, len(found.get(a.slug, ())) + 1)
                         for kind in ("version", "diff") if kind == "version" or n > 1]
        self.others = [*builder.listings(), *builder.sections(), builder.search(), builder.not_found()]

    def __len__(self) -> int:
        return 1 + len(self.articles) + len(self.versions) + len(self.others)

    def __getitem__(self, index: int) -> object:
        if index == 0:
            return self.home
        if index <= len(self.articles):
            return self.builder.article(self.articles[index - 1])
        index -= 1 + len(self.articles)
        if index < len(self.versions):
            article, number, kind = self.versions[index]
            return self.builder.version(article, number) if kind == "version" else self.builder.diff(article, number)
        return self.others[index - len(self.versions)]

    def version_at(self, index: int) -> tuple[Article, int, str] | None:
        """(article, capture number, kind) if pages[index] is a version or diff page."""
        index -= 1 + len(self.articles)
        return self.versions[index] if 0 <= index < len(self.versions) else None

    def path(self, index: int) -> str:
        if 1 <= index <= len(self.articles):
            return urls.article_path(self.articles[index - 1])
        found = self.version_at(index)
        if found is not None:
            return self._version_path(*found)
        return self[index].path

    def _version_path(self, article: Article, number: int, kind: str) -> str:
        stamp = self.builder.archive.versions[article.slug][number - 1].stamp
        return urls.version_path(article, stamp) if kind == "version" else urls.diff_path(article, stamp)

    def version_paths(self) -> list[str]:
        return [self._version_path(*v) for v in self.versions]

    def paths(self) -> list[str]:
        return [self.home.path, *(urls.article_path(a) for a in self.articles), *self.version_paths(),
                *(p.path for p in self.others)]


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
