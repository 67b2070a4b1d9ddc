"""What the server knows about the builds: which one pages come from, and whether it failed."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    title: str
    lines: list[str]


class BuildState:
    """Shared by the builder thread and the request threads."""

    def __init__(self) -> None:
        # Differs between servers, so a page left open across a restart reloads too.
        self._server = secrets.token_hex(4)
        self._builds = 0
        self._building = False
        self._failure: Failure | None = None
        self._changed = threading.Condition()

    @property
    def version(self) -> str:
        with self._changed:
            return f"{self._server}-{self._builds}"

    @property
    def failure(self) -> Failure | None:
        with self._changed:
            return self._failure

    def begin(self) -> None:
        with self._changed:
            self._building = True

    def end(self, failure: Failure | None) -> None:
        with self._changed:
            self._building = False
            self._builds += 1
            self._failure = failure
            self._changed.notify_all()

    def wait_until_idle(self, timeout: float) -> None:
        """The site folder is swapped at the end of a build: wait for it rather than answer 404."""
        with self._changed:
            self._changed.wait_for(lambda: not self._building, timeout)

    @property
    def building(self) -> bool:
        with self._changed:
            return self._building
