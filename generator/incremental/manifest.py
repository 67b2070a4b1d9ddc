"""What the last build wrote into one output folder, so that unchanged pages are kept, not rendered again.

A page's fingerprint (keys.py) hashes everything its template can see. The
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
import stat
from pathlib import Path
from typing import Iterable

from generator.archive.model import Written
from generator.incremental import cache, keys
from generator.output.writer import sorted_files_token

Entry = list  # [fingerprint or set name, size, mtime_ns, inode]
ENTRY_SIZE = 4
_FIRST = operator.itemgetter(0)
SEARCH = "@search"  # the set of the search index's files (no fingerprint starts with @)


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
        self.site_intact = False  # set by the build once `holds_site` has said so
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

    def holds(self, paths: Iterable[str], made_from: str | None = None, *, look: bool = True) -> bool:
        """The one trust rule: whether every one of the paths is a file the last build wrote (made
        from `made_from`, a page's fingerprint or a set's name, when given) and, if `look`, is still
        in the output as it wrote it: the same size, modification time and inode. Without `look`:
        for files that `holds_site` has looked at already."""
        entries = self.entries
        if not look:  # C loops: 17,500 search files at 10k articles
            try:
                firsts = list(map(_FIRST, map(entries.__getitem__, paths)))
            except (KeyError, TypeError, IndexError):
                return False
            return made_from is None or firsts.count(made_from) == len(firsts)
        # One loop without calls but lstat: a build with nothing to do checks 34k files at 10k articles.
        lstat, folder = os.lstat, f"{self.output}/"
        try:
            for path in paths:
                known = entries[path]
                if made_from is not None and known[0] != made_from:
                    return False
                info = lstat(folder + path)
                if info.st_size != known[1] or info.st_mtime_ns != known[2] or info.st_ino != known[3]:
                    return False
        except (OSError, KeyError, TypeError, IndexError):
            return False
        return True

    def holds_set(self, name: str, fingerprint: str, paths: Iterable[str], *, look: bool = True) -> bool:
        """`holds` for files made together (the search index): the last build made the set from
        `fingerprint`, and each of the paths as part of it."""
        return self.sets.get(name) == fingerprint and self.holds(paths, name, look=look)

    def set_paths(self, name: str, fingerprint: str) -> list[str]:
        """Every file of the set, if the last build made it from `fingerprint`; else none."""
        if self.sets.get(name) != fingerprint:
            return []
        return [path for path, known in self.entries.items() if known[0] == name]

    def holds_site(self) -> bool:
        """Whether the output is as the last build left it: every file it wrote, as it wrote it, and
        nothing else, each folder the very folder it left (a folder replaced by a link to a copy
        elsewhere, or a file added by hand, is a change to the site)."""
        return (self.paths is not None and self.holds(self.paths)
                and _folders_in_place(self.folder_names, self.folder_states, self.output))

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


class PageReuse:
    """The pages of the last build that a full build may keep (`rendering.Reuse`): each page is
    fingerprinted by its key (`keys.PageKeys`) and kept if the manifest says its file was made
    from that fingerprint and the file is still as it was written."""

    def __init__(self, manifest: Manifest, page_keys: keys.PageKeys, base: bytes):
        self.manifest = manifest
        self.page_keys, self.fingerprints = page_keys, keys.Fingerprints(base)

    def fingerprint(self, index: int, path: str) -> str:
        return self.fingerprints.page(path, self.page_keys.of(index))

    def kept(self, path: str, fingerprint: str) -> Entry | None:
        return self.manifest.entries[path] if self.manifest.holds((path,), fingerprint) else None

    @staticmethod
    def entry(fingerprint: str, info: os.stat_result) -> Entry:
        return entry(fingerprint, info)


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
