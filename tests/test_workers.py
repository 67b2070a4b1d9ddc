"""A call in a background process, or a partner process, gives its result, or raises its failure, in the parent."""

import os
import re
import signal
import time
from dataclasses import dataclass

import pytest

from generator.executors import local as workers
from generator.executors import processes
from generator.executors.processes import Background, Partner


def test_a_background_call_runs_in_another_process_and_returns_its_result():
    call = Background(lambda a, b: (os.getpid(), a + b), 2, 3)
    pid, total = call.result()
    assert total == 5 and pid != os.getpid()
    assert call.result() == (pid, 5)  # asked again: the same answer


def test_a_background_failure_is_raised_in_the_parent():
    def fails():
        raise ValueError("no such thing")

    call = Background(fails)
    with pytest.raises(ValueError, match="no such thing"):
        call.result()
    call.wait()  # waiting does not raise


def test_a_background_process_that_dies_is_a_failure_not_a_hang():
    call = Background(os._exit, 3)
    with pytest.raises(RuntimeError, match="ended without a result"):
        call.result()


def test_without_a_process_to_spare_the_call_is_made_here(monkeypatch):
    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Background(lambda: os.getpid()).result() == os.getpid()


def _prepared(folder):
    return os.getpid(), folder


def _answer(prepared, request):
    pid, folder = prepared
    return (pid, request * 2), lambda: (folder / "then").write_text(str(os.getpid()))


@pytest.mark.parametrize("forking", [True, False])
def test_a_partner_prepares_answers_one_request_then_makes_its_call(tmp_path, monkeypatch, forking):
    if not forking:
        monkeypatch.setattr(processes, "CAN_FORK", False)
    partner = Partner(_prepared, _answer, tmp_path)
    pid, doubled = partner.ask(21)
    assert doubled == 42 and (pid != os.getpid()) == forking
    partner.finish()  # the call after the reply is made by then
    assert (tmp_path / "then").read_text() == str(pid)
    partner.close()  # and closing again changes nothing


@pytest.mark.parametrize("stage", ["prepare", "answer", "then"])
def test_a_partner_s_failure_is_raised_where_the_parent_meets_it(tmp_path, stage):
    def prepare():
        if stage == "prepare":
            raise ValueError("prepare failed")

    def answer(prepared, request):
        if stage == "answer":
            raise KeyError("answer failed")

        def then():
            raise OSError("then failed")

        return request, then

    partner = Partner(prepare, answer)
    try:
        if stage == "prepare":
            with pytest.raises(ValueError, match="prepare failed"):
                partner.ask(1)
        elif stage == "answer":
            with pytest.raises(KeyError, match="answer failed"):
                partner.ask(1)
        else:
            assert partner.ask(1) == 1
            with pytest.raises(OSError, match="then failed"):
                partner.finish()
    finally:
        partner.close()


def _slow_preparation(marker):
    (marker.parent / "pid").write_text(str(os.getpid()))
    time.sleep(60)
    marker.write_text("prepared")


def test_a_partner_never_asked_is_ended_at_once_not_waited_for(tmp_path):
    marker = tmp_path / "prepared"
    partner = Partner(_slow_preparation, _answer, marker)
    for _ in range(400):  # until it has started preparing
        if (tmp_path / "pid").exists():
            break
        time.sleep(0.05)
    partner.close()
    with pytest.raises(ProcessLookupError):
        os.kill(int((tmp_path / "pid").read_text()), 0)  # gone (and reaped)
    assert not marker.exists()  # ended, not waited for: waited for, it would have finished preparing


# The pool of workers.run

def _pids_and_sums(items, indices, offset):
    return os.getpid(), [items[i] + offset for i in indices]


@pytest.mark.parametrize("ordered", [True, False])
def test_run_spreads_chunks_over_processes_and_gives_every_result(ordered):
    items = list(range(500))
    chunks = workers.even_chunks(len(items), 2, 20)
    seen = []
    results = list(workers.run(_pids_and_sums, items, (1,), 2, seen.append, chunks=chunks, ordered=ordered))
    values = [value for _, share in results for value in share]
    assert sorted(values) == [i + 1 for i in items]
    if ordered:
        assert values == [i + 1 for i in items]
    assert {pid for pid, _ in results} - {os.getpid()} and seen[-1] == len(items)


@dataclass(frozen=True)
class Source:
    shown: str


def _dies_on(items, indices, victim):
    for i in indices:
        if items[i].shown == victim:
            os.kill(os.getpid(), signal.SIGKILL)  # as a segmentation fault or the OOM killer would
    return len(indices)


def test_a_worker_that_dies_fails_the_run_naming_what_it_worked_on_and_never_hangs():
    items = [Source(f"content/{i}.md") for i in range(200)]
    chunks = [range(i, i + 1) for i in range(200)]
    with pytest.raises(workers.WorkerDied) as failure:
        for _ in workers.run(_dies_on, items, ("content/137.md",), 2, chunks=chunks):
            pass
    message = str(failure.value.during("read").problems[0])
    assert message == ("archive: a worker process was killed by SIGKILL in the read stage while it worked on "
                       "content/137.md; nothing was changed")


def test_a_worker_s_failure_is_raised_in_the_parent_and_the_other_workers_end():
    def fails(items, indices):
        if 5 in indices:
            raise ValueError("chunk 5 failed")
        time.sleep(0.01)
        return len(indices)

    before = _children()
    with pytest.raises(ValueError, match="chunk 5 failed"):
        list(workers.run(fails, list(range(100)), (), 2, chunks=[range(i, i + 1) for i in range(100)]))
    assert _children() <= before  # no worker is left behind, not even as a zombie (other tests' may be)


def _children() -> set[str]:
    """This process's child processes, zombies included (Linux)."""
    tasks = f"/proc/{os.getpid()}/task"
    return {pid for task in os.listdir(tasks) for pid in open(f"{tasks}/{task}/children").read().split()}


def test_a_build_whose_worker_dies_fails_with_a_message_and_keeps_the_previous_site(tmp_path, cli, monkeypatch):
    from generator.render import markdown
    from tests.helpers import article, make_tree, site_files

    files = {"archive.yaml": "title: Newsroom\n"}
    files.update({f"content/2020/a{i:03}.md": article(f"title: Story {i}\npublished: 2020") for i in range(100)})
    root = make_tree(tmp_path / "news", files)
    assert cli("build", "--root", root, "--jobs", "2").code == 0
    before = site_files(root / "site")

    render = markdown.render

    def crashing(md, text):  # the workers are forked: they inherit this
        if "CRASH" in text:
            os.kill(os.getpid(), signal.SIGKILL)  # as a segmentation fault would end it
        return render(md, text)

    monkeypatch.setattr(markdown, "render", crashing)
    make_tree(root, {"content/2020/a042.md": article("title: Story 42\npublished: 2020", "CRASH\n")})
    ran = cli("build", "--root", root, "--jobs", "2")
    assert ran.code == 1
    assert "a worker process was killed by SIGKILL in the read stage while it worked on" in ran.err
    # The article is among those the dead process was given (a chunk), named by its first and last.
    first, last = map(int, re.search(r"files, \S*/a(\d+)\.md to \S*/a(\d+)\.md;", ran.err).groups())
    assert first <= 42 <= last and "Traceback" not in ran.err
    assert site_files(root / "site") == before
