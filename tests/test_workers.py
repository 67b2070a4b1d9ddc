"""A call in a background process gives its result, or raises its failure, in the parent."""

import os

import pytest

from generator.workers import Background


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
