"""The app driven by its real keys (Textual Pilot): each binding, and the state it leaves.

The app opens on the bundled sample's opening pair; the tests read state
from the widgets (cursor row, pair shown, filter, search hits, focus,
screens pushed) rather than from pixels, which the snapshot tests cover.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.align import MatchKind
from tui.ui.app import PropdiffApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.diff_view import DiffView
from tui.ui.widgets.party_panes import PartyPanes
from tui.ui.workspace import open_workspace

SAMPLE = open_workspace([], sample=True)


async def ready(pilot) -> MainScreen:  # noqa: ANN001
    """Wait for the comparison worker, then return the main screen."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.comparison is not None:
            await app.workers.wait_for_complete()
            await pilot.pause()
            return screen
    raise AssertionError("the comparison never arrived")


def view_of(screen: MainScreen) -> DiffView:
    return screen.query_one(DiffView)


async def test_opens_on_the_us_plan_with_unchanged_hidden() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.series.id == "us-peace-plan-ukraine"
        view = view_of(screen)
        kinds = {screen.comparison.changes[n].kind for n in view.rows}
        assert MatchKind.UNCHANGED not in kinds
        assert view.rows and view.cursor == 0
        assert pilot.app.focused is view


async def test_next_previous_first_last_page_keys_move_the_cursor() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        last = len(view.rows) - 1
        assert last >= 3
        await pilot.press("j")
        assert view.cursor == 1
        await pilot.press("down")
        assert view.cursor == 2
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("up")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.cursor == last
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("end")
        assert view.cursor == last
        await pilot.press("home")
        assert view.cursor == 0
        await pilot.press("pagedown")
        after_page = view.cursor
        assert after_page > 1
        await pilot.press("pageup")
        assert view.cursor < after_page


async def test_brackets_step_the_pair_along_the_series_with_branches() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        start_new = screen.new.id
        await pilot.press("left_square_bracket")
        screen = await ready(pilot)
        assert screen.new.id != start_new
        assert screen.old.id == screen.new.previous
        pairs = [(screen.old.id, screen.new.id)]
        await pilot.press("left_square_bracket")
        screen = await ready(pilot)
        pairs.append((screen.old.id, screen.new.id))
        # e3-counter and geneva-19 both revise draft-28: each is compared with draft-28, never with the other
        assert ("draft-28", "e3-counter") in pairs
        await pilot.press("right_square_bracket")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == pairs[0]


async def test_u_shows_unchanged_points_and_hides_them_again() -> None:
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await screen.switch_series(next(s for s in SAMPLE.series if s.id == "examplia-coalition"))
        screen = await ready(pilot)
        view = view_of(screen)
        hidden_rows = len(view.rows)
        await pilot.press("u")
        assert MatchKind.UNCHANGED not in screen.hidden
        assert len(view.rows) == len(screen.comparison.changes) > hidden_rows
        await pilot.press("u")
        assert len(view.rows) == hidden_rows


async def test_search_finds_point_text_and_n_moves_between_hits() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        await pilot.press("slash")
        assert pilot.app.focused.id == "search"
        await pilot.press(*"ukraine", "enter")
        assert view.query == "ukraine"
        assert len(view.hits) >= 2
        assert view.cursor == view.hits[0]
        assert pilot.app.focused is view
        await pilot.press("n")
        assert view.cursor == view.hits[1]
        await pilot.press("N")
        assert view.cursor == view.hits[0]


async def test_tab_cycles_focus_between_diff_and_party_panes_and_numbers_pick_a_party() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panes = screen.query_one(PartyPanes)
        await pilot.press("tab")
        assert pilot.app.focused is panes.active_scroll
        await pilot.press("tab")
        assert pilot.app.focused is view_of(screen)
        await pilot.press("2")
        assert panes.active == "party-2"
        text = str(panes.query_one("#party-text-2").render())
        assert screen.series.parties[1].name in text


async def test_question_mark_opens_help_and_escape_closes_it() -> None:
    from tui.ui.screens.help_screen import HelpScreen

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "step the pair" in str(pilot.app.screen.query_one("#help-text").render())
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_q_quits() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_a_terminal_too_small_shows_a_notice() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(40, 12)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-too-small")
        assert "40×12" in str(screen.query_one("#too-small").render())
        assert not view_of(screen).display or not view_of(screen).region.area


