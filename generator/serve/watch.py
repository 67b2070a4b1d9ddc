"""Report edits to an archive's sources: content/, templates/, static/ and archive.yaml.

The root itself is watched only one level deep (for archive.yaml and for those
folders appearing or vanishing), never recursively: it may hold site/, .cache/
or a virtualenv, which a build must not be triggered by, and which would cost
thousands of watches.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

import watchfiles

SOURCE_DIRS = ("content", "templates", "static")
CONFIG = "archive.yaml"
STEP_MS = 50  # quiet time after a change before it is reported: an editor's save is a burst
DEBOUNCE_MS = 400
READY_TIMEOUT_MS = 100  # watchfiles hands control back this often, so a stop is noticed quickly

OnChange = Callable[[list[str]], None]


class _Either:
    """Stops a watchfiles loop when either event is set."""

    def __init__(self, *events: threading.Event):
        self._events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self._events)


class SourceWatcher:
    def __init__(self, root: Path, on_change: OnChange):
        self._root = root
        self._on_change = on_change
        self._stop = threading.Event()
        self._rescan = threading.Event()  # a source folder appeared or vanished
        self._ready = [threading.Event(), threading.Event()]
        self._threads = [
            threading.Thread(target=self._watch_root, name="watch-root", daemon=True),
            threading.Thread(target=self._watch_sources, name="watch-sources", daemon=True),
        ]

    def start(self, timeout: float = 10.0) -> None:
        """Start watching; return once edits from now on are seen."""
        for thread in self._threads:
            thread.start()
        deadline = time.monotonic() + timeout
        for ready in self._ready:
            ready.wait(max(0.0, deadline - time.monotonic()))

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join(timeout=5)

    def _watch_root(self) -> None:
        names = {CONFIG, *SOURCE_DIRS}

        def relevant(_change: watchfiles.Change, path: str) -> bool:
            return Path(path).name in names

        while not self._stop.is_set():
            for changes in self._watch([self._root], self._stop, relevant, recursive=False,
                                       on_ready=self._ready[0].set):
                if any(Path(path).name in SOURCE_DIRS for _, path in changes):
                    self._rescan.set()
                self._report(changes)

    def _watch_sources(self) -> None:
        watched: list[Path] | None = None
        while not self._stop.is_set():
            self._rescan.clear()
            folders = [self._root / name for name in SOURCE_DIRS if (self._root / name).is_dir()]
            restarted = watched is not None
            watched = folders
            if not folders:
                self._ready[1].set()  # nothing to watch until the root watcher sees a folder appear
                while not (self._stop.is_set() or self._rescan.wait(READY_TIMEOUT_MS / 1000)):
                    pass
                continue

            def ready(restarted: bool = restarted, folders: list[Path] = folders) -> None:
                self._ready[1].set()
                # Edits saved while the watch was being replaced (into any folder, the new one
                # included) were not seen: build once more now that nothing can be missed.
                if restarted:
                    self._report({(watchfiles.Change.modified, str(folder)) for folder in folders})

            until = _Either(self._stop, self._rescan)
            for changes in self._watch(folders, until, watchfiles.DefaultFilter(), recursive=True, on_ready=ready):
                self._report(changes)

    def _watch(self, paths: list[Path], until: _Either | threading.Event, watch_filter, *, recursive: bool,
               on_ready: Callable[[], None]):
        """watchfiles.watch, yielding only real changes; `on_ready` once the watch is in place."""
        ready = False
        try:
            for changes in watchfiles.watch(
                *paths, watch_filter=watch_filter, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=until,
                rust_timeout=READY_TIMEOUT_MS, yield_on_timeout=True, raise_interrupt=False, recursive=recursive,
            ):
                if not ready:
                    ready = True
                    on_ready()
                if changes:
                    yield changes
        except (OSError, RuntimeError):
            # A watched folder vanished while the watch was being set up: the caller looks again.
            if not ready:
                on_ready()
            time.sleep(READY_TIMEOUT_MS / 1000)

    def _report(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        self._on_change(sorted({path for _, path in changes}))
