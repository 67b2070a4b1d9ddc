"""The one sink: put a finished site on disk, all of it or none of it.

A build puts only the files whose bytes differ from the previous site's into a
staging folder beside the output; nothing in the output is touched until every
stage has succeeded. Then `commit` writes a journal of what it will do (move
the staged files in, delete the files the new site no longer has) and does it.
A build killed during that commit is finished by the next build, from the
journal, before anything else, so the site is never left half old, half new.
Unchanged files are never written: a rebuild that changes nothing writes none.

The output is only written into if it is empty or was made by us (a marker
file), so `--output ~` can never delete someone's files, and nothing is ever
written or deleted through a symbolic link found inside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator import urls

MARKER = ".article-archive"
MARKER_TEXT = b"This folder is built by `archive build`; every build replaces its contents.\n"
TEMP_PREFIX = ".article-archive-"
REMOVERS = 32  # threads removing a large abandoned folder; the waits overlap


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


def files_token(paths: Iterable[str]) -> str:
    """Names a site's set of files; the marker holds it, so a list of them can be checked."""
    return sorted_files_token(sorted(paths))


def sorted_files_token(ordered: list[str]) -> str:
    """`files_token` of paths already sorted."""
    return hashlib.blake2b("\n".join(ordered).encode(), digest_size=12).hexdigest()


def marker_token(out: Path) -> str | None:
    try:
        lines = (out / MARKER).read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    return lines[-1].removeprefix("files: ") if lines and lines[-1].startswith("files: ") else None


