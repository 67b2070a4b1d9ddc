"""The stages of a build that has work to do, after the configuration is loaded.

read content -> assemble archive -> check assets and templates
-> article bodies (cached, in worker processes) -> check output paths
-> pages rendered straight into a staging folder (in worker processes)
-> search index, feeds, copies -> swap the staging folder in.
Nothing replaces the previous site unless every stage succeeded, and pages
are never all held in memory at once.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import __version__, executors
from generator.archive import dates, layout
from generator.archive.assemble import assemble
from generator.archive.model import OutputFile, Problem, ProblemsFound
from generator.executors import processes
from generator.incremental import LastBuild, cache, keys, snapshot
from generator.incremental import manifest as manifests
from generator.incremental.body_store import Store
from generator.incremental.parse_cache import Parsed
from generator.job import Clock, Options, Progress, Result
from generator.load import bodies, content, versions
from generator.output import writer
from generator.render import assets, diffs, feeds, history, rendering, templates, urls
from generator.render.pages import PageBuilder


def run(options: Options, output: Path, config, clock: Clock, progress: Progress | None, last: LastBuild,
        problems: list[Problem]) -> Result:
    """The full build; `problems`: those found before it (the configuration's), reported with the rest."""
    with cache.opened(options.root, "bodies", options.cache) as store, contextlib.ExitStack() as spread:
        executor = spread.enter_context(executors.opened(options.executor, options.jobs, options.scheduler,
                                                         options.root / cache.FOLDER / "cluster"))
        clock.lap("executor")
        return Stages(options, output, config, store, clock, progress, last, executor, spread.close).run(problems)


class Stages:
    """One build's stages, which share the body store, the executor and the clock."""

    def __init__(self, options: Options, output: Path, config, store: Store, clock: Clock,
                 progress: Progress | None, last: LastBuild, executor: executors.Executor,
                 release: Callable[[], None] = lambda: None):
        """`release`: ends the executor once the last stage that needs it is done (a cluster's
        client threads are gone before the write stage forks)."""
        self.options, self.output, self.config, self.store = options, output, config, store
        self.manifest, self.inputs = last.manifest, last.inputs
        self.root, self.shown = options.root, options.display_root
        self.clock, self.progress = clock, progress
        self.executor, self.release = executor, release
        self.searched = 0
        self.last = last
        self.new_state = None
        self.search_fingerprint = ""

    def _search(self, archive, html_of, article_keys, links, staging, entries) -> int:
        """Write the search files; return how many changed.

        The whole index is a function of every article's searchable fields and
        body: when their fingerprint matches the last build's, and its files are
        still the ones it wrote, they are kept and nothing is counted again.
        When a few articles changed and the last build's search state describes
        the files in the output, only the files of their terms are made again.
        """
        version = keys.code_digest(links, self.options.lunr_index, self.config.language)  # (the articles' default)
        fingerprint = keys.Fingerprints(version).of([article_keys[a.slug] for a in archive.articles])
        self.search_fingerprint = fingerprint
        if self.last.keep_search(fingerprint, staging, entries):
            return 0
        from generator.search import index as search_index  # here: a build that keeps the index whole never loads it

        def sink(file: OutputFile) -> tuple[int, list]:  # in a worker process: a file and its manifest entry
            changed, info = staging.put(file.path, file.data)
            return changed, manifests.entry(manifests.SEARCH, info)

        indexing = search_index.Indexing(
            list(reversed(archive.articles)), archive.flags, html_of, links, version,
            [article_keys[a.slug] for a in reversed(archive.articles)], self.options.lunr_index,
            self.executor.jobs, sink, self.config.language, self.executor,
        )
        previous = self.last.previous_search_state(version)
        made = indexing.update(previous, lambda rel: (staging.out / rel).read_bytes()) if previous else None
        changed = manifests.place_search_files(made if made is not None else indexing.build(), staging, entries)
        staging.keep_all(indexing.kept)
        entries.update({path: self.manifest.entries[path] for path in indexing.kept})
        if indexing.state is not None:
            indexing.state.fingerprint = fingerprint
        self.searched = indexing.searched
        self.new_state = indexing.state
        return changed

    @staticmethod
    def _put(staging: writer.Staging, path: str, entries: dict, *, data: bytes | None = None,
             source: Path | None = None) -> int:
        """A feed or a copy. Its manifest entry has no fingerprint (it is always made again):
        only its status, so that a build with nothing to do can see it is still there."""
        changed, info = staging.put(path, data) if source is None else staging.copy(path, source)
        entries[path] = manifests.entry("", info)
        return changed

    def _progress(self, stage: str, total: int) -> Callable[[int], None] | None:
        progress = self.progress
        return (lambda done: progress(stage, done, total)) if progress else None

    def run(self, problems: list[Problem]) -> Result:
        root, shown = self.root, self.shown
        # Bodies are rendered even when other problems were found, so that the
        # problems of the images they use are reported in the same run.
        version_files: list = []
        sources = content.discover(root, shown, version_files)
        # Without the cache every file is read, and not even looked at (stat) for it.
        parsed = Parsed(root, repr(self.config.tzinfo), shown) if self.options.cache else None
        with _stage("read"):
            read = bodies.read_all(
                sources, self.config.tzinfo, self.store, self.executor, self._progress("read", len(sources)), parsed,
                [content.SourceFile(root / v.rel, v.rel, v.shown) for v in version_files],
            )
        if parsed:
            parsed.save()
        articles, body_of = read.articles, read.bodies
        problems.extend(read.problems)
        found_versions, found = versions.collect(version_files, read.versions, articles, root)
        problems.extend(found)
        with _stage("diffs"):
            changes = diffs.all_changes(found_versions, self.store, self.executor)
        self.clock.lap("read")

        archive = None
        try:
            archive = assemble(articles, self.config, shown, found_versions, changes)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
        env = templates.environment(root, self.options.cache)
        problems.extend(rendering.check_templates(env, root, shown))
        problems.extend(assets.static_problems(root, shown))
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
        builder = PageBuilder(archive, html_of, {s: b.excerpt for s, b in body_of.items()}, links, __version__,
                              bodies.Stored(self.store))
        pages = builder.all()
        page_keys = keys.PageKeys(pages, read.digests, read.shown)
        page_paths = pages.paths()
        files = [feeds.atom(self.config, feeds.newest(archive.articles), links, html_of,
                            {s: i.excerpt for s, i in builder.items.items()})]
        lastmod = {
            urls.article_path(a): dates.iso(a.updated or a.published) for a in archive.articles if a.published
        }
        unlisted = {urls.NOT_FOUND, *pages.version_paths()}  # (version and diff pages are `noindex`)
        files.extend(feeds.sitemaps(archive, links, [p for p in page_paths if p not in unlisted], lastmod))
        files.append(feeds.robots(archive, links))
        files.extend(history.timemaps(archive, links))
        files.extend(f for f in [history.changes(self.config, archive, links)] if f is not None)
        _check_collisions([*page_paths, *(f.path for f in files)], copies, archive, shown)
        self.clock.lap("assemble")

        staging = writer.Staging(self.output)
        manifest = self.manifest
        base = keys.base_digest(root, links, builder.site)
        try:
            done = rendering.Rendered()
            with _stage("pages"):
                for share in self.executor.map(
                    rendering.render_into, pages,
                    (rendering.Shared(env, builder.site, links, staging, root, shown,
                                      manifests.PageReuse(manifest, page_keys, base)),),
                    self._progress("pages", len(pages)),
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
            site, article_keys = builder.site, page_keys.own
            # The page contexts, feeds and paths are done with: at 100k articles they are
            # hundreds of MB that every search worker would otherwise start with.
            del pages, builder, page_keys, page_paths, files
            with _stage("search"):
                changed += self._search(archive, html_of, article_keys, links, staging, done.entries)
            self.release()
            self.clock.lap("search")
            for copy in copies:
                changed += self._put(staging, copy.path, done.entries, source=copy.source)
            every = set(staging.written)
            previous_records = self.last.forget_records()
            changed += staging.commit(every, manifest.paths, manifest.token, intact=manifest.site_intact)
        except BaseException:
            staging.abort()
            raise
        # The search state is written on the other core meanwhile; the snapshot, which tells the
        # next build what this one made, last.
        with processes.beside(self.last.save_search_state, self.new_state, self.searched):
            manifest.save(done.entries, every, {manifests.SEARCH: self.search_fingerprint})
            self.store.keep_only({body.key for body in body_of.values()}
                                 | {v.body_key for found in archive.versions.values() for v in found}
                                 | {change.key for change in archive.changes.values()})
            if self.inputs is not None and not (self.searched and self.new_state is None):
                # (without a search state no build could patch)
                self.last.save_records(archive, body_of, read.digests, read.shown, base, site, links,
                                       tuple(a.slug for a in feeds.newest(archive.articles)), previous_records)
        made = snapshot.Done.of(len(archive.articles), every)
        if self.inputs is not None:
            self.inputs.save(made)
        self.clock.lap("write")
        return Result(
            articles=made.articles,
            pages=made.pages,
            files=made.files,
            changed=changed,
            seconds=self.clock.elapsed(),
            output=self.output,
            timings=self.clock.timings,
            rendered_bodies=read.rendered,
            rendered_pages=done.rendered,
            searched=self.searched,
            read=read.read,
            base_url=self.config.base_url,
            cluster=self.executor.measures.report() if hasattr(self.executor, "measures") else {},
        )


@contextlib.contextmanager
def _stage(name: str) -> Iterator[None]:
    """A worker process that dies in the block fails the build naming the stage."""
    try:
        yield
    except executors.WorkerDied as exc:
        raise exc.during(name) from None


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
        where = layout.shown_path(shown, article.file) if article else "site"
        line = article.lines.get("slug") if article else None
        problems.append(Problem(where, line, f"two pages would be written to {path}; change the article's slug"))
    raise ProblemsFound(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    return _ordered(list({str(p): p for p in problems}.values()))


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
