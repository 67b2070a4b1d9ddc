"""Cold builds on the local pool and on a Dask LocalCluster: time, peak memory, client<->worker bytes.

    PYTHONPATH=$PWD .venv/bin/python -m benchmarks.dask_bench --size 10000 [--source DIR] [--repeats N]

The archive is benchmarks/corpus.py's (the one build_bench.py caches in .cache/bench/archive-SIZE),
copied from `--source` if given (its content/ and archive.yaml only: nothing is written there).
Each build runs in a process of its own (`--one`), with its output and ROOT/.cache moved aside first
(deleted only when all builds are done: the file system frees a deleted site's files after the
deletion returns, and a build started then pays for it; its rendering's CPU time tripled in one
trial), then `--settle` seconds of quiet after a `sync`. The executors alternate which goes first
from one repeat to the next.
Each build reports its driver's peak RSS (ru_maxrss), that of its largest forked worker (local) or of
each Dask worker process, and the bytes pickled between the client and the workers (and those left on the shared path).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.build_bench import our_corpus

MB = 1 << 20


def one(executor: str, root: Path, output: Path) -> dict:
    """One cold build in this process; what it measured."""
    from generator.build import Options, build

    started = time.perf_counter()
    result = build(Options(root=root, output=output, executor=executor), dict(os.environ))
    wall = time.perf_counter() - started
    me, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    measured = result.cluster
    return {
        "executor": executor, "articles": result.articles, "wall": round(wall, 2),
        "stages": {k: round(v, 2) for k, v in result.timings.items()},
        "driver_rss_mb": me.ru_maxrss // 1024,
        "driver_cpu": round(me.ru_utime + me.ru_stime, 1),
        # the local pool's forked workers; with Dask, the LocalCluster's nanny processes (its workers are theirs)
        "children_rss_mb": children.ru_maxrss // 1024,
        "children_cpu": round(children.ru_utime + children.ru_stime, 1),
        "dask_worker_rss_mb": [b // MB for b in measured.get("worker_peak_rss", [])],
        "dask_worker_cpu": measured.get("worker_cpu", []),
        "sent_mb": round(measured.get("sent", 0) / MB, 1),
        "received_mb": round(measured.get("received", 0) / MB, 1),
        "shared_mb": round(measured.get("shared", 0) / MB, 1),
        "tasks": measured.get("tasks", 0),
        # each step: [MB sent with the tasks, MB received, tasks, MB written on the shared path for the workers]
        "steps_mb": {name: [round(sent / MB, 3), round(received / MB, 1), tasks, round(shared / MB, 1)]
                     for name, (sent, received, tasks, shared) in measured.get("steps", {}).items()},
    }


def prepared(size: int, source: Path | None, where: Path) -> Path:
    if source is None:
        return our_corpus(size)
    root = where / f"archive-{size}"
    if not (root / "content").is_dir():
        shutil.copytree(source / "content", root / "content")
        shutil.copy(source / "archive.yaml", root / "archive.yaml")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--source", type=Path, help="an archive of that size to copy (never written to)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--executors", nargs="+", default=["local", "dask"])
    parser.add_argument("--settle", type=float, default=10.0, help="seconds of quiet before each build")
    parser.add_argument("--one", nargs=3, metavar=("EXECUTOR", "ROOT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]), Path(args.one[2]))))
        return
    root = prepared(args.size, args.source, Path(".cache/bench"))
    output = root / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    # Earlier outputs are moved aside, not deleted, until the end: ext4 finishes a deletion of
    # 34,000 files after rmtree returns, and the next build paid for it (a local build 16 s after a
    # quiet start, 31 s right after a Dask build's site was deleted).
    aside = root.parent / f"{root.name}-aside"
    for repeat in range(args.repeats):
        for executor in args.executors if repeat % 2 == 0 else reversed(args.executors):
            for number, stale in enumerate((output, root / ".cache", *root.glob(".article-archive-twin-*"))):
                if stale.exists():
                    aside.mkdir(exist_ok=True)
                    stale.rename(aside / f"{time.time_ns()}-{number}")
            os.sync()
            time.sleep(args.settle)
            ran = subprocess.run([sys.executable, "-m", "benchmarks.dask_bench", "--one", executor, str(root),
                                  str(output)], env=env, check=True, capture_output=True, text=True)
            print(ran.stdout.strip().splitlines()[-1], flush=True)
    shutil.rmtree(aside, ignore_errors=True)


if __name__ == "__main__":
    main()
