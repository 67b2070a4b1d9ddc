"""Whether a build has nothing to do: every input and every output as the last build left them.

A no-op rebuild otherwise reads the caches of every article, assembles the
archive and fingerprints every page only to find that nothing changed (3 s
at 10k articles). Here it looks at the files instead: the status (size,
modification and change times, inode) of every file under content/,
templates/, static/ and the built-in theme, the generator's code, the
configuration as loaded (so `as_of`, the base URL and the options count) and
the output folder's manifest. When all match what the last successful build
into this output folder recorded, it is done.

The record is written after a successful build. When a file changed in the
second before the build started, two writes in one clock tick can leave the
same status (git's "racy" entries): such a record is never taken for a build
with nothing to do, and its racy content files count as changed. So a stale
record can only make a build do work, never skip it.

It also tells a build which content files changed since the last one, and
whether anything else did (`edited`, for patch.py).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from generator.archive import layout
from generator.executors.processes import Background
from generator.incremental import cache
from generator.incremental import manifest as manifests

PATCH_LIMIT = 16  # edited content files a build patches (patch.py); more and the stages are the simpler way


@dataclass(frozen=True)
class Done:
    """What the last build made, reported again by a build that had nothing to do."""

    articles: int
    pages: int
    files: int

    @classmethod
    def of(cls, articles: int, paths: set[str]) -> Done:
        """What a build of that many articles made, from the site paths it holds."""
        return cls(articles, sum(1 for path in paths if path.endswith(".html")), len(paths))


@dataclass(frozen=True)
class Edited:
    """Only some content files changed since the last build (`Snapshot.edited`)."""

    inputs: str  # the last build's inputs digest (its records name it)
    files: list[str]  # the content files whose status changed, as `content/...` paths
    done: Done  # what the last build made


class Snapshot:
    """The inputs of a build into one output folder, taken before it reads anything."""

    def __init__(self, root: Path, output: Path, settings: object):
        self.path = manifests.state_path(root, output, "snapshot")
        self.taken_ns = time.time_ns()
        racy_from = self.taken_ns - cache.RACY_NS
        rest = hashlib.blake2b(cache.fingerprint().encode(), digest_size=20)
        rest.update(repr(settings).encode())
        self.content: dict[str, list[int]] = {}  # content/ file -> its status
        others: dict[str, list[int]] = {}  # every other input: what a small edit must leave as it was
        for name, folder in ((layout.CONTENT_DIR, root / layout.CONTENT_DIR),
                             ("templates", root / layout.TEMPLATES_DIR), ("static", root / layout.STATIC_DIR),
                             ("theme", layout.THEME_DIR)):
            into = self.content if name == layout.CONTENT_DIR else others
            for rel, info in _files(folder):
                into[f"{name}/{rel}"] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        # Pickles of the statuses are hashed: one call each, rather than a line formatted per file.
        rest.update(pickle.dumps(others, protocol=5))
        digest = rest.copy()
        digest.update(pickle.dumps(self.content, protocol=5))
        self.racy_content = {rel for rel, (_, mtime, ctime, _) in self.content.items()
                             if mtime >= racy_from or ctime >= racy_from}
        rest_racy = any(mtime >= racy_from or ctime >= racy_from for _, mtime, ctime, _ in others.values())
        self.racy = rest_racy or bool(self.racy_content)
        self.digest = digest.hexdigest()
        self.rest = None if rest_racy else rest.hexdigest()
        self.record: dict | None = None  # what the last build saved, once `unchanged` has read it

    def unchanged(self, manifest: manifests.Manifest, intact: Background) -> Done | None:
        """What the last build made, if it was made from these very inputs and the output
        still holds every file it wrote (`intact`: the manifest's `holds_site`, asked in the
        background); else None."""
        try:
            self.record = record = cache.load_checked(self.path)
            trusted = record.get("inputs") == self.digest and record.get("racy") is False
            done = Done(**record["done"]) if trusted else None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if done is None or len(manifest.paths or ()) != done.files or not intact.result():
            return None
        return done

    def edited(self) -> Edited | None:
        """After `unchanged` found changes: what changed, if it is only new contents of some
        content files (none added or removed, nothing else changed); else None."""
        record = self.record
        if (not isinstance(record, dict) or self.rest is None or record.get("rest") != self.rest
                or not isinstance(record.get("inputs"), str)):
            return None
        before = record.get("content")
        try:
            done = Done(**record["done"])
        except (KeyError, TypeError):
            return None
        if not isinstance(before, dict) or before.keys() != self.content.keys():
            return None
        return Edited(record["inputs"], [rel for rel, status in self.content.items() if before[rel] != status], done)

    def save(self, done: Done) -> None:
        """After a successful build. A racy snapshot is saved too, but is never taken for a build
        with nothing to do; its racy content files count as edited and are read again."""
        content = {rel: None if rel in self.racy_content else status for rel, status in self.content.items()}
        cache.save_checked(self.path, {"inputs": self.digest, "racy": self.racy, "rest": self.rest,
                                       "content": content, "done": done.__dict__})


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
