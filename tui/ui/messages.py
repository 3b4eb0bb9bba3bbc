"""Messages shared across the app's widgets and screens."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ..engine.compare import Comparison


@dataclass
class ComparisonReady(Message):
    """A worker finished comparing a pair.

    The cursor goes to the change holding new point `keep_new`, else old point `keep_old`.
    """

    comparison: Comparison
    keep_new: int | None
    keep_old: int | None
    measured: Any = None
    """The diff view's block heights, measured in the worker too (a `diff_view.Measured`)."""


@dataclass
class ProvisionalReady(Message):
    """A worker decided the certain part of a long comparison (`tui.engine.provisional`); the
    alignment still runs. The cursor goes as for `ComparisonReady`."""

    provisional: Any
    """A `tui.engine.provisional.Provisional`."""
    keep_new: int | None
    keep_old: int | None
    measured: Any = None
    drawn: threading.Event = field(default_factory=threading.Event)
    """Set once the rows are on screen (or the message is dropped): the worker waits for it before
    aligning, so the UI thread is not starved of the interpreter while it lays the rows out."""


@dataclass
class ComparisonProgress(Message):
    """A worker's comparison reached `phase`, `done` (0..1) of the way through it (see `tui.ui.phases`)."""

    phase: str
    done: float
    rows: int = 0
    """How many rows the worker lays out, in the app's own "layout" phase."""
