"""`archive build`: load the configuration; if the last build into the output was made from
these very inputs and the output is as it left it, report that; else run the stages (stages.py).

A build with nothing to do loads no parser, template engine or search code: this
module imports only what that check needs.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import replace
from typing import Callable, Iterator

from generator.incremental import cache, manifest as reuse, search_partner as search_side, snapshot
from generator.archive import config as config_mod
from generator.executors import local as workers
from generator.output import writer
from generator.job import Clock, Options, Progress, Result
from generator.archive.model import Problem, ProblemsFound

__all__ = ["Clock", "Options", "Progress", "Result", "build"]


def build(options: Options, environ: dict[str, str] | None = None, progress: Progress | None = None,
          waiting: Callable[[], None] | None = None) -> Result:
    """Build the site. Raises ProblemsFound (every problem at once), writer.UnsafeOutput, or
    OSError (the output could not be written: the previous site is untouched). Builds of one
    output take turns: `waiting()` is called if this one has to wait for another."""
    output = options.output or options.root / "site"
    writer.check_output(output)
    with _fewer_collections(), writer.lock(output, waiting):
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
    if not options.cache or problems:
        clock.lap("config")
        return _stages(options, output, config, clock, progress, manifest, None, problems)
    if output.parent.is_dir():
        writer.finish_leftovers(output)  # an interrupted commit is finished (and then differs from the manifest)
    # Whether the site is as the last build left it (an lstat of each of its 31,500 files at
    # 10k articles) is asked on the other core from here on: a build with nothing to do, and
    # one that patches an edit, wait for the answer only when they need it.
    intact = workers.Background(manifest.holds_all, output) if manifest.paths is not None else None
    try:
        inputs = snapshot.Snapshot(root, output, (config, options.lunr_index))
        if intact is not None:
            done = inputs.unchanged(manifest, intact)
            if done is not None:
                clock.lap("config")
                return Result(articles=done.articles, pages=done.pages, files=done.files, changed=0,
                              seconds=clock.elapsed(), output=output, timings=clock.timings,
                              base_url=config.base_url, unchanged=True)
            clock.lap("config")
            found = inputs.edited()
            if found is not None and 0 < len(found[1]) <= snapshot.PATCH_LIMIT:
                # The search side starts on the other core before the page code is even imported.
                search = search_side.start(root, output, manifest)
                try:
                    from generator.incremental import patch  # here: a build with nothing to do never loads it

                    with cache.opened(root, "bodies", options.cache) as store:
                        patched = patch.attempt(options, output, config, clock, manifest, inputs, store, found,
                                                intact, search)
                finally:
                    search.close()
                if patched is not None:
                    return patched
        else:
            clock.lap("config")
    finally:
        if intact is not None:
            intact.wait()
    manifest.site_intact = intact is not None and _answer(intact)
    return _stages(options, output, config, clock, progress, manifest, inputs, problems)


def _answer(check: workers.Background) -> bool:
    try:
        return bool(check.result())
    except Exception:
        return False


def _stages(options: Options, output, config, clock: Clock, progress: Progress | None, manifest: reuse.Manifest,
            inputs: snapshot.Snapshot | None, problems: list[Problem]) -> Result:
    from generator import pipeline as stages  # here: a build with nothing to do, or an edit patched, never loads them

    with cache.opened(options.root, "bodies", options.cache) as store:
        return stages.Stages(options, output, config, store, clock, progress, manifest, inputs).run(problems)
