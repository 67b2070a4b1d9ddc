"""A cache of pure build steps under ROOT/.cache/build/, never trusted blindly.

An entry is a JSON object (kept in packs, store.py) addressed by the hash of
every input of the step that made it, the generator's own code and library
versions included, so a change of any input simply misses. An entry that cannot be read or does not have the
expected shape is treated as missing and written again. Warm and cold builds
therefore give the same bytes; the cache only saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
import struct
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import generator
from generator.incremental.body_store import Store

FOLDER = ".cache/build"
# A file changed this close to a build's start is not trusted by its status: two writes in
# one clock tick can leave the same size and times (git's "racy" entries).
RACY_NS = 1_000_000_000
# Libraries whose work the cached steps and the kept pages and files contain: Markdown and
# sanitising, slugs, YAML, templates and escaping, the search index's stop words and numbers,
# the time zone data behind dates, the word diffs between versions.
_LIBRARIES = ("markdown-it-py", "markdown-it-pyrs", "mdit-py-plugins", "nh3", "python-slugify", "PyYAML",
              "Jinja2", "MarkupSafe", "lunr", "numpy", "tzdata", "fast-diff-match-patch")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The generator's code, Python's version and library versions: part of every key."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = installed_versions()
    for name in _LIBRARIES:
        digest.update(f"{name}={versions.get(_project(name), '?')}\0".encode())
    return digest.hexdigest()


def installed_versions() -> dict[str, str]:
    """Normalised project name -> version, of the first installation of each on sys.path.

    Read from the names of the `NAME-VERSION.dist-info` folders, as importlib.metadata
    finds them: that module alone took 40 ms to import, a twentieth of a one-edit rebuild.
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(_project(project), version)
    return found


def _project(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def key(*parts: str) -> str:
    digest = hashlib.blake2b(fingerprint().encode(), digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)  # length-prefixed: no ambiguous joins
    return digest.hexdigest()


@contextlib.contextmanager
def opened(root: Path, kind: str, enabled: bool) -> Iterator[Store]:
    """The store of one kind under ROOT/.cache/build/; a throw-away one when disabled or not writable.

    The build keeps large results (body HTML) in the store rather than in memory,
    so it always needs one it can write.
    """
    store = Store(root / FOLDER / kind) if enabled else None
    with contextlib.ExitStack() as stack:
        if store is None or not store.writable():
            import tempfile  # here: 8 ms to import, and a build with a cache never needs it

            store = Store(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="article-archive-"))))
        try:
            yield store
        finally:
            store.close()


def write_atomically(path: Path, parts: Iterable[bytes], prune: str | None = None) -> None:
    """Write the parts one after another at path atomically, first removing the other files
    beside it that match the pattern `prune`, if given. On failure nothing is left at path."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(prune) if prune else ():
            if old != path:
                old.unlink()
        with open(temp, "wb") as out:
            out.writelines(parts)
        os.replace(temp, path)
    except OSError:
        for leftover in (temp, path):
            with contextlib.suppress(OSError):
                leftover.unlink()


_CHECK = 32  # bytes of the hash in front of a checked pickle (SHA-256: the fastest here, in hardware)
_SIZE = struct.Struct("<Q")


def load_checked(path: Path) -> object | None:
    """What `save_checked` wrote at path, or None if it is missing or damaged (never unpickled then)."""
    try:
        with open(path, "rb") as file:
            data = bytearray(os.fstat(file.fileno()).st_size)  # writable: the arrays made from it are too
            if file.readinto(data) != len(data):
                return None
    except OSError:
        return None
    view = memoryview(data)
    if len(data) < _CHECK + _SIZE.size or hashlib.sha256(view[_CHECK:]).digest() != data[:_CHECK]:
        return None
    (count,) = _SIZE.unpack_from(data, _CHECK)
    at = _CHECK + _SIZE.size * (1 + count)
    if count < 1 or at > len(data):
        return None
    parts = []
    for size in struct.unpack_from(f"<{count}Q", data, _CHECK + _SIZE.size):
        parts.append(view[at : at + size])
        at += size
    return unpickled(parts[0], parts[1:])


def unpickled(payload: bytes, buffers: Iterable = ()) -> object | None:
    """A pickle whose hash was checked; None if it is from another version of a class."""
    paused = gc.isenabled()
    gc.disable()  # unpickling makes many objects and no garbage: collections would only walk them, 3x the time
    try:
        return pickle.loads(payload, buffers=buffers)
    except Exception:  # a pickle from another version of a class: start afresh
        return None
    finally:
        if paused:
            gc.enable()


def save_checked(path: Path, value: object, prune: bool = False) -> None:
    """Pickle value at path atomically, a hash of it in front; with `prune`, remove the other
    `*.pickle` beside it (another code version's, never read again). On failure nothing is left at path.

    Large arrays are written as they are, after the pickle (protocol 5's out-of-band
    buffers), and read back the same way: no copy into and out of one large pickle.
    """
    buffers: list[pickle.PickleBuffer] = []
    payload = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raws = [buffer.raw() for buffer in buffers]
    sizes = [len(payload), *(raw.nbytes for raw in raws)]
    table = struct.pack(f"<{1 + len(sizes)}Q", len(sizes), *sizes)
    check = hashlib.sha256(table)
    for part in (payload, *raws):
        check.update(part)
    write_atomically(path, [check.digest(), table, payload, *raws], "*.pickle" if prune else None)
