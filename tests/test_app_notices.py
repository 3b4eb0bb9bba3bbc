"""Notices that outlived their meaning: an "Opening pair" toast still up after another series was
chosen, and an "Exported / wrote …" toast over the export dialog opened again, covering at 80x24
the Overwrite and Cancel buttons under "already exists. Press Overwrite…"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from tests.test_app import SAMPLE, ready
from tui.ui.app import PropdiffApp
from tui.ui.screens.export_dialog import ExportDialog


def titles(app: PropdiffApp) -> list[str]:
    return [n.title for n in app._notifications]


async def test_the_opening_pair_notice_goes_when_another_series_is_shown() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)
        opened = f"Opening pair: {screen.old.id} → {screen.new.id}"
        assert opened in titles(pilot.app)
        await pilot.press("s", "home", "enter")
        screen = await ready(pilot)
        assert screen.series.id == "examplia-coalition"
        assert opened not in titles(pilot.app)


async def test_the_opening_pair_notice_stays_while_the_pair_stays() -> None:
    """Only a change of pair withdraws it: a picker opened and cancelled leaves it up."""
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)
        opened = f"Opening pair: {screen.old.id} → {screen.new.id}"
        await pilot.press("s", "escape")
        await pilot.pause()
        assert opened in titles(pilot.app)


async def test_exporting_again_shows_the_overwrite_question_and_its_buttons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = PropdiffApp(SAMPLE, live=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and "Exported" in titles(app)
        await pilot.press("e", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "Exported" not in titles(app)
        await pilot.pause()
        for name in ("#write", "#cancel", "#message"):
            widget = dialog.query_one(name)
            region = widget.region
            for x in (region.x, region.right - 1):
                on_top, _ = app.screen.get_widget_at(x, region.y)
                assert on_top is widget, f"{name} at ({x}, {region.y}) is under {on_top!r}"
        assert str(dialog.query_one("#write", Button).label) == "Overwrite"


async def test_stepping_to_a_fork_withdraws_the_old_notices_but_says_it_forks() -> None:
    """The fork notice is about the pair stepped to: it is said after the old pair's notices go."""
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)
        opened = f"Opening pair: {screen.old.id} → {screen.new.id}"
        seen: list[list[str]] = []
        for _ in range(3):
            await pilot.press("[")
            await pilot.pause()
            seen.append(titles(pilot.app))
        assert all(opened not in said for said in seen), seen
        assert any("Series forks here" in said for said in seen), seen
