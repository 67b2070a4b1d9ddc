"""The preview's builds, each in a process of its own, forked from a process with one thread.

A build forks its workers. Forking a process in which other threads run (the
preview's HTTP server and file watchers) can deadlock the child on a lock one of
them held (Python 3.12 warns about it). So the preview forks this builder before
it starts any thread; the builder has one thread all its life and forks one
child per build, which builds and sends back the outcome. A build that crashes
takes only its own child with it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from typing import Any

from generator import build as build_mod
from generator.archive.model import ProblemsFound
from generator.executors.processes import CAN_FORK, outcome
from generator.output import writer


class BuildCrashed(Exception):
    """The build raised something unexpected, or its process died: the message says what."""


class Builder:
    def __init__(self, options: build_mod.Options):
        self.options = options
        self._pid: int | None = None
        if not CAN_FORK:
            return  # builds run in the caller's process
        requests, replies = os.pipe(), os.pipe()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                os.close(requests[1])
                os.close(replies[0])
                _serve(options, requests[0], replies[1])
                status = 0
            finally:
                os._exit(status)
        os.close(requests[0])
        os.close(replies[1])
        self._pid = pid
        self._requests = os.fdopen(requests[1], "wb")
        self._replies = os.fdopen(replies[0], "rb")

    def build(self, environ: dict[str, str]) -> build_mod.Result:
        """One build. Raises ProblemsFound, writer.UnsafeOutput, or BuildCrashed."""
        if self._pid is None:
            return _unpacked(_built(self.options, environ))
        try:
            pickle.dump(environ, self._requests, protocol=5)
            self._requests.flush()
            reply = pickle.load(self._replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            raise BuildCrashed("the preview's build process has ended; restart `archive serve`") from None
        return _unpacked(reply)

    def close(self) -> None:
        if self._pid is None:
            return
        with contextlib.suppress(OSError):
            self._requests.close()  # the builder reads the end and leaves
        self._replies.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
        self._pid = None


def _serve(options: build_mod.Options, requests: int, replies: int) -> None:
    """The builder: for each request, a child that builds; its outcome is passed on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the preview's to handle; it then closes us
    with os.fdopen(requests, "rb") as source, os.fdopen(replies, "wb") as out:
        while True:
            try:
                environ = pickle.load(source)
            except EOFError:
                return
            pickle.dump(_in_child(options, environ), out, protocol=5)
            out.flush()


def _in_child(options: build_mod.Options, environ: dict[str, str]) -> tuple[str, Any]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            with os.fdopen(write, "wb") as out:
                pickle.dump(_built(options, environ), out, protocol=5)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    try:
        return pickle.loads(data)
    except Exception:
        code = os.waitstatus_to_exitcode(status)
        how = f"was killed by signal {-code}" if code < 0 else f"ended with status {code}"
        with contextlib.suppress(ValueError):
            how = f"was killed by {signal.Signals(-code).name}" if code < 0 else how
        return "crashed", f"the build process {how} before it finished; the last good site stays"


def _built(options: build_mod.Options, environ: dict[str, str]) -> tuple[str, Any]:
    """The build's outcome, in a form that crosses a pipe."""
    done = outcome(build_mod.build, (options, environ))
    if done[0]:
        return "built", done[1]
    exc = done[1]
    if isinstance(exc, ProblemsFound):
        return "problems", exc.problems
    if isinstance(exc, writer.UnsafeOutput):
        return "unsafe", str(exc)
    return "crashed", "".join(traceback.format_exception(exc))


def _unpacked(reply: tuple[str, Any]) -> build_mod.Result:
    kind, value = reply
    if kind == "built":
        return value
    if kind == "problems":
        raise ProblemsFound(value)
    if kind == "unsafe":
        raise writer.UnsafeOutput(value)
    raise BuildCrashed(value)
