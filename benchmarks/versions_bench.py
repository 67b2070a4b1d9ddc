"""Builds of a synthetic archive where a share of the articles have three versions (issue 21).

The archive of the same articles without versions first, cold (no cache, no site), with each code
of `--baseline` and then this one, for comparison. Then the archive with versions: a cold build, a
build with nothing to do, the first edit (which also makes the site's twin), three edits of an
article without versions (the one-page patch: made, undone, made), and an edit of an article with
versions (the whole build). And the word diff of a 1,200-word article with three edits, alone.
Prints a Markdown table.

    PYTHONPATH=. .venv/bin/python -m benchmarks.versions_bench 10000 --versions 0.1

(the `archive` beside the Python that runs it, with this checkout first on its path)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from pathlib import Path

from benchmarks import measure
from benchmarks.build_bench import CACHE, EDIT, EPOCH, REPO, _cleared, _written_since
from benchmarks.corpus import write_archive


def _build(root: Path, label: str, rows: list[str], env: dict[str, str]) -> None:
    """One build, timed; a row: seconds, files written, the load average as it ended."""
    site = root / "site"
    started = time.time_ns()
    run = measure.run([str(Path(sys.executable).parent / "archive"), "build", "--root", str(root), "--quiet"], env=env)
    rows.append(f"| {label} | {run.wall:.2f} | {_written_since(site, started)} | {os.getloadavg()[0]:.1f} |")
    print(rows[-1], flush=True)


def _saved(path: Path, data: bytes, root: Path, label: str, rows: list[str], env: dict[str, str]) -> None:
    path.write_bytes(data)
    time.sleep(1.1)  # past the racy second: the build trusts the file's status
    _build(root, label, rows, env)


def diff_speed(words: int = 1200, edits: int = 3, repeats: int = 200) -> float:
    """Milliseconds to diff (tokens to runs) a `words`-word article against itself with `edits` edits."""
    from generator.render import diffs

    rng = random.Random(1)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                  for _ in range(3000)]
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(words // 20)) + "." for _ in range(20)]
    edited = list(paragraphs)
    for number in range(edits):
        edited[number * 6] = edited[number * 6].replace(" ", " inserted ", 1)
    old, new = diffs.tokens(paragraphs), diffs.tokens(edited)
    started = time.perf_counter()
    for _ in range(repeats):
        diffs.diff(old, new)
    return (time.perf_counter() - started) * 1000 / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--versions", type=float, default=0.1)
    parser.add_argument("--baseline", type=Path, nargs="*", default=[],
                        help="other checkouts whose code builds the archive without versions too, before this one")
    args = parser.parse_args()
    rows = ["| build | seconds | files written | load |", "| --- | --- | --- | --- |"]
    print(f"diff of a 1,200-word article with 3 edits: {diff_speed():.2f} ms")
    for share in (0.0, args.versions):
        root = CACHE / f"versions-{args.size}-{share}"
        shutil.rmtree(root, ignore_errors=True)
        write_archive(args.size, root, versions=share)
        label = f"{args.size}, {share:.0%} with 3 versions"
        for code in (*args.baseline, REPO) if not share else (REPO,):
            env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(code)}
            _cleared(root / "site", root / ".cache", *root.glob(".article-archive-twin-site*"))
            _build(root, f"{label}: cold ({code.name})", rows, env)
        if not share:
            continue
        time.sleep(1.1)
        _build(root, f"{label}: no-op", rows, env)
        plain = min((root / "content").glob("*/a*.md"))
        original = plain.read_bytes()
        edited = original.rstrip(b"\n") + EDIT.encode()
        _saved(plain, edited, root, f"{label}: first edit (makes the twin)", rows, env)
        for data in (original, edited, original):  # undone, made again, undone
            _saved(plain, data, root, f"{label}: one edit (no versions)", rows, env)
        versioned = min(p for p in (root / "content").glob("*/a*.md") if p.with_suffix(".versions").is_dir())
        original = versioned.read_bytes()
        _saved(versioned, original.rstrip(b"\n") + EDIT.encode(), root,
               f"{label}: one edit (with versions: whole build)", rows, env)
        versioned.write_bytes(original)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
