"""`archive build --executor dask`: the same bytes as the local pool, the same caches, and
failures that leave the previous site whole. One 2-worker LocalCluster serves the module."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Iterator

import distributed
import pytest

from benchmarks.corpus import write_archive
from generator.executors import cluster
from tests.helpers import EPOCH, REPO, SIZE, append_to, one_article, run, site_files

BIG = 2000


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A generated archive of 2,000 articles and its site as the local pool builds it, cold."""
    root = write_archive(BIG, tmp_path_factory.mktemp("big") / "archive", seed=11)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # (the fixed clock of conftest is set per test, after this)
        run(root, root.parent / "local", cache=False)
    return root, site_files(root.parent / "local")


@pytest.fixture
def small(tmp_path) -> Path:
    return write_archive(SIZE, tmp_path / "archive", seed=3)


def test_the_bundled_archive_is_the_same_bytes_on_a_cluster_it_starts(tmp_path, cli):
    for part in ("archive.yaml", "content", "templates"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, tmp_path / part)
    assert cli("build", "--root", tmp_path, "--output", tmp_path / "local", "--quiet").code == 0
    ran = cli("build", "--root", tmp_path, "--output", tmp_path / "dask", "--executor", "dask", "--jobs", "2")
    assert ran.code == 0, ran.err
    assert site_files(tmp_path / "dask") == site_files(tmp_path / "local")


def _malloc_trim() -> str | None:
    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_the_cluster_a_build_starts_keeps_glibcs_own_memory_tuning(tmp_path):
    # Dask's default MALLOC_TRIM_THRESHOLD_ makes every large numpy array a fresh, zeroed mmap.
    with cluster.DaskPool(jobs=2, folder=tmp_path / "contexts") as pool:
        assert list(pool.client.run(_malloc_trim).values()) == [None, None]


def test_2000_articles_are_the_same_bytes_on_a_2_worker_cluster(big, scheduler):
    root, local = big
    on_dask = run(root, root / "site", executor="dask", scheduler=scheduler, cache=False)
    assert site_files(root / "site") == local
    assert on_dask.cluster["sent"] > 0 and on_dask.cluster["received"] > 0
    _assert_contexts_went_through_the_shared_path(root, on_dask.cluster)


def _assert_contexts_went_through_the_shared_path(root: Path, measured: dict) -> None:
    """Each task carried a file name, a digest and a range: its step's items and context (the
    archive, the pages, the postings) were written once on the shared path, and removed after."""
    for step in ("render_into", "encode"):
        sent, _, tasks, shared = measured["steps"][step]
        assert sent <= TASK_BYTES * tasks, (step, sent, tasks)
        assert shared > TASK_BYTES * tasks  # (what the workers read instead)
    assert not any((root / ".cache/build/cluster").glob("*"))


TASK_BYTES = 1024  # what one task may send, whatever the archive's size


def test_the_workers_read_each_steps_context_from_the_shared_path(small, scheduler):
    built = run(small, small / "site", executor="dask", scheduler=scheduler, cache=False)
    _assert_contexts_went_through_the_shared_path(small, built.cluster)


def test_cluster_and_local_builds_share_the_caches(small, scheduler, tmp_path, trusted_at_once):
    run(small, tmp_path / "local", cache=False)
    first = run(small, small / "site", executor="dask", scheduler=scheduler)
    assert first.rendered_bodies == SIZE and site_files(small / "site") == site_files(tmp_path / "local")
    # A full build (the configuration changed) on the local pool reads and renders no body:
    # the cluster's workers stored them, and the driver noted what it read.
    config = (small / "archive.yaml").read_text(encoding="utf-8")
    (small / "archive.yaml").write_text(config + "\nper_page: 7\n", encoding="utf-8")
    here = run(small, small / "site")
    assert (here.rendered_bodies, here.read) == (0, 0) and here.rendered_pages > 0
    # ...and back on the cluster: nothing read or rendered from Markdown, and the first site again.
    (small / "archive.yaml").write_text(config, encoding="utf-8")
    again = run(small, small / "site", executor="dask", scheduler=scheduler)
    assert (again.rendered_bodies, again.read) == (0, 0) and again.rendered_pages > 0
    assert site_files(small / "site") == site_files(tmp_path / "local")
    # A build with nothing to do, and one that patches an edited body, never contact the cluster.
    nowhere = "tcp://127.0.0.1:9"
    assert run(small, small / "site", executor="dask", scheduler=nowhere).unchanged
    append_to(one_article(small), "\nZebras crossed the harbour bridge at dawn.\n")
    assert run(small, small / "site", executor="dask", scheduler=nowhere).patched


