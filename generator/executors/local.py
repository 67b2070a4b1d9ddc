"""Spread a pure function over worker processes, in large chunks.

Workers are forked, so they inherit the parent's data (articles, templates,
the archive) for free instead of receiving it pickled; only each chunk's
result travels back. Results come back in whatever order chunks finish
(callers key them by index, never by arrival, so output stays deterministic),
or in order when asked.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from typing import Any, Callable, Iterator, Sequence

from generator.archive.model import Problem, ProblemsFound
from generator.executors import processes

MIN_PARALLEL = 64  # items; below this a fork costs more than it saves
CHUNKS_PER_JOB = 8  # enough chunks that both cores finish together

_task: tuple[Callable, Sequence, tuple] | None = None  # what forked workers call



def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class LocalPool:
    """The `Executor` of one machine: `run` over `jobs` forked worker processes."""

    remote = False  # the stages decide when forking pays (small work runs in this process)

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def map(self, function: Callable[..., Any], items: Sequence, shared: tuple,
            progress: Callable[[int], None] | None = None, *,
            chunks: Sequence[range] | None = None, ordered: bool = False) -> Iterator[Any]:
        return run(function, items, shared, self.jobs, progress, chunks=chunks, ordered=ordered)


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
    if jobs <= 1 or (chunks is None and count < MIN_PARALLEL) or not processes.CAN_FORK:
        yield from _in_turn(chunks if chunks is not None else [range(count)],
                            lambda indices: function(items, indices, *extra), progress)
        return
    if chunks is None:
        size = max(8, min(1000, -(-count // (jobs * CHUNKS_PER_JOB))))
        chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    _task = (function, items, extra)
    try:
        yield from _pooled(chunks, jobs, ordered, progress)
    finally:
        _task = None


class WorkerDied(ProblemsFound):
    """A worker process ended without its result: killed, or crashed in native code. The
    build fails with this message (a ProblemsFound, reported like the archive's problems)."""

    def __init__(self, reason: str, items: Sequence):
        shown = [s for s in (getattr(item, "shown", None) for item in items) if isinstance(s, str)]
        if len(shown) == 1:
            what = f" while it worked on {shown[0]}"
        elif shown:
            what = f" while it worked on one of {len(shown)} files, {shown[0]} to {shown[-1]}"
        else:
            what = ""
        self.reason, self.detail = reason, what
        super().__init__([Problem("archive", None, f"a worker process {reason}{what}; nothing was changed")])

    def during(self, stage: str) -> WorkerDied:
        """The same failure, naming the build's stage."""
        self.problems = [Problem("archive", None, f"a worker process {self.reason} in the {stage} stage"
                                 f"{self.detail}; nothing was changed")]
        return self


def _pooled(chunks: Sequence[range], jobs: int, ordered: bool,
            progress: Callable[[int], None] | None) -> Iterator[Any]:
    """`_call` of every chunk in `jobs` forked processes, each sent the next chunk's number
    when it answers. A process that dies is noticed at once (its pipe ends) and fails the
    run with WorkerDied, naming what its chunk held. (multiprocessing.Pool replaced a dead
    worker and waited forever for its chunk.)"""
    pids: dict[int, int] = {}  # result fd -> the process answering on it
    tasks: dict[int, int] = {}  # result fd -> the pipe its process reads chunk numbers from, until closed
    answers: dict[int, Any] = {}  # result fd -> its file
    for _ in range(min(jobs, len(chunks))):  # (`_forked` freezes the collector for each fork)
        task, result = os.pipe(), os.pipe()
        inherited = [*tasks.values(), *answers]  # ours: a child holding one would keep its pipe open

        def child(task=task, result=result, inherited=inherited) -> None:
            for fd in (task[1], result[0], *inherited):
                os.close(fd)
            _work(chunks, task[0], result[1])

        pid = processes.forked(child, *task, *result)
        if pid is None:
            break
        os.close(task[0])
        os.close(result[1])
        pids[result[0]], tasks[result[0]], answers[result[0]] = pid, task[1], os.fdopen(result[0], "rb")
    if not pids:  # no process to spare: all of it here
        yield from _in_turn(chunks, lambda chunk: _call(chunk)[0], progress)
        return
    import selectors  # here: a build with nothing to do, or one edit, forks no pool
    running: dict[int, int] = {}  # result fd -> the chunk number its process works on
    waiting = iter(range(len(chunks)))
    kept: dict[int, Any] = {}
    following = done = 0
    selector = selectors.DefaultSelector()

    def send(fd: int) -> None:  # the next chunk to the process on `fd`, or the end of its pipe
        number = next(waiting, None)
        if number is None:
            os.close(tasks.pop(fd))
            selector.unregister(fd)
        else:
            os.write(tasks[fd], number.to_bytes(4, "big"))
            running[fd] = number

    try:
        for fd in pids:
            selector.register(fd, selectors.EVENT_READ)
            send(fd)
        while running:
            for key, _ in selector.select():
                fd = key.fd
                number = running.pop(fd)
                try:
                    ok, value = pickle.load(answers[fd])
                except Exception:  # the end of the pipe, or a torn answer: the process died
                    raise WorkerDied(_death(pids[fd]), [_task[1][i] for i in chunks[number]]) from None
                if not ok:
                    raise value
                send(fd)
                value, length = value
                done += length
                if progress:
                    progress(done)
                if not ordered:
                    yield value
                    continue
                kept[number] = value
                while following in kept:
                    yield kept.pop(following)
                    following += 1
    finally:
        selector.close()
        for fd, pid in pids.items():
            if running:  # stopped early: end the others at once
                _kill(pid)
            if fd in tasks:
                os.close(tasks.pop(fd))
            answers[fd].close()
        for pid in pids.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _work(chunks: Sequence[range], tasks: int, results: int) -> None:
    """A worker process: answer each chunk number read from `tasks` until the pipe ends."""
    with os.fdopen(tasks, "rb", buffering=0) as source, os.fdopen(results, "wb") as out:
        while len(number := source.read(4)) == 4:
            pickle.dump(processes.outcome(_call, (chunks[int.from_bytes(number, "big")],)), out, protocol=5)
            out.flush()


def _death(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"was killed by {signal.Signals(-code).name}"
        return f"was killed by signal {-code}"
    return f"ended (exit status {code}) without its result"


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def even_chunks(count: int, jobs: int, largest: int) -> list[range]:
    """Chunks of `range(count)` for `jobs` processes: about 4 per process, so that they
    finish together, none larger than `largest`."""
    step = max(1, min(largest, -(-count // (jobs * 4)) if jobs > 1 else largest))
    return [range(start, min(start + step, count)) for start in range(0, count, step)]


def _in_turn(chunks: Sequence[range], call: Callable[[range], Any],
             progress: Callable[[int], None] | None) -> Iterator[Any]:
    """`call` of each chunk here, one after the other."""
    done = 0
    for chunk in chunks:
        value = call(chunk)
        done += len(chunk)
        if progress:
            progress(done)
        yield value


def _call(indices: range) -> tuple[Any, int]:
    assert _task is not None, "workers.run sets the task before forking"
    function, items, extra = _task
    return function(items, indices, *extra), len(indices)
