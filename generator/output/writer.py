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

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator.output import folders
from generator.output.folders import MARKER, TEMP_PREFIX
from generator.render import urls

MARKER_TEXT = b"This folder is built by `archive build`; every build replaces its contents.\n"


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
        folders.finish_leftovers(self.out)
        self.folder = self.out.parent / f"{TEMP_PREFIX}new-{self.out.name}-{os.getpid()}"
        folders.remove_tree(self.folder)
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
        file the last build wrote, as it wrote it (`Manifest.holds_site`), so a twin
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
        old = previous if previous is not None and intact else set(folders.files_in(self.out))
        staged = sorted(folders.files_in(self.folder))
        deletes = sorted(old - paths - {MARKER})
        if not staged and not deletes and marked == token:
            folders.remove_tree(self.folder)
            return 0  # the site is the new site already: nothing is written
        twin = folders.twin_of(self.out)
        level = intact and previous is not None and folders.twin_level(self.out) == previous_token
        folders.forget_twin(self.out)  # from here until it is level again, the twin is not to be trusted
        if level:  # the twin mirrors the site: only the changes go in
            folders.apply(twin, self.folder, staged, deletes, folders.move)
        else:
            folders.mirror(twin, self.out, self.folder, paths)
        folders.replace_file(twin / MARKER, marker)
        folders.swap(twin, self.out)  # the new site is published in this one step
        folders.remove_tree(self.folder)  # (its folders: the files were moved out)
        if not intact:
            return len(deletes)  # the twin is the old site as it was found, not as we left it: the next build mirrors
        try:  # the twin is the old site now, as the last build left it: it gets the new site's changes, as links
            folders.apply(twin, self.out, staged, deletes, folders.link)
            folders.link(self.out / MARKER, twin / MARKER)
            folders.remember_twin(self.out, token)
        except OSError:
            pass  # (a full disk, say): the site is whole, and the next build repairs the twin
        return len(deletes)

    def abort(self) -> None:
        folders.remove_tree(self.folder)  # the site is whole whenever this runs; the twin is repaired when needed


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
