"""Import speed and memory: `archive import` of N HTML pages into a fresh archive, on 2 worker processes.

Run: .venv/bin/python -m eval.speed [N ...]   (default: 200 800)
The pages are the evaluation set's HTML pages, copied with a distinct comment so
every input is a new article. Prints pages/s and the peak memory of the main
process and of the workers, so a run with more files shows whether memory grows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(count: int) -> str:
    pages = sorted((HERE / "inputs").glob("*.html"))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for n in range(count):
            page = pages[n % len(pages)]
            (inputs / f"{n:05d}-{page.name}").write_bytes(page.read_bytes() + f"<!-- copy {n} -->".encode())
        start = time.perf_counter()
        code = subprocess.run(
            [sys.executable, "-c",
             "import resource, sys; from pathlib import Path; from generator.ingest import run;"
             f"s = run.run([{str(inputs)!r}], Path({str(Path(tmp) / 'root')!r}), jobs=2);"
             "print(s.imported, s.failed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
             " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        seconds = time.perf_counter() - start
    imported, failed, main_kb, worker_kb = map(int, code)
    return (f"{count} pages: {seconds:.2f} s, {count / seconds:.1f} pages/s (imported {imported}, failed {failed}); "
            f"peak memory: main {main_kb // 1024} MiB, worker {worker_kb // 1024} MiB")


if __name__ == "__main__":
    for count in [int(a) for a in sys.argv[1:]] or [200, 800]:
        print(measure(count))
