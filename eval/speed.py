"""Import speed and memory: `archive import` of N HTML pages into a fresh archive, on 2 worker processes.

Run: .venv/bin/python -m eval.speed [N ...]   (default: 200 800)
The pages are the evaluation set's HTML pages, copied with a distinct comment so
every input is a new article. Prints pages/s and the peak memory (resident set) of
the whole process tree — the import and its workers — sampled every 20 ms, so a run
with more files shows whether memory grows with their number.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measure(count: int) -> str:
    pages = sorted((HERE / "inputs").glob("*.html"))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for n in range(count):
            page = pages[n % len(pages)]
            (inputs / f"{n:05d}-{page.name}").write_bytes(page.read_bytes() + f"<!-- copy {n} -->".encode())
        code = ("from pathlib import Path; from generator.ingest import run;"
                f"s = run.run([{str(inputs)!r}], Path({str(Path(tmp) / 'root')!r}), jobs=2);"
                "print(s.imported, s.failed)")
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        imported, failed = map(int, process.stdout.read().split())
    return (f"{count} pages: {seconds:.2f} s, {count / seconds:.1f} pages/s (imported {imported}, failed {failed}); "
            f"peak memory of the import and its workers: {peak // 2**20} MiB")


if __name__ == "__main__":
    for count in [int(a) for a in sys.argv[1:]] or [200, 800]:
        print(measure(count))
