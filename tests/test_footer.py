"""The compact footer shows whole keys only, ending flush with the palette key, at any width."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.test_app import SAMPLE, ready
from tui.ui.app import PropdiffApp
from tui.ui.widgets.keys_footer import KeysFooter


def footer_row(app: PropdiffApp) -> str:
    """The footer's line of the screen as a person reads it."""
    footer = app.screen.query_one(KeysFooter)
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the composed screen, line by line
    return "".join(segment.text for segment in strips[footer.region.y])


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_footer_keys_are_whole_and_end_at_the_palette(width: int) -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(width, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = pilot.app.screen.query_one(KeysFooter)
        keys = list(footer.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        others = [key for key in keys if not key.has_class("-command-palette")]
        assert len(palette) == 1
        assert palette[0].region.right == width, "the palette key ends at the last column"
        for key in others:
            assert key.region.width == len(f"{key.key_display} {key.description}")
            assert key.region.right <= palette[0].region.x, f"{key.description} runs under the palette key"
        shown = {key.key for key in others}
        assert {"question_mark", "q"} <= shown, "help and quit are always in the footer"
        row = footer_row(pilot.app)
        assert row.rstrip().endswith("^p palette")
        for key in others:
            assert f"{key.key_display} {key.description}" in row


async def test_a_wider_window_shows_more_keys() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 30)) as pilot:
        await ready(pilot)
        narrow = len(pilot.app.screen.query_one(KeysFooter).query(FooterKey))
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        await pilot.pause()
        wide = len(pilot.app.screen.query_one(KeysFooter).query(FooterKey))
        assert wide > narrow


@pytest.mark.parametrize("width", [80, 160])
async def test_the_keys_a_first_visit_needs_stay_longest(width: int) -> None:
    """Stepping the pair, export and the party panes are what the issue's walk-through uses: dropping
    from the end of the row lost export at 160 columns while "p Problems" stayed."""
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(width, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        row = footer_row(pilot.app)
        for key in ("tab Panes", "[ Older pair", "] Newer pair", "e Export", "q Quit", "? Help"):
            assert key in row, row
        if width == 80:
            assert "p Problems" not in row and "s Series" not in row
