"""Pages whose inputs are unchanged since the last build are kept, not rendered again.

A page's fingerprint hashes everything its template can see: the page context
(every field, recursively; an article body by its store key), the site info,
how links are written, every template file and the generator's own code. The
manifest remembers, per output file, the fingerprint it was rendered from and
the file's size, modification time and inode right after it was written; the
old file is reused only if both still match, so a file changed by hand, or a
site another build wrote, is rendered again.

Files made together (the search index) have one fingerprint for the set, kept
once in the manifest (`Manifest.sets`); their entries name the set instead.
An edit that changes a few of the index's 17,500 files (at 10k articles) then
leaves the other entries as they are, instead of giving each the new one.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import os
import pickle
import stat
from pathlib import Path
from typing import Iterable

from generator.incremental import cache
from generator.archive import layout
from generator.archive.model import Written
from generator.output.writer import sorted_files_token

Entry = list  # [fingerprint or set name, size, mtime_ns, inode]
ENTRY_SIZE = 4
_FIRST = operator.itemgetter(0)
SEARCH = "@search"  # the set of the search index's files (no fingerprint starts with @)


def base_digest(root: Path, links: object, site: object) -> bytes:
    """What every page depends on besides its own context."""
    digest = hashlib.blake2b(cache.fingerprint().encode(), digest_size=16)
    for folder in (layout.BUILTIN_TEMPLATES, root / layout.TEMPLATES_DIR):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(pickle.dumps((links, site), protocol=5))
    return digest.digest()


def code_digest(*values: object) -> bytes:
    """The generator's code and some values, for outputs that templates do not shape."""
    data = cache.fingerprint().encode() + pickle.dumps(values, protocol=5)
    return hashlib.blake2b(data, digest_size=16).digest()


def shown_digest(article: object, excerpt: str) -> str:
    """What other pages show of an article (`pages.Item`): all of it but its body, which the
    read stage has already taken out of it, and the excerpt of the body."""
    return hashlib.blake2b(pickle.dumps((article, excerpt), protocol=5), digest_size=16).hexdigest()


class Fingerprints:
    """Fingerprints of page contexts, over their pickled form.

    Pickle walks dataclasses, tuples and dicts in C, in a fixed order, and page
    contexts hold no sets (whose order would vary between processes), so the
    same context gives the same bytes. It is ten times faster than walking the
    fields in Python.
    """

    def __init__(self, base: bytes):
        self.base = base

    def of(self, page: object) -> str:
        return hashlib.blake2b(pickle.dumps(page, protocol=5), key=self.base, digest_size=16).hexdigest()


