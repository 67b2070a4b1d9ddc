"""One whole import: find the inputs, read them (in parallel), emit the articles, count."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.archive import versions
from generator.ingest import emit, originals, sniff
from generator.ingest.record import Imported, ImportFailed

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Input:
    path: Path
    shown: str  # as the user gave it (a folder's files: the folder as given + the rest)


@dataclass(frozen=True)
class Read:
    """What a worker sends back for one input file."""

    sha256: str = ""
    kind: str = ""
    records: tuple[Imported, ...] = ()
    error: str | None = None
    skipped: tuple[str, ...] = ()  # parts of the input that held no article (a WARC's other pages)


@dataclass(frozen=True)
class Event:
    input: str
    status: str  # written | updated | version | unchanged | kept | skipped | failed
    path: str = ""
    note: str = ""
    dropped: tuple[tuple[str, str], ...] = ()  # the article's left-out lines and why (Imported.dropped)
    version: str = ""  # the version file this capture was kept as


@dataclass
class Summary:
    imported: int = 0
    unchanged: int = 0
    kept: int = 0  # articles edited by hand since their import, left as they are
    skipped: int = 0
    failed: int = 0
    versions: int = 0  # captures kept as new versions
    events: list[Event] = field(default_factory=list)
    _articles: set[str] = field(default_factory=set)  # written or updated: an article counts once

    def add(self, event: Event) -> None:
        self.events.append(event)
        if event.version:
            self.versions += 1
        if event.status in ("written", "updated"):
            if event.path not in self._articles:
                self._articles.add(event.path)
                self.imported += 1
        elif event.status == "version":
            pass  # an older capture of an article that stays as it is: counted in `versions` only
        elif event.status == "unchanged":
            self.unchanged += 1
        elif event.status == "kept":
            self.kept += 1
        elif event.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1


OWN_FOLDERS = ("content", "site", "originals", "templates", "static")  # an archive's own, never its inputs


def collect(paths: Iterable[str], root: Path) -> tuple[list[Input], list[Event]]:
    """Every input file in a stable order; folders are walked, skipping hidden files, saved-page
    asset folders (`*_files`), the archive's own folders (content/, site/, originals/, templates/,
    static/), BagIt bags (an export holds copies of an archive) and asset files."""
    found: dict[Path, Input] = {}
    problems: list[Event] = []
    skip_dirs = {(root / name).resolve() for name in OWN_FOLDERS}
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.setdefault(path.resolve(), Input(path, given))
        elif path.is_dir():
            children = sorted(path.rglob("*"))
            skip_dirs |= {child.parent.resolve() for child in children if child.name == "bagit.txt"}
            for child in children:
                rel = child.relative_to(path)
                if child.is_dir() or any(p.startswith(".") or p.endswith("_files") for p in rel.parts):
                    continue
                if any(child.resolve().is_relative_to(skip) for skip in skip_dirs):
                    continue
                if sniff.suffix_of(child.name) in sniff.ASSET_SUFFIXES and sniff.suffix_of(child.name) != ".warc.gz":
                    continue
                shown = (Path(given) / rel).as_posix()
                if not child.is_file():
                    problems.append(Event(shown, "failed", note=sniff.not_a_file(child)))
                    continue
                found.setdefault(child.resolve(), Input(child, shown))
        elif path.exists() or path.is_symlink():
            problems.append(Event(given, "failed", note=sniff.not_a_file(path)))
        else:
            problems.append(Event(given, "failed", note="no such file or folder"))
    return sorted(found.values(), key=lambda i: i.shown), problems


def read_input(path: Path, captured: dt.datetime | None = None, keep: Path | None = None) -> Read:
    """Runs in a worker: bytes -> kind -> reader. Every failure becomes a message. `captured`: when the
    scraped text was saved (`--captured`), for its relative dates. `keep`: the root whose originals/
    keeps the input's bytes once it was read."""
    from generator.ingest import html, markdown, text, warc

    try:
        data = sniff.read_bytes(path)
    except ImportFailed as exc:
        return Read(error=str(exc))
    except OSError as exc:
        return Read(error=f"cannot be read ({exc.strerror})")
    sha = hashlib.sha256(data).hexdigest()
    skipped: list[str] = []
    try:
        kind = sniff.kind_of(path.name, data)
        damage: list[str] = []  # a scrape's few damaged bytes do not cost its text (a Markdown file is the user's to fix)
        if kind == "warc":
            records, skipped = warc.read(path, data)
        elif kind == "html":
            records = [html.read(sniff.decode(data, html=True, damage=damage), path)]
        elif kind == "markdown":
            records = [markdown.read(sniff.decode(data), path)]
        else:
            records = [text.read(sniff.decode(data, damage=damage), captured)]
        records = [replace(record, warnings=(*damage, *record.warnings)) for record in records] if damage else records
    except ImportFailed as exc:
        return Read(sha, error=str(exc))
    except RecursionError:
        return Read(sha, error="is nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - one odd input must not stop a whole import
        return Read(sha, error=f"could not be read: {type(exc).__name__}: {exc}")
    original = originals.original_path(sha, path.name, kind)
    if keep is not None:
        try:
            originals.store(keep, original, data, emit.write_atomic)
        except OSError as exc:
            return Read(sha, error=f"cannot keep its original as {original}: {exc.strerror or exc}")
    return Read(sha, kind, tuple(records), skipped=tuple(skipped))


def capture_time(record: Imported, captured: dt.datetime | None) -> dict:
    """When the capture was made, UTC, as provenance records it: a WARC record's date, else --captured.
    A file's modification time is no capture time (a copy or a checkout sets it): without either,
    the capture's time is unknown, and it is kept as no version."""
    if record.origin.get("captured") or captured is None:
        return {}
    return {"captured": versions.iso(captured if captured.tzinfo else captured.replace(tzinfo=dt.timezone.utc))}


def provenance_file(path: Path, shown: str, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return shown


def run(
    paths: Iterable[str], root: Path, *, force: bool = False, dry_run: bool = False,
    progress: Progress | None = None, jobs: int | None = None, captured: dt.datetime | None = None,
    version_of: str | None = None,
) -> Summary:
    """`version_of`: the slug of the article every input is a capture of (scrapes that name no URL)."""
    inputs, problems = collect(paths, root)
    summary = Summary()
    for event in problems:
        summary.add(event)
    emitter = emit.Emitter(root, force=force, dry_run=dry_run)
    for rel, message in emitter.problems:
        summary.add(Event(rel, "failed", note=message))
    seen: dict[str, str] = {}  # sha256 -> the first input with those bytes
    keep = None if dry_run else root
    for done, (item, result) in enumerate(_read_all(inputs, jobs, captured, keep), 1):
        if result.error is not None:
            summary.add(Event(item.shown, "failed", note=result.error))
        elif result.sha256 in seen:
            summary.add(Event(item.shown, "skipped", note=f"has the same bytes as {seen[result.sha256]}"))
        else:
            seen[result.sha256] = item.shown
            for note in result.skipped:
                summary.add(Event(item.shown, "skipped", note=note))
            for record in result.records:
                provenance = {
                    "file": provenance_file(item.path, item.shown, root),
                    "sha256": result.sha256,
                    "importer": record.kind,
                    **record.origin,
                    **capture_time(record, captured),
                }
                try:
                    outcome = emitter.emit(record, provenance, version_of)
                except ImportFailed as exc:
                    summary.add(Event(item.shown, "failed", note=str(exc)))
                    continue
                except OSError as exc:
                    summary.add(Event(item.shown, "failed", note=f"cannot write: {exc}"))
                    continue
                summary.add(Event(item.shown, outcome.status, outcome.path, outcome.note, record.dropped,
                                  outcome.version))
        if progress is not None:
            progress(done, len(inputs))
    return summary


def _read_all(inputs: list[Input], jobs: int | None, captured: dt.datetime | None,
              keep: Path | None) -> Iterator[tuple[Input, Read]]:
    """Results in input order; at most a few per worker in flight, so memory stays flat."""
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(inputs) < 4:
        for item in inputs:
            yield item, read_input(item.path, captured, keep)
        return
    # forkserver: workers fork from a clean process, never from one running a progress-bar thread.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield from _windowed(pool, inputs, 4 * workers, captured, keep)


def _windowed(pool: Executor, inputs: list[Input], window: int, captured=None,
              keep: Path | None = None) -> Iterator[tuple[Input, Read]]:
    pending: deque = deque()
    items = iter(inputs)
    for item in items:
        pending.append((item, pool.submit(read_input, item.path, captured, keep)))
        if len(pending) >= window:
            break
    while pending:
        item, future = pending.popleft()
        yield item, future.result()
        following = next(items, None)
        if following is not None:
            pending.append((following, pool.submit(read_input, following.path, captured, keep)))