class _KillOnce(distributed.WorkerPlugin):
    """Kills the worker process that starts the first page-rendering task (a marker file makes it
    once across the restarted workers)."""

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        name = key if isinstance(key, str) else str(key)
        if finish == "executing" and name.startswith("render_into-"):
            if not os.path.exists(self.marker):
                Path(self.marker).write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _killing_once(scheduler: str, marker: Path) -> Iterator[distributed.Client]:
    """A client of the cluster whose workers run `_KillOnce` in the block; afterwards both workers again."""
    with distributed.Client(scheduler, set_as_default=False) as client:
        client.register_plugin(_KillOnce(str(marker)), name="kill-once")
        try:
            yield client
        finally:
            client.wait_for_workers(2)
            client.unregister_worker_plugin("kill-once")


def test_a_worker_killed_during_the_build_is_replaced_and_the_bytes_are_the_same(small, scheduler, tmp_path):
    run(small, tmp_path / "local", cache=False)
    marker = tmp_path / "killed"
    with _killing_once(scheduler, marker):
        run(small, small / "site", executor="dask", scheduler=scheduler, cache=False)
    assert marker.is_file()  # a worker did die mid-build
    assert site_files(small / "site") == site_files(tmp_path / "local")


def test_a_build_whose_workers_keep_dying_fails_and_keeps_the_previous_site(small, scheduler, cli, tmp_path):
    assert cli("build", "--root", small, "--quiet").code == 0
    before = site_files(small / "site")
    (small / "archive.yaml").write_text("title: Not published\n", encoding="utf-8")
    with _killing_once(scheduler, tmp_path / "killed") as client:
        allowed = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures)
        client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", 0))
        try:  # a task whose worker dies is not run again: the build fails
            ran = cli("build", "--root", small, "--executor", "dask", "--scheduler", scheduler)
        finally:
            client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", allowed))
    assert ran.code == 1
    assert "died more often than Dask retries it" in ran.err and "Traceback" not in ran.err
    assert site_files(small / "site") == before
    assert not any((small / ".cache/build/cluster").glob("*"))  # the steps' contexts removed all the same


def test_without_dask_the_build_says_how_to_install_it(small, cli, monkeypatch):
    assert cli("build", "--root", small, "--quiet").code == 0
    before = site_files(small / "site")
    (small / "archive.yaml").write_text("title: Not published\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    ran = cli("build", "--root", small, "--executor", "dask")
    assert ran.code == 1
    assert "pip install 'article-archive[dask]'" in ran.err and "Traceback" not in ran.err
    assert site_files(small / "site") == before


def test_a_scheduler_that_cannot_be_reached_is_a_clear_error(small, cli, monkeypatch):
    monkeypatch.setattr(cluster, "_CONNECT_TIMEOUT", "1s")
    ran = cli("build", "--root", small, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert ran.code == 1
    assert "cannot reach the scheduler at tcp://127.0.0.1:9" in ran.err and "Traceback" not in ran.err
    assert not (small / "site").exists()


def test_workers_running_other_code_are_refused(small, scheduler, cli, monkeypatch):
    from generator.incremental import cache

    monkeypatch.setattr(cache, "fingerprint", lambda: "another version")  # this process's code, not the workers'
    ran = cli("build", "--root", small, "--executor", "dask", "--scheduler", scheduler)
    assert ran.code == 1
    assert "run other generator code or library versions" in ran.err
    assert not (small / "site").exists()


def test_scheduler_needs_the_dask_executor(small, cli):
    ran = cli("build", "--root", small, "--scheduler", "tcp://127.0.0.1:9")
    assert ran.code == 2 and "--scheduler needs --executor dask" in ran.err