class Staging:
    """The files of the new site that differ from the previous one's, until `commit`.

    Forked workers may `put` files into it too: each path is written by one process.
    """

    def __init__(self, out: Path):
        self.out = Path(os.path.abspath(out))
        check_output(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        finish_leftovers(self.out)
        self.folder = self.out.parent / f"{TEMP_PREFIX}new-{self.out.name}-{os.getpid()}"
        remove_tree(self.folder)
        self.folder.mkdir()
        self.written: set[str] = set()  # by this process
        self.committing = False  # the journal is written: the next build finishes an interrupted commit

    def put(self, rel: str, data: bytes) -> tuple[int, os.stat_result]:
        """Add one file; return 1 if it differs from the previous site's (else 0), and the
        status the file at rel will have after the commit (for a manifest)."""
        return _put(self.folder, self.out, rel, self.written, data=data)

    def keep(self, rel: str) -> None:
        """Keep the previous site's file unread, as the manifest vouches for it."""
        self.keep_all((rel,))

    def keep_all(self, rels: Iterable[str]) -> None:
        """`keep` each of them (a build keeps tens of thousands)."""
        rels = set(rels)
        if len(rels & self.written) or MARKER in rels or not urls.all_safe(rels):
            bad = sorted(r for r in rels if not urls.is_safe(r) or r == MARKER or r in self.written)
            raise ValueError(f"refusing to keep {bad[0]!r}" if bad else "refusing to keep a path twice")
        self.written |= rels

    def adopt(self, rel: str) -> None:
        """A file a worker put or kept: part of the output like those this process put (the
        worker may have been this very process, when the work was too small to fork for)."""
        if not urls.is_safe(rel) or rel == MARKER:
            raise ValueError(f"refusing to adopt {rel!r}")
        self.written.add(rel)

    def copy(self, rel: str, source: Path) -> tuple[int, os.stat_result]:
        return _put(self.folder, self.out, rel, self.written, source=source)

    def commit(self, paths: set[str], previous: Iterable[str] | None = None,
               previous_token: str | None = None) -> int:
        """Make the output hold exactly `paths` (all files put or kept by any process).

        `previous`: the files the last build wrote, if known (else the output is
        walked); trusted only if the marker names that very set. `previous_token`:
        their `files_token`, if known. Returns the number of files removed.
        """
        if previous is not None:
            previous = set(previous)
            if previous_token is None:
                previous_token = files_token(previous)
            # After an edit the set of files is most often the same: its token is not made again
            # (sorting and hashing 31,500 paths at 10k articles took 30 ms).
            token = previous_token if previous == paths else files_token(paths)
        else:
            token = files_token(paths)
        _place(f"{self.folder}/{MARKER}", f"{self.out}/{MARKER}", MARKER_TEXT + f"files: {token}\n".encode())
        if not self.out.is_dir():
            os.rename(self.folder, self.out)  # a first build: the whole folder at once
            return 0
        if previous is not None and marker_token(self.out) != previous_token:
            previous = None
        old = previous if previous is not None else set(_files(self.out))
        plan = {
            "staging": self.folder.name,
            "moves": sorted(_files(self.folder)),
            "deletes": sorted(old - paths - {MARKER}),
        }
        journal = _journal(self.out, os.getpid())
        temp = self.out.parent / f"{TEMP_PREFIX}partial-{self.out.name}-{os.getpid()}"
        temp.write_text(json.dumps(plan))
        os.replace(temp, journal)  # from here on, the commit is finished even if this process dies
        self.committing = True
        _apply(self.out, self.folder, plan)
        journal.unlink()
        return len(plan["deletes"])

    def abort(self) -> None:
        if not self.committing:
            remove_tree(self.folder)


def _put(staging: Path, out: Path, rel: str, written: set[str], *, data: bytes | None = None,
         source: Path | None = None) -> tuple[int, os.stat_result]:
    """Stage one file unless the previous site holds the same bytes; return 1 if it differs,
    and the status of the file that holds them."""
    if not urls.is_safe(rel) or rel == MARKER:
        raise ValueError(f"refusing to write outside the site folder: {rel!r}")
    if rel in written:
        raise ValueError(f"two files for one path: {rel}")
    written.add(rel)
    if data is None:
        data = source.read_bytes()
    kept, info = _place(f"{staging}/{rel}", f"{out}/{rel}", data)
    return 0 if kept else 1, info


# Plain descriptors rather than open(): a file object costs three more system calls per
# file (fstat, ioctl, lseek), and a build writes tens of thousands of files.
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _place(target: str, previous: str, data: bytes) -> tuple[bool, os.stat_result]:
    """Write data at target unless `previous` already holds it; True if it does. Also
    returns the status of the file that holds the data."""
    try:
        info = os.lstat(previous)
        if stat.S_ISREG(info.st_mode) and info.st_size == len(data) and _holds(previous, data):
            return True, info
    except OSError:
        pass
    try:
        fd = os.open(target, _WRITE, 0o666)
    except FileNotFoundError:  # its folder is made only now: most files' folder exists already
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, _WRITE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return False, os.fstat(fd)
    finally:
        os.close(fd)


def _holds(path: str, data: bytes) -> bool:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        return os.read(fd, len(data) + 1) == data
    finally:
        os.close(fd)


def _apply(out: Path, staging: Path, plan: dict) -> None:
    """Carry out a commit's plan; safe to run again after an interruption."""
    real = _RealFolders(out)
    emptied: set[str] = set()
    for rel in plan["deletes"]:
        if urls.is_safe(rel) and real.parents_ok(rel):
            try:
                os.unlink(out / rel)
            except OSError:
                pass
            emptied.add(rel.rpartition("/")[0])
    _prune(out, emptied)
    real = _RealFolders(out)  # pruning may have removed folders it had seen
    for rel in plan["moves"]:
        source = staging / rel
        if not urls.is_safe(rel) or not os.path.lexists(source):
            continue  # moved before an interruption
        real.make_parents(rel)
        if os.path.isdir(out / rel) and not os.path.islink(out / rel):
            remove_tree(out / rel)  # a folder where the new site has a file
        os.replace(source, out / rel)
    remove_tree(staging)


class _RealFolders:
    """Checks and makes an output's subfolders, never going through a symbolic link."""

    def __init__(self, out: Path):
        self.out = out
        self.known: set[str] = {""}

    def parents_ok(self, rel: str) -> bool:
        folder = rel.rpartition("/")[0]
        if folder in self.known:
            return True
        path = self.out
        for part in folder.split("/"):
            path = path / part
            try:
                if not stat.S_ISDIR(os.lstat(path).st_mode):
                    return False
            except OSError:
                return False
        self.known.add(folder)
        return True

    def make_parents(self, rel: str) -> None:
        folder = rel.rpartition("/")[0]
        if folder in self.known:
            return
        path, done = self.out, []
        for part in folder.split("/"):
            path = path / part
            done.append(part)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and not stat.S_ISDIR(mode):
                os.unlink(path)  # a file or link where the new site has a folder: the link, not its target
                mode = None
            if mode is None:
                os.mkdir(path)
            self.known.add("/".join(done))


def _prune(out: Path, folders: set[str]) -> None:
    """Remove the folders left empty by deletions, and their parents left empty."""
    pending = set(folders)
    while pending:
        deepest = max(pending, key=lambda f: f.count("/"))
        pending.discard(deepest)
        if not deepest:
            continue
        try:
            os.rmdir(out / deepest)
        except OSError:
            continue  # not empty, or already gone
        pending.add(deepest.rpartition("/")[0])


def _files(folder: Path) -> Iterable[str]:
    for dirpath, dirnames, names in os.walk(folder):
        base = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        links = [name for name in dirnames if os.path.islink(os.path.join(dirpath, name))]
        for name in [*names, *links]:
            yield name if base == "." else f"{base}/{name}"


def remove_tree(top: Path) -> None:
    """shutil.rmtree(top, ignore_errors=True), with the directories removed by many threads.

    Removing a directory waits on the file system's journal (about 3 ms each on
    the machines we measured, where unlinking a file takes 30 µs).
    """
    if not os.path.isdir(top) or os.path.islink(top):
        return
    levels: dict[int, list[str]] = defaultdict(list)
    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(top):
        levels[dirpath.count(os.sep)].append(dirpath)
        links = [name for name in dirnames if os.path.islink(os.path.join(dirpath, name))]
        files.extend(os.path.join(dirpath, name) for name in [*filenames, *links])
    if len(files) + sum(map(len, levels.values())) > 1000:
        from concurrent.futures import ThreadPoolExecutor  # here: 14 ms to import, rarely needed

        with ThreadPoolExecutor(REMOVERS) as pool:
            list(pool.map(_quietly(os.unlink), files, chunksize=256))
            for level in sorted(levels, reverse=True):  # children before their parents
                list(pool.map(_quietly(os.rmdir), levels[level]))
    shutil.rmtree(top, ignore_errors=True)  # the rest, and anything that appeared meanwhile


def _quietly(remove):
    def call(path: str) -> None:
        try:
            remove(path)
        except OSError:
            pass
    return call


def _journal(out: Path, pid: int) -> Path:
    return out.parent / f"{TEMP_PREFIX}journal-{out.name}-{pid}"


def finish_leftovers(out: Path) -> None:
    """Clean up after builds that were killed (their process is gone).

    A commit with a journal is finished. A staging folder without one is
    removed. A site left as `old-PID` by an earlier version's swap is put back.
    """
    for entry in sorted(out.parent.glob(f"{TEMP_PREFIX}*-{out.name}-*")):
        kind, _, rest = entry.name.removeprefix(TEMP_PREFIX).partition("-")
        name, _, pid = rest.rpartition("-")
        if name != out.name or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "journal":
            try:
                plan = json.loads(entry.read_text())
                if plan["staging"] != f"{TEMP_PREFIX}new-{out.name}-{pid}":
                    raise ValueError("a journal for another folder")
                _apply(out, out.parent / plan["staging"], plan)
            except (OSError, ValueError, KeyError, TypeError):
                pass
            entry.unlink()
        elif kind == "old" and not out.exists():
            os.rename(entry, out)
        elif kind in ("new", "old"):
            remove_tree(entry)
        elif kind == "partial":
            entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