async def test_empty_folder_opens_a_screen_that_says_how_to_fix_it(tmp_path: Path) -> None:
    from tui.ui.screens.empty_screen import EmptyScreen

    async with PropdiffApp(open_workspace([tmp_path])).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, EmptyScreen)
        assert "no proposal files" in str(pilot.app.screen.query_one("#empty-text").render())


async def test_broken_files_are_listed_with_located_errors_and_the_rest_opens(tmp_path: Path) -> None:
    from tui.ui.screens.problems_screen import ProblemsScreen

    sample = Path(__file__).resolve().parents[1] / "proposals" / "examplia-coalition"
    for file in sample.iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    (tmp_path / "broken.yaml").write_text("format: proposal/1\nproposal: x\nrevision: [\n", encoding="utf-8")
    async with PropdiffApp(open_workspace([tmp_path])).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.series.id == "examplia-coalition"
        await pilot.press("p")
        assert isinstance(pilot.app.screen, ProblemsScreen)
        text = str(pilot.app.screen.query_one("#problems-text").render())
        assert "broken.yaml:" in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_markup_in_file_text_is_shown_as_typed(tmp_path: Path, size: tuple[int, int]) -> None:
    (tmp_path / "a.yaml").write_text(
        "format: proposal/1\nproposal: demo\nrevision: {id: one}\npoints:\n"
        "  - {number: '1', text: 'Keep [bold]this[/bold] and [link=x]that[/link]'}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "format: proposal/1\nproposal: demo\nrevision: {id: two, previous: one}\npoints:\n"
        "  - {number: '1', text: 'Keep [bold]this[/bold] and [red]more[/red]'}\n",
        encoding="utf-8",
    )
    async with PropdiffApp(open_workspace([tmp_path])).run_test(size=size) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        lines = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "[bold]" in lines


async def test_h_opens_the_history_of_the_focused_point_through_the_series() -> None:
    from tui.ui.screens.history_screen import HistoryScreen

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "framework-20")
        await pilot.press("slash", *"crimea", "enter")
        view = view_of(screen)
        change = screen.comparison.changes[view.current_change]
        assert [p.ref for p in change.old] == ["21"]
        await pilot.press("h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert history.steps is not None
        text = str(history.query_one("#history-text").render())
        assert "History of point 21" in text
        assert "unknown: geneva-19 is partial" in text
        assert "renumbered 21 → 14" in text
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_r_opens_the_revision_picker_and_enter_compares_the_chosen_pair() -> None:
    from tui.ui.screens.revision_picker import RevisionPicker

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        picker = pilot.app.screen
        assert isinstance(picker, RevisionPicker)
        # OLD list starts on draft-28; move NEW (tab) from framework-20 up to e3-counter
        await pilot.press("tab", "up", "up", "enter")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "e3-counter")


async def test_the_picker_refuses_the_same_revision_on_both_sides() -> None:
    from tui.ui.screens.revision_picker import RevisionPicker

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r", "tab", "home", "enter")
        assert isinstance(pilot.app.screen, RevisionPicker)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_s_switches_series_when_several_are_loaded() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.press("home", "enter")
        screen = await ready(pilot)
        assert screen.series.id == "examplia-coalition"
        panes = screen.query_one(PartyPanes)
        assert [p.id for p in panes.parties] == [p.id for p in screen.series.parties]


async def test_f_filters_rows_by_kind() -> None:
    from tui.ui.screens.filter_dialog import FilterDialog

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        assert isinstance(pilot.app.screen, FilterDialog)
        # the list starts on "unchanged" (hidden); the second entry is "reworded": hide it
        await pilot.press("down", "space", "enter")
        assert MatchKind.REWORDED in screen.hidden and MatchKind.UNCHANGED in screen.hidden
        view = view_of(screen)
        assert view.rows
        assert all(screen.comparison.changes[n].kind is not MatchKind.REWORDED for n in view.rows)


async def test_t_switches_theme() -> None:
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = pilot.app.theme
        await pilot.press("t")
        assert pilot.app.theme != before


async def test_command_palette_offers_the_commands_valid_now() -> None:
    from tui.ui.commands import PairCommands

    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        titles = [title for title, _, _ in PairCommands(screen)._commands()]
        assert any(t.startswith("pair: step older") for t in titles)
        assert not any(t.startswith("pair: step newer") for t in titles)  # framework-20 is the newest
        assert "series: open examplia-coalition" in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"step older")
        await pilot.pause(0.5)
        await pilot.press("enter")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "geneva-19")


