"""A long pair in the app: decided rows first, the rest marked as still being matched, then the whole
comparison replaces them on the reader's point; leaving the pair cancels its comparison.

The real engine runs; a gate only holds the full comparison back until the test has looked at the
first screen, since on a fast machine it could otherwise finish before the first frame is inspected.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from tests.benchmarks.bench_app import write_big_pair
from tui.engine.compare import ComparisonCache
from tui.engine.progress import Cancelled
from tui.engine.provisional import Known, ProvisionalChange, is_pending
from tui.ui.app import PropdiffApp
from tui.ui.messages import ComparisonProgress
from tui.ui.screens.main_screen import PROVISIONAL_POINTS, MainScreen
from tui.ui.widgets.diff_view import DiffView
from tui.ui.widgets.summary_bar import SummaryBar
from tui.ui.workspace import open_workspace
from tui.wording import kind_label

SIZE = 1_100
"""Points per revision: two of them are over `PROVISIONAL_POINTS` together."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """old -> new (generated, 1,100 points) -> newer (new with its first ten points cut)."""
    assert 2 * SIZE > PROVISIONAL_POINTS
    where = tmp_path_factory.mktemp("long-pair")
    write_big_pair(where, SIZE)
    document = yaml.safe_load((where / "2-new.yaml").read_text(encoding="utf-8"))
    document["revision"] = {"id": "newer", "previous": "new"}
    document["points"] = document["points"][10:]
    (where / "3-newer.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return where


class Gate:
    """Holds every full comparison of the app until opened; records the progress objects it saw."""

    def __init__(self, app: PropdiffApp) -> None:
        self.open = threading.Event()
        self.progresses: list = []
        self.outcomes: list[str] = []
        real = app.comparisons.compare
        cache: ComparisonCache = app.comparisons

        def held(series, old, new, *, progress=None):  # noqa: ANN001, ANN202 - ComparisonCache.compare
            if progress is not None and cache.get(series, old, new) is None:
                self.progresses.append(progress)
                self.open.wait(timeout=60)
            try:
                result = real(series, old, new, progress=progress)
            except Cancelled:
                self.outcomes.append("cancelled")
                raise
            self.outcomes.append("done")
            return result

        app.comparisons.compare = held  # type: ignore[method-assign]


async def first_screen(pilot) -> MainScreen:  # noqa: ANN001
    for _ in range(400):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.provisional is not None:
            return screen
    raise AssertionError("no provisional rows arrived")


async def finished(pilot) -> MainScreen:  # noqa: ANN001
    for _ in range(1500):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.comparison is not None:
            await pilot.pause()
            return screen
    raise AssertionError("the comparison never arrived")


def screen_text(view: DiffView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_first_screen_shows_decided_rows_and_marks_the_rest_as_still_being_matched(
    folder: Path,
) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_screen(pilot)
        assert screen.comparison is None and (screen.old.id, screen.new.id) == ("new", "newer")
        view = screen.query_one(DiffView)
        provisional = screen.provisional
        assert view.rows and provisional is not None
        shown = [provisional.changes[n] for n in view.rows]
        # Unchanged hidden (the default): identical texts wait with them; every point left is pending.
        assert all(is_pending(c) for c in shown)
        assert all(kind_label(c) == "matching…" for c in shown)
        text = screen_text(view)
        assert "matching…" in text and "still being matched" in text
        assert "added" not in text and "removed" not in text and "not in old" not in text
        summary = str(screen.query_one(SummaryBar).render())
        assert "still matching" in summary and "pairs decided" in summary and "points pending" in summary

        await pilot.press("u")
        shown = [provisional.changes[n] for n in view.rows]
        same = [c for c in shown if isinstance(c, ProvisionalChange) and c.known is Known.SAME_TEXT]
        assert len(same) > SIZE // 2, "identical texts are decided at once"
        while not isinstance(provisional.changes[view.current_change], ProvisionalChange) or is_pending(
            provisional.changes[view.current_change]
        ):
            await pilot.press("j")
        assert view.size.height > 20, view.size
        assert "same text" in screen_text(view) and "provisional" in screen_text(view)
        await pilot.press("f")
        assert isinstance(pilot.app.screen, MainScreen), "no kind filter before the kinds are known"
        gate.open.set()
        await finished(pilot)


async def test_the_whole_comparison_replaces_the_rows_on_the_readers_point(folder: Path) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_screen(pilot)
        view = screen.query_one(DiffView)
        await pilot.press("u")  # every kind shown, so the reader's row cannot be filtered away
        for _ in range(25):
            await pilot.press("j")
        row = screen.provisional.changes[view.current_change]
        point = ("new", row.new[0].index) if row.new else ("old", row.old[0].index)
        line = view.cursor_screen_line()
        gate.open.set()
        screen = await finished(pilot)
        assert screen.provisional is None
        comparison = screen.comparison
        assert view.current_change == comparison.change_holding(*point)
        assert view.cursor_screen_line() == line, "the focused row stays where the reader's eyes are"
        change = comparison.changes[view.current_change]
        assert not isinstance(change, ProvisionalChange)
        assert "still matching" not in str(screen.query_one(SummaryBar).render())
        assert gate.outcomes == ["done"]


async def test_a_hidden_row_hands_the_cursor_to_the_next_row_shown(folder: Path) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_screen(pilot)
        view = screen.query_one(DiffView)
        for _ in range(5):
            await pilot.press("j")
        row = screen.provisional.changes[view.current_change]
        point = ("new", row.new[0].index) if row.new else ("old", row.old[0].index)
        gate.open.set()
        screen = await finished(pilot)
        holding = screen.comparison.change_holding(*point)
        assert view.current_change == min(n for n in view.rows if n >= holding)


async def test_leaving_the_pair_cancels_its_comparison(folder: Path) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_screen(pilot)
        left_behind = screen._progress
        await pilot.press("left_square_bracket")  # new -> newer becomes old -> new, also long
        assert left_behind is not None and left_behind.cancelled
        screen = await first_screen(pilot)
        assert (screen.provisional.old.id, screen.provisional.new.id) == ("old", "new")
        gate.open.set()
        screen = await finished(pilot)
        await pilot.app.workers.wait_for_complete()
        assert (screen.comparison.old.id, screen.comparison.new.id) == ("old", "new")
        assert sorted(gate.outcomes) == ["cancelled", "done"]
        assert app.comparisons.get(screen.series, *_revisions(screen, "new", "newer")) is None


def _revisions(screen: MainScreen, old: str, new: str) -> tuple:
    return screen.series.revision(old), screen.series.revision(new)


async def test_rows_are_measured_in_the_worker_at_the_views_width(folder: Path, monkeypatch) -> None:  # noqa: ANN001
    """The opening pair's worker starts before the view has its size: it must read the width when it
    measures, or the view measures every row again on the UI thread (seconds at 10,000 points)."""
    from tui.ui.widgets import diff_view

    on_ui_thread: list[int] = []
    real = diff_view.measure

    def measure(comparison, width, marked=None):  # noqa: ANN001, ANN202
        if threading.current_thread() is threading.main_thread():
            on_ui_thread.append(width)
        return real(comparison, width, marked)

    monkeypatch.setattr(diff_view, "measure", measure)
    app = PropdiffApp(open_workspace([folder]), live=False)
    Gate(app).open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        screen = await finished(pilot)
        assert screen.query_one(DiffView).rows
    assert on_ui_thread == []


class HeldPair:
    """Counts the engine's computations per pair and holds the first one of `pair` until `open` is set."""

    def __init__(self, monkeypatch, pair: tuple[str, str]) -> None:  # noqa: ANN001
        from tui.engine import compare as compare_module

        self.pair = pair
        self.open, self.entered = threading.Event(), threading.Event()
        self.calls: dict[tuple[str, str], int] = {}
        real = compare_module._compare

        def counted(series, old, new, progress=None):  # noqa: ANN001, ANN202 - compare._compare
            key = (old.id, new.id)
            self.calls[key] = self.calls.get(key, 0) + 1
            if key == self.pair and self.calls[key] == 1:
                self.entered.set()
                self.open.wait(60)
            return real(series, old, new, progress)

        monkeypatch.setattr(compare_module, "_compare", counted)


