"""The one sink: put a finished site on disk, all at once or not at all.

Files go into a fresh folder beside the output, which is swapped in at the end,
so a failed or killed build leaves the previous site whole and stale files
vanish. The output is only replaced if it is empty or was made by us (a marker
file), so `--output ~` can never delete someone's files.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator import urls
from generator.model import OutputFile

MARKER = ".article-archive"
MARKER_TEXT = b"This folder is built by `archive build` and is replaced on every build.\n"
TEMP_PREFIX = ".article-archive-"


class UnsafeOutput(Exception):
    """The output folder holds files that are not ours."""


@dataclass(frozen=True)
class Copy:
    """A file copied as it is (images, stylesheets) to a site path."""

    source: Path
    path: str


@dataclass(frozen=True)
class WriteResult:
    files: int  # files in the new site
    changed: int  # files added, changed or removed compared with the previous site


def check_output(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UnsafeOutput(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UnsafeOutput(
            f"refusing to replace {out}: it is not empty and was not made by `archive build` "
            f"(no {MARKER} file in it). Choose an empty or new folder with --output."
        )


def write(files: Iterable[OutputFile], copies: Iterable[Copy], out: Path) -> WriteResult:
    out = Path(os.path.abspath(out))
    check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = out.parent / f"{TEMP_PREFIX}new-{out.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    written: set[str] = set()
    changed = 0
    try:
        for file in files:
            changed += _put(staging, out, file.path, written, data=file.data)
        for copy in copies:
            changed += _put(staging, out, copy.path, written, source=copy.source)
        (staging / MARKER).write_bytes(MARKER_TEXT)
        if out.is_dir():
            changed += sum(1 for rel in _files(out) if rel not in written and rel != MARKER)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteResult(files=len(written), changed=changed)


def _put(staging: Path, out: Path, rel: str, written: set[str], *, data: bytes | None = None,
         source: Path | None = None) -> int:
    """Write one file into staging; return 1 if it differs from the previous site's."""
    if not urls.is_safe(rel) or rel == MARKER:
        raise ValueError(f"refusing to write outside the site folder: {rel!r}")
    if rel in written:
        raise ValueError(f"two files for one path: {rel}")
    written.add(rel)
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        data = source.read_bytes()
    target.write_bytes(data)
    previous = out / rel
    try:
        return 0 if previous.is_file() and previous.read_bytes() == data else 1
    except OSError:
        return 1


def _files(folder: Path) -> Iterable[str]:
    for dirpath, _, names in os.walk(folder):
        for name in names:
            yield Path(dirpath, name).relative_to(folder).as_posix()


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        old = out.parent / f"{TEMP_PREFIX}old-{out.name}-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
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
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
