"""The one sink: put a finished site on disk, all of it or none of it, in one step.

A build puts only the files whose bytes differ from the previous site's into a
staging folder beside the output; nothing in the output is touched until every
stage has succeeded. The new site is then assembled in the output's *twin*, a
hidden folder beside it that mirrors it with hard links (no file's bytes are
stored twice), and the two folders are swapped by one system call
(`renameat2(RENAME_EXCHANGE)` on Linux). Whoever reads the site, a web server
or a copy to a host, sees the old site or the new one, never a mix; a build
killed at any moment leaves one of them whole. After the swap the twin (now
the old site) is brought level with the new one by linking in the files that
changed, so a build's cost is that of its changes, not of the site. The twin is
made once, by the first build that changes an existing site; a twin that a
killed build left unfinished is repaired from the site by the next one.
Where the exchange is not available, the swap is two renames, and a build
killed between them is undone by the next (`finish_leftovers`).

Unchanged files are never written: a rebuild that changes nothing writes none.
Builds of one output take turns (`lock`). The output is only written into if it
is empty or was made by us (a marker file), so `--output ~` can never delete
someone's files, and nothing is ever written or deleted through a symbolic link
found inside it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import shutil
import stat
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from generator.render import urls

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


NAME_LIMIT = 200  # bytes of the output folder's name: its temporary folders' names add up to 30


def check_output(out: Path) -> None:
    if len(os.fsencode(out.name)) > NAME_LIMIT:
        raise UnsafeOutput(f"the output folder's name is {len(os.fsencode(out.name))} bytes long; at most "
                           f"{NAME_LIMIT} leave room for the build's temporary folders beside it")
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
               previous_token: str | None = None, intact: bool = False) -> int:
        """Make the output hold exactly `paths` (all files put or kept by any process).

        `previous`: the files the last build wrote, if known (else the output is
        walked); trusted only if the marker names that very set. `previous_token`:
        their `files_token`, if known. `intact`: the output was checked to hold every
        file the last build wrote, as it wrote it (`Manifest.holds_all`), so a twin
        that mirrored it then mirrors it still. Returns the number of files removed.
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
        marker = MARKER_TEXT + f"files: {token}\n".encode()
        if not self.out.is_dir():
            _place(f"{self.folder}/{MARKER}", f"{self.out}/{MARKER}", marker)
            os.rename(self.folder, self.out)  # a first build: the whole folder at once
            return 0
        marked = marker_token(self.out)
        if previous is not None and marked != previous_token:
            previous = None
        # A site not as the last build left it may hold files added by hand: it is looked at.
        old = previous if previous is not None and intact else set(_files(self.out))
        staged = sorted(_files(self.folder))
        deletes = sorted(old - paths - {MARKER})
        if not staged and not deletes and marked == token:
            remove_tree(self.folder)
            return 0  # the site is the new site already: nothing is written
        twin = twin_of(self.out)
        level = intact and previous is not None and _twin_level(self.out) == previous_token
        _forget_twin(self.out)  # from here until it is level again, the twin is not to be trusted
        if level:  # the twin mirrors the site: only the changes go in
            _apply(twin, self.folder, staged, deletes, _move)
        else:
            _mirror(twin, self.out, self.folder, paths)
        _replace(twin / MARKER, marker)
        swap(twin, self.out)  # the new site is published in this one step
        remove_tree(self.folder)  # (its folders: the files were moved out)
        if not intact:
            return len(deletes)  # the twin is the old site as it was found, not as we left it: the next build mirrors
        try:  # the twin is the old site now, as the last build left it: it gets the new site's changes, as links
            _apply(twin, self.out, staged, deletes, _link)
            _link(self.out / MARKER, twin / MARKER)
            _remember_twin(self.out, token)
        except OSError:
            pass  # (a full disk, say): the site is whole, and the next build repairs the twin
        return len(deletes)

    def abort(self) -> None:
        remove_tree(self.folder)  # the site is whole whenever this runs; the twin is repaired when needed


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


def _apply(target: Path, source: Path, places: list[str], deletes: list[str], place) -> None:
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


def _mirror(twin: Path, out: Path, staging: Path, paths: set[str]) -> None:
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
        _link(out / rel, twin / rel)
    extra = [rel for rel in _files(twin) if rel not in paths and rel != MARKER]
    for rel in extra:
        os.unlink(twin / rel)
    _prune(twin, {rel.rpartition("/")[0] for rel in extra})


def _move(source: Path, target: Path) -> None:
    if os.path.lexists(source):  # (moved already, by a commit that was cut short)
        os.replace(source, target)


def _link(source: Path, target: Path) -> None:
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


def _replace(path: Path, data: bytes) -> None:
    temp = path.with_name(f"{TEMP_PREFIX}partial")
    temp.write_bytes(data)
    os.replace(temp, path)


def twin_of(out: Path) -> Path:
    return out.parent / f"{TEMP_PREFIX}twin-{out.name}"


def _twin_record(out: Path) -> Path:
    return out.parent / f"{TEMP_PREFIX}twin-{out.name}.level"


def _twin_level(out: Path) -> str | None:
    """The files token of the site the twin mirrors, if it was left level with this very output
    folder (the record names both folders' inodes, so folders moved by hand are not trusted)."""
    try:
        token, out_ino, twin_ino = _twin_record(out).read_text().split()
        if int(out_ino) == os.lstat(out).st_ino and int(twin_ino) == os.lstat(twin_of(out)).st_ino:
            return token
    except (OSError, ValueError):
        pass
    return None


def _forget_twin(out: Path) -> None:
    try:
        os.unlink(_twin_record(out))
    except FileNotFoundError:
        pass


def _remember_twin(out: Path, token: str) -> None:
    _replace(_twin_record(out), f"{token} {os.lstat(out).st_ino} {os.lstat(twin_of(out)).st_ino}\n".encode())


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


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
