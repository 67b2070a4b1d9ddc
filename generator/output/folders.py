"""The output folder and the folders beside it: the twin, the swap, leftovers, the lock.

Nothing here follows a symbolic link found inside a site: a link where a folder
belongs is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import stat
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from generator.render import urls

MARKER = ".article-archive"
TEMP_PREFIX = ".article-archive-"
REMOVERS = 32  # threads removing a large abandoned folder; the waits overlap
_RENAME_EXCHANGE = 2  # renameat2 flag (linux/fs.h)
_AT_FDCWD = -100


def apply(target: Path, source: Path, places: list[str], deletes: list[str], place) -> None:
    """Delete `deletes` from target, then `place` each of `places` from source into it."""
    real = _RealFolders(target)
    emptied: set[str] = set()
    for rel in deletes:
        if urls.is_safe(rel) and real.parents_ok(rel):
            try:
                os.unlink(target / rel)
            except OSError:
                pass
            emptied.add(rel.rpartition("/")[0])
    _prune(target, emptied)
    real = _RealFolders(target)  # pruning may have removed folders it had seen
    for rel in places:
        if urls.is_safe(rel):
            real.make_room(rel)
            place(source / rel, target / rel)


def mirror(twin: Path, out: Path, staging: Path, paths: set[str]) -> None:
    """Make the twin hold exactly `paths`: the staged files moved in, the others linked from
    the output. It costs a look at every file (and, the first time, a folder and a link for
    each): for a twin that is missing, or that a killed build left unfinished."""
    if twin.is_symlink() or (twin.exists() and not twin.is_dir()):
        twin.unlink()
    twin.mkdir(exist_ok=True)
    real = _RealFolders(twin)
    for rel in sorted(paths):
        if not urls.is_safe(rel):
            continue
        real.make_room(rel)  # first: a link where a folder belongs is replaced, not looked through
        staged = staging / rel
        if os.path.lexists(staged):
            os.replace(staged, twin / rel)
            continue
        source = os.stat(out / rel)  # the build found the site's file right: it is linked as it is
        try:
            held = os.lstat(twin / rel)
            if held.st_ino == source.st_ino and held.st_dev == source.st_dev:
                continue
        except OSError:
            pass
        link(out / rel, twin / rel)
    extra = [rel for rel in files_in(twin) if rel not in paths and rel != MARKER]
    for rel in extra:
        os.unlink(twin / rel)
    _prune(twin, {rel.rpartition("/")[0] for rel in extra})


def move(source: Path, target: Path) -> None:
    if os.path.lexists(source):  # (moved already, by a commit that was cut short)
        os.replace(source, target)


def link(source: Path, target: Path) -> None:
    """Put a hard link to source at target, replacing what is there; a copy where the file
    system has no hard links."""
    temp = target.with_name(f"{TEMP_PREFIX}link")
    try:
        os.unlink(temp)
    except FileNotFoundError:
        pass
    try:
        os.link(source, temp)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copyfile(source, temp)
    os.replace(temp, target)


def replace_file(path: Path, data: bytes) -> None:
    temp = path.with_name(f"{TEMP_PREFIX}partial")
    temp.write_bytes(data)
    os.replace(temp, path)


def twin_of(out: Path) -> Path:
    return out.parent / f"{TEMP_PREFIX}twin-{out.name}"


def _twin_record(out: Path) -> Path:
    return out.parent / f"{TEMP_PREFIX}twin-{out.name}.level"


def twin_level(out: Path) -> str | None:
    """The files token of the site the twin mirrors, if it was left level with this very output
    folder (the record names both folders' inodes, so folders moved by hand are not trusted)."""
    try:
        token, out_ino, twin_ino = _twin_record(out).read_text().split()
        if int(out_ino) == os.lstat(out).st_ino and int(twin_ino) == os.lstat(twin_of(out)).st_ino:
            return token
    except (OSError, ValueError):
        pass
    return None


def forget_twin(out: Path) -> None:
    try:
        os.unlink(_twin_record(out))
    except FileNotFoundError:
        pass


def remember_twin(out: Path, token: str) -> None:
    replace_file(_twin_record(out), f"{token} {os.lstat(out).st_ino} {os.lstat(twin_of(out)).st_ino}\n".encode())


def swap(a: Path, b: Path) -> None:
    """Exchange two folders in one step. Where the system cannot, two renames, and a build
    killed between them is undone by the next (`finish_leftovers` puts the old site back)."""
    if _exchange(a, b):
        return
    aside = b.parent / f"{TEMP_PREFIX}old-{b.name}-{os.getpid()}"
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(a, b, RENAME_EXCHANGE), which Python does not wrap; False where the system or
    the file system has no such call."""
    call = getattr(_libc(), "renameat2", None)
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@functools.cache
def _libc():
    import ctypes  # here: only a commit that swaps needs it (a build with nothing to do does not)

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


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

    def make_room(self, rel: str) -> None:
        """Real folders for rel, and no folder where its file goes (the new site has a file there)."""
        self.make_parents(rel)
        if os.path.isdir(self.out / rel) and not os.path.islink(self.out / rel):
            remove_tree(self.out / rel)

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


def files_in(folder: Path) -> Iterable[str]:
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


def finish_leftovers(out: Path) -> None:
    """Clean up after builds that were killed (their process is gone).

    A staging folder is removed. A site left aside between the two renames of a
    swap (where the system has no exchange) is put back. A commit journal left by
    an earlier version is dropped: the manifest then no longer vouches for the
    site's files, and the next build compares them all.
    """
    for entry in sorted(out.parent.glob(f"{TEMP_PREFIX}*-{out.name}-*")):
        kind, _, rest = entry.name.removeprefix(TEMP_PREFIX).partition("-")
        name, _, pid = rest.rpartition("-")
        if name != out.name or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not out.exists():
            os.rename(entry, out)
        elif kind in ("new", "old"):
            remove_tree(entry)
        elif kind in ("journal", "partial"):
            entry.unlink()


@contextlib.contextmanager
def lock(out: Path, waiting=None) -> Iterator[None]:
    """Builds of one output take turns: the second waits for the first to finish, then builds
    from what it left. `waiting()` is called once if the output is busy. (Without fcntl, as
    on Windows, builds are not serialised.)"""
    try:
        import fcntl
    except ImportError:
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out.parent / f"{TEMP_PREFIX}lock-{out.name}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)  # for this process's forked helpers too, which share the lock
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
