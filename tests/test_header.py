"""The header names both revisions in whole facts at any width: "partial" or "complete" is never cut
(at 80 columns the line read "1 point known, pa…"), and the least telling facts go first."""

from __future__ import annotations

import pytest

from tests.test_app import SAMPLE, ready
from tui.ui.app import PropdiffApp
from tui.ui.widgets.pair_header import PairHeader


def header_lines(screen) -> list[str]:  # noqa: ANN001 - the main screen
    header = screen.query_one(PairHeader)
    return [header.render_line(y).text.rstrip() for y in range(header.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_a_partial_revision_says_so_whole_at_any_width(size: tuple[int, int]) -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("left_square_bracket")  # draft-28 -> geneva-19, known by one point only
        await pilot.pause()
        assert (screen.old.id, screen.new.id) == ("draft-28", "geneva-19")
        _, old, new = header_lines(screen)
        assert "…" not in old + new
        assert old.lstrip().startswith("OLD ") and new.lstrip().startswith("NEW ")
        assert old.endswith("complete · 1 of 4") or "complete · 1 of 4, first revision" in old
        assert "1 point known, partial · 3 of 4" in new
        assert len(new) <= size[0]
        if size[0] >= 160:
            assert "2025-11-24, draft, 1 point known, partial · 3 of 4, revises draft-28" in new
            assert "(branch: e3-counter too)" in new
        else:
            assert "19-point Geneva version (geneva-19)" in new, "the label stays while dates can go"


def test_large_counts_are_grouped_like_the_summary_bars() -> None:
    from tests.builders import make_revision, make_series
    from tui.ui.widgets.pair_header import header_content

    old = make_revision("old", [f"Point {n}." for n in range(10_000)])
    new = make_revision("new", [f"Point {n}." for n in range(9_895)], previous="old")
    lines = header_content(make_series(old, new), old, new, "here", width=160).plain.splitlines()
    assert "10,000 points, complete" in lines[1] and "9,895 points, complete" in lines[2]
