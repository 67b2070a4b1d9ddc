"""Processes beside the build: one call on the other core (`Background`, `beside`), and a
partner that prepares while the build goes on and then answers one request (`Partner`).

Forked, so they start with the build's data; each leaves by `os._exit`, never
running the parent's cleanup.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from typing import Any, Callable, Iterator

CAN_FORK = hasattr(os, "fork")


class Background:
    """One call in a forked process, on the other core while this one goes on; `result()`
    waits for it. Without fork, the call is made at once, in this process."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        self._pid: int | None = None
        self._value: tuple[bool, Any] | None = None
        if not CAN_FORK:
            self._value = outcome(function, args)
            return
        read, write = os.pipe()

        def child() -> None:  # send the outcome
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump(outcome(function, args), out, protocol=5)

        pid = forked(child, read, write)
        if pid is None:  # no process to spare: the call is made here and now
            self._value = outcome(function, args)
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

        pid = forked(child, *requests, *replies)
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
        received = self._received()
        self.close()
        _raised(received)

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


def forked(child: Callable[[], None], *pipes: int) -> int | None:
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
    prepared = outcome(prepare, args)
    with os.fdopen(requests, "rb") as source:
        data = source.read()
    if not data:
        return  # not asked
    request = pickle.loads(data)
    answered = outcome(answer, (prepared[1], request)) if prepared[0] else prepared
    if not answered[0]:
        pickle.dump(answered, out, protocol=5)
        return
    reply, then = answered[1]
    pickle.dump((True, reply), out, protocol=5)
    out.flush()
    pickle.dump(outcome(then, ()), out, protocol=5)


def _raised(result: tuple[bool, Any]) -> Any:
    ok, value = result
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


def outcome(function: Callable[..., Any], args: tuple) -> tuple[bool, Any]:
    try:
        return True, function(*args)
    except Exception as exc:  # sent back to be raised in the parent
        return False, exc
