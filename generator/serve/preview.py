"""The preview: build once, serve site/, rebuild after every edit, until closed.

One thread asks for builds (never two at once), which run in processes of their
own (builder.py); the watcher threads only queue what changed, and request
threads read the site folder, which the writer swaps in whole when a build succeeds.
"""

from __future__ import annotations

import functools
import os
import queue
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import build as build_mod
from generator.archive.layout import shown_path
from generator.archive.model import Problem, ProblemsFound
from generator.output import writer
from generator.serve import handler, paths
from generator.serve.builder import BuildCrashed, Builder
from generator.serve.handler import PreviewServer
from generator.serve.state import BuildState, Failure
from generator.serve.watch import SourceWatcher


@dataclass(frozen=True)
class Outcome:
    """One build, for the terminal: what triggered it and how it went."""

    changed: list[str] = field(default_factory=list)  # as the user names them; empty for the first build
    result: build_mod.Result | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None  # an unexpected exception, with its traceback


class Preview:
    def __init__(self, options: build_mod.Options, port: int = 0,
                 on_build: Callable[[Outcome], None] = lambda outcome: None, *,
                 idle_timeout: float = handler.IDLE_TIMEOUT, max_connections: int = handler.MAX_CONNECTIONS):
        self.options = options
        self._limits = {"idle_timeout": idle_timeout, "max_connections": max_connections}
        self.site = options.output or options.root / "site"
        self._port = port
        self._on_build = on_build
        self._state = BuildState()
        self._changes: queue.Queue[list[str] | None] = queue.Queue()
        self._root = options.root.resolve()
        self._watcher = SourceWatcher(self._root, self._changes.put)
        self._server: PreviewServer | None = None
        self._threads: list[threading.Thread] = []
        self._closed = threading.Event()
        self.builder: Builder | None = None

    @property
    def port(self) -> int:
        assert self._server is not None, "start() first"
        return self._server.server_port

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self.port}{self._server.mount}"

    @property
    def version(self) -> str:
        """Changes after every build, failed or not."""
        return self._state.version

    def start(self) -> None:
        """Listen, watch, build once, then serve and rebuild in the background.

        Raises OSError when the port cannot be had, and writer.UnsafeOutput
        when the output folder is not ours (as `archive build` would).
        """
        try:
            self.builder = Builder(self.options)  # first: while this process has one thread
            self._server = PreviewServer(self._port, self.site, self._state, **self._limits)
            self._watcher.start()  # before building, so that no edit made during the build is missed
            self._build([], first=True)
        except BaseException:
            self.close()
            raise
        serve = functools.partial(self._server.serve_forever, poll_interval=0.1)  # how soon close() is noticed
        for target, name in ((serve, "serve"), (self._rebuild_loop, "rebuild")):
            thread = threading.Thread(target=target, name=f"preview-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wait(self) -> None:
        """Until close(); Ctrl-C raises KeyboardInterrupt here."""
        while not self._closed.wait(0.5):  # a timeout, so that the signal is handled promptly
            pass

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        self._watcher.stop()
        self._changes.put(None)
        if self._server is not None:
            if self._threads:  # serve_forever is running; shutdown() would wait forever otherwise
                self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        if self.builder is not None:
            self.builder.close()

    def __enter__(self) -> Preview:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _rebuild_loop(self) -> None:
        while True:
            changed = self._changes.get()
            if changed is None:
                return
            # Edits that arrived while the last build ran make one build, not one each.
            batch = set(changed)
            while True:
                try:
                    more = self._changes.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    return
                batch.update(more)
            self._build(sorted(batch))

    def _build(self, changed: list[str], first: bool = False) -> None:
        shown = [self._shown(path) for path in changed]
        self._state.begin()
        failure: Failure | None = None
        try:
            result = self.builder.build(dict(os.environ))
            outcome = Outcome(changed=shown, result=result)
            if self._server is not None:
                self._server.mount = paths.mount_of(result.base_url)  # before the pages are announced
        except ProblemsFound as exc:
            outcome = Outcome(changed=shown, problems=exc.problems)
            count = len(exc.problems)
            failure = Failure(f"{count} problem{'s' if count != 1 else ''} found",
                              [str(p) for p in exc.problems])
        except Exception as exc:
            if first and isinstance(exc, writer.UnsafeOutput):
                raise  # as `archive build` does: refuse to start rather than touch someone's folder
            # Whatever broke, the server keeps running and shows it; the next edit builds again.
            error = str(exc) if isinstance(exc, BuildCrashed) else traceback.format_exc()
            outcome = Outcome(changed=shown, error=error)
            failure = Failure("The build failed", error.splitlines())
        finally:
            self._state.end(failure)
        self._on_build(outcome)

    def _shown(self, path: str) -> str:
        try:
            rel = Path(path).relative_to(self._root).as_posix()
        except ValueError:
            return path
        return shown_path(self.options.display_root, rel)
