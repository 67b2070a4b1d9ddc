"""`archive build`: load the configuration; then the cheapest build that gives the right site:
nothing to do, a few edited articles patched in, or the full pipeline (pipeline.py).

A build with nothing to do loads no parser, template engine or search code: this
module imports only what that check needs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from generator.archive import config as config_mod
from generator.archive.model import Problem, ProblemsFound
from generator.incremental import LastBuild
from generator.job import Clock, Options, Progress, Result
from generator.output import folders, writer

__all__ = ["Clock", "Options", "Progress", "Result", "build"]


def build(options: Options, environ: dict[str, str] | None = None, progress: Progress | None = None,
          waiting: Callable[[], None] | None = None) -> Result:
    """Build the site. Raises ProblemsFound (every problem at once), writer.UnsafeOutput, or
    OSError (the output could not be written: the previous site is untouched). Builds of one
    output take turns: `waiting()` is called if this one has to wait for another."""
    output = options.output or options.root / "site"
    writer.check_output(output)
    with folders.lock(output, waiting):
        clock = Clock()
        config, problems = _config(options, environ)
        with LastBuild(options, output, (config, options.lunr_index), enabled=options.cache and not problems) as last:
            done = last.unchanged()
            clock.lap("config")
            if done is not None:
                return Result(articles=done.articles, pages=done.pages, files=done.files, changed=0,
                              seconds=clock.elapsed(), output=output, timings=clock.timings,
                              base_url=config.base_url, unchanged=True)
            patched = last.patched(config, clock)
            if patched is not None:
                return patched
        from generator import pipeline  # here: a build with nothing to do, or an edit patched, never loads it

        return pipeline.run(options, output, config, clock, progress, last, problems)


def _config(options: Options, environ: dict[str, str] | None) -> tuple[config_mod.Config, list[Problem]]:
    """The configuration, with the command line's overrides; or a stand-in and its problems."""
    root: Path = options.root
    try:
        config, problems = config_mod.load(root, options.display_root, environ), []
    except ProblemsFound as exc:
        config, problems = config_mod.Config(title=root.name, as_of=config_mod.default_as_of(environ)), exc.problems
    if options.base_url is not None:  # "": none, whatever archive.yaml says (the ZIM export)
        config = replace(config, base_url=config_mod.normalise_base_url(options.base_url) if options.base_url else None)
    if options.pretty_urls is not None:
        config = replace(config, pretty_urls=options.pretty_urls)
    return config, list(problems)
