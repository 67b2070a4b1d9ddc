"""The orchestrator: the build's stages in the order they run.

load config -> read content -> assemble archive -> check assets and templates
-> article bodies (cached, in worker processes) -> check output paths
-> pages rendered straight into a staging folder (in worker processes)
-> search index, feeds, copies -> swap the staging folder in.
Nothing replaces the previous site unless every stage succeeded, and pages
are never all held in memory at once.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import (
    __version__, assets, bodies, cache, config as config_mod, content, dates, feeds, render, reuse, snapshot,
    templates, urls, workers, writer,
)
from generator.archive import assemble
from generator.model import OutputFile, Problem, ProblemsFound, Written
from generator.pages import PageBuilder
from generator.parsed import Parsed

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Options:
    root: Path
    output: Path | None = None  # default: ROOT/site
    lunr_index: bool = False  # write search/lunr-index.json even above lunr_index.DEFAULT_LIMIT
    base_url: str | None = None  # overrides archive.yaml
    pretty_urls: bool | None = None
    display_root: str = "."  # how the root is named in messages
    jobs: int | None = None  # worker processes; default: one per available core
    cache: bool = True  # keep pure steps' results in ROOT/.cache/build/


@dataclass(frozen=True)
class Result:
    articles: int
    pages: int  # HTML pages
    files: int
    changed: int
    seconds: float
    output: Path
    timings: dict[str, float] = field(default_factory=dict)
    rendered_bodies: int = 0  # bodies rendered from Markdown (the rest came from the cache)
    rendered_pages: int = 0  # pages rendered (the rest were kept from the previous build)
    searched: int = 0  # articles indexed for search (0: the previous index was kept whole)
    read: int = 0  # article files read and parsed (the rest were unchanged since the last build)
    base_url: str | None = None  # where the site will be hosted, from the config or the options
    unchanged: bool = False  # nothing to do: every input and output as the last build left them


class Clock:
    """Seconds spent in each stage, for `make bench` and the profile in benchmarks/RESULTS.md."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now


