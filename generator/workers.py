"""Spread a pure function over worker processes, in large chunks.

Workers are forked, so they inherit the parent's data (articles, templates,
the archive) for free instead of receiving it pickled; only each chunk's
result travels back. Results come back in whatever order chunks finish
(callers key them by index, never by arrival, so output stays deterministic),
or in order when asked.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from typing import Any, Callable, Iterator, Sequence

MIN_PARALLEL = 64  # items; below this a fork costs more than it saves
CHUNKS_PER_JOB = 8  # enough chunks that both cores finish together

_task: tuple[Callable, Sequence, tuple] | None = None  # what forked workers call


CAN_FORK = hasattr(os, "fork")  # what multiprocessing's "fork" start method needs


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(
    function: Callable[..., Any], items: Sequence, extra: tuple, jobs: int,
    progress: Callable[[int], None] | None = None, *,
    chunks: Sequence[range] | None = None, ordered: bool = False,
) -> Iterator[Any]:
    """Yield `function(items, indices, *extra)` for chunks of indices covering `items`: the
    given `chunks` (each one call, also in one process), else chunks of this module's size
    (all at once in one process); in chunk order if `ordered`, else as they finish. Given
    chunks, the caller has chosen to go parallel: MIN_PARALLEL does not apply."""
    global _task
    count = len(items)
    if jobs <= 1 or (chunks is None and count < MIN_PARALLEL) or not CAN_FORK:
        done = 0
        for indices in chunks if chunks is not None else [range(count)]:
            result = function(items, indices, *extra)
            done += len(indices)
            if progress:
                progress(done)
            yield result
        return
    if chunks is None:
        size = max(8, min(1000, -(-count // (jobs * CHUNKS_PER_JOB))))
        chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    _task = (function, items, extra)
    # Frozen objects are left alone by the workers' garbage collector, which would
    # otherwise touch (and so copy) every page of the parent's objects.
    import multiprocessing  # here: a one-edit rebuild forks no pool, and the import took 10 ms

    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs)
    finally:
        gc.unfreeze()
    try:
        done = 0
        for result, length in (pool.imap if ordered else pool.imap_unordered)(_call, chunks):
            done += length
            if progress:
                progress(done)
            yield result
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _task = None


def even_chunks(count: int, jobs: int, largest: int) -> list[range]:
    """Chunks of `range(count)` for `jobs` processes: about 4 per process, so that they
    finish together, none larger than `largest`."""
    step = max(1, min(largest, -(-count // (jobs * 4)) if jobs > 1 else largest))
    return [range(start, min(start + step, count)) for start in range(0, count, step)]


def _call(indices: range) -> tuple[Any, int]:
    assert _task is not None, "workers.run sets the task before forking"
    function, items, extra = _task
    return function(items, indices, *extra), len(indices)


class Background:
    """One call in a forked process, on the other core while this one goes on; `result()`
    waits for it. Without fork, the call is made at once, in this process."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        self._pid: int | None = None
        self._value: tuple[bool, Any] | None = None
        if not CAN_FORK:
            self._value = _outcome(function, args)
            return
        read, write = os.pipe()
        gc.freeze()  # the child's collector would touch (and so copy) every page of ours
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the call is made here and now
            os.close(read)
            os.close(write)
            self._value = _outcome(function, args)
            return
        finally:
            gc.unfreeze()
        if pid == 0:  # the child: send the outcome, then leave without running the parent's cleanup
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    pickle.dump(_outcome(function, args), out, protocol=5)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        if self._value is None:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(self._pid, 0)
            try:
                self._value = pickle.loads(data)
            except Exception:  # the child died before it could answer
                self._value = (False, RuntimeError(f"background process {self._pid} ended without a result"))
        ok, value = self._value
        if not ok:
            raise value
        return value

    def wait(self) -> None:
        """Wait for the process to end, whatever its outcome (`result` raises a failure)."""
        try:
            self.result()
        except Exception:
            pass


@contextlib.contextmanager
def beside(function: Callable[..., Any], *args: Any) -> Iterator[Background]:
    """`function(*args)` in a `Background` process while the block runs. Leaving the block
    waits for it, and raises its failure unless the block failed first."""
    call = Background(function, *args)
    try:
        yield call
    except BaseException:
        call.wait()
        raise
    call.result()


def _outcome(function: Callable[..., Any], args: tuple) -> tuple[bool, Any]:
    try:
        return True, function(*args)
    except Exception as exc:  # sent back to be raised in the parent
        return False, exc
