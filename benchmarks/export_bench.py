"""Export benchmark: time and size of `archive export zim` (with and without its full-text index)
and `archive export bagit`, beside a cold `archive build --no-cache` of the same archive.

    python -m benchmarks.export_bench [--sizes 1000 10000] [--repeats 1] [--report FILE]

The archives are build_bench's synthetic ones, cached in .cache/bench/archive-N. Each command
runs as a fresh process (measure.run: wall, CPU, peak memory of its process tree), into
.cache/bench/export-out/, emptied before every run. Prints a Markdown table with the machine's
load before and after (others may share it). Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

from benchmarks import measure
from benchmarks.build_bench import CACHE, EPOCH, REPO, machine, our_corpus

OUT = CACHE / "export-out"
CASES = {  # name -> (arguments after `archive`, the output under OUT)
    "build (cold, no cache)": (["build", "--no-cache"], "site"),
    "export zim": (["export", "zim"], "archive.zim"),
    "export zim --no-fulltext": (["export", "zim", "--no-fulltext"], "archive.zim"),
    "export bagit": (["export", "bagit"], "bag"),
}


def _size(path: Path) -> tuple[int, int]:
    """Files and bytes at `path` (a file or a folder)."""
    if path.is_file():
        return 1, path.stat().st_size
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench(size: int, repeats: int) -> list[str]:
    root = our_corpus(size).absolute()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    rows = []
    for name, (args, target) in CASES.items():
        runs = []
        for _ in range(repeats):
            shutil.rmtree(OUT, ignore_errors=True)
            OUT.mkdir(parents=True)
            output = (OUT / target).absolute()
            argv = [sys.executable, "-m", "generator", *args, "--root", str(root), "--output", str(output), "--quiet"]
            runs.append(measure.run(argv, env=env))
            print(f"  {size} {name}: {runs[-1].wall:.1f} s", file=sys.stderr, flush=True)
        files, size_bytes = _size(output)
        if target == "archive.zim":
            files = len((OUT / "archive.zim.manifest").read_text().splitlines()) - 1  # entries and metadata
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        pss = max(r.tree_pss for r in runs)
        rows.append(f"| {size:,} | {name} | {wall:.1f} | {cpu:.1f} | {pss / 2**20:,.0f} | "
                    f"{size_bytes / 1e6:,.1f} | {files:,} |")
    shutil.rmtree(OUT, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    lines = [f"Machine: {machine()[0]}", "", f"Before: {_load()}", "",
             "| articles | command | wall s | CPU s | peak PSS MiB | output MB | files / ZIM entries |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size in args.sizes:
        lines += bench(size, args.repeats)
    lines += ["", f"After: {_load()}"]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text)


if __name__ == "__main__":
    main()
