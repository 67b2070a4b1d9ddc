"""Spread a pure function over worker processes, in large chunks.

Workers are forked, so they inherit the parent's data (articles, templates,
the archive) for free instead of receiving it pickled; only each chunk's
result travels back. Results come back in whatever order chunks finish:
callers key them by index, never by arrival, so output stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterator, Sequence

MIN_PARALLEL = 64  # items; below this a fork costs more than it saves
CHUNKS_PER_JOB = 8  # enough chunks that both cores finish together

_task: tuple[Callable, Sequence, tuple] | None = None  # what forked workers call


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(
    function: Callable[..., Any], items: Sequence, extra: tuple, jobs: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Any]:
    """Yield `function(items, indices, *extra)` for chunks of indices covering `items`."""
    global _task
    count = len(items)
    if jobs <= 1 or count < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        result = function(items, range(count), *extra)
        if progress:
            progress(count)
        yield result
        return
    size = max(8, min(1000, -(-count // (jobs * CHUNKS_PER_JOB))))
    chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    _task = (function, items, extra)
    pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        done = 0
        for result, length in pool.imap_unordered(_call, chunks):
            done += length
            if progress:
                progress(done)
            yield result
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _task = None


def _call(indices: range) -> tuple[Any, int]:
    assert _task is not None, "workers.run sets the task before forking"
    function, items, extra = _task
    return function(items, indices, *extra), len(indices)