async def test_two_files_open_on_their_last_revisions(tmp_path: Path) -> None:
    folder = Path(__file__).resolve().parents[1] / "proposals" / "us-peace-plan-ukraine"
    workspace = open_workspace([folder / "01-draft-28.yaml", folder / "02-e3-counter.yaml"])
    assert workspace.two_files
    async with PropdiffApp(workspace).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "e3-counter")
        assert "files" in str(screen.query_one("#pair-header").render())


class TestWorkspace:
    def test_a_folder_of_proposals_opens_and_the_header_says_so(self, tmp_path: Path) -> None:
        sample = Path(__file__).resolve().parents[1] / "proposals" / "examplia-coalition"
        (tmp_path / "plans").mkdir()
        for file in sample.iterdir():
            (tmp_path / "plans" / file.name).write_bytes(file.read_bytes())
        workspace = open_workspace([], cwd=tmp_path)
        assert workspace.origin == f"folder {tmp_path}"
        assert [s.id for s in workspace.series] == ["examplia-coalition"]

    def test_other_yaml_does_not_make_a_folder_of_proposals(self, tmp_path: Path) -> None:
        (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
        workspace = open_workspace([], cwd=tmp_path)
        assert workspace.origin.startswith("bundled sample")
        assert workspace.start_series == "us-peace-plan-ukraine"


async def test_wide_and_right_to_left_text_keeps_both_sides_aligned(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "format: proposal/1\nproposal: demo\nrevision: {id: one}\npoints:\n"
        "  - {number: '1', text: '河谷联盟河谷联盟 shares the river 🎣🎣 with تحالف الجنوب and more words to wrap'}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "format: proposal/1\nproposal: demo\nrevision: {id: two, previous: one}\npoints:\n"
        "  - {number: '1', text: '河谷联盟 shares the whole river 🎣 with تحالف الجنوب and some more words to wrap here'}\n",
        encoding="utf-8",
    )
    async with PropdiffApp(open_workspace([tmp_path])).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(screen)
        strips = [view.render_line(y) for y in range(view.size.height)]
        assert {strip.cell_length for strip in strips} == {view.size.width - 1}  # minus the scrollbar
        text = [strip.text for strip in strips]
        assert any("河谷联盟" in line for line in text)
        # the OLD column ends at the same cell on every line: the middle column starts there
        middle = [line for line in text if "reworded" in line]
        assert middle


async def test_e_exports_the_comparison_without_overwriting(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """`e` opens the export dialog; enter writes the suggested file; a second export to the same
    file is refused until the user presses Overwrite."""
    from tui.ui.screens.export_dialog import ExportDialog

    monkeypatch.chdir(tmp_path)
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "propdiff-us-peace-plan-ukraine-draft-28-framework-20.md"
        assert written.is_file() and "draft-28" in written.read_text(encoding="utf-8")
        written.write_text("mine", encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        assert written.read_text(encoding="utf-8") == "mine"


async def test_no_color_renders_with_strike_and_underline_cues(monkeypatch) -> None:  # noqa: ANN001
    """Under NO_COLOR Textual draws in monochrome; removed and added words must still differ."""
    monkeypatch.setenv("NO_COLOR", "1")
    async with PropdiffApp(SAMPLE).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert pilot.app.is_running
        view = view_of(screen)
        styles = [segment.style for y in range(view.size.height) for segment in view.render_line(y)]
        assert any(style and style.strike for style in styles)
        assert any(style and style.underline for style in styles)


def test_help_lists_every_key_the_app_binds() -> None:
    """The help screen is written by hand; this keeps it in step with the bindings."""
    from tui.ui.screens.help_screen import HELP_KEYS

    names = {
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "question_mark": "?",
        "slash": "/",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "down": "↓",
        "up": "↑",
    }
    listed = " ".join(key for key, _ in HELP_KEYS).split()
    for binding in (*PropdiffApp.BINDINGS, *MainScreen.BINDINGS, *DiffView.BINDINGS):
        for key in binding.key.split(","):
            if key == "shift+tab" or key.isdigit():
                continue
            assert names.get(key, key) in listed, f"{key} ({binding.action}) is missing from the help"
