"""How a stage's work is spread over processes.

A stage hands an executor a pure function, the items, and a context shared by
every call (`shared`: the archive, the templates, the staging folder). The
executor calls `function(items, indices, *shared)` over partitions of the
indices, and the stage keys what comes back by index, never by arrival, so the
output is the same whatever ran it. `LocalPool` forks workers, which get the
context for free; an executor on a cluster ships it once per worker.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence

from generator.executors.local import LocalPool, WorkerDied, default_jobs

__all__ = ["Executor", "LocalPool", "WorkerDied", "default_jobs", "opened", "KINDS"]

KINDS = ("local", "dask")


class Executor(Protocol):
    jobs: int  # workers
    remote: bool  # False: the local pool, which stages may skip for small work

    def map(self, function: Callable[..., Any], items: Sequence, shared: tuple,
            progress: Callable[[int], None] | None = None, *,
            chunks: Sequence[range] | None = None, ordered: bool = False) -> Iterator[Any]:
        """`function(items, indices, *shared)` for partitions of indices covering `items` (the
        given `chunks`, else the executor's), yielded as they finish (in chunk order if
        `ordered`). A worker lost on the way raises `WorkerDied`, or is replaced."""
        ...


@contextlib.contextmanager
def opened(kind: str, jobs: int | None = None, scheduler: str | None = None,
           shared: Path | None = None) -> Iterator[Executor]:
    """The executor a build asked for: the local pool, or a Dask cluster (the one at `scheduler`,
    else a LocalCluster of `jobs` worker processes), closed when the block ends. `shared`: a
    folder of the build's on the path every worker shares, where a cluster's steps leave their
    contexts for the workers to read."""
    if kind == "local":
        yield LocalPool(jobs)
        return
    from generator.executors.cluster import DaskPool  # here: only a Dask build loads Dask

    with DaskPool(scheduler, jobs, shared) as pool:
        yield pool
