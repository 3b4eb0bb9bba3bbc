"""The diff view's rendering caches: styles per theme and focus, blocks built ahead of a page down."""

from __future__ import annotations

from tests.test_app import SAMPLE, ready, view_of
from tui.ui.app import PropdiffApp


def cached(view, row: int) -> bool:  # noqa: ANN001
    key = (view.rows[row], view._layout_width, row == view.cursor, view.query)
    return view._blocks.get(key) is not None


async def test_the_page_below_is_built_while_the_reader_reads() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        await pilot.press("j")
        await pilot.pause()
        await pilot.pause()
        ahead = view._rows_near_view()
        assert ahead, "the sample has more rows than one screen"
        assert all(cached(view, row) for row in ahead)
        page = [row for row in ahead if row > view.cursor]
        await pilot.press("pagedown")
        assert view.cursor in page, "page down lands on a row built ahead"


async def test_styles_follow_focus_and_theme() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        focused = view._palette().cursor
        await pilot.press("tab")  # the party pane takes the focus: the cursor row dims
        await pilot.pause()
        assert view._palette().cursor != focused
        unfocused = view._palette()
        await pilot.press("t")  # another theme
        await pilot.pause()
        assert view._palette() != unfocused
        line = view.render_line(0)
        assert line.cell_length == view._layout_width
        assert all(segment.style is not None for segment in line)
