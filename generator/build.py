"""The orchestrator: the build's stages in the order they run.

load config -> read content -> assemble archive -> check assets and templates
-> render everything to memory -> check output paths -> write once.
Nothing is written unless every earlier stage succeeded.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import __version__, assets, config as config_mod, content, dates, feeds, markdown, render, templates, urls, writer
from generator.archive import assemble
from generator.model import OutputFile, Problem, ProblemsFound
from generator.pages import PageBuilder
from generator.search import index as search_index

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Options:
    root: Path
    output: Path | None = None  # default: ROOT/site
    lunr_index: bool = False  # write search/lunr-index.json even above lunr_index.DEFAULT_LIMIT
    base_url: str | None = None  # overrides archive.yaml
    pretty_urls: bool | None = None
    display_root: str = "."  # how the root is named in messages


@dataclass(frozen=True)
class Result:
    articles: int
    pages: int  # HTML pages
    files: int
    changed: int
    seconds: float
    output: Path
    timings: dict[str, float] = field(default_factory=dict)


def build(options: Options, environ: dict[str, str] | None = None, progress: Progress | None = None) -> Result:
    """Build the site. Raises ProblemsFound (every problem at once) or writer.UnsafeOutput."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = [started]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        timings[stage] = now - clock[0]
        clock[0] = now

    root, shown = options.root, options.display_root
    output = options.output or root / "site"
    writer.check_output(output)
    problems: list[Problem] = []

    try:
        config = config_mod.load(root, shown, environ)
    except ProblemsFound as exc:
        problems.extend(exc.problems)
        config = config_mod.Config(title=root.name, as_of=config_mod.default_as_of(environ))
    if options.base_url is not None:
        config = replace(config, base_url=config_mod.normalise_base_url(options.base_url))
    if options.pretty_urls is not None:
        config = replace(config, pretty_urls=options.pretty_urls)
    lap("config")

    articles, found = content.load(root, shown, config.tzinfo)
    problems.extend(found)
    lap("read")

    archive = None
    try:
        archive = assemble(articles, config, shown)
    except ProblemsFound as exc:
        problems.extend(exc.problems)
    env = templates.environment(root)
    problems.extend(render.check_templates(env, root, shown))
    images, found = assets.article_images(articles, root, shown)
    problems.extend(found)
    lap("assemble")

    # Bodies are rendered even when other problems were found, so that the
    # problems of the images they use are reported in the same run.
    md = markdown.new_renderer()
    bodies = {}
    for number, article in enumerate(articles, start=1):
        bodies[article.slug] = markdown.render(md, article.body)
        if progress:
            progress("markdown", number, len(articles))
    body_images, found = assets.body_images(articles, bodies, root, shown)
    problems.extend(found)
    if problems:
        raise ProblemsFound(_ordered(problems))
    copies = list(dict.fromkeys(assets.static_files(root) + images + body_images))  # one file, one copy
    lap("markdown")

    links = urls.Links(pretty=config.pretty_urls, base_url=config.base_url)
    builder = PageBuilder(archive, bodies, links, __version__)
    pages = list(_all_pages(builder))
    files: list[OutputFile] = []
    for number, file in enumerate(render.render_pages(env, builder.site, pages, links, root, shown), start=1):
        files.append(file)
        if progress:
            progress("pages", number, len(pages))
    html_pages = [f.path for f in files if f.path != urls.NOT_FOUND]
    excerpts = {slug: item.excerpt for slug, item in builder.items.items()}
    files.append(feeds.atom(archive, links, bodies, excerpts))
    lastmod = {
        urls.article_path(a): dates.iso(a.updated or a.published) for a in archive.articles if a.published
    }
    files.extend(feeds.sitemaps(archive, links, html_pages, lastmod))
    files.append(feeds.robots(archive, links))
    lap("render")

    files.extend(search_index.files(archive, bodies, links, lunr=options.lunr_index))
    lap("search")

    _check_collisions(files, copies, archive, shown)
    result = writer.write(files, copies, output)
    lap("write")
    return Result(
        articles=len(archive.articles),
        pages=sum(1 for f in files if f.path.endswith(".html")),
        files=result.files,
        changed=result.changed,
        seconds=time.perf_counter() - started,
        output=output,
        timings=timings,
    )


def _all_pages(builder: PageBuilder) -> Iterator[object]:
    yield builder.home()
    yield from builder.articles()
    yield from builder.listings()
    yield from builder.sections()
    yield builder.search()
    yield builder.not_found()


def _check_collisions(files: Iterable[OutputFile], copies: Iterable[writer.Copy], archive, shown: str) -> None:
    """Two pages at one output path: name the articles whose folders are involved."""
    owners: dict[str, list[str]] = defaultdict(list)
    for path in [f.path for f in files] + [c.path for c in copies]:
        owners[path].append(path)
    clashes = sorted(path for path, hits in owners.items() if len(hits) > 1)
    if not clashes:
        return
    by_dir = {urls.article_dir(a): a for a in archive.articles}
    problems = []
    for path in clashes:
        folder = path.rsplit("/", 1)[0]
        article = by_dir.get(folder)
        where = content.shown_path(shown, article.file) if article else "site"
        line = article.lines.get("slug") if article else None
        problems.append(Problem(where, line, f"two pages would be written to {path}; change the article's slug"))
    raise ProblemsFound(problems)


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
