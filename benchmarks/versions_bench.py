"""Builds of a synthetic archive where a share of the articles have three versions (issue 21).

One run each: a cold build (no cache, no site), a build with nothing to do, an edit of an article
without versions (the one-page patch), an edit of an article with versions (the whole build), and
an archive of the same articles without versions, cold, for comparison. And the word diff of a
1,200-word article with three edits, alone. Prints a Markdown table.

    PYTHONPATH=. .venv/bin/python -m benchmarks.versions_bench 10000 --versions 0.1
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
from pathlib import Path

from benchmarks import measure
from benchmarks.build_bench import CACHE, EDIT, EPOCH, REPO, VENV_BIN, _cleared, _written_since
from benchmarks.corpus import write_archive


def _build(root: Path, label: str, rows: list[str], env: dict[str, str]) -> None:
    site = root / "site"
    started = time.time_ns()
    run = measure.run([str(VENV_BIN / "archive"), "build", "--root", str(root), "--quiet"], env=env)
    rows.append(f"| {label} | {run.wall:.2f} | {_written_since(site, started)} | {os.getloadavg()[0]:.1f} |")
    print(rows[-1], flush=True)


def _edited(path: Path, root: Path, label: str, rows: list[str], env: dict[str, str]) -> None:
    original = path.read_bytes()
    try:
        path.write_bytes(original.rstrip(b"\n") + EDIT.encode())
        time.sleep(1.1)  # past the racy second: the build trusts the file's status
        _build(root, label, rows, env)
    finally:
        path.write_bytes(original)


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
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    rows = ["| build | seconds | files written | load |", "| --- | --- | --- | --- |"]
    print(f"diff of a 1,200-word article with 3 edits: {diff_speed():.2f} ms")
    for share in (0.0, args.versions):
        root = CACHE / f"versions-{args.size}-{share}"
        shutil.rmtree(root, ignore_errors=True)
        write_archive(args.size, root, versions=share)
        _cleared(root / "site", root / ".cache", *root.glob(".article-archive-twin-site*"))
        label = f"{args.size}, {share:.0%} with 3 versions"
        _build(root, f"{label}: cold", rows, env)
        if not share:
            continue
        time.sleep(1.1)
        _build(root, f"{label}: no-op", rows, env)
        _edited(min((root / "content").glob("*/a*.md")), root, f"{label}: one edit (no versions)", rows, env)
        versioned = min(p for p in (root / "content").glob("*/a*.md") if p.with_suffix(".versions").is_dir())
        _edited(versioned, root, f"{label}: one edit (with versions)", rows, env)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
