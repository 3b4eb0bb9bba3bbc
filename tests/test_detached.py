"""Engine work the app can walk away from (`tui.ui.detached`): the waiter leaves once told to stop,
whatever the work is doing, and hears the work's errors only while it still waits."""

from __future__ import annotations

import threading
import time

import pytest

from tui.ui.detached import detached


def test_the_waiter_returns_when_the_work_is_done() -> None:
    done: list[str] = []
    detached(lambda: done.append(threading.current_thread().name), lambda: False)
    assert done == ["propdiff-engine"]


def test_the_waiter_leaves_a_stuck_work_once_stopped() -> None:
    release, stopped = threading.Event(), threading.Event()
    threading.Timer(0.1, stopped.set).start()
    started = time.monotonic()
    try:
        detached(lambda: release.wait(30), stopped.is_set)
        assert time.monotonic() - started < 5
    finally:
        release.set()


def test_an_error_reaches_the_waiter() -> None:
    def fail() -> None:
        raise ValueError("broken file")

    with pytest.raises(ValueError, match="broken file"):
        detached(fail, lambda: False)


def test_an_error_after_the_waiter_left_is_dropped() -> None:
    failed = threading.Event()

    def fail_later() -> None:
        try:
            raise RuntimeError("the app is gone")
        finally:
            failed.set()

    detached(fail_later, lambda: True)  # told to stop: returns without raising
    assert failed.wait(5)
