"""A build job: what it is asked to do (Options), what it reports (Result), and the clock of its stages."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Options:
    root: Path
    output: Path | None = None  # default: ROOT/site
    lunr_index: bool = False  # write search/lunr-index.json even above lunr_index.DEFAULT_LIMIT
    base_url: str | None = None  # overrides archive.yaml ("": no base URL)
    pretty_urls: bool | None = None
    display_root: str = "."  # how the root is named in messages
    jobs: int | None = None  # worker processes; default: one per available core
    cache: bool = True  # keep pure steps' results in ROOT/.cache/build/
    executor: str = "local"  # where a full build's heavy stages run: "local" (forked processes) or "dask"
    scheduler: str | None = None  # the Dask scheduler's address; default: a LocalCluster of `jobs` workers


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
    patched: bool = False  # only article bodies changed: their pages, the feed and search files were made (patch.py)
    cluster: dict = field(default_factory=dict)  # on a cluster: bytes to and from the workers, their memory and CPU


class Clock:
    """Seconds spent in each stage, for `make bench` and the profile in benchmarks/RESULTS.md."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
