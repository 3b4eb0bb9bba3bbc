"""Files are read in a worker: the first frame says what is loading, and the app opens when they are read."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.test_app import SAMPLE, ready
from tui.ui.app import PropdiffApp
from tui.ui.launch import loading_what
from tui.ui.screens.empty_screen import EmptyScreen
from tui.ui.screens.help_screen import HelpScreen
from tui.ui.screens.loading_screen import LoadingScreen
from tui.ui.workspace import Workspace, open_workspace


class SlowLoad:
    """A loader that waits until the test lets it finish, as a big folder keeps the worker busy."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self) -> Workspace:
        self.started.set()
        assert self.release.wait(10), "the test never let the load finish"
        return self.workspace


async def until(pilot, condition, what: str) -> None:  # noqa: ANN001
    for _ in range(200):
        if condition():
            await pilot.pause()
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def test_the_first_frame_says_what_is_loading_then_the_main_screen_opens() -> None:
    load = SlowLoad(SAMPLE)
    app = PropdiffApp(load, loading="the bundled sample", live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, load.started.is_set, "the loading worker")
        assert isinstance(app.screen, LoadingScreen)
        text = str(app.screen.query_one("#loading", Static).render())
        assert "Loading the bundled sample…" in text
        assert app.workspace is None
        load.release.set()
        screen = await ready(pilot)
        assert app.workspace is SAMPLE
        assert screen.series.id == "us-peace-plan-ukraine"
        assert not any(isinstance(s, LoadingScreen) for s in app.screen_stack)
        await pilot.press("j")
        assert screen.query_one("DiffView").cursor == 1


async def test_help_opened_while_loading_gives_way_to_the_main_screen() -> None:
    load = SlowLoad(SAMPLE)
    app = PropdiffApp(load, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, load.started.is_set, "the loading worker")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        load.release.set()
        await ready(pilot)
        assert len(app.screen_stack) == 2  # the default screen and the main screen, nothing left over


async def test_a_folder_without_proposals_opens_the_empty_screen_after_loading(tmp_path: Path) -> None:
    app = PropdiffApp(lambda: open_workspace([tmp_path]), live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EmptyScreen), "the empty screen")
        assert not any(isinstance(s, LoadingScreen) for s in app.screen_stack)


def test_the_loading_line_names_what_is_read_safely(tmp_path: Path) -> None:
    assert loading_what([], sample=True) == "the bundled sample"
    assert loading_what([tmp_path / "a.yaml", tmp_path / "b.yaml"]) == f"{tmp_path}/a.yaml, {tmp_path}/b.yaml"
    assert "\x1b" not in loading_what([Path("evil\x1b[2Jname.yaml")])
    assert loading_what([]).startswith("the proposal files in ")


async def test_a_loader_that_fails_ends_the_app_with_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> Workspace:
        raise OSError("disk \x1b[2J gone")

    app = PropdiffApp(broken, loading="the folder", live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app.return_code is not None:
                break
    assert app.return_code == 1
    said = capsys.readouterr().err
    assert "propdiff: could not load the folder: disk" in said and "\x1b" not in said


async def test_quitting_as_the_main_screen_opens_ends_cleanly() -> None:
    """q pressed as the files finish loading: the app's shutdown removes the main screen's widgets
    before its mount handler runs, which then found no party panes and ended in a traceback."""
    import tui.ui.app as app_module

    class QuitAsItOpens(PropdiffApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

        def _open(self, replace: bool = False) -> None:
            super()._open(replace)
            self.exit()  # what q does, arriving before the screen's mount handler

    app = QuitAsItOpens(lambda: SAMPLE, loading="the bundled sample", live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
    assert app._exception is None
    assert app.return_code == 0
