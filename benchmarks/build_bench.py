"""Build benchmark: `archive build` against Hugo and Pelican on the same synthetic articles.

    python -m benchmarks.build_bench [--sizes 1000 10000] [--repeats 3] [--peers-up-to 10000]
                                     [--report FILE] [--delete-between-runs]

For each size, writes (once, cached in .cache/bench/) the same articles as our
archive, a Hugo site and a Pelican site (benchmarks/corpus.py, peers.py), then
runs every build as its own fresh process, `--repeats` times:

- ours: cold (ROOT/site, its twin and ROOT/.cache moved aside first, see `_cleared`), no-op
  (again, unchanged), first edit (a sentence appended to one article: the first change
  after a cold build, which also makes the site's hard-linked twin) and one edit (the
  edit undone, made again and undone again: three samples a repeat), each
  `.venv/bin/archive build --root ROOT --quiet`; and `archive check --root ROOT` of
  the cold build's site;
- Hugo: `hugo --quiet -s DIR -d OUT`, cold (OUT and Hugo's cache moved aside);
- Pelican: `pelican content -o OUT -s pelicanconf.py -q`, cold (OUT moved aside).
  A Pelican run longer than LONG_RUN seconds is not repeated; the report says so.

Prints a Markdown report (machine, load, versions, the table, ratios, the
curve of our cold build time against article count) and writes it to
--report. Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import measure, peers
from benchmarks.corpus import write_archive

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(".cache/bench")
SET_ASIDE = CACHE / "set-aside"  # earlier runs' outputs and caches, deleted at the end
DELETE_BETWEEN_RUNS = False  # --delete-between-runs: the method of the results before session 6
VENV_BIN = Path(".venv/bin").absolute()
PELICAN = Path(".venv-pelican/bin/pelican").absolute()
HUGO = shutil.which("hugo") or "/usr/bin/hugo"
EPOCH = "1767225600"  # SOURCE_DATE_EPOCH: 2026-01-01, so our output does not depend on the day
NAMES = {"hugo": "Hugo", "pelican": "Pelican"}
LONG_RUN = 300.0  # seconds; a peer build longer than this runs once
EDIT = " One more sentence was added here to time a rebuild after an edit.\n"


@dataclass
class Case:
    size: int
    tool: str  # ours, Hugo, Pelican
    build: str  # cold, no-op, one edit
    runs: list[measure.Run] = field(default_factory=list)
    written: list[int] = field(default_factory=list)  # ours: files whose mtime is from this run
    same_as_cold: list[bool] = field(default_factory=list)  # ours: output identical to the cold build's
    output_files: int = 0
    output_bytes: int = 0
    load: float = 0.0  # 1-minute load average before the first run
    note: str = ""

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


# -- corpora -----------------------------------------------------------------------------------

def _fingerprint(tool: str) -> str:
    """A hash of everything that decides a peer corpus's files, so a changed writer rewrites it."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    files = [here / "corpus.py", here / "peers.py", *sorted((peers.PEERS_DIR / tool).rglob("*"))]
    for file in files:
        if file.is_file():
            digest.update(file.relative_to(here).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _article_count(root: Path) -> int:
    return sum(1 for _ in (root / "content").glob("*/a*.md"))


def our_corpus(size: int) -> Path:
    # the same folder benchmarks/search_bench.py builds, so `make bench` writes it once
    root = CACHE / f"archive-{size}"
    if _article_count(root) != size:
        shutil.rmtree(root, ignore_errors=True)
        write_archive(size, root)
    return root


def peer_corpus(tool: str, size: int) -> Path:
    root = CACHE / f"{tool}-{size}"
    stamp = root / ".corpus-fingerprint"
    if not stamp.is_file() or stamp.read_text() != _fingerprint(tool):
        shutil.rmtree(root, ignore_errors=True)
        peers.write_site(tool, size, root)
        stamp.write_text(_fingerprint(tool))
    return root


# -- runs --------------------------------------------------------------------------------------

def _article_pages(out: Path) -> int:
    # all three tools write article number i to YYYY/aNNNNNN/index.html
    return sum(1 for _ in out.glob("*/a[0-9]*/index.html"))


def _check(out: Path, size: int, tool: str) -> None:
    pages = _article_pages(out)
    if pages != size:
        raise SystemExit(f"{tool} wrote {pages} article pages for {size} articles in {out}")


def _output_size(out: Path) -> tuple[int, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _written_since(out: Path, started_ns: int) -> int:
    """Files whose contents were (re)written since `started_ns`: a hard link or an untouched file keeps its mtime."""
    return sum(1 for p in out.rglob("*") if p.is_file() and p.stat().st_mtime_ns >= started_ns)


def _digest(out: Path) -> str:
    """One hash of every path and its bytes under `out`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        digest.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Results:
    """Every case so far; the report is rewritten after each run, so a stopped benchmark keeps its numbers."""

    def __init__(self, head: list[str], report: Path | None):
        self.head, self.report, self.cases = head, report, []

    def add(self, case: Case) -> Case:
        self.cases.append(case)
        return case

    def text(self, finished: bool) -> str:
        cases = [c for c in self.cases if c.runs]
        end = (f"Finished {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; load after: `{_capture(['uptime'])}`."
               if finished else "**Partial: the benchmark had not finished when this was written.**")
        return "\n".join(self.head + table(cases) + ["", *summary(cases), "", end]) + "\n"

    def save(self, finished: bool = False) -> None:
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / "build-bench.json").write_text(json.dumps([asdict(c) for c in self.cases], indent=1))
        if self.report:
            self.report.write_text(self.text(finished), encoding="utf-8")


def _progress(case: Case, run: measure.Run) -> None:
    print(f"  {case.size:>7} {case.tool:<8} {case.build:<9} {run.wall:8.2f} s wall {run.cpu:8.2f} s CPU "
          f"{run.max_rss / 2**20:7.0f} MiB", file=sys.stderr, flush=True)


def _cleared(*paths: Path) -> None:
    """Clear a previous run's output and caches before a cold run. They are moved aside, and
    deleted when the benchmark ends (`_empty_set_aside`), unless DELETE_BETWEEN_RUNS.

    Deleting them here slowed the next run, of every tool, by as much as a third: this
    machine's ext4 has no journal, and such an ext4 does not reuse an inode for 60 s after it
    was freed (360 s while its inode table block is dirty: RECENTCY_MIN and RECENTCY_DIRTY in
    fs/ext4/ialloc.c), looking each one up as it passes it when it allocates a new one
    (benchmarks/RESULTS.md, "Where the spread comes from"). A cold build is timed as on a
    fresh clone, not as right after deleting a site.
    """
    for path in paths:
        if DELETE_BETWEEN_RUNS:
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            SET_ASIDE.mkdir(parents=True, exist_ok=True)
            os.rename(path, SET_ASIDE / f"{time.time_ns()}-{path.name}")  # same disk: a rename, no inode freed
    os.sync()  # and the last run's writes are on disk, not written back during the next


def _empty_set_aside() -> None:
    shutil.rmtree(SET_ASIDE, ignore_errors=True)


def bench_ours(size: int, repeats: int, results: Results) -> None:
    root = our_corpus(size)
    site = root / "site"
    argv = [str(VENV_BIN / "archive"), "build", "--root", str(root), "--quiet"]
    check_argv = [str(VENV_BIN / "archive"), "check", "--root", str(root)]
    # the generator of this checkout, even when .venv is shared with another worktree's editable install
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    edited = min((root / "content").glob("*/a*.md"))
    original = edited.read_bytes()
    cold, noop, first, edit, check = (results.add(Case(size, "ours", b, load=os.getloadavg()[0]))
                                      for b in ("cold", "no-op", "first edit", "one edit", "check"))
    check.note = "`archive check` of the cold build's site, once a repeat (it must find no problems)"
    first.note = (f"the first change after a cold build, which also makes the site's hard-linked twin "
                  f"(writer.py): appending a sentence to {edited.relative_to(root)}")
    edit.note = ("3 runs a repeat: undoing the first edit, making it again, undoing it again "
                 "(the last must give the cold build's bytes)")

    def timed(case: Case) -> None:
        started = time.time_ns()
        run = measure.run(argv if case is not check else check_argv, env=env)
        case.runs.append(run)
        if case in (noop, first, edit):
            case.written.append(_written_since(site, started))
        _progress(case, run)
        results.save()

    def edited_then(case: Case) -> None:
        try:
            edited.write_bytes(original.rstrip(b"\n") + EDIT.encode())
            timed(case)
        finally:
            edited.write_bytes(original)

    for _ in range(repeats):
        _cleared(site, root / ".cache", *root.glob(".article-archive-twin-site*"))
        timed(cold)
        _check(site, size, "archive build")
        timed(check)  # exits 1, and so stops the benchmark, on any problem of the site
        reference = _digest(site)
        timed(noop)
        noop.same_as_cold.append(_digest(site) == reference)
        edited_then(first)
        timed(edit)  # undoing the edit is a one-edit rebuild too
        edited_then(edit)
        timed(edit)  # and must give the cold output again
        edit.same_as_cold.append(_digest(site) == reference)
        cold.output_files, cold.output_bytes = _output_size(site)
        results.save()


def bench_peer(tool: str, size: int, repeats: int, results: Results) -> None:
    """`tool`: hugo or pelican."""
    root = peer_corpus(tool, size).resolve()  # Hugo wants absolute paths
    out = root / "out"
    if tool == "hugo":
        argv = [HUGO, "--quiet", "-s", str(root), "-d", str(out), "--cacheDir", str(root / ".hugo-cache")]
        caches = [out, root / ".hugo-cache", root / "resources"]
    else:
        argv = [str(PELICAN), "content", "-o", str(out), "-s", "pelicanconf.py", "-q"]
        caches = [out, root / "cache", root / "__pycache__"]
    case = results.add(Case(size, NAMES[tool], "cold", load=os.getloadavg()[0]))
    for number in range(repeats):
        _cleared(*caches)
        run = measure.run(argv, cwd=root)
        case.runs.append(run)
        _progress(case, run)
        _check(out, size, NAMES[tool])
        case.output_files, case.output_bytes = _output_size(out)
        results.save()
        if run.wall > LONG_RUN and number + 1 < repeats:
            case.note = f"run once: {run.wall:.0f} s is over {LONG_RUN:.0f} s a run"
            break


# -- report ------------------------------------------------------------------------------------

def _capture(argv: list[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"unavailable ({exc})"


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text().split()
    ram = int(meminfo[meminfo.index("MemTotal:") + 1]) / 2**20
    return [f"{os.cpu_count()} cores ({model}), {ram:.1f} GiB RAM, Linux {platform.release()}, {platform.machine()}"]


def versions() -> list[str]:
    commit = _capture(["git", "log", "-1", "--format=%h %s", "--", "generator"], cwd=REPO)
    dirty = _capture(["git", "status", "--porcelain", "--", "generator"], cwd=REPO)
    pelican_py = PELICAN.parent / "python"
    return [
        f"ours: {_capture([str(VENV_BIN / 'archive'), '--version'])}, generator/ of {REPO} at its last commit "
        f"\"{commit}\"{' plus uncommitted changes' if dirty else ''}, Python {platform.python_version()}",
        f"Hugo: {_capture([HUGO, 'version'])}",
        f"Pelican: {_capture([str(PELICAN), '--version'])}, Markdown "
        f"{_capture([str(pelican_py), '-c', 'import markdown; print(markdown.__version__)'])}, "
        f"Python {_capture([str(pelican_py), '-c', 'import platform; print(platform.python_version())'])}",
    ]


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def table(cases: list[Case]) -> list[str]:
    lines = [
        "| articles | tool | build | runs | wall (median) | CPU user+sys (median) | peak RSS, largest process (max) "
        "| peak PSS, process tree (max) | articles/s | files written | output | load before "
        "| ours ÷ this (wall) | ours ÷ this (CPU) |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ours_cold = {c.size: c for c in cases if c.tool == "ours" and c.build == "cold"}
    for c in cases:
        wall = c.median("wall")
        ratios = ["", ""]
        if c.tool != "ours" and c.size in ours_cold:
            ratios = [f"{ours_cold[c.size].median(m) / c.median(m):.2f}×" for m in ("wall", "cpu")]
        written = "/".join(str(n) for n in sorted(set(c.written))) if c.written else ("all" if c.tool == "ours" and c.build == "cold" else "")
        output = f"{c.output_files:,} files, {c.output_bytes / 1e6:,.0f} MB" if c.output_files else ""
        lines.append((
            f"| {c.size:,} | {c.tool} | {c.build} | {len(c.runs)} | {wall:.2f} s | {c.median('cpu'):.2f} s "
            f"| {_mib(max(r.max_rss for r in c.runs))} | {_mib(max(r.tree_pss for r in c.runs))} "
            f"| {c.size / wall if c.build == 'cold' else float('nan'):,.0f} | {written} | {output} | {c.load:.2f} | {ratios[0]} | {ratios[1]} |"
        ).replace("| nan |", "|  |"))  # articles/s only for cold builds
    return lines


def summary(cases: list[Case]) -> list[str]:
    cold = {(c.tool, c.size): c for c in cases if c.build == "cold"}
    lines = []
    for size in sorted({c.size for c in cases}):
        if ("ours", size) not in cold:
            continue
        ours = cold["ours", size]
        parts = [f"{ours.median('wall') / cold[peer, size].median('wall'):.2f}× {peer}'s wall time "
                 f"(target at 10k: ≤ {target}), {ours.median('cpu') / cold[peer, size].median('cpu'):.2f}× its CPU time"
                 for peer, target in (("Hugo", "2.0×"), ("Pelican", "0.2×")) if (peer, size) in cold]
        if parts:
            lines.append(f"- {size:,} articles, cold: ours is " + "; ".join(parts) + ".")
    for c in cases:
        if c.tool == "ours" and c.build == "check":
            lines.append(f"- {c.size:,} articles, check: median {c.median('wall'):.2f} s "
                         f"(target at 10k: ≤ 30 s), no problems in {len(c.runs)} of {len(c.runs)} runs.")
        elif c.tool == "ours" and c.build != "cold":
            target = {"no-op": "target: writes 0 files", "one edit": "target at 10k: ≤ 1 s"}.get(c.build, "once per site")
            lines.append(f"- {c.size:,} articles, {c.build}: median {c.median('wall'):.2f} s ({target}); "
                         f"files written per run: "
                         f"{', '.join(map(str, c.written))}; output byte-identical to the cold build's "
                         f"(after undoing the edit): {'yes' if all(c.same_as_cold) else 'NO'} in "
                         f"{sum(c.same_as_cold)} of {len(c.same_as_cold)} repeats.")
        if c.note:
            lines.append(f"- {c.size:,} articles, {c.tool} {c.build}: {c.note}.")
    curve = [(c.size, c.median("wall")) for c in cases if c.tool == "ours" and c.build == "cold"]
    if len(curve) > 1:
        lines.append("- Our cold build against article count (linear means a constant time per 1,000 articles): "
                     + ", ".join(f"{size:,}: {wall:.1f} s ({wall / size * 1000:.2f} s per 1,000)" for size, wall in curve)
                     + ".")
    return lines


def main() -> None:
    # a killed benchmark still undoes its edit of the article (the finally in bench_ours)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peers-up-to", type=int, default=10_000,
                        help="build the Hugo and Pelican sites only up to this many articles (bench-big: ours alone at 100k)")
    parser.add_argument("--report", type=Path, help="also write the Markdown report here")
    parser.add_argument("--delete-between-runs", action="store_true",
                        help="delete each run's output before the next cold run instead of setting it aside")
    args = parser.parse_args()
    global DELETE_BETWEEN_RUNS
    DELETE_BETWEEN_RUNS = args.delete_between_runs

    started = dt.datetime.now(dt.timezone.utc)
    head = [
        f"Command: `python -m benchmarks.build_bench {' '.join(sys.argv[1:])}`, started {started:%Y-%m-%d %H:%M} UTC.",
        "", "Machine: " + machine()[0] + ".", f"Load before: `{_capture(['uptime'])}`.", "",
        *(f"- {line}" for line in versions()), "",
        "Before each cold run the previous output and caches were "
        + ("deleted." if DELETE_BETWEEN_RUNS else "moved aside (deleted when the benchmark ended)."), "",
    ]
    print("\n".join(head), flush=True)
    results = Results(head, args.report)
    try:
        _run_all(args, results)
    finally:
        _empty_set_aside()
    results.save(finished=True)
    print(results.text(finished=True)[len("\n".join(head)) :], flush=True)


def _run_all(args: argparse.Namespace, results: Results) -> None:
    for size in args.sizes:
        print(f"Writing corpora of {size:,} articles (cached in {CACHE})", file=sys.stderr, flush=True)
        our_corpus(size)
        with_peers = size <= args.peers_up_to
        if with_peers:
            # peers first: they are quick, so a long run of ours stopped early still leaves the comparison
            for tool in NAMES:
                bench_peer(tool, size, args.repeats, results)
        bench_ours(size, args.repeats, results)


if __name__ == "__main__":
    main()
