"""Live reload under the running app: a file rewritten on disk is re-read, the reader keeps their
place, a broken file shows its problems in a panel, and a fixed file comes back."""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from tui.ui.app import PropdiffApp
from tui.ui.screens.empty_screen import EmptyScreen
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.diff_view import DiffView
from tui.ui.workspace import open_workspace

OLD = """\
format: proposal/1
proposal: demo
revision: {id: r1}
points:
  - {number: "1", text: Troops withdraw behind the line within thirty days.}
  - {number: "2", text: Prisoners are exchanged all for all.}
  - {number: "3", text: Elections are held within one hundred days.}
  - {number: "4", text: Sanctions are lifted in stages.}
"""

NEW = """\
format: proposal/1
proposal: demo
revision: {{id: r2, previous: r1}}
points:
{extra}  - {{number: "1", text: Troops withdraw behind the line within sixty days.}}
  - {{number: "2", text: Prisoners are exchanged all for all.}}
  - {{number: "3", text: {three}}}
  - {{number: "4", text: Sanctions are lifted at once.}}
"""


def write(path: Path, text: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".saving")
    temporary.write_text(textwrap.dedent(text), encoding="utf-8")
    temporary.rename(path)


async def until(pilot, condition: Callable[[], bool], what: str, seconds: float = 10.0) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.05)):
        if condition():
            await pilot.pause()
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def current_new_point(screen: MainScreen) -> tuple[str | None, str]:
    view = screen.query_one(DiffView)
    assert screen.comparison is not None and view.current_change is not None
    change = screen.comparison.changes[view.current_change]
    point = change.new[0].point
    return point.number, point.text


async def test_a_rewritten_file_reloads_on_the_same_point_and_a_broken_one_shows_its_problems(
    tmp_path: Path,
) -> None:
    write(tmp_path / "a.yaml", OLD)
    new_file = tmp_path / "b.yaml"
    write(new_file, NEW.format(extra="", three="Elections are held within one hundred days."))
    app = PropdiffApp(open_workspace([tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, MainScreen) and app.screen.comparison is not None,
            "the pair",
        )
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("u")  # show unchanged points too: every point is a row
        await pilot.press("home", "j", "j")
        assert current_new_point(screen) == ("3", "Elections are held within one hundred days.")
        first = screen.comparison
        await asyncio.sleep(0.3)  # the watch starts in its own thread

        # Edit point 3 and insert a point above it: the cursor follows point 3, not its old row.
        extra = '  - {number: "0", text: A preamble point.}\n'
        write(new_file, NEW.format(extra=extra, three="Elections are held as soon as possible."))
        await until(
            pilot, lambda: screen.comparison is not None and screen.comparison is not first, "the reload"
        )
        assert (screen.old.id, screen.new.id) == ("r1", "r2")
        assert len(screen.new.points) == 5
        assert current_new_point(screen) == ("3", "Elections are held as soon as possible.")
        panel = screen.query_one("#reload-problems", Static)
        assert not panel.has_class("-open")

        # Break the file: the app stays on the last good version and lists the problems.
        shown = screen.comparison
        write(
            new_file,
            NEW.format(extra=extra, three="Elections are held as soon as possible.").replace(
                "text: A preamble", "txt: A preamble"
            ),
        )
        await until(pilot, lambda: panel.has_class("-open"), "the problems panel")
        assert screen.comparison is shown
        assert "b.yaml:5:" in str(panel.render()) and "txt" in str(panel.render())

        # Fix it: the panel closes and the pair comes back from the fixed file.
        write(new_file, NEW.format(extra="", three="Elections are held in spring."))
        await until(
            pilot, lambda: not panel.has_class("-open") and screen.comparison is not shown, "the fixed file"
        )
        assert current_new_point(screen) == ("3", "Elections are held in spring.")


async def test_a_folder_that_failed_to_open_comes_back_when_fixed(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", OLD)
    new_file = tmp_path / "b.yaml"
    write(new_file, NEW.format(extra="", three="Broken").replace("proposal: demo", "proposal: [demo"))
    app = PropdiffApp(open_workspace([tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EmptyScreen), "the empty screen")
        await asyncio.sleep(0.3)
        write(new_file, NEW.format(extra="", three="Elections are held in spring."))
        await until(
            pilot,
            lambda: isinstance(app.screen, MainScreen) and app.screen.comparison is not None,
            "the pair",
        )
        assert (app.screen.old.id, app.screen.new.id) == ("r1", "r2")
