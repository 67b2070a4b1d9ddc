"""The `Executor` on a Dask cluster (`archive build --executor dask`).

The only module that imports `distributed`. A stage's items and shared context
are pickled once here into a file on the shared path (the build's
`.cache/build/cluster/`, named by its digest), which each worker reads and
unpickles once per stage; each task is then only that file's name, its digest and
a range of indices, and each result comes back pickled by the worker. Pages and
search files are written by the workers into the staging folder, which must be
the same path on every worker (a shared file system); only small results travel back.

Nothing big goes through the client's connections: the contexts were scattered to
every worker before (160 MB at 10k articles, the render step's archive and the
encode step's postings), which the client's and the workers' event loops
serialised beside the work (benchmarks/RESULTS.md, "The build on Dask").

A worker lost mid-stage is replaced by Dask and its tasks run again elsewhere:
the stage functions are pure, and what they write (body store packs, staged
files) is whole or absent and the same bytes whoever writes it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import shutil
import socket
import tempfile
import threading
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from generator.archive.model import Problem, ProblemsFound

CHUNKS_PER_WORKER = 8  # enough tasks that the workers finish together, few enough that each is worth its trip


class ClusterError(ProblemsFound):
    """The cluster cannot run this build: Dask missing, no scheduler, other versions on the workers."""

    def __init__(self, message: str):
        super().__init__([Problem("archive", None, f"--executor dask: {message}; nothing was changed")])


@dataclass
class Measures:
    """Bytes between this process (the client) and the workers: what was sent with the tasks,
    the pickled results that came back, and what was written on the shared path for the workers
    to read (each step's items and context, once); and each worker process's peak memory and CPU
    time, read as the cluster is let go."""

    worker_peak_rss: list[int] = field(default_factory=list)  # bytes, each worker process's peak so far
    worker_cpu: list[float] = field(default_factory=list)  # seconds (user + system), each worker process's so far
    # function -> [bytes sent, bytes received, tasks, bytes written on the shared path]
    steps: dict[str, list[int]] = field(default_factory=dict)

    def report(self) -> dict:
        """For `Result.cluster`: the totals, then each step's, and the workers'."""
        return {"sent": sum(step[0] for step in self.steps.values()),
                "received": sum(step[1] for step in self.steps.values()),
                "tasks": sum(step[2] for step in self.steps.values()),
                "shared": sum(step[3] for step in self.steps.values()), **vars(self)}


class DaskPool:
    """`Executor` on a Dask cluster: the one at `scheduler`, else a LocalCluster of processes sized
    to this machine (`jobs` workers of one thread). `folder`: where each step's context is written
    for the workers, on the shared path (else a temporary folder: a LocalCluster's workers only).
    Use as a context manager."""

    remote = True  # every partition goes to the workers, however small the work

    def __init__(self, scheduler: str | None = None, jobs: int | None = None, folder: Path | None = None):
        try:
            import distributed
        except ImportError:
            raise ClusterError("Dask is not installed (pip install 'article-archive[dask]')") from None
        self._distributed = distributed
        self.cluster = None
        self.measures = Measures()
        self.folder, self._own_folder = _contexts_folder(folder)
        if scheduler is None:
            import dask

            from generator.executors.local import default_jobs

            workers = jobs or default_jobs()
            # No dashboard, so no profiler: nothing would read its samples of the task threads (every
            # 10 ms). Its health port taken by another cluster is no news either. Dask starts its
            # workers with MALLOC_TRIM_THRESHOLD_ set, which turns off glibc's growing mmap threshold:
            # every large array is then a fresh mmap, zeroed page by page, and the search step's
            # numpy work took 40 % longer (benchmarks/RESULTS.md). The nannies read it as they are made.
            environ = {key: value for key, value in dask.config.get("distributed.nanny.pre-spawn-environ").items()
                       if key != "MALLOC_TRIM_THRESHOLD_"}
            with warnings.catch_warnings(), dask.config.set({"distributed.worker.profile.enabled": False,
                                                             "distributed.nanny.pre-spawn-environ": environ}):
                warnings.simplefilter("ignore", UserWarning)
                self.cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=40,  # errors only: a build's output is its own messages
                )
            scheduler = self.cluster.scheduler_address
        try:
            self.client = distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise ClusterError(f"cannot reach the scheduler at {scheduler} ({exc})") from None
        try:
            self._check_versions()
            self.jobs = max(1, len(self.client.nthreads()))  # a task at a time per worker process (`_call`)
        except BaseException:
            self.close()
            raise

    def _check_versions(self) -> None:
        """The same Python packages and the same generator code on every worker: else their pages
        could differ from this machine's, byte for byte."""
        try:
            self.client.get_versions(check=True)
        except ValueError as exc:
            raise ClusterError(f"the workers' package versions differ from this machine's: {exc}") from None
        from generator.incremental.cache import fingerprint

        mine = fingerprint()
        theirs = self.client.run(_fingerprint)
        if not theirs:
            raise ClusterError("the cluster has no workers")
        other = sorted(address for address, code in theirs.items() if code != mine)
        if other:
            raise ClusterError(f"the workers at {', '.join(other)} run other generator code or library "
                               "versions than this machine")

    def map(self, function: Callable[..., Any], items: Sequence, shared: tuple,
            progress: Callable[[int], None] | None = None, *,
            chunks: Sequence[range] | None = None, ordered: bool = False) -> Iterator[Any]:
        count = len(items)
        if chunks is None:
            size = max(8, min(1000, -(-count // (self.jobs * CHUNKS_PER_WORKER))))
            chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
        if not chunks:
            return
        token = uuid.uuid4().hex
        name = getattr(function, "__name__", "call").strip("_")
        step = self.measures.steps.setdefault(name, [0, 0, 0, 0])
        path, digest, size = self._written(_dumps((items, function, shared, gc.get_threshold())))
        step[3] += size
        spans = [(indices.start, indices.stop, indices.step) for indices in chunks]
        step[0] += sum(len(pickle.dumps((str(path), digest, span), protocol=5)) for span in spans)
        futures = [self.client.submit(_call, str(path), digest, span, key=f"{name}-{token}-{number}", pure=False)
                   for number, span in enumerate(spans)]
        step[2] += len(futures)
        try:
            done = 0
            finished = futures if ordered else self._distributed.as_completed(futures, loop=self.client.loop)
            for future in finished:
                value, length = self._result(future, step)
                done += length
                if progress:
                    progress(done)
                yield value
        finally:
            self.client.cancel(futures)
            with contextlib.suppress(OSError):  # (read by every task that will ever run)
                path.unlink()

    def _written(self, data: bytes) -> tuple[Path, str, int]:
        """A step's pickled context as a file the workers read: named by its digest, written whole
        (a worker never reads a part of it)."""
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        path = self.folder / f"{digest}{SUFFIX}"
        temp = self.folder / f".{digest}.{os.getpid()}.tmp"
        with open(temp, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        return path, digest, len(data)

    def _result(self, future, step: list[int]) -> tuple[Any, int]:
        try:
            data = future.result()
        except Exception as exc:  # the stage's own failures come back as outcomes: this is the cluster's
            raise ClusterError(_failure(exc)) from None
        step[1] += len(data)
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        with contextlib.suppress(Exception):  # (a measure only: a cluster gone by now is no failure)
            usage = sorted(self.client.run(_usage).values())
            self.measures.worker_peak_rss = [rss for rss, _ in usage]
            self.measures.worker_cpu = [round(cpu, 2) for _, cpu in usage]
        self.client.close()
        self._close_cluster()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                self.folder.rmdir()  # (only if empty: another build of this root may be using it)

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CONNECT_TIMEOUT = "10s"
SUFFIX = ".context"


def _contexts_folder(folder: Path | None) -> tuple[Path, bool]:
    """The folder the steps' contexts go to, made; and whether it is a temporary one of ours."""
    if folder is not None:
        folder = Path(os.path.abspath(folder))  # (the workers' working folder may be another)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder, False
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix="article-archive-cluster-")), True


def _failure(exc: Exception) -> str:
    """What went wrong on the cluster, in a line: a worker lost more often than Dask retries
    (`distributed.scheduler.allowed-failures`), or the scheduler gone."""
    if type(exc).__name__ == "KilledWorker":
        return f"a task's worker died more often than Dask retries it ({exc})"
    return f"the cluster failed ({type(exc).__name__}: {exc})"


def _usage() -> tuple[int, float]:
    """On a worker: its peak RSS (bytes) and CPU seconds."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def _fingerprint() -> str:
    """On a worker: the generator code and library versions it runs (`cache.fingerprint`)."""
    from generator.incremental.cache import fingerprint

    return fingerprint()


def _dumps(value: object) -> bytes:
    """Module functions by reference, a stage's closures (the search stage's sink) by value."""
    import cloudpickle  # (a dependency of distributed)

    return cloudpickle.dumps(value, protocol=5)


_one_at_a_time = threading.Lock()
_loaded: dict[str, tuple[Sequence, Callable, tuple]] = {}  # on a worker: the current stage's items and context


def _call(path: str, digest: str, span: tuple[int, int, int]) -> bytes:
    """On a worker: one partition of a stage. The stage's data is read from the shared path and
    unpickled once per worker, kept by its digest (the previous stage's is dropped); the outcome
    goes back pickled, so the client counts its bytes."""
    with _one_at_a_time:  # the stages' writers (body store packs) are one per process
        loaded = _loaded.get(digest)
        if loaded is None:
            _loaded.clear()
            gc.unfreeze()  # the previous stage's data may be collected now
            items, function, shared, thresholds = pickle.loads(_read(path, digest))
            gc.set_threshold(*thresholds)  # this process's collector tuned as the client's (`cli.tune_collector`)
            loaded = _loaded[digest] = (items, function, shared)
            del items, shared
            gc.freeze()  # the stage's data is never garbage: no collection walks it (as in forked workers)
        items, function, shared = loaded
        indices = range(*span)
        try:
            outcome = (True, (function(items, indices, *shared), len(indices)))
        except Exception as exc:  # raised again on the client, as the local pool does
            outcome = (False, exc)
        return pickle.dumps(outcome, protocol=5)


def _read(path: str, digest: str) -> bytes:
    """On a worker: a step's context as the client wrote it, or a clear error."""
    where = f"{socket.gethostname()}:{path}"
    try:
        with open(path, "rb") as source:
            data = source.read()
    except OSError as exc:
        raise RuntimeError(f"a worker cannot read {where} ({exc.strerror}): the build's root must be on a "
                           "file system shared with the client, at the same path") from None
    if hashlib.blake2b(data, digest_size=16).hexdigest() != digest:
        raise RuntimeError(f"a worker read other bytes at {where} than the client wrote")
    return data

