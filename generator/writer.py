"""The one sink: put a finished site on disk, all at once or not at all.

Files go into a fresh folder beside the output, which is swapped in at the end,
so a failed or killed build leaves the previous site whole and stale files
vanish. The output is only replaced if it is empty or was made by us (a marker
file), so `--output ~` can never delete someone's files.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator import urls

MARKER = ".article-archive"
MARKER_TEXT = b"This folder is built by `archive build` and is replaced on every build.\n"
TEMP_PREFIX = ".article-archive-"
REMOVERS = 32  # threads removing an old site's folders; the waits overlap


class UnsafeOutput(Exception):
    """The output folder holds files that are not ours."""


@dataclass(frozen=True)
class Copy:
    """A file copied as it is (images, stylesheets) to a site path."""

    source: Path
    path: str


def check_output(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UnsafeOutput(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UnsafeOutput(
            f"refusing to replace {out}: it is not empty and was not made by `archive build` "
            f"(no {MARKER} file in it). Choose an empty or new folder with --output."
        )


class Staging:
    """The new site, assembled in a folder beside the output and swapped in by `commit`.

    Forked workers may `put` files into it too: each path is written by one process.
    """

    def __init__(self, out: Path):
        self.out = Path(os.path.abspath(out))
        check_output(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(self.out)
        self.folder = self.out.parent / f"{TEMP_PREFIX}new-{self.out.name}-{os.getpid()}"
        remove_tree(self.folder)
        self.folder.mkdir()
        self.written: set[str] = set()  # by this process

    def put(self, rel: str, data: bytes) -> int:
        """Add one file; return 1 if it differs from the previous site's."""
        return _put(self.folder, self.out, rel, self.written, data=data)

    def keep(self, rel: str) -> bool:
        """Link the previous site's file unread, as the manifest vouches for it; False if impossible."""
        if not urls.is_safe(rel) or rel == MARKER or rel in self.written:
            raise ValueError(f"refusing to keep {rel!r}")
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.out / rel, target, follow_symlinks=False)
        except OSError:
            return False
        self.written.add(rel)
        return True

    def drop(self, rel: str) -> None:
        """Take back a file this process put or kept."""
        (self.folder / rel).unlink()
        self.written.discard(rel)

    def copy(self, rel: str, source: Path) -> int:
        return _put(self.folder, self.out, rel, self.written, source=source)

    def commit(self, paths: set[str]) -> int:
        """Swap the new site in; `paths` are all files put by any process. Returns files removed."""
        _place(self.folder / MARKER, self.out / MARKER, MARKER_TEXT)
        removed = 0
        if self.out.is_dir():
            removed = sum(1 for rel in _files(self.out) if rel not in paths and rel != MARKER)
        _swap(self.folder, self.out)
        return removed

    def abort(self) -> None:
        remove_tree(self.folder)


def _put(staging: Path, out: Path, rel: str, written: set[str], *, data: bytes | None = None,
         source: Path | None = None) -> int:
    """Put one file into staging; return 1 if it differs from the previous site's.

    An unchanged file is hard-linked from the previous site rather than written
    again: a rebuild that changes nothing writes no file contents, and the file
    keeps its modification time for tools that sync by it.
    """
    if not urls.is_safe(rel) or rel == MARKER:
        raise ValueError(f"refusing to write outside the site folder: {rel!r}")
    if rel in written:
        raise ValueError(f"two files for one path: {rel}")
    written.add(rel)
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        data = source.read_bytes()
    return 0 if _place(target, out / rel, data) else 1


def _place(target: Path, previous: Path, data: bytes) -> bool:
    """Put data at target, as a hard link to previous if that holds the same bytes; True if it does."""
    try:
        info = previous.lstat()
        same = stat.S_ISREG(info.st_mode) and info.st_size == len(data) and previous.read_bytes() == data
    except OSError:
        same = False
    if same:
        try:
            os.link(previous, target, follow_symlinks=False)
            return True
        except OSError:
            pass  # a file system without hard links: write the bytes
    target.write_bytes(data)
    return same


def _files(folder: Path) -> Iterable[str]:
    for dirpath, _, names in os.walk(folder):
        for name in names:
            yield Path(dirpath, name).relative_to(folder).as_posix()


def remove_tree(top: Path) -> None:
    """shutil.rmtree(top, ignore_errors=True), with the directories removed by many threads.

    Removing a directory waits on the file system's journal (about 3 ms each on
    the machines we measured, where unlinking a file takes 30 µs); a site has a
    folder per article, so one at a time that wait dominated a rebuild.
    """
    if not os.path.isdir(top) or os.path.islink(top):
        return
    levels: dict[int, list[str]] = defaultdict(list)
    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(top):
        levels[dirpath.count(os.sep)].append(dirpath)
        links = [name for name in dirnames if os.path.islink(os.path.join(dirpath, name))]
        files.extend(os.path.join(dirpath, name) for name in [*filenames, *links])
    with ThreadPoolExecutor(REMOVERS) as pool:
        list(pool.map(_quietly(os.unlink), files, chunksize=256))
        for level in sorted(levels, reverse=True):  # children before their parents
            list(pool.map(_quietly(os.rmdir), levels[level]))
    shutil.rmtree(top, ignore_errors=True)  # anything that appeared meanwhile


def _quietly(remove):
    def call(path: str) -> None:
        try:
            remove(path)
        except OSError:
            pass
    return call


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        old = out.parent / f"{TEMP_PREFIX}old-{out.name}-{os.getpid()}"
        remove_tree(old)
        os.rename(out, old)
        os.rename(staging, out)
        remove_tree(old)
    else:
        os.rename(staging, out)


def _remove_leftovers(out: Path) -> None:
    """Clean up after builds that were killed (their process is gone).

    A build killed between the two renames of the swap left the previous site
    as `old-PID`: it is put back, never deleted.
    """
    for entry in sorted(out.parent.glob(f"{TEMP_PREFIX}*-{out.name}-*")):
        kind, _, rest = entry.name.removeprefix(TEMP_PREFIX).partition("-")
        name, _, pid = rest.rpartition("-")
        if name != out.name or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not out.exists():
            os.rename(entry, out)
        else:
            remove_tree(entry)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
