"""Whether a build has nothing to do: every input and every output as the last build left them.

A no-op rebuild otherwise reads the caches of every article, assembles the
archive and fingerprints every page only to find that nothing changed (3 s
at 10k articles). Here it looks at the files instead: the status (size,
modification and change times, inode) of every file under content/,
templates/, static/ and the built-in theme, the generator's code, the
configuration as loaded (so `as_of`, the base URL and the options count) and
the output folder's manifest. When all match what the last successful build
into this output folder recorded, it is done.

The record is written only after a successful build, and not at all when a
file changed in the second before the build started: two writes in one
clock tick can leave the same status (git's "racy" entries). So a stale
record can only make a build do its work, never skip it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from generator import cache, layout, reuse


@dataclass(frozen=True)
class Done:
    """What the last build made, reported again by a build that had nothing to do."""

    articles: int
    pages: int
    files: int


class Snapshot:
    """The inputs of a build into one output folder, taken before it reads anything."""

    def __init__(self, root: Path, output: Path, settings: object):
        self.path = reuse.state_path(root, output, "snapshot").with_suffix(".json")
        self.taken_ns = time.time_ns()
        digest = hashlib.blake2b(cache.fingerprint().encode(), digest_size=20)
        digest.update(repr(settings).encode())
        self.racy = False
        for name, folder in (("content", root / layout.CONTENT_DIR), ("templates", root / layout.TEMPLATES_DIR),
                             ("static", root / layout.STATIC_DIR), ("theme", layout.THEME_DIR)):
            for rel, info in _files(folder):
                digest.update(f"{name}/{rel}\0{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino}\0"
                              .encode("utf-8", "surrogateescape"))
                self.racy = self.racy or max(info.st_mtime_ns, info.st_ctime_ns) >= self.taken_ns - cache.RACY_NS
        self.digest = digest.hexdigest()

    def unchanged(self, manifest: reuse.Manifest, out: Path) -> Done | None:
        """What the last build made, if it was made from these very inputs and the output
        still holds every file it wrote; else None."""
        try:
            record = json.loads(self.path.read_bytes())
            done = Done(**record["done"]) if record.get("inputs") == self.digest else None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if done is None or len(manifest.paths or ()) != done.files or not manifest.holds_all(out):
            return None
        return done

    def save(self, done: Done) -> None:
        """After a successful build; a racy snapshot is removed instead, as is one that cannot be written."""
        if not self.racy:
            cache.replace_json(self.path, {"inputs": self.digest, "done": done.__dict__})
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def _files(folder: Path, prefix: str = "") -> list[tuple[str, os.stat_result]]:
    """Every file below folder (hidden ones too: an input that might matter), sorted, with its status."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        rel = f"{prefix}{entry.name}"
        try:
            if entry.is_dir():
                found.extend(_files(Path(entry.path), rel + "/"))
            else:
                found.append((rel, entry.stat()))
        except OSError:
            found.append((rel, os.stat_result((0,) * 10)))  # unreadable: still part of the digest
    return found
