"""The summary bar fits its line: whole items only, the least important ones left out first, an "…"
where kind counts were left out (a cut line read "… rows (hidden:" on a 10,000-point pair)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.benchmarks.bench_app import write_big_pair
from tui.engine.align import MatchKind
from tui.engine.compare import Summary
from tui.ui.app import PropdiffApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.fitting import fit
from tui.ui.widgets.summary_bar import BAR, SummaryBar, summary_items
from tui.ui.workspace import open_workspace

COUNTS = {
    MatchKind.UNCHANGED: 4_128,
    MatchKind.REWORDED: 4_211,
    MatchKind.MOVED: 230,
    MatchKind.MERGED: 290,
    MatchKind.SPLIT: 238,
    MatchKind.ADDED: 516,
    MatchKind.REMOVED: 517,
    MatchKind.UNREPORTED: 0,
}
"""The 10,000-point generated pair's counts."""


def ten_thousand() -> SimpleNamespace:
    summary = Summary(tuple(COUNTS.items()), moved=504, renumbered=8_970, topics=())
    return SimpleNamespace(summary=summary, changes=(None,) * 10_130)


def pieces(line: str) -> list[str]:
    return [piece.strip() for piece in line.split("│")]


@pytest.mark.parametrize("width", [78, 158])
@pytest.mark.parametrize("query", ["", "territory and the security guarantees"])
def test_large_counts_fit_in_whole_items(width: int, query: str) -> None:
    items = summary_items(ten_thousand(), 9_000, [MatchKind.UNCHANGED], query, 1_204)  # type: ignore[arg-type]
    line = fit(items, width, BAR).plain
    assert len(line) <= width
    whole = {f"{kind.value} {count:,}" for kind, count in COUNTS.items()}
    kinds = pieces(line)[0].rstrip("…").split(" ")
    shown = {" ".join(kinds[n : n + 2]) for n in range(0, len(kinds), 2)}
    assert shown <= whole, "a kind's count is whole or absent"
    assert {"removed 517", "added 516"} <= shown or query, "what was cut or added goes last"
    if len(shown) < 7:
        assert pieces(line)[0].endswith("…"), "counts left out are said to be"
    assert "9,000" in line and "10,130 rows" in line
    if query:
        assert line.endswith("”: 1,204 hits") and "…”" in line, "a long query is cut, the hits stay"


def test_everything_shows_in_full_when_it_fits() -> None:
    items = summary_items(ten_thousand(), 9_000, [MatchKind.UNCHANGED], "", 0)  # type: ignore[arg-type]
    line = fit(items, 200, BAR).plain
    assert line.startswith("unchanged 4,128  reworded 4,211")
    assert "flagged moved 504  renumbered 8,970" in line
    assert line.endswith("9,000 of 10,130 rows (hidden: unchanged)")
    assert "…" not in line


def test_a_note_goes_with_what_it_notes() -> None:
    items = summary_items(ten_thousand(), 9_000, list(MatchKind)[:3], "", 0)  # type: ignore[arg-type]
    for width in range(10, 200, 7):
        line = fit(items, width, BAR).plain
        assert len(line) <= width
        assert "hidden" not in line or "rows" in line


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("summary-pair")
    write_big_pair(where, 1_000)
    return where


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_bar_on_screen_is_one_line_of_whole_items(folder: Path, size: tuple[int, int]) -> None:
    app = PropdiffApp(open_workspace([folder]), live=False)
    async with app.run_test(size=size) as pilot:
        for _ in range(1500):
            await pilot.pause(0.02)
            if isinstance(app.screen, MainScreen) and app.screen.comparison is not None:
                break
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.comparison is not None
        await pilot.press("u", "slash", *"the", "enter")
        await pilot.pause()
        bar = screen.query_one(SummaryBar)
        text = bar.render_line(0).text.strip()
        room = bar.content_size.width
        assert len(str(bar.render())) <= room, "nothing is cut at the edge"
        assert text == str(bar.render()).strip()
        assert text.endswith("hits") and "search" in text or "“the”" in text
        assert "rows" in text
        summary = screen.comparison.summary
        for piece in pieces(text)[0].rstrip("…").split("  " if "  " in text else " ")[::2]:
            assert piece in {kind.value for kind, count in summary.counts if count}, piece
