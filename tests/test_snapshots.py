"""How the key screens look, at 80x24 and 160x50, under our dark and light themes.

Each snapshot opens the bundled sample (same files, same default pair), waits
for the comparison, sets the theme, then presses the keys a person would. What
could differ between runs is fixed: no file watching, a settings file in a
temporary folder, the export dialog writing into one fixed folder, cursors
that do not blink. Update after a deliberate change with
`pytest tests/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.test_app import SAMPLE
from tui.ui.app import PropdiffApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.theming import DARK, LIGHT

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]
THEMES = [pytest.param(DARK, id="dark"), pytest.param(LIGHT, id="light")]
EXPORT_FOLDER = Path("/tmp/propdiff-snapshots")
"""Where the export dialog proposes to write: the same absolute path on every machine."""


def prepared(theme: str, *keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the opening comparison, switch theme, press `keys`, stop cursors blinking."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        for _ in range(200):
            await pilot.pause()
            if isinstance(app.screen, MainScreen) and app.screen.comparison is not None:
                break
        else:
            raise AssertionError("the comparison never arrived")
        await app.workers.wait_for_complete()
        app.theme = theme
        app.clear_notifications()
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PropdiffApp:
    EXPORT_FOLDER.mkdir(exist_ok=True)
    monkeypatch.chdir(EXPORT_FOLDER)
    return PropdiffApp(SAMPLE, settings=tmp_path / "config.yaml", live=False)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestLooks:
    def test_main_screen(self, snap_compare, app: PropdiffApp, size: tuple[int, int], theme: str) -> None:  # noqa: ANN001
        """The opening pair: header, side-by-side rows, party panes, summary, footer."""
        assert snap_compare(app, terminal_size=size, run_before=prepared(theme))

    def test_party_pane(self, snap_compare, app: PropdiffApp, size: tuple[int, int], theme: str) -> None:  # noqa: ANN001
        """The second party's pane, reached with its number key and focused with tab."""
        assert snap_compare(app, terminal_size=size, run_before=prepared(theme, "j", "2", "tab"))

    def test_point_history(self, snap_compare, app: PropdiffApp, size: tuple[int, int], theme: str) -> None:  # noqa: ANN001
        """The history of the point under the cursor through the whole series."""
        assert snap_compare(app, terminal_size=size, run_before=prepared(theme, "h"))

    def test_help_screen(self, snap_compare, app: PropdiffApp, size: tuple[int, int], theme: str) -> None:  # noqa: ANN001
        """Every key, from `?`."""
        assert snap_compare(app, terminal_size=size, run_before=prepared(theme, "question_mark"))

    def test_export_dialog(self, snap_compare, app: PropdiffApp, size: tuple[int, int], theme: str) -> None:  # noqa: ANN001
        """Format and path, from `e`, over the main screen."""
        assert snap_compare(app, terminal_size=size, run_before=prepared(theme, "e"))
