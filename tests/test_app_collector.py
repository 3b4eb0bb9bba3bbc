"""The app's use of the garbage collector: off through start-up, then on with a higher threshold,
collecting while no key is pressed."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from tests.test_app import SAMPLE
from tui.ui import app as app_module
from tui.ui.app import COLLECTOR_THRESHOLDS, PropdiffApp


@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the collector as the test found it."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()


def test_settling_turns_the_collector_back_on_with_a_higher_threshold(collector: None) -> None:
    gc.disable()
    PropdiffApp.settle_collector()
    assert gc.isenabled()
    assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    assert gc.get_freeze_count() > 0, "what start-up built is out of the collector's way"


def test_settling_leaves_a_running_collector_alone(collector: None) -> None:
    gc.enable()
    before = gc.get_threshold()
    PropdiffApp.settle_collector()
    assert gc.get_threshold() == before


def test_a_quiet_app_collects_and_a_typing_one_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    collected: list[int] = []
    monkeypatch.setattr(app_module.gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(app_module.gc, "get_count", lambda: (app_module.QUIET_PENDING + 1, 0, 0))
    app = PropdiffApp(SAMPLE, live=False)
    app._last_key = time.monotonic()
    app._collect_when_quiet()
    assert collected == [], "a key was just pressed"
    app._last_key = time.monotonic() - 2 * app_module.QUIET_SECONDS
    app._collect_when_quiet()
    assert collected == [1]


async def test_a_key_press_counts_as_not_quiet() -> None:
    app = PropdiffApp(SAMPLE, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = time.monotonic()
        await pilot.press("j")
        assert app._last_key >= before
