"""Articles as the last build read them, reused while their file is unchanged.

Reading and parsing 10k articles' front-matter takes seconds, most of a
rebuild after a small edit. A file counts as unchanged while its size,
modification and change times and inode are those it had when it was read
(the change time cannot be set back by tools that restore a modification
time). A file modified within a second of being read is not remembered, as
two writes in one clock tick can leave the same times (git's "racy" entries).

Under ROOT/.cache/build/parsed/, named by the generator's code, the time zone
and how paths are shown in messages, since parsing depends on them: a base
file and the changes since it (`Parsed`). Each starts with a hash of the
rest: a damaged file is ignored, never unpickled.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from generator.incremental import cache

Signature = tuple  # (size, mtime_ns, ctime_ns, inode)
DELTA_MIN, DELTA_SHARE = 64, 10  # a delta of more than 64 entries and a tenth of them: a new base


def signature(path: Path) -> Signature | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class Parsed:
    """rel path -> (signature, what reading it gave) of the last build.

    Kept as a base file and a delta: a build that changed a few entries writes
    only those (and the entries gone) beside the base, which names the base it
    applies to. Rewriting 10k entries took 0.3 s of a one-edit rebuild.
    """

    def __init__(self, root: Path, *context: str):
        name = hashlib.blake2b("\0".join((cache.fingerprint(), *context)).encode(), digest_size=10).hexdigest()
        self.path = root / cache.FOLDER / "parsed" / f"{name}.pickle"
        self.delta_path = self.path.with_name(f"{name}.delta.pickle")
        self.started_ns = time.time_ns()
        self.base_id, self.base = self._load()
        self.entries: dict[str, tuple[Signature, object]] = dict(self.base)
        self._apply_delta()
        self.changed = False

    def _load(self) -> tuple[str | None, dict]:
        saved = cache.load_checked(self.path)
        if isinstance(saved, dict) and isinstance(saved.get("id"), str) and isinstance(saved.get("entries"), dict):
            return saved["id"], saved["entries"]
        return None, {}

    def _apply_delta(self) -> None:
        delta = cache.load_checked(self.delta_path) if self.base_id else None
        if isinstance(delta, dict) and delta.get("base") == self.base_id and isinstance(delta.get("changes"), dict):
            for rel, entry in delta["changes"].items():
                if entry is None:
                    self.entries.pop(rel, None)
                else:
                    self.entries[rel] = entry

    def get(self, rel: str, seen: Signature | None) -> object | None:
        found = self.entries.get(rel)
        return found[1] if seen is not None and found is not None and found[0] == seen else None

    def update(self, entries: dict[str, tuple[Signature | None, object]]) -> None:
        """The files of this build (those with problems left out by the caller); saved by `save`."""
        fresh = {
            rel: (seen, value) for rel, (seen, value) in entries.items()
            if seen is not None and max(seen[1], seen[2]) < self.started_ns - cache.RACY_NS
        }
        if fresh.keys() != self.entries.keys() or any(fresh[r][0] != self.entries[r][0] for r in fresh):
            self.entries, self.changed = fresh, True

    def save(self) -> None:
        if not self.changed:
            return
        base, entries = self.base, self.entries
        changes: dict[str, tuple | None] = {rel: None for rel in base if rel not in entries}
        changes.update((rel, entry) for rel, entry in entries.items() if rel not in base or base[rel][0] != entry[0])
        if self.base_id is not None and len(changes) <= max(DELTA_MIN, len(entries) // DELTA_SHARE):
            cache.save_checked(self.delta_path, {"base": self.base_id, "changes": changes})
            return
        # A new base; its id is new, so the old delta (removed too) can never apply to it.
        new_id = f"{time.time_ns()}-{os.getpid()}"
        cache.save_checked(self.path, {"id": new_id, "entries": entries}, prune=True)  # other versions' go too
