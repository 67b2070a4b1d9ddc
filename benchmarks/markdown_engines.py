"""What the fast Markdown engine saves: a cold build with both engines (markdown-it-pyrs, and the
reference markdown-it-py where the fast one differs) against the reference alone.

    python -m benchmarks.markdown_engines [--size 3000] [--repeats 3]

Each build is a fresh `archive build` process on a generated archive with no cache and no
site; the two kinds alternate. Wall and CPU seconds (the process and its workers) are
printed with their medians. Measured, never asserted: the decision it informs is in
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

from benchmarks import measure
from benchmarks.corpus import write_archive

CACHE = Path(".cache/bench")

# Run in a fresh process: with "reference", every body goes to the reference engine.
BUILD = """
import sys
import generator.render.markdown as markdown
if sys.argv[1] == "reference":
    markdown._needs_reference = lambda text: True
from generator.cli import main, tune_collector
tune_collector()
sys.exit(main(["build", "--root", sys.argv[2], "--quiet"]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.markdown_engines", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    root = CACHE / f"markdown-{args.size}"
    if not (root / "content").is_dir():
        write_archive(args.size, root, seed=1)
    runs: dict[str, list[measure.Run]] = {"both": [], "reference": []}
    for _ in range(args.repeats):
        for kind in runs:
            shutil.rmtree(root / ".cache", ignore_errors=True)
            shutil.rmtree(root / "site", ignore_errors=True)
            run = measure.run([sys.executable, "-c", BUILD, kind, str(root)])
            runs[kind].append(run)
            print(f"{kind:9} wall {run.wall:6.2f} s  cpu {run.cpu:6.2f} s", flush=True)
    for kind, done in runs.items():
        print(f"{kind:9} median wall {statistics.median(r.wall for r in done):.2f} s, "
              f"cpu {statistics.median(r.cpu for r in done):.2f} s")


if __name__ == "__main__":
    main()
