"""A fault run: `archive build` killed with SIGKILL at random moments, again and again.

    python -m tests.kill_run [--articles 1000] [--kills 30] [--seed 1]

Each round edits a few articles (or adds and removes one), starts a real `archive build`
process, and kills it after a random delay within the time a build takes. After every kill
the site must be exactly the old site or exactly the new one (people publish straight from
site/), and the next build must give what a fresh build of the same inputs gives. Prints a
line per kill and a summary; exits 1 on the first site that is neither. docs/reliability.md
records its runs. (Not part of `make test`: it takes minutes and needs a quiet machine to
spread its kills over every phase of a build.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_archive

EPOCH = "1767225600"


def digest(site: Path) -> str:
    """The site's files and bytes, as one hash (the marker and the twin aside)."""
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != ".article-archive"):
        h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build(root: Path, output: Path | None = None) -> subprocess.Popen:
    argv = [sys.executable, "-m", "generator", "build", "--root", str(root), "--quiet"]
    if output is not None:
        argv += ["--output", str(output)]
    return subprocess.Popen(argv, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finished(run: subprocess.Popen) -> None:
    _, err = run.communicate()
    if run.returncode != 0:
        raise SystemExit(f"a build failed: {err.decode()}")


def fresh(root: Path, scratch: Path) -> str:
    """What a build from nothing gives for root's inputs now."""
    out = scratch / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    finished(build(root, out))
    return digest(out)


def change(root: Path, rng: random.Random) -> None:
    articles = sorted((root / "content").rglob("*.md"))
    if rng.random() < 0.3 and len(articles) > 2:
        articles[rng.randrange(len(articles))].unlink()  # an article goes: listings and search change
        return
    for path in rng.sample(articles, min(len(articles), rng.randint(1, 5))):
        with path.open("a", encoding="utf-8") as file:
            file.write(f"\nA sentence added in round {rng.random():.6f}.\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="kill-run-"))
    root = scratch / "archive"
    write_archive(args.articles, root)
    site = root / "site"
    finished(build(root))
    change(root, rng)
    finished(build(root))  # the first change makes the site's twin
    change(root, rng)
    started = time.monotonic()
    finished(build(root))
    typical = time.monotonic() - started  # of a build after a change: the kills are spread over it
    old = digest(site)
    outcomes = {"old": 0, "new": 0, "finished": 0}
    for kill in range(1, args.kills + 1):
        change(root, rng)
        new = fresh(root, scratch)
        delay = rng.uniform(0, typical * 1.1)
        run = build(root)
        time.sleep(delay)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            run.wait()
            now = digest(site)
            kind = "old" if now == old else "new" if now == new else None
            if kind is None:
                print(f"kill {kill} after {delay:.2f} s: the site is a MIX of old and new", flush=True)
                return 1
            outcomes[kind] += 1
        else:
            run.communicate()
            kind = "finished"
            outcomes[kind] += 1
        print(f"kill {kill} after {delay:.2f} s: site {kind}", flush=True)
        finished(build(root))  # the next build finishes the job
        if digest(site) != new:
            print(f"kill {kill}: the build after it did not give a fresh build's site", flush=True)
            return 1
        old = new
    print(f"{args.kills} kills at random moments of a build of {args.articles} articles: "
          f"the old site whole {outcomes['old']} times, the new site whole {outcomes['new']} times, "
          f"the build done before the kill {outcomes['finished']} times; a mix 0 times; "
          f"every next build equal to a fresh build.")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
