"""A call in a background process, or a partner process, gives its result, or raises its failure, in the parent."""

import os
import time

import pytest

from generator import workers
from generator.workers import Background, Partner


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
        monkeypatch.setattr(workers, "CAN_FORK", False)
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


def test_a_partner_never_asked_is_ended_at_once_not_waited_for(tmp_path):
    partner = Partner(time.sleep, _answer, 60)
    started = time.monotonic()
    partner.close()
    assert time.monotonic() - started < 30  # (a wait would be 60 s)
