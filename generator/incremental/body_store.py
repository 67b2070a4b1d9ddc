"""Entries of one kind of pure step (e.g. `bodies`), packed many to a file, addressed by key.

One file per entry cost a cold 10k build 10,000 file creations, each slower
than the write itself on a disk that has just deleted a site (ext4 scans the
recently freed inodes), and a rebuild 10,000 `stat` calls to see they exist.
Here each writer (a worker's chunk of articles) appends its entries to one
pack file, which ends with an index of them, and renames it in place when the
chunk is done: a pack is whole or absent. Readers load every pack's index
(small; again with `refresh` after the workers are done) and read an entry
with one `pread`.

Nothing is trusted blindly: an entry must parse and name its own key, a pack
whose index does not parse is ignored, and the build renders what is missing
again. `keep_only` drops the packs nobody uses and repacks when more than half
of the bytes are dead or the packs are too many (every small rebuild adds one).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import operator
import os
import shutil
import time
from pathlib import Path

SUFFIX = ".pack"
TRAILER = b"aa-pack1"  # after the index: its offset (8 bytes, little-endian), then these 8 bytes
MAX_PACKS = 64  # more than this and they are packed again into one
Location = tuple[str, int, int]  # pack name, offset, length


class Store:
    """Entries of one kind: JSON objects addressed by key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._index: dict[str, Location] = {}
        self._packs: dict[str, int] = {}  # name -> bytes of its entries, of the packs indexed
        self._listed = False
        self._fds: dict[str, int] = {}  # open packs; a forked worker uses the parent's (pread moves no offset)
        self._writer: _Writer | None = None
        self._names = itertools.count()

    def __reduce__(self):
        """Sent to another machine's process (a Dask worker): the folder alone; it opens its own packs."""
        return Store, (self.folder,)

    def writable(self) -> bool:
        probe = self.folder / f".probe-{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError:
            return False
        return True

    # --- reading -----------------------------------------------------------------

    def get(self, entry: str) -> dict | None:
        where = self._locate(entry)
        if where is None:
            return None
        name, offset, length = where
        try:
            value = json.loads(os.pread(self._fd(name), length, offset))
        except (OSError, ValueError):
            value = None
        return value if isinstance(value, dict) and value.get("key") == entry else None

    def has(self, entry: str) -> bool:
        return self._locate(entry) is not None

    def _locate(self, entry: str) -> Location | None:
        if not self._listed:
            self.refresh()
        return self._index.get(entry)

    def refresh(self) -> None:
        """Index the packs other processes (the workers) have put in place since the folder was listed."""
        self._listed = True
        try:
            names = sorted(os.listdir(self.folder))  # by name: the time each was begun, so newer entries win
        except OSError:
            return
        for name in names:
            if name.endswith(SUFFIX) and name not in self._packs:
                index, size = _read_index(self.folder / name)
                if index is not None:
                    self._add(name, index, size)

    def _add(self, name: str, index: dict[str, list[int]], size: int) -> None:
        self._packs[name] = size
        self._index.update((key, (name, offset, length)) for key, (offset, length) in index.items())

    def _fd(self, name: str) -> int:
        fd = self._fds.get(name)
        if fd is None:
            fd = self._fds[name] = os.open(self.folder / name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        return fd

    # --- writing -----------------------------------------------------------------

    def put(self, entry: str, value: dict) -> None:
        """Add an entry to this process's open pack; readers see it after `flush`.
        A folder that cannot be written just skips (the build renders it again when needed)."""
        data = json.dumps({**value, "key": entry}, ensure_ascii=False).encode("utf-8")
        writer = self._writer
        if writer is None or writer.pid != os.getpid():
            writer = self._writer = _Writer(self.folder, f"{time.time_ns()}-{os.getpid()}-{next(self._names)}")
        writer.add(entry, data)

    def flush(self) -> None:
        """Put the entries added by this process in place, as one pack."""
        writer, self._writer = self._writer, None
        if writer is not None and writer.pid == os.getpid() and writer.finish() is not None:
            self._add(writer.name, writer.index, writer.size)

    def close(self) -> None:
        self.flush()
        for fd in self._fds.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = {}

    # --- pruning -------------------------------------------------------------------

    def keep_only(self, used: set[str]) -> int:
        """Drop the entries this build did not use, so the cache does not grow with every edit.
        Returns how many were dropped."""
        self.flush()
        if not self.folder.is_dir():
            return 0
        self.refresh()
        live: dict[str, int] = dict.fromkeys(self._packs, 0)  # pack -> bytes of its entries in use
        for key in used:
            where = self._index.get(key)
            if where is not None:
                live[where[0]] += where[2]
        dropped = sum(1 for key in self._index if key not in used)
        keep = {name for name, size in live.items() if size}
        if keep and (len(keep) > MAX_PACKS or sum(self._packs[name] for name in keep) > 2 * sum(live.values())):
            keep = self._repack(used)
        for name in os.listdir(self.folder):
            path = self.folder / name
            if name in keep or name.startswith(".probe-") or (name.startswith(".") and _recent(path)):
                continue  # a pack in use, or one another process is writing
            self._forget(name)
            with contextlib.suppress(OSError):
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()  # older layouts too
        return dropped

    def _repack(self, used: set[str]) -> set[str]:
        """Every entry in use, copied into one new pack; returns its name (the rest go)."""
        writer = _Writer(self.folder, f"{time.time_ns()}-{os.getpid()}-{next(self._names)}")
        for key in sorted(used):
            where = self._index.get(key)
            if where is None:
                continue
            name, offset, length = where
            try:
                writer.add(key, os.pread(self._fd(name), length, offset))
            except OSError:
                continue
        name = writer.finish()
        if name is None:
            return set(self._packs)  # nothing could be written: keep what there is
        self._add(name, writer.index, writer.size)
        return {name}

    def _forget(self, name: str) -> None:
        if name in self._packs:
            del self._packs[name]
            self._index = {key: where for key, where in self._index.items() if where[0] != name}
        fd = self._fds.pop(name, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


class _Writer:
    """One pack being written: entries appended to a hidden temporary file, then its index.

    A plain descriptor, not a file object: a forked worker that drops the parent's
    writer must not flush the parent's buffered bytes into the parent's file.
    """

    def __init__(self, folder: Path, name: str):
        self.folder, self.name, self.pid = folder, name + SUFFIX, os.getpid()
        self.temp = folder / f".{self.name}.tmp"
        self.index: dict[str, list[int]] = {}
        self.size = 0
        try:
            self.fd: int | None = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError:
            self.fd = None

    def add(self, entry: str, data: bytes) -> None:
        if self.fd is None:
            return
        try:
            _write_all(self.fd, data)
        except OSError:
            self._drop()
            return
        self.index[entry] = [self.size, len(data)]
        self.size += len(data)

    def finish(self) -> str | None:
        """Write the index and put the pack in place; its name, or None if nothing was written."""
        if self.fd is None:
            return None
        if not self.index:
            self._drop()
            return None
        try:
            _write_all(self.fd, json.dumps(self.index).encode() + self.size.to_bytes(8, "little") + TRAILER)
            os.close(self.fd)
            self.fd = None
            os.replace(self.temp, self.folder / self.name)
        except OSError:
            self._drop()
            return None
        return self.name

    def _drop(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
        with contextlib.suppress(OSError):
            self.temp.unlink()
        self.fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_index(path: Path) -> tuple[dict[str, list[int]] | None, int]:
    """A pack's index and the bytes of its entries; None if the pack is damaged or not one."""
    try:
        with open(path, "rb") as file:
            size = file.seek(0, os.SEEK_END)
            if size < 16:
                return None, 0
            file.seek(size - 16)
            tail = file.read(16)
            start = int.from_bytes(tail[:8], "little")
            if tail[8:] != TRAILER or start > size - 16:
                return None, 0
            file.seek(start)
            index = json.loads(file.read(size - 16 - start))
    except (OSError, ValueError):
        return None, 0
    return (index, start) if _valid_index(index, start) else (None, 0)


def _valid_index(index: object, start: int) -> bool:
    """Whether each value is [offset, length], within the entries' `start` bytes. In loops
    of C rather than of Python: a one-edit rebuild at 10k articles checks 10,000 (40 ms)."""
    if not isinstance(index, dict):
        return False
    values = list(index.values())
    if not values:
        return True
    if set(map(type, values)) != {list} or set(map(len, values)) != {2}:
        return False
    numbers = list(itertools.chain.from_iterable(values))
    if set(map(type, numbers)) != {int} or min(numbers) < 0:
        return False
    return max(map(operator.add, numbers[0::2], numbers[1::2])) <= start


def _recent(path: Path) -> bool:
    """Written in the last hour: maybe by a build running now. Older leftovers are a dead writer's."""
    try:
        return time.time() - path.stat().st_mtime < 3600
    except OSError:
        return False