class Manifest:
    """Output path -> Entry of the last successful build into one output folder."""

    def __init__(self, root: Path, output: Path, enabled: bool):
        # A checked pickle: a third of the time of JSON to write (34k entries at 10k articles).
        self.path = root / cache.FOLDER / "outputs" / f"{_output_name(output)}.pickle" if enabled else None
        self.entries: dict[str, Entry] = {}
        self.paths: list[str] | None = None  # every file the last build wrote, if known
        self.sets: dict[str, str] = {}  # set name -> the fingerprint its files were made from
        self.token: str | None = None  # `writer.files_token(paths)`
        self.output = output
        # Each folder of the site as the last build left it: its name, and its mtime_ns and inode
        # (two numbers a folder, flat). A file added by hand changes its folder's time, so the
        # site is then not as it was left.
        self.folder_names: list[str] = []
        self.folder_states: list[int] = []
        self.site_intact = False  # set by the build once `holds_all` has said so
        if self.path is not None:
            loaded = cache.load_checked(self.path)  # checked: what this code saved, as it saved it
            if isinstance(loaded, dict) and loaded.get("version") == cache.fingerprint():
                names, values, paths, sets, token, folders, states = (loaded.get(key) for key in (
                    "names", "values", "paths", "sets", "token", "folder_names", "folder_states"))
                if (isinstance(names, list) and isinstance(values, list) and isinstance(paths, list)
                        and isinstance(sets, dict) and isinstance(token, str) and isinstance(folders, list)
                        and isinstance(states, list) and len(values) == ENTRY_SIZE * len(names)
                        and len(states) == 2 * len(folders)):
                    self.entries, self.paths, self.sets, self.token = _entries(names, values), paths, sets, token
                    self.folder_names, self.folder_states = folders, states

    def reusable(self, rel: str, fingerprint: str, out: Path) -> bool:
        return self._in_place((rel,), out, fingerprint)

    def kept_set(self, name: str, fingerprint: str, staging) -> dict[str, Entry] | None:
        """Keep every file of the set if the last build made it from `fingerprint` and all are
        unchanged; else keep none."""
        if self.sets.get(name) != fingerprint:
            return None
        paths = [path for path, known in self.entries.items() if known[0] == name]
        if not paths or not self._in_place(paths, staging.out, name):
            return None
        staging.keep_all(paths)
        return {path: self.entries[path] for path in paths}

    def intact(self, name: str, fingerprint: str, paths: Iterable[str], out: Path) -> bool:
        """Whether every one of the paths is in the output as a build of the set from `fingerprint` wrote it."""
        return self.sets.get(name) == fingerprint and self._in_place(paths, out, name)

    def made_from(self, name: str, fingerprint: str, paths: Iterable[str]) -> bool:
        """Whether the last build made every one of the paths in the set from `fingerprint`: with
        `holds_all` (which looked at every file), what `intact` tells without looking again."""
        firsts = map(_FIRST, map(self.entries.__getitem__, paths))  # maps, not a generator: 17,500 paths at 10k
        try:
            return self.sets.get(name) == fingerprint and all(map(operator.eq, itertools.repeat(name), firsts))
        except (KeyError, TypeError, IndexError):
            return False

    def holds_all(self, out: Path) -> bool:
        """Whether the output is as the last build left it: every file it wrote, as it wrote it, and
        nothing else, each folder the very folder it left (a folder replaced by a link to a copy
        elsewhere, or a file added by hand, is a change to the site)."""
        return (self.paths is not None and self._in_place(self.paths, out)
                and _folders_in_place(self.folder_names, self.folder_states, out))

    def _in_place(self, paths: Iterable[str], out: Path, fingerprint: str | None = None) -> bool:
        # One loop without calls but lstat: a build with nothing to do checks 34k files at 10k articles.
        entries, lstat, folder = self.entries, os.lstat, f"{out}/"
        try:
            for path in paths:
                known = entries[path]
                if fingerprint is not None and known[0] != fingerprint:
                    return False
                info = lstat(folder + path)
                if info.st_size != known[1] or info.st_mtime_ns != known[2] or info.st_ino != known[3]:
                    return False
        except (OSError, KeyError, TypeError, IndexError):
            return False
        return True

    def save(self, entries: dict[str, Entry], paths: Iterable[str], sets: dict[str, str]) -> None:
        """Replace the manifest; on failure remove it, since a stale one must never be trusted.
        `paths`: every file, best nearly sorted (sorting a set of 31,500 took 20 ms, the last
        build's list with a few changes 2 ms). `sets`: each set's fingerprint."""
        if self.path is not None:
            ordered = sorted(paths)
            # The same files are in the same folders: their names are not made again (30 ms at 10k).
            folders = self.folder_names if ordered == self.paths and self.folder_names else _folders_of(ordered)
            # Entries flat, not a list each: a third less time to load (31,500 of them at 10k articles).
            cache.save_checked(self.path, {"version": cache.fingerprint(), "names": list(entries),
                                           "values": list(itertools.chain.from_iterable(entries.values())),
                                           "paths": ordered, "sets": sets, "token": sorted_files_token(ordered),
                                           "folder_names": folders, "folder_states": _states(folders, self.output)})


def _folders_of(paths: list[str]) -> list[str]:
    """Every folder of a site of these files (those that hold only folders too), sorted."""
    names = {path.rpartition("/")[0] for path in paths}
    for name in list(names):
        while name:
            name = name.rpartition("/")[0]
            names.add(name)
    return sorted(names)


def _states(folders: list[str], out: Path) -> list[int]:
    """The folders' mtime_ns and inode, flat; empty if one cannot be looked at (not trusted then)."""
    lstat, states, base = os.lstat, [], f"{out}/"
    try:
        for name in folders:
            info = lstat(base + name)
            states += (info.st_mtime_ns, info.st_ino)
    except OSError:
        return []
    return states


def _folders_in_place(folders: list[str], states: list[int], out: Path) -> bool:
    lstat, base, isdir = os.lstat, f"{out}/", stat.S_ISDIR
    try:
        for name, mtime, inode in zip(folders, states[::2], states[1::2]):
            info = lstat(base + name)
            if info.st_mtime_ns != mtime or info.st_ino != inode or not isdir(info.st_mode):
                return False
    except OSError:
        return False
    return bool(folders) and len(states) == 2 * len(folders)


def place_search_files(made: Iterable, staging, entries: dict) -> int:
    """Put the search files an indexing made and note their manifest entries (in the set
    SEARCH). Returns how many changed."""
    changed = 0
    for file in made:
        if isinstance(file, Written):
            staging.adopt(file.path)
            changed += file.receipt[0]
            entries[file.path] = file.receipt[1]
            continue
        placed, info = staging.put(file.path, file.data)  # as they come: 100k articles' index is a GB
        changed += placed
        entries[file.path] = entry(SEARCH, info)
    return changed


def _entries(names: list[str], values: list) -> dict[str, Entry]:
    """`Manifest.save`'s flat entries as a dict again."""
    flat = iter(values)
    return dict(zip(names, map(list, zip(*[flat] * ENTRY_SIZE))))


def state_path(root: Path, output: Path, kind: str) -> Path:
    """Where a stage keeps what it knows of the files it made in one output folder."""
    return root / cache.FOLDER / kind / f"{_output_name(output)}.pickle"


def _output_name(output: Path) -> str:
    return hashlib.blake2b(os.path.abspath(output).encode(), digest_size=10).hexdigest()


def entry(fingerprint: str, info: os.stat_result) -> Entry:
    return [fingerprint, info.st_size, info.st_mtime_ns, info.st_ino]
