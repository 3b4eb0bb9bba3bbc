"""Engine work the app can walk away from.

Textual runs a thread worker in the event loop's executor, and the executor's
threads are joined when the app ends: q pressed while a 10,000-point pair was
being aligned waited for the aligner to reach its next cancel check (up to a
second inside one phase) before the shell came back. So the worker hands the
work to a daemon thread and only waits for it, looking at its cancel flag
meanwhile: cancelled, it returns at once and the app can end; the daemon
thread stops at the engine's next check, or with the interpreter.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

POLL = 0.05
"""Seconds between two looks at the cancel flag while waiting."""


def detached(work: Callable[[], None], stop: Callable[[], bool]) -> None:
    """Run `work` in a daemon thread and wait here until it ends, or until `stop()` is true.

    An error in `work` is raised here unless the wait was stopped meanwhile;
    then it is dropped, since nobody wants the result (and a traceback after
    the app ended would land on the user's shell).
    """
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiter, or dropped once it left
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name="propdiff-engine", daemon=True).start()
    while not done.wait(POLL):
        if stop():
            return
    if failure and not stop():
        raise failure[0]
