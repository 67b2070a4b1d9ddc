"""Articles as the last build read them, reused while their file is unchanged.

Reading and parsing 10k articles' front-matter takes seconds, most of a
rebuild after a small edit. A file counts as unchanged while its size,
modification and change times and inode are those it had when it was read
(the change time cannot be set back by tools that restore a modification
time). A file modified within a second of being read is not remembered, as
two writes in one clock tick can leave the same times (git's "racy" entries).

One file, under ROOT/.cache/build/parsed/, named by the generator's code, the
time zone and how paths are shown in messages, since parsing depends on them.
It starts with a hash of the rest: a damaged file is ignored, never unpickled.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from generator import cache

Signature = tuple  # (size, mtime_ns, ctime_ns, inode)
RACY_NS = 1_000_000_000


def signature(path: Path) -> Signature | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class Parsed:
    """rel path -> (signature, what reading it gave) of the last build."""

    def __init__(self, root: Path, *context: str):
        name = hashlib.blake2b("\0".join((cache.fingerprint(), *context)).encode(), digest_size=10).hexdigest()
        self.path = root / cache.FOLDER / "parsed" / f"{name}.pickle"
        self.started_ns = time.time_ns()
        self.entries: dict[str, tuple[Signature, object]] = self._load()
        self.changed = False

    def _load(self) -> dict:
        entries = cache.load_checked(self.path)
        return entries if isinstance(entries, dict) else {}

    def get(self, rel: str, seen: Signature | None) -> object | None:
        found = self.entries.get(rel)
        return found[1] if seen is not None and found is not None and found[0] == seen else None

    def update(self, entries: dict[str, tuple[Signature | None, object]]) -> None:
        """The files of this build (those with problems left out by the caller); saved by `save`."""
        fresh = {
            rel: (seen, value) for rel, (seen, value) in entries.items()
            if seen is not None and max(seen[1], seen[2]) < self.started_ns - RACY_NS
        }
        if fresh.keys() != self.entries.keys() or any(fresh[r][0] != self.entries[r][0] for r in fresh):
            self.entries, self.changed = fresh, True

    def save(self) -> None:
        if self.changed:
            cache.save_checked(self.path, self.entries, prune=True)  # other versions' are never read again