def build(options: Options, environ: dict[str, str] | None = None, progress: Progress | None = None) -> Result:
    """Build the site. Raises ProblemsFound (every problem at once) or writer.UnsafeOutput."""
    with _fewer_collections():
        return _build(options, environ, progress)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build makes hundreds of thousands of long-lived objects and little cyclic garbage. With
    Python's default thresholds, a one-edit rebuild of 10k articles ran 525 collections that
    walked them, 1.0-1.3 s of its 6 s; with these, 5 (0.3 s). Workers inherit them."""
    previous = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _build(options: Options, environ: dict[str, str] | None, progress: Progress | None) -> Result:
    clock = Clock()
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
    manifest = reuse.Manifest(root, output, options.cache)
    inputs = None
    if options.cache and not problems:
        inputs = snapshot.Snapshot(root, output, (config, options.lunr_index))
        if output.parent.is_dir():
            writer.finish_leftovers(output)  # an interrupted commit is finished (and then differs from the manifest)
        done = inputs.unchanged(manifest, output)
        if done is not None:
            clock.lap("config")
            return Result(articles=done.articles, pages=done.pages, files=done.files, changed=0,
                          seconds=time.perf_counter() - clock.started, output=output, timings=clock.timings,
                          base_url=config.base_url, unchanged=True)
    clock.lap("config")

    with cache.opened(root, "bodies", options.cache) as store:
        return _Build(options, output, config, store, clock, progress, manifest, inputs).run(problems)


class _Build:
    """The stages after reading, which share the body store, the worker count and the clock."""

    def __init__(self, options: Options, output: Path, config, store: cache.Store, clock: Clock,
                 progress: Progress | None, manifest: reuse.Manifest, inputs: snapshot.Snapshot | None):
        self.options, self.output, self.config, self.store = options, output, config, store
        self.manifest, self.inputs = manifest, inputs
        self.root, self.shown = options.root, options.display_root
        self.clock, self.progress = clock, progress
        self.jobs = options.jobs or workers.default_jobs()
        self.searched = 0
        self.search_state = reuse.state_path(self.root, output, "search") if options.cache else None
        self.new_state = None

    def _search(self, archive, html_of, digests, links, staging, manifest, entries) -> int:
        """Write the search files; return how many changed.

        The whole index is a function of every article's searchable fields and
        body: when their fingerprint matches the last build's, and its files are
        still the ones it wrote, they are kept and nothing is counted again.
        When a few articles changed and the last build's search state describes
        the files in the output, only the files of their terms are made again.
        """
        version = reuse.code_digest(links, self.options.lunr_index)
        fingerprint = reuse.Fingerprints(version).of(
            [digests[a.slug] for a in archive.articles]  # each: the article's file, flags and age
        )
        kept = manifest.kept_set(fingerprint, "search/", staging)
        if kept is not None:
            entries.update(kept)
            return 0
        from generator.search import index as search_index, state as search_state  # here: a no-op build never loads them

        keys = [digests[a.slug] for a in reversed(archive.articles)]  # in document id order

        def sink(file: OutputFile) -> tuple[int, list]:  # in a worker process: a file and its manifest entry
            changed, info = staging.put(file.path, file.data)
            return changed, reuse.entry(fingerprint, info)

        indexing = search_index.Indexing(
            archive, html_of, links, version, keys, self.options.lunr_index, self.jobs, sink
        )
        previous = search_state.load(self.search_state, version) if self.search_state else None
        made = None
        if previous is not None and manifest.intact(previous.fingerprint, previous.paths, staging.out):
            made = indexing.update(previous, lambda rel: (staging.out / rel).read_bytes())
        changed = 0
        for file in made if made is not None else indexing.build():
            if isinstance(file, Written):
                staging.adopt(file.path)
                changed += file.receipt[0]
                entries[file.path] = file.receipt[1]
                continue
            placed, info = staging.put(file.path, file.data)  # as they come: 100k articles' index is a GB
            changed += placed
            entries[file.path] = reuse.entry(fingerprint, info)
        for path in sorted(indexing.kept):
            staging.keep(path)
            entries[path] = [fingerprint, *manifest.entries[path][1:]]
        self.searched = indexing.searched
        self.new_state = indexing.state
        if self.new_state is not None:
            self.new_state.fingerprint = fingerprint
        return changed

    @staticmethod
    def _put(staging: writer.Staging, path: str, entries: dict, *, data: bytes | None = None,
             source: Path | None = None) -> int:
        """A feed or a copy. Its manifest entry has no fingerprint (it is always made again):
        only its status, so that a build with nothing to do can see it is still there."""
        changed, info = staging.put(path, data) if source is None else staging.copy(path, source)
        entries[path] = reuse.entry("", info)
        return changed

    def _save_search_state(self) -> None:
        """After the commit: the state that describes the search files now in the output, or none."""
        if self.search_state is None:
            return
        if self.new_state is not None:
            self.new_state.save(self.search_state)
        elif self.searched:  # the index was made again and is too large to keep: the old state is stale
            self.search_state.unlink(missing_ok=True)

    def _progress(self, stage: str, total: int) -> Callable[[int], None] | None:
        progress = self.progress
        return (lambda done: progress(stage, done, total)) if progress else None

    def run(self, problems: list[Problem]) -> Result:
        root, shown = self.root, self.shown
        # Bodies are rendered even when other problems were found, so that the
        # problems of the images they use are reported in the same run.
        sources = content.discover(root, shown)
        # Without the cache every file is read, and not even looked at (stat) for it.
        parsed = Parsed(root, repr(self.config.tzinfo), shown) if self.options.cache else None
        read = bodies.read_all(
            sources, self.config.tzinfo, self.store, self.jobs, self._progress("read", len(sources)), parsed
        )
        if parsed:
            parsed.save()
        articles, body_of = read.articles, read.bodies
        problems.extend(read.problems)
        self.clock.lap("read")

        archive = None
        try:
            archive = assemble(articles, self.config, shown)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
        env = templates.environment(root)
        problems.extend(render.check_templates(env, root, shown))
        images, found = assets.article_images(articles, root, shown)
        problems.extend(found)
        body_images, found = assets.body_images(articles, {s: b.images for s, b in body_of.items()}, root, shown)
        problems.extend(found)
        if problems:
            raise ProblemsFound(_ordered(problems))
        copies = list(dict.fromkeys(assets.static_files(root) + images + body_images))  # one file, one copy
        html_of = bodies.Html(
            self.store, body_of, root, {a.slug: a.file for a in articles}, self.config.tzinfo
        )

        links = urls.Links(pretty=self.config.pretty_urls, base_url=self.config.base_url)
        builder = PageBuilder(archive, html_of, {s: b.excerpt for s, b in body_of.items()}, links, __version__)
        pages = builder.all(read.digests)
        page_paths = pages.paths()
        files = [feeds.atom(archive, links, html_of, {s: i.excerpt for s, i in builder.items.items()})]
        lastmod = {
            urls.article_path(a): dates.iso(a.updated or a.published) for a in archive.articles if a.published
        }
        files.extend(feeds.sitemaps(archive, links, [p for p in page_paths if p != urls.NOT_FOUND], lastmod))
        files.append(feeds.robots(archive, links))
        _check_collisions([*page_paths, *(f.path for f in files)], copies, archive, shown)
        self.clock.lap("assemble")

        staging = writer.Staging(self.output)
        manifest = self.manifest
        base = reuse.base_digest(root, links, builder.site)
        try:
            done = render.Rendered()
            for share in workers.run(
                render.render_into, pages, (env, builder.site, links, staging, root, shown, base, manifest),
                self.jobs, self._progress("pages", len(pages)),
            ):
                done.add(share)
            if done.problems:
                raise ProblemsFound(_unique(done.problems))
            for path in done.paths:  # put or kept by the workers
                staging.adopt(path)
            self.clock.lap("render")

            changed = done.changed
            for file in files:
                changed += self._put(staging, file.path, done.entries, data=file.data)
            digests = pages.digests
            # The page contexts, feeds and paths are done with: at 100k articles they are
            # hundreds of MB that every search worker would otherwise start with.
            del pages, builder, page_paths, files
            changed += self._search(archive, html_of, digests, links, staging, manifest, done.entries)
            self.clock.lap("search")
            for copy in copies:
                changed += self._put(staging, copy.path, done.entries, source=copy.source)
            every = set(staging.written)
            changed += staging.commit(every, manifest.paths)
        except BaseException:
            staging.abort()
            raise
        manifest.save(done.entries, every)
        self._save_search_state()
        self.store.keep_only({body.key for body in body_of.values()})
        made = snapshot.Done(len(archive.articles), sum(1 for path in every if path.endswith(".html")), len(every))
        if self.inputs is not None:
            self.inputs.save(made)
        self.clock.lap("write")
        return Result(
            articles=made.articles,
            pages=made.pages,
            files=made.files,
            changed=changed,
            seconds=time.perf_counter() - self.clock.started,
            output=self.output,
            timings=self.clock.timings,
            rendered_bodies=read.rendered,
            rendered_pages=done.rendered,
            searched=self.searched,
            read=read.read,
            base_url=self.config.base_url,
        )


def _check_collisions(paths: Iterable[str], copies: Iterable[writer.Copy], archive, shown: str) -> None:
    """Two pages at one output path: name the articles whose folders are involved."""
    owners: dict[str, list[str]] = defaultdict(list)
    for path in [*paths, *(c.path for c in copies)]:
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


def _unique(problems: list[Problem]) -> list[Problem]:
    return _ordered(list({str(p): p for p in problems}.values()))


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
