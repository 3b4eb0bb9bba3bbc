"""Progress reports and cancellation for long comparisons.

A 10,000-point pair takes seconds; the app computes it in a worker and must be
able to drop it when the user moves to another pair or quits, and to show how
far it got. The engine calls `Progress.step` between its phases (and inside
long loops every few hundred items); the caller owns the object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside the engine when its caller asked it to stop; nothing is cached."""


class Progress:
    """A cancel flag the caller sets, and a callback told `(phase, fraction done)`.

    Thread-safe: the app's worker thread runs the engine while the UI thread
    calls `cancel()`.
    """

    def __init__(self, report: Callable[[str, float], None] | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def step(self, phase: str, fraction: float) -> None:
        """Report how far the engine got, and stop it here if it was cancelled."""
        if self._cancelled.is_set():
            raise Cancelled(phase)
        if self._report is not None:
            self._report(phase, fraction)
