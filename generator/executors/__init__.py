"""How a stage's work is spread over processes.

A stage hands an executor a pure function, the items, and a context shared by
every call (`shared`: the archive, the templates, the staging folder). The
executor calls `function(items, indices, *shared)` over partitions of the
indices, and the stage keys what comes back by index, never by arrival, so the
output is the same whatever ran it. `LocalPool` forks workers, which get the
context for free; an executor on a cluster ships it once per worker.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Protocol, Sequence

from generator.executors.local import LocalPool, WorkerDied, default_jobs

__all__ = ["Executor", "LocalPool", "WorkerDied", "default_jobs"]


class Executor(Protocol):
    jobs: int

    def map(self, function: Callable[..., Any], items: Sequence, shared: tuple,
            progress: Callable[[int], None] | None = None) -> Iterator[Any]:
        """`function(items, indices, *shared)` for partitions of indices covering `items`, yielded
        as they finish. A worker lost on the way raises `WorkerDied`."""
        ...
