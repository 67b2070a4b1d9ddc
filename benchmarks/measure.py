"""Run one command and measure it: wall time, CPU time, peak memory.

`getrusage(RUSAGE_CHILDREN)` keeps the largest `ru_maxrss` of every child
ever waited for, so it cannot tell one build's peak from another's. Instead
each command is reaped with `os.wait4`, whose rusage covers that one child
(and the descendants it waited for, such as a worker pool).

`ru_maxrss` is the peak of the single largest process. A build that forks
workers holds memory in several processes at once, so the process tree's
summed PSS (proportional set size: shared pages split between their users,
so forked copies are not counted twice) is also sampled, every 0.2 s. Finding
the tree means reading every /proc/N/stat (about 16 ms here), so it is done
only every 2 s: on a 2-core machine the sampler must not steal the build's CPU.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2
RESCAN_SECONDS = 2.0  # how often to look for new processes in the tree


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its waited-for descendants
    max_rss: int  # bytes, the largest single process
    tree_pss: int  # bytes, the largest sampled sum over the process tree (0 if never sampled)


class CommandFailed(Exception):
    pass


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields follow the last ')'
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    children = _children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def pss(pids: list[int]) -> int:
    """Summed PSS of these processes, in bytes; ones that exited count 0."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, ValueError):
            pass  # exited meanwhile, or a zombie
    return total


def run(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            pids, scanned = [proc.pid], 0.0
            while not done.wait(SAMPLE_SECONDS):
                if time.perf_counter() - scanned >= RESCAN_SECONDS:
                    pids, scanned = descendants(proc.pid), time.perf_counter()
                peak[0] = max(peak[0], pss(pids))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode != 0:
            errors.seek(0)
            tail = errors.read()[-2000:].decode(errors="replace")
            raise CommandFailed(f"{' '.join(argv)} exited with {proc.returncode}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, peak[0])
