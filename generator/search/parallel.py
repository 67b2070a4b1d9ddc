"""Running a function over chunks of a large job in forked worker processes.

The job's data is put in `SHARED` before the workers are forked, so they
inherit it (copy-on-write) instead of receiving it pickled; only the chunk
arguments and the results cross between processes.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

PARALLEL_FROM = 500  # documents; below this, starting worker processes costs more than it saves

SHARED: object = None  # the data of the job being run, for the function in any process

T = TypeVar("T")
R = TypeVar("R")


def ranges(size: int, workers: int, largest: int) -> list[tuple[int, int]]:
    """`start, end` chunks of `range(size)` for `workers` processes: about 4 per worker so that
    they finish together, none larger than `largest`."""
    step = max(1, min(largest, -(-size // (workers * 4)) if workers > 1 else largest))
    return [(start, min(start + step, size)) for start in range(0, size, step)]


def fork_map(function: Callable[[T], R], chunks: Iterable[T], shared: object, workers: int) -> list[R]:
    """[function(chunk) for chunk in chunks], with `SHARED = shared`, in `workers` forked processes if > 1."""
    return list(fork_imap(function, chunks, shared, workers))


def fork_imap(function: Callable[[T], R], chunks: Iterable[T], shared: object, workers: int) -> Iterator[R]:
    """fork_map's results one by one, in order, as they are ready."""
    global SHARED
    if workers <= 1:
        for chunk in chunks:
            SHARED = shared
            try:
                result = function(chunk)
            finally:
                SHARED = None
            yield result
        return
    SHARED = shared
    # Frozen objects are left alone by the workers' garbage collector, which would
    # otherwise touch (and so copy) every page of the parent's objects.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        pool.submit(int).result()  # fork the workers now, while SHARED holds the job
    finally:
        gc.unfreeze()
        SHARED = None
    with pool:
        yield from pool.map(function, chunks)