async def history_waits(pilot, app: PropdiffApp, held: HeldPair) -> None:  # noqa: ANN001
    """Until the history screen asks for the held pair: it joins the computation (or, without sharing,
    starts a second one)."""
    for _ in range(1500):
        await pilot.pause(0.02)
        flights = getattr(app.comparisons, "_flights", {})
        joined = any(len(flight.askers) > 1 for flight in list(flights.values()))
        if joined or held.calls.get(held.pair, 0) > 1:
            return
    raise AssertionError("the history never asked for the pair being matched")


async def test_history_while_matching_waits_for_the_same_alignment(folder: Path, monkeypatch) -> None:  # noqa: ANN001
    """h on a row of a long pair still being matched: the history needs that very pair, and joins
    the alignment the diff started instead of running it a second time beside it."""
    from tui.ui.screens.history_screen import HistoryScreen

    held = HeldPair(monkeypatch, ("new", "newer"))
    app = PropdiffApp(open_workspace([folder]), live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        assert held.entered.wait(30)
        await pilot.press("h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await history_waits(pilot, app, held)
        history.post_message(ComparisonProgress("similarity", 0.1))  # as the shared alignment reports
        await pilot.pause()
        tracing = str(history.query_one("#history-text").render())
        assert "Tracing point" in tracing and "(comparing wordings 10%)" in tracing, tracing
        held.open.set()
        for _ in range(1500):
            await pilot.pause(0.02)
            if history.steps is not None:
                break
        assert history.steps is not None and len(history.steps) == 3
        assert held.calls[("new", "newer")] == 1, "the alignment ran once, for both screens"
        await pilot.press("escape")
        screen = await finished(pilot)
        assert (screen.comparison.old.id, screen.comparison.new.id) == ("new", "newer")


async def test_leaving_the_history_does_not_cancel_the_alignment_the_diff_waits_for(
    folder: Path, monkeypatch  # noqa: ANN001
) -> None:
    from tui.ui.screens.history_screen import HistoryScreen

    held = HeldPair(monkeypatch, ("new", "newer"))
    app = PropdiffApp(open_workspace([folder]), live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        assert held.entered.wait(30)
        await pilot.press("h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await history_waits(pilot, app, held)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        assert history._progress.cancelled
        held.open.set()
        screen = await finished(pilot)
        assert (screen.comparison.old.id, screen.comparison.new.id) == ("new", "newer")
        assert held.calls[("new", "newer")] == 1
        await pilot.app.workers.wait_for_complete()
        assert history.steps is None, "the history that left traced nothing more"


async def test_the_screen_says_rows_are_being_laid_out_while_they_are(folder: Path, monkeypatch) -> None:  # noqa: ANN001
    """After the engine's last phase the worker still wraps every row (half a second at 10,000
    points): the placeholder, then the summary bar, say so instead of a finished phase at 100%."""
    from tui.ui.screens import main_screen

    real = main_screen.measure
    measuring, resume = threading.Event(), threading.Event()

    def held(shown, width, marked=None):  # noqa: ANN001, ANN202 - diff_view.measure
        measuring.set()
        resume.wait(30)
        resume.clear()
        return real(shown, width, marked)

    monkeypatch.setattr(main_screen, "measure", held)
    app = PropdiffApp(open_workspace([folder]), live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1500):
            await pilot.pause(0.02)
            if measuring.is_set() and isinstance(app.screen, MainScreen):
                break
        await pilot.pause(0.1)
        view = app.screen.query_one(DiffView)
        line = view.render_line(0).text
        assert "laying out" in line and "rows" in line, line
        assert "100%" not in line and "first screen" not in line
        measuring.clear()
        resume.set()
        screen = await first_screen(pilot)
        for _ in range(1500):
            await pilot.pause(0.02)
            if measuring.is_set():
                break
        await pilot.pause(0.1)
        summary = str(screen.query_one(SummaryBar).render())
        assert summary.startswith("matched (laying out "), summary
        assert "still matching" not in summary
        resume.set()
        await finished(pilot)


async def test_export_while_matching_opens_the_dialog_when_the_comparison_is_done(folder: Path) -> None:
    from tui.ui.screens.export_dialog import ExportDialog

    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        await pilot.press("e")
        said = [n.message for n in app._notifications]
        assert any("Still matching new → newer" in m and "opens as soon as it is done" in m for m in said), said
        assert not any("nothing to export" in m for m in said)
        assert isinstance(app.screen, MainScreen), "nothing to export before the comparison is done"
        gate.open.set()
        for _ in range(1500):
            await pilot.pause(0.02)
            if isinstance(app.screen, ExportDialog):
                break
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert (dialog.comparison.old.id, dialog.comparison.new.id) == ("new", "newer")
        # Let the dialog finish mounting: ending the app at once removed its children before
        # its on_mount ran (NoMatches '#path', seen under load in full runs).
        await pilot.pause()
        assert dialog.query_one("#path").has_focus


async def test_export_pressed_twice_while_matching_is_cancelled(folder: Path) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        await pilot.press("e", "e")
        assert any("export cancelled" in n.message for n in app._notifications)
        gate.open.set()
        screen = await finished(pilot)
        await pilot.pause(0.2)
        assert app.screen is screen, "no dialog the reader called off"


async def test_export_waiting_is_dropped_when_the_pair_changes(folder: Path) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    gate = Gate(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen(pilot)
        await pilot.press("e", "left_square_bracket")
        assert any("not opened: the pair changed" in n.message for n in app._notifications)
        gate.open.set()
        screen = await finished(pilot)
        await pilot.pause(0.2)
        assert app.screen is screen


async def test_quitting_while_matching_does_not_wait_for_the_aligner(folder: Path, monkeypatch) -> None:  # noqa: ANN001
    """Textual runs thread workers in the event loop's executor, which is joined when the app ends:
    a worker inside a long phase of the aligner (no cancel check for up to a second at 10,000 points)
    kept the shell waiting after q. Now the worker only waits for the engine's own thread and
    leaves once cancelled, so the executor is free at once, though the engine is still held."""
    import asyncio

    held = HeldPair(monkeypatch, ("new", "newer"))
    app = PropdiffApp(open_workspace([folder]), live=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await first_screen(pilot)
            assert held.entered.wait(30), "the engine is inside the comparison, held there"
            await pilot.press("q")
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.shutdown_default_executor(), timeout=2)
        assert not held.open.is_set()
    finally:
        held.open.set()
