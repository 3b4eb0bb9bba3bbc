"""When Python's garbage collector may run: not while loading, and never over loaded data again.

Loading a proposal builds millions of small objects that all stay alive
(YAML nodes, then the model). The cyclic collector runs after every few
hundred allocations and, every so often, walks everything alive: measured
on a 10,000-point pair it took two thirds of the loading time and found
nothing to free, and in a running app one such full pass pauses the screen
for 50-140 ms. The model holds no reference cycles (frozen dataclasses,
tuples, strings), so reference counting frees it without the collector.

So loading and comparing run with the collector paused, and what they
built is then frozen (`gc.freeze`: moved where no later collection looks;
reference counting still frees it when it is dropped). Collections after
that only walk what was made since, such as the widgets of a screen, and
never a whole document again. One collection just before the pause clears
what earlier work left, so no garbage is frozen with the data; it walks only
what is not frozen yet, a few milliseconds. A command of the command line
runs paused from start to end: it is short-lived and keeps what it builds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run a block with the collector off, then freeze what it left alive.

    Nested uses leave the collector off until the outermost one ends, and
    a collector the caller had turned off stays off.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
