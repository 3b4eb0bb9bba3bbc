"""The palette's `import: draft file...` driven with real keys: the draft joins the series on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.importing_fixtures import FIXTURES
from tui.locations import proposals_dir
from tui.ui.app import PropdiffApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.workspace import open_workspace


async def _main_screen(pilot) -> MainScreen:  # noqa: ANN001
    for _ in range(100):
        await pilot.pause()
        if isinstance(pilot.app.screen, MainScreen) and pilot.app.screen.comparison is not None:
            await pilot.app.workers.wait_for_complete()
            return pilot.app.screen
    raise AssertionError("the comparison never arrived")


async def _import(pilot, path: Path) -> None:  # noqa: ANN001
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"import: draft")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*str(path))
    await pilot.press("enter")


async def test_palette_import_joins_the_series_and_shows_the_new_pair(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(proposals_dir() / "examplia-coalition", folder)
    draft = tmp_path / "valley-draft.txt"
    shutil.copy(FIXTURES / "letter-suffix.txt", draft)
    app = PropdiffApp(open_workspace([folder]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main_screen(pilot)
        newest = screen.series.revisions[-1].id
        await _import(pilot, draft)
        screen = await _main_screen(pilot)
        assert (screen.old.id, screen.new.id) == (newest, "valley-draft")
        assert [p.number for p in screen.new.points] == ["1", "2", "2a", "2b", "3"]
        series = app.workspace.catalog.get("examplia-coalition")
        assert series is not None and series.revisions[-1].id == "valley-draft"
    written = folder / "valley-draft.yaml"
    assert written.read_text(encoding="utf-8").startswith("# Imported by propdiff")


async def test_palette_import_of_a_bad_file_says_why_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(proposals_dir() / "examplia-coalition", folder)
    before = sorted(folder.iterdir())
    draft = tmp_path / "broken.pdf"
    draft.write_bytes((FIXTURES / "paged.pdf").read_bytes()[:2000])
    app = PropdiffApp(open_workspace([folder]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main_screen(pilot)
        pair = (screen.old.id, screen.new.id)
        await _import(pilot, draft)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("broken.pdf: cannot read the PDF, it is damaged or not a PDF" in m for m in messages), (
            messages
        )
        assert (app.screen.old.id, app.screen.new.id) == pair
    assert sorted(folder.iterdir()) == before
