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
import signal
from typing import Any, Callable, Iterator, Sequence

from generator.archive.model import Problem, ProblemsFound

MIN_PARALLEL = 64  # items; below this a fork costs more than it saves
CHUNKS_PER_JOB = 8  # enough chunks that both cores finish together

_task: tuple[Callable, Sequence, tuple] | None = None  # what forked workers call


CAN_FORK = hasattr(os, "fork")


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

        pid = _forked(child, *task, *result)
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
            pickle.dump(_outcome(_call, (chunks[int.from_bytes(number, "big")],)), out, protocol=5)
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

        def child() -> None:  # send the outcome
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump(_outcome(function, args), out, protocol=5)

        pid = _forked(child, read, write)
        if pid is None:  # no process to spare: the call is made here and now
            self._value = _outcome(function, args)
            return
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


class Partner:
    """A forked process that prepares on its own (`prepare(*args)`) while this one goes on,
    then answers one request: `answer(prepared, request)` returns a reply and a call to make
    after replying. `ask` sends the request and returns the reply (or raises the partner's
    failure); `finish` waits for the call after it (raising its failure); `close` ends the
    partner whatever its state. Without fork, all of it runs in this process when asked."""

    def __init__(self, prepare: Callable[..., Any], answer: Callable[[Any, Any], tuple[Any, Callable[[], Any]]],
                 *args: Any):
        self._prepare, self._answer, self._args = prepare, answer, args
        self._pid: int | None = None
        self._then: Callable[[], Any] | None = None
        if not CAN_FORK:
            return
        requests, replies = os.pipe(), os.pipe()

        def child() -> None:
            os.close(requests[1])
            os.close(replies[0])
            with os.fdopen(replies[1], "wb") as out:
                _partner(prepare, answer, args, requests[0], out)

        pid = _forked(child, *requests, *replies)
        if pid is None:  # no process to spare: all of it runs here when asked
            return
        os.close(requests[0])
        os.close(replies[1])
        self._pid, self._request, self._replies = pid, requests[1], os.fdopen(replies[0], "rb")

    def ask(self, request: Any) -> Any:
        if self._pid is None:
            reply, self._then = self._answer(self._prepare(*self._args), request)
            return reply
        data = pickle.dumps(request, protocol=5)
        view = memoryview(data)
        while view:
            view = view[os.write(self._request, view):]
        os.close(self._request)
        self._request = None
        return _raised(self._received())

    def finish(self) -> None:
        if self._pid is None:
            then, self._then = self._then, None
            if then is not None:
                then()
            return
        outcome = self._received()
        self.close()
        _raised(outcome)

    def close(self) -> None:
        """End the partner: unasked, at once (it has only read); asked, once its call is made."""
        if self._pid is None:
            return
        if self._request is not None:
            os.kill(self._pid, signal.SIGKILL)
            os.close(self._request)
            self._request = None
        self._replies.close()
        os.waitpid(self._pid, 0)
        self._pid = None

    def _received(self) -> tuple[bool, Any]:
        try:
            return pickle.load(self._replies)
        except Exception:  # the partner died before it could answer
            return False, RuntimeError(f"partner process {self._pid} ended without an answer")


def _forked(child: Callable[[], None], *pipes: int) -> int | None:
    """Fork a process that runs `child` and leaves without running the parent's cleanup. The
    child's pid; None if no process could be made (the pipes are then closed)."""
    gc.freeze()  # the child's collector would touch (and so copy) every page of ours
    try:
        pid = os.fork()
    except OSError:
        for fd in pipes:
            os.close(fd)
        return None
    finally:
        gc.unfreeze()
    if pid == 0:
        status = 1
        try:
            child()
            status = 0
        finally:
            os._exit(status)
    return pid


def _partner(prepare, answer, args: tuple, requests: int, out) -> None:
    prepared = _outcome(prepare, args)
    with os.fdopen(requests, "rb") as source:
        data = source.read()
    if not data:
        return  # not asked
    request = pickle.loads(data)
    outcome = _outcome(answer, (prepared[1], request)) if prepared[0] else prepared
    if not outcome[0]:
        pickle.dump(outcome, out, protocol=5)
        return
    reply, then = outcome[1]
    pickle.dump((True, reply), out, protocol=5)
    out.flush()
    pickle.dump(_outcome(then, ()), out, protocol=5)


def _raised(outcome: tuple[bool, Any]) -> Any:
    ok, value = outcome
    if not ok:
        raise value
    return value


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
